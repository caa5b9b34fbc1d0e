package resolve

import (
	"context"
	"flag"
	"testing"
)

var benchEvents = flag.Int("resolve.events", 3000, "events in BenchmarkResolveCorpus's corpus")

// BenchmarkResolveCorpus loads a generated corpus (-resolve.events) into
// SQLite, for profiling; `kamnotra bench resolve` is the full-size
// benchmark.
func BenchmarkResolveCorpus(b *testing.B) {
	for b.Loop() {
		st := openStore(b)
		r, err := BenchResolve(context.Background(), st, "SQLite", BenchConfig{Events: *benchEvents, Docs: *benchEvents * 2 / 5, Added: 20, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(r.EventsPerSecond(), "events/s")
	}
}
