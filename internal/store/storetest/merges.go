package storetest

import (
	"sort"
	"testing"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

// runMerges runs the tests of people listing, candidates and merges.
func runMerges(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, Opener)
	}{
		{"PeopleListing", testPeopleListing},
		{"Candidates", testCandidates},
		{"MergePeople", testMergePeople},
		{"MergeErrors", testMergeErrors},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.fn(t, open)
		})
	}
}

func testPeopleListing(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	var want []string
	for _, n := range []string{"Sok Vannary", "Chea Dara", "Kem Sovann", "Ouk Bopha", "Nhem Rithy"} {
		p := &record.Person{Names: record.Names{{Lang: "en", Value: n}}}
		must(t, s.PutPerson(ctx, p))
		want = append(want, p.ID)
	}
	sort.Strings(want)
	var got []string
	after := ""
	for pages := 0; ; pages++ {
		ps, err := s.People(ctx, after, 2)
		must(t, err)
		if len(ps) == 0 {
			if pages != 3 {
				t.Errorf("%d pages of 2 for 5 people, want 3", pages)
			}
			break
		}
		for _, p := range ps {
			if len(p.Names) != 1 {
				t.Errorf("person %s listed with names %v", p.ID, p.Names)
			}
			got = append(got, p.ID)
		}
		after = ps[len(ps)-1].ID
	}
	equal(t, "people listed", got, want)
	_, err := s.People(ctx, "", -1)
	wantCode(t, err, record.EInvalid)
}

func testCandidates(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	w := makeWorld(t, s)
	c := &record.Person{Names: record.Names{{Lang: "en", Value: "Sok Vanna"}}}
	must(t, s.PutPerson(ctx, c))
	e := &record.Event{Type: record.EventArrest, Participants: []record.Participant{
		{Role: record.ParticipantSubject, Mention: "Sok", Candidates: []record.Candidate{{PersonID: c.ID, Confidence: 0.5}, {PersonID: w.a.ID, Confidence: 0.4}}},
		{Role: record.ParticipantPresiding, PersonID: w.b.ID, Confidence: 0.9},
	}}
	must(t, s.PutEvent(ctx, e))
	got, err := s.Event(ctx, e.ID)
	must(t, err)
	equal(t, "event with candidates", got.Participants, e.Participants)
	for _, tt := range []struct {
		person string
		want   int
	}{{c.ID, 1}, {w.a.ID, 1}, {w.b.ID, 0}} {
		evs, err := s.CandidateEvents(ctx, tt.person, 0)
		must(t, err)
		if len(evs) != tt.want || (tt.want > 0 && evs[0].ID != e.ID) {
			t.Errorf("CandidateEvents(%s) = %d events, want %d", tt.person, len(evs), tt.want)
		}
	}
	// Replacing the participants replaces their candidates.
	e.Participants = e.Participants[1:]
	must(t, s.PutEvent(ctx, e))
	got, err = s.Event(ctx, e.ID)
	must(t, err)
	equal(t, "participants after replacing", got.Participants, e.Participants)
	if evs, err := s.CandidateEvents(ctx, c.ID, 0); err != nil || len(evs) != 0 {
		t.Errorf("CandidateEvents after replacing = %d, %v; want none", len(evs), err)
	}
	bad := []record.Participant{{Role: record.ParticipantSubject, Mention: "Sok", Candidates: []record.Candidate{{PersonID: c.ID}, {PersonID: c.ID}}}}
	wantCode(t, s.PutEvent(ctx, &record.Event{Type: record.EventArrest, Participants: bad}), record.EInvalid)
	bad = []record.Participant{{Role: record.ParticipantSubject, Mention: "Sok", Candidates: []record.Candidate{{PersonID: "p-none"}}}}
	wantCode(t, s.PutEvent(ctx, &record.Event{Type: record.EventArrest, Participants: bad}), record.EInvalid)
}

// snapshot is what a merge may change, to compare before and after.
type snapshot struct {
	People      map[string]record.Person
	Events      map[string]record.Event
	Memberships []record.Membership
}

func takeSnapshot(t *testing.T, s store.Store, ids ...string) snapshot {
	ctx := ctxT(t)
	sn := snapshot{People: map[string]record.Person{}, Events: map[string]record.Event{}}
	for _, id := range ids {
		p, err := s.Person(ctx, id)
		must(t, err)
		p.UpdatedAt = p.CreatedAt // merges touch it; its value is not compared
		sn.People[id] = *p
	}
	evs, err := s.Events(ctx, store.EventFilter{Limit: 1000})
	must(t, err)
	for _, e := range evs {
		sn.Events[e.ID] = e
	}
	ms, err := s.Memberships(ctx, "", "")
	must(t, err)
	sn.Memberships = ms
	return sn
}

func eventIDs(t *testing.T, s store.Store, f store.EventFilter) []string {
	evs, err := s.Events(ctxT(t), f)
	must(t, err)
	var ids []string
	for _, e := range evs {
		ids = append(ids, e.ID)
	}
	sort.Strings(ids)
	return ids
}

func testMergePeople(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	w := makeWorld(t, s)
	keep := &record.Person{Names: record.Names{
		{Lang: "km", Script: "Khmr", Value: khmerName, Kind: record.NameOfficial},
		{Lang: "en", Script: "Latn", Value: "Sok Vannary", Kind: record.NameRomanisation},
	}, TitleHints: []string{"ឯកឧត្តម"}}
	other := &record.Person{Names: record.Names{
		{Lang: "en", Script: "Latn", Value: "Sok Vannary", Kind: record.NameVariant},
		{Lang: "en", Script: "Latn", Value: "Sok Vanary", Kind: record.NameVariant},
	}, TitleHints: []string{"H.E.", "ឯកឧត្តម"}, Status: record.StatusReviewed}
	third := &record.Person{Names: record.Names{{Lang: "en", Value: "Sok Vanna"}}}
	for _, p := range []*record.Person{keep, other, third} {
		must(t, s.PutPerson(ctx, p))
	}
	subj := func(id string) record.Participant {
		return record.Participant{Role: record.ParticipantSubject, PersonID: id}
	}
	cand := func(ids ...string) record.Participant {
		p := record.Participant{Role: record.ParticipantSubject, Mention: "Vannary"}
		for i, id := range ids {
			p.Candidates = append(p.Candidates, record.Candidate{PersonID: id, Confidence: 0.5 - float64(i)/10})
		}
		return p
	}
	evs := []*record.Event{
		{Type: record.EventArrest, Date: record.Date{Year: 2023, Month: 7, Day: 10}, Participants: []record.Participant{subj(other.ID), subj(w.b.ID)}},
		{Type: record.EventRelease, Date: record.Date{Year: 2023, Month: 8}, Participants: []record.Participant{subj(keep.ID)}},
		{Type: record.EventFlight, Participants: []record.Participant{cand(keep.ID, other.ID)}},
		{Type: record.EventAsylum, Participants: []record.Participant{subj(w.a.ID), cand(other.ID, third.ID)}},
		{Type: record.EventPartyJoin, ToOrgID: w.cpp.ID, Participants: []record.Participant{subj(other.ID)}},
	}
	for _, e := range evs {
		must(t, s.PutEvent(ctx, e))
	}
	mem := &record.Membership{PersonID: other.ID, OrgID: w.cpp.ID, Role: "member", StartEventID: evs[4].ID}
	must(t, s.PutMembership(ctx, mem))
	before := takeSnapshot(t, s, keep.ID, other.ID, third.ID)

	mergeID, err := s.MergePeople(ctx, keep.ID, other.ID, "editor/test")
	must(t, err)
	gotOther, err := s.Person(ctx, other.ID)
	must(t, err)
	if gotOther.MergedInto != keep.ID || len(gotOther.Names) != 0 {
		t.Errorf("merged person = %+v, want MergedInto %s and no names", gotOther, keep.ID)
	}
	gotKeep, err := s.Person(ctx, keep.ID)
	must(t, err)
	wantNames := append(append(record.Names(nil), keep.Names...), other.Names[1])
	equal(t, "kept names", gotKeep.Names, wantNames)
	equal(t, "kept title hints", gotKeep.TitleHints, []string{"ឯកឧត្តម", "H.E."})
	if gotKeep.MergedInto != "" {
		t.Errorf("kept person marked merged into %s", gotKeep.MergedInto)
	}
	byKey, err := s.PeopleByNameKey(ctx, "Sok Vanary")
	must(t, err)
	// The world's own Sok Vannary shares the key; the merged person no
	// longer answers to it.
	equal(t, "PeopleByNameKey(Sok Vanary) after merge", personIDs(byKey), sortedIDs(keep.ID, w.a.ID))
	equal(t, "events of the kept person", eventIDs(t, s, store.EventFilter{PersonID: keep.ID}), sortedIDs(evs[0].ID, evs[1].ID, evs[4].ID))
	equal(t, "events of the merged person", eventIDs(t, s, store.EventFilter{PersonID: other.ID}), []string(nil))
	flight, err := s.Event(ctx, evs[2].ID)
	must(t, err)
	equal(t, "candidates of both", flight.Participants[0].Candidates, []record.Candidate{{PersonID: keep.ID, Confidence: 0.5}})
	asylum, err := s.Event(ctx, evs[3].ID)
	must(t, err)
	equal(t, "candidate moved", asylum.Participants[1].Candidates, []record.Candidate{{PersonID: keep.ID, Confidence: 0.5}, {PersonID: third.ID, Confidence: 0.4}})
	ms, err := s.Memberships(ctx, keep.ID, "")
	must(t, err)
	if len(ms) != 1 || ms[0].ID != mem.ID {
		t.Errorf("memberships of the kept person = %+v, want %s", ms, mem.ID)
	}
	hist, err := s.PersonMerges(ctx, other.ID)
	must(t, err)
	if len(hist) != 1 || hist[0].ID != mergeID || hist[0].KeptID != keep.ID || hist[0].MergedID != other.ID || hist[0].By != "editor/test" || hist[0].Undone() {
		t.Fatalf("history of the merged person = %+v", hist)
	}
	if len(hist[0].Moved.Participations) != 2 || len(hist[0].Moved.Candidacies) != 1 || len(hist[0].Moved.DroppedCandidacies) != 1 {
		t.Errorf("merge recorded %+v", hist[0].Moved)
	}

	// Undoing restores exactly what was there.
	must(t, s.UnmergePeople(ctx, mergeID, "editor/other"))
	after := takeSnapshot(t, s, keep.ID, other.ID, third.ID)
	equal(t, "people after undoing", after.People, before.People)
	equal(t, "events after undoing", after.Events, before.Events)
	equal(t, "memberships after undoing", after.Memberships, before.Memberships)
	wantCode(t, s.UnmergePeople(ctx, mergeID, "editor/other"), record.EConflict)
	m, err := s.PersonMerge(ctx, mergeID)
	must(t, err)
	if !m.Undone() || m.UndoneBy != "editor/other" {
		t.Errorf("undone merge = %+v", m)
	}

	// Merged again, the other way round: history keeps both.
	again, err := s.MergePeople(ctx, other.ID, keep.ID, "editor/test")
	must(t, err)
	hist, err = s.PersonMerges(ctx, keep.ID)
	must(t, err)
	if len(hist) != 2 || hist[0].ID != mergeID || hist[1].ID != again {
		t.Errorf("history = %+v, want %s then %s", hist, mergeID, again)
	}
	// A chain: undoing the inner merge waits for the outer one.
	outer, err := s.MergePeople(ctx, third.ID, other.ID, "editor/test")
	must(t, err)
	wantCode(t, s.UnmergePeople(ctx, again, "editor/test"), record.EConflict)
	must(t, s.UnmergePeople(ctx, outer, "editor/test"))
	must(t, s.UnmergePeople(ctx, again, "editor/test"))
	final := takeSnapshot(t, s, keep.ID, other.ID, third.ID)
	equal(t, "people after undoing a chain", final.People, before.People)
	equal(t, "events after undoing a chain", final.Events, before.Events)
}

func personIDs(ps []record.Person) []string {
	var ids []string
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	sort.Strings(ids)
	return ids
}

func sortedIDs(ids ...string) []string { sort.Strings(ids); return ids }

func testMergeErrors(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	w := makeWorld(t, s)
	c := &record.Person{Names: record.Names{{Lang: "en", Value: "Kem Sovann"}}}
	must(t, s.PutPerson(ctx, c))
	_, err := s.MergePeople(ctx, w.a.ID, w.b.ID, "editor/test")
	must(t, err)
	tests := []struct {
		name            string
		keep, other, by string
		code            string
	}{
		{"itself", w.a.ID, w.a.ID, "editor/test", record.EConflict},
		{"merged already", c.ID, w.b.ID, "editor/test", record.EConflict},
		{"into a merged person", w.b.ID, c.ID, "editor/test", record.EConflict},
		{"unknown kept", "p-none", c.ID, "editor/test", record.ENotFound},
		{"unknown other", c.ID, "p-none", "editor/test", record.ENotFound},
		{"nobody", w.a.ID, c.ID, "", record.EInvalid},
		{"empty ID", "", c.ID, "editor/test", record.EInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.MergePeople(ctx, tt.keep, tt.other, tt.by)
			wantCode(t, err, tt.code)
		})
	}
	wantCode(t, s.UnmergePeople(ctx, "pm-none", "editor/test"), record.ENotFound)
	_, err = s.PersonMerge(ctx, "pm-none")
	wantCode(t, err, record.ENotFound)
	// A failed merge changes nothing.
	p, err := s.Person(ctx, c.ID)
	must(t, err)
	if p.MergedInto != "" || len(p.Names) != 1 {
		t.Errorf("after failed merges: %+v", p)
	}
}
