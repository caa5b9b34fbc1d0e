package khmer

import (
	"unicode"
	"unicode/utf8"
)

// Small text helpers shared by the number, date and name scanners. They are
// kept here, with a "tx" prefix, so that this half of the package compiles
// on its own whatever the normalisation files define.

// txRuneAt decodes the rune at byte i (utf8.RuneError, 1 for bad bytes).
func txRuneAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return utf8.RuneError, 0
	}
	if s[i] < utf8.RuneSelf {
		return rune(s[i]), 1
	}
	// Khmer block U+1780–U+17FF: E1 9E/9F xx, nearly every rune here.
	if s[i] == 0xE1 && i+2 < len(s) && (s[i+1] == 0x9E || s[i+1] == 0x9F) && s[i+2]&0xC0 == 0x80 {
		return rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F) | 0x1000, 3
	}
	return utf8.DecodeRuneInString(s[i:])
}

// txRuneBefore decodes the rune that ends at byte i.
func txRuneBefore(s string, i int) (rune, int) {
	if i <= 0 {
		return utf8.RuneError, 0
	}
	if s[i-1] < utf8.RuneSelf {
		return rune(s[i-1]), 1
	}
	if i >= 3 && s[i-3] == 0xE1 && (s[i-2] == 0x9E || s[i-2] == 0x9F) && s[i-1]&0xC0 == 0x80 {
		return rune(s[i-2]&0x3F)<<6 | rune(s[i-1]&0x3F) | 0x1000, 3
	}
	return utf8.DecodeLastRuneInString(s[:i])
}

// txIsKhmerMark reports Khmer dependent vowels, signs and the coeng: the
// runes that continue a cluster, so a word cannot end just before one.
func txIsKhmerMark(r rune) bool {
	return (r >= 0x17B4 && r <= 0x17D3) || r == 0x17DD
}

// txIsKhmerBase reports consonants and independent vowels.
func txIsKhmerBase(r rune) bool {
	return r >= 0x1780 && r <= 0x17B3
}

func txIsKhmerLetter(r rune) bool {
	return txIsKhmerBase(r) || txIsKhmerMark(r)
}

// txIsInvisible reports zero-width characters that Khmer writers put
// inside and between words; scanners step over them.
func txIsInvisible(r rune) bool {
	switch r {
	case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD:
		return true
	}
	return false
}

// txIsSpace reports white space and the invisible separators.
func txIsSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == 0xA0 || r == 0x202F || txIsInvisible(r) || (r > 0x7F && unicode.IsSpace(r))
}

// txSkipSpace returns the first byte at or after i that is not space.
func txSkipSpace(s string, i int) int {
	for i < len(s) {
		r, n := txRuneAt(s, i)
		if !txIsSpace(r) {
			break
		}
		i += n
	}
	return i
}

// txSkipInvisible skips only zero-width characters.
func txSkipInvisible(s string, i int) int {
	for i < len(s) {
		r, n := txRuneAt(s, i)
		if !txIsInvisible(r) {
			break
		}
		i += n
	}
	return i
}

// txBackSpace returns the smallest j <= i such that s[j:i] is all space.
func txBackSpace(s string, i int) int {
	for i > 0 {
		r, n := txRuneBefore(s, i)
		if !txIsSpace(r) {
			break
		}
		i -= n
	}
	return i
}

// txDigitValue returns the value of an ASCII or Khmer digit.
func txDigitValue(r rune) (int, bool) {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0'), true
	case r >= 0x17E0 && r <= 0x17E9:
		return int(r - 0x17E0), true
	}
	return 0, false
}

func txIsLatinLetter(r rune) bool {
	return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r > 0x7F && r < 0x250 && unicode.IsLetter(r))
}

func txIsWordRune(r rune) bool {
	_, dig := txDigitValue(r)
	return dig || txIsLatinLetter(r)
}

func txLower(b byte) byte {
	if b >= 'A' && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// txMatchKhmer matches the Khmer literal lit at byte i of s, stepping over
// zero-width characters in s and treating subscript DA and TA alike. It
// returns the end of the match. It does not check word boundaries.
func txMatchKhmer(s string, i int, lit string) (int, bool) {
	j := 0
	for j < len(lit) {
		if i >= len(s) {
			return 0, false
		}
		if j > 0 && s[i] == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] >= 0x8B && s[i+2] <= 0x8D) {
			i += 3 // ZWSP, ZWNJ, ZWJ inside a word
			continue
		}
		// ដ U+178A is E1 9E 8A; ត U+178F is E1 9E 8F. After a coeng they are
		// the same letter to a reader.
		if j >= 3 && j+2 < len(lit) && i+2 < len(s) && lit[j] == 0xE1 && s[i] == 0xE1 && lit[j+1] == 0x9E && s[i+1] == 0x9E &&
			(lit[j+2] == 0x8A || lit[j+2] == 0x8F) && (s[i+2] == 0x8A || s[i+2] == 0x8F) && lit[j-3:j] == "\u17D2" {
			i += 3
			j += 3
			continue
		}
		if s[i] != lit[j] {
			return 0, false
		}
		i++
		j++
	}
	return i, true
}

// txKhmerStartOK reports whether a Khmer word may start at byte i: not in
// the middle of a cluster.
func txKhmerStartOK(s string, i int) bool {
	r, _ := txRuneAt(s, i)
	if txIsKhmerMark(r) {
		return false
	}
	p, _ := txRuneBefore(s, i)
	return p != 0x17D2
}

// txKhmerEndOK reports whether a Khmer word may end at byte i: the next
// rune does not continue the cluster.
func txKhmerEndOK(s string, i int) bool {
	j := txSkipInvisible(s, i)
	r, _ := txRuneAt(s, j)
	return !txIsKhmerMark(r)
}

// txMatchKhmerWord is txMatchKhmer with cluster-boundary checks.
func txMatchKhmerWord(s string, i int, lit string) (int, bool) {
	if !txKhmerStartOK(s, i) {
		return 0, false
	}
	e, ok := txMatchKhmer(s, i, lit)
	if !ok || !txKhmerEndOK(s, e) {
		return 0, false
	}
	return e, true
}

// txMatchKhmerLongest tries each literal and returns the longest match and
// its index in lits.
func txMatchKhmerLongest(s string, i int, lits []string) (end, idx int, ok bool) {
	if i+3 > len(s) || !txKhmerStartOK(s, i) {
		return 0, 0, false
	}
	for k, lit := range lits {
		// Literals start with a whole rune that is never folded: compare
		// its bytes before anything else.
		if len(lit) < 3 || lit[0] != s[i] || lit[1] != s[i+1] || lit[2] != s[i+2] {
			continue
		}
		if e, m := txMatchKhmer(s, i, lit); m && e > end && txKhmerEndOK(s, e) {
			end, idx, ok = e, k, true
		}
	}
	return end, idx, ok
}

// txMatchLatin matches the ASCII literal lit (lower case, may contain
// spaces meaning one or more spaces) case-insensitively at byte i with word
// boundaries on both sides.
func txMatchLatin(s string, i int, lit string) (int, bool) {
	if p, _ := txRuneBefore(s, i); i > 0 && txIsWordRune(p) {
		return 0, false
	}
	e, ok := txMatchLatinPrefix(s, i, lit)
	if !ok {
		return 0, false
	}
	if last := lit[len(lit)-1]; last != '.' && last != '-' {
		if r, _ := txRuneAt(s, e); e < len(s) && txIsWordRune(r) {
			return 0, false
		}
	}
	return e, true
}

// txMatchLatinPrefix is txMatchLatin without the boundary checks.
func txMatchLatinPrefix(s string, i int, lit string) (int, bool) {
	for j := 0; j < len(lit); j++ {
		if lit[j] == ' ' {
			if i >= len(s) || (s[i] != ' ' && s[i] != '\t' && s[i] != '\n') {
				return 0, false
			}
			for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
				i++
			}
			continue
		}
		if i >= len(s) || txLower(s[i]) != lit[j] {
			return 0, false
		}
		i++
	}
	return i, true
}

// txEndsWithLatin reports whether s[:i] ends with the lower-case literal
// lit at a word boundary, returning where it starts.
func txEndsWithLatin(s string, i int, lit string) (int, bool) {
	// Literals here have single spaces; the text may have runs of spaces,
	// so walk backwards.
	j := len(lit) - 1
	k := i - 1
	for j >= 0 {
		if k < 0 {
			return 0, false
		}
		if lit[j] == ' ' {
			if s[k] != ' ' && s[k] != '\t' && s[k] != '\n' {
				return 0, false
			}
			for k >= 0 && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n') {
				k--
			}
			j--
			continue
		}
		if txLower(s[k]) != lit[j] {
			return 0, false
		}
		j--
		k--
	}
	start := k + 1
	if p, _ := txRuneBefore(s, start); start > 0 && txIsWordRune(p) {
		return 0, false
	}
	return start, true
}

// txEndsWithKhmer reports whether s[:i] ends with the Khmer literal lit
// starting at a cluster boundary, returning where it starts. Zero-width
// characters are not stepped over here: literals are short and callers
// skip space before calling.
func txEndsWithKhmer(s string, i int, lit string) (int, bool) {
	start := i - len(lit)
	if start < 0 || !txKhmerStartOK(s, start) {
		return 0, false
	}
	if e, ok := txMatchKhmer(s, start, lit); !ok || e != i {
		return 0, false
	}
	return start, true
}
