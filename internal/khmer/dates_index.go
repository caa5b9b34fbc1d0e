package khmer

import "strings"

// Prefilters for the scanners: most positions in running text cannot
// start a date, and ruling them out by their first letter or first word
// keeps FindDates from trying every form everywhere.

// txFirstRunes marks the Khmer runes that begin one of lits.
func txFirstRunes(dst *[128]bool, lits ...[]string) {
	for _, l := range lits {
		for _, s := range l {
			r, _ := txRuneAt(s, 0)
			if r >= 0x1780 && r < 0x1800 {
				dst[r-0x1780] = true
			}
			// ្ដ/្ត folding never touches a first letter
		}
	}
}

var dateKhmerFirst = func() (t [128]bool) {
	txFirstRunes(&t, []string{"ថ្ងៃ", "ទី", "ខែ", "ឆ្នាំ", "ពុទ្ធសករាជ", "ព.ស"}, dateKhmerRelLits,
		dateKhmerDayParts, numKhmerLits)
	return t
}()

// dateEnglishFirst holds the lower-case first words of every English form.
var dateEnglishFirst = func() map[string]bool {
	m := map[string]bool{"the": true, "a": true, "an": true, "last": true, "next": true, "this": true}
	add := func(s string) {
		w, _, _ := strings.Cut(s, " ")
		m[strings.TrimSuffix(w, ".")] = true
	}
	for _, l := range dateEnglishMonths {
		add(l.lit)
	}
	for _, l := range dateEnglishWeekdays {
		add(l.lit)
	}
	for _, r := range dateEnglishRels {
		add(r.lit)
	}
	for w := range numEnglishWords {
		add(w)
	}
	return m
}()

// txASCIIWordLower returns the ASCII letters at i, lower-cased without
// allocating when they already are, and false for words too long to be
// of interest.
func txASCIIWordLower(s string, i int, buf *[16]byte) (string, bool) {
	j := i
	upper := false
	for j < len(s) && ((s[j]|0x20) >= 'a' && (s[j]|0x20) <= 'z') {
		if s[j] <= 'Z' {
			upper = true
		}
		j++
		if j-i > len(buf) {
			return "", false
		}
	}
	if !upper {
		return s[i:j], true
	}
	for k := i; k < j; k++ {
		buf[k-i] = s[k] | 0x20
	}
	return string(buf[:j-i]), true
}
