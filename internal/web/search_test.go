package web

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// resultSearcher answers every query with res and remembers the query.
type resultSearcher struct {
	res *SearchResults
	got SearchQuery
	// mu orders the server's write of got before a browser test's read.
	mu sync.Mutex
}

func (s *resultSearcher) Search(_ context.Context, q SearchQuery) (*SearchResults, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.got = q
	return s.res, nil
}

func (s *resultSearcher) last() SearchQuery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.got
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestSearchFilters checks that filters in the query string reach the
// searcher as parsed, and that bad ones are refused with 400 and a message
// naming the parameter.
func TestSearchFilters(t *testing.T) {
	f := newFixture(t)
	s := &resultSearcher{res: &SearchResults{}}
	h := f.site(t, Options{Searcher: s})
	for _, c := range []struct {
		query   string
		status  int
		kinds   []string
		filters map[string][]string
		from    string
		to      string
		msg     string
	}{
		{query: "q=x", status: 200},
		{query: "q=x&type=arrest&province=kh-12&from=2023-01-01&to=2024-06-30", status: 200,
			filters: map[string][]string{"type": {"arrest"}, "province": {"kh-12"}}, from: "2023-01-01", to: "2024-06-30"},
		{query: "q=x&type=arrest&type=defection&type=arrest&outlet_kind=independent&outlet=camboja&party=cpp&kind=event&kind=document", status: 200,
			kinds:   []string{"event", "document"},
			filters: map[string][]string{"type": {"arrest", "defection"}, "outlet_kind": {"independent"}, "outlet": {"camboja"}, "party": {"cpp"}}},
		{query: "q=x&type=&outlet_kind=&kind=&from=&to=", status: 200},
		{query: "q=x&from=2024-02-29&to=2024-02-29", status: 200, from: "2024-02-29", to: "2024-02-29"},
		{query: "q=x&from=2023&to=2024-02", status: 200, from: "2023-01-01", to: "2024-02-29"},
		{query: "q=x&from=2023-02&to=2023", status: 200, from: "2023-02-01", to: "2023-12-31"},
		{query: "q=x&from=2023-13", status: 400, msg: "from="},
		{query: "q=x&type=coup", status: 400, msg: "type="},
		{query: "q=x&kind=spaceship", status: 400, msg: "kind="},
		{query: "q=x&outlet_kind=tabloid", status: 400, msg: "outlet_kind="},
		{query: "q=x&from=23-01-01", status: 400, msg: "YYYY-MM-DD"},
		{query: "q=x&to=2023-02-30", status: 400, msg: "to="},
		{query: "q=x&from=2024-01-02&to=2024-01-01", status: 400, msg: "before"},
		{query: "q=x&party=" + url.QueryEscape("a b"), status: 400, msg: "party="},
		{query: "q=x&province=" + strings.Repeat("k", 101), status: 400, msg: "province="},
		{query: "q=x" + strings.Repeat("&outlet=o", 1) + func() string {
			var b strings.Builder
			for i := range maxFilterValues + 1 {
				b.WriteString("&outlet=o" + itoa(i))
			}
			return b.String()
		}(), status: 400, msg: "at most"},
	} {
		s.got = SearchQuery{}
		r := do(t, h, "GET", "/search?lang=en&"+c.query)
		if r.StatusCode != c.status {
			t.Errorf("%s: status %d, want %d", c.query, r.StatusCode, c.status)
			continue
		}
		if c.status != 200 {
			if !strings.Contains(string(r.Body), c.msg) {
				t.Errorf("%s: the error page does not say %q", c.query, c.msg)
			}
			continue
		}
		g := s.got
		if !slices.Equal(g.Kinds, c.kinds) || len(g.Filters) != len(c.filters) || !g.WithFacets {
			t.Errorf("%s: searcher got kinds %v filters %v facets %v", c.query, g.Kinds, g.Filters, g.WithFacets)
		}
		for k, v := range c.filters {
			if !slices.Equal(g.Filters[k], v) {
				t.Errorf("%s: filter %s = %v, want %v", c.query, k, g.Filters[k], v)
			}
		}
		if (c.from == "") != g.From.IsZero() || c.from != "" && !g.From.Equal(day(c.from)) {
			t.Errorf("%s: from %v", c.query, g.From)
		}
		// To reaches the end of its day: a hit at 23:00 on it is in.
		if (c.to == "") != g.To.IsZero() || c.to != "" && (g.To.Format(time.DateOnly) != c.to || g.To.Before(day(c.to).Add(23*time.Hour))) {
			t.Errorf("%s: to %v", c.query, g.To)
		}
	}
}

// TestSearchFacetsAndSnippets checks the results page: matches marked and
// escaped, facet counts in the reader's digits and names, links that add
// and remove a filter, and a form that works without script.
func TestSearchFacetsAndSnippets(t *testing.T) {
	f := newFixture(t)
	s := &resultSearcher{res: &SearchResults{
		Hits: []SearchHit{{Kind: HitDocument, ID: f.kmDoc, Title: "doc", Snippet: []Fragment{
			{Text: "…the <b>leader</b> of the "}, {Text: "Candlelight", Match: true}, {Text: " Party was "}, {Text: "arrested", Match: true}}}},
		Total: 1234,
		Facets: map[string]map[string]int{
			"type":        {"arrest": 17, "defection": 1203},
			"outlet_kind": {"independent": 5},
			"outlet":      {"camboja": 4, "fresh-news": 9},
			"party":       {"cpp": 12, "ghost": 2},
			"province":    {"kh-12": 30},
		},
	}}
	h := f.site(t, Options{Searcher: s})

	r := do(t, h, "GET", "/search?q=Candlelight&lang=km&province=kh-12")
	wantStatus(t, r, 200)
	checkSecurityHeaders(t, r)
	d := r.doc(t)
	checkChrome(t, d)
	var marks []string
	d.Find("ol.hits p.snippet mark").Each(func(_ int, m *goquery.Selection) { marks = append(marks, m.Text()) })
	if !slices.Equal(marks, []string{"Candlelight", "arrested"}) {
		t.Errorf("marked %v", marks)
	}
	if d.Find("ol.hits b").Length() != 0 || !strings.Contains(text(d, "ol.hits p.snippet"), "<b>leader</b>") {
		t.Errorf("snippet text not escaped: %q", text(d, "ol.hits p.snippet"))
	}
	if got := text(d, "p.total"); !strings.Contains(got, "១.២៣៤") {
		t.Errorf("total %q not in Khmer digits", got)
	}
	facet := func(d *goquery.Document, name, value string) *goquery.Selection {
		return d.Find(`nav.facets ul[data-facet="` + name + `"] a[data-value="` + value + `"]`)
	}
	for _, c := range []struct{ name, value, label, count string }{
		{"type", "defection", "ការប្ដូរគណបក្ស", "១.២០៣"},
		{"party", "cpp", "គណបក្សប្រជាជនកម្ពុជា", "១២"},
		{"outlet", "fresh-news", "ហ្វ្រេសញូវ", "៩"},
		{"outlet", "camboja", "CamboJA News", "៤"},
		{"province", "kh-12", "រាជធានីភ្នំពេញ", "៣០"},
	} {
		a := facet(d, c.name, c.value)
		if a.Length() != 1 {
			t.Errorf("no facet link %s=%s", c.name, c.value)
			continue
		}
		if !strings.Contains(a.Text(), c.label) {
			t.Errorf("facet %s=%s labelled %q, want %q", c.name, c.value, a.Text(), c.label)
		}
		if got := strings.TrimSpace(a.Parent().Find(".count").Text()); got != c.count {
			t.Errorf("facet %s=%s count %q, want %q", c.name, c.value, got, c.count)
		}
	}
	if facet(d, "outlet", "camboja").Find(".fallback").Length() != 1 {
		t.Errorf("an outlet named only in English has no fallback marker on the Khmer page")
	}
	if facet(d, "party", "ghost").Find("span").Text() == "Phantom Front" {
		t.Errorf("a rejected organisation is named in the facets")
	}
	// Facet values by count, highest first.
	var order []string
	d.Find(`nav.facets ul[data-facet="type"] a`).Each(func(_ int, a *goquery.Selection) { v, _ := a.Attr("data-value"); order = append(order, v) })
	if !slices.Equal(order, []string{"defection", "arrest"}) {
		t.Errorf("type facet order %v", order)
	}
	// Adding and removing a filter.
	add, _ := facet(d, "type", "arrest").Attr("href")
	u, _ := url.Parse(add)
	if q := u.Query(); u.Path != "/search" || q.Get("type") != "arrest" || q.Get("province") != "kh-12" || q.Get("q") != "Candlelight" {
		t.Errorf("add link %q", add)
	}
	prov := facet(d, "province", "kh-12")
	if cur, _ := prov.Attr("aria-current"); cur != "true" {
		t.Errorf("chosen province not marked current")
	}
	rm, _ := prov.Attr("href")
	if u, _ := url.Parse(rm); u.Query().Has("province") || u.Query().Get("q") != "Candlelight" {
		t.Errorf("remove link %q", rm)
	}
	// Following the add link filters on both.
	do(t, h, "GET", add)
	if !slices.Equal(s.got.Filters["type"], []string{"arrest"}) || !slices.Equal(s.got.Filters["province"], []string{"kh-12"}) {
		t.Errorf("following %q searched %v", add, s.got.Filters)
	}
	// The form: labelled controls, a GET to /search, the hidden province kept.
	form := d.Find(`form.filters[method=get][action="/search"]`)
	for _, id := range []string{"f-kind", "f-type", "f-outlet-kind", "f-from", "f-to"} {
		if form.Find("#"+id).Length() != 1 || form.Find(`label[for="`+id+`"]`).Length() != 1 {
			t.Errorf("form control %s missing or unlabelled", id)
		}
	}
	if v, _ := form.Find(`input[type=hidden][name=province]`).Attr("value"); v != "kh-12" {
		t.Errorf("form does not keep province=kh-12: %q", v)
	}
	if v, _ := form.Find(`input[type=hidden][name=q]`).Attr("value"); v != "Candlelight" {
		t.Errorf("form does not keep the query: %q", v)
	}

	// English labels; selects show the chosen values.
	de := do(t, h, "GET", "/search?q=Candlelight&lang=en&type=arrest&from=2023-01-01").doc(t)
	if got := facet(de, "party", "cpp").Text(); !strings.Contains(got, "Cambodian People's Party") {
		t.Errorf("English party label %q", got)
	}
	if v, _ := de.Find("#f-type option[selected]").Attr("value"); v != "arrest" {
		t.Errorf("type select shows %q", v)
	}
	if v, _ := de.Find("#f-from").Attr("value"); v != "2023-01-01" {
		t.Errorf("from input shows %q", v)
	}

	// JSON: fragments, totals, facets and the filters applied.
	m := do(t, h, "GET", "/search.json?q=Candlelight&type=arrest").json(t)
	hits := m["hits"].([]any)
	snip, _ := hits[0].(map[string]any)["snippet"].([]any)
	if len(snip) != 4 || snip[1].(map[string]any)["match"] != true || snip[0].(map[string]any)["match"] != nil {
		t.Errorf("JSON snippet %v", snip)
	}
	if m["total"] != float64(1234) || m["facets"].(map[string]any)["party"].(map[string]any)["cpp"] != float64(12) {
		t.Errorf("JSON total/facets %v %v", m["total"], m["facets"])
	}
	if fl := m["filters"].(map[string]any)["type"].([]any); len(fl) != 1 || fl[0] != "arrest" {
		t.Errorf("JSON filters %v", m["filters"])
	}

	// A capped total says so.
	s.res.Total, s.res.TotalCapped = 10000, true
	dc := do(t, h, "GET", "/search?q=Candlelight&lang=en").doc(t)
	if got := text(dc, "p.total"); !strings.Contains(got, "More than") || !strings.Contains(got, "10,000") {
		t.Errorf("capped total %q", got)
	}
}

func FuzzSearchParams(f *testing.F) {
	for _, s := range []string{"type=arrest&from=2023-01-01", "kind=event&kind=x", "to=2024-02-30", "party=%00", "province=kh-12&province=kh-12"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q, err := searchParams(v)
		if err != nil {
			return
		}
		for name, vals := range q.Filters {
			if !slices.Contains(searchFacets, name) || len(vals) == 0 || len(vals) > maxFilterValues {
				t.Fatalf("filter %s=%v accepted", name, vals)
			}
		}
		if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
			t.Fatalf("to before from accepted")
		}
	})
}
