package khmer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// LegacyKind names a pre-Unicode way of typing Khmer.
type LegacyKind uint8

// Legacy encodings DetectLegacy tells apart.
const (
	LegacyNone    LegacyKind = iota // Unicode Khmer, or text in another language
	LegacyLimon                     // Limon-family font: Khmer typed as Latin letters and punctuation
	LegacyUnknown                   // looks like a legacy Khmer font, not one we can convert
)

func (k LegacyKind) String() string {
	switch k {
	case LegacyNone:
		return "none"
	case LegacyLimon:
		return "limon"
	case LegacyUnknown:
		return "unknown-legacy"
	}
	return "invalid"
}

// Unconverted is a piece of legacy text ConvertLimon could not map; it is
// copied to the output unchanged.
type Unconverted struct {
	Offset int    // byte offset in the input
	Text   string // the character
}

// limonTable maps the keys of a Limon-family font to Unicode Khmer. It is
// written from the Khmer typewriter keyboard those fonts follow (the
// layout the national Unicode keyboard later kept): consonants and vowels
// on the letter keys, signs on punctuation keys, Khmer digits on the
// digit keys. Subscript glyphs and ligatures, which individual Limon
// fonts place on Latin-1 code points differently, are not mapped: they
// are reported as Unconverted rather than guessed.
var limonTable = map[rune]string{
	// consonants
	'k': "ក", 'x': "ខ", 'K': "គ", 'X': "ឃ", 'g': "ង",
	'c': "ច", 'q': "ឆ", 'C': "ជ", 'Q': "ឈ", 'J': "ញ",
	'd': "ដ", 'z': "ឋ", 'D': "ឌ", 'Z': "ឍ", 'N': "ណ",
	't': "ត", 'f': "ថ", 'T': "ទ", 'F': "ធ", 'n': "ន",
	'b': "ប", 'p': "ផ", 'B': "ព", 'P': "ភ", 'm': "ម",
	'y': "យ", 'r': "រ", 'l': "ល", 'v': "វ", 's': "ស", 'h': "ហ", 'L': "ឡ", 'G': "អ",
	// dependent vowels and signs
	'a': "ា", 'i': "ិ", 'I': "ី", 'w': "ឹ", 'W': "ឺ", 'u': "ុ", 'U': "ូ", 'Y': "ួ",
	'e': "េ", 'E': "ែ", 'S': "ៃ", 'o': "ោ", 'O': "ៅ", '[': "ៀ", '{': "ឿ", ';': "ើ",
	'M': "ំ", 'H': "ះ", 'A': "ាំ", '\'': "់", '"': "៉", '/': "៊", 'j': "្",
	// independent vowels
	']': "ឪ", '}': "ឧ", 'R': "ឬ",
	// punctuation
	'.': "។", '>': "៕",
	// digits
	'0': "០", '1': "១", '2': "២", '3': "៣", '4': "៤", '5': "៥", '6': "៦", '7': "៧", '8': "៨", '9': "៩",
}

// limonPreBase are the glyphs typed before the consonant they follow in
// Unicode, because they are drawn to its left.
var limonPreBase = map[rune]bool{'e': true, 'E': true, 'S': true}

// ConvertLimon converts text typed in a Limon-family font to Unicode
// Khmer in the matching form. Pre-base vowels typed before their
// consonant are moved after it. Spaces, line breaks and characters the
// table does not know are copied unchanged; the latter are returned as
// Unconverted so that a reviewer can see what needs fixing by hand.
func ConvertLimon(s string) (string, []Unconverted) {
	var b strings.Builder
	b.Grow(len(s) * 3)
	var bad []Unconverted
	var pending []string // pre-base vowels waiting for their consonant
	flushPending := func() {
		for _, p := range pending {
			b.WriteString(p)
		}
		pending = pending[:0]
	}
	for i, r := range s {
		if limonPreBase[r] {
			pending = append(pending, limonTable[r])
			continue
		}
		u, ok := limonTable[r]
		switch {
		case ok:
			b.WriteString(u)
			if c := classOf([]rune(u)[0]); c == clsCons || c == clsIndV {
				// Put a waiting pre-base vowel right after its base;
				// Normalize moves it behind any subscript.
				if len(pending) > 0 && (i+1 >= len(s) || s[i+1] != 'j') {
					flushPending()
				}
			}
		case r == utf8.RuneError:
			flushPending()
			b.WriteRune(r)
			bad = append(bad, Unconverted{Offset: i, Text: "\uFFFD"})
		case unicode.IsSpace(r) || r == '-' || r == '(' || r == ')' || r == ',' || r == '?' || r == '!' || r == ':':
			flushPending()
			b.WriteRune(r)
		default:
			flushPending()
			b.WriteRune(r)
			bad = append(bad, Unconverted{Offset: i, Text: string(r)})
		}
	}
	flushPending()
	return Normalize(b.String()), bad
}

// englishFunctionWords are the commonest English words; running English
// is about a third of them, text in a Latin-letter Khmer font none.
var englishFunctionWords = map[string]bool{
	"the": true, "of": true, "and": true, "to": true, "in": true, "a": true, "is": true, "that": true,
	"for": true, "on": true, "with": true, "as": true, "by": true, "was": true, "were": true, "be": true,
	"are": true, "it": true, "from": true, "at": true, "has": true, "have": true, "said": true, "will": true,
	"not": true, "this": true, "an": true, "or": true, "his": true, "her": true, "their": true, "they": true,
	"he": true, "she": true, "we": true, "i": true, "you": true, "had": true, "been": true, "who": true,
	"which": true, "but": true, "its": true, "after": true, "also": true, "more": true, "than": true,
}

// DetectLegacy tells whether s is Khmer typed in a legacy font, and how
// sure it is (0–1). It weighs three signs: how little of the text reads
// as English (function words), how oddly its "words" are built (capitals
// and punctuation inside words, Latin-1 symbols), and — decisive for
// Limon — whether converting it gives Khmer that ICU's dictionary
// recognises.
func DetectLegacy(s string) (LegacyKind, float64) {
	var letters, khmer, high, words, english, odd int
	for _, r := range s {
		switch {
		case r >= 0x1780 && r <= 0x17FF:
			khmer++
		case r >= 0xA1 && r <= 0xFF:
			high++
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || strings.ContainsRune(";'\"[]{}/", r)):
			letters++
		}
	}
	if letters < 8 || khmer > letters {
		return LegacyNone, 1 - frac(letters, letters+khmer+1)
	}
	for _, f := range strings.Fields(s) {
		words++
		lw := strings.ToLower(strings.Trim(f, ".,;:!?\"'()"))
		if englishFunctionWords[lw] {
			english++
		}
		if oddWord(f) {
			odd++
		}
	}
	engRatio := frac(english, words)
	oddRatio := frac(odd, words)
	conv, bad := ConvertLimon(s)
	coverage := khmerDictionaryCoverage(conv)
	badRatio := frac(len(bad), letters)

	notEnglish := 1 - min(1, engRatio*4) // a quarter of function words is certainly English
	limon := notEnglish * (0.7*coverage + 0.3*min(1, oddRatio*2)) * (1 - min(1, badRatio*4))
	legacy := notEnglish * min(1, oddRatio*1.5+frac(high, letters)*4)
	switch {
	case limon >= 0.5:
		return LegacyLimon, limon
	case legacy >= 0.5:
		return LegacyUnknown, legacy
	}
	return LegacyNone, 1 - max(limon, legacy)
}

func frac(a, b int) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// oddWord reports a "word" no English text would have: a capital after a
// small letter, or a Limon vowel key (; ' " [ ] { } /) between letters,
// or a Latin-1 symbol.
func oddWord(w string) bool {
	prevLower := false
	for i, r := range w {
		switch {
		case r >= 'a' && r <= 'z':
			prevLower = true
		case r >= 'A' && r <= 'Z':
			if prevLower {
				return true
			}
		case r >= 0xA1 && r <= 0xFF:
			return true
		case strings.ContainsRune(";\"[]{}/", r) && i > 0 && i < len(w)-1:
			return true
		}
	}
	return false
}

// khmerDictionaryCoverage is the share of the Khmer text of s (in bytes)
// that segments into dictionary words rather than unknown stretches.
func khmerDictionaryCoverage(s string) float64 {
	seg := DefaultSegmenter()
	if seg.Err() != nil {
		return 0.5 // no dictionary to tell: neutral
	}
	var known, total int
	for _, sp := range seg.Spans(nil, s) {
		switch sp.Kind {
		case WordKhmer, WordKnown:
			known += sp.End - sp.Start
			total += sp.End - sp.Start
		case WordUnknown:
			total += sp.End - sp.Start
		}
	}
	return frac(known, total)
}
