package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// The segment command is how the segmenter is judged: one output line per
// input line, empty lines kept, words separated by single spaces, the
// words joining back into the line, and known names whole.
func TestSegmentCommand(t *testing.T) {
	in := "សមាជិកគណបក្សប្រជាជនកម្ពុជាចំនួន៣០០នាក់\n\nលោក សុខ ដារា  បានចូលរួម។\n"
	var out, errb bytes.Buffer
	if code := Main(context.Background(), []string{"segment"}, strings.NewReader(in), &out, &errb, func(string) string { return "" }); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	inLines := strings.Split(strings.TrimSuffix(in, "\n"), "\n")
	outLines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(outLines) != len(inLines) {
		t.Fatalf("%d output lines for %d input lines:\n%s", len(outLines), len(inLines), out.String())
	}
	for i, line := range outLines {
		if strings.Contains(line, "  ") || strings.HasPrefix(line, " ") || strings.HasSuffix(line, " ") {
			t.Errorf("line %d has stray spaces: %q", i, line)
		}
		if got, want := strings.ReplaceAll(line, " ", ""), strings.ReplaceAll(inLines[i], " ", ""); got != want {
			t.Errorf("line %d does not join back: %q vs %q", i, got, want)
		}
	}
	if !strings.Contains(" "+outLines[0]+" ", " គណបក្សប្រជាជនកម្ពុជា ") || !strings.Contains(outLines[0], " ៣០០ ") {
		t.Errorf("party name split or number not separate: %q", outLines[0])
	}
	if outLines[1] != "" {
		t.Errorf("empty line became %q", outLines[1])
	}
}
