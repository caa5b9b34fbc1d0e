package main

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/kamnotra/kamnotra/internal/search"
	"github.com/kamnotra/kamnotra/internal/search/searchopen"
	"github.com/kamnotra/kamnotra/internal/web"
)

// TestWebSearcher runs the site's queries through the adapter against the
// real SQLite index: filters, dates and kinds narrow the hits, snippets keep
// their matches marked, facet counts come back under the site's names.
func TestWebSearcher(t *testing.T) {
	ctx := context.Background()
	idx, err := searchopen.Open(ctx, t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	d := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	docs := []search.Doc{
		{ID: "d1", Kind: search.KindDocument, Title: "Arrest in Phnom Penh", Text: "Police arrested the activist Heng Dara in Phnom Penh.",
			Date: d("2023-03-01"), Facets: map[string][]string{search.FacetType: {"arrest"}, search.FacetProvince: {"kh-12"}, search.FacetOutletKind: {"independent"}, search.FacetOutlet: {"camboja"}}},
		{ID: "d2", Kind: search.KindDocument, Title: "Arrest in Siem Reap", Text: "Police arrested a commune chief, Lim Sophal, in Siem Reap.",
			Date: d("2024-05-10"), Facets: map[string][]string{search.FacetType: {"arrest"}, search.FacetProvince: {"kh-17"}, search.FacetOutletKind: {"pro-government"}, search.FacetOutlet: {"fresh-news"}}},
		{ID: "e1", Kind: search.KindEvent, Title: "Arrest", Text: "The activist was arrested.",
			Date: d("2023-03-01"), Facets: map[string][]string{search.FacetType: {"arrest"}, search.FacetProvince: {"kh-12"}, search.FacetParty: {"clp"}}},
		{ID: "d3", Kind: search.KindDocument, Title: "Defection", Text: "Members left the party; none was arrested.",
			Date: d("2023-08-01"), Facets: map[string][]string{search.FacetType: {"defection"}, search.FacetProvince: {"kh-12"}, search.FacetParty: {"cpp", "clp"}}},
	}
	if err := idx.Put(ctx, docs...); err != nil {
		t.Fatal(err)
	}
	s := webSearcher{idx}
	for _, c := range []struct {
		name string
		q    web.SearchQuery
		want []string
	}{
		{"text only", web.SearchQuery{Text: "arrested"}, []string{"d1", "d2", "d3", "e1"}},
		{"province", web.SearchQuery{Text: "arrested", Filters: map[string][]string{web.FacetProvince: {"kh-12"}}}, []string{"d1", "d3", "e1"}},
		{"type and province", web.SearchQuery{Text: "arrested", Filters: map[string][]string{web.FacetType: {"arrest"}, web.FacetProvince: {"kh-12"}}}, []string{"d1", "e1"}},
		{"either outlet kind", web.SearchQuery{Text: "arrested", Filters: map[string][]string{web.FacetOutletKind: {"independent", "pro-government"}}}, []string{"d1", "d2"}},
		{"outlet", web.SearchQuery{Text: "arrested", Filters: map[string][]string{web.FacetOutlet: {"fresh-news"}}}, []string{"d2"}},
		{"party", web.SearchQuery{Text: "arrested", Filters: map[string][]string{web.FacetParty: {"cpp"}}}, []string{"d3"}},
		{"kind", web.SearchQuery{Text: "arrested", Kinds: []string{web.HitEvent}}, []string{"e1"}},
		{"dates", web.SearchQuery{Text: "arrested", From: d("2023-03-01"), To: d("2023-12-31")}, []string{"d1", "d3", "e1"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.q.WithFacets = true
			res, err := s.Search(ctx, c.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
				if !slices.ContainsFunc(h.Snippet, func(f web.Fragment) bool { return f.Match }) {
					t.Errorf("%s: snippet %v marks no match", h.ID, h.Snippet)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, c.want) || res.Total != len(c.want) {
				t.Errorf("hits %v total %d, want %v", got, res.Total, c.want)
			}
			n := 0
			for _, v := range res.Facets[web.FacetType] {
				n += v
			}
			if n != len(c.want) {
				t.Errorf("type facet %v counts %d matches, want %d", res.Facets[web.FacetType], n, len(c.want))
			}
		})
	}
	if _, err := s.Search(ctx, web.SearchQuery{Text: "x", Filters: map[string][]string{"colour": {"red"}}}); err == nil {
		t.Errorf("an unknown filter passed through")
	}
}
