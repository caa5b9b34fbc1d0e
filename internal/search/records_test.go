package search_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/search"
	searchsqlite "github.com/kamnotra/kamnotra/internal/search/sqlite"
	"github.com/kamnotra/kamnotra/internal/store"
	"github.com/kamnotra/kamnotra/internal/store/sqlite"
)

// openRecord opens a SQLite record in a temporary directory, closed at
// the end of the test, and a must that stops the test on an error.
func openRecord(t *testing.T) (dir string, st store.Store, must func(error)) {
	t.Helper()
	dir = t.TempDir()
	st, err := sqlite.OpenDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return dir, st, func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestReindex builds the index from a real record and checks that what a
// reader searches for is found with the right facets, and that rejected
// events and private people stay out.
func TestReindex(t *testing.T) {
	ctx := context.Background()
	dir, st, must := openRecord(t)
	var err error
	must(st.PutOutlet(ctx, &record.Outlet{ID: "lotus-news", Kind: record.OutletProGovernment, Names: record.Names{{Lang: "en", Value: "Daily Lotus News"}}}))
	must(st.PutOrganisation(ctx, &record.Organisation{ID: "lotus-party", Kind: record.OrgParty, Names: record.Names{{Lang: "en", Value: "Lotus Party", Kind: record.NameOfficial}, {Lang: "km", Value: "គណបក្សឈូក"}}}))
	must(st.PutPlace(ctx, &record.Place{ID: "kh-03", Level: record.PlaceProvince, Names: record.Names{{Lang: "en", Value: "Kampong Cham"}}}))
	must(st.PutPlace(ctx, &record.Place{ID: "kh-03-05", Level: record.PlaceDistrict, ParentID: "kh-03", Names: record.Names{{Lang: "en", Value: "Kang Meas"}}}))
	must(st.PutPerson(ctx, &record.Person{ID: "p-sokha", Names: record.Names{{Lang: "km", Script: record.ScriptKhmer, Value: "ចាន់ សុភ័ក្រ"}, {Lang: "en", Value: "Chan Sopheak"}}}))
	must(st.PutPerson(ctx, &record.Person{ID: "p-private", Private: true, Names: record.Names{{Lang: "en", Value: "Mey Ratha"}}}))
	doc := &record.Document{URL: "https://lotus-news.example/a", CanonicalURL: "https://lotus-news.example/a", OutletID: "lotus-news",
		Title: "សមាជិកថ្មី", Text: "សមាជិកចំនួន ៣០០ នាក់ បានចូលគណបក្សឈូក ។", Lang: "km", SHA256: "ab", Published: record.Date{Year: 2023, Month: 2, Day: 3}}
	_, err = st.SaveCapture(ctx, doc)
	must(err)
	n := int64(300)
	for _, e := range []*record.Event{
		{ID: "e-join", Type: record.EventPartyJoin, ToOrgID: "lotus-party", PlaceID: "kh-03-05", Count: &n, Date: record.Date{Year: 2023, Month: 2, Day: 3}, Status: record.StatusExtracted,
			Participants: []record.Participant{{Role: record.ParticipantPresiding, PersonID: "p-sokha", Mention: "ចាន់ សុភ័ក្រ"}, {Role: record.ParticipantSubject, PersonID: "p-private", Mention: "Mey Ratha"}}},
		{ID: "e-rejected", Type: record.EventArrest, Date: record.Date{Year: 2023, Month: 3}, Status: record.StatusRejected},
	} {
		must(st.PutEvent(ctx, e))
	}
	must(st.PutCitation(ctx, &record.Citation{EventID: "e-join", DocumentID: doc.ID, DocumentVersion: 1, Span: record.Span{Start: 0, End: len(doc.Text)}, Evidence: doc.Text, Stance: record.StanceAsserts, ExtractedBy: "extractor/test"}))

	idx, err := searchsqlite.Open(ctx, filepath.Join(dir, "search.db"), search.KhmerAnalyzer{})
	must(err)
	defer idx.Close()
	var calls int
	total, err := search.Reindex(ctx, st, idx, func(int) { calls++ })
	must(err)
	if total < 4 || calls == 0 {
		t.Fatalf("Reindex put %d entries with %d progress calls", total, calls)
	}

	find := func(q search.Query) []string {
		t.Helper()
		r, err := idx.Search(ctx, q)
		must(err)
		var ids []string
		for _, h := range r.Hits {
			ids = append(ids, h.ID)
		}
		slices.Sort(ids)
		return ids
	}
	for _, tt := range []struct {
		name string
		q    search.Query
		want []string
	}{
		{"document and event by Khmer text", search.Query{Text: "សមាជិក"}, []string{doc.ID, "e-join"}},
		{"party facet from the event's organisation", search.Query{Facets: map[string][]string{search.FacetParty: {"lotus-party"}}}, []string{doc.ID, "e-join", "lotus-party"}},
		{"province facet from the district, on the event and the report", search.Query{Facets: map[string][]string{search.FacetProvince: {"kh-03"}}}, []string{doc.ID, "e-join"}},
		{"event type facet finds the report too", search.Query{Facets: map[string][]string{search.FacetType: {"party_join"}}}, []string{doc.ID, "e-join"}},
		{"outlet kind", search.Query{Facets: map[string][]string{search.FacetOutletKind: {"pro-government"}}}, []string{doc.ID}},
		{"person by Latin spelling of the Khmer name", search.Query{Text: "Chan Sopheak", Kinds: []string{search.KindPerson}}, []string{"p-sokha"}},
		{"event by a person's other spelling", search.Query{Text: "Chann Sopheak", Kinds: []string{search.KindEvent}}, []string{"e-join"}},
		{"rejected events are not indexed", search.Query{Facets: map[string][]string{search.FacetType: {"arrest"}}}, nil},
		{"private people are not indexed as people", search.Query{Text: "Ratha", Kinds: []string{search.KindPerson}}, nil},
		{"organisation by Khmer name", search.Query{Text: "ឈូក", Kinds: []string{search.KindOrganisation}}, []string{"lotus-party"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := find(tt.q); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	if r, _ := idx.Search(ctx, search.Query{Kinds: []string{search.KindEvent}, Facets: map[string][]string{search.FacetType: {"party_join"}}}); len(r.Hits) == 1 && !r.Hits[0].Date.Equal(time.Date(2023, 2, 3, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("event date = %v", r.Hits[0].Date)
	}
}

// TestIndexDocumentsMatchesReindex: indexing what one capture added gives
// the document the same facets a full reindex gives it.
func TestIndexDocumentsMatchesReindex(t *testing.T) {
	ctx := context.Background()
	dir, st, must := openRecord(t)
	var err error
	must(st.PutOrganisation(ctx, &record.Organisation{ID: "lotus-party", Kind: record.OrgParty, Names: record.Names{{Lang: "en", Value: "Lotus Party"}}}))
	must(st.PutPlace(ctx, &record.Place{ID: "kh-03", Level: record.PlaceProvince, Names: record.Names{{Lang: "en", Value: "Kampong Cham"}}}))
	doc := &record.Document{URL: "https://x.example/1", CanonicalURL: "https://x.example/1", Title: "Arrest", Text: "Police arrested an activist.", SHA256: "1"}
	_, err = st.SaveCapture(ctx, doc)
	must(err)
	must(st.PutEvent(ctx, &record.Event{ID: "e1", Type: record.EventArrest, FromOrgID: "lotus-party", PlaceID: "kh-03", Status: record.StatusExtracted}))
	must(st.PutCitation(ctx, &record.Citation{EventID: "e1", DocumentID: doc.ID, DocumentVersion: 1, Span: record.Span{End: 6}, Evidence: "Police", Stance: record.StanceAsserts, ExtractedBy: "extractor/t"}))
	idx, err := searchsqlite.Open(ctx, filepath.Join(dir, "s.db"), search.KhmerAnalyzer{})
	must(err)
	defer idx.Close()
	must(search.IndexDocuments(ctx, st, idx, []string{doc.ID}, nil))
	for _, f := range []map[string][]string{
		{search.FacetType: {"arrest"}},
		{search.FacetParty: {"lotus-party"}},
		{search.FacetProvince: {"kh-03"}},
	} {
		r, err := idx.Search(ctx, search.Query{Kinds: []string{search.KindDocument}, Facets: f})
		must(err)
		if len(r.Hits) != 1 || r.Hits[0].ID != doc.ID {
			t.Errorf("documents with %v: %v", f, r.Hits)
		}
	}
}

// TestRefreshEventsDropsWhatTheRecordLost: an event a reextraction
// removed, or an editor rejected, must not be found any more, and one
// still in the record stays findable.
func TestRefreshEventsDropsWhatTheRecordLost(t *testing.T) {
	ctx := context.Background()
	dir, st, must := openRecord(t)
	var err error
	doc := &record.Document{URL: "https://x.example/2", CanonicalURL: "https://x.example/2", Title: "Arrests", Text: "Police arrested two activists.", SHA256: "2"}
	_, err = st.SaveCapture(ctx, doc)
	must(err)
	x := store.Extraction{DocumentID: doc.ID, DocumentVersion: 1, ExtractorVersion: "t",
		Events: []record.Event{{ID: "e-gone", Type: record.EventArrest}, {ID: "e-rejected", Type: record.EventArrest}, {ID: "e-kept", Type: record.EventCharge}}}
	for _, e := range x.Events {
		x.Citations = append(x.Citations, record.Citation{EventID: e.ID, Span: record.Span{End: 6}, Evidence: "Police"})
	}
	must(st.ReplaceExtraction(ctx, x))
	idx, err := searchsqlite.Open(ctx, filepath.Join(dir, "s.db"), search.KhmerAnalyzer{})
	must(err)
	defer idx.Close()
	must(search.IndexDocuments(ctx, st, idx, []string{doc.ID}, nil))
	events := func() []string {
		r, err := idx.Search(ctx, search.Query{Kinds: []string{search.KindEvent}})
		must(err)
		var ids []string
		for _, h := range r.Hits {
			ids = append(ids, h.ID)
		}
		slices.Sort(ids)
		return ids
	}
	if got := events(); !slices.Equal(got, []string{"e-gone", "e-kept", "e-rejected"}) {
		t.Fatalf("indexed events %v", got)
	}
	// A new extraction keeps two of the events; an editor rejects one.
	x.ExtractorVersion = "t2"
	x.Events = x.Events[1:]
	x.Citations = x.Citations[1:]
	must(st.ReplaceExtraction(ctx, x))
	rej, err := st.Event(ctx, "e-rejected")
	must(err)
	rej.Status = record.StatusRejected
	must(st.PutEvent(ctx, rej))
	// What capture and reextract do: the document again, with the events
	// its old extraction cited.
	must(search.IndexDocuments(ctx, st, idx, []string{doc.ID}, []string{"e-gone", "e-kept", "e-rejected"}))
	if got := events(); !slices.Equal(got, []string{"e-kept"}) {
		t.Errorf("after indexing the document again: %v, want only e-kept", got)
	}
	// RefreshEvents alone does the same for events no document names.
	must(idx.Put(ctx, search.Doc{ID: "e-gone", Kind: search.KindEvent, Title: "stale"}))
	must(search.RefreshEvents(ctx, st, idx, []string{"e-gone", "e-kept"}))
	if got := events(); !slices.Equal(got, []string{"e-kept"}) {
		t.Errorf("after refreshing: %v, want only e-kept", got)
	}
}
