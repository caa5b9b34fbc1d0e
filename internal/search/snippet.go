package search

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/kamnotra/kamnotra/internal/khmer"
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
		var nd *needles
		if n < len(text) {
			nd = newNeedles(a, text, want)
		}
		spans = matchSpans(a, text, want, nd, width, max(n, 1))
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
//
// With needles, stretches where no wanted token can begin are skipped
// unread: the next piece starts at the word of the next place one might.
func matchSpans(a Analyzer, text string, want map[Field]map[string]bool, nd *needles, width, n int) []span {
	var spans []span
	from, done := 0, 0 // analyse from from; tokens ending by done are counted
	for {
		if nd != nil {
			p := nd.next(from)
			if p < 0 {
				return spans // no wanted token starts from here on
			}
			if sp := spaceBefore(text, p); sp > done+n/2 {
				// Every wanted token starts where a needle is, so none
				// starts in [from, p): start again at p's word.
				from, done = sp, sp
			}
		}
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

// needles find where a wanted token may begin without analysing the text,
// for the match tokens of KhmerAnalyzer, which are cut from the text's
// normal form: a Khmer term's first cluster stands in that form as it is
// where the term's token begins; a Latin term is Porter-stemmed from a
// word whose first letters it keeps (all but its last two at most:
// "ability" gives "abl"); a number begins at a digit. They may find places
// where no wanted token begins (analysis then says), never miss one.
type needles struct {
	norm   *khmer.Normalized
	khmer  []string // first clusters
	latin  []string // lowercase prefixes, at the start of a Latin word
	number bool
}

// khmerTokenizer is an analyzer whose Tokens are KhmerAnalyzer's: itself,
// or one that embeds it (to count its work, say).
type khmerTokenizer interface{ khmerTokens() }

func (KhmerAnalyzer) khmerTokens() {}

// newNeedles returns nil when the analyzer or the text is not one needles
// know: then everything is analysed.
func newNeedles(a Analyzer, text string, want map[Field]map[string]bool) *needles {
	if _, ok := a.(khmerTokenizer); !ok {
		return nil
	}
	nd := &needles{}
	for field, terms := range want {
		if field != FieldTerms {
			continue // KhmerAnalyzer makes no other tokens of text
		}
		for t := range terms {
			switch r, _ := utf8.DecodeRuneInString(t); {
			case t == "":
			case isDigits(t):
				nd.number = true
			case r < utf8.RuneSelf && isASCIIWord(t):
				nd.latin = append(nd.latin, t[:min(3, max(1, len(t)-2))])
			case isKhmer(r):
				nd.khmer = append(nd.khmer, t[:khmer.NextCluster(t)])
			default:
				return nil // a word of another script: analyse it all
			}
		}
	}
	nd.norm = khmer.NormalizeMap(text)
	if orphanMark(nd.norm.Text) {
		return nil
	}
	return nd
}

// next returns the first place in the display text, at or after from (or
// a little before, at the start of a cluster normalisation changed), where
// a wanted token may begin, or -1.
func (nd *needles) next(from int) int {
	p := nd.nextNorm(nd.norm.Text, nd.norm.ToNorm(from))
	if p < 0 {
		return -1
	}
	return nd.norm.ToOrig(p)
}

func (nd *needles) nextNorm(text string, from int) int {
	best := len(text)
	for _, k := range nd.khmer {
		if i := strings.Index(text[from:best], k); i >= 0 {
			best = from + i
		}
	}
	if len(nd.latin) == 0 && !nd.number {
		if best == len(text) {
			return -1
		}
		return best
	}
	for j := from; j < best; {
		c := text[j]
		if c < utf8.RuneSelf {
			switch {
			case isASCIILetter(c) && (j == 0 || !isASCIILetter(text[j-1])) && nd.latinAt(text, j):
				return j
			case nd.number && isASCIIDigit(c) && (j == 0 || !isASCIIDigit(text[j-1])):
				return j
			}
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		switch {
		case r >= 0x17E0 && r <= 0x17E9: // Khmer digits
			if nd.number {
				return j
			}
		case isKhmer(r), r >= 0x2000 && r <= 0x206F: // Khmer, general punctuation
		default:
			// Another script's letter or digit may begin a Latin word (É)
			// or a number.
			return j
		}
		j += size
	}
	if best == len(text) {
		return -1
	}
	return best
}

// latinAt reports whether a Latin word starting at j may stem to a wanted
// term: its letters, lowercased and without apostrophes, begin with one
// of the prefixes, or a letter past ASCII makes it unknowable.
func (nd *needles) latinAt(text string, j int) bool {
	for _, p := range nd.latin {
		k, i := 0, j
		for k < len(p) && i < len(text) {
			c := text[i]
			if c >= utf8.RuneSelf {
				return true
			}
			if c == '\'' {
				i++
				continue
			}
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != p[k] {
				break
			}
			k, i = k+1, i+1
		}
		if k == len(p) {
			return true
		}
	}
	return false
}

// orphanMark reports whether a Khmer vowel or sign follows something
// other than Khmer (a space, say): the tokenizer joins it to the cluster
// before, so that cluster is not in the text as the term has it.
func orphanMark(text string) bool {
	prev := ' '
	for _, r := range text {
		if (r >= 0x17B6 && r <= 0x17D3 || r == 0x17DD) && !isKhmer(prev) {
			return true
		}
		prev = r
	}
	return false
}

func isKhmer(r rune) bool { return r >= 0x1780 && r <= 0x17FF || r >= 0x19E0 && r <= 0x19FF }

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isASCIIDigit(s[i]) {
			return false
		}
	}
	return true
}

// isASCIIWord reports whether s is lowercase ASCII letters and digits.
func isASCIIWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || isASCIIDigit(c)) {
			return false
		}
	}
	return true
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
