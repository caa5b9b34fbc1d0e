package web

import (
	"net/http/httptest"
	"testing"
)

// BenchmarkPages measures whole requests against the SQLite fixture. The
// JSON of the same event is the baseline: the difference is what rendering
// HTML in a language costs over the store reads both share.
func BenchmarkPages(b *testing.B) {
	f := newFixture(b)
	h := f.site(b, Options{Searcher: &resultSearcher{res: &SearchResults{
		Hits: []SearchHit{{Kind: HitDocument, ID: f.enDoc, Title: "t", Snippet: []Fragment{{Text: "a "}, {Text: "b", Match: true}}},
			{Kind: HitEvent, ID: f.arrest, Title: "t"}},
		Total:  2,
		Facets: map[string]map[string]int{"type": {"arrest": 1, "defection": 1}, "outlet": {"camboja": 1, "fresh-news": 1}, "party": {"clp": 2, "cpp": 1}, "province": {"kh-12": 2}},
	}}})
	cases := []struct{ name, path, accept string }{
		{"event-json", "/events/" + f.defection + ".json", ""},
		{"event-html-en", "/events/" + f.defection + "?lang=en", ""},
		{"event-html-km", "/events/" + f.defection + "?lang=km", ""},
		{"document-html-km", "/documents/" + f.kmDoc + "?lang=km&cite=" + f.cDef, ""},
		{"home-html-km", "/?lang=km", ""},
		{"archive-view", "/documents/" + f.kmDoc + "/archive/view", ""},
		// The ledger's JSON is one count; its page counts again by outlet
		// with every report for the monthly charts.
		{"ledger-json", "/ledger.json?type=defection&type=arrest", ""},
		{"ledger-html-km", "/ledger?lang=km&type=defection&type=arrest", ""},
		{"org-html-km", "/organisations/clp?lang=km", ""},
		{"search-json", "/search.json?q=b&province=kh-12", ""},
		{"search-html-km", "/search?lang=km&q=b&province=kh-12", ""},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest("GET", c.path, nil))
				if rec.Code != 200 {
					b.Fatalf("%s: %d", c.path, rec.Code)
				}
			}
		})
	}
}
