package web

import (
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/kamnotra/kamnotra/internal/record"
)

func TestPeopleIndexAndMerges(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	must(t, f.st.PutPerson(ctx, &record.Person{ID: "p-sok-2", Status: record.StatusPublished, Names: record.Names{
		{Lang: "en", Script: "Latn", Value: "Sok Vanarith", Kind: record.NameVariant}}}))
	if _, err := f.st.MergePeople(ctx, "p-sok", "p-sok-2", "editor/dara"); err != nil {
		t.Fatalf("merging: %v", err)
	}
	// A person the extractor made: a page, but not listed.
	must(t, f.st.PutPerson(ctx, &record.Person{ID: "p-machine", Status: record.StatusExtracted, Names: record.Names{
		{Lang: "km", Script: "Khmr", Value: "កែវ សុភា", Kind: record.NameOfficial}}}))
	h := f.site(t, Options{PageSize: 1})
	// The index lists public people only, across pages of one.
	var listed []string
	next := "/people?lang=en"
	for range 10 {
		d := do(t, h, "GET", next).doc(t)
		d.Find(`main ul.cols a`).Each(func(_ int, a *goquery.Selection) {
			href, _ := a.Attr("href")
			listed = append(listed, href)
		})
		href, ok := d.Find(`nav.pager a[rel=next]`).Attr("href")
		if !ok {
			break
		}
		next = "/people" + href
	}
	if strings.Join(listed, " ") != "/people/p-meas /people/p-sok" {
		t.Errorf("people listed: %v", listed)
	}
	wantStatus(t, do(t, h, "GET", "/people/p-machine"), 200)
	// A merged record sends the reader to the one it was merged into.
	for path, want := range map[string]string{
		"/people/p-sok-2":              "/people/p-sok",
		"/people/p-sok-2.json":         "/people/p-sok.json",
		"/people/p-sok-2?lang=km":      "/people/p-sok?lang=km",
		"/people/p-sok-2.json?lang=en": "/people/p-sok.json?lang=en",
	} {
		r := do(t, h, "GET", path)
		if r.StatusCode != 302 || r.Header.Get("Location") != want {
			t.Errorf("%s: %d Location %q, want 302 %q", path, r.StatusCode, r.Header.Get("Location"), want)
		}
	}
	// The kept person now has the variant spelling.
	if names := text(do(t, h, "GET", "/people/p-sok?lang=en").doc(t), "ul.names"); !strings.Contains(names, "Sok Vanarith") {
		t.Errorf("names after the merge: %q", names)
	}
}

func TestPlacePage(t *testing.T) {
	f := newFixture(t)
	h := f.site(t, Options{})
	// The province holds the district's defection and its own arrest.
	d := do(t, h, "GET", "/places/kh-12?lang=en").doc(t)
	var got []string
	d.Find("ul.events a.what").Each(func(_ int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		got = append(got, href)
	})
	if len(got) != 2 {
		t.Errorf("events in Phnom Penh: %v", got)
	}
	dd := do(t, h, "GET", "/places/kh-12-09?lang=km").doc(t)
	if href, _ := dd.Find(`main p a[href="/places/kh-12"]`).Attr("href"); href == "" || !strings.Contains(text(dd, "main > p"), "ស្រុក/ខណ្ឌ") {
		t.Errorf("district page: %q", text(dd, "main > p"))
	}
	// The event page links its place.
	ev := do(t, h, "GET", "/events/"+f.defection+"?lang=en").doc(t)
	if ev.Find(`dl.facts a[href="/places/kh-12-09"]`).Length() != 1 {
		t.Error("event page does not link its place")
	}
	wantStatus(t, do(t, h, "GET", "/places/kh-99"), 404)
}
