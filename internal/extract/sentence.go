package extract

import (
	"unicode"
	"unicode/utf8"

	"github.com/kamnotra/kamnotra/internal/record"
)

// SplitSentences cuts text into sentences with byte spans into text, each
// trimmed of surrounding space and tagged with its language. Khmer sentences
// end at ។ or ៕; English ones at . ! ? followed by space and a capital, a
// digit or a quote (not after a title or initial such as "Mr." or "U.S.");
// a line break always ends a sentence, because headlines, captions and
// digest entries carry no final stop.
func SplitSentences(text string) []Sentence {
	out := make([]Sentence, 0, len(text)/120+1)
	start := 0
	emit := func(end int) {
		s, e := trimSpan(text, start, end)
		if s < e {
			out = append(out, Sentence{Text: text[s:e], Span: record.Span{Start: s, End: e}, Lang: detectLang(text[s:e])})
		}
		start = end
	}
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '\n':
			emit(i)
			i++
			continue
		case c == '.' || c == '!' || c == '?':
			j := i + 1
			// Keep closing quotes and brackets with the sentence they end.
			for j < len(text) {
				r, n := utf8.DecodeRuneInString(text[j:])
				if r == '"' || r == '\'' || r == ')' || r == '”' || r == '’' || r == '»' {
					j += n
					continue
				}
				break
			}
			if j < len(text) && (text[j] == ' ' || text[j] == '\t') && startsSentence(text[j:]) && !(c == '.' && abbrevBefore(text, i)) {
				emit(j)
				i = j
				continue
			}
			i = j
			continue
		case c == 0xE1 && i+2 < len(text) && text[i+1] == 0x9F && (text[i+2] == 0x94 || text[i+2] == 0x95):
			// ។ U+17D4 and ៕ U+17D5
			emit(i + 3)
			i += 3
			continue
		}
		i++
	}
	emit(len(text))
	return out
}

// startsSentence reports whether, after spaces, s begins like a sentence.
func startsSentence(s string) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == ' ' || r == '\t' || r == '\u00a0':
			i += n
			continue
		case unicode.IsUpper(r), unicode.IsDigit(r), r == '"', r == '“', r == '\'', r == '‘', r == '(', r == '«':
			return true
		case r >= 0x1780 && r <= 0x17FF:
			return true
		}
		return false
	}
	return false
}

// abbrevs end with a dot without ending a sentence.
var abbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "jr": true, "sr": true,
	"gen": true, "lt": true, "col": true, "capt": true, "sgt": true, "maj": true, "prof": true,
	"no": true, "vs": true, "jan": true, "feb": true, "mar": true, "apr": true, "jun": true,
	"jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"h.e": true, "u.s": true, "u.n": true, "u.k": true, "e.g": true, "i.e": true, "a.m": true, "p.m": true,
	"inc": true, "co": true, "ltd": true, "gov": true, "rep": true, "sen": true,
}

// abbrevBefore reports whether the dot at i ends a title, an initial or a
// known abbreviation.
func abbrevBefore(text string, i int) bool {
	j := i
	for j > 0 && (isASCIILetter(text[j-1]) || text[j-1] == '.') {
		j--
	}
	w := text[j:i]
	if w == "" {
		return false
	}
	if len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' {
		return true // an initial
	}
	var buf [8]byte
	if len(w) > len(buf) {
		return false
	}
	for k := 0; k < len(w); k++ {
		buf[k] = lowerASCII(w[k])
	}
	return abbrevs[string(buf[:len(w)])]
}

func isASCIILetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 32
	}
	return c
}

// trimSpan narrows [s, e) of text past white space (including no-break and
// zero-width spaces) at both ends.
func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !isSpaceRune(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !isSpaceRune(r) {
			break
		}
		e -= n
	}
	return s, e
}

func isSpaceRune(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\u00a0' || r == '\ufeff'
}

// detectLang tags a sentence km or en by the majority of its letters; a
// sentence without letters of either script is en, which has the looser
// rules for text that is neither.
func detectLang(s string) string {
	km, latin := 0, 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if isASCIILetter(c) {
				latin++
			}
			i++
			continue
		}
		// Khmer letters are U+1780–U+17FF and U+19E0–U+19FF: E1 9E xx, E1 9F xx, E1 A7 xx.
		if c == 0xE1 && i+1 < len(s) && (s[i+1] == 0x9E || s[i+1] == 0x9F || s[i+1] == 0xA7) {
			km++
			i += 3
			continue
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	if km > latin {
		return record.LangKhmer
	}
	return record.LangEnglish
}
