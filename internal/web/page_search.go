package web

import (
	"context"
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/kamnotra/kamnotra/internal/record"
)

// Searcher finds records for a reader's query. The web layer needs only
// this; a search backend is wired to it in cmd.
type Searcher interface {
	Search(ctx context.Context, q SearchQuery) (*SearchResults, error)
}

// SearchQuery is what the reader typed, in the UI language they read, and
// the filters they chose.
type SearchQuery struct {
	Text  string
	Lang  string
	After string // keyset cursor from the previous page's Next
	Limit int
	// Kinds keeps hits of these kinds (HitDocument…); empty: every kind.
	Kinds []string
	// Filters is facet name (FacetType…) → values: a hit must match one
	// value of every facet named.
	Filters map[string][]string
	// From and To bound the hit's date, inclusive; zero: unbounded.
	From, To time.Time
	// WithFacets asks for counts of the facet values over all matches.
	WithFacets bool
}

// Facets a search can filter and count on; the names are the query
// parameters of /search and the facet names of the index.
const (
	FacetType       = "type"        // event type
	FacetOutletKind = "outlet_kind" // record.OutletKind
	FacetOutlet     = "outlet"      // outlet ID
	FacetParty      = "party"       // organisation ID
	FacetProvince   = "province"    // place ID
)

// searchPageSize bounds a page of search results. A hit carries a
// snippet with its matches marked, several times the bytes of a line in
// other lists, and each costs the server an analysis of the text around
// the matches: 20 keep a page light on a phone's slow link and let the
// facets and the next page do the rest.
const searchPageSize = 20

// searchFacets are shown in this order.
var searchFacets = []string{FacetType, FacetOutletKind, FacetOutlet, FacetParty, FacetProvince}

// SearchResults is one page of hits, best first.
type SearchResults struct {
	Hits []SearchHit
	Next string
	// Total counts every match; TotalCapped says counting stopped there.
	Total       int
	TotalCapped bool
	// Facets is facet → value → count over every match, when asked.
	Facets map[string]map[string]int
}

// SearchHit kinds.
const (
	HitDocument     = "document"
	HitEvent        = "event"
	HitPerson       = "person"
	HitOrganisation = "organisation"
)

var hitKinds = []string{HitDocument, HitEvent, HitPerson, HitOrganisation}

// SearchHit is one found record.
type SearchHit struct {
	Kind    string     `json:"kind"`
	ID      string     `json:"id"`
	Title   string     `json:"title"`
	Snippet []Fragment `json:"snippet,omitempty"`
	Lang    string     `json:"lang,omitempty"`
}

// Fragment is a piece of a snippet; Match marks text that matched the
// query, which pages show in <mark>.
type Fragment struct {
	Text  string `json:"text"`
	Match bool   `json:"match,omitempty"`
}

const maxQueryLen = 300

// maxFilterValues bounds the values of one filter: the form offers one at
// a time, facet links add one each.
const maxFilterValues = 20

type searchData struct {
	Query     string
	Available bool
	Hits      []searchHitView
	Pager     pager
	Total     int
	Capped    bool
	Form      searchForm
	Facets    []facetView
	Filtered  bool
}

// searchForm is what the filter form shows selected.
type searchForm struct {
	Kind, Type, OutletKind string
	From, To               string
	Kinds, Types           []string
	OutletKinds            []string
	// Hidden keeps filters the form has no control for (outlet, party,
	// province chosen from the facet links) across a new submission.
	Hidden []hiddenField
}

type hiddenField struct{ Name, Value string }

type facetView struct {
	Name   string
	Values []facetValue
}

type facetValue struct {
	Value    string
	Label    displayName
	Count    int
	Selected bool
	Href     string // the search with this value added, or removed when Selected
}

type searchHitView struct {
	SearchHit
	Link string
}

type searchJSON struct {
	Query       string                    `json:"query"`
	Available   bool                      `json:"available"`
	Filters     map[string][]string       `json:"filters,omitempty"`
	Total       int                       `json:"total"`
	TotalCapped bool                      `json:"total_capped,omitempty"`
	Hits        []SearchHit               `json:"hits"`
	Facets      map[string]map[string]int `json:"facets,omitempty"`
	pager
}

// searchParams reads the filters of /search from the query string. Empty
// values (a select left at "any") are ignored; anything else that is not a
// kind, type, date or plausible ID is refused, so that a typo is not
// silently a search without the filter.
func searchParams(v url.Values) (SearchQuery, error) {
	var q SearchQuery
	for _, k := range nonEmpty(v["kind"]) {
		if !slices.Contains(hitKinds, k) {
			return q, record.Errorf(record.EInvalid, "kind=%q is not one of %s", trimForMessage(k), strings.Join(hitKinds, ", "))
		}
		q.Kinds = appendNew(q.Kinds, k)
	}
	for _, name := range searchFacets {
		vals := nonEmpty(v[name])
		if len(vals) > maxFilterValues {
			return q, record.Errorf(record.EInvalid, "%s is given %d times; choose at most %d", name, len(vals), maxFilterValues)
		}
		for _, val := range vals {
			if err := checkFilterValue(name, val); err != nil {
				return q, err
			}
			if q.Filters == nil {
				q.Filters = map[string][]string{}
			}
			q.Filters[name] = appendNew(q.Filters[name], val)
		}
	}
	var err error
	if q.From, err = dateParam(v, "from", false); err != nil {
		return q, err
	}
	if q.To, err = dateParam(v, "to", true); err != nil {
		return q, err
	}
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		return q, record.Errorf(record.EInvalid, "to=%s is before from=%s; swap the dates", q.To.Format(time.DateOnly), q.From.Format(time.DateOnly))
	}
	return q, nil
}

func checkFilterValue(name, val string) error {
	switch name {
	case FacetType:
		if !slices.Contains(record.EventTypes, record.EventType(val)) {
			return record.Errorf(record.EInvalid, "type=%q is not an event type", trimForMessage(val))
		}
	case FacetOutletKind:
		if !slices.Contains(record.OutletKinds, record.OutletKind(val)) {
			return record.Errorf(record.EInvalid, "outlet_kind=%q is not a kind of outlet", trimForMessage(val))
		}
	default:
		if len(val) > 100 || !utf8.ValidString(val) || strings.ContainsFunc(val, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) }) {
			return record.Errorf(record.EInvalid, "%s=%q is not an ID this site uses; pick one from the list beside the results", name, trimForMessage(val))
		}
	}
	return nil
}

// dateParam reads a date as a date input sends it (YYYY-MM-DD), or a
// month or year as the ledger takes them: from its first day, or to the
// end of its last.
func dateParam(v url.Values, name string, end bool) (time.Time, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return time.Time{}, nil
	}
	d, err := record.ParseDate(s)
	if err != nil || d.IsZero() {
		return time.Time{}, record.Errorf(record.EInvalid, "%s=%q is not a date; write it as YYYY-MM-DD (or YYYY-MM, YYYY), e.g. 2023-07-23", name, trimForMessage(s))
	}
	if end {
		// Inclusive to the last instant of the day, for hits dated to
		// the second.
		return d.End().Add(24*time.Hour - time.Nanosecond), nil
	}
	return d.Start(), nil
}

func nonEmpty(vals []string) []string {
	var out []string
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func appendNew(s []string, v string) []string {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}

// search answers /search?q=…&type=…&from=…. Hits a reader may not see (a
// private person, a rejected event) are dropped here whatever the backend
// returned.
func (h *handler) search(rq *req) (*page, error) {
	vals := rq.URL.Query()
	q := strings.TrimSpace(vals.Get("q"))
	if len(q) > maxQueryLen || !utf8.ValidString(q) {
		return nil, record.Errorf(record.EInvalid, "the search text is too long or not valid text; shorten it to %d characters", maxQueryLen/3)
	}
	after, err := afterParam(rq.Request)
	if err != nil {
		return nil, err
	}
	sq, err := searchParams(vals)
	if err != nil {
		return nil, err
	}
	sq.Text, sq.Lang, sq.After, sq.Limit, sq.WithFacets = q, rq.L.Lang, after, min(h.opts.PageSize, searchPageSize), true
	data := searchData{Query: q, Available: h.opts.Searcher != nil, Form: newSearchForm(sq),
		Filtered: len(sq.Kinds) > 0 || len(sq.Filters) > 0 || !sq.From.IsZero() || !sq.To.IsZero()}
	js := searchJSON{Query: q, Available: data.Available, Hits: []SearchHit{}, Filters: filtersJSON(sq)}
	title := rq.L.T("search.title")
	if q != "" && data.Available {
		res, err := h.opts.Searcher.Search(rq.Context(), sq)
		if err != nil {
			return nil, err
		}
		lk := h.lookupFor(rq.Context(), rq)
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
		data.Total, data.Capped = res.Total, res.TotalCapped
		js.Total, js.TotalCapped, js.Facets = res.Total, res.TotalCapped, res.Facets
		if data.Facets, err = facetViews(lk, vals, sq, res.Facets); err != nil {
			return nil, err
		}
		title = rq.L.TF("search.title.q", "q", q)
	}
	return &page{Template: "search", Title: title, Nav: "search", Data: data, JSON: js}, nil
}

func filtersJSON(sq SearchQuery) map[string][]string {
	out := map[string][]string{}
	maps.Copy(out, sq.Filters)
	if len(sq.Kinds) > 0 {
		out["kind"] = sq.Kinds
	}
	if !sq.From.IsZero() {
		out["from"] = []string{sq.From.Format(time.DateOnly)}
	}
	if !sq.To.IsZero() {
		out["to"] = []string{sq.To.Format(time.DateOnly)}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func newSearchForm(sq SearchQuery) searchForm {
	f := searchForm{Kinds: hitKinds}
	for _, t := range record.EventTypes {
		f.Types = append(f.Types, string(t))
	}
	for _, k := range record.OutletKinds {
		f.OutletKinds = append(f.OutletKinds, string(k))
	}
	if len(sq.Kinds) > 0 {
		f.Kind = sq.Kinds[0]
	}
	if !sq.From.IsZero() {
		f.From = sq.From.Format(time.DateOnly)
	}
	if !sq.To.IsZero() {
		f.To = sq.To.Format(time.DateOnly)
	}
	// The selects hold one value; a second one chosen through the facet
	// links travels as a hidden field, so a new submission keeps it.
	for _, k := range sq.Kinds[min(1, len(sq.Kinds)):] {
		f.Hidden = append(f.Hidden, hiddenField{"kind", k})
	}
	for _, name := range searchFacets {
		vals := sq.Filters[name]
		switch name {
		case FacetType:
			if len(vals) > 0 {
				f.Type, vals = vals[0], vals[1:]
			}
		case FacetOutletKind:
			if len(vals) > 0 {
				f.OutletKind, vals = vals[0], vals[1:]
			}
		}
		for _, v := range vals {
			f.Hidden = append(f.Hidden, hiddenField{name, v})
		}
	}
	return f
}

// maxFacetValues bounds the values listed under one facet; chosen values
// are always listed so that they can be removed.
const maxFacetValues = 12

// facetViews lists the counts of each facet as links that add a value to
// the search, or remove it when it is chosen, named in the reader's
// language.
func facetViews(lk *lookup, vals url.Values, sq SearchQuery, counts map[string]map[string]int) ([]facetView, error) {
	var out []facetView
	for _, name := range searchFacets {
		type vc struct {
			v string
			n int
		}
		var list []vc
		for v, n := range counts[name] {
			if n > 0 && v != "" {
				list = append(list, vc{v, n})
			}
		}
		slices.SortFunc(list, func(a, b vc) int {
			if a.n != b.n {
				return b.n - a.n
			}
			return strings.Compare(a.v, b.v)
		})
		if len(list) > maxFacetValues {
			list = list[:maxFacetValues]
		}
		for _, v := range sq.Filters[name] {
			if !slices.ContainsFunc(list, func(x vc) bool { return x.v == v }) {
				list = append(list, vc{v, counts[name][v]})
			}
		}
		if len(list) == 0 {
			continue
		}
		fv := facetView{Name: name}
		for _, x := range list {
			label, err := facetLabel(lk, name, x.v)
			if err != nil {
				return nil, err
			}
			sel := slices.Contains(sq.Filters[name], x.v)
			fv.Values = append(fv.Values, facetValue{Value: x.v, Label: label, Count: x.n, Selected: sel, Href: toggleParam(vals, name, x.v, sel)})
		}
		out = append(out, fv)
	}
	return out, nil
}

// facetLabel names a facet value: enumerations from the catalogue, IDs by
// the record's name (an unknown ID as itself).
func facetLabel(lk *lookup, name, v string) (displayName, error) {
	var ns record.Names
	switch name {
	case FacetType:
		return displayName{Value: lk.l.T("event.type." + v)}, nil
	case FacetOutletKind:
		return displayName{Value: lk.l.T("outletkind." + v)}, nil
	case FacetOutlet:
		o, err := lk.outlet(v)
		if err != nil {
			return displayName{}, err
		}
		if o != nil {
			ns = o.Names
		}
	case FacetParty:
		o, err := lk.org(v)
		if err != nil {
			return displayName{}, err
		}
		if o != nil && orgVisible(o) {
			ns = o.Names
		}
	case FacetProvince:
		p, err := lk.place(v)
		if err != nil {
			return displayName{}, err
		}
		if p != nil {
			ns = p.Names
		}
	}
	if n := lk.l.Name(ns); n.Value != "" {
		return n, nil
	}
	return displayName{Value: v}, nil
}

// toggleParam is the current search with name=value added, or removed when
// on, starting again from the first page.
func toggleParam(vals url.Values, name, value string, on bool) string {
	q := url.Values{}
	for k, vs := range vals {
		if k == "after" {
			continue
		}
		for _, v := range vs {
			if k == name && (on && v == value || strings.TrimSpace(v) == "") {
				continue
			}
			q.Add(k, v)
		}
	}
	if !on {
		q.Add(name, value)
	}
	return "/search?" + q.Encode()
}

// hitView checks that a hit may be shown, and titles records in the
// reader's language rather than the index's.
func (h *handler) hitView(lk *lookup, hit SearchHit) (searchHitView, bool, error) {
	v := searchHitView{SearchHit: hit}
	v.Snippet = trimFragments(hit.Snippet)
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

// trimFragments trims the snippet's first fragment with trimSnippet.
func trimFragments(fs []Fragment) []Fragment {
	if len(fs) == 0 {
		return fs
	}
	out := slices.Clone(fs)
	out[0].Text = trimSnippet(out[0].Text)
	return out
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
