package search

import (
	"slices"
	"strings"
	"testing"
)

// TestSnippetBigramAcrossPieces: Khmer bigrams run across spaces, so a
// match whose space falls where one piece of analysis ends and the next
// begins must still be found, wherever that space falls.
func TestSnippetBigramAcrossPieces(t *testing.T) {
	a := KhmerAnalyzer{}
	cl := a.Query("ខគ")
	for k := range 120 {
		text := strings.Repeat("ក", k) + " " + strings.Repeat("កក ", 30) + "ខ គ " + strings.Repeat("កក ", 30)
		for _, width := range []int{20, 60} {
			got := Snippet(a, text, cl, width)
			want := snippet(a, text, cl, width, len(text))
			if !slices.ContainsFunc(want, func(f Fragment) bool { return f.Match }) {
				t.Fatalf("the whole text has no match: %v", want)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("k=%d width %d:\n got %v\nwant %v", k, width, got, want)
			}
		}
	}
}

// needleTexts have the words needles must not miss: stems that change
// their word's ending, apostrophes, capitals, accents, numbers in both
// scripts, hyphens and Khmer bigrams across spaces.
var needleTexts = []string{
	"The ability of the Relational council: hoping, hopped, sensibility, generalization, reasonably, O'Neill didn't agree.",
	"CAFÉ naïve Élection résumé covid19 19covid stop-gap a1b 2,500 people; ១២ នាក់ and ២០២៣.",
	"ក្រុមប្រឹក្សាឃុំបានប្រជុំ ។ មន្ត្រីឃុំចំនួន ១២ នាក់ បានចូលជាសមាជិកគណបក្សឈូក ។ ខ គ ក ស្ត្រី Party (ឈូក)",
	"ឃួង ស្រេង said: «Lotus» — the party’s leader; Москва and Ελλάδα too.",
	"ប ឲ្យ ស្រ្តី ស្ត្រី ក\u200bខ ឲ្យគេ and ឲ្យ again: spellings normalisation folds.",
}

// TestNeedlesFindEveryToken: wherever a match token begins, the needles of
// its term find that place.
func TestNeedlesFindEveryToken(t *testing.T) {
	texts := append(append([]string(nil), needleTexts...), snippetTexts...)
	for _, text := range texts {
		checkNeedles(t, text)
	}
}

func checkNeedles(t *testing.T, text string) {
	t.Helper()
	a := KhmerAnalyzer{}
	for _, tok := range a.Tokens(text) {
		want := map[Field]map[string]bool{tok.Field: {tok.Term: true}}
		nd := newNeedles(a, text, want)
		if nd == nil {
			continue // analysed whole: nothing to miss
		}
		// From where the token begins, the needles find it (or a place
		// just before, in a cluster normalisation changed).
		if got := nd.next(tok.Start); got < 0 || got > tok.Start || got < nd.norm.ToOrig(nd.norm.ToNorm(tok.Start)) {
			t.Fatalf("term %q begins at %d (%q), needles %+v find %d in %q", tok.Term, tok.Start, text[tok.Start:tok.End], *nd, got, text)
		}
		if got := nd.next(0); got < 0 || got > tok.Start {
			t.Fatalf("term %q begins at %d, needles from 0 find %d", tok.Term, tok.Start, got)
		}
	}
}

func FuzzNeedles(f *testing.F) {
	for _, s := range needleTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkNeedles(t, text)
	})
}
