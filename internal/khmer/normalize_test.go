package khmer

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalizeVariants(t *testing.T) {
	tests := []struct {
		name string
		in   []string // all must normalise to the same string
		want string
	}{
		{"subscript order, woman", []string{"ស្ត្រី", "ស្រ្តី", "ស្រី្ត"}, "ស្ត្រី"},
		{"subscript DA and TA", []string{"ឯកឧត្តម", "ឯកឧត្ដម"}, "ឯកឧត្តម"},
		{"ឲ and ឱ", []string{"ឲ្យ", "ឱ្យ"}, "ឱ្យ"},
		{"ZWSP inside a word", []string{"ក្រសួង", "ក្រ\u200bសួង", "ក្រសួ\u200bង", "\ufeffក្រសួង"}, "ក្រសួង"},
		{"ZWSP between base and vowel", []string{"កា", "ក\u200bា", "ក\u200c\u200dា"}, "កា"},
		{"deprecated independent vowels", []string{"ឣ", "អ"}, "អ"},
		{"deprecated ឤ is អា", []string{"ឤ", "អា"}, "អា"},
		{"inherent vowel signs dropped", []string{"ក\u17b4", "ក\u17b5", "ក"}, "ក"},
		{"split vowel េ+ី", []string{"ដ\u17c1\u17b8រ", "ដើរ"}, "ដើរ"},
		{"split vowel េ+ា", []string{"ក\u17c1\u17b6ះ", "កោះ"}, "កោះ"},
		{"nikahit after vowel", []string{"ច\u17c6\u17b6", "ចាំ"}, "ចាំ"},
		{"doubled vowel", []string{"កាា", "កា"}, "កា"},
		{"shifter before vowel", []string{"ប\u17b8\u17c9", "ប៉ី"}, "ប៉ី"},
		{"reahmuk last", []string{"ក\u17c7\u17b6", "កាះ"}, "កាះ"},
		{"three subscripts, RO last", []string{"ស្រ្ត្យ", "ស្ត្យ្រ"}, "ស្ត្យ្រ"},
		{"Latin untouched", []string{"Phnom Penh 2023"}, "Phnom Penh 2023"},
		{"invalid UTF-8 replaced", []string{"a\xffb"}, "a\ufffdb"},
		{"empty", []string{""}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, in := range tt.in {
				if got := Normalize(in); got != tt.want {
					t.Errorf("Normalize(%q) = %q, want %q", in, got, tt.want)
				}
				if got := NormalizeMap(in).Text; got != tt.want {
					t.Errorf("NormalizeMap(%q).Text = %q, want %q", in, got, tt.want)
				}
			}
		})
	}
}

func TestNormalizeCleanTextNotCopied(t *testing.T) {
	in := "ក្រសួងយុត្តិធម៌ បាន​ប្រកាស"
	clean := Normalize(in)
	if Normalize(clean) != clean {
		t.Fatal("not idempotent")
	}
	if allocs := testing.AllocsPerRun(20, func() { _ = Normalize(clean) }); allocs != 0 {
		t.Errorf("Normalize of clean text allocates %v times, want 0", allocs)
	}
}

func TestNormalizedOffsets(t *testing.T) {
	// ស្រ្តី is reordered (one changed cluster); the ZWSP is dropped.
	src := "ab ស្រ្តី\u200bកា x"
	n := NormalizeMap(src)
	want := "ab ស្ត្រីកា x"
	if n.Text != want {
		t.Fatalf("Text = %q, want %q", n.Text, want)
	}
	iKa := strings.Index(src, "កា")
	nKa := strings.Index(n.Text, "កា")
	tests := []struct {
		name      string
		got, want int
	}{
		{"start", n.ToOrig(0), 0},
		{"ascii inside", n.ToOrig(1), 1},
		{"cluster start", n.ToOrig(3), 3},
		{"inside changed cluster rounds down", n.ToOrig(6), 3},
		{"inside changed cluster end rounds up", n.ToOrigEnd(6), 3 + len("ស្រ្តី")},
		{"start after dropped ZWSP skips it", n.ToOrig(nKa), iKa},
		{"end before dropped ZWSP leaves it out", n.ToOrigEnd(nKa), iKa - 3},
		{"end", n.ToOrig(len(n.Text)), len(src)},
		{"norm of ka", n.ToNorm(iKa), nKa},
		{"norm inside ZWSP rounds down", n.ToNorm(iKa - 2), nKa},
		{"norm end", n.ToNorm(len(src)), len(n.Text)},
		{"clamped below", n.ToOrig(-5), 0},
		{"clamped above", n.ToOrig(1 << 20), len(src)},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %d, want %d", tt.name, tt.got, tt.want)
		}
	}
	s, e := n.OrigSpan(nKa, nKa+len("កា"))
	if src[s:e] != "កា" {
		t.Errorf("OrigSpan of កា = %q", src[s:e])
	}
	s, e = n.NormSpan(3, 3+len("ស្រ្តី"))
	if n.Text[s:e] != "ស្ត្រី" {
		t.Errorf("NormSpan of ស្រ្តី = %q", n.Text[s:e])
	}
	if n.Source() != src {
		t.Error("Source changed")
	}
}

// checkMap verifies the invariants every offset map must hold.
func checkMap(t *testing.T, src string) {
	t.Helper()
	n := NormalizeMap(src)
	if Normalize(src) != n.Text {
		t.Fatalf("Normalize and NormalizeMap disagree on %q", src)
	}
	if !utf8.ValidString(n.Text) {
		t.Fatalf("normalised text of %q is not valid UTF-8", src)
	}
	var forced strings.Builder
	normalizeInto(&forced, src, nil)
	if forced.String() != n.Text {
		t.Fatalf("fast path missed a change in %q: %q, full pass gives %q", src, n.Text, forced.String())
	}
	if again := Normalize(n.Text); again != n.Text {
		t.Fatalf("not idempotent: %q -> %q -> %q", src, n.Text, again)
	}
	if n.ToOrigEnd(0) != 0 || n.ToOrig(len(n.Text)) != len(src) || n.ToNorm(0) != 0 || n.ToNorm(len(src)) != len(n.Text) {
		t.Fatalf("map ends wrong for %q", src)
	}
	prev, prevEnd := 0, 0
	for i := 0; i <= len(n.Text); i++ {
		o, oe := n.ToOrig(i), n.ToOrigEnd(i)
		if o < prev || oe < prevEnd || o < 0 || oe > len(src) {
			t.Fatalf("ToOrig not monotonic at %d for %q: %d %d after %d %d", i, src, o, oe, prev, prevEnd)
		}
		prev, prevEnd = o, oe
	}
	prev, prevEnd = 0, 0
	for i := 0; i <= len(src); i++ {
		o, oe := n.ToNorm(i), n.ToNormEnd(i)
		if o < prev || oe < prevEnd || o > oe || oe > len(n.Text) {
			t.Fatalf("ToNorm not monotonic at %d for %q", i, src)
		}
		prev, prevEnd = o, oe
	}
	// Every cluster of the source maps to a span whose normal form is the
	// normal form of the cluster.
	for i := 0; i < len(src); {
		c := NextCluster(src[i:])
		s, e := n.NormSpan(i, i+c)
		if got, want := n.Text[s:e], Normalize(src[i:i+c]); got != want {
			t.Fatalf("cluster %q of %q maps to %q, want %q", src[i:i+c], src, got, want)
		}
		i += c
	}
}

func TestNormalizeMapInvariants(t *testing.T) {
	for _, s := range normalizeSeeds {
		checkMap(t, s)
	}
}

var normalizeSeeds = []string{
	"", "a", "ស្រី្ត", "ស្រ្តីនិងបុរស", "លោក\u200bសុខ ចាន់ថា", "\u200b\u200b", "ា", "្", "ក្", "្ក",
	"៊ឹម", "ក\u200b", "x\u200bា", "ឯកឧត្ដម ២៣ ថ្ងៃទី២៣ ខែមីនា", "\xff\xfe", "ក\xff", "abc\u0301def",
	"ឲ្យ ឤ ឣ", "េក", "កេីា", "ប៉ុ៊", "ក់់់", "Hello, ពិភពលោក!", "ក\u17b4\u17b5ា",
}

func FuzzNormalize(f *testing.F) {
	for _, s := range normalizeSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkMap(t, s)
	})
}

func BenchmarkNormalize(b *testing.B) {
	text := strings.Repeat(sampleKhmer, 20)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		_ = NormalizeMap(text)
	}
}
