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
	return snippet(a, text, clauses, width, width)
}

type span struct{ s, e int }

// snippet analyses text a piece of about n bytes at a time; n >= len(text)
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
	var spans []span
	if len(want) > 0 {
		spans = matchSpans(a, text, want, width, max(n, 1))
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

// matchSpans finds the wanted terms' tokens from the start of text to the
// end of the window around the first of them. Analysing text is most of
// the cost of a result page, and the first match is usually near the
// top: so text is analysed a piece of about n bytes at a time, each piece
// once, stopping when the window is covered, rather than whole.
//
// Pieces end at a space or line break, which no token but a Khmer bigram
// crosses; each piece after the first starts again at the last word of
// the one before, so that a bigram across the space is made whole, and
// keeps only the tokens that end beyond that space.
func matchSpans(a Analyzer, text string, want map[Field]map[string]bool, width, n int) []span {
	var spans []span
	from, done := 0, 0 // analyse from from; tokens ending by done are counted
	for {
		cut := spaceAfter(text, done+n)
		for _, tok := range a.Tokens(text[from:cut]) {
			s, e := from+tok.Start, from+tok.End
			if e > done && s < e && e <= cut && want[tok.Field][tok.Term] {
				spans = append(spans, span{s, e})
			}
		}
		if cut == len(text) {
			return spans
		}
		if len(spans) > 0 {
			first := slices.MinFunc(spans, func(x, y span) int { return x.s - y.s })
			if max(first.s-width/3, 0)+width < cut {
				return spans
			}
		}
		from, done = spaceBefore(text, cut), cut
	}
}

// spaceBefore returns the index of the last ASCII space or line break
// before i, or 0: where the word that ends at i begins, or just before.
func spaceBefore(s string, i int) int {
	for i--; i > 0; i-- {
		if s[i] == ' ' || s[i] == '\n' {
			return i
		}
	}
	return 0
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
