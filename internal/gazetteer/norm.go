package gazetteer

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// normText is text in matching form with a map back to the display text.
//
// The fold is deliberately small and keeps every cluster boundary where it
// was: invisible characters are dropped, ឲ becomes ឱ, subscript DA becomes
// subscript TA (ស្ដ/ស្ត are one spelling), and a subscript RO typed before
// another subscript is moved after it (ស្រ្ត → ស្ត្រ). Only the drops
// change lengths, so the map is a list of the places where they happened.
//
// internal/khmer's NormalizeMap does a fuller job; when it is committed the
// matcher can switch to it without changing its callers, since the data is
// folded with the same function as the text.
type normText struct {
	s    string
	norm []int32 // positions in s where a run after a drop starts
	orig []int32 // the matching positions in the display text
}

const (
	coeng   = 0x17D2
	khmerRO = 0x179A
)

func isInvisible(r rune) bool {
	switch r {
	case 0x200B, 0x200C, 0x200D, 0x2060, 0x00AD, 0xFEFF, 0x17B4, 0x17B5:
		return true
	}
	return false
}

// needsFold reports whether s has anything the fold would change.
func needsFold(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			i++
			continue
		}
		r, n := decode(s, i)
		switch {
		case isInvisible(r), r == 0x17B2:
			return true
		case r == coeng && i+n < len(s):
			r2, n2 := utf8.DecodeRuneInString(s[i+n:])
			if r2 == 0x178A {
				return true
			}
			if r2 == khmerRO && strings.HasPrefix(s[i+n+n2:], "\u17D2") {
				return true
			}
		}
		i += n
	}
	return false
}

// fold returns the matching form of s and its offset map.
func fold(s string) normText {
	if !needsFold(s) {
		return normText{s: s}
	}
	b := make([]byte, 0, len(s))
	t := normText{norm: []int32{0}, orig: []int32{0}}
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			b = append(b, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case isInvisible(r):
			i += n
			t.norm = append(t.norm, int32(len(b)))
			t.orig = append(t.orig, int32(i))
			continue
		case r == 0x17B2:
			b = utf8.AppendRune(b, 0x17B1)
		case r == coeng && i+n < len(s):
			r2, n2 := utf8.DecodeRuneInString(s[i+n:])
			if r2 == 0x178A {
				b = utf8.AppendRune(b, coeng)
				b = utf8.AppendRune(b, 0x178F)
				i += n + n2
				continue
			}
			if r2 == khmerRO {
				// Move the subscript RO after every other subscript of
				// the cluster.
				j := i + n + n2
				moved := false
				for strings.HasPrefix(s[j:], "\u17D2") && j+3 < len(s) {
					r3, n3 := decode(s, j+3)
					if r3 < 0x1780 || r3 > 0x17A2 || r3 == khmerRO {
						break
					}
					if r3 == 0x178A {
						r3 = 0x178F
					}
					b = utf8.AppendRune(b, coeng)
					b = utf8.AppendRune(b, r3)
					j += 3 + n3
					moved = true
				}
				if moved {
					b = utf8.AppendRune(b, coeng)
					b = utf8.AppendRune(b, khmerRO)
					i = j
					continue
				}
			}
			b = append(b, s[i:i+n]...)
		default:
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	t.s = string(b)
	return t
}

// foldString is fold without the map, for the data.
func foldString(s string) string { return fold(s).s }

// start maps an offset of the matching form that starts a span to the
// display text: after any dropped characters at that point.
func (t *normText) start(p int) int {
	if t.norm == nil {
		return p
	}
	k := sort.Search(len(t.norm), func(i int) bool { return int(t.norm[i]) > p }) - 1
	return int(t.orig[k]) + p - int(t.norm[k])
}

// end maps an offset that ends a span: before any dropped characters, so
// a span never swallows a trailing zero-width space.
func (t *normText) end(p int) int {
	if t.norm == nil {
		return p
	}
	k := sort.Search(len(t.norm), func(i int) bool { return int(t.norm[i]) >= p }) - 1
	if k < 0 {
		k = 0
	}
	return int(t.orig[k]) + p - int(t.norm[k])
}
