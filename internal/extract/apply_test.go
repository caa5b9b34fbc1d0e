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
	n, failed, err := Reextract(ctx, st, func(id string, err error) {
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
