// Package searchtest is the conformance suite every search backend passes.
// It checks behaviour a reader sees: what a query finds and what it must
// not find, in Khmer, English and both.
package searchtest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kamnotra/kamnotra/internal/search"
)

// Open returns an empty index for one test; the suite closes it.
type Open func(t *testing.T) search.Index

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// The fixture: invented reports and people, in the style of real ones.
var fixture = []search.Doc{
	{ID: "d1", Kind: search.KindDocument, Title: "មន្ត្រីឃុំចូលបក្ស",
		Text: "មន្ត្រីឃុំចំនួន ១២ នាក់ បានចូលជាសមាជិកគណបក្សឈូក នៅថ្ងៃទី២៣ ខែកក្កដា ឆ្នាំ២០២៣ ។",
		Date: day("2023-07-24"), Facets: map[string][]string{search.FacetOutlet: {"lotus-news"}, search.FacetOutletKind: {"pro-government"}, search.FacetProvince: {"kh-03"}}},
	{ID: "d2", Kind: search.KindDocument, Title: "ត្រីងៀត",
		Text: "អ្នកនេសាទបានលក់ត្រីនៅផ្សារ ។",
		Date: day("2023-05-02"), Facets: map[string][]string{search.FacetOutlet: {"mekong-watch"}, search.FacetOutletKind: {"independent"}}},
	{ID: "d3", Kind: search.KindDocument, Title: "Activists arrested in Kampong Cham",
		Text: "Police arrested three activists of the Lotus Party on Tuesday, their lawyer said.",
		Date: day("2023-06-13"), Facets: map[string][]string{search.FacetOutlet: {"mekong-watch"}, search.FacetOutletKind: {"independent"}, search.FacetType: {"arrest"}, search.FacetProvince: {"kh-03"}}},
	// ស្ត្រី typed in its common misordered form ស្រ្តី.
	{ID: "d4", Kind: search.KindDocument, Title: "សិទ្ធិស្រ្តី",
		Text: "ក្រុមការងារស្រ្តីបានជួបប្រជុំ ។",
		Date: day("2022-03-08"), Facets: map[string][]string{search.FacetOutlet: {"lotus-news"}, search.FacetOutletKind: {"pro-government"}}},
	// a zero-width space inside the word សមាជិក.
	{ID: "d5", Kind: search.KindDocument, Title: "សមាជិកថ្មី",
		Text: "សមា\u200bជិកថ្មីចំនួនជាង ៣០០ នាក់ ។",
		Date: day("2023-02-03"), Facets: map[string][]string{search.FacetOutlet: {"lotus-news"}, search.FacetOutletKind: {"pro-government"}, search.FacetType: {"party_join"}}},
	{ID: "p1", Kind: search.KindPerson, Title: "ឃួង ស្រេង", Text: "ឃួង ស្រេង", Names: []string{"ឃួង ស្រេង"}},
	{ID: "e1", Kind: search.KindEvent, Title: "Defection of 12 commune officials",
		Text: "Twelve commune officials joined the Lotus Party in Kampong Cham.",
		Date: day("2023-07-23"), Facets: map[string][]string{search.FacetType: {"defection"}, search.FacetProvince: {"kh-03"}}},
	{ID: "d6", Kind: search.KindDocument, Title: "Mixed report",
		Text: "The ministry official (មន្ត្រីក្រសួង) resigned on 23 July 2023.",
		Date: day("2023-07-25"), Facets: map[string][]string{search.FacetOutlet: {"mekong-watch"}, search.FacetOutletKind: {"independent"}}},
}

func load(t *testing.T, open Open) search.Index {
	t.Helper()
	idx := open(t)
	t.Cleanup(func() { idx.Close() })
	if err := idx.Put(context.Background(), fixture...); err != nil {
		t.Fatalf("Put: %v", err)
	}
	return idx
}

func ids(r *search.Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	slices.Sort(out)
	return out
}

// Run runs the suite against a backend.
func Run(t *testing.T, open Open) {
	ctx := context.Background()
	t.Run("Finds", func(t *testing.T) {
		idx := load(t, open)
		tests := []struct {
			name  string
			query string
			want  []string
		}{
			{"english word", "activists", []string{"d3"}},
			{"english stem", "arrest", []string{"d3"}},
			{"english case and two words", "LOTUS party", []string{"d3", "e1"}},
			{"khmer word", "សមាជិក", []string{"d1", "d5"}},
			{"fish does not match inside official", "ត្រី", []string{"d2"}},
			{"official", "មន្ត្រី", []string{"d1", "d6"}},
			{"variant spelling finds the other order", "ស្ត្រី", []string{"d4"}},
			{"misordered query finds the canonical order too", "ស្រី្ត", []string{"d4"}},
			{"zero width space in the document is ignored", "សមាជិកថ្មី", []string{"d5"}},
			{"zero width space in the query is ignored", "មន្ត្រី\u200bឃុំ", []string{"d1"}},
			{"khmer digits index as numbers", "23", []string{"d1", "d6"}},
			{"ascii digits find khmer digits", "300", []string{"d5"}},
			{"mixed query", "ministry មន្ត្រី", []string{"d6"}},
			{"latin spelling finds khmer name", "Khuong Sreng", []string{"p1"}},
			{"another romanisation too", "Khoung Sreng", []string{"p1"}},
			{"nothing", "parliamentarian", nil},
			{"all terms required", "activists ត្រី", nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r, err := idx.Search(ctx, search.Query{Text: tt.query})
				if err != nil {
					t.Fatal(err)
				}
				if got := ids(r); !slices.Equal(got, tt.want) {
					t.Errorf("Search(%q) = %v, want %v", tt.query, got, tt.want)
				}
				if r.Total != len(tt.want) {
					t.Errorf("Total = %d, want %d", r.Total, len(tt.want))
				}
			})
		}
	})

	t.Run("Filters", func(t *testing.T) {
		idx := load(t, open)
		tests := []struct {
			name string
			q    search.Query
			want []string
		}{
			{"kind", search.Query{Text: "Lotus", Kinds: []string{search.KindEvent}}, []string{"e1"}},
			{"facet", search.Query{Text: "សមាជិក", Facets: map[string][]string{search.FacetType: {"party_join"}}}, []string{"d5"}},
			{"facet or", search.Query{Text: "Lotus", Facets: map[string][]string{search.FacetType: {"arrest", "defection"}}}, []string{"d3", "e1"}},
			{"facets and", search.Query{Text: "Lotus", Facets: map[string][]string{search.FacetType: {"arrest", "defection"}, search.FacetOutlet: {"mekong-watch"}}}, []string{"d3"}},
			{"outlet kind", search.Query{Facets: map[string][]string{search.FacetOutletKind: {"pro-government"}}}, []string{"d1", "d4", "d5"}},
			{"date range", search.Query{Text: "មន្ត្រី", From: day("2023-07-25"), To: day("2023-12-31")}, []string{"d6"}},
			{"date range inclusive", search.Query{From: day("2023-07-23"), To: day("2023-07-24")}, []string{"d1", "e1"}},
			{"province without text", search.Query{Facets: map[string][]string{search.FacetProvince: {"kh-03"}}}, []string{"d1", "d3", "e1"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r, err := idx.Search(ctx, tt.q)
				if err != nil {
					t.Fatal(err)
				}
				if got := ids(r); !slices.Equal(got, tt.want) {
					t.Errorf("Search(%+v) = %v, want %v", tt.q, got, tt.want)
				}
			})
		}
	})

	t.Run("NewestFirstAndPaging", func(t *testing.T) {
		idx := load(t, open)
		q := search.Query{Facets: map[string][]string{search.FacetOutletKind: {"pro-government", "independent"}}, Limit: 2}
		var seen []string
		var total int
		for page := 0; page < 5; page++ {
			q.Offset = page * 2
			r, err := idx.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			total = r.Total
			for _, h := range r.Hits {
				seen = append(seen, h.ID)
			}
			if len(r.Hits) < 2 {
				break
			}
		}
		want := []string{"d6", "d1", "d3", "d2", "d5", "d4"} // by date, newest first
		if !slices.Equal(seen, want) || total != len(want) {
			t.Errorf("pages = %v (total %d), want %v", seen, total, want)
		}
	})

	t.Run("FacetCounts", func(t *testing.T) {
		idx := load(t, open)
		r, err := idx.Search(ctx, search.Query{Text: "Lotus", WithFacets: true})
		if err != nil {
			t.Fatal(err)
		}
		got := r.Facets[search.FacetType]
		if got["arrest"] != 1 || got["defection"] != 1 || len(got) != 2 {
			t.Errorf("type facet = %v, want arrest:1 defection:1", got)
		}
		if n := r.Facets[search.FacetProvince]["kh-03"]; n != 2 {
			t.Errorf("province kh-03 = %d, want 2", n)
		}
	})

	t.Run("Snippet", func(t *testing.T) {
		idx := load(t, open)
		for _, tt := range []struct{ query, id, match string }{
			{"activists", "d3", "activists"},
			{"មន្ត្រី", "d6", "មន្ត្រី"},
			{"ស្ត្រី", "d4", "ស្រ្តី"}, // the display text as stored, not the normalised query
		} {
			r, err := idx.Search(ctx, search.Query{Text: tt.query})
			if err != nil {
				t.Fatal(err)
			}
			var hit *search.Hit
			for i := range r.Hits {
				if r.Hits[i].ID == tt.id {
					hit = &r.Hits[i]
				}
			}
			if hit == nil {
				t.Fatalf("%q: %s not found", tt.query, tt.id)
			}
			var marked, all strings.Builder
			for _, f := range hit.Snippet {
				all.WriteString(f.Text)
				if f.Match {
					marked.WriteString(f.Text)
				}
			}
			if !strings.Contains(marked.String(), tt.match) {
				t.Errorf("%q: snippet %q marks %q, want %q marked", tt.query, all.String(), marked.String(), tt.match)
			}
		}
	})

	t.Run("ReplaceAndDelete", func(t *testing.T) {
		idx := load(t, open)
		changed := fixture[2]
		changed.Title = "Activists freed in Kampong Cham"
		changed.Text = "Police released three activists on bail."
		changed.Facets = map[string][]string{search.FacetType: {"release"}}
		if err := idx.Put(ctx, changed); err != nil {
			t.Fatal(err)
		}
		expect := func(q search.Query, want []string) {
			t.Helper()
			r, err := idx.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(r); !slices.Equal(got, want) {
				t.Errorf("Search(%+v) = %v, want %v", q, got, want)
			}
		}
		expect(search.Query{Text: "arrested"}, nil)
		expect(search.Query{Text: "released"}, []string{"d3"})
		expect(search.Query{Facets: map[string][]string{search.FacetType: {"arrest"}}}, nil)
		if err := idx.Delete(ctx, "d3", "no-such-id"); err != nil {
			t.Fatal(err)
		}
		expect(search.Query{Text: "released"}, nil)
	})

	t.Run("HostileQueries", func(t *testing.T) {
		idx := load(t, open)
		for _, q := range []string{`"`, `'`, `*`, `AND`, `OR NOT`, `NEAR(`, `col:x`, `a) OR (b`, "\x00", `\`, `!&|<->`, strings.Repeat("ក", 10000), "\xff\xfe"} {
			if _, err := idx.Search(ctx, search.Query{Text: q}); err != nil {
				t.Errorf("Search(%.20q): %v", q, err)
			}
		}
	})

	t.Run("Many", func(t *testing.T) {
		idx := open(t)
		defer idx.Close()
		var docs []search.Doc
		for i := range 300 {
			docs = append(docs, search.Doc{ID: fmt.Sprintf("m%03d", i), Kind: search.KindDocument,
				Title: fmt.Sprintf("Report %d", i), Text: fmt.Sprintf("សមាជិក %d នាក់ joined", i),
				Date: day("2023-01-01").AddDate(0, 0, i)})
		}
		if err := idx.Put(ctx, docs...); err != nil {
			t.Fatal(err)
		}
		r, err := idx.Search(ctx, search.Query{Text: "joined សមាជិក", Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		if r.Total != 300 || len(r.Hits) != 5 || r.Hits[0].ID != "m299" {
			t.Errorf("Total %d, %d hits, first %v; want 300, 5, m299 (newest)", r.Total, len(r.Hits), ids(r))
		}
	})
}
