package extract

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
	"github.com/kamnotra/kamnotra/internal/store/sqlite"
)

func storedDoc(t *testing.T, st store.Store, url, text string) *record.Document {
	t.Helper()
	sum := sha256.Sum256([]byte(text))
	d := &record.Document{
		URL: url, CanonicalURL: url, Lang: record.LangEnglish, Text: text,
		Published: record.Date{Year: 2024, Month: 3, Day: 12}, FetchedAt: time.Date(2024, 3, 12, 8, 0, 0, 0, time.UTC),
		ContentType: "text/html", SHA256: hex.EncodeToString(sum[:]), Size: int64(len(text)),
		Archive:    record.ArchiveRef{File: "test.warc.gz", Offset: 0, Length: 10, RecordID: "<urn:uuid:" + hex.EncodeToString(sum[:4]) + ">"},
		SourceKind: "html",
	}
	if _, err := st.SaveCapture(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestApplyAndReextract(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.OpenDir(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	text := "More than 600 members of the Candlelight Party in Bati district joined the Cambodian People's Party on Saturday. " +
		"Candlelight spokesman Thy Chanthou denied that 300 members had defected. " +
		"The members of the unrecognised Cambodia Heart Party have not been arrested. Police arrested Sok Vannak in Kampot on Sunday."
	d := storedDoc(t, st, "https://example.org/a", text)
	other := storedDoc(t, st, "https://example.org/b", "Nothing happened in Kep today.")

	for round := 0; round < 2; round++ { // applying twice replaces, never duplicates
		if err := Apply(ctx, st, d); err != nil {
			t.Fatal(err)
		}
		cites, err := st.DocumentCitations(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(cites) != 2 {
			t.Fatalf("round %d: %d citations, want 2 (the defection and the arrest; no denial)", round, len(cites))
		}
		for _, c := range cites {
			if c.Evidence != text[c.Span.Start:c.Span.End] || c.Stance == record.StanceDenies || c.DocumentVersion != d.Version {
				t.Errorf("citation %+v", c)
			}
			ev, err := st.Event(ctx, c.EventID)
			if err != nil {
				t.Fatal(err)
			}
			switch ev.Type {
			case record.EventDefection:
				if ev.FromOrgID != "cp" || ev.ToOrgID != "cpp" || ev.Count == nil || *ev.Count != 600 || ev.PlaceID != "kh-21-bati" || ev.Date.String() != "2024-03-09" {
					t.Errorf("defection stored as %+v", ev)
				}
			case record.EventArrest:
				if ev.ToOrgID != "national-police" || ev.PlaceID != "kh-07" || len(ev.Participants) == 0 || ev.Participants[0].Mention != "Sok Vannak" {
					t.Errorf("arrest stored as %+v", ev)
				}
			default:
				t.Errorf("unexpected event %s", ev.Type)
			}
		}
	}
	if p, err := st.Place(ctx, "kh-21-bati"); err != nil || p.ParentID != "kh-21" {
		t.Errorf("district place: %+v %v", p, err)
	}

	// Reextract reads only what this version has not read.
	var seen []string
	n, failed, err := Reextract(ctx, st, func(id string, _ []string, err error) {
		if err != nil {
			t.Errorf("%s: %v", id, err)
		}
		seen = append(seen, id)
	})
	if err != nil || failed != 0 || n != 1 || len(seen) != 1 || seen[0] != other.ID {
		t.Fatalf("reextract: n=%d failed=%d err=%v seen=%v, want only %s", n, failed, err, seen, other.ID)
	}
	n, _, err = Reextract(ctx, st, nil)
	if err != nil || n != 0 {
		t.Fatalf("second reextract did %d documents (%v), want 0", n, err)
	}
}

// Reextracting many documents switches to resolving against an Index
// and writing in batches: the record must come out as it does one
// document at a time.
func TestReextractInBulkAsOneByOne(t *testing.T) {
	ctx := context.Background()
	texts := []string{
		"Police arrested Sok Vannak in Kampot on Sunday.",
		"Kampot police arrested opposition activist Sok Vannak on Sunday, a spokesman said.",
		"More than 600 members of the Candlelight Party in Bati district joined the Cambodian People's Party on Saturday.",
		"About 650 Candlelight Party members in Bati district joined the CPP on Saturday.",
		"Police arrested Chea Dara in Kampot on Sunday.",
		"Nothing happened in Kep today.",
		"Former Candlelight official Khuong Sreng joined the Cambodian People's Party on Saturday.",
		"Khoung Sreng, a former Candlelight official, joined the CPP on Saturday.",
	}
	outcome := func(after int) (events, cites, people int, groups map[string]int) {
		old := bulkAfter
		bulkAfter = after
		defer func() { bulkAfter = old }()
		st, err := sqlite.OpenDir(ctx, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		for round := range 3 {
			for i, text := range texts {
				storedDoc(t, st, "https://example.org/"+string(rune('a'+round))+string(rune('a'+i)), text)
			}
		}
		n, failed, err := Reextract(ctx, st, nil)
		if err != nil || failed != 0 || n != 3*len(texts) {
			t.Fatalf("reextract: n=%d failed=%d err=%v", n, failed, err)
		}
		evs, err := st.Events(ctx, store.EventFilter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		groups = map[string]int{}
		for _, e := range evs {
			cs, err := st.Citations(ctx, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			cites += len(cs)
			groups[string(e.Type)+" "+e.Date.String()] += len(cs)
		}
		ps, err := st.People(ctx, "", 1000)
		if err != nil {
			t.Fatal(err)
		}
		return len(evs), cites, len(ps), groups
	}
	e1, c1, p1, g1 := outcome(1 << 30)
	e2, c2, p2, g2 := outcome(4)
	if e1 != e2 || c1 != c2 || p1 != p2 || len(g1) != len(g2) {
		t.Fatalf("one by one: %d events, %d citations, %d people %v; in bulk: %d, %d, %d %v", e1, c1, p1, g1, e2, c2, p2, g2)
	}
	for k, v := range g1 {
		if g2[k] != v {
			t.Errorf("%s: %d citations one by one, %d in bulk", k, v, g2[k])
		}
	}
	if e1 >= c1 {
		t.Errorf("%d events for %d citations: the repeated reports were not merged", e1, c1)
	}
}
