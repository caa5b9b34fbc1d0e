package resolve

import (
	"context"
	"testing"
)

// BenchmarkResolveCorpus loads a generated corpus of b.N×1000 events into
// SQLite; `kamnotra bench resolve` is the full-size benchmark.
func BenchmarkResolveCorpus(b *testing.B) {
	for b.Loop() {
		st := openStore(b)
		r, err := BenchResolve(context.Background(), st, "SQLite", BenchConfig{Events: 3000, Docs: 1200, Added: 20, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(r.EventsPerSecond(), "events/s")
	}
}
