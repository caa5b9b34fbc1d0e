package search

import (
	"slices"
	"sort"
	"unicode/utf8"
)

// Snippet cuts about width bytes of text around the first match of the
// query and marks every matched term. It works on the display text, so a
// reader sees the words as the source wrote them, whichever spelling the
// query used.
func Snippet(a Analyzer, text string, clauses []Clause, width int) []Fragment {
	return snippet(a, text, clauses, width, 4*width)
}

// snippet analyses text from a prefix of about n bytes; n >= len(text)
// analyses it whole, as the tests' reference.
func snippet(a Analyzer, text string, clauses []Clause, width, n int) []Fragment {
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
	// Analysing text is most of the cost of a result page, and the window
	// shown is usually near the top: analyse a growing prefix, cut at a
	// space, until it holds the first match and the whole window after it.
	for n = max(n, 1); len(want) > 0; n *= 4 {
		cut := spaceAfter(text, n)
		spans = spans[:0]
		for _, tok := range a.Tokens(text[:cut]) {
			if want[tok.Field][tok.Term] && tok.Start < tok.End && tok.End <= cut {
				spans = append(spans, span{tok.Start, tok.End})
			}
		}
		if cut == len(text) {
			break
		}
		if len(spans) > 0 {
			first := slices.MinFunc(spans, func(x, y span) int { return x.s - y.s })
			if max(first.s-width/3, 0)+width < cut {
				break
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
	start, end = clusterStart(text, start), clusterEnd(text, end)

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

// insideCluster reports whether a snippet may not begin or end at i: the
// rune there is a Khmer dependent vowel or sign, or follows a coeng (the
// subscript marker), so cutting there would break a syllable in two.
func insideCluster(s string, i int) bool {
	if i <= 0 || i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	if r >= 0x17B6 && r <= 0x17D3 || r == 0x17DD {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	return prev == 0x17D2
}

// clusterStart moves i back to the start of its Khmer cluster.
func clusterStart(s string, i int) int {
	i = runeStart(s, i)
	for insideCluster(s, i) {
		_, n := utf8.DecodeLastRuneInString(s[:i])
		i -= n
	}
	return i
}

// clusterEnd moves i forward to the end of its Khmer cluster.
func clusterEnd(s string, i int) int {
	i = runeStart(s, i)
	for insideCluster(s, i) {
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	return i
}

// spaceAfter returns the index of the first ASCII space or line break at
// or after i, or len(s): a place to cut text that splits no word or
// cluster.
func spaceAfter(s string, i int) int {
	if i >= len(s) {
		return len(s)
	}
	for ; i < len(s); i++ {
		if s[i] == ' ' || s[i] == '\n' {
			return i
		}
	}
	return len(s)
}
