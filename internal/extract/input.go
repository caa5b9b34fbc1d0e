package extract

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kamnotra/kamnotra/internal/corpus"
	"github.com/kamnotra/kamnotra/internal/document"
	"github.com/kamnotra/kamnotra/internal/outlet"
	"github.com/kamnotra/kamnotra/internal/record"
)

// ReadOptions are what the user says about a file that the file itself
// may not: they override what is read from it.
type ReadOptions struct {
	Published string // YYYY-MM-DD
	Outlet    string
	Lang      string // km or en
}

// ReadInput makes an Input of a file's bytes: a corpus item (its labelled
// events ignored), an HTML page or PDF (through document.Read) or plain
// text, which is read as is so that spans index the file's own text.
func ReadInput(ctx context.Context, name string, body []byte, opt ReadOptions) (Input, error) {
	var in Input
	if strings.TrimSpace(string(body)) == "" {
		return in, fmt.Errorf("%s is empty: give a corpus item, an HTML page or a text", name)
	}
	switch document.Sniff("", body) {
	case document.KindCorpusJSON:
		it, err := corpus.ParseBytes(body)
		if err != nil {
			return in, fmt.Errorf("%s: %w", name, err)
		}
		in = InputFromItem(it)
	case document.KindText:
		if !utf8.Valid(body) {
			return in, fmt.Errorf("%s is not UTF-8 text: convert it to UTF-8 first", name)
		}
		in.Text = string(body)
	default:
		res, err := document.Read(ctx, document.Input{URL: "file://" + name, Body: body})
		if err != nil {
			return in, err
		}
		in.Text, in.Title, in.Lang = res.Text, res.Title, res.Lang
		if res.Published.Precision() == record.PrecisionDay {
			in.Published = res.Published.Start()
		}
		if o, ok := outlet.Default().ByID(res.OutletID); ok {
			if n, _ := o.Names.Best(record.LangEnglish); n.Value != "" {
				in.Outlet = n.Value
			}
			in.OutletKind = o.Kind
		} else {
			in.Outlet = res.SiteName
		}
	}
	if opt.Published != "" {
		t, err := time.Parse("2006-01-02", opt.Published)
		if err != nil {
			return in, fmt.Errorf("--published %q: want a date as YYYY-MM-DD", opt.Published)
		}
		in.Published = t
	}
	if opt.Outlet != "" {
		in.Outlet = opt.Outlet
		if o, ok := outlet.Default().ByName(opt.Outlet); ok {
			in.OutletKind = o.Kind
		}
	}
	if opt.Lang != "" {
		if opt.Lang != record.LangKhmer && opt.Lang != record.LangEnglish {
			return in, fmt.Errorf("--lang %q: want km or en", opt.Lang)
		}
		in.Lang = opt.Lang
	}
	if strings.TrimSpace(in.Text) == "" {
		return in, fmt.Errorf("%s: no text found in it to read", name)
	}
	return in, nil
}

// WriteJSON prints {"events": [...], "denials": [...]}: the events the
// report asserts (hedged claims included) in the corpus format plus the
// extractor's fields, and apart from them the denials it quotes.
func WriteJSON(w io.Writer, evs []Event) error {
	out := struct {
		Events  []Output `json:"events"`
		Denials []Output `json:"denials"`
	}{Events: []Output{}, Denials: []Output{}}
	for _, e := range evs {
		if e.Stance == record.StanceDenies {
			out.Denials = append(out.Denials, ToOutput(e))
		} else {
			out.Events = append(out.Events, ToOutput(e))
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// WriteText prints a readable summary, one block per event.
func WriteText(w io.Writer, evs []Event) error {
	var b strings.Builder
	if len(evs) == 0 {
		b.WriteString("no events found\n")
	}
	for i, e := range evs {
		head := string(e.Type)
		if e.Stance == record.StanceDenies {
			head = "DENIED " + head
		}
		fmt.Fprintf(&b, "%d. %s", i+1, head)
		if e.Count != nil {
			q := ""
			switch e.CountQualifier {
			case record.CountMoreThan:
				q = "more than "
			case record.CountAbout:
				q = "about "
			case record.CountAtLeast:
				q = "at least "
			}
			fmt.Fprintf(&b, ", %s%d people", q, *e.Count)
		}
		if len(e.Persons) > 0 {
			fmt.Fprintf(&b, ": %s", strings.Join(e.Persons, ", "))
		}
		b.WriteByte('\n')
		if e.FromOrg != "" || e.ToOrg != "" {
			fmt.Fprintf(&b, "   %s → %s\n", orDash(e.FromOrg), orDash(e.ToOrg))
		}
		if p := placeString(e.Place); p != "" {
			fmt.Fprintf(&b, "   place: %s\n", p)
		}
		if !e.Date.IsZero() {
			fmt.Fprintf(&b, "   date: %s\n", e.Date)
		}
		if len(e.PresidedBy) > 0 {
			fmt.Fprintf(&b, "   presided by: %s\n", strings.Join(e.PresidedBy, ", "))
		}
		fmt.Fprintf(&b, "   claimed by %s (%s); subjects: %s; evidence: %s; confidence %.2f\n", orDash(e.Claimant), e.Stance, e.RoleClass, e.Grade, e.Confidence)
		fmt.Fprintf(&b, "   [%d:%d] %s\n", e.Span.Start, e.Span.End, clip(e.Evidence, 400))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func placeString(p Place) string {
	var parts []string
	for _, s := range []string{p.Commune, p.District, p.Province} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}
