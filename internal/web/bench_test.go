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
	h := f.site(b, Options{})
	cases := []struct{ name, path, accept string }{
		{"event-json", "/events/" + f.defection + ".json", ""},
		{"event-html-en", "/events/" + f.defection + "?lang=en", ""},
		{"event-html-km", "/events/" + f.defection + "?lang=km", ""},
		{"document-html-km", "/documents/" + f.kmDoc + "?lang=km&cite=" + f.cDef, ""},
		{"home-html-km", "/?lang=km", ""},
		{"archive-view", "/documents/" + f.kmDoc + "/archive/view", ""},
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
