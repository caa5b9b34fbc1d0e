package extract

import (
	"time"

	"github.com/kamnotra/kamnotra/internal/corpus"
	"github.com/kamnotra/kamnotra/internal/record"
)

// InputFromItem makes an Input from a corpus item; its labelled events are
// ignored. An unparseable publication date is treated as unknown.
func InputFromItem(it *corpus.Item) Input {
	in := Input{Text: it.Text, Lang: it.Lang, Outlet: it.Outlet}
	if it.Title != nil {
		in.Title = *it.Title
	}
	if it.Published != nil {
		if t, err := time.Parse("2006-01-02", *it.Published); err == nil {
			in.Published = t
		}
	}
	return in
}

// ToCorpus converts an event to the shared corpus format: nulls where the
// corpus has them, canonical names, the extractor's own fields dropped.
func ToCorpus(e Event) corpus.Event {
	str := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	out := corpus.Event{
		Type:       string(e.Type),
		Persons:    append([]string{}, e.Persons...),
		FromOrg:    str(e.FromOrg),
		ToOrg:      str(e.ToOrg),
		Place:      corpus.Place{Province: str(e.Place.Province), District: str(e.Place.District), Commune: str(e.Place.Commune)},
		Date:       str(e.Date.String()),
		PresidedBy: append([]string{}, e.PresidedBy...),
		Evidence:   e.Evidence,
	}
	if e.Count != nil {
		n := *e.Count
		out.Count = &n
		q := string(e.CountQualifier)
		if q == "" {
			q = string(record.CountExact)
		}
		out.CountQualifier = &q
	}
	return out
}

// Output is one event as `kamnotra extract --format json` prints it: the
// fields of the corpus format, then the extractor's own.
type Output struct {
	corpus.Event
	Span       record.Span          `json:"span"`
	Claimant   string               `json:"claimant"`
	Stance     record.Stance        `json:"stance"`
	RoleClass  record.RoleClass     `json:"role_class"`
	Grade      record.EvidenceGrade `json:"evidence_grade"`
	Confidence float64              `json:"confidence"`
}

// ToOutput converts an event for printing.
func ToOutput(e Event) Output {
	return Output{Event: ToCorpus(e), Span: e.Span, Claimant: e.Claimant, Stance: e.Stance,
		RoleClass: e.RoleClass, Grade: e.Grade, Confidence: e.Confidence}
}
