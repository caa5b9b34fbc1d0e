package main

import (
	"context"
	"strconv"
	"strings"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/search"
	"github.com/kamnotra/kamnotra/internal/web"
)

// webSearcher answers the site's search box from the search index.
type webSearcher struct{ idx search.Index }

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
	r, err := s.idx.Search(ctx, search.Query{Text: q.Text, Limit: limit, Offset: offset})
	if err != nil {
		return nil, err
	}
	out := &web.SearchResults{}
	for _, h := range r.Hits {
		var snip strings.Builder
		for _, f := range h.Snippet {
			snip.WriteString(f.Text)
		}
		out.Hits = append(out.Hits, web.SearchHit{Kind: h.Kind, ID: h.ID, Title: h.Title, Snippet: snip.String()})
	}
	if next := offset + len(r.Hits); len(r.Hits) == limit && next < r.Total {
		out.Next = strconv.Itoa(next)
	}
	return out, nil
}
