package searchbench

import (
	"os"
	"testing"
	"unicode/utf8"

	"github.com/kamnotra/kamnotra/internal/search"
)

func filepathTemp() (string, error) { return os.MkdirTemp("", "searchbench") }

func TestCorpusIsDeterministicAndShaped(t *testing.T) {
	a, b := NewCorpus(500, 7), NewCorpus(500, 7)
	langs := map[string]int{}
	for i := 0; i < 500; i++ {
		da, db := a.Doc(i), b.Doc(i)
		if da.Text != db.Text || da.Title != db.Title || !da.Date.Equal(db.Date) {
			t.Fatalf("document %d differs between two corpora of the same seed", i)
		}
		if !utf8.ValidString(da.Text) {
			t.Fatalf("document %d is not UTF-8", i)
		}
		if n := len(da.Text); n < 1400 || n > 2500 {
			t.Errorf("document %d has %d bytes, want about 1.5 KB", i, n)
		}
		if i > 0 && da.Date.Before(a.Doc(i-1).Date) {
			t.Errorf("document %d is older than document %d", i, i-1)
		}
		langs[da.Facets[search.FacetLang][0]]++
	}
	for _, l := range []string{"km", "en", "mixed"} {
		if langs[l] < 50 {
			t.Errorf("only %d of 500 documents are %s", langs[l], l)
		}
	}
	if c := NewCorpus(500, 8); c.Doc(0).Text == a.Doc(0).Text {
		t.Error("another seed gave the same document")
	}
}

// TestCommonAndRareTerms: the query classes mean what they say — a common
// term is in many documents, a rare one in few.
func TestCommonAndRareTerms(t *testing.T) {
	c := NewCorpus(2000, 1)
	an := search.KhmerAnalyzer{}
	docTerms := make([]map[string]bool, c.N)
	for i := range docTerms {
		d := c.Doc(i)
		docTerms[i] = map[string]bool{}
		for _, tok := range an.Tokens(d.Title + "\n" + d.Text) {
			docTerms[i][tok.Term] = true
		}
	}
	share := func(word string) float64 {
		n := 0
		groups := an.Query(word)
		for _, m := range docTerms {
			ok := true
			for _, cl := range groups {
				for _, term := range cl[0].Terms {
					ok = ok && m[term]
				}
			}
			if ok {
				n++
			}
		}
		return float64(n) / float64(c.N)
	}
	tests := []struct {
		word     string
		min, max float64
	}{
		{c.English[0], 0.2, 1},
		{c.Khmer[0], 0.2, 1},
		{c.English[rareHi-1], 0, 0.01},
		{c.Khmer[rareHi-1], 0, 0.01},
	}
	for _, tt := range tests {
		if s := share(tt.word); s < tt.min || s > tt.max {
			t.Errorf("%q is in %.1f%% of documents, want %.1f%%–%.1f%%", tt.word, 100*s, 100*tt.min, 100*tt.max)
		}
	}
}

func TestQueriesCoverEveryClass(t *testing.T) {
	qs := NewCorpus(10, 1).Queries(len(Classes)*3, 1)
	got := byClass(qs)
	for _, cl := range Classes {
		if len(got[cl]) != 3 {
			t.Errorf("class %s has %d queries, want 3", cl, len(got[cl]))
		}
	}
}
