package web

import (
	"encoding/xml"
	"strings"
	"testing"
)

func TestEventFeed(t *testing.T) {
	f := newFixture(t)
	h := f.site(t, Options{BaseURL: "https://kamnotra.example/"})
	for _, lang := range []string{"km", "en"} {
		r := do(t, h, "GET", "/events.atom?lang="+lang)
		wantStatus(t, r, 200)
		if ct := r.Header.Get("Content-Type"); ct != "application/atom+xml; charset=utf-8" {
			t.Errorf("Content-Type %q", ct)
		}
		checkSecurityHeaders(t, r)
		var feed atomFeed
		if err := xml.Unmarshal(r.Body, &feed); err != nil {
			t.Fatalf("%s feed is not Atom XML: %v", lang, err)
		}
		var root struct {
			Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		}
		xml.Unmarshal(r.Body, &root)
		if root.Lang != lang || feed.ID != "https://kamnotra.example/events.atom" {
			t.Errorf("feed xml:lang %q id %q", root.Lang, feed.ID)
		}
		if len(feed.Entries) != 3 {
			t.Fatalf("%d entries, want the 3 visible events", len(feed.Entries))
		}
		body := string(r.Body)
		for _, hidden := range []string{f.rejected, "Chan Sreyneang", "ចាន់ ស្រីនាង", "p-chan"} {
			if strings.Contains(body, hidden) {
				t.Errorf("%s feed shows %q", lang, hidden)
			}
		}
		var def *atomEntry
		for i := range feed.Entries {
			e := &feed.Entries[i]
			if !strings.HasPrefix(e.Link.Href, "https://kamnotra.example/events/") || !strings.HasSuffix(e.Link.Href, "?lang="+lang) {
				t.Errorf("entry link %q", e.Link.Href)
			}
			if e.ID == "https://kamnotra.example/events/"+f.defection {
				def = e
			}
		}
		if def == nil {
			t.Fatal("no entry for the defection")
		}
		want := map[string][]string{
			"km": {"ការប្ដូរគណបក្ស, ថ្ងៃទី៣ ខែកុម្ភៈ ឆ្នាំ២០២៣", "ជាង ៦០០", "ដកស្រង់ដោយម៉ាស៊ីន"},
			"en": {"Defection, 3 February 2023", "more than 600", "machine-extracted"},
		}[lang]
		if def.Title != want[0] || !strings.Contains(def.Summary.Body, want[1]) || !strings.Contains(def.Summary.Body, want[2]) {
			t.Errorf("%s defection entry %q / %q", lang, def.Title, def.Summary.Body)
		}
	}
	// Without a configured base the request's host is used.
	r := do(t, f.site(t, Options{}), "GET", "/events.atom")
	if !strings.Contains(string(r.Body), "<id>http://example.com/events.atom</id>") {
		t.Errorf("feed without BaseURL:\n%.400s", r.Body)
	}
}
