package resolve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

// reportWorld is a small record: Thol Samnang defects from the CLP to
// the CPP (reported twice, by two outlets, in both scripts), is appointed
// to a ministry, and two people whose names meet by key (Keo Dara, Khieu
// Dara) make a third report's "Keo Dara" a mention with candidates.
type reportWorld struct {
	st                   store.Store
	defect, appoint, amb string // event IDs
	keo, khieu           *record.Person
}

func extractOne(t *testing.T, st store.Store, url, outlet, published string, e record.Event, evidence string) string {
	t.Helper()
	ctx := context.Background()
	pub, _ := record.ParseDate(published)
	d := &record.Document{URL: url, CanonicalURL: url, OutletID: outlet, Published: pub, Text: "Intro. " + evidence, SHA256: url}
	if _, err := st.SaveCapture(ctx, d); err != nil {
		t.Fatal(err)
	}
	e.ID = store.NewID("e")
	e.Status = record.StatusExtracted
	c := record.Citation{ID: store.NewID("c"), EventID: e.ID, DocumentID: d.ID, DocumentVersion: d.Version,
		Span: record.Span{Start: 7, End: 7 + len(evidence)}, Evidence: evidence, ClaimedCount: e.Count,
		Claimant: outlet, Stance: record.StanceAsserts, ExtractedBy: "extractor/test"}
	x := store.Extraction{DocumentID: d.ID, DocumentVersion: d.Version, ExtractorVersion: "test", Events: []record.Event{e}, Citations: []record.Citation{c}}
	if err := Resolve(ctx, st, &x); err != nil {
		t.Fatal(err)
	}
	if err := st.ReplaceExtraction(ctx, x); err != nil {
		t.Fatal(err)
	}
	return x.Citations[0].EventID
}

func subject(m string) []record.Participant {
	return []record.Participant{{Role: record.ParticipantSubject, Mention: m}}
}

func newReportWorld(t *testing.T) *reportWorld {
	t.Helper()
	ctx := context.Background()
	st := openStore(t)
	w := &reportWorld{st: st}
	for _, o := range []*record.Organisation{
		{ID: "cpp", Kind: record.OrgParty, Names: record.Names{{Lang: "en", Value: "Cambodian People's Party", Kind: record.NameOfficial}}},
		{ID: "clp", Kind: record.OrgParty, Names: record.Names{{Lang: "en", Value: "Candlelight Party", Kind: record.NameOfficial}}},
		{ID: "mrd", Kind: record.OrgMinistry, Names: record.Names{{Lang: "en", Value: "Ministry of Rural Development", Kind: record.NameOfficial}}},
	} {
		if err := st.PutOrganisation(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range []string{"lotus", "mekong"} {
		if err := st.PutOutlet(ctx, &record.Outlet{ID: o, Names: record.Names{{Lang: "en", Value: strings.ToUpper(o[:1]) + o[1:] + " Daily"}}}); err != nil {
			t.Fatal(err)
		}
	}
	d, _ := record.ParseDate("2024-03-02")
	w.defect = extractOne(t, st, "https://lotus.example/1", "lotus", "2024-03-03",
		record.Event{Type: record.EventDefection, Date: d, FromOrgID: "clp", ToOrgID: "cpp", Participants: subject("H.E. Thol Samnang")},
		"Candlelight Party official Thol Samnang joined the CPP on 2 March.")
	again := extractOne(t, st, "https://mekong.example/7", "mekong", "2024-03-04",
		record.Event{Type: record.EventDefection, Date: d, FromOrgID: "clp", ToOrgID: "cpp", Participants: subject("ថុល សំណាង")},
		"ថុល សំណាង បានចូលរួមជាមួយគណបក្សប្រជាជនកម្ពុជា។")
	if again != w.defect {
		t.Fatalf("the second report made event %s, want it cited on %s", again, w.defect)
	}
	d2, _ := record.ParseDate("2024-05")
	w.appoint = extractOne(t, st, "https://lotus.example/2", "lotus", "2024-05-20",
		record.Event{Type: record.EventAppointment, Date: d2, ToOrgID: "mrd", Participants: subject("Tol Samnang")},
		"Tol Samnang was appointed secretary of state in May.")
	w.keo = &record.Person{Names: record.Names{{Lang: "en", Value: "Keo Dara"}}}
	w.khieu = &record.Person{Names: record.Names{{Lang: "en", Value: "Khieu Dara"}}}
	for _, p := range []*record.Person{w.keo, w.khieu} {
		if err := st.PutPerson(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	d3, _ := record.ParseDate("2024-06-01")
	w.amb = extractOne(t, st, "https://mekong.example/9", "mekong", "2024-06-02",
		record.Event{Type: record.EventArrest, Date: d3, Participants: subject("Keo Dara")},
		"Police arrested Keo Dara on 1 June.")
	return w
}

func TestCandidatesStored(t *testing.T) {
	w := newReportWorld(t)
	linked, err := w.st.Event(context.Background(), w.defect)
	if err != nil {
		t.Fatal(err)
	}
	if c := linked.Participants[0].Confidence; linked.Participants[0].PersonID == "" || c < Threshold || c > 1 {
		t.Errorf("linked subject %+v: want a person and a confidence in [%v, 1]", linked.Participants[0], Threshold)
	}
	e, err := w.st.Event(context.Background(), w.amb)
	if err != nil {
		t.Fatal(err)
	}
	p := e.Participants[0]
	if p.PersonID != "" {
		t.Fatalf("ambiguous Keo Dara linked to %s", p.PersonID)
	}
	var ids []string
	for _, c := range p.Candidates {
		ids = append(ids, c.PersonID)
		if c.Confidence >= Threshold {
			t.Errorf("candidate %s at confidence %v, at or above the threshold %v", c.PersonID, c.Confidence, Threshold)
		}
	}
	want := []string{w.keo.ID, w.khieu.ID}
	if len(ids) != 2 || !(ids[0] == want[0] && ids[1] == want[1] || ids[0] == want[1] && ids[1] == want[0]) {
		t.Errorf("candidates %v, want %v", ids, want)
	}
}

func TestFindPerson(t *testing.T) {
	w := newReportWorld(t)
	ctx := context.Background()
	thol, _, err := FindPerson(ctx, w.st, "Thol Samnang")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q       string
		want    string
		via     bool
		code    string
		matches int
	}{
		{q: thol.ID, want: thol.ID},
		{q: "ថុល សំណាង", want: thol.ID},
		{q: "Samnang Thol", want: thol.ID},
		{q: "  Tol Samnang ", want: thol.ID},
		{q: "Dara Keo", matches: 2},     // the key of both
		{q: "Keo Dara", want: w.keo.ID}, // an exact name wins over the key
		{q: "Thol Sambath", code: record.ENotFound},
		{q: "", code: record.EInvalid},
	}
	for _, tt := range tests {
		p, via, err := FindPerson(ctx, w.st, tt.q)
		var amb *AmbiguousError
		switch {
		case tt.matches > 0:
			if !errors.As(err, &amb) || len(amb.Matches) != tt.matches {
				t.Errorf("FindPerson(%q) = %v, %v; want %d matches", tt.q, p, err, tt.matches)
			} else if !strings.Contains(err.Error(), w.keo.ID) || !strings.Contains(err.Error(), w.khieu.ID) {
				t.Errorf("ambiguity message %q lacks the IDs", err)
			}
		case tt.code != "":
			if record.ErrorCode(err) != tt.code {
				t.Errorf("FindPerson(%q) error %v, want code %s", tt.q, err, tt.code)
			}
		case err != nil:
			t.Errorf("FindPerson(%q): %v", tt.q, err)
		case p.ID != tt.want || via != "":
			t.Errorf("FindPerson(%q) = %s via %q, want %s", tt.q, p.ID, via, tt.want)
		}
	}
	// A merged-away person leads to the kept one.
	if _, err := w.st.MergePeople(ctx, w.keo.ID, w.khieu.ID, "editor/test"); err != nil {
		t.Fatal(err)
	}
	p, via, err := FindPerson(ctx, w.st, w.khieu.ID)
	if err != nil || p.ID != w.keo.ID || via != w.khieu.ID {
		t.Errorf("FindPerson(merged) = %v via %q, %v; want %s via %s", p, via, err, w.keo.ID, w.khieu.ID)
	}
	p, _, err = FindPerson(ctx, w.st, "Keo Dara")
	if err != nil || p.ID != w.keo.ID {
		t.Errorf("after the merge FindPerson(Keo Dara) = %v, %v; want %s alone", p, err, w.keo.ID)
	}
	// And linking no longer hesitates.
	link, err := NewLinker(w.st).Link(ctx, "Khieu Dara", p.CreatedAt)
	if err != nil || link.PersonID != w.keo.ID || len(link.Candidates) != 0 {
		t.Errorf("Link(Khieu Dara) after the merge = %+v, %v; want %s", link, err, w.keo.ID)
	}
}

func TestReportPerson(t *testing.T) {
	w := newReportWorld(t)
	ctx := context.Background()
	thol, _, err := FindPerson(ctx, w.st, "Thol Samnang")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := ReportPerson(ctx, w.st, thol)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Names.Has("ថុល សំណាង") || !rep.Names.Has("Thol Samnang") || !rep.Names.Has("Tol Samnang") {
		t.Errorf("names %v lack a spelling or script", rep.Names)
	}
	if len(rep.TitleHints) != 1 || rep.TitleHints[0] != "H.E." {
		t.Errorf("title hints %v, want [H.E.]", rep.TitleHints)
	}
	type stint struct{ org, start, end, began, ended string }
	var got []stint
	for _, s := range rep.Timeline {
		st := stint{org: s.OrgID, start: s.Start, end: s.End}
		if s.Began != nil {
			st.began = s.Began.ID
		}
		if s.Ended != nil {
			st.ended = s.Ended.ID
		}
		got = append(got, st)
	}
	want := []stint{
		{org: "clp", end: "2024-03-02", ended: w.defect},
		{org: "cpp", start: "2024-03-02", began: w.defect},
		{org: "mrd", start: "2024-05", began: w.appoint},
	}
	if len(got) != len(want) {
		t.Fatalf("timeline %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("stint %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	cites := rep.Timeline[1].Began.Citations
	if len(cites) != 2 {
		t.Fatalf("the defection has %d citations, want the two reports", len(cites))
	}
	outlets := map[string]string{}
	for _, c := range cites {
		outlets[c.Outlet] = c.Date
		if c.Evidence == "" {
			t.Errorf("citation %s without evidence", c.ID)
		}
	}
	if outlets["Lotus Daily"] != "2024-03-03" || outlets["Mekong Daily"] != "2024-03-04" {
		t.Errorf("citations by outlet and date: %v", outlets)
	}
	if len(rep.Events) != 0 {
		t.Errorf("other events %+v, want none: both are on the timeline", rep.Events)
	}

	var text bytes.Buffer
	if err := WritePersonText(&text, rep); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"ថុល សំណាង", "H.E.", "member of Cambodian People's Party", "Lotus Daily, 2024-03-03", "post in Ministry of Rural Development", "Thol Samnang joined the CPP"} {
		if !strings.Contains(text.String(), s) {
			t.Errorf("text report lacks %q:\n%s", s, text.String())
		}
	}
	var js bytes.Buffer
	if err := WriteJSON(&js, rep); err != nil {
		t.Fatal(err)
	}
	var back PersonReport
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || back.ID != rep.ID || len(back.Timeline) != 3 {
		t.Errorf("JSON report does not read back: %v, %+v", err, back)
	}
}

func TestReportCandidateAndConfirm(t *testing.T) {
	w := newReportWorld(t)
	ctx := context.Background()
	rep, err := ReportPerson(ctx, w.st, w.khieu)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Candidate) != 1 || rep.Candidate[0].Event.ID != w.amb || rep.Candidate[0].Mention != "Keo Dara" ||
		len(rep.Candidate[0].Others) != 1 || rep.Candidate[0].Others[0] != w.keo.ID {
		t.Fatalf("candidate mentions %+v", rep.Candidate)
	}
	if len(rep.Events) != 0 {
		t.Errorf("a candidate's event is listed as the person's: %+v", rep.Events)
	}
	if err := Confirm(ctx, w.st, w.amb, 0, w.khieu.ID); err != nil {
		t.Fatal(err)
	}
	e, err := w.st.Event(ctx, w.amb)
	if err != nil {
		t.Fatal(err)
	}
	if e.Participants[0].PersonID != w.khieu.ID || e.Participants[0].Candidates != nil || e.Status != record.StatusReviewed || e.Participants[0].Confidence != ConfidenceExact {
		t.Errorf("after confirming: %+v", e)
	}
	rep, err = ReportPerson(ctx, w.st, w.khieu)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Candidate) != 0 || len(rep.Events) != 1 || rep.Events[0].ID != w.amb {
		t.Errorf("after confirming: candidates %+v, events %+v", rep.Candidate, rep.Events)
	}
	for _, bad := range []struct {
		event  string
		ord    int
		person string
		code   string
	}{
		{w.amb, 3, w.keo.ID, record.EInvalid},
		{w.amb, -1, w.keo.ID, record.EInvalid},
		{"e-none", 0, w.keo.ID, record.ENotFound},
		{w.amb, 0, "p-none", record.ENotFound},
	} {
		if err := Confirm(ctx, w.st, bad.event, bad.ord, bad.person); record.ErrorCode(err) != bad.code {
			t.Errorf("Confirm(%s, %d, %s) = %v, want code %s", bad.event, bad.ord, bad.person, err, bad.code)
		}
	}
}

func TestReportOrg(t *testing.T) {
	w := newReportWorld(t)
	ctx := context.Background()
	for _, tt := range []struct {
		q             string
		joined, left  int64
		changes       int
		firstDir      string
		firstCitation int
	}{
		{"cpp", 1, 0, 1, "joined", 2},
		{"Candlelight Party", 0, 1, 1, "left", 2},
		{"mrd", 1, 0, 1, "joined", 1},
	} {
		o, err := FindOrg(ctx, w.st, tt.q)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := ReportOrg(ctx, w.st, o)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Joined != tt.joined || rep.Left != tt.left || len(rep.Changes) != tt.changes {
			t.Errorf("%s: joined %d, left %d, %d changes; want %d, %d, %d", tt.q, rep.Joined, rep.Left, len(rep.Changes), tt.joined, tt.left, tt.changes)
			continue
		}
		c := rep.Changes[0]
		if c.Direction != tt.firstDir || len(c.Event.Citations) != tt.firstCitation || len(c.People) != 1 {
			t.Errorf("%s: first change %+v", tt.q, c)
		}
		var text bytes.Buffer
		if err := WriteOrgText(&text, rep); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text.String(), c.People[0]) {
			t.Errorf("%s: text lacks %s:\n%s", tt.q, c.People[0], text.String())
		}
	}
	if _, err := FindOrg(ctx, w.st, "Khmer Will Party"); record.ErrorCode(err) != record.ENotFound {
		t.Errorf("FindOrg(unknown) = %v, want not found", err)
	}
}

func TestMergeToUndo(t *testing.T) {
	w := newReportWorld(t)
	ctx := context.Background()
	thol, _, err := FindPerson(ctx, w.st, "Thol Samnang")
	if err != nil {
		t.Fatal(err)
	}
	m1, err := w.st.MergePeople(ctx, w.keo.ID, w.khieu.ID, "editor/test")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		x, want string
		code    string
		several bool
	}{
		{x: m1, want: m1},
		{x: w.khieu.ID, want: m1},
		{x: w.keo.ID, want: m1},
		{x: thol.ID, code: record.ENotFound},
		{x: "nothing", code: record.ENotFound},
	}
	check := func() {
		t.Helper()
		for _, tt := range tests {
			got, err := MergeToUndo(ctx, w.st, tt.x)
			var amb *AmbiguousError
			switch {
			case tt.several:
				if !errors.As(err, &amb) || len(amb.Matches) != 2 {
					t.Errorf("MergeToUndo(%s) = %q, %v; want two merges to choose from", tt.x, got, err)
				}
			case tt.code != "":
				if record.ErrorCode(err) != tt.code {
					t.Errorf("MergeToUndo(%s) = %q, %v; want code %s", tt.x, got, err, tt.code)
				}
			case err != nil || got != tt.want:
				t.Errorf("MergeToUndo(%s) = %q, %v; want %s", tt.x, got, err, tt.want)
			}
		}
	}
	check()
	// A second merge into Keo Dara: naming him no longer says which.
	m2, err := w.st.MergePeople(ctx, w.keo.ID, thol.ID, "editor/test")
	if err != nil {
		t.Fatal(err)
	}
	tests = []struct {
		x, want string
		code    string
		several bool
	}{
		{x: w.keo.ID, several: true},
		{x: thol.ID, want: m2},
		{x: w.khieu.ID, want: m1},
	}
	check()
	if err := w.st.UnmergePeople(ctx, m1, "editor/test"); err != nil {
		t.Fatal(err)
	}
	tests = []struct {
		x, want string
		code    string
		several bool
	}{
		{x: w.keo.ID, want: m2},
		{x: w.khieu.ID, code: record.ENotFound},
	}
	check()
}
