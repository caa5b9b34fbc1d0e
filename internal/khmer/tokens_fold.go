package khmer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// latinFold maps accented Latin letters (Latin-1 Supplement and Latin
// Extended-A, lowercase) to their ASCII base letters.
var latinFold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'æ': "ae", 'ç': "c", 'ć': "c", 'ĉ': "c", 'ċ': "c", 'č': "c", 'ď': "d", 'đ': "d", 'ð': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ĕ': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'ĝ': "g", 'ğ': "g", 'ġ': "g", 'ģ': "g", 'ĥ': "h", 'ħ': "h",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ĩ': "i", 'ī': "i", 'ĭ': "i", 'į': "i", 'ı': "i",
	'ĵ': "j", 'ķ': "k", 'ĺ': "l", 'ļ': "l", 'ľ': "l", 'ŀ': "l", 'ł': "l",
	'ñ': "n", 'ń': "n", 'ņ': "n", 'ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ŏ': "o", 'ő': "o", 'œ': "oe",
	'ŕ': "r", 'ŗ': "r", 'ř': "r", 'ś': "s", 'ŝ': "s", 'ş': "s", 'š': "s", 'ß': "ss",
	'ţ': "t", 'ť': "t", 'ŧ': "t", 'þ': "th",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ũ': "u", 'ū': "u", 'ŭ': "u", 'ů': "u", 'ű': "u", 'ų': "u",
	'ŵ': "w", 'ý': "y", 'ÿ': "y", 'ŷ': "y", 'ź': "z", 'ż': "z", 'ž': "z",
	'ơ': "o", 'ư': "u",
}

// foldLatin lowercases w, folds accents to ASCII and drops combining marks.
// Letters of other scripts stay as they are (their bytes are not ASCII,
// so they stay inside tokens).
func foldLatin(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' {
			ascii = false
			break
		}
	}
	if ascii {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		if r < utf8.RuneSelf {
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = unicode.ToLower(r)
		if f, ok := latinFold[r]; ok {
			b.WriteString(f)
			continue
		}
		if r >= 0x1E00 && r <= 0x1EFF { // Latin Extended Additional (Vietnamese…)
			if f := foldExtended(r); f != 0 {
				b.WriteByte(f)
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// foldExtended folds letters of Latin Extended Additional by their names'
// base letter, using the block's regular layout of vowel series.
func foldExtended(r rune) byte {
	switch {
	case r >= 0x1EA0 && r <= 0x1EB7:
		return 'a'
	case r >= 0x1EB8 && r <= 0x1EC7:
		return 'e'
	case r >= 0x1EC8 && r <= 0x1ECB:
		return 'i'
	case r >= 0x1ECC && r <= 0x1EE3:
		return 'o'
	case r >= 0x1EE4 && r <= 0x1EF1:
		return 'u'
	case r >= 0x1EF2 && r <= 0x1EF9:
		return 'y'
	}
	return 0
}

// asciiDigits turns a digit run (Khmer, ASCII or other decimal digits,
// with separators) into ASCII digits, dropping the separators so that
// ១,២០០ and 1200 index alike.
func asciiDigits(s string) string {
	var buf [32]byte
	b := buf[:0]
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b = append(b, byte(r))
		case r >= 0x17E0 && r <= 0x17E9:
			b = append(b, byte('0'+r-0x17E0))
		case unicode.IsDigit(r):
			if d := digitValue(r); d >= 0 {
				b = append(b, byte('0'+d))
			}
		}
	}
	return string(b)
}

// digitValue finds the value of a decimal digit: Unicode lays every
// decimal digit block out as ten consecutive code points from zero.
func digitValue(r rune) int {
	for z := r; z > r-10; z-- {
		if !unicode.IsDigit(z - 1) {
			return int(r-z) % 10 // blocks of several digit sets in a row
		}
	}
	return -1
}

func isUpper(r rune) bool { return unicode.IsUpper(r) }
