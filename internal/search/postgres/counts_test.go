package postgres

import (
	"context"
	"reflect"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/kamnotra/kamnotra/internal/pgtest"
	"github.com/kamnotra/kamnotra/internal/search"
	"github.com/kamnotra/kamnotra/internal/search/searchtest"
)

func TestConformanceKeepingFacetCounts(t *testing.T) {
	searchtest.Run(t, func(t *testing.T) search.Index {
		idx, err := New(context.Background(), pgtest.Pool(t), search.KhmerAnalyzer{})
		if err != nil {
			t.Fatal(err)
		}
		if err := idx.KeepFacetCounts(); err != nil {
			t.Fatal(err)
		}
		return idx
	})
}

// TestFacetCountsFollowTheIndex: counts kept for a query serve its next
// pages, and go the moment the index changes, by this process or another.
func TestFacetCountsFollowTheIndex(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	idx, err := New(ctx, pool, search.KhmerAnalyzer{})
	if err != nil {
		t.Fatal(err)
	}
	if err := idx.KeepFacetCounts(); err != nil {
		t.Fatal(err)
	}
	idx.maxTotal = 3
	doc := func(id, outlet string) search.Doc {
		return search.Doc{ID: id, Kind: search.KindDocument, Title: "Lotus", Text: "The Lotus Party met.", Facets: map[string][]string{search.FacetOutlet: {outlet}}}
	}
	search1 := func(offset int) *search.Result {
		t.Helper()
		r, err := idx.Search(ctx, search.Query{Text: "Lotus", WithFacets: true, Limit: 1, Offset: offset})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if err := idx.Put(ctx, doc("a", "one"), doc("b", "two")); err != nil {
		t.Fatal(err)
	}
	first := search1(0)
	if !reflect.DeepEqual(first.Facets[search.FacetOutlet], map[string]int{"one": 1, "two": 1}) || first.Total != 2 || first.TotalCapped {
		t.Fatalf("first search: total %d (capped %v), outlets %v", first.Total, first.TotalCapped, first.Facets)
	}
	if n := idx.counts.Len(); n != 1 {
		t.Fatalf("%d queries' counts kept after one search, want 1", n)
	}
	first.Facets[search.FacetOutlet]["one"] = 99 // a caller's change stays the caller's
	second := search1(1)
	if second.Total != 2 || second.Facets[search.FacetOutlet]["one"] != 1 || len(second.Hits) != 1 || second.Hits[0].ID != "a" {
		t.Errorf("second page from kept counts: total %d, outlets %v, hits %v", second.Total, second.Facets, second.Hits)
	}
	// A write by this index.
	if err := idx.Put(ctx, doc("c", "one")); err != nil {
		t.Fatal(err)
	}
	if r := search1(0); r.Facets[search.FacetOutlet]["one"] != 2 || r.Total != 3 {
		t.Errorf("after adding a document: total %d, outlets %v", r.Total, r.Facets)
	}
	// A write through another connection pool, as another process makes.
	otherPool, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer otherPool.Close()
	other, err := New(ctx, otherPool, search.KhmerAnalyzer{})
	if err != nil {
		t.Fatal(err)
	}
	if err := other.Put(ctx, doc("d", "three"), doc("e", "three")); err != nil {
		t.Fatal(err)
	}
	if r := search1(0); !r.TotalCapped || r.Total != 3 || r.Facets[search.FacetOutlet]["three"] != 2 {
		t.Errorf("after another process added two: total %d (capped %v), outlets %v", r.Total, r.TotalCapped, r.Facets)
	}
	if err := other.Delete(ctx, "a", "c", "d", "e"); err != nil {
		t.Fatal(err)
	}
	if r := search1(0); r.Total != 1 || !reflect.DeepEqual(r.Facets[search.FacetOutlet], map[string]int{"two": 1}) {
		t.Errorf("after another process deleted four: total %d, outlets %v", r.Total, r.Facets)
	}
}
