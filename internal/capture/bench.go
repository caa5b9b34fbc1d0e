package capture

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
	"github.com/kamnotra/kamnotra/internal/warc"
)

// Invented vocabulary for generated pages: common words and made-up names,
// nothing taken from real articles.
var (
	benchKhmerWords   = strings.Fields("ក្រសួង ខេត្ត ស្រុក ឃុំ ភូមិ ប្រជាពលរដ្ឋ គណបក្ស សមាជិក អភិបាល លោក លោកស្រី បាន នៅ ថ្ងៃ ខែ ឆ្នាំ ការ អភិវឌ្ឍន៍ សាលារៀន ផ្លូវ ទឹកស្អាត កសិករ ស្រូវ ទីផ្សារ មន្ទីរពេទ្យ កិច្ចប្រជុំ សេចក្ដីប្រកាស ព័ត៌មាន របាយការណ៍ ក្រុមប្រឹក្សា ថវិកា គម្រោង ពលករ សហគមន៍ ដីធ្លី តុលាការ ប៉ូលិស អ្នកកាសែត បោះឆ្នោត ចូលរួម ទទួល ផ្ដល់ ពិភាក្សា ដោះស្រាយ")
	benchEnglishWords = strings.Fields("ministry province district commune village residents party members governor said on the in of a to and was were meeting statement report council budget project workers community land court police journalist election joined received provided discussed resolved school road clean water farmers rice market hospital officials announced week")
	benchNames        = []string{"Chea Sokunthea", "Lim Vannak", "Ouk Sreyneang", "Prak Bunthoeun", "Heng Dalin", "Sam Rithy", "ជា សុគន្ធា", "លឹម វណ្ណៈ", "អ៊ុក ស្រីនាង", "ប្រាក់ ប៊ុនធឿន"}
	benchPlaces       = []string{"Takeo", "Kampot", "Battambang", "Siem Reap", "Kratie", "តាកែវ", "កំពត", "បាត់ដំបង", "សៀមរាប", "ក្រចេះ"}
)

// GenerateCorpus writes n HTML pages of 2–4 KB of invented news text, half
// in Khmer and half in English, into dir, and returns their total size. The
// pages' canonical URLs name the seed, so that corpora of different seeds
// are different documents to a store that has seen one already.
func GenerateCorpus(dir string, n int, seed uint64) (int64, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	rng := rand.New(rand.NewPCG(seed, 0x6b616d6e))
	var total int64
	for i := range n {
		khmer := i%2 == 0
		words, lang, sep := benchEnglishWords, "en", " "
		if khmer {
			words, lang, sep = benchKhmerWords, "km", ""
		}
		sentence := func() string {
			k := 8 + rng.IntN(10)
			parts := make([]string, 0, k+2)
			parts = append(parts, benchNames[rng.IntN(len(benchNames))])
			for range k {
				parts = append(parts, words[rng.IntN(len(words))])
			}
			parts = append(parts, benchPlaces[rng.IntN(len(benchPlaces))])
			end := "."
			if khmer {
				end = "។"
			}
			return strings.Join(parts, sep) + end
		}
		day := time.Date(2024, 1, 1, 8, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(700))
		var b strings.Builder
		title := sentence()
		fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\"><title>%s</title>\n", lang, title)
		fmt.Fprintf(&b, "<meta property=\"article:published_time\" content=\"%s\">\n", day.Format(time.RFC3339))
		fmt.Fprintf(&b, "<link rel=\"canonical\" href=\"https://news-%d.example.org/%s/%d\"></head>\n", seed, lang, i)
		b.WriteString("<body><nav><a href=\"/\">Home</a> <a href=\"/politics\">Politics</a></nav><article>\n")
		fmt.Fprintf(&b, "<h1>%s</h1>\n", title)
		target := 2048 + rng.IntN(2048)
		for b.Len() < target-200 {
			b.WriteString("<p>")
			for range 2 + rng.IntN(3) {
				b.WriteString(sentence())
				b.WriteString(sep)
			}
			b.WriteString("</p>\n")
		}
		b.WriteString("</article><footer>© News Example</footer></body></html>\n")
		name := filepath.Join(dir, "page-"+strconv.Itoa(i)+".html")
		if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
			return total, err
		}
		total += int64(b.Len())
	}
	return total, nil
}

// BenchResult is one measured configuration.
type BenchResult struct {
	Name         string
	Docs         int
	Failed       int
	Elapsed      time.Duration
	ArchiveBytes int64
	PeakRSS      int64         // bytes; 0 when unknown
	CPU          time.Duration // user + system time of the process meanwhile
}

// DocsPerSec is the throughput in documents per second.
func (r BenchResult) DocsPerSec() float64 { return float64(r.Docs) / r.Elapsed.Seconds() }

// BenchStore opens a fresh store in dataDir for one benchmark run.
type BenchStore struct {
	Name string
	Open func(ctx context.Context, dataDir string) (Store, io.Closer, error)
}

// Bench captures corpus (a directory of generated pages) once per
// configuration: baselines first (reading and hashing the files; that plus
// writing the WARC; the whole pipeline into a store that keeps nothing),
// then the whole pipeline into each store.
func Bench(ctx context.Context, corpus, work string, parsers Parsers, stores []BenchStore) ([]BenchResult, error) {
	files, err := filepath.Glob(filepath.Join(corpus, "*.html"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no pages in %s", corpus)
	}
	var out []BenchResult

	resetPeak()
	cpu0 := cpuTime()
	start := time.Now()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		sha256.Sum256(b)
	}
	out = append(out, BenchResult{Name: "baseline: read + SHA-256", Docs: len(files), Elapsed: time.Since(start), PeakRSS: peakRSS(), CPU: cpuTime() - cpu0})

	resetPeak()
	dir := filepath.Join(work, "warc-only")
	w, err := warc.NewWriter(dir, warc.WriterOptions{Software: "kamnotra-bench"})
	if err != nil {
		return nil, err
	}
	cpu0 = cpuTime()
	start = time.Now()
	var archived int64
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		refs, err := w.Write(&warc.Record{Header: warc.Fields(
			"WARC-Type", warc.TypeResource, "WARC-Target-URI", "file://"+f,
			"Content-Type", "text/html", "WARC-Payload-Digest", warc.Digest(b)), Block: b})
		if err != nil {
			return nil, err
		}
		archived += refs[0].Length
		if i%200 == 199 {
			w.Sync()
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	out = append(out, BenchResult{Name: "baseline: read + SHA-256 + WARC", Docs: len(files), Elapsed: time.Since(start), ArchiveBytes: archived, PeakRSS: peakRSS(), CPU: cpuTime() - cpu0})

	all := append([]BenchStore{{Name: "none (parse + archive, store discards)", Open: func(context.Context, string) (Store, io.Closer, error) {
		return nullStore{}, io.NopCloser(nil), nil
	}}}, stores...)
	for i, bs := range all {
		resetPeak()
		data := filepath.Join(work, "run-"+strconv.Itoa(i))
		st, closer, err := bs.Open(ctx, data)
		if err != nil {
			return out, fmt.Errorf("open %s store: %w", bs.Name, err)
		}
		aw, err := warc.NewWriter(filepath.Join(data, "archive"), warc.WriterOptions{Software: "kamnotra-bench"})
		if err != nil {
			closer.Close()
			return out, err
		}
		runtime.GC()
		cpu0 := cpuTime()
		start := time.Now()
		sum, err := Run(ctx, Options{Store: st, Archive: aw, Parsers: parsers}, []string{corpus})
		el := time.Since(start)
		aw.Close()
		closer.Close()
		if err != nil {
			return out, fmt.Errorf("capture into %s: %w", bs.Name, err)
		}
		out = append(out, BenchResult{Name: "capture into " + bs.Name, Docs: sum.Documents(), Failed: sum.Failed, Elapsed: el, ArchiveBytes: sum.ArchiveBytes, PeakRSS: peakRSS(), CPU: cpuTime() - cpu0})
	}
	return out, nil
}

// PrintBench writes the results as a table with ratios to the first row.
func PrintBench(w io.Writer, rs []BenchResult) {
	if len(rs) == 0 {
		return
	}
	base := rs[0].DocsPerSec()
	fmt.Fprintf(w, "%-52s %6s %6s %8s %9s %12s %9s %7s %11s %8s\n", "configuration", "docs", "failed", "seconds", "docs/s", "archive MB/s", "peak RSS", "CPU s", "docs/CPU-s", "× base")
	for _, r := range rs {
		mbs := "-"
		if r.ArchiveBytes > 0 {
			mbs = fmt.Sprintf("%.2f", float64(r.ArchiveBytes)/(1<<20)/r.Elapsed.Seconds())
		}
		rss := "-"
		if r.PeakRSS > 0 {
			rss = fmt.Sprintf("%d MiB", r.PeakRSS>>20)
		}
		perCPU := "-"
		if r.CPU > 0 {
			perCPU = fmt.Sprintf("%.0f", float64(r.Docs)/r.CPU.Seconds())
		}
		fmt.Fprintf(w, "%-52s %6d %6d %8.2f %9.0f %12s %9s %7.2f %11s %8.3f\n", r.Name, r.Docs, r.Failed, r.Elapsed.Seconds(), r.DocsPerSec(), mbs, rss, r.CPU.Seconds(), perCPU, r.DocsPerSec()/base)
	}
}

// cpuTime is the user and system time the process has used: on a busy
// machine documents per CPU-second say more than documents per second.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// resetPeak resets the kernel's peak-RSS counter (VmHWM) so that each
// configuration reports its own peak.
func resetPeak() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS reads VmHWM from /proc/self/status; 0 when unavailable.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			f := strings.Fields(v)
			if len(f) > 0 {
				n, _ := strconv.ParseInt(f[0], 10, 64)
				return n << 10
			}
		}
	}
	return 0
}

// nullStore keeps nothing: every capture is new.
type nullStore struct{}

func (nullStore) SaveCapturesWithStates(ctx context.Context, cs []store.Capture) ([]store.SaveOutcome, error) {
	out := make([]store.SaveOutcome, len(cs))
	for i, c := range cs {
		if c.Doc != nil {
			out[i] = store.SavedNew
		}
	}
	return out, nil
}

func (nullStore) SourceState(ctx context.Context, url string) (*record.SourceState, error) {
	return nil, record.Errorf(record.ENotFound, "no state")
}

func (nullStore) SourceStates(ctx context.Context, urls []string) (map[string]*record.SourceState, error) {
	return map[string]*record.SourceState{}, nil
}

func (nullStore) PutSourceState(ctx context.Context, s *record.SourceState) error { return nil }
