package postgres_test

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/kamnotra/kamnotra/internal/pgtest"
	"github.com/kamnotra/kamnotra/internal/search"
	"github.com/kamnotra/kamnotra/internal/search/postgres"
	"github.com/kamnotra/kamnotra/internal/search/searchbench"
	"github.com/kamnotra/kamnotra/internal/search/sqlite"
)

// TestSearchAgreesWithSQLite runs the benchmark's kinds of query — Khmer,
// English and mixed; common and rare words; pairs seldom together; date
// ranges, filters, facets and later pages — against both backends on one
// generated corpus and wants the same answers. SQLite's FTS5 keeps
// positions in its index and reads no windows, so it is an independent
// reference for everything PostgreSQL's windows decide: which forms of a
// term to ask for, which conditions go to the index and which are
// checked on the rows, how windows are cut into spans. The thresholds
// are lowered so that terms pass through all three forms while the
// corpus loads, and the first window is small.
// PostgreSQL stops counting at pgCap, SQLite at 1,000, so its counts
// decide PostgreSQL's.
func TestSearchAgreesWithSQLite(t *testing.T) {
	const pgCap = 60
	if testing.Short() {
		t.Skip("loads 2,000 generated documents into both backends")
	}
	ctx := context.Background()
	pg, err := postgres.New(ctx, pgtest.Pool(t), search.KhmerAnalyzer{})
	if err != nil {
		t.Fatal(err)
	}
	pg.SetThresholds(25, 150, 30, pgCap)
	lite, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "search.db"), search.KhmerAnalyzer{})
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	c := searchbench.NewCorpus(2000, 7)
	// One batch after another, in the same order, so that both give the
	// documents of a day the same sequence.
	for lo := 0; lo < c.N; lo += 50 {
		var docs []search.Doc
		for i := lo; i < min(lo+50, c.N); i++ {
			docs = append(docs, c.Doc(i))
		}
		if err := pg.Put(ctx, docs...); err != nil {
			t.Fatal(err)
		}
		if err := lite.Put(ctx, docs...); err != nil {
			t.Fatal(err)
		}
	}
	var qs []search.Query
	first, last := c.Doc(0).Date, c.Doc(c.N-1).Date
	for i, bq := range c.Queries(88, 11) {
		q := search.Query{Text: bq.Text, WithFacets: bq.Facets}
		switch i % 8 {
		case 1: // a date range cutting buckets and runs in the middle
			q.From, q.To = first.AddDate(3, 1, 5), last.AddDate(-4, 2, 9)
		case 3:
			q.Facets = map[string][]string{search.FacetOutletKind: {"official", "monitor"}}
			q.WithFacets = true
		case 5:
			q.Offset, q.Limit = 40, 30
		case 7:
			q.To = first.AddDate(1, 0, 0) // the oldest year only
		}
		qs = append(qs, q)
	}
	// Words between rare and common, whose documents hold them in two or
	// three forms, alone and with a common word.
	for _, rank := range []int{60, 120, 250, 500, 1000, 2000} {
		qs = append(qs, search.Query{Text: c.Khmer[rank]}, search.Query{Text: c.English[rank]},
			search.Query{Text: c.Khmer[rank] + " " + c.English[3]}, search.Query{Text: c.English[rank] + " " + c.Khmer[2], WithFacets: true})
	}
	// A word in most documents, in a window of a few days.
	qs = append(qs, search.Query{Text: c.Khmer[0], From: last.AddDate(0, 0, -20), To: last.AddDate(0, 0, -3), WithFacets: true})
	capped, found := 0, 0
	for _, q := range qs {
		want, err := lite.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		got, err := pg.Search(ctx, q)
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		name := fmt.Sprintf("%q from %s to %s facets %v offset %d", q.Text, day(q.From), day(q.To), q.Facets, q.Offset)
		// A count that stops still covers the page asked for.
		wantTotal := max(min(want.Total, pgCap), min(want.Total, q.Offset+len(want.Hits)))
		if got.Total != wantTotal || got.TotalCapped != (want.Total > pgCap) {
			t.Errorf("%s: total %d (capped %v), want %d of SQLite's %d", name, got.Total, got.TotalCapped, wantTotal, want.Total)
		}
		if g, w := hitIDs(got), hitIDs(want); !slices.Equal(g, w) {
			t.Errorf("%s: hits\n%v\nSQLite\n%v", name, g, w)
		}
		if q.WithFacets && !reflect.DeepEqual(nonzero(got.Facets), nonzero(want.Facets)) {
			t.Errorf("%s: facets\n%v\nSQLite\n%v", name, got.Facets, want.Facets)
		}
		if got.TotalCapped {
			capped++
		}
		if len(want.Hits) > 0 {
			found++
		}
	}
	// The queries must reach both ends: capped counts and rarer words.
	if capped < 10 || found < len(qs)/2 {
		t.Errorf("%d of %d queries capped, %d found anything: the corpus no longer exercises the windows", capped, len(qs), found)
	}
}

func day(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format("2006-01-02")
}

func hitIDs(r *search.Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	return out
}

// nonzero drops facets without counts: one backend may name a facet it
// counted nothing for.
func nonzero(f map[string]map[string]int) map[string]map[string]int {
	out := map[string]map[string]int{}
	for name, values := range f {
		if len(values) > 0 {
			out[name] = values
		}
	}
	return out
}
