package search

import (
	"sort"
	"unicode/utf8"
)

// Snippet cuts about width bytes of text around the first match of the
// query and marks every matched term. It works on the display text, so a
// reader sees the words as the source wrote them, whichever spelling the
// query used.
func Snippet(a Analyzer, text string, clauses []Clause, width int) []Fragment {
	want := map[Field]map[string]bool{}
	for _, c := range clauses {
		for _, ph := range c {
			if want[ph.Field] == nil {
				want[ph.Field] = map[string]bool{}
			}
			for _, t := range ph.Terms {
				want[ph.Field][t] = true
			}
		}
	}
	type span struct{ s, e int }
	var spans []span
	if len(want) > 0 {
		for _, tok := range a.Tokens(text) {
			if want[tok.Field][tok.Term] && tok.Start < tok.End && tok.End <= len(text) {
				spans = append(spans, span{tok.Start, tok.End})
			}
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].s < spans[j].s })
	merged := spans[:0]
	for _, sp := range spans {
		if n := len(merged); n > 0 && sp.s <= merged[n-1].e {
			merged[n-1].e = max(merged[n-1].e, sp.e)
			continue
		}
		merged = append(merged, sp)
	}

	start := 0
	if len(merged) > 0 {
		start = max(merged[0].s-width/3, 0)
	}
	end := min(start+width, len(text))
	start, end = runeStart(text, start), runeStart(text, end)

	var out []Fragment
	if start > 0 {
		out = append(out, Fragment{Text: "…"})
	}
	pos := start
	for _, sp := range merged {
		if sp.e <= pos || sp.s >= end {
			continue
		}
		s, e := max(sp.s, pos), min(sp.e, end)
		if s > pos {
			out = append(out, Fragment{Text: text[pos:s]})
		}
		out = append(out, Fragment{Text: text[s:e], Match: true})
		pos = e
	}
	if pos < end {
		out = append(out, Fragment{Text: text[pos:end]})
	}
	if end < len(text) {
		out = append(out, Fragment{Text: "…"})
	}
	return out
}

// runeStart moves i back to the start of the rune it falls in.
func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}
