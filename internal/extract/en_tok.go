package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tokWord tokKind = iota
	tokNum
	tokPunct
)

// token is one word, number or punctuation mark of an English sentence,
// with its byte range in the document text.
type token struct {
	S, E  int
	W     string // as written
	L     string // lower case, curly apostrophes straightened
	Kind  tokKind
	Upper bool // starts with a capital letter
}

// tokenize splits the sentence at [base, base+len(s)) into tokens. Words
// keep inner apostrophes, hyphens and dots ("People's", "secretary-general",
// "U.N."); numbers keep thousands separators ("1,400").
func tokenize(dst []token, s string, base int) []token {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r) || r == '\u200b':
			i += n
		case unicode.IsDigit(r):
			j := i + n
			for j < len(s) {
				c := s[j]
				if c >= '0' && c <= '9' {
					j++
					continue
				}
				if (c == ',' || c == '.') && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' {
					j++
					continue
				}
				break
			}
			// "9pm", "20th": letters glued to digits stay with the number.
			for j < len(s) && isASCIILetter(s[j]) {
				j++
			}
			w := s[i:j]
			dst = append(dst, token{S: base + i, E: base + j, W: w, L: strings.ToLower(w), Kind: tokNum})
			i = j
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			j := i + n
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) || unicode.Is(unicode.Mn, r2) || unicode.Is(unicode.Mc, r2) {
					j += n2
					continue
				}
				if (r2 == '\'' || r2 == '’' || r2 == '-' || r2 == '.') && j+n2 < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+n2:])
					if unicode.IsLetter(r3) {
						j += n2
						continue
					}
					// "U.N." keeps its final dot; a sentence's final dot does not.
					if r2 == '.' && j-i == 1 {
						j += n2
						continue
					}
				}
				break
			}
			w := s[i:j]
			dst = append(dst, token{S: base + i, E: base + j, W: w, L: lowerWord(w), Kind: tokWord, Upper: unicode.IsUpper(r)})
			i = j
		default:
			w := s[i : i+n]
			l := w
			switch r {
			case '“', '”', '«', '»':
				l = "\""
			case '‘', '’':
				l = "'"
			case '—', '–':
				l = "-"
			}
			dst = append(dst, token{S: base + i, E: base + i + n, W: w, L: l, Kind: tokPunct})
			i += n
		}
	}
	return dst
}

// lowerWord lower-cases w and straightens curly apostrophes, allocating only
// when something changes.
func lowerWord(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if c >= 'A' && c <= 'Z' {
			return strings.ReplaceAll(strings.ToLower(w), "’", "'")
		}
	}
	if ascii {
		return w
	}
	return strings.ReplaceAll(strings.ToLower(w), "’", "'")
}
