package extract

import (
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzExtract: any text, in any script or none, never panics, and every
// event's evidence is exactly the text at its span, cut at rune boundaries.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"More than 600 members of the Candlelight Party joined the CPP on Saturday.",
		"Chan Dara quit the Candlelight Party to join the CPP on January 22.\nHe was welcomed by Keo Rathana.",
		"The court sentenced four activists — Sok A, Chan B and Meas C — in absentia.",
		"សមាជិកគណបក្សភ្លើងទៀនចំនួន ១២០នាក់ បានចូលរួមជាមួយគណបក្សប្រជាជនកម្ពុជា។",
		"“They did not join,” he said. If they defect, they keep their jobs.",
		"", ".", "\xff\xfe", "Mr. . . U.S. 1,2,3 of them – ",
	} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, dated bool) {
		in := Input{Text: text, Outlet: "Fuzz Daily"}
		if dated {
			in.Published = time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)
		}
		for _, e := range Extract(in) {
			s := e.Span
			if !s.Valid(len(text)) || s.Start >= s.End {
				t.Fatalf("span %v outside text of %d bytes", s, len(text))
			}
			if !utf8.RuneStart(text[s.Start]) || (s.End < len(text) && !utf8.RuneStart(text[s.End])) {
				t.Fatalf("span %v cuts a rune", s)
			}
			if e.Evidence != text[s.Start:s.End] {
				t.Fatalf("evidence %q is not text[%d:%d]", e.Evidence, s.Start, s.End)
			}
			if e.Type == "" || e.Stance == "" {
				t.Fatalf("event without type or stance: %+v", e)
			}
			if e.Count != nil && *e.Count <= 0 {
				t.Fatalf("count %d", *e.Count)
			}
		}
	})
}

// FuzzSplitSentences: sentences are in order, do not overlap, are trimmed,
// and each one's Text is the input at its span.
func FuzzSplitSentences(f *testing.F) {
	for _, s := range []string{"One. Two! Three?", "Mr. Sok said so.\nNext", "ក។ ខ៕ គ", " \u00a0 ", "a.\u200b B"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, s := range SplitSentences(text) {
			if s.Span.Start < prev || s.Span.End <= s.Span.Start || s.Span.End > len(text) {
				t.Fatalf("span %v after %d in %d bytes", s.Span, prev, len(text))
			}
			if s.Text != text[s.Span.Start:s.Span.End] {
				t.Fatalf("sentence %q is not text at %v", s.Text, s.Span)
			}
			if a, b := trimSpan(text, s.Span.Start, s.Span.End); a != s.Span.Start || b != s.Span.End {
				t.Fatalf("sentence %q is not trimmed", s.Text)
			}
			if s.Lang != "km" && s.Lang != "en" {
				t.Fatalf("language %q", s.Lang)
			}
			prev = s.Span.End
		}
	})
}
