package sqlite

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/kamnotra/kamnotra/internal/search"
	"github.com/kamnotra/kamnotra/internal/search/searchtest"
)

func TestConformanceKeepingFacetCounts(t *testing.T) {
	searchtest.Run(t, func(t *testing.T) search.Index {
		idx, err := Open(context.Background(), filepath.Join(t.TempDir(), "search.db"), search.KhmerAnalyzer{})
		if err != nil {
			t.Fatal(err)
		}
		if err := idx.KeepFacetCounts(); err != nil {
			t.Fatal(err)
		}
		return idx
	})
}

func TestFacetCountsFollowTheIndex(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "search.db")
	idx, err := Open(ctx, path, search.KhmerAnalyzer{})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if err := idx.KeepFacetCounts(); err != nil {
		t.Fatal(err)
	}
	doc := func(id, outlet string) search.Doc {
		return search.Doc{ID: id, Kind: search.KindDocument, Title: "Lotus", Text: "The Lotus Party met.", Facets: map[string][]string{search.FacetOutlet: {outlet}}}
	}
	outlets := func() map[string]int {
		t.Helper()
		r, err := idx.Search(ctx, search.Query{Text: "Lotus", WithFacets: true})
		if err != nil {
			t.Fatal(err)
		}
		return r.Facets[search.FacetOutlet]
	}
	if err := idx.Put(ctx, doc("a", "one"), doc("b", "two")); err != nil {
		t.Fatal(err)
	}
	first := outlets()
	if !reflect.DeepEqual(first, map[string]int{"one": 1, "two": 1}) {
		t.Fatalf("outlet counts %v", first)
	}
	if n := idx.facets.kept.Len(); n != 1 {
		t.Fatalf("%d queries' counts kept after one search, want 1", n)
	}
	first["one"] = 99 // a caller's change stays the caller's
	if got := outlets(); got["one"] != 1 {
		t.Errorf("kept counts changed by a caller: %v", got)
	}
	// A write by this index.
	if err := idx.Put(ctx, doc("c", "one")); err != nil {
		t.Fatal(err)
	}
	if got := outlets(); got["one"] != 2 {
		t.Errorf("after adding a document: %v, want one=2", got)
	}
	// A write by another connection, as a capture run in another process
	// makes.
	other, err := Open(ctx, path, search.KhmerAnalyzer{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.Delete(ctx, "a", "c"); err != nil {
		t.Fatal(err)
	}
	if got := outlets(); !reflect.DeepEqual(got, map[string]int{"two": 1}) {
		t.Errorf("after another connection deleted two documents: %v, want two=1", got)
	}
}

// TestFacetWalkCounts: asked for facets, a search takes its total from
// the facet walk; it must say what counting does.
func TestFacetWalkCounts(t *testing.T) {
	ctx := context.Background()
	idx, err := Open(ctx, filepath.Join(t.TempDir(), "search.db"), search.KhmerAnalyzer{})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	idx.maxTotal = 4
	var docs []search.Doc
	for i := range 7 {
		text := "ministry statement"
		if i%3 == 0 {
			text += " flood"
		}
		docs = append(docs, search.Doc{ID: "c" + string(rune('a'+i)), Kind: search.KindDocument, Title: "t", Text: text,
			Facets: map[string][]string{search.FacetOutlet: {"o"}}})
	}
	if err := idx.Put(ctx, docs...); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"ministry", "flood", "absent"} {
		for _, offset := range []int{0, 2, 4, 6} {
			plain, err := idx.Search(ctx, search.Query{Text: text, Offset: offset, Limit: 2})
			if err != nil {
				t.Fatal(err)
			}
			faceted, err := idx.Search(ctx, search.Query{Text: text, Offset: offset, Limit: 2, WithFacets: true})
			if err != nil {
				t.Fatal(err)
			}
			if plain.Total != faceted.Total || plain.TotalCapped != faceted.TotalCapped || len(plain.Hits) != len(faceted.Hits) {
				t.Errorf("%q at %d: total %d capped %v (%d hits) without facets, %d %v (%d hits) with",
					text, offset, plain.Total, plain.TotalCapped, len(plain.Hits), faceted.Total, faceted.TotalCapped, len(faceted.Hits))
			}
		}
	}
	r, err := idx.Search(ctx, search.Query{Text: "ministry", Limit: 2, WithFacets: true})
	if err != nil {
		t.Fatal(err)
	}
	if r.Total != 4 || !r.TotalCapped || r.Facets[search.FacetOutlet]["o"] != 7 {
		t.Errorf("ministry: total %d capped %v facets %v; want 4, capped, o=7", r.Total, r.TotalCapped, r.Facets)
	}
}
