package progress

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestLine(t *testing.T) {
	m := &Meter{what: "reindex", begin: time.Unix(0, 0), now: func() time.Time { return time.Unix(10, 0) }}
	m.SetTotal(1000)
	m.Add(250)
	if got, want := m.Line(), "reindex 250/1000 (25%) 25/s ETA 30s"; got != want {
		t.Errorf("Line() = %q, want %q", got, want)
	}
	m.SetTotal(0)
	if got, want := m.Line(), "reindex 250 done, 25/s"; got != want {
		t.Errorf("Line() = %q, want %q", got, want)
	}
}

func TestTerminalAndLog(t *testing.T) {
	var term bytes.Buffer
	m := Start("x", &term, true, nil)
	m.Add(3)
	m.Stop()
	if !strings.HasPrefix(term.String(), "\r\x1b[K") || !strings.Contains(term.String(), "x 3 done") || !strings.HasSuffix(term.String(), "\n") {
		t.Errorf("terminal output %q", term.String())
	}
	var logs bytes.Buffer
	m = Start("y", nil, false, slog.New(slog.NewTextHandler(&logs, nil)))
	m.Set(7)
	m.Stop()
	if strings.Contains(logs.String(), "\r") || !strings.Contains(logs.String(), "y 7 done") {
		t.Errorf("log output %q", logs.String())
	}
}
