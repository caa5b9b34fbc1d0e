package resolve

import (
	"context"
	"fmt"
	"io"
	"slices"
	"syscall"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

// BenchConfig sizes `kamnotra bench resolve`.
type BenchConfig struct {
	Events int // extracted events in the corpus
	Docs   int // documents they come in
	Added  int // documents added one at a time once the record is full
	Seed   uint64
	// Progress, when set, is told how far loading has come now and then.
	Progress func(docs, events int, elapsed time.Duration)
}

// BenchResult is one store's numbers.
type BenchResult struct {
	Store        string
	Events, Docs int
	Capture      time.Duration // saving the documents, not counted in Load
	Load         time.Duration // Resolve and ReplaceExtraction of every document
	LoadCPU      time.Duration // CPU time this process spent on it (a PostgreSQL server's is not counted)
	StoredEvents int           // events the record holds afterwards
	Happenings   int           // the truth
	Added        int
	// Adding one document's facts at full size: with resolving, and the
	// baseline of storing them unresolved.
	AddP50, AddP99, BaseP50, BaseP99 time.Duration
	// Loading an Index of the full record, as the next bulk run would.
	IndexLoad time.Duration
}

// EventsPerSecond is the load rate.
func (r BenchResult) EventsPerSecond() float64 { return float64(r.Events) / r.Load.Seconds() }

// BenchResolve loads a generated corpus into st as a bulk run does (an
// Index, batches of BulkBatch documents), then adds cfg.Added more
// documents one at a time against the store, timing each: first stored
// unresolved (the baseline: ReplaceExtraction alone, new events and
// unlinked mentions), then resolved, which replaces the baseline's facts.
func BenchResolve(ctx context.Context, st store.Store, name string, cfg BenchConfig) (BenchResult, error) {
	res := BenchResult{Store: name, Added: cfg.Added}
	c, err := GenerateCorpus(CorpusConfig{Events: cfg.Events, Docs: cfg.Docs + cfg.Added, Seed: cfg.Seed})
	if err != nil {
		return res, err
	}
	// The added documents are the corpus's last ones; their reports are
	// part of the events asked for, so the load has a little fewer.
	for d := range cfg.Docs {
		res.Events += len(c.Docs[d])
	}
	res.Docs, res.Happenings = cfg.Docs, c.Happenings
	if err := c.Setup(ctx, st); err != nil {
		return res, fmt.Errorf("set up the corpus's organisations and places: %w", err)
	}
	docs := make([]*record.Document, len(c.Docs))
	start := time.Now()
	const batch = 200
	for i := 0; i < len(c.Docs); i += batch {
		var b []*record.Document
		for d := i; d < min(i+batch, len(c.Docs)); d++ {
			docs[d] = c.Document(d)
			b = append(b, docs[d])
		}
		if _, err := st.SaveCaptures(ctx, b); err != nil {
			return res, fmt.Errorf("save the corpus's documents: %w", err)
		}
	}
	res.Capture = time.Since(start)

	// A bulk run, as `kamnotra reextract` makes: the record loaded into
	// an Index, documents resolved against it and written batch at a time.
	start, cpu0 := time.Now(), cpuTime()
	idx, err := LoadIndex(ctx, st, IndexConfig{})
	if err != nil {
		return res, err
	}
	bulk := NewBulkResolver(st, idx)
	done := 0
	var pending []store.Extraction
	for d := range cfg.Docs {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		x := c.Extraction(d, docs[d])
		if err := bulk.Resolve(ctx, &x); err != nil {
			return res, fmt.Errorf("resolve document %d: %w", d, err)
		}
		pending = append(pending, x)
		if len(pending) == BulkBatch || d == cfg.Docs-1 {
			if err := st.ReplaceExtractions(ctx, pending); err != nil {
				return res, fmt.Errorf("store documents %d to %d: %w", d+1-len(pending), d, err)
			}
			pending = pending[:0]
		}
		done += len(c.Docs[d])
		if cfg.Progress != nil && (d+1)%2000 == 0 {
			cfg.Progress(d+1, done, time.Since(start))
		}
	}
	res.Load, res.LoadCPU = time.Since(start), cpuTime()-cpu0

	// Then documents one at a time, each resolved against the store as a
	// small capture does.
	r := NewResolver(st)
	var add, base []time.Duration
	for d := cfg.Docs; d < len(c.Docs); d++ {
		x := c.Extraction(d, docs[d])
		t0 := time.Now()
		if err := st.ReplaceExtraction(ctx, x); err != nil {
			return res, fmt.Errorf("store added document %d unresolved: %w", d, err)
		}
		base = append(base, time.Since(t0))
		x = c.Extraction(d, docs[d])
		t0 = time.Now()
		if err := r.Resolve(ctx, &x); err != nil {
			return res, fmt.Errorf("resolve added document %d: %w", d, err)
		}
		if err := st.ReplaceExtraction(ctx, x); err != nil {
			return res, fmt.Errorf("store added document %d: %w", d, err)
		}
		add = append(add, time.Since(t0))
	}
	res.AddP50, res.AddP99 = percentile(add, 50), percentile(add, 99)
	res.BaseP50, res.BaseP99 = percentile(base, 50), percentile(base, 99)

	evs, err := allEvents(ctx, st, store.EventFilter{})
	if err != nil {
		return res, err
	}
	res.StoredEvents = len(evs)
	t0 := time.Now()
	if _, err := LoadIndex(ctx, st, IndexConfig{}); err != nil {
		return res, err
	}
	res.IndexLoad = time.Since(t0)
	return res, nil
}

func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[max(0, min(i, len(s))-1)]
}

// PrintBench writes the results as a table.
func PrintBench(w io.Writer, rs []BenchResult) {
	for _, r := range rs {
		fmt.Fprintf(w, "%s: %d events in %d documents resolved and stored in %.1f s (%.0f events/s), %.1f s of this process's CPU; documents saved beforehand in %.1f s\n",
			r.Store, r.Events, r.Docs, r.Load.Seconds(), r.EventsPerSecond(), r.LoadCPU.Seconds(), r.Capture.Seconds())
		fmt.Fprintf(w, "  the record holds %d events for %d planted happenings (all %d documents); loading it into an Index for the next bulk run takes %.1f s\n",
			r.StoredEvents, r.Happenings, r.Docs+r.Added, r.IndexLoad.Seconds())
		ratio := func(a, b time.Duration) float64 {
			if b == 0 {
				return 0
			}
			return float64(a) / float64(b)
		}
		fmt.Fprintf(w, "  adding one document's facts at that size (%d documents): p50 %.1f ms, p99 %.1f ms; unresolved baseline p50 %.1f ms, p99 %.1f ms; ratio p50 %.2fx, p99 %.2fx\n",
			r.Added, ms(r.AddP50), ms(r.AddP99), ms(r.BaseP50), ms(r.BaseP99), ratio(r.AddP50, r.BaseP50), ratio(r.AddP99, r.BaseP99))
	}
}

// cpuTime is the CPU time the process has used, user and system: the
// machines these run on are shared, and wall time alone hides whether a
// slow run was slow or starved.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
