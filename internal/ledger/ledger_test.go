package ledger

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
	"github.com/kamnotra/kamnotra/internal/store/sqlite"
)

func p(n int64) *int64 { return &n }

// seed plants a known truth: two ceremonies (600/675/650 claimed by three
// pro-government reports of one; 120 by one report of the other, in
// another month), one named defector reported twice, a denial and a
// rejected event, neither of which counts.
func seed(t *testing.T) store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.OpenDir(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(st.PutOutlet(ctx, &record.Outlet{ID: "lotus", Kind: record.OutletProGovernment, Names: record.Names{{Lang: "en", Value: "Daily Lotus News"}}}))
	must(st.PutOutlet(ctx, &record.Outlet{ID: "watch", Kind: record.OutletIndependent, Names: record.Names{{Lang: "en", Value: "Mekong Watch Weekly"}}}))
	must(st.PutOrganisation(ctx, &record.Organisation{ID: "cpp", Kind: record.OrgParty, Names: record.Names{{Lang: "en", Value: "Cambodian People's Party"}}}))
	must(st.PutOrganisation(ctx, &record.Organisation{ID: "clp", Kind: record.OrgParty, Names: record.Names{{Lang: "en", Value: "Candlelight Party"}}}))
	must(st.PutPlace(ctx, &record.Place{ID: "kh-12", Level: record.PlaceProvince, Names: record.Names{{Lang: "en", Value: "Phnom Penh"}}}))
	must(st.PutPlace(ctx, &record.Place{ID: "kh-12-01", Level: record.PlaceDistrict, ParentID: "kh-12", Names: record.Names{{Lang: "en", Value: "Mean Chey"}}}))
	doc := func(name, outlet, published string) *record.Document {
		d, _ := record.ParseDate(published)
		doc := &record.Document{URL: "https://x.example/" + name, CanonicalURL: "https://x.example/" + name, OutletID: outlet, Text: "t", SHA256: name, Published: d}
		_, err := st.SaveCapture(ctx, doc)
		must(err)
		return doc
	}
	cite := func(e *record.Event, d *record.Document, count *int64, stance record.Stance) {
		must(st.PutCitation(ctx, &record.Citation{EventID: e.ID, DocumentID: d.ID, DocumentVersion: 1, ClaimedCount: count, Stance: stance, Evidence: "t", Span: record.Span{End: 1}, ExtractedBy: "extractor/t"}))
	}
	event := func(id string, typ record.EventType, date string, status record.Status, subjects ...string) *record.Event {
		d, _ := record.ParseDate(date)
		e := &record.Event{ID: id, Type: typ, Date: d, FromOrgID: "clp", ToOrgID: "cpp", PlaceID: "kh-12-01", Status: status, RoleClass: record.RoleMember, EvidenceGrade: record.GradeBareCount}
		for _, s := range subjects {
			e.Participants = append(e.Participants, record.Participant{Role: record.ParticipantSubject, Mention: s})
		}
		must(st.PutEvent(ctx, e))
		return e
	}
	big := event("e-big", record.EventPartyJoin, "2023-02-03", record.StatusExtracted)
	cite(big, doc("a1", "lotus", "2023-02-03"), p(600), record.StanceAsserts)
	cite(big, doc("a2", "lotus", "2023-02-04"), p(675), record.StanceAsserts)
	cite(big, doc("a3", "watch", "2023-02-05"), p(650), record.StanceHedged)
	small := event("e-small", record.EventPartyJoin, "2023-03-10", record.StatusPublished)
	cite(small, doc("b1", "lotus", "2023-03-10"), p(120), record.StanceAsserts)
	named := event("e-named", record.EventDefection, "2023-06-01", record.StatusExtracted, "Kung Raiya")
	cite(named, doc("c1", "watch", "2023-06-02"), nil, record.StanceAsserts)
	cite(named, doc("c2", "lotus", "2023-06-03"), nil, record.StanceAsserts)
	cite(named, doc("c3", "watch", "2023-06-04"), nil, record.StanceDenies)
	rejected := event("e-rej", record.EventPartyJoin, "2023-02-03", record.StatusRejected)
	cite(rejected, doc("d1", "lotus", "2023-02-03"), p(5000), record.StanceAsserts)
	arrest := event("e-arrest", record.EventArrest, "2023-02-03", record.StatusExtracted, "Thol Samnang")
	cite(arrest, doc("e1", "watch", "2023-02-03"), nil, record.StanceAsserts)
	return st
}

func TestCompute(t *testing.T) {
	st := seed(t)
	ctx := context.Background()
	all, err := Compute(ctx, st, Query{})
	if err != nil {
		t.Fatal(err)
	}
	want := Tally{ClaimedAsReported: 600 + 675 + 650 + 120 + 1 + 1, ClaimedDeduplicated: 675 + 120 + 1, Reports: 6, DistinctEvents: 3}
	if fmt.Sprint(all.Total) != fmt.Sprint(want) {
		t.Errorf("total = %+v, want %+v", all.Total, want)
	}
	h1, err := Compute(ctx, st, Query{From: record.Date{Year: 2023, Month: 2}, To: record.Date{Year: 2023, Month: 3}, By: ByMonth})
	if err != nil {
		t.Fatal(err)
	}
	if len(h1.Slices) != 2 || h1.Slices[0].Key != "2023-02" || h1.Slices[0].ClaimedAsReported != 1925 || h1.Slices[0].ClaimedDeduplicated != 675 ||
		h1.Slices[1].Key != "2023-03" || h1.Slices[1].Reports != 1 {
		t.Errorf("by month = %+v", h1.Slices)
	}
	byKind, err := Compute(ctx, st, Query{By: ByOutletKind, WithReports: true})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Tally{}
	for _, s := range byKind.Slices {
		got[s.Key] = s
	}
	if pg := got["pro-government"]; pg.ClaimedAsReported != 600+675+120+1 || pg.ClaimedDeduplicated != 675+120+1 || pg.Reports != 4 || len(pg.ReportList) != 4 {
		t.Errorf("pro-government slice = %+v", pg)
	}
	if ind := got["independent"]; ind.ClaimedAsReported != 651 || ind.DistinctEvents != 2 {
		t.Errorf("independent slice = %+v", ind)
	}
	prov, _ := Compute(ctx, st, Query{By: ByProvince})
	if len(prov.Slices) != 1 || prov.Slices[0].Key != "Phnom Penh" {
		t.Errorf("by province = %+v", prov.Slices)
	}
	arrests, _ := Compute(ctx, st, Query{Types: []record.EventType{record.EventArrest}})
	if arrests.Total.ClaimedAsReported != 1 || arrests.Total.DistinctEvents != 1 {
		t.Errorf("arrests = %+v", arrests.Total)
	}
	if _, err := Compute(ctx, st, Query{By: "colour"}); record.ErrorCode(err) != record.EInvalid || !strings.Contains(err.Error(), "month") {
		t.Errorf("bad dimension: %v", err)
	}

	var js bytes.Buffer
	if err := WriteJSON(&js, byKind); err != nil {
		t.Fatal(err)
	}
	var decoded map[string]any
	if err := json.Unmarshal(js.Bytes(), &decoded); err != nil {
		t.Fatal(err)
	}
	total := decoded["total"].(map[string]any)
	for _, k := range []string{"claimed_as_reported", "claimed_deduplicated", "reports", "distinct_events"} {
		if _, ok := total[k]; !ok {
			t.Errorf("JSON total lacks %s", k)
		}
	}
	var cs bytes.Buffer
	if err := WriteCSV(&cs, h1, false); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&cs).ReadAll()
	if err != nil || len(recs) != 4 || recs[3][0] != "total" || recs[3][1] != "2045" {
		t.Errorf("CSV = %v, %v", recs, err)
	}
	var txt bytes.Buffer
	WriteText(&txt, h1)
	if !strings.Contains(txt.String(), "Between 2023-02 and 2023-03, reports claimed 2045 people") {
		t.Errorf("text = %s", txt.String())
	}
}

// TestSliceIDs checks that slices by a named record carry its ID, and
// other slicings none.
func TestSliceIDs(t *testing.T) {
	ctx := context.Background()
	st := seed(t)
	for _, c := range []struct {
		by   string
		want map[string]string // key → ID
	}{
		{ByOutlet, map[string]string{"Daily Lotus News": "lotus", "Mekong Watch Weekly": "watch"}},
		{ByFromParty, map[string]string{"Candlelight Party": "clp"}},
		{ByToParty, map[string]string{"Cambodian People's Party": "cpp"}},
		{ByProvince, map[string]string{"Phnom Penh": "kh-12"}},
		{ByMonth, map[string]string{"2023-02": "", "2023-03": "", "2023-06": ""}},
		{ByOutletKind, map[string]string{"pro-government": "", "independent": ""}},
	} {
		res, err := Compute(ctx, st, Query{By: c.by})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, s := range res.Slices {
			got[s.Key] = s.ID
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("by %s: key → ID %v, want %v", c.by, got, c.want)
		}
	}
}
