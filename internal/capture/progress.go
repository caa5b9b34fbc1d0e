package capture

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// Progress reports a long capture as it goes: one line redrawn in place on
// a terminal, a log line every LogEvery otherwise.
type Progress struct {
	w        io.Writer
	tty      bool
	log      *slog.Logger
	Interval time.Duration // redraw interval on a terminal (250ms)
	LogEvery time.Duration // log interval otherwise (10s)

	captured, unchanged, failed atomic.Int64
	bytes                       atomic.Int64
	total                       func() int

	begin time.Time
	quit  chan struct{}
	wg    sync.WaitGroup
}

// NewProgress reports to w (a terminal when tty) or through log.
func NewProgress(w io.Writer, tty bool, log *slog.Logger) *Progress {
	return &Progress{w: w, tty: tty, log: log, Interval: 250 * time.Millisecond, LogEvery: 10 * time.Second}
}

// IsTerminal reports whether f is a character device (a terminal), without
// a dependency on a terminal library.
func IsTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func (p *Progress) start() {
	p.begin = time.Now()
	p.quit = make(chan struct{})
	every := p.LogEvery
	if p.tty {
		every = p.Interval
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-p.quit:
				if p.tty {
					fmt.Fprintf(p.w, "\r\x1b[K%s\n", p.Line())
				}
				return
			case <-t.C:
				if p.tty {
					fmt.Fprintf(p.w, "\r\x1b[K%s", p.Line())
				} else if p.log != nil {
					done, total, rate, eta := p.numbers()
					p.log.Info("capture progress", "done", done, "total", total, "captured", p.captured.Load(), "unchanged", p.unchanged.Load(), "failed", p.failed.Load(), "docs_per_s", fmt.Sprintf("%.1f", rate), "archived_bytes", p.bytes.Load(), "eta", eta.Round(time.Second).String())
				}
			}
		}
	}()
}

func (p *Progress) stop() {
	close(p.quit)
	p.wg.Wait()
}

func (p *Progress) numbers() (done, total int64, rate float64, eta time.Duration) {
	done = p.captured.Load() + p.unchanged.Load() + p.failed.Load()
	if p.total != nil {
		total = int64(p.total())
	}
	el := time.Since(p.begin).Seconds()
	if el > 0 {
		rate = float64(done) / el
	}
	if rate > 0 && total > done {
		eta = time.Duration(float64(total-done) / rate * float64(time.Second))
	}
	return
}

// Line is the progress as one line of text.
func (p *Progress) Line() string {
	done, total, rate, eta := p.numbers()
	s := fmt.Sprintf("%d/%d items · %d captured · %d unchanged · %d failed · %.1f/s · %s archived",
		done, total, p.captured.Load(), p.unchanged.Load(), p.failed.Load(), rate, humanBytes(p.bytes.Load()))
	if eta > 0 {
		s += " · ETA " + eta.Round(time.Second).String()
	}
	return s
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// Print writes the summary for a person: the counts, then each failure.
func (s *Summary) Print(w io.Writer, maxFailures int) {
	fmt.Fprintf(w, "captured %d new documents and %d new versions; %d unchanged; %d deferred by back-off; %d failed\n",
		s.New, s.NewVersions, s.Unchanged, s.Deferred, s.Failed)
	fmt.Fprintf(w, "expanded %d feeds, sitemaps or exports; wrote %d WARC records (%s) in %s\n",
		s.Containers, s.Records, humanBytes(s.ArchiveBytes), s.Elapsed.Round(time.Millisecond))
	for i, f := range s.Failures {
		if maxFailures > 0 && i == maxFailures {
			fmt.Fprintf(w, "… and %d more failures (see the log)\n", len(s.Failures)-i)
			break
		}
		fmt.Fprintf(w, "failed: %s: %s\n", f.Source, f.Reason)
	}
}
