package sqlstore

import (
	"strconv"
	"strings"
	"testing"
)

func TestRebindDollar(t *testing.T) {
	tests := []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"a = ? AND b = ?", "a = $1 AND b = $2"},
		{"x LIKE 'what?' AND y = ?", "x LIKE 'what?' AND y = $1"},
		{`"odd?col" = ?`, `"odd?col" = $1`},
		{"IN (?, ?, ?)", "IN ($1, $2, $3)"},
		{"'it''s ?' = ?", "'it''s ?' = $1"},
	}
	for _, tt := range tests {
		if got := RebindDollar(tt.in); got != tt.want {
			t.Errorf("RebindDollar(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzRebindDollar checks that rebinding only ever replaces placeholders:
// turning $n back into ? gives the query again, and the numbers count up
// from 1.
func FuzzRebindDollar(f *testing.F) {
	for _, s := range []string{"a = ? AND b = ?", "x LIKE 'what?' AND y = ?", `"c?" ?`, "'unterminated ?", "??"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if strings.Contains(q, "$") {
			return
		}
		for i := 0; i+1 < len(q); i++ {
			if q[i] == '?' && q[i+1] >= '0' && q[i+1] <= '9' {
				return // "?1" would read back as one number; no query writes it
			}
		}
		out := RebindDollar(q)
		var back strings.Builder
		n := 0
		for i := 0; i < len(out); i++ {
			if out[i] != '$' {
				back.WriteByte(out[i])
				continue
			}
			j := i + 1
			for j < len(out) && out[j] >= '0' && out[j] <= '9' {
				j++
			}
			k, err := strconv.Atoi(out[i+1 : j])
			if err != nil || k != n+1 {
				t.Fatalf("RebindDollar(%q) = %q: placeholder %q out of order", q, out, out[i:j])
			}
			n = k
			back.WriteByte('?')
			i = j - 1
		}
		if back.String() != q {
			t.Fatalf("RebindDollar(%q) = %q changed more than placeholders", q, out)
		}
	})
}

func TestPlaceholders(t *testing.T) {
	for n, want := range map[int]string{0: "", 1: "?", 3: "?, ?, ?"} {
		if got := placeholders(n); got != want {
			t.Errorf("placeholders(%d) = %q, want %q", n, got, want)
		}
	}
}
