// Package extract turns the text of a report into the events it reports —
// or claims to report — each with the exact span of text that says so.
//
// The text is split into sentences once (Khmer sentences end at ។ or ៕,
// English ones at . ! ? and line breaks), each tagged with its language, and
// each language's rules (en.go, km.go) read the sentences of their language
// with the document around them as context. Shared post-processing resolves
// dates against the publication date, merges duplicates inside the document
// and maps organisations and places to canonical names.
//
// Claims are first-class. Every event carries who claims it (the outlet by
// default; a speaker of "said", "claimed", "according to"), its stance
// (asserts; hedged for "allegedly", "reportedly", "claimed"; denies), the
// role class of its subjects and the grade of its evidence (named people,
// documented by photos or lists, or a bare count). Planned, conditional,
// wished-for and ongoing actions are not events and are not returned. A
// denial ("X denied that 300 members had defected") is returned with stance
// denies, so a reader sees it, but it is not an event: Asserted drops it,
// and the corpus format, eval and Apply leave it out.
//
// Entry points: Extract (text to events), Evaluate (against labelled
// items), Apply and Reextract (into the store), ReadInput, WriteJSON and
// WriteText (for the command line), RunBench.
package extract

import (
	"sort"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
)

// Version is recorded on every fact the extractor makes. Bump it whenever
// a change would alter output, so reextract knows what to redo.
const Version = "0.2.0"

// Input is one document to read.
type Input struct {
	Text       string
	Title      string
	Lang       string    // km, en, mul or "" (detected per sentence anyway)
	Published  time.Time // zero when unknown: relative dates stay unresolved
	Outlet     string    // outlet name, the default claimant
	OutletKind record.OutletKind
}

// Place is where an event happened, by canonical English gazetteer names.
type Place struct {
	Province string `json:"province,omitempty"`
	District string `json:"district,omitempty"`
	Commune  string `json:"commune,omitempty"`
}

// Event is one event found in a document, in the shape of the shared
// corpus format plus the extractor's own fields.
type Event struct {
	Type           record.EventType      `json:"type"`
	Persons        []string              `json:"persons"`
	Count          *int64                `json:"count"`
	CountQualifier record.CountQualifier `json:"count_qualifier,omitempty"`
	FromOrg        string                `json:"from_org,omitempty"` // canonical English name
	ToOrg          string                `json:"to_org,omitempty"`
	Place          Place                 `json:"place"`
	Date           record.Date           `json:"date,omitzero"`
	PresidedBy     []string              `json:"presided_by"`
	Evidence       string                `json:"evidence"` // Input.Text[Span.Start:Span.End]
	Span           record.Span           `json:"span"`

	Claimant   string               `json:"claimant,omitempty"`
	Stance     record.Stance        `json:"stance"`
	RoleClass  record.RoleClass     `json:"role_class,omitempty"`
	Grade      record.EvidenceGrade `json:"evidence_grade,omitempty"`
	Confidence float64              `json:"confidence"`

	flags uint8 // rule-internal marks, never output
}

// Sentence is one sentence of the input with its byte span and language.
type Sentence struct {
	Text string
	Span record.Span
	Lang string // km or en, by majority of letters
}

// Doc is a document prepared for the language rules.
type Doc struct {
	In        Input
	Sentences []Sentence
}

// LangFunc reads the sentences of its language in d (those with
// Sentence.Lang equal to the language it is registered for; the others are
// context) and returns the events they state. It sets Span to the byte range
// of the evidence in d.In.Text; Extract fills Evidence from the span, the
// default claimant and stance, canonical names, and drops duplicates.
//
// To the author of km.go: register extractKm from an init function,
//
//	func init() { registerLang(record.LangKhmer, extractKm) }
//
// and the English rules (en.go) do the same for record.LangEnglish. A
// language without a registered function simply yields no events, so the
// package compiles and runs before km.go exists.
type LangFunc func(d *Doc) []Event

var langFuncs = map[string]LangFunc{}

// registerLang installs the rules of one language. It is called from init
// functions only, so the map needs no lock.
func registerLang(lang string, f LangFunc) {
	if _, dup := langFuncs[lang]; dup {
		panic("extract: rules registered twice for language " + lang)
	}
	langFuncs[lang] = f
}

// Languages lists the languages that have rules, sorted.
func Languages() []string {
	out := make([]string, 0, len(langFuncs))
	for l := range langFuncs {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// Extract reads one document and returns the events it states, denials
// included (Stance == record.StanceDenies; see Asserted), ordered by the
// position of their evidence. It never panics on any text, and every
// event's Evidence is exactly In.Text[Span.Start:Span.End].
func Extract(in Input) []Event {
	d := NewDoc(in)
	var evs []Event
	for _, lang := range [...]string{record.LangEnglish, record.LangKhmer} {
		f := langFuncs[lang]
		if f == nil || !d.has(lang) {
			continue
		}
		evs = append(evs, f(d)...)
	}
	for lang, f := range langFuncs {
		if lang != record.LangEnglish && lang != record.LangKhmer && d.has(lang) {
			evs = append(evs, f(d)...)
		}
	}
	return postprocess(d, evs)
}

// NewDoc splits in.Text into sentences and tags each with its language.
func NewDoc(in Input) *Doc {
	return &Doc{In: in, Sentences: SplitSentences(in.Text)}
}

func (d *Doc) has(lang string) bool {
	for i := range d.Sentences {
		if d.Sentences[i].Lang == lang {
			return true
		}
	}
	return false
}

// Asserted returns the events a report states as having happened: all but
// denials. These are the events of the corpus format and of eval; a denial
// ("X denied that members had defected") is kept in Extract's output as a
// citation with stance denies, never counted as an event.
func Asserted(evs []Event) []Event {
	out := make([]Event, 0, len(evs))
	for _, e := range evs {
		if e.Stance != record.StanceDenies {
			out = append(out, e)
		}
	}
	return out
}
