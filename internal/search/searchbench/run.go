package searchbench

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/kamnotra/kamnotra/internal/search"
)

// Engine is a backend that can also run its engine's bare query — the
// match on the same terms, newest first, limit k, nothing else — which is
// the baseline our Search is compared with.
type Engine interface {
	search.Index
	EngineQuery(ctx context.Context, text string, limit int) (int, error)
}

// Query is one benchmark query and its class.
type Query struct {
	Class  string
	Text   string
	Facets bool
}

// Class names, in report order.
var Classes = []string{
	"km-common", "km-rare", "km-common-2", "km-rare+common",
	"en-common", "en-rare", "en-common-2", "en-rare+common",
	"mixed-common-2", "mixed-rare+common", "km-common+facets",
}

// Bands of vocabulary rank: common words are among the most frequent,
// rare ones deep in the tail (in well under 0.1% of documents).
const (
	commonLo, commonHi = 0, 40
	rareLo, rareHi     = 5000, vocabSize
)

// Queries returns n queries spread evenly over the classes.
func (c *Corpus) Queries(n int, seed uint64) []Query {
	r := rand.New(rand.NewPCG(seed, 99))
	pick := func(words []string, lo, hi int) string { return words[lo+r.IntN(hi-lo)] }
	km := func(lo, hi int) string { return pick(c.Khmer, lo, hi) }
	en := func(lo, hi int) string { return pick(c.English, lo, hi) }
	out := make([]Query, 0, n)
	for i := 0; len(out) < n; i++ {
		cl := Classes[i%len(Classes)]
		q := Query{Class: cl}
		switch cl {
		case "km-common":
			q.Text = km(commonLo, commonHi)
		case "km-rare":
			q.Text = km(rareLo, rareHi)
		case "km-common-2":
			q.Text = km(commonLo, commonHi) + " " + km(commonLo, commonHi)
		case "km-rare+common":
			q.Text = km(rareLo, rareHi) + " " + km(commonLo, commonHi)
		case "en-common":
			q.Text = en(commonLo, commonHi)
		case "en-rare":
			q.Text = en(rareLo, rareHi)
		case "en-common-2":
			q.Text = en(commonLo, commonHi) + " " + en(commonLo, commonHi)
		case "en-rare+common":
			q.Text = en(rareLo, rareHi) + " " + en(commonLo, commonHi)
		case "mixed-common-2":
			q.Text = km(commonLo, commonHi) + " " + en(commonLo, commonHi)
		case "mixed-rare+common":
			q.Text = km(rareLo, rareHi) + " " + en(commonLo, commonHi)
		case "km-common+facets":
			q.Text, q.Facets = km(commonLo, commonHi), true
		}
		out = append(out, q)
	}
	return out
}

// Load puts documents [from, c.N) into idx in batches and reports
// progress to w every tenth of the way. Two batches are in flight at
// once, so one is analysed in Go while the other is written.
func Load(ctx context.Context, idx search.Index, c *Corpus, from, batch int, w io.Writer) error {
	step := max(c.N/10, 1)
	start := time.Now()
	slots := make(chan struct{}, 2)
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	failed := func() bool {
		mu.Lock()
		defer mu.Unlock()
		return firstErr != nil
	}
	for lo := from; lo < c.N && !failed(); lo += batch {
		hi := min(lo+batch, c.N)
		docs := make([]search.Doc, 0, hi-lo)
		for i := lo; i < hi; i++ {
			docs = append(docs, c.Doc(i))
		}
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			if err := idx.Put(ctx, docs...); err != nil {
				mu.Lock()
				if firstErr == nil {
					firstErr = fmt.Errorf("load documents %d–%d: %w", lo, hi-1, err)
				}
				mu.Unlock()
			}
		})
		if w != nil && hi/step > lo/step {
			fmt.Fprintf(w, "  loaded %d/%d in %s (load average %s)\n", hi, c.N, time.Since(start).Round(time.Second), LoadAvg())
		}
	}
	wg.Wait()
	return firstErr
}

// Stats are latency percentiles of one class.
type Stats struct {
	Class                    string
	N                        int
	P50, P99, EngP50, EngP99 time.Duration
	CPU                      time.Duration // mean CPU of this process per Search
	MeanTotal                float64
	CappedShare              float64
}

func pct(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(int(p*float64(len(s))), len(s)-1)]
}

// Measure runs every query through Search and through the engine's bare
// query, alternating which goes first so neither always finds the
// other's pages in cache, after warm-up passes of the first queries.
func Measure(ctx context.Context, e Engine, qs []Query) ([]Stats, error) {
	type acc struct {
		ours, eng []time.Duration
		cpu       time.Duration
		total     int
		capped    int
	}
	by := map[string]*acc{}
	warm := min(len(qs), 50)
	for i, q := range qs[:warm] {
		if _, err := e.Search(ctx, search.Query{Text: q.Text, WithFacets: q.Facets}); err != nil {
			return nil, err
		}
		if _, err := e.EngineQuery(ctx, qs[i].Text, 20); err != nil {
			return nil, err
		}
	}
	for i, q := range qs {
		a := by[q.Class]
		if a == nil {
			a = &acc{}
			by[q.Class] = a
		}
		runOurs := func() error {
			t, c := time.Now(), cpuTime()
			r, err := e.Search(ctx, search.Query{Text: q.Text, WithFacets: q.Facets})
			if err != nil {
				return fmt.Errorf("search %q: %w", q.Text, err)
			}
			a.ours = append(a.ours, time.Since(t))
			a.cpu += cpuTime() - c
			a.total += r.Total
			if r.TotalCapped {
				a.capped++
			}
			return nil
		}
		runEng := func() error {
			t := time.Now()
			if _, err := e.EngineQuery(ctx, q.Text, 20); err != nil {
				return fmt.Errorf("engine query %q: %w", q.Text, err)
			}
			a.eng = append(a.eng, time.Since(t))
			return nil
		}
		first, second := runOurs, runEng
		if i%2 == 1 {
			first, second = runEng, runOurs
		}
		if err := first(); err != nil {
			return nil, err
		}
		if err := second(); err != nil {
			return nil, err
		}
	}
	var out []Stats
	for _, cl := range Classes {
		a := by[cl]
		if a == nil {
			continue
		}
		n := len(a.ours)
		out = append(out, Stats{Class: cl, N: n, P50: pct(a.ours, .5), P99: pct(a.ours, .99),
			EngP50: pct(a.eng, .5), EngP99: pct(a.eng, .99),
			CPU: a.cpu / time.Duration(n), MeanTotal: float64(a.total) / float64(n), CappedShare: float64(a.capped) / float64(n)})
	}
	return out, nil
}

func ms(d time.Duration) string { return strconv.FormatFloat(float64(d)/1e6, 'f', 2, 64) }

func ratio(a, b time.Duration) string {
	if b <= 0 {
		return "-"
	}
	return strconv.FormatFloat(float64(a)/float64(b), 'f', 2, 64)
}

// WriteTable prints the stats as a Markdown table.
func WriteTable(w io.Writer, backend string, st []Stats) {
	fmt.Fprintf(w, "\n%s: latency in ms (Search vs the engine's bare top-20 query on the same terms); load average %s\n", backend, LoadAvg())
	fmt.Fprintln(w, "| class | n | Search p50 | p99 | engine p50 | p99 | ratio p50 | ratio p99 | Search CPU mean | mean total | capped |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|---|")
	var all, eng []time.Duration
	for _, s := range st {
		fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %.0f | %.0f%% |\n", s.Class, s.N, ms(s.P50), ms(s.P99),
			ms(s.EngP50), ms(s.EngP99), ratio(s.P50, s.EngP50), ratio(s.P99, s.EngP99), ms(s.CPU), s.MeanTotal, 100*s.CappedShare)
		all = append(all, s.P99)
		eng = append(eng, s.EngP99)
	}
	fmt.Fprintf(w, "worst class p99: Search %s ms, engine %s ms\n", ms(slices.Max(all)), ms(slices.Max(eng)))
}

// LoadAvg is the 1-minute load average, for reading figures from a
// shared machine.
func LoadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// PeakRSS is this process's peak resident memory in MiB (VmHWM), or -1.
func PeakRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				kb, _ := strconv.ParseFloat(f[0], 64)
				return kb / 1024
			}
		}
	}
	return -1
}

// cpuTime is this process's user+system CPU time so far: on a shared
// machine, CPU per request says what the code costs when wall-clock
// latency mostly says how busy the neighbours are.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
