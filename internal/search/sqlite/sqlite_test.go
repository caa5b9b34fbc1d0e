package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kamnotra/kamnotra/internal/search"
	"github.com/kamnotra/kamnotra/internal/search/searchtest"
)

func TestConformance(t *testing.T) {
	searchtest.Run(t, func(t *testing.T) search.Index {
		idx, err := Open(context.Background(), filepath.Join(t.TempDir(), "search.db"), search.KhmerAnalyzer{})
		if err != nil {
			t.Fatal(err)
		}
		return idx
	})
}

// FuzzSearch: no query, however hostile, is an FTS5 syntax error or a
// panic, and every snippet is made of the stored text.
func FuzzSearch(f *testing.F) {
	idx, err := Open(context.Background(), filepath.Join(f.TempDir(), "search.db"), search.KhmerAnalyzer{})
	if err != nil {
		f.Fatal(err)
	}
	defer idx.Close()
	body := "មន្ត្រី ១២ នាក់ joined the \"Lotus\" Party (ឈូក) on 3 Feb."
	if err := idx.Put(context.Background(), search.Doc{ID: "a", Kind: search.KindDocument, Title: "t", Text: body, Names: []string{"ឃួង ស្រេង"}}); err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{`"`, `NEAR(a b)`, `t:x`, `{t}: x`, `a* OR -b`, "ក\u200b្", "Lotus", "១២"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		r, err := idx.Search(context.Background(), search.Query{Text: q})
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		for _, h := range r.Hits {
			for _, fr := range h.Snippet {
				if fr.Text != "…" && !strings.Contains(body, fr.Text) {
					t.Fatalf("snippet fragment %q is not from the text", fr.Text)
				}
			}
		}
	})
}

func TestCappedTotal(t *testing.T) {
	searchtest.RunCapped(t, 4, func(t *testing.T) search.Index {
		idx, err := Open(context.Background(), filepath.Join(t.TempDir(), "search.db"), search.KhmerAnalyzer{})
		if err != nil {
			t.Fatal(err)
		}
		idx.maxTotal = 4
		return idx
	})
}
