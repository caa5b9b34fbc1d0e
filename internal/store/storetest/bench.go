package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

// BenchText is about 2 KB of mixed Khmer and English, the size of a short
// news item, made unique by n.
func BenchText(n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Report %d. ", n)
	for b.Len() < 2048 {
		b.WriteString(khmerText)
		b.WriteString(" More than 600 members joined the party in Mean Chey district, officials said. ")
	}
	s, cut := b.String(), 2048
	for !utf8.RuneStart(s[cut]) {
		cut-- // never split a Khmer character
	}
	return s[:cut]
}

// benchDocs makes n captured documents numbered from first.
func benchDocs(prefix string, first, n int) []*record.Document {
	docs := make([]*record.Document, n)
	for i := range docs {
		k := first + i
		text := BenchText(k)
		d := doc(fmt.Sprintf("https://bench.example/%s/%d", prefix, k), "", text, t0.Add(time.Duration(k)*time.Second))
		d.Published = record.Date{Year: 2023, Month: 1 + k%12, Day: 1 + k%28}
		docs[i] = d
	}
	return docs
}

// BenchSaveCapture saves new 2 KB documents into s, batch documents per
// call (batch 1 calls SaveCapture, larger batches SaveCaptures), and
// reports documents per second. With unchanged set it saves the same
// documents again, the case of a feed polled twice.
func BenchSaveCapture(b *testing.B, s store.Store, batch int, unchanged bool) {
	ctx := context.Background()
	prefix := fmt.Sprintf("b%d-%d", batch, time.Now().UnixNano())
	if unchanged {
		if _, err := s.SaveCaptures(ctx, benchDocs(prefix, 0, 1000)); err != nil {
			b.Fatal(err)
		}
	}
	want := store.SavedNew
	if unchanged {
		want = store.SavedUnchanged
	}
	b.ReportAllocs()
	b.SetBytes(int64(2048 * batch))
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		first := i * batch
		if unchanged {
			first %= 1000 - batch + 1
		}
		docs := benchDocs(prefix, first, batch)
		b.StartTimer()
		if batch == 1 {
			out, err := s.SaveCapture(ctx, docs[0])
			if err != nil || out != want {
				b.Fatalf("SaveCapture: %s, %v", out, err)
			}
			continue
		}
		outs, err := s.SaveCaptures(ctx, docs)
		if err != nil || outs[0] != want {
			b.Fatalf("SaveCaptures: %v, %v", outs, err)
		}
	}
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "docs/s")
}

// BenchRawInsert is the baseline for BenchSaveCapture: the same documents
// inserted as bare rows (URL, SHA-256, time, text) into a table without
// indexes beyond its key, with one prepared INSERT per document and one
// transaction per batch. rebind turns ? into the database's placeholders.
func BenchRawInsert(b *testing.B, db *sql.DB, rebind func(string) string, batch int) {
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS bench_raw (id TEXT PRIMARY KEY, url TEXT NOT NULL, sha256 TEXT NOT NULL, fetched_at TEXT NOT NULL, text TEXT NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	prefix := fmt.Sprintf("r%d-%d", batch, time.Now().UnixNano())
	ins, err := db.PrepareContext(ctx, rebind(`INSERT INTO bench_raw (id, url, sha256, fetched_at, text) VALUES (?, ?, ?, ?, ?)`))
	if err != nil {
		b.Fatal(err)
	}
	defer ins.Close()
	b.ReportAllocs()
	b.SetBytes(int64(2048 * batch))
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		docs := benchDocs(prefix, i*batch, batch)
		b.StartTimer()
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		st := tx.StmtContext(ctx, ins)
		for _, d := range docs {
			if _, err := st.ExecContext(ctx, store.DocumentID(d.CanonicalURL), d.CanonicalURL, d.SHA256, d.FetchedAt.Format(time.RFC3339Nano), d.Text); err != nil {
				tx.Rollback()
				b.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "docs/s")
}
