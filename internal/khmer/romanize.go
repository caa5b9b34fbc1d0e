package khmer

import (
	"strings"
)

// Romanize writes Khmer script in Latin letters, close to the UNGEGN
// system (the one the Cambodian government uses for place names) without
// its diacritics, so that a Khmer-script name can be compared with the
// spellings newspapers use: Romanize("ឃួង ស្រេង") = "Khuong Sreng".
//
// The vowel of a syllable depends on the series (register) of its
// consonant, as in UNGEGN. Two common departures from UNGEGN follow how
// Cambodians spell their own names: ប at the head of a cluster is "p"
// (ប្រាក់ → Prak), and an unwritten vowel before a consonant that carries a
// subscript is "a" in both series (វណ្ណុល → Vannol, រង្ស៊ី → Rangsi). Letters
// under ៍ are silent. Text outside the Khmer block is copied; each word
// starts with a capital.
func Romanize(khmer string) string {
	var b strings.Builder
	b.Grow(len(khmer))
	var word []rune
	flush := func() {
		if len(word) > 0 {
			b.WriteString(romWord(word))
			word = word[:0]
		}
	}
	for _, r := range khmer {
		switch {
		case r >= 0x1780 && r <= 0x17DD:
			word = append(word, r)
		case txIsInvisible(r):
			// ZWSP separates words inside Khmer text but never sounds.
		case r >= 0x17E0 && r <= 0x17E9:
			flush()
			b.WriteByte(byte('0' + r - 0x17E0))
		default:
			flush()
			b.WriteRune(r)
		}
	}
	flush()
	return b.String()
}

// Consonants: Latin initial, Latin final, series (1 = a-series, 2 =
// o-series).
type romCons struct {
	initial, final string
	series         int
}

var romConsonants = map[rune]romCons{
	'ក': {"k", "k", 1}, 'ខ': {"kh", "kh", 1}, 'គ': {"k", "k", 2}, 'ឃ': {"kh", "kh", 2}, 'ង': {"ng", "ng", 2},
	'ច': {"ch", "ch", 1}, 'ឆ': {"chh", "chh", 1}, 'ជ': {"ch", "ch", 2}, 'ឈ': {"chh", "chh", 2}, 'ញ': {"nh", "nh", 2},
	'ដ': {"d", "d", 1}, 'ឋ': {"th", "th", 1}, 'ឌ': {"d", "d", 2}, 'ឍ': {"th", "th", 2}, 'ណ': {"n", "n", 1},
	'ត': {"t", "t", 1}, 'ថ': {"th", "th", 1}, 'ទ': {"t", "t", 2}, 'ធ': {"th", "th", 2}, 'ន': {"n", "n", 2},
	'ប': {"b", "b", 1}, 'ផ': {"ph", "ph", 1}, 'ព': {"p", "p", 2}, 'ភ': {"ph", "ph", 2}, 'ម': {"m", "m", 2},
	'យ': {"y", "y", 2}, 'រ': {"r", "r", 2}, 'ល': {"l", "l", 2}, 'វ': {"v", "v", 2}, 'ស': {"s", "s", 1},
	'ហ': {"h", "h", 1}, 'ឡ': {"l", "l", 1}, 'អ': {"", "", 1}, 'ឝ': {"s", "s", 1}, 'ឞ': {"s", "s", 1},
}

// Sonorants keep the series of the consonant above them in a cluster.
func romSonorant(r rune) bool {
	switch r {
	case 'ង', 'ញ', 'ន', 'ម', 'យ', 'រ', 'ល', 'វ':
		return true
	}
	return false
}

// Dependent vowels: [series 1, series 2].
var romVowels = map[string][2]string{
	"ា": {"a", "ea"}, "ិ": {"e", "i"}, "ី": {"ei", "i"}, "ឹ": {"oe", "eu"}, "ឺ": {"oeu", "eu"},
	"ុ": {"o", "u"}, "ូ": {"ou", "u"}, "ួ": {"uo", "uo"}, "ើ": {"aeu", "eu"}, "ឿ": {"oea", "oea"},
	"ៀ": {"ie", "ie"}, "េ": {"e", "e"}, "ែ": {"ae", "e"}, "ៃ": {"ai", "ey"}, "ោ": {"ao", "o"},
	"ៅ": {"au", "ov"}, "ុំ": {"om", "um"}, "ំ": {"am", "um"}, "ាំ": {"am", "oam"}, "ះ": {"ah", "eah"},
	"ុះ": {"oh", "uh"}, "េះ": {"eh", "eh"}, "ោះ": {"aoh", "uoh"}, "ៈ": {"a", "ea"}, "ិះ": {"eh", "ih"},
	"ែះ": {"aeh", "eh"}, "ាះ": {"ah", "eah"}, "័": {"a", "oa"},
}

// Independent vowels.
var romIndependent = map[rune]string{
	'ឥ': "e", 'ឦ': "ei", 'ឧ': "o", 'ឩ': "ou", 'ឪ': "ov", 'ឫ': "rue", 'ឬ': "rue", 'ឭ': "lue", 'ឮ': "lue",
	'ឯ': "ae", 'ឰ': "ai", 'ឱ': "ao", 'ឲ': "ao", 'ឳ': "au", 'ឣ': "a", 'ឤ': "a",
}

func romIsDepVowel(r rune) bool {
	return (r >= 0x17B6 && r <= 0x17C5) || r == 0x17C6 || r == 0x17C7 || r == 0x17C8
}

// romWord romanises one run of Khmer letters.
func romWord(w []rune) string {
	var out strings.Builder
	i := 0
	fromSub := false // the consonant at i was written as a subscript
	for i < len(w) {
		r := w[i]
		if iv, ok := romIndependent[r]; ok {
			out.WriteString(iv)
			i++
			// a final consonant after an independent vowel
			if i < len(w) {
				if c, ok := romConsonants[w[i]]; ok && romIsFinal(w, i) {
					out.WriteString(c.final)
					i++
				}
			}
			continue
		}
		if r >= 0x17E0 && r <= 0x17E9 {
			out.WriteByte(byte('0' + r - 0x17E0))
			i++
			continue
		}
		c, ok := romConsonants[r]
		if !ok {
			i++ // stray mark or sign
			continue
		}
		// A consonant under ៍ (with any vowel on it) is silent.
		if j := romSkipMarks(w, i+1); j > i+1 && romHas(w[i+1:j], 0x17CD) {
			i = j
			continue
		}
		onset := c.initial
		series := c.series
		j := i + 1
		// register shifters
		if j < len(w) && (w[j] == 0x17C9 || w[j] == 0x17CA) {
			if w[j] == 0x17C9 {
				series = 1 // ៉ musakatoan
			} else {
				series = 2 // ៊ treisap
			}
			if r == 'ប' && w[j] == 0x17C9 {
				onset = "p" // ប៉ is p
			}
			j++
		}
		// subscripts
		for j+1 < len(w) && w[j] == 0x17D2 {
			sub, ok := romConsonants[w[j+1]]
			if !ok {
				break
			}
			if r == 'ប' && onset == "b" {
				onset = "p" // ប្រ → pr
			}
			onset += sub.initial
			if sub.series == 2 && !romSonorant(w[j+1]) {
				series = 2
			}
			j += 2
		}
		if j < len(w) && (w[j] == 0x17C9 || w[j] == 0x17CA) {
			if w[j] == 0x17C9 {
				series = 1
			} else {
				series = 2
			}
			j++
		}
		// vowel: the longest known sequence of dependent signs
		vowel := ""
		k := j
		for k < len(w) && (romIsDepVowel(w[k]) || w[k] == 0x17CB || w[k] == 0x17CE || w[k] == 0x17D0) {
			k++
		}
		signs := w[j:k]
		vs := romStripSigns(signs)
		if vs != "" {
			if v, ok := romVowels[vs]; ok {
				vowel = v[series-1]
			} else {
				// unknown combination: romanise sign by sign
				for _, s := range vs {
					if v, ok := romVowels[string(s)]; ok {
						vowel += v[series-1]
					}
				}
			}
		}
		hasVowel := vowel != ""
		j = k
		// final consonant, unless the vowel closes the syllable itself
		// (សំ, សះ)
		final := ""
		closed := romHas(signs, 0x17C6) || romHas(signs, 0x17C7)
		if j < len(w) && !closed {
			if fc, ok := romConsonants[w[j]]; ok && romIsFinal(w, j) {
				final = fc.final
				if !hasVowel {
					if j+1 < len(w) && w[j+1] == 0x17D2 {
						vowel = "a" // វណ្ណ, រង្ស: Pali-style clusters
					} else if series == 1 {
						vowel = "a"
					} else {
						vowel = "o"
					}
				}
				j++
				// bantoc and other signs on the final
				for j < len(w) && (w[j] == 0x17CB || w[j] == 0x17CE || w[j] == 0x17CF || w[j] == 0x17C9 || w[j] == 0x17CA) {
					j++
				}
				// a subscript under the final starts the next syllable
				// and is read there
			}
		}
		if vowel == "" && final == "" {
			if series == 1 {
				vowel = "a"
			} else {
				vowel = "o"
			}
		}
		if fromSub && !hasVowel && final == "" {
			// ទ្ធ at the end of ប្រសិទ្ធ, ត្រ of វិចិត្រ, ធ of ព័ន្ធមុនី: a
			// subscript under a final, with no vowel and no final of its
			// own, is not pronounced.
			onset, vowel = "", ""
		}
		out.WriteString(onset + vowel + final)
		i = j
		fromSub = false
		// The subscript of a final consonant begins the next syllable.
		if i+1 < len(w) && w[i] == 0x17D2 {
			i++
			fromSub = true
		}
	}
	s := out.String()
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// romIsFinal reports whether the consonant at j closes the syllable
// before it rather than opening a new one: it is not followed by a vowel
// or register shifter of its own.
func romIsFinal(w []rune, j int) bool {
	k := j + 1
	if k >= len(w) {
		return true
	}
	switch r := w[k]; {
	case r == 0x17D2:
		// it carries a subscript: final of this syllable, the subscript
		// opens the next one
		return true
	case r == 0x17CB || r == 0x17CE || r == 0x17CD:
		return true // bantoc, kakabat, toandakhiat
	case r == 0x17C9 || r == 0x17CA || r == 0x17D0:
		return false // register shifter or samyok sannya: a vowel follows
	case romIsDepVowel(r):
		return false
	}
	// ហ closes a syllable only at the end of a word (Khmer writes a final
	// h as ះ): before a consonant it opens one (សីហមុនី, Sihamoni).
	if w[j] == 'ហ' {
		return false
	}
	// Followed by another consonant: final, unless that consonant closes
	// a Pali-style syllable of its own with a subscript (វណ្ណ in
	// សុវណ្ណារិទ្ធ): then this one opens that syllable.
	if k+2 < len(w) && w[k+1] == 0x17D2 && romClosingCluster(w, k) {
		return false
	}
	return true
}

// romVarga gives the row of the consonant table a stop or nasal belongs
// to (1–5), 0 for the others.
func romVarga(r rune) int {
	switch {
	case r >= 'ក' && r <= 'ង':
		return 1
	case r >= 'ច' && r <= 'ញ':
		return 2
	case r >= 'ដ' && r <= 'ណ':
		return 3
	case r >= 'ត' && r <= 'ន':
		return 4
	case r >= 'ប' && r <= 'ម':
		return 5
	}
	return 0
}

// romClosingCluster reports whether the consonant at k and the subscript
// under it close a syllable rather than open one: a doubled consonant or
// a homorganic pair (ណ្ណ, ន្ទ, ទ្ធ, ដ្ឋ, ង្គ, ម្ព), or a subscript that ends
// the word with no vowel.
func romClosingCluster(w []rune, k int) bool {
	c, sub := w[k], w[k+2]
	if c == sub || (romVarga(c) != 0 && romVarga(c) == romVarga(sub)) {
		return true
	}
	return k+3 >= len(w)
}

func romSkipMarks(w []rune, i int) int {
	for i < len(w) && (txIsKhmerMark(w[i]) && w[i] != 0x17D2) {
		i++
	}
	return i
}

func romHas(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// romStripSigns keeps the vowel signs that make a vowel (drops bantoc and
// the like) as a string key for romVowels.
func romStripSigns(rs []rune) string {
	var b strings.Builder
	for _, r := range rs {
		if r == 0x17CB || r == 0x17CE {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
