package resolve

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

// The Index must answer every question resolving asks as the store's
// queries do, for dates of every precision and people in either script.
func TestIndexAnswersAsTheStore(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	r := rand.New(rand.NewPCG(7, 7))
	people := []string{"Khuong Sreng", "Thol Samnang", "Kung Raiya", "Sok Vannary", "Chea Dara"}
	ids := make([]string, len(people))
	for i, n := range people {
		p := &record.Person{Names: record.Names{{Lang: "en", Script: record.ScriptLatin, Value: n}}}
		if err := st.PutPerson(ctx, p); err != nil {
			t.Fatal(err)
		}
		ids[i] = p.ID
	}
	types := []record.EventType{record.EventPartyJoin, record.EventDefection, record.EventArrest, record.EventFlight}
	randomDate := func() string {
		y, m, d := 2022+r.IntN(2), 1+r.IntN(12), 1+r.IntN(28)
		switch r.IntN(8) {
		case 0:
			return ""
		case 1:
			return fmt.Sprint(y)
		case 2, 3:
			return fmt.Sprintf("%d-%02d", y, m)
		}
		return fmt.Sprintf("%d-%02d-%02d", y, m, d)
	}
	for i := range 400 {
		d := &record.Document{URL: fmt.Sprint("https://example.org/i", i), CanonicalURL: fmt.Sprint("https://example.org/i", i), Text: "x", SHA256: fmt.Sprint(i)}
		if _, err := st.SaveCapture(ctx, d); err != nil {
			t.Fatal(err)
		}
		var subjects []string
		if r.IntN(2) == 0 {
			subjects = append(subjects, ids[r.IntN(len(ids))])
		}
		e := ev(fmt.Sprintf("e-%03d", i), types[r.IntN(len(types))], randomDate(), "", "", 0, subjects...)
		x := store.Extraction{DocumentID: d.ID, DocumentVersion: d.Version, ExtractorVersion: "test", Events: []record.Event{e},
			Citations: []record.Citation{{ID: fmt.Sprint("c-", i), EventID: e.ID, Span: record.Span{End: 1}}}}
		if err := st.ReplaceExtraction(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	idx, err := LoadIndex(ctx, st, IndexConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if idx.Len() != 400 {
		t.Fatalf("index holds %d events, want 400", idx.Len())
	}
	db := storeSource{st}
	idsOf := func(evs []record.Event, err error) []string {
		if err != nil {
			t.Fatal(err)
		}
		out := make([]string, len(evs))
		for i, e := range evs {
			out[i] = e.ID
		}
		return out
	}
	families := [][]record.EventType{{record.EventPartyJoin, record.EventDefection}, {record.EventArrest}, {record.EventFlight}}
	for range 300 {
		fam := families[r.IntN(len(families))]
		var from, to record.Date
		for from.IsZero() {
			from, _ = record.ParseDate(randomDate())
		}
		to = record.DateOf(from.Start().AddDate(0, 0, r.IntN(10)))
		want := idsOf(db.windowEvents(ctx, fam, from, to))
		got := idsOf(idx.windowEvents(ctx, fam, from, to))
		if !slices.Equal(got, want) {
			t.Fatalf("window %v %s–%s: index %v, store %v", fam, from, to, got, want)
		}
	}
	for _, id := range ids {
		for _, fam := range families {
			if got, want := idsOf(idx.subjectEvents(ctx, id, fam)), idsOf(db.subjectEvents(ctx, id, fam)); !slices.Equal(got, want) {
				t.Errorf("subject %s %v: index %v, store %v", id, fam, got, want)
			}
		}
	}
	for _, name := range []string{"Khoung Sreng", "ឃួង ស្រេង", "Tol Samnang", "Nobody Here"} {
		a, _ := idx.peopleNamed(ctx, name)
		b, _ := db.peopleNamed(ctx, name)
		if len(a) != len(b) || (len(a) > 0 && a[0].ID != b[0].ID) {
			t.Errorf("people named %q: index %+v, store %+v", name, a, b)
		}
	}
	for _, id := range []string{"e-000", "e-123", "e-399", "e-none"} {
		a, _ := idx.citingDocuments(ctx, id)
		b, _ := db.citingDocuments(ctx, id)
		if !slices.Equal(a, b) {
			t.Errorf("citing %s: index %v, store %v", id, a, b)
		}
	}
}
