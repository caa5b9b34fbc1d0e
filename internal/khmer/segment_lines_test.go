package khmer

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

func TestSegmentLines(t *testing.T) {
	seg := NewSegmenter()
	long := strings.Repeat("ខ្ញុំ ទៅ ផ្សារ ", 10000) // > 64 KiB buffer
	tests := []struct {
		name, in, want string
	}{
		{"empty input", "", ""},
		{"empty lines kept", "\n\nឆ្នាំ២០២៣\n", "\n\nឆ្នាំ ២០២៣\n"},
		{"no final newline", "ផ្សេងៗ។", "ផ្សេង ៗ ។\n"},
		{"CRLF", "ក្រសួង  យុត្តិធម៌\r\nabc\r\n", "ក្រសួង យុត្តិធម៌\nabc\n"},
		{"invalid UTF-8 replaced", "a\xffb\n", "a \uFFFD b\n"},
		{"only spaces", "   \n", "\n"},
		{"long line", long + "\n", strings.TrimSpace(long) + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			// One byte at a time exercises the buffering paths.
			if err := SegmentLines(context.Background(), seg, iotest.HalfReader(strings.NewReader(tt.in)), &out); err != nil {
				t.Fatal(err)
			}
			if out.String() != tt.want {
				got, want := out.String(), tt.want
				if len(got) > 200 {
					got, want = got[:200], want[:min(200, len(want))]
				}
				t.Errorf("got %q, want %q", got, want)
			}
			if strings.Count(out.String(), "\n") != strings.Count(tt.in, "\n")+boolInt(tt.in != "" && !strings.HasSuffix(tt.in, "\n")) {
				t.Errorf("line count differs")
			}
		})
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestSegmentLinesErrors(t *testing.T) {
	seg := NewSegmenter()
	boom := errors.New("disk gone")
	err := SegmentLines(context.Background(), seg, iotest.ErrReader(boom), &bytes.Buffer{})
	if !errors.Is(err, boom) {
		t.Errorf("read error lost: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := SegmentLines(ctx, seg, strings.NewReader("ក\n"), &bytes.Buffer{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}
}

func FuzzSegmentLines(f *testing.F) {
	for _, s := range normalizeSeeds {
		f.Add(s + "\n" + s)
	}
	seg := NewSegmenter()
	f.Fuzz(func(t *testing.T, s string) {
		var out bytes.Buffer
		if err := SegmentLines(context.Background(), seg, strings.NewReader(s), &out); err != nil {
			t.Fatal(err)
		}
		want := strings.Count(s, "\n")
		if s != "" && !strings.HasSuffix(s, "\n") {
			want++
		}
		if got := strings.Count(out.String(), "\n"); got != want {
			t.Fatalf("%d lines out for %d in: %q -> %q", got, want, s, out.String())
		}
		if !utf8.ValidString(out.String()) {
			t.Fatalf("invalid UTF-8 out for %q", s)
		}
	})
}
