package khmer

// stemEnglish reduces a lowercase ASCII English word to its stem with the
// classic Porter (1980) algorithm, so that arrested, arrests and arresting
// index alike. Words of one or two letters and words with anything but
// a–z are returned unchanged.
func stemEnglish(w string) string {
	if len(w) <= 2 {
		return w
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return w
		}
	}
	var buf [64]byte
	b := append(buf[:0], w...)
	b = porterStep1ab(b)
	b = porterStep1c(b)
	b = porterStep2(b)
	b = porterStep3(b)
	b = porterStep4(b)
	b = porterStep5(b)
	if string(b) == w {
		return w
	}
	return string(b)
}

// isCons reports whether b[i] is a consonant in Porter's sense: y is a
// consonant at the start and after a vowel.
func isCons(b []byte, i int) bool {
	switch b[i] {
	case 'a', 'e', 'i', 'o', 'u':
		return false
	case 'y':
		return i == 0 || !isCons(b, i-1)
	}
	return true
}

// measure is Porter's m: the number of vowel–consonant sequences in b.
func measure(b []byte) int {
	m, i, n := 0, 0, len(b)
	for i < n && isCons(b, i) {
		i++
	}
	for i < n {
		for i < n && !isCons(b, i) {
			i++
		}
		if i >= n {
			break
		}
		for i < n && isCons(b, i) {
			i++
		}
		m++
	}
	return m
}

func hasVowel(b []byte) bool {
	for i := range b {
		if !isCons(b, i) {
			return true
		}
	}
	return false
}

func endsDoubleCons(b []byte) bool {
	n := len(b)
	return n >= 2 && b[n-1] == b[n-2] && isCons(b, n-1)
}

// endsCVC: consonant–vowel–consonant, the last not w, x or y (hop, not hoop).
func endsCVC(b []byte) bool {
	n := len(b)
	if n < 3 || !isCons(b, n-1) || isCons(b, n-2) || !isCons(b, n-3) {
		return false
	}
	c := b[n-1]
	return c != 'w' && c != 'x' && c != 'y'
}

func hasSuffix(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[len(b)-len(s):]) == s
}

// replaceIf swaps suffix s for r when the stem before s has measure > min.
// It reports whether s was present (whatever the measure).
func replaceIf(b *[]byte, s, r string, min int) bool {
	if !hasSuffix(*b, s) {
		return false
	}
	stem := (*b)[:len(*b)-len(s)]
	if measure(stem) > min {
		*b = append(stem, r...)
	}
	return true
}

func porterStep1ab(b []byte) []byte {
	switch {
	case hasSuffix(b, "sses"), hasSuffix(b, "ies"):
		b = b[:len(b)-2]
	case hasSuffix(b, "ss"):
	case hasSuffix(b, "s"):
		b = b[:len(b)-1]
	}
	if hasSuffix(b, "eed") {
		if measure(b[:len(b)-3]) > 0 {
			b = b[:len(b)-1]
		}
		return b
	}
	cut := 0
	if hasSuffix(b, "ed") && hasVowel(b[:len(b)-2]) {
		cut = 2
	} else if hasSuffix(b, "ing") && hasVowel(b[:len(b)-3]) {
		cut = 3
	}
	if cut == 0 {
		return b
	}
	b = b[:len(b)-cut]
	switch {
	case hasSuffix(b, "at"), hasSuffix(b, "bl"), hasSuffix(b, "iz"):
		b = append(b, 'e')
	case endsDoubleCons(b):
		if c := b[len(b)-1]; c != 'l' && c != 's' && c != 'z' {
			b = b[:len(b)-1]
		}
	case measure(b) == 1 && endsCVC(b):
		b = append(b, 'e')
	}
	return b
}

func porterStep1c(b []byte) []byte {
	if hasSuffix(b, "y") && hasVowel(b[:len(b)-1]) {
		b[len(b)-1] = 'i'
	}
	return b
}

var porter2 = [][2]string{
	{"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"}, {"anci", "ance"}, {"izer", "ize"},
	{"bli", "ble"}, {"alli", "al"}, {"entli", "ent"}, {"eli", "e"}, {"ousli", "ous"},
	{"ization", "ize"}, {"ation", "ate"}, {"ator", "ate"}, {"alism", "al"}, {"iveness", "ive"},
	{"fulness", "ful"}, {"ousness", "ous"}, {"aliti", "al"}, {"iviti", "ive"}, {"biliti", "ble"},
	{"logi", "log"},
}

var porter3 = [][2]string{
	{"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"}, {"ical", "ic"}, {"ful", ""}, {"ness", ""},
}

var porter4 = []string{
	"al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
	"ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize",
}

func porterStep2(b []byte) []byte {
	for _, p := range porter2 {
		if replaceIf(&b, p[0], p[1], 0) {
			break
		}
	}
	return b
}

func porterStep3(b []byte) []byte {
	for _, p := range porter3 {
		if replaceIf(&b, p[0], p[1], 0) {
			break
		}
	}
	return b
}

func porterStep4(b []byte) []byte {
	// Longest suffix first among those that match.
	best := ""
	for _, s := range porter4 {
		if len(s) > len(best) && hasSuffix(b, s) {
			best = s
		}
	}
	if best == "" {
		return b
	}
	stem := b[:len(b)-len(best)]
	if best == "ion" && (len(stem) == 0 || (stem[len(stem)-1] != 's' && stem[len(stem)-1] != 't')) {
		return b
	}
	if measure(stem) > 1 {
		return stem
	}
	return b
}

func porterStep5(b []byte) []byte {
	if hasSuffix(b, "e") {
		stem := b[:len(b)-1]
		if m := measure(stem); m > 1 || m == 1 && !endsCVC(stem) {
			b = stem
		}
	}
	if measure(b) > 1 && endsDoubleCons(b) && hasSuffix(b, "l") {
		b = b[:len(b)-1]
	}
	return b
}
