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

// A reporter follows one person, party or outlet: each feed carries only
// its events, private people have none, and a feed asked two things at
// once says so.
func TestScopedEventFeeds(t *testing.T) {
	f := newFixture(t)
	h := f.site(t, Options{BaseURL: "https://kamnotra.example/"})
	entries := func(q string) []string {
		t.Helper()
		r := do(t, h, "GET", "/events.atom?"+q)
		wantStatus(t, r, 200)
		var feed atomFeed
		if err := xml.Unmarshal(r.Body, &feed); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if !strings.HasPrefix(feed.ID, "https://kamnotra.example/events.atom?") || !strings.Contains(feed.Links[0].Href, "lang=en") {
			t.Errorf("%s: feed id %q self %q", q, feed.ID, feed.Links[0].Href)
		}
		var ids []string
		for _, e := range feed.Entries {
			ids = append(ids, strings.TrimPrefix(e.ID, "https://kamnotra.example/events/"))
		}
		return ids
	}
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"person=p-sok&lang=en", []string{f.arrest}},
		{"person=p-meas&lang=en", []string{f.defection}},
		{"party=cpp&lang=en", []string{f.defection}},
		{"outlet=camboja&lang=en", []string{f.arrest, f.privCharge}},
		{"outlet=fresh-news&lang=en", []string{f.defection}},
	} {
		if got := entries(tt.q); strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s: entries %v, want %v", tt.q, got, tt.want)
		}
	}
	r := do(t, h, "GET", "/events.atom?person=p-chan&lang=en")
	if r.StatusCode != 404 {
		t.Fatalf("a private person's feed: status %d\n%.300s", r.StatusCode, r.Body)
	}
	if strings.Contains(string(r.Body), "Chan Sreyneang") {
		t.Error("a private person's name in the answer")
	}
	for q, status := range map[string]int{"party=ghost": 404, "person=p-none": 404, "outlet=nowhere": 404,
		"person=p-sok&outlet=camboja": 400, "party=": 400} {
		if r := do(t, h, "GET", "/events.atom?"+q); r.StatusCode != status {
			t.Errorf("%s: status %d, want %d\n%.300s", q, r.StatusCode, status, r.Body)
		}
	}
}

// The person, organisation and outlet pages link to their own feeds.
func TestPagesLinkTheirFeeds(t *testing.T) {
	f := newFixture(t)
	h := f.site(t, Options{BaseURL: "https://kamnotra.example/"})
	for path, want := range map[string]string{
		"/people/p-sok?lang=en":       f.arrest,
		"/organisations/cpp?lang=en":  f.defection,
		"/outlets/fresh-news?lang=km": f.defection,
	} {
		r := do(t, h, "GET", path)
		wantStatus(t, r, 200)
		href, ok := r.doc(t).Find(`p.feed a[type="application/atom+xml"]`).Attr("href")
		if !ok {
			t.Errorf("%s: no feed link", path)
			continue
		}
		fr := do(t, h, "GET", href)
		if fr.StatusCode != 200 || !strings.Contains(string(fr.Body), "/events/"+want) {
			t.Errorf("%s links %s: status %d, no entry for %s", path, href, fr.StatusCode, want)
		}
	}
}
