package web

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

// countingStore counts the person reads that reach the store.
type countingStore struct {
	store.Store
	people atomic.Int64
}

func (s *countingStore) Person(ctx context.Context, id string) (*record.Person, error) {
	s.people.Add(1)
	return s.Store.Person(ctx, id)
}

func TestPageCacheFollowsTheRecord(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	cs := &countingStore{Store: f.st}
	v, err := OpenSQLiteVersion(ctx, f.dbPath)
	must(t, err)
	defer v.Close()
	h := NewServer(cs, Options{RatePerSecond: -1, Version: v.Version})

	first := do(t, h, "GET", "/people/p-sok?lang=en")
	wantStatus(t, first, 200)
	if !strings.Contains(string(first.Body), "Sok Vannarith") {
		t.Fatalf("person page without the name:\n%.600s", first.Body)
	}
	reads := cs.people.Load()
	again := do(t, h, "GET", "/people/p-sok?lang=en")
	wantStatus(t, again, 200)
	if n := cs.people.Load(); n != reads {
		t.Errorf("the unchanged page was built again: %d person reads, then %d", reads, n)
	}
	if string(again.Body) != string(first.Body) || again.Header.Get("ETag") != first.Header.Get("ETag") {
		t.Errorf("the cached page differs from the page it kept")
	}
	// A reader who has it gets 304 from the cache too.
	wantStatus(t, do(t, h, "GET", "/people/p-sok?lang=en", "If-None-Match", first.Header.Get("ETag")), 304)

	// The language and the format are part of the key, however the
	// reader chose them.
	km := do(t, h, "GET", "/people/p-sok", "Accept-Language", "km")
	wantStatus(t, km, 200)
	if !strings.Contains(string(km.Body), `<html lang="km">`) {
		t.Errorf("Khmer page after the English one is not Khmer:\n%.300s", km.Body)
	}
	if en := do(t, h, "GET", "/people/p-sok", "Cookie", langCookie+"=en"); !strings.Contains(string(en.Body), `<html lang="en">`) {
		t.Errorf("English page after the Khmer one of the same URL is not English:\n%.300s", en.Body)
	}
	km = do(t, h, "GET", "/people/p-sok?lang=km")
	wantStatus(t, km, 200)
	if !strings.Contains(km.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(km.Body), `<html lang="km">`) {
		t.Errorf("Khmer page after the English one is not Khmer HTML:\n%.300s", km.Body)
	}
	js := do(t, h, "GET", "/people/p-sok?lang=en", "Accept", "application/json")
	wantStatus(t, js, 200)
	if got := js.json(t)["person"].(map[string]any)["id"]; got != "p-sok" {
		t.Errorf("JSON after HTML of the same URL: person %v", got)
	}

	// An editor renames the person: the next request shows the new name.
	p, err := f.st.Person(ctx, "p-sok")
	must(t, err)
	p.Names = append(p.Names, record.Name{Lang: "en", Script: "Latn", Value: "Sok Vannarith Junior", Kind: record.NameVariant})
	must(t, f.st.PutPerson(ctx, p))
	if b := do(t, h, "GET", "/people/p-sok?lang=en").Body; !strings.Contains(string(b), "Sok Vannarith Junior") {
		t.Errorf("the page kept showing the record before the change")
	}
	// And makes them private: the page goes, in both formats.
	p.Private = true
	must(t, f.st.PutPerson(ctx, p))
	wantStatus(t, do(t, h, "GET", "/people/p-sok?lang=en"), 404)
	wantStatus(t, do(t, h, "GET", "/people/p-sok?lang=en", "Accept", "application/json"), 404)
	// An event page that named them in the cache no longer links them.
	if b := string(do(t, h, "GET", "/events/"+f.arrest+"?lang=en").Body); strings.Contains(b, `href="/people/p-sok"`) {
		t.Errorf("the event page links the now private person")
	}
}

// TestPageCacheUnknownVersion answers from the record when the version
// cannot be read, and keeps nothing.
func TestPageCacheUnknownVersion(t *testing.T) {
	f := newFixture(t)
	cs := &countingStore{Store: f.st}
	broken := func(context.Context) (uint64, error) { return 0, errors.New("database is locked") }
	h := NewServer(cs, Options{RatePerSecond: -1, Version: broken})
	for range 2 {
		wantStatus(t, do(t, h, "GET", "/people/p-sok?lang=en"), 200)
	}
	if n := cs.people.Load(); n < 2 {
		t.Errorf("%d person reads for two requests with no version: a page was kept", n)
	}
}

func TestSQLiteVersionSeesCommits(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	v, err := OpenSQLiteVersion(ctx, f.dbPath)
	must(t, err)
	defer v.Close()
	v1, err := v.Version(ctx)
	must(t, err)
	v2, err := v.Version(ctx)
	must(t, err)
	if v2 != v1 {
		t.Errorf("version moved from %d to %d with no change", v1, v2)
	}
	must(t, f.st.PutOutlet(ctx, &record.Outlet{ID: "new-outlet", Kind: record.OutletIndependent,
		Names: record.Names{{Lang: "en", Script: "Latn", Value: "New Outlet", Kind: record.NameOfficial}}}))
	v3, err := v.Version(ctx)
	must(t, err)
	if v3 <= v2 {
		t.Errorf("version %d after a commit, %d before: want it to grow", v3, v2)
	}
}

func TestOpenSQLiteVersionNeedsTheFile(t *testing.T) {
	if _, err := OpenSQLiteVersion(context.Background(), t.TempDir()+"/missing.db"); err == nil {
		t.Errorf("watching a missing database succeeded; it must not create one")
	}
}

func TestPageCacheBounds(t *testing.T) {
	c := newPageCache(nil, 64*100)
	page := func(n int) *cachedPage { return &cachedPage{body: make([]byte, n)} }
	key := func(i int) pageKey { return pageKey{path: "/p/" + itoa(i)} }
	for i := range 1000 {
		c.put(1, key(i), page(90))
	}
	if c.size > c.limit {
		t.Errorf("cache holds %d bytes, limit %d", c.size, c.limit)
	}
	sum := 0
	for _, e := range c.entries {
		sum += len(e.body)
	}
	if sum != c.size {
		t.Errorf("cache counts %d bytes, holds %d", c.size, sum)
	}
	if c.get(1, key(999)) == nil {
		t.Errorf("the page just kept is gone")
	}
	// A page built before a change that a later request has seen is not kept.
	if c.get(2, key(999)) != nil {
		t.Errorf("a page of version 1 served at version 2")
	}
	c.put(1, key(5), page(10))
	if c.get(2, key(5)) != nil {
		t.Errorf("a page built at version 1 was kept after version 2 was seen")
	}
}

// TestEntityCacheSharedUntilChange: two pages naming one person read it
// once between changes of the record, and again after one.
func TestEntityCacheSharedUntilChange(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	second := record.Event{ID: "ev-arrest-2", Type: record.EventRelease, Date: record.Date{Year: 2024, Month: 4}, Status: record.StatusPublished,
		Participants: []record.Participant{{Role: record.ParticipantSubject, PersonID: "p-sok"}}}
	must(t, f.st.PutEvent(ctx, &second))
	cs := &countingStore{Store: f.st}
	v, err := OpenSQLiteVersion(ctx, f.dbPath)
	must(t, err)
	defer v.Close()
	h := NewServer(cs, Options{RatePerSecond: -1, Version: v.Version})

	wantStatus(t, do(t, h, "GET", "/events/"+f.arrest+"?lang=en"), 200)
	reads := cs.people.Load()
	if reads == 0 {
		t.Fatalf("the event page read no person")
	}
	if b := do(t, h, "GET", "/events/ev-arrest-2?lang=en").Body; !strings.Contains(string(b), "Sok Vannarith") {
		t.Fatalf("the second event page does not name the person:\n%.600s", b)
	}
	if n := cs.people.Load(); n != reads {
		t.Errorf("the second page read the person again: %d reads, then %d", reads, n)
	}
	p, err := f.st.Person(ctx, "p-sok")
	must(t, err)
	p.Names = record.Names{{Lang: "en", Script: "Latn", Value: "Sok Renamed", Kind: record.NameOfficial}}
	must(t, f.st.PutPerson(ctx, p))
	if b := do(t, h, "GET", "/events/ev-arrest-2?lang=en").Body; !strings.Contains(string(b), "Sok Renamed") {
		t.Errorf("after the rename the page still names the person as before")
	}
}
