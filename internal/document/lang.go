package document

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kamnotra/kamnotra/internal/khmer"
	"github.com/kamnotra/kamnotra/internal/record"
)

// Language thresholds, on the share of Khmer letters among Khmer and Latin
// letters. A Khmer report names parties and people in Latin now and then
// (CPP, NEC, a foreign name, a URL): that is under 10% of its letters. An
// English report quoting a Khmer phrase is under 5% Khmer. A Khmer word and
// an English word are about as long in code points (5–8), so the share
// approximates the share of words.
const (
	KhmerAtLeast = 0.80 // share ≥ this: km
	LatinAtLeast = 0.80 // share ≤ 1−this: en
	MinLetters   = 20   // fewer letters than this: language unknown ("")
)

// LetterCounts counts Khmer letters and signs (U+1780–U+17FF except digits
// and punctuation, and the Khmer symbols block) and Latin letters in s.
func LetterCounts(s string) (khmer, latin int) {
	for _, r := range s {
		switch {
		case r >= 0x1780 && r <= 0x17D3, r == 0x17D7, r == 0x17DC, r == 0x17DD:
			khmer++
		case r >= 0x19E0 && r <= 0x19FF:
			khmer++
		case r < 0x80:
			if (r|0x20) >= 'a' && (r|0x20) <= 'z' {
				latin++
			}
		case unicode.Is(unicode.Latin, r):
			latin++
		}
	}
	return khmer, latin
}

// Lang returns record.LangKhmer, record.LangEnglish or record.LangMixed by
// the share of Khmer letters in text (see KhmerAtLeast), or "" when text
// has fewer than MinLetters letters of either script. Latin script is taken
// as English: the sources Kamnotra reads publish in Khmer and English only.
func Lang(text string) string {
	k, l := LetterCounts(text)
	if k+l < MinLetters {
		return ""
	}
	share := float64(k) / float64(k+l)
	switch {
	case share >= KhmerAtLeast:
		return record.LangKhmer
	case share <= 1-LatinAtLeast:
		return record.LangEnglish
	}
	return record.LangMixed
}

// legacyFontRe matches CSS font-family names of the non-Unicode Khmer fonts
// of the 1990s–2000s, which map Khmer glyphs onto Latin-1 code points:
// the Limon family (Limon S1, Limon F3, Limon R1…), the ABC fonts
// (ABC-TEXT-05, ABC-KHMER…), Khmer Kampuchea, KH-… system fonts, and the
// Baidok and Kbach families. "Khmer OS" and "Khmer OS Siemreap" are Unicode
// fonts and must not match.
var legacyFontRe = regexp.MustCompile(`(?i)(?:^|[\s"',:;])(limon\b[^"',;]*|abc[-_ ][a-z0-9-]*|khmer\s*kampuchea|kh[-_ ](?:system|baidok|kbach|muol)[a-z0-9 -]*|baidok|kbach)`)

// legacyFontIn returns the first legacy Khmer font family named in css
// (a style attribute, a <style> sheet or a <font face>), or "".
func legacyFontIn(css string) string {
	m := legacyFontRe.FindStringSubmatch(css)
	if m == nil {
		return ""
	}
	return strings.TrimSpace(m[1])
}

// SoupScore estimates how much of text is Khmer typed in a legacy font and
// read as Latin-1: the share of Latin words (three or more characters)
// that no English or romanised Khmer text writes — a capital after a small
// letter inside a word (kMBug), a Latin-1 symbol or accented letter, or
// ASCII punctuation inside a word ([ ; | \ { } ^). It returns the share
// and the number of Latin words looked at.
func SoupScore(text string) (float64, int) {
	words, weird := 0, 0
	// Fields and runes are walked in place: this runs on every page's
	// text, and copying them cost more than the scoring.
	for w := range strings.FieldsSeq(text) {
		if len(w) < 3 {
			continue
		}
		hasLatin, odd := false, false
		prevLower := false
		last := utf8.RuneCountInString(w) - 1
		i := -1 // rune index of r
		for _, r := range w {
			i++
			switch {
			case r < 0x80 && ((r|0x20) >= 'a' && (r|0x20) <= 'z'):
				hasLatin = true
				if r >= 'A' && r <= 'Z' && prevLower {
					odd = true
				}
				prevLower = r >= 'a' && r <= 'z'
				continue
			case r >= 0xA1 && r <= 0xFF && r != 0xD7 && r != 0xF7:
				odd = true
			case strings.ContainsRune("[];|\\{}^`<>~", r) && i > 0 && i < last:
				odd = true
			case r >= 0x1780 && r <= 0x17FF:
				// Unicode Khmer in the word: not soup.
				hasLatin = false
				odd = false
			}
			prevLower = false
		}
		if hasLatin {
			words++
			if odd {
				weird++
			}
		}
	}
	if words == 0 {
		return 0, 0
	}
	return float64(weird) / float64(words), words
}

// Soup thresholds: English news text scores under 0.05 (McDonald, iPhone,
// café); Limon text scores 0.4–0.8.
const (
	soupAlone    = 0.35 // legacy without a font name
	soupWithFont = 0.20 // legacy when a legacy font is named
	soupMinWords = 12
)

// isLegacy is the package's own decision, from the text and the font
// families the page names, used where the Khmer package's detector is not
// asked (see legacyCheck).
func isLegacy(text, font string) bool {
	k, l := LetterCounts(text)
	if l < MinLetters || k > l {
		return false
	}
	score, words := SoupScore(text)
	if font != "" {
		return words >= 3 && score >= soupWithFont
	}
	return words >= soupMinWords && score >= soupAlone
}

// soupGate is the SoupScore under which, with no legacy font named, text
// is not even shown to the Khmer detector: English news scores under 0.05,
// and the detector (dictionary look-ups of a trial conversion) is the
// costlier step.
const soupGate = 0.10

// legacyCheck reports whether text is Khmer typed in a legacy font and,
// when it is in a Limon-family font, its conversion to Unicode Khmer
// (else ""). khmer.DetectLegacy decides; a legacy font named by the page
// is enough together with odd words (isLegacy), since the detector judges
// the letters alone.
func legacyCheck(text, font string) (legacy bool, converted string) {
	k, l := LetterCounts(text)
	if l < MinLetters || k > l {
		return false, ""
	}
	if score, _ := SoupScore(text); font == "" && score < soupGate {
		return false, ""
	}
	switch kind, _ := khmer.DetectLegacy(text); kind {
	case khmer.LegacyLimon:
		conv, _ := khmer.ConvertLimon(text)
		return true, conv
	case khmer.LegacyUnknown:
		return true, ""
	}
	return font != "" && isLegacy(text, font), ""
}

// applyLegacy flags a result typed in a legacy font and, for Limon, puts
// the Unicode conversion in Text and the typed letters in LegacyText. A
// title is converted only when the detector recognises it on its own, so
// an English site name after it is not turned into Khmer letters.
func applyLegacy(res *Result, font string) {
	legacy, conv := legacyCheck(res.Text, font)
	if !legacy {
		return
	}
	res.Flags = append(res.Flags, record.FlagLegacyFont)
	if conv == "" {
		return
	}
	res.LegacyText, res.Text = res.Text, conv
	if kind, _ := khmer.DetectLegacy(res.Title); kind == khmer.LegacyLimon {
		res.Title, _ = khmer.ConvertLimon(res.Title)
	}
}
