package store

import (
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestDocumentID(t *testing.T) {
	tests := []struct {
		url  string
		want string
	}{
		// sha256("https://example.com/") = 0f115db0…
		{"https://example.com/", "d0f115db062b7c0dd"},
		{"", "de3b0c44298fc1c14"}, // sha256 of nothing
	}
	for _, tt := range tests {
		if got := DocumentID(tt.url); got != tt.want {
			t.Errorf("DocumentID(%q) = %q, want %q", tt.url, got, tt.want)
		}
	}
	if DocumentID("https://example.com/a") == DocumentID("https://example.com/b") {
		t.Error("different URLs share an ID")
	}
}

func TestNewID(t *testing.T) {
	shape := regexp.MustCompile(`^e[0-9a-hjkmnp-tv-z]{26}$`)
	seen := map[string]bool{}
	var ids []string
	base := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	for i := range 1000 {
		id := newIDAt("e", base.Add(time.Duration(i)*time.Millisecond))
		if !shape.MatchString(id) {
			t.Fatalf("ID %q: want e and 26 lower-case Crockford base32 digits", id)
		}
		if seen[id] {
			t.Fatalf("ID %q made twice", id)
		}
		seen[id] = true
		ids = append(ids, id)
	}
	if !sort.StringsAreSorted(ids) {
		t.Error("IDs made later do not sort later")
	}
	// The time part of IDs made in the same millisecond is the same; the
	// random part differs.
	a, b := newIDAt("c", base), newIDAt("c", base)
	if a[:11] != b[:11] || a == b {
		t.Errorf("same millisecond: %s %s", a, b)
	}
	if got := NewID("p"); !strings.HasPrefix(got, "p") || len(got) != 27 {
		t.Errorf("NewID: %q", got)
	}
}

func TestNameKey(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Hun Sen", "hunsen"},
		{"HUN-SEN", "hunsen"},
		{"  hun\tsen. ", "hunsen"},
		{"សុខ វណ្ណារី", "សុខវណ្ណារី"},
		{"សុខ\u200bវណ្ណារី", "សុខវណ្ណារី"}, // zero-width space
		{"ហ៊ុន\u200cសែន", "ហ៊ុនសែន"},       // ZWNJ
		{"C.P.P.", "cpp"},
		{"១២៣", "១២៣"},                   // Khmer digits stay
		{"Nguye\u0302\u0303n", "nguyễn"}, // composed to NFC
		{"", ""},
		{" - ", ""},
	}
	for _, tt := range tests {
		if got := NameKey(tt.in); got != tt.want {
			t.Errorf("NameKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzNameKey(f *testing.F) {
	for _, s := range []string{"Hun Sen", "សុខ វណ្ណារី", "ហ៊ុន\u200cសែន", "C.P.P.", "Nguye\u0302\u0303n", "\xff\xfe", "ǅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := NameKey(s)
		if !utf8.ValidString(k) {
			t.Fatalf("NameKey(%q) = %q is not valid UTF-8", s, k)
		}
		if NameKey(k) != k {
			t.Fatalf("NameKey is not idempotent on %q: %q then %q", s, k, NameKey(k))
		}
		if strings.ContainsAny(k, " \t\n-.,\u200b\u200c") {
			t.Fatalf("NameKey(%q) = %q keeps a separator", s, k)
		}
	})
}
