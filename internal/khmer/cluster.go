package khmer

import (
	"unicode"
	"unicode/utf8"
)

// Character classes of the Khmer block (U+1780–U+17FF) as the cluster
// rules and the canonical order need them.
const (
	clsOther    uint8 = iota // not Khmer, or unassigned in the block
	clsCons                  // consonant U+1780–U+17A2
	clsIndV                  // independent vowel U+17A3–U+17B3
	clsInvis                 // inherent vowels U+17B4, U+17B5 (invisible, deprecated)
	clsDepV                  // dependent vowel U+17B6–U+17C5
	clsShifter               // register shifters U+17C9, U+17CA
	clsRobat                 // U+17CC
	clsSign                  // nikahit, bantoc, other above/below signs
	clsSignLast              // reahmuk U+17C7, yuukaleapintu U+17C8
	clsCoeng                 // U+17D2, makes the next consonant a subscript
	clsPunct                 // ។ ៕ ៖ ៗ ៘ ៙ ៚ and the riel sign
	clsDigit                 // Khmer digits U+17E0–U+17E9
	clsSymbol                // lek attak U+17F0–U+17F9
)

var khmerClass = func() (t [128]uint8) {
	for r := rune(0x1780); r <= 0x17FF; r++ {
		var c uint8
		switch {
		case r <= 0x17A2:
			c = clsCons
		case r <= 0x17B3:
			c = clsIndV
		case r <= 0x17B5:
			c = clsInvis
		case r <= 0x17C5:
			c = clsDepV
		case r == 0x17C7 || r == 0x17C8:
			c = clsSignLast
		case r == 0x17C9 || r == 0x17CA:
			c = clsShifter
		case r == 0x17CC:
			c = clsRobat
		case r == 0x17C6 || r == 0x17CB || (r >= 0x17CD && r <= 0x17D1) || r == 0x17D3 || r == 0x17DD:
			c = clsSign
		case r == 0x17D2:
			c = clsCoeng
		case r >= 0x17D4 && r <= 0x17DB:
			c = clsPunct
		case r == 0x17DC:
			c = clsCons // avakrahasanya behaves as a base letter
		case r >= 0x17E0 && r <= 0x17E9:
			c = clsDigit
		case r >= 0x17F0 && r <= 0x17F9:
			c = clsSymbol
		}
		t[r-0x1780] = c
	}
	return t
}()

func classOf(r rune) uint8 {
	if r >= 0x1780 && r <= 0x17FF {
		return khmerClass[r-0x1780]
	}
	return clsOther
}

// isMark reports whether class c attaches to a preceding base.
func isMark(c uint8) bool {
	return c >= clsInvis && c <= clsCoeng
}

// isInvisible reports the format characters that normalisation drops and
// that never start a cluster of their own inside Khmer text: ZWSP, ZWNJ,
// ZWJ, word joiner, soft hyphen and BOM.
func isInvisible(r rune) bool {
	switch r {
	case 0x200B, 0x200C, 0x200D, 0x2060, 0x00AD, 0xFEFF:
		return true
	}
	return false
}

// decode is utf8.DecodeRuneInString with the three-byte Khmer block on a
// fast path, since nearly every rune of the hot loops is one. It is small
// enough to be inlined.
func decode(s string, i int) (rune, int) {
	if i+2 < len(s) && s[i] == 0xE1 && s[i+1]&0xFE == 0x9E && s[i+2]&0xC0 == 0x80 {
		return rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F) | 0x1000, 3
	}
	return decodeSlow(s, i)
}

func decodeSlow(s string, i int) (rune, int) {
	if s[i] < utf8.RuneSelf {
		return rune(s[i]), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// NextCluster returns the byte length of the character cluster that starts
// s (0 only for empty s). A Khmer cluster (KCC) is a base — consonant or
// independent vowel — with every subscript (coeng + consonant), vowel and
// sign that follows it; invisible format characters between its marks stay
// inside it. Marks with no base form a cluster of their own. Outside Khmer a
// cluster is one rune with the combining marks that follow it; a CR LF pair
// is one cluster.
func NextCluster(s string) int {
	if len(s) == 0 {
		return 0
	}
	r, n := decode(s, 0)
	c := classOf(r)
	switch {
	case c == clsCoeng:
		// A subscript with no base still keeps its letter.
		return khmerMarksLen(s)
	case c == clsCons || c == clsIndV || isMark(c):
		return n + khmerMarksLen(s[n:])
	case c == clsOther:
		if r == '\r' && n < len(s) && s[n] == '\n' {
			return 2
		}
		if r < utf8.RuneSelf {
			// ASCII letters take no combining marks in practice; keep
			// the common case cheap. Spaces and controls never take
			// them: a stray mark after a space must not vanish with it.
			if n < len(s) && s[n] < utf8.RuneSelf || r <= ' ' {
				return 1
			}
		}
		if unicode.IsSpace(r) {
			return n
		}
		for n < len(s) {
			r2, m := decode(s, n)
			if r2 < 0x300 || !unicode.Is(unicode.Mn, r2) || classOf(r2) != clsOther {
				break
			}
			n += m
		}
		return n
	}
	return n
}

// khmerMarksLen returns how many bytes of s continue the cluster of a
// preceding base: marks, coeng + letter pairs and invisibles followed by a
// mark.
func khmerMarksLen(s string) int {
	i := 0
	for i < len(s) {
		r, n := decode(s, i)
		c := classOf(r)
		switch {
		case c == clsCoeng:
			i += n
			if i < len(s) {
				r2, m := decode(s, i)
				if c2 := classOf(r2); c2 == clsCons || c2 == clsIndV {
					i += m
				}
			}
		case isMark(c):
			i += n
		case isInvisible(r):
			// Keep an invisible only when the cluster goes on after it:
			// ZWSP between a base and its vowel is a typing slip, ZWSP
			// after a complete cluster is a word break hint.
			j := i + n
			for j < len(s) {
				r2, m := decode(s, j)
				if !isInvisible(r2) {
					break
				}
				j += m
			}
			if j >= len(s) {
				return i
			}
			r2, _ := decode(s, j)
			if !isMark(classOf(r2)) {
				return i
			}
			i = j
		default:
			return i
		}
	}
	return i
}

// ClusterBoundaries appends to dst the byte offsets of the cluster
// boundaries of s, starting with 0 and ending with len(s) (just 0 for an
// empty s).
func ClusterBoundaries(dst []int, s string) []int {
	dst = append(dst, 0)
	for i := 0; i < len(s); {
		i += NextCluster(s[i:])
		dst = append(dst, i)
	}
	return dst
}

// Clusters splits s into its character clusters. Their concatenation is s.
func Clusters(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		n := NextCluster(s[i:])
		out = append(out, s[i:i+n])
		i += n
	}
	return out
}
