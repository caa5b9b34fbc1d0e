package search

import (
	"fmt"
	"reflect"
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

// TestNewHitsKeepsOrder: hits built on several cores come in the rows'
// order, each with its own row's snippet.
func TestNewHitsKeepsOrder(t *testing.T) {
	a := KhmerAnalyzer{}
	clauses := a.Query("ក្រសួង")
	var rows []HitRow
	for i := range 37 {
		rows = append(rows, HitRow{ID: fmt.Sprint("d", i), Kind: KindDocument, Title: fmt.Sprint("t", i),
			Body: strings.Repeat("ព័ត៌មាន ", i) + "ក្រសួងកសិកម្ម " + fmt.Sprint(i), Day: int64(40000 + i)})
	}
	hits := NewHits(a, clauses, rows)
	if len(hits) != len(rows) {
		t.Fatalf("%d hits for %d rows", len(hits), len(rows))
	}
	for i, h := range hits {
		r := rows[i]
		if h.ID != r.ID || h.Title != r.Title || !h.Date.Equal(DayOf(r.Day)) || !reflect.DeepEqual(h.Snippet, Snippet(a, r.Body, clauses, 200)) {
			t.Fatalf("hit %d = %+v, from row %+v", i, h, r)
		}
	}
}
