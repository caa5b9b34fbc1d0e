package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Snippets never cut a Khmer syllable: neither the start nor the end falls
// on a dependent vowel, a sign or a subscript.
func TestSnippetKeepsClustersWhole(t *testing.T) {
	text := strings.Repeat("ស្ត្រីមន្ត្រីក្រសួង ", 30) + "សមាជិក" + strings.Repeat(" ព្រឹត្តិការណ៍ចុះឈ្មោះ", 30)
	a := KhmerAnalyzer{}
	for width := 17; width < 260; width += 7 {
		frs := Snippet(a, text, a.Query("សមាជិក"), width)
		var all strings.Builder
		for _, f := range frs {
			if f.Text != "…" {
				all.WriteString(f.Text)
			}
		}
		got := all.String()
		if !utf8.ValidString(got) || !strings.Contains(text, got) {
			t.Fatalf("width %d: snippet %q is not a piece of the text", width, got)
		}
		start := strings.Index(text, got)
		if insideCluster(text, start) || insideCluster(text, start+len(got)) {
			t.Errorf("width %d: snippet %q cuts a cluster", width, got)
		}
	}
}
