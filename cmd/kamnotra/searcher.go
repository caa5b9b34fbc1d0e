package main

import (
	"context"
	"strconv"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/search"
	"github.com/kamnotra/kamnotra/internal/web"
)

// webSearcher answers the site's search box from the search index.
type webSearcher struct{ idx search.Index }

// webFacets maps the site's filter names to the index's facet names.
var webFacets = map[string]string{
	web.FacetType:       search.FacetType,
	web.FacetOutletKind: search.FacetOutletKind,
	web.FacetOutlet:     search.FacetOutlet,
	web.FacetParty:      search.FacetParty,
	web.FacetProvince:   search.FacetProvince,
}

func (s webSearcher) Search(ctx context.Context, q web.SearchQuery) (*web.SearchResults, error) {
	offset := 0
	if q.After != "" {
		n, err := strconv.Atoi(q.After)
		if err != nil || n < 0 {
			return nil, record.Errorf(record.EInvalid, "the page cursor %q is not one this site made; start the search again", q.After)
		}
		offset = n
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	sq := search.Query{Text: q.Text, Kinds: q.Kinds, From: q.From, To: q.To, Limit: limit, Offset: offset, WithFacets: q.WithFacets}
	for name, vals := range q.Filters {
		f, ok := webFacets[name]
		if !ok {
			return nil, record.Errorf(record.EInvalid, "the index cannot filter on %q", name)
		}
		if sq.Facets == nil {
			sq.Facets = map[string][]string{}
		}
		sq.Facets[f] = vals
	}
	r, err := s.idx.Search(ctx, sq)
	if err != nil {
		return nil, err
	}
	out := &web.SearchResults{Total: r.Total, TotalCapped: r.TotalCapped}
	for _, h := range r.Hits {
		hit := web.SearchHit{Kind: h.Kind, ID: h.ID, Title: h.Title}
		for _, f := range h.Snippet {
			hit.Snippet = append(hit.Snippet, web.Fragment{Text: f.Text, Match: f.Match})
		}
		out.Hits = append(out.Hits, hit)
	}
	if len(r.Facets) > 0 {
		out.Facets = map[string]map[string]int{}
		for webName, name := range webFacets {
			if c, ok := r.Facets[name]; ok {
				out.Facets[webName] = c
			}
		}
	}
	if next := offset + len(r.Hits); len(r.Hits) == limit && next < r.Total {
		out.Next = strconv.Itoa(next)
	}
	return out, nil
}
