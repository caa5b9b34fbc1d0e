package document

import (
	"strings"
	"testing"
)

// tidyTextRef is tidyText as first written, splitting and joining: the
// reference the in-place version must agree with.
func tidyTextRef(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.ReplaceAll(s, "\u00a0", " ")
	lines := strings.Split(s, "\n")
	var b strings.Builder
	blank := 0
	for _, l := range lines {
		l = strings.TrimRight(strings.Join(strings.FieldsFunc(l, isHSpace), " "), " ")
		if l == "" {
			blank++
			continue
		}
		if b.Len() > 0 {
			if blank > 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteString("\n")
			}
		}
		blank = 0
		b.WriteString(l)
	}
	return b.String()
}

func TestTidyTextMatchesReference(t *testing.T) {
	for _, s := range []string{
		"", "\n\n", "  a  ", "a\r\nb\rc\n\n\nd", "\n\n x \t y\u00a0z \n\n\n",
		"ព័ត៌មាន\u00a0\u00a0ថ្មី\f\v\n \n\t\nend\n", "a\n\nb\n \nc",
	} {
		if got, want := tidyText(s), tidyTextRef(s); got != want {
			t.Errorf("tidyText(%q) = %q; reference %q", s, got, want)
		}
	}
}

func FuzzTidyTextMatchesReference(f *testing.F) {
	f.Add("a\r\nb\rc\n\n\nd")
	f.Add("\n\n x \t y\u00a0z \n\n\n")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := tidyText(s), tidyTextRef(s); got != want {
			t.Fatalf("tidyText(%q) = %q; reference %q", s, got, want)
		}
	})
}
