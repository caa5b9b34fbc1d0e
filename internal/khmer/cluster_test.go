package khmer

import (
	"slices"
	"strings"
	"testing"
)

// sampleKhmer is invented news-style text used by tests and benchmarks.
const sampleKhmer = "កាលពីថ្ងៃទី២៣ ខែមីនា ឆ្នាំ២០២៣ លោក សុខ វណ្ណា អភិបាលខេត្តព្រៃវែង បានអញ្ជើញចូលរួមកិច្ចប្រជុំ ស្តីពីការអភិវឌ្ឍន៍សហគមន៍ ។ " +
	"ក្រសួងមហាផ្ទៃបានប្រកាសថា មន្ត្រីចំនួន ១២ នាក់ ត្រូវបានតែងតាំង ។ The ministry said 12 officials were appointed. "

func TestClusters(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"ស្ត្រី", []string{"ស្ត្រី"}},
		{"មន្ត្រី", []string{"ម", "ន្ត្រី"}},
		{"កម្ពុជា", []string{"ក", "ម្ពុ", "ជា"}},
		{"ខ្ញុំ", []string{"ខ្ញុំ"}},
		{"ប៉ុន្តែ", []string{"ប៉ុ", "ន្តែ"}},
		{"ឯកឧត្តម", []string{"ឯ", "ក", "ឧ", "ត្ត", "ម"}},
		{"ក\u200bា", []string{"ក\u200bា"}},         // ZWSP inside a cluster stays in it
		{"ក\u200bក", []string{"ក", "\u200b", "ក"}}, // ZWSP between clusters is its own
		{"២៣", []string{"២", "៣"}},
		{"ផ្សេងៗ។", []string{"ផ្សេ", "ង", "ៗ", "។"}},
		{"ab", []string{"a", "b"}},
		{"e\u0301x", []string{"e\u0301", "x"}},
		{"\r\nx", []string{"\r\n", "x"}},
		{"ាក", []string{"ា", "ក"}}, // orphan mark
		{"ក្", []string{"ក្"}},     // dangling coeng stays with its base
		{"", nil},
	}
	for _, tt := range tests {
		got := Clusters(tt.in)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Clusters(%q) = %q, want %q", tt.in, got, tt.want)
		}
		b := ClusterBoundaries(nil, tt.in)
		if b[0] != 0 || b[len(b)-1] != len(tt.in) || len(b) != len(tt.want)+1 && tt.in != "" {
			t.Errorf("ClusterBoundaries(%q) = %v", tt.in, b)
		}
	}
}

func FuzzClusters(f *testing.F) {
	for _, s := range normalizeSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cs := Clusters(s)
		if strings.Join(cs, "") != s {
			t.Fatalf("clusters of %q do not join back: %q", s, cs)
		}
		for _, c := range cs {
			if c == "" {
				t.Fatalf("empty cluster in %q", s)
			}
		}
		b := ClusterBoundaries(nil, s)
		for i := 1; i < len(b); i++ {
			if b[i] <= b[i-1] {
				t.Fatalf("boundaries of %q not increasing: %v", s, b)
			}
		}
	})
}

func BenchmarkClusters(b *testing.B) {
	text := strings.Repeat(sampleKhmer, 20)
	b.SetBytes(int64(len(text)))
	var bounds []int
	for b.Loop() {
		bounds = ClusterBoundaries(bounds[:0], text)
	}
}
