package resolve

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
	"github.com/kamnotra/kamnotra/internal/store/sqlite"
)

func openStore(t testing.TB) store.Store {
	t.Helper()
	st, err := sqlite.OpenDir(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestLinkSpellingsAndScripts(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	now := time.Now()
	l := NewLinker(st)
	first, err := l.Link(ctx, "Khuong Sreng", now)
	if err != nil || !first.Created {
		t.Fatalf("first link = %+v, %v; want a new person", first, err)
	}
	same := []string{"Khoung Sreng", "Sreng Khuong", "H.E. Khuong Sreng", "ឃួង ស្រេង", "ឯកឧត្តម ឃួង ស្រេង"}
	for _, m := range same {
		got, err := NewLinker(st).Link(ctx, m, now)
		if err != nil {
			t.Fatal(err)
		}
		if got.PersonID != first.PersonID || got.Created {
			t.Errorf("Link(%q) = %+v, want person %s", m, got, first.PersonID)
		}
	}
	p, err := st.Person(ctx, first.PersonID)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Names.Has("ឃួង ស្រេង") || !p.Names.Has("Khoung Sreng") {
		t.Errorf("new spellings not kept as names: %+v", p.Names)
	}
	for _, m := range []string{"Sok Eysan", "Sok An", "Hun Many", "Khuong Sovann"} {
		got, err := NewLinker(st).Link(ctx, m, now)
		if err != nil {
			t.Fatal(err)
		}
		if got.PersonID == first.PersonID {
			t.Errorf("Link(%q) merged with Khuong Sreng", m)
		}
	}
	a, _ := NewLinker(st).Link(ctx, "Sok Eysan", now)
	b, _ := NewLinker(st).Link(ctx, "Sok An", now)
	if a.PersonID == b.PersonID {
		t.Errorf("Sok Eysan and Sok An are one person")
	}
}

func TestLinkOneWordOnlyInsideDocument(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	now := time.Now()
	l := NewLinker(st)
	full, _ := l.Link(ctx, "Kung Raiya", now)
	short, _ := l.Link(ctx, "Raiya", now)
	if short.PersonID != full.PersonID || short.Confidence >= ConfidenceKey {
		t.Errorf("Raiya in the same document = %+v, want %s at coreference confidence", short, full.PersonID)
	}
	other, _ := NewLinker(st).Link(ctx, "Raiya", now)
	if other.PersonID != "" {
		t.Errorf("Raiya alone in another document linked to %s", other.PersonID)
	}
	// Two people sharing a part make a one-word mention ambiguous.
	l = NewLinker(st)
	l.Link(ctx, "Sam Sokha", now)
	l.Link(ctx, "Kem Sokha", now)
	if got, _ := l.Link(ctx, "Sokha", now); got.PersonID != "" {
		t.Errorf("ambiguous Sokha linked to %s", got.PersonID)
	}
}

func ev(id string, typ record.EventType, date string, to, place string, count int64, people ...string) record.Event {
	d, _ := record.ParseDate(date)
	e := record.Event{ID: id, Type: typ, Date: d, ToOrgID: to, PlaceID: place, Status: record.StatusExtracted}
	if count > 0 {
		e.Count = &count
	}
	for _, p := range people {
		e.Participants = append(e.Participants, record.Participant{Role: record.ParticipantSubject, PersonID: p})
	}
	return e
}

func TestSame(t *testing.T) {
	prov := func(id string) string {
		if len(id) > 5 {
			return id[:5]
		}
		return id
	}
	tests := []struct {
		name string
		a, b record.Event
		want bool
	}{
		{"same group, two outlets", ev("a", record.EventPartyJoin, "2023-02-03", "cpp", "kh-01", 600), ev("b", record.EventDefection, "2023-02-04", "cpp", "kh-01-02", 675), true},
		{"counts too far apart", ev("a", record.EventPartyJoin, "2023-02-03", "cpp", "kh-01", 60), ev("b", record.EventPartyJoin, "2023-02-03", "cpp", "kh-01", 600), false},
		{"other province", ev("a", record.EventPartyJoin, "2023-02-03", "cpp", "kh-01", 600), ev("b", record.EventPartyJoin, "2023-02-03", "cpp", "kh-02", 600), false},
		{"weeks apart", ev("a", record.EventPartyJoin, "2023-02-03", "cpp", "kh-01", 600), ev("b", record.EventPartyJoin, "2023-03-03", "cpp", "kh-01", 600), false},
		{"undated groups are not merged", ev("a", record.EventPartyJoin, "", "cpp", "kh-01", 600), ev("b", record.EventPartyJoin, "", "cpp", "kh-01", 600), false},
		{"same person arrested", ev("a", record.EventArrest, "2023-07-10", "", "", 0, "p1"), ev("b", record.EventArrest, "2023-07-11", "", "", 0, "p1"), true},
		{"same person, one report undated", ev("a", record.EventArrest, "2023-07-10", "", "", 0, "p1"), ev("b", record.EventArrest, "", "", "", 0, "p1"), true},
		{"same person, different type", ev("a", record.EventArrest, "2023-07-10", "", "", 0, "p1"), ev("b", record.EventRelease, "2023-07-10", "", "", 0, "p1"), false},
		{"different people", ev("a", record.EventArrest, "2023-07-10", "", "", 0, "p1"), ev("b", record.EventArrest, "2023-07-10", "", "", 0, "p2"), false},
		{"month-precision date is near", ev("a", record.EventFlight, "2023-07", "", "", 0, "p1"), ev("b", record.EventFlight, "2023-07-09", "", "", 0, "p1"), true},
		{"different destination party", ev("a", record.EventDefection, "2023-07-10", "cpp", "", 0, "p1"), ev("b", record.EventDefection, "2023-07-10", "fun", "", 0, "p1"), false},
	}
	for _, tt := range tests {
		if got := Same(tt.a, tt.b, prov); got != tt.want {
			t.Errorf("%s: Same = %v, want %v", tt.name, got, tt.want)
		}
		if got := Same(tt.b, tt.a, prov); got != tt.want {
			t.Errorf("%s (swapped): Same = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// report is one generated report of a happening.
type report struct {
	doc    string
	typ    record.EventType
	date   string
	to     string
	place  string
	count  int64
	person string // a spelling of the subject's name, or ""
}

func saveReport(t testing.TB, st store.Store, r report) {
	t.Helper()
	ctx := context.Background()
	d := &record.Document{URL: "https://example.org/" + r.doc, CanonicalURL: "https://example.org/" + r.doc, Text: "x", SHA256: r.doc}
	if _, err := st.SaveCapture(ctx, d); err != nil {
		t.Fatal(err)
	}
	if err := st.PutOrganisation(ctx, &record.Organisation{ID: r.to, Kind: record.OrgParty, Names: record.Names{{Value: r.to}}}); err != nil {
		t.Fatal(err)
	}
	if err := st.PutPlace(ctx, &record.Place{ID: r.place, Level: record.PlaceProvince, Names: record.Names{{Value: r.place}}}); err != nil {
		t.Fatal(err)
	}
	e := ev(store.NewID("e"), r.typ, r.date, r.to, r.place, r.count)
	if r.person != "" {
		e.Participants = []record.Participant{{Role: record.ParticipantSubject, Mention: r.person}}
	}
	x := store.Extraction{DocumentID: d.ID, DocumentVersion: d.Version, ExtractorVersion: "test", Events: []record.Event{e},
		Citations: []record.Citation{{ID: store.NewID("c"), EventID: e.ID, DocumentID: d.ID, DocumentVersion: d.Version, Span: record.Span{End: 1}, Evidence: "x",
			ClaimedCount: e.Count, Stance: record.StanceAsserts, ExtractedBy: "extractor/test"}}}
	if err := Resolve(ctx, st, &x); err != nil {
		t.Fatal(err)
	}
	if err := st.ReplaceExtraction(ctx, x); err != nil {
		t.Fatal(err)
	}
}

// The planted truth: 4 happenings, reported 9 times by different
// documents in different spellings and scripts, plus a look-alike.
var planted = []report{
	{"a1", record.EventPartyJoin, "2023-02-03", "cpp", "kh-12", 600, ""},
	{"a2", record.EventDefection, "2023-02-04", "cpp", "kh-12", 675, ""},
	{"a3", record.EventPartyJoin, "2023-02-03", "cpp", "kh-12", 650, ""},
	{"b1", record.EventArrest, "2023-07-10", "court", "kh-01", 0, "Thol Samnang"},
	{"b2", record.EventArrest, "2023-07-11", "court", "kh-01", 0, "Tol Samnang"},
	{"b3", record.EventArrest, "2023-07-10", "court", "kh-01", 0, "ថុល សំណាង"},
	{"c1", record.EventFlight, "2023-07-09", "th", "kh-01", 0, "Kung Raiya"},
	{"c2", record.EventFlight, "2023-07-09", "th", "kh-01", 0, "Kong Raiya"},
	{"d1", record.EventArrest, "2023-07-10", "court", "kh-01", 0, "Thol Sambath"}, // a different man
}

func countEvents(t testing.TB, st store.Store) (events, citations int) {
	t.Helper()
	evs, err := st.Events(context.Background(), store.EventFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		cs, err := st.Citations(context.Background(), e.ID)
		if err != nil {
			t.Fatal(err)
		}
		citations += len(cs)
	}
	return len(evs), citations
}

func TestResolvePlantedCorpus(t *testing.T) {
	for seed := range uint64(4) {
		t.Run(fmt.Sprint("order", seed), func(t *testing.T) {
			st := openStore(t)
			rs := append([]report(nil), planted...)
			rand.New(rand.NewPCG(seed, 7)).Shuffle(len(rs), func(i, j int) { rs[i], rs[j] = rs[j], rs[i] })
			for _, r := range rs {
				saveReport(t, st, r)
			}
			events, cites := countEvents(t, st)
			if events != 4 || cites != len(planted) {
				t.Errorf("%d events with %d citations, want 4 with %d", events, cites, len(planted))
			}
			// Idempotent: reading every report again changes nothing.
			for _, r := range rs {
				saveReport(t, st, r)
			}
			if e2, c2 := countEvents(t, st); e2 != events || c2 != cites {
				t.Errorf("after rerun: %d events, %d citations; want %d, %d", e2, c2, events, cites)
			}
		})
	}
}

func TestTimeline(t *testing.T) {
	kind := func(id string) record.OrgKind {
		if id == "ministry" {
			return record.OrgMinistry
		}
		return record.OrgParty
	}
	defect := ev("e1", record.EventDefection, "2023-06-10", "cpp", "", 0, "p")
	defect.FromOrgID = "clp"
	appoint := ev("e2", record.EventAppointment, "2023-06-19", "ministry", "", 0, "p")
	quitParty := ev("e3", record.EventResignation, "2023-07-18", "", "", 0, "p")
	quitParty.FromOrgID = "cpp"
	quitPost := ev("e4", record.EventResignation, "2023-07-18", "", "", 0, "p")
	quitPost.FromOrgID = "ministry"
	other := ev("e5", record.EventPartyJoin, "2023-01-01", "fun", "", 0, "someone-else")
	got := Timeline("p", []record.Event{quitPost, other, quitParty, appoint, defect}, kind, nil)
	want := []record.Membership{
		{PersonID: "p", OrgID: "clp", Role: "member", End: defect.Date, EndEventID: "e1"},
		{PersonID: "p", OrgID: "cpp", Role: "member", Start: defect.Date, StartEventID: "e1", End: quitParty.Date, EndEventID: "e3"},
		{PersonID: "p", OrgID: "ministry", Role: "post", Post: true, Start: appoint.Date, StartEventID: "e2", End: quitPost.Date, EndEventID: "e4"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Timeline =\n%v\nwant\n%v", got, want)
	}
}

// TestResolveWalksToTheProvince: a report placed in a commune and one
// placed in its province are one event; the commune's province is two
// levels up.
func TestResolveWalksToTheProvince(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	for _, p := range []*record.Place{
		{ID: "kh-12", Level: record.PlaceProvince, Names: record.Names{{Value: "Phnom Penh"}}},
		{ID: "kh-12-01", Level: record.PlaceDistrict, ParentID: "kh-12", Names: record.Names{{Value: "Mean Chey"}}},
		{ID: "kh-12-01-03", Level: record.PlaceCommune, ParentID: "kh-12-01", Names: record.Names{{Value: "Steung Meanchey"}}},
	} {
		if err := st.PutPlace(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.PutOrganisation(ctx, &record.Organisation{ID: "cpp", Kind: record.OrgParty, Names: record.Names{{Value: "cpp"}}}); err != nil {
		t.Fatal(err)
	}
	for i, place := range []string{"kh-12", "kh-12-01-03"} {
		name := fmt.Sprint("walk", i)
		d := &record.Document{URL: "https://example.org/" + name, CanonicalURL: "https://example.org/" + name, Text: "x", SHA256: name}
		if _, err := st.SaveCapture(ctx, d); err != nil {
			t.Fatal(err)
		}
		e := ev(store.NewID("e"), record.EventPartyJoin, "2023-02-03", "cpp", place, 600)
		x := store.Extraction{DocumentID: d.ID, DocumentVersion: d.Version, ExtractorVersion: "test", Events: []record.Event{e},
			Citations: []record.Citation{{ID: store.NewID("c"), EventID: e.ID, DocumentID: d.ID, DocumentVersion: d.Version, Span: record.Span{End: 1}, Evidence: "x",
				ClaimedCount: e.Count, Stance: record.StanceAsserts, ExtractedBy: "extractor/test"}}}
		if err := Resolve(ctx, st, &x); err != nil {
			t.Fatal(err)
		}
		if err := st.ReplaceExtraction(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	if events, cites := countEvents(t, st); events != 1 || cites != 2 {
		t.Errorf("%d events with %d citations, want 1 with 2", events, cites)
	}
}

// Resolving writes nothing: the people a document names for the first
// time, or by a new spelling, travel in the extraction and are saved
// with its facts, once each however often the document names them.
func TestResolveCarriesPeopleInTheExtraction(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	known := &record.Person{Names: record.Names{{Lang: "en", Script: record.ScriptLatin, Value: "Thol Samnang"}}}
	if err := st.PutPerson(ctx, known); err != nil {
		t.Fatal(err)
	}
	d := &record.Document{URL: "https://example.org/carry", CanonicalURL: "https://example.org/carry", Text: "x", SHA256: "carry"}
	if _, err := st.SaveCapture(ctx, d); err != nil {
		t.Fatal(err)
	}
	subject := func(m string) record.Participant {
		return record.Participant{Role: record.ParticipantSubject, Mention: m}
	}
	e1 := ev("e-c1", record.EventArrest, "2023-07-10", "", "", 0)
	e1.Participants = []record.Participant{subject("Khuong Sreng"), subject("Tol Samnang")}
	e2 := ev("e-c2", record.EventFlight, "2023-08-01", "", "", 0)
	e2.Participants = []record.Participant{subject("ឃួង ស្រេង"), subject("Thol Samnang")}
	x := store.Extraction{DocumentID: d.ID, DocumentVersion: d.Version, ExtractorVersion: "test", Events: []record.Event{e1, e2}}
	if err := Resolve(ctx, st, &x); err != nil {
		t.Fatal(err)
	}
	if found, _ := st.PeopleByNameKey(ctx, "Khuong Sreng"); len(found) != 0 {
		t.Fatalf("Resolve saved %+v before the extraction was stored", found)
	}
	if k, _ := st.Person(ctx, known.ID); len(k.Names) != 1 {
		t.Fatalf("Resolve renamed %s before the extraction was stored: %+v", known.ID, k.Names)
	}
	if len(x.People) != 2 {
		t.Fatalf("x.People = %+v, want the newcomer and the known person's new spelling", x.People)
	}
	sreng := x.Events[0].Participants[0].PersonID
	if sreng == "" || x.Events[1].Participants[0].PersonID != sreng {
		t.Errorf("both scripts of one new name must be one person: %+v / %+v", x.Events[0].Participants, x.Events[1].Participants)
	}
	if x.Events[0].Participants[1].PersonID != known.ID || x.Events[1].Participants[1].PersonID != known.ID {
		t.Errorf("spellings of a known person: %+v / %+v", x.Events[0].Participants, x.Events[1].Participants)
	}
	if err := st.ReplaceExtraction(ctx, x); err != nil {
		t.Fatal(err)
	}
	p, err := st.Person(ctx, sreng)
	if err != nil || !p.Names.Has("Khuong Sreng") || !p.Names.Has("ឃួង ស្រេង") {
		t.Errorf("the newcomer after storing: %+v, %v", p, err)
	}
	k, err := st.Person(ctx, known.ID)
	if err != nil || !k.Names.Has("Tol Samnang") || !k.Names.Has("Thol Samnang") {
		t.Errorf("the known person after storing: %+v, %v", k, err)
	}
}
