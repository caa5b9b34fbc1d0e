package web

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kamnotra/kamnotra/internal/record"
)

// Searcher finds records for a reader's query. The web layer needs only
// this; a search backend is wired to it in cmd.
type Searcher interface {
	Search(ctx context.Context, q SearchQuery) (*SearchResults, error)
}

// SearchQuery is what the reader typed, in the UI language they read.
type SearchQuery struct {
	Text  string
	Lang  string
	After string // keyset cursor from the previous page's Next
	Limit int
}

// SearchResults is one page of hits, best first.
type SearchResults struct {
	Hits []SearchHit
	Next string
}

// SearchHit kinds.
const (
	HitDocument     = "document"
	HitEvent        = "event"
	HitPerson       = "person"
	HitOrganisation = "organisation"
)

// SearchHit is one found record.
type SearchHit struct {
	Kind    string `json:"kind"`
	ID      string `json:"id"`
	Title   string `json:"title"`
	Snippet string `json:"snippet,omitempty"`
	Lang    string `json:"lang,omitempty"`
}

const maxQueryLen = 300

type searchData struct {
	Query     string
	Available bool
	Hits      []searchHitView
	Pager     pager
}

type searchHitView struct {
	SearchHit
	Link string
}

type searchJSON struct {
	Query     string      `json:"query"`
	Available bool        `json:"available"`
	Hits      []SearchHit `json:"hits"`
	pager
}

// search answers /search?q=. Hits a reader may not see (a private person, a
// rejected event) are dropped here whatever the backend returned.
func (h *handler) search(rq *req) (*page, error) {
	q := strings.TrimSpace(rq.URL.Query().Get("q"))
	if len(q) > maxQueryLen || !utf8.ValidString(q) {
		return nil, record.Errorf(record.EInvalid, "the search text is too long or not valid text; shorten it to %d characters", maxQueryLen/3)
	}
	after, err := afterParam(rq.Request)
	if err != nil {
		return nil, err
	}
	data := searchData{Query: q, Available: h.opts.Searcher != nil}
	js := searchJSON{Query: q, Available: data.Available, Hits: []SearchHit{}}
	title := rq.L.T("search.title")
	if q != "" && data.Available {
		res, err := h.opts.Searcher.Search(rq.Context(), SearchQuery{Text: q, Lang: rq.L.Lang, After: after, Limit: h.opts.PageSize})
		if err != nil {
			return nil, err
		}
		lk := newLookup(rq.Context(), h.st, rq.L)
		for _, hit := range res.Hits {
			v, ok, err := h.hitView(lk, hit)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
			data.Hits = append(data.Hits, v)
			js.Hits = append(js.Hits, hit)
		}
		data.Pager = rq.nextPage(pager{Next: res.Next})
		js.pager = data.Pager
		title = rq.L.TF("search.title.q", "q", q)
	}
	return &page{Template: "search", Title: title, Nav: "search", Data: data, JSON: js}, nil
}

// hitView checks that a hit may be shown, and titles records in the
// reader's language rather than the index's.
func (h *handler) hitView(lk *lookup, hit SearchHit) (searchHitView, bool, error) {
	v := searchHitView{SearchHit: hit}
	v.Snippet = trimSnippet(hit.Snippet)
	switch hit.Kind {
	case HitDocument:
		v.Link = "/documents/" + pathEscape(hit.ID)
		return v, true, nil
	case HitEvent:
		e, err := h.st.Event(lk.ctx, hit.ID)
		if record.IsNotFound(err) {
			return v, false, nil
		}
		if err != nil || !eventVisible(e) {
			return v, false, err
		}
		ev, err := lk.eventView(e)
		if err != nil {
			return v, false, err
		}
		v.Link, v.Title, v.Lang = "/events/"+pathEscape(hit.ID), eventHeadline(lk.l, ev), lk.l.Lang
		return v, true, nil
	case HitPerson:
		p, err := lk.person(hit.ID)
		if err != nil || p == nil || !personPublic(p) || p.MergedInto != "" {
			// Search finds what a citation shows, so machine-made people
			// may be found, as their pages may be opened.
			return v, false, err
		}
		n := lk.l.Name(p.Names)
		v.Link, v.Title, v.Lang = "/people/"+pathEscape(hit.ID), n.Value, n.Lang
		return v, true, nil
	case HitOrganisation:
		o, err := lk.org(hit.ID)
		if err != nil || o == nil || !orgVisible(o) {
			return v, false, err
		}
		n := lk.l.Name(o.Names)
		v.Link, v.Title, v.Lang = "/organisations/"+pathEscape(hit.ID), n.Value, n.Lang
		return v, true, nil
	}
	return v, false, nil
}

// trimSnippet drops combining marks left at the start of a snippet cut
// inside a Khmer cluster (a vowel sign with no consonant to sit on).
func trimSnippet(s string) string {
	rest, dots := strings.CutPrefix(s, "…")
	if !dots {
		rest, dots = strings.CutPrefix(s, "...")
	}
	trimmed := strings.TrimLeftFunc(rest, func(r rune) bool {
		return unicode.In(r, unicode.Mn, unicode.Mc) || r == '\u17D2' // coeng
	})
	if trimmed == rest {
		return s
	}
	if dots {
		return "…" + trimmed
	}
	return trimmed
}
