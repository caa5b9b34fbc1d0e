// Package progress shows how long work is going: one line redrawn in place
// on a terminal (count, rate, ETA), or a plain log line every few seconds
// when the output is not a terminal (CI, cron, a pipe).
package progress

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// Meter counts work done out of an optional total.
type Meter struct {
	what  string
	w     io.Writer
	tty   bool
	log   *slog.Logger
	total atomic.Int64
	done  atomic.Int64
	begin time.Time
	now   func() time.Time

	quit chan struct{}
	wg   sync.WaitGroup
}

// IsTerminal reports whether f is a terminal.
func IsTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Start begins metering work called what ("reindex", "reextract"),
// redrawing a line on w when tty, else logging to log every 10 s. Stop it
// with Stop.
func Start(what string, w io.Writer, tty bool, log *slog.Logger) *Meter {
	m := &Meter{what: what, w: w, tty: tty, log: log, begin: time.Now(), now: time.Now, quit: make(chan struct{})}
	every := 10 * time.Second
	if tty {
		every = 250 * time.Millisecond
	}
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-m.quit:
				return
			case <-t.C:
				m.report()
			}
		}
	}()
	return m
}

// SetTotal sets how much work there is, when known.
func (m *Meter) SetTotal(n int64) { m.total.Store(n) }

// Add records n more units done.
func (m *Meter) Add(n int64) { m.done.Add(n) }

// Set records that n units are done in all.
func (m *Meter) Set(n int64) { m.done.Store(n) }

// Line is the current progress as text: "reindex 1200/5000 (24%) 310/s ETA 12s".
func (m *Meter) Line() string {
	done, total := m.done.Load(), m.total.Load()
	el := m.now().Sub(m.begin).Seconds()
	rate := 0.0
	if el > 0 {
		rate = float64(done) / el
	}
	if total <= 0 {
		return fmt.Sprintf("%s %d done, %.0f/s", m.what, done, rate)
	}
	eta := "?"
	if rate > 0 && done <= total {
		eta = (time.Duration(float64(total-done)/rate) * time.Second).Round(time.Second).String()
	}
	return fmt.Sprintf("%s %d/%d (%d%%) %.0f/s ETA %s", m.what, done, total, done*100/max(total, 1), rate, eta)
}

func (m *Meter) report() {
	if m.tty {
		fmt.Fprintf(m.w, "\r\x1b[K%s", m.Line())
	} else if m.log != nil {
		m.log.Info(m.Line())
	}
}

// Stop ends the meter and prints the final line.
func (m *Meter) Stop() {
	close(m.quit)
	m.wg.Wait()
	if m.tty {
		fmt.Fprintf(m.w, "\r\x1b[K%s\n", m.Line())
	} else if m.log != nil {
		m.log.Info(m.Line())
	}
}
