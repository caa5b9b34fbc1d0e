package khmer

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"syscall"
	"text/tabwriter"
	"time"
)

// BenchReport is what `kamnotra bench khmer` measures: agreement with gold
// segmentation for ICU alone, ICU with digit runs split off, and the
// Segmenter; and the speed of each text function next to ICU's word break
// in the same run.
type BenchReport struct {
	Sentences int
	Bytes     int
	ICU       SegScore
	ICUDigits SegScore
	Ours      SegScore
	Speeds    []BenchSpeed // ICU first, the baseline of the ratios
}

// BenchSpeed is one throughput measurement: by the process's CPU time
// (what the code costs, steady on a busy machine) and by the clock.
type BenchSpeed struct {
	Name     string
	MBps     float64 // per CPU second
	WallMBps float64 // per second of wall clock
}

// RunBench measures gold (see ReadGold) and writes the report to w. Each
// speed is the best of rounds passes over all sentences, one line at a
// time as `kamnotra segment` reads them.
func RunBench(ctx context.Context, gold []GoldSentence, rounds int, w io.Writer) (*BenchReport, error) {
	icu, err := NewICUSegmenter()
	if err != nil {
		return nil, err
	}
	defer icu.Close()
	seg := NewSegmenter()
	if err := seg.Err(); err != nil {
		return nil, err
	}
	tk := NewTokenizer(seg)
	rep := &BenchReport{Sentences: len(gold)}
	var b []int
	var sp []Span
	for _, g := range gold {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rep.Bytes += len(g.Raw)
		if b, err = icu.Boundaries(b[:0], g.Raw); err != nil {
			return nil, err
		}
		rep.ICU.Add(g.Bounds, b)
		if b, err = icuWithDigitRuns(icu, b[:0], g.Raw); err != nil {
			return nil, err
		}
		rep.ICUDigits.Add(g.Bounds, b)
		sp = seg.Spans(sp[:0], g.Raw)
		rep.Ours.Add(g.Bounds, SpanBounds(b[:0], sp, len(g.Raw)))
	}

	var out []byte
	var bounds []int
	speeds := []struct {
		name string
		fn   func(string)
	}{
		{"ICU word break (baseline)", func(s string) { bounds, _ = icu.Boundaries(bounds[:0], s) }},
		{"normalise (NormalizeMap)", func(s string) { _ = NormalizeMap(s) }},
		{"clusters (ClusterBoundaries)", func(s string) { bounds = ClusterBoundaries(bounds[:0], s) }},
		{"segment (Segmenter.AppendLine)", func(s string) { out = seg.AppendLine(out[:0], s) }},
		{"tokens (Tokenizer.Tokens)", func(s string) { _ = tk.Tokens(s) }},
	}
	// Rounds go over all functions in turn, so that a busy machine slows
	// them alike and the ratios to ICU stay fair.
	best := make([]time.Duration, len(speeds))
	bestWall := make([]time.Duration, len(speeds))
	for i := range best {
		best[i], bestWall[i] = time.Duration(1<<62), time.Duration(1<<62)
	}
	for r := 0; r < max(1, rounds); r++ {
		for i, s := range speeds {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			runtime.GC()
			start, cpu := time.Now(), cpuTime()
			for _, g := range gold {
				s.fn(g.Raw)
			}
			best[i] = min(best[i], cpuTime()-cpu)
			bestWall[i] = min(bestWall[i], time.Since(start))
		}
	}
	for i, s := range speeds {
		mb := float64(rep.Bytes) / 1e6
		rep.Speeds = append(rep.Speeds, BenchSpeed{s.name, mb / max(best[i], time.Microsecond).Seconds(), mb / bestWall[i].Seconds()})
	}
	rep.write(w)
	return rep, nil
}

func (rep *BenchReport) write(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "%d sentences, %.2f MB of raw text\n\n", rep.Sentences, float64(rep.Bytes)/1e6)
	fmt.Fprintf(tw, "segmentation\tword F1\tboundary F1\t\n")
	for _, r := range []struct {
		name string
		s    SegScore
	}{{"ICU alone (baseline)", rep.ICU}, {"ICU, digit runs split off", rep.ICUDigits}, {"kamnotra Segmenter", rep.Ours}} {
		fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t\n", r.name, r.s.WordF1(), r.s.BoundaryF1())
	}
	tw.Flush()
	fmt.Fprintln(w)
	fmt.Fprintf(tw, "speed, one line at a time, best run\tMB/CPU-s\t× ICU\tMB/s wall\t× ICU\t\n")
	base, baseWall := rep.Speeds[0].MBps, rep.Speeds[0].WallMBps
	for _, s := range rep.Speeds {
		fmt.Fprintf(tw, "%s\t%.1f\t%.2f\t%.1f\t%.2f\t\n", s.Name, s.MBps, s.MBps/base, s.WallMBps, s.WallMBps/baseWall)
	}
	tw.Flush()
}

// icuWithDigitRuns runs ICU on the text between Khmer or ASCII digit
// runs and makes each run a word: the README's second baseline.
func icuWithDigitRuns(icu *ICUSegmenter, dst []int, s string) ([]int, error) {
	dst = append(dst, 0)
	var tmp []int
	var err error
	from := 0
	emit := func(a, b int) error {
		if a >= b {
			return nil
		}
		tmp, err = icu.Boundaries(tmp[:0], s[a:b])
		if err != nil {
			return err
		}
		for _, x := range tmp[1:] {
			dst = append(dst, a+x)
		}
		return nil
	}
	for i := 0; i < len(s); {
		r, n := decode(s, i)
		if classOf(r) != clsDigit && (r < '0' || r > '9') {
			i += n
			continue
		}
		j := i
		for j < len(s) {
			r, m := decode(s, j)
			if classOf(r) != clsDigit && (r < '0' || r > '9') {
				break
			}
			j += m
		}
		if err := emit(from, i); err != nil {
			return dst, err
		}
		dst = append(dst, j)
		from, i = j, j
	}
	if err := emit(from, len(s)); err != nil {
		return dst, err
	}
	return dst, nil
}

// ReadGoldFile reads a gold segmentation file (see ReadGold).
func ReadGoldFile(path string) ([]GoldSentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("khmer: opening gold segmentation: %w (pass its path with --gold)", err)
	}
	defer f.Close()
	return ReadGold(f)
}

// cpuTime is the CPU time the process has used so far, all threads.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
