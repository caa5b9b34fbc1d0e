package document

import (
	"strings"
	"testing"
	"unicode"
)

// TestLowerToASCII checks what lowerMarkup assumes: U+0130 and U+212A are
// the only non-ASCII runes whose lower case is ASCII.
func TestLowerToASCII(t *testing.T) {
	want := map[rune]rune{0x130: 'i', 0x212A: 'k'}
	got := map[rune]rune{}
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if l := unicode.ToLower(r); l < 0x80 {
			got[r] = l
		}
	}
	if len(got) != len(want) || got[0x130] != 'i' || got[0x212A] != 'k' {
		t.Errorf("non-ASCII runes lower-casing to ASCII: %q, lowerMarkup knows %q", got, want)
	}
}

// asciiOnly keeps the ASCII bytes of s: all that sniffMarkup compares.
func asciiOnly(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] < 0x80 {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func TestLowerMarkup(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<HTML LANG=\"KM\">", "<html lang=\"km\">"},
		{"<!DOCTYPE html><Title>ព័ត៌មាន</Title>", "<!doctype html><title>ព័ត៌មាន</title>"},
		{"<RSS xmlns:Atom=\"x\">", "<rss xmlns:atom=\"x\">"},
		{"<lin\u212a>", "<link>"},                    // Kelvin sign: its lower case is ASCII k
		{"ÉCOLE Ωmega", "École Ωmega"},               // non-ASCII letters need no folding to be told apart
		{"<p>\xff\xfeBAD</p>", "<p>\xff\xfebad</p>"}, // invalid UTF-8 copied as it is
		{"", ""},
	}
	for _, tt := range tests {
		got := lowerMarkup([]byte(tt.in))
		if asciiOnly(got) != asciiOnly(tt.want) {
			t.Errorf("lowerMarkup(%q) = %q, want %q (ASCII part)", tt.in, got, tt.want)
		}
		if asciiOnly(got) != asciiOnly(strings.ToLower(tt.in)) {
			t.Errorf("lowerMarkup(%q) = %q: ASCII part differs from strings.ToLower's %q", tt.in, got, strings.ToLower(tt.in))
		}
	}
}

// FuzzLowerMarkup checks that lowerMarkup agrees with strings.ToLower on
// everything sniffMarkup compares: the ASCII bytes.
func FuzzLowerMarkup(f *testing.F) {
	for _, s := range []string{"<HTML>", "<?xml version=\"1.0\"?><URLSET>", "<lin\u212a>", "\xffİI", "<Title>ព័ត៌មាន</Title>"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got := lowerMarkup(b)
		if want := asciiOnly(strings.ToLower(string(b))); asciiOnly(got) != want {
			t.Fatalf("lowerMarkup(%q) = %q: ASCII part %q, strings.ToLower's %q", b, got, asciiOnly(got), want)
		}
	})
}
