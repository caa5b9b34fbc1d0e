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
