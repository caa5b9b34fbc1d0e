package khmer

import (
	"math"
	"strings"
)

// DigitsToASCII replaces Khmer digits (០–៩) with ASCII digits; every other
// byte is kept as it is, invalid UTF-8 included.
func DigitsToASCII(s string) string {
	if !strings.Contains(s, "\xe1\x9f") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		// ០ is U+17E0, E1 9F A0; ៩ is E1 9F A9.
		if s[i] == 0xE1 && i+2 < len(s) && s[i+1] == 0x9F && s[i+2] >= 0xA0 && s[i+2] <= 0xA9 {
			b = append(b, '0'+s[i+2]-0xA0)
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

// ToKhmerDigits replaces ASCII digits with Khmer digits; every other byte
// is kept as it is.
func ToKhmerDigits(s string) string {
	if !strings.ContainsAny(s, "0123456789") {
		return s
	}
	b := make([]byte, 0, len(s)*2)
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			b = append(b, 0xE1, 0x9F, 0xA0+c-'0')
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

// Qualifier says how a count is hedged in the text.
type Qualifier string

const (
	QualExact    Qualifier = "exact"     // no qualifier
	QualMoreThan Qualifier = "more_than" // ជាង, more than, over
	QualAbout    Qualifier = "about"     // ប្រមាណ, ប្រហែល, ជិត, about, nearly
	QualAtLeast  Qualifier = "at_least"  // យ៉ាងហោចណាស់, at least
)

// NumberSource says how a number was written.
type NumberSource int

const (
	FromDigits NumberSource = iota // ១២០, 1,200
	FromWords                      // ប្រាំមួយរយ, six hundred
	FromMixed                      // ៦រយ, ២ពាន់, 1.2 million
)

func (s NumberSource) String() string {
	switch s {
	case FromDigits:
		return "digits"
	case FromWords:
		return "words"
	case FromMixed:
		return "mixed"
	}
	return "unknown"
}

// NumberMatch is a number found in text. Offsets are bytes into the text
// that was scanned, always on rune boundaries.
type NumberMatch struct {
	Start, End int // the number itself
	Value      int64
	Source     NumberSource
	// Qualifier and the span of the words that state it. With QualExact
	// the span is empty and sits at Start.
	Qualifier                    Qualifier
	QualifierStart, QualifierEnd int
	// Ordinal is set when the number is an ordinal (ទី៣, 3rd): the
	// extractor usually wants counts, not ranks or days of the month.
	Ordinal bool
}

// numMaxValue bounds every number we report: nothing countable in the
// news is larger, and it keeps int64 arithmetic far from overflow.
const numMaxValue = 1e15

// Khmer number words. A compound is read as a sum of units and tens, each
// multiplier scaling what precedes it (ប្រាំមួយរយ = (5+1)×100).
type numWord struct {
	lit   string
	value int64
	kind  uint8 // numUnit, numTen, numMult
}

const (
	numUnit uint8 = iota
	numTen
	numMult
)

var numKhmerWords = []numWord{
	{"សូន្យ", 0, numUnit}, {"មួយ", 1, numUnit}, {"ពីរ", 2, numUnit}, {"បី", 3, numUnit},
	{"បួន", 4, numUnit}, {"ប្រាំ", 5, numUnit},
	{"ដប់", 10, numTen}, {"ម្ភៃ", 20, numTen}, {"សាមសិប", 30, numTen}, {"សែសិប", 40, numTen},
	{"ហាសិប", 50, numTen}, {"ហុកសិប", 60, numTen}, {"ចិតសិប", 70, numTen},
	{"ប៉ែតសិប", 80, numTen}, {"កៅសិប", 90, numTen},
	{"រយ", 100, numMult}, {"ពាន់", 1000, numMult}, {"ម៉ឺន", 10000, numMult},
	{"សែន", 100000, numMult}, {"លាន", 1000000, numMult}, {"កោដិ", 10000000, numMult},
	{"ប៊ីលាន", 1000000000, numMult},
}

var numKhmerLits = func() []string {
	l := make([]string, len(numKhmerWords))
	for i, w := range numKhmerWords {
		l[i] = w.lit
	}
	return l
}()

var numEnglishWords = map[string]numWord{
	"zero": {"", 0, numUnit}, "one": {"", 1, numUnit}, "two": {"", 2, numUnit}, "three": {"", 3, numUnit},
	"four": {"", 4, numUnit}, "five": {"", 5, numUnit}, "six": {"", 6, numUnit}, "seven": {"", 7, numUnit},
	"eight": {"", 8, numUnit}, "nine": {"", 9, numUnit}, "ten": {"", 10, numUnit}, "eleven": {"", 11, numUnit},
	"twelve": {"", 12, numUnit}, "thirteen": {"", 13, numUnit}, "fourteen": {"", 14, numUnit},
	"fifteen": {"", 15, numUnit}, "sixteen": {"", 16, numUnit}, "seventeen": {"", 17, numUnit},
	"eighteen": {"", 18, numUnit}, "nineteen": {"", 19, numUnit},
	"twenty": {"", 20, numTen}, "thirty": {"", 30, numTen}, "forty": {"", 40, numTen}, "fifty": {"", 50, numTen},
	"sixty": {"", 60, numTen}, "seventy": {"", 70, numTen}, "eighty": {"", 80, numTen}, "ninety": {"", 90, numTen},
	"hundred": {"", 100, numMult}, "thousand": {"", 1000, numMult}, "million": {"", 1000000, numMult},
	"billion": {"", 1000000000, numMult}, "dozen": {"", 12, numMult},
}

// numClassifiers are the counters that follow a Khmer count. A lone small
// number word (មួយ, ពីរ…) is only taken as a number before one of them,
// because those syllables also begin or end ordinary words (ពីរដ្ឋ is
// "from the state", ជាមួយ is "with").
var numClassifiers = []string{
	"នាក់", "រូប", "អង្គ", "ដង", "ថ្ងៃ", "ខែ", "ឆ្នាំ", "ម៉ោង", "នាទី", "សប្តាហ៍", "អាទិត្យ",
	"គ្រួសារ", "ខេត្ត", "ឃុំ", "ស្រុក", "ក្រុង", "ខណ្ឌ", "សង្កាត់", "ភូមិ", "គណបក្ស", "ប្រទេស",
	"ករណី", "កន្លែង", "គ្រឿង", "ក្រុម", "លើក", "ដុល្លារ", "រៀល", "ហិកតា", "ម៉ែត្រ", "គីឡូ",
	"សន្លឹក", "ច្បាប់", "មាត់", "ខ្នង", "ផ្ទះ", "អាសនៈ", "កៅអី", "ស្ថាប័ន", "សមាជិក", "នាយ", "ទៀត",
}

// Qualifiers, longest first within each language so that the longest one
// ending just before the number wins.
type numQual struct {
	lit  string
	qual Qualifier
}

var numKhmerQuals = []numQual{
	// "not fewer than": before ជាង, which it ends with.
	{"មិនតិចជាង", QualAtLeast}, {"មិនតិចពី", QualAtLeast},
	{"យ៉ាងហោចណាស់", QualAtLeast}, {"យ៉ាងតិចណាស់", QualAtLeast}, {"យ៉ាងតិច", QualAtLeast},
	{"ប្រមាណជាង", QualMoreThan}, {"ប្រហែលជាង", QualMoreThan}, {"ច្រើនជាង", QualMoreThan},
	{"លើសពី", QualMoreThan}, {"ជាង", QualMoreThan},
	{"ប្រមាណជា", QualAbout}, {"ប្រហែលជា", QualAbout}, {"ប្រមាណ", QualAbout}, {"ប្រហែល", QualAbout},
	{"ស្ទើរតែ", QualAbout}, {"ជិត", QualAbout},
}

var numEnglishQuals = []numQual{
	{"more than", QualMoreThan}, {"over", QualMoreThan}, {"upwards of", QualMoreThan},
	{"in excess of", QualMoreThan}, {"well over", QualMoreThan},
	{"approximately", QualAbout}, {"about", QualAbout}, {"around", QualAbout}, {"roughly", QualAbout},
	{"nearly", QualAbout}, {"almost", QualAbout}, {"close to", QualAbout}, {"some", QualAbout},
	{"an estimated", QualAbout}, {"estimated", QualAbout}, {"as many as", QualAbout},
	{"at least", QualAtLeast}, {"no fewer than", QualAtLeast}, {"no less than", QualAtLeast},
}

// ParseNumber reads s as one number: digits (Khmer or ASCII, with "." or
// "," as thousands separator), number words in Khmer or English, or a mix
// (៦រយ, 1.2 million). Surrounding space is ignored; anything else in s
// makes it fail. Fractions that do not come to a whole number fail.
func ParseNumber(s string) (int64, bool) {
	start := txSkipSpace(s, 0)
	end := txBackSpace(s, len(s))
	if start >= end {
		return 0, false
	}
	if s[start] == '-' || s[start] == '+' {
		// "+" and "-" signs: "-5" is a number but no count is negative;
		// accept it for FormatNumber round trips.
		v, ok := ParseNumber(s[start+1 : end])
		if !ok {
			return 0, false
		}
		if s[start] == '-' {
			v = -v
		}
		return v, true
	}
	m, ok := numScanAt(s[:end], start, true)
	if !ok || m.End != end {
		return 0, false
	}
	return m.Value, true
}

// FindNumbers returns the numbers in text, left to right, with their
// qualifiers. Dates (23.07.2023, 23/07/2023, 2023-07-23) and times are
// skipped whole; decimals are only taken when a multiplier makes them whole
// (1.5 million, ១,៥លាន). Numbers inside Latin words (G20) are skipped.
func FindNumbers(text string) []NumberMatch {
	var out []NumberMatch
	i := 0
	for i < len(text) {
		r, n := txRuneAt(text, i)
		_, isDigit := txDigitValue(r)
		candidate := isDigit || txIsKhmerBase(r) || (r < 0x80 && (r|0x20) >= 'a' && (r|0x20) <= 'z')
		if !candidate {
			i += n
			continue
		}
		if txIsKhmerBase(r) && (!numKhmerFirst[r-0x1780] || !txKhmerStartOK(text, i)) {
			i += n
			continue
		}
		if !isDigit && r < 0x80 {
			var buf [16]byte
			w, ok := txASCIIWordLower(text, i, &buf)
			if _, isNum := numEnglishWords[w]; !ok || !(isNum || w == "a") {
				i = numSkipWord(text, i)
				continue
			}
		}
		m, ok := numScanAt(text, i, false)
		if !ok {
			if isDigit {
				// Step over the whole digit run so that "2023" in
				// "23.07.2023" is not read on its own later.
				i = numSkipDigitRun(text, i)
				continue
			}
			i += n
			continue
		}
		numQualify(text, &m)
		out = append(out, m)
		i = m.End
	}
	return out
}

var numKhmerFirst = func() (t [128]bool) {
	txFirstRunes(&t, numKhmerLits)
	return t
}()

// numSkipWord skips the ASCII letters at i (at least one byte).
func numSkipWord(s string, i int) int {
	j := i + 1
	for j < len(s) && ((s[j]|0x20) >= 'a' && (s[j]|0x20) <= 'z') {
		j++
	}
	return j
}

// numSkipDigitRun skips digits and the separators between them.
func numSkipDigitRun(s string, i int) int {
	for i < len(s) {
		r, n := txRuneAt(s, i)
		if _, ok := txDigitValue(r); ok {
			i += n
			continue
		}
		if (r == '.' || r == ',' || r == '/' || r == '-' || r == ':') && i+n < len(s) {
			if r2, _ := txRuneAt(s, i+n); numIsDigit(r2) {
				i += n
				continue
			}
		}
		break
	}
	return i
}

func numIsDigit(r rune) bool {
	_, ok := txDigitValue(r)
	return ok
}

// numDigits reads a run of digits with separators at i. It reports the
// integer value, a fractional part when the last separator is a decimal
// point, and whether the run is a number at all (dates, times, and
// malformed groupings are not).
func numDigits(s string, i int) (end int, val float64, whole bool, ok bool) {
	type group struct {
		v    int64
		n    int
		frac float64
	}
	var groups []group
	var seps []rune
	cur := group{}
	j := i
	for j < len(s) {
		r, n := txRuneAt(s, j)
		if d, isD := txDigitValue(r); isD {
			if cur.n >= 16 {
				return 0, 0, false, false
			}
			cur.v = cur.v*10 + int64(d)
			cur.frac += float64(d) * math.Pow(10, -float64(cur.n+1))
			cur.n++
			j += n
			continue
		}
		if r == '.' || r == ',' || r == '/' || r == ':' || r == '-' {
			if r2, _ := txRuneAt(s, j+n); j+n < len(s) && numIsDigit(r2) {
				if r == '-' && len(seps) == 0 {
					// "10-15": a range; the first number stands alone
					// unless this turns out to be an ISO date.
					if k := numSkipDigitRun(s, i); strings.Count(DigitsToASCII(s[i:k]), "-") >= 2 {
						return 0, 0, false, false
					}
					break
				}
				groups = append(groups, cur)
				seps = append(seps, r)
				cur = group{}
				j += n
				continue
			}
		}
		break
	}
	groups = append(groups, cur)
	end = j
	for _, sp := range seps {
		if sp == '/' || sp == ':' || sp == '-' {
			return 0, 0, false, false
		}
	}
	if len(seps) == 0 {
		return end, float64(groups[0].v), true, true
	}
	// Thousands groups: first 1–3 digits, then exactly 3. A different last
	// separator, or a last group that is not 3 digits after a single
	// separator, is a decimal point.
	thousands := seps[0]
	last := len(seps) - 1
	decimal := false
	if seps[last] != thousands {
		decimal = true
		for _, sp := range seps[:last] {
			if sp != thousands {
				return 0, 0, false, false
			}
		}
	} else {
		for _, sp := range seps {
			if sp != thousands {
				return 0, 0, false, false
			}
		}
		if groups[len(groups)-1].n != 3 {
			if len(seps) > 1 {
				return 0, 0, false, false // 23.07.2023, 1.2.3
			}
			decimal = true
		}
	}
	intGroups := groups
	if decimal {
		intGroups = groups[:len(groups)-1]
	}
	if intGroups[0].n == 0 || (len(intGroups) > 1 && intGroups[0].n > 3) {
		return 0, 0, false, false
	}
	var v int64
	for k, g := range intGroups {
		if k > 0 && g.n != 3 {
			return 0, 0, false, false
		}
		v = v*int64(math.Pow10(g.n)) + g.v
		if float64(v) > numMaxValue {
			return 0, 0, false, false
		}
	}
	val = float64(v)
	whole = true
	if decimal {
		f := groups[len(groups)-1]
		val += f.frac
		whole = f.v == 0
	}
	return end, val, whole, true
}

// numComposer adds up units and tens and applies multipliers to what
// precedes them: a multiplier scales every part smaller than itself, so
// ពីរលានប្រាំសែន = 2×10⁶ + 5×10⁵ and មួយពាន់លាន = (1×1000)×10⁶.
type numComposer struct {
	parts []numPart
	cur   float64
	any   bool
}

type numPart struct {
	v     float64
	scale float64
}

func (c *numComposer) add(v float64) { c.cur += v; c.any = true }

func (c *numComposer) mult(m float64) {
	s := c.cur
	for len(c.parts) > 0 && c.parts[len(c.parts)-1].scale < m {
		s += c.parts[len(c.parts)-1].v
		c.parts = c.parts[:len(c.parts)-1]
	}
	if s == 0 {
		s = 1
	}
	c.parts = append(c.parts, numPart{s * m, m})
	c.cur = 0
	c.any = true
}

func (c *numComposer) total() float64 {
	t := c.cur
	for _, p := range c.parts {
		t += p.v
	}
	return t
}

// numScanAt reads the longest number starting at i. whole says the caller
// parses a whole string (ParseNumber): bare multiplier words and lone
// small number words are then accepted.
func numScanAt(s string, i int, whole bool) (NumberMatch, bool) {
	r, _ := txRuneAt(s, i)
	switch {
	case numIsDigit(r):
		return numScanDigits(s, i)
	case txIsKhmerBase(r):
		return numScanKhmerWords(s, i, whole)
	default:
		return numScanEnglishWords(s, i, whole)
	}
}

// numScanDigits reads a digit number and any multiplier words after it,
// in either language (៦រយ, ២ពាន់, ១,៥ លាន, 1.2 million, 3 hundred).
func numScanDigits(s string, i int) (NumberMatch, bool) {
	if p, _ := txRuneBefore(s, i); i > 0 && (txIsLatinLetter(p) || numIsDigit(p)) {
		return NumberMatch{}, false
	}
	end, val, isWhole, ok := numDigits(s, i)
	if !ok {
		return NumberMatch{}, false
	}
	var c numComposer
	c.add(val)
	src := FromDigits
	j := end
	afterMult := false
	for {
		k := txSkipSpace(s, j)
		if k >= len(s) {
			break
		}
		r, _ := txRuneAt(s, k)
		if txIsKhmerBase(r) {
			e, idx, ok := txMatchKhmerLongest(s, k, numKhmerLits)
			if !ok {
				break
			}
			w := numKhmerWords[idx]
			if w.kind != numMult {
				// ២ពាន់ប្រាំរយ: words may go on after a multiplier.
				if !afterMult || k != j {
					break
				}
				c.add(float64(w.value))
				j = e
				afterMult = false
				continue
			}
			c.mult(float64(w.value))
			src = FromMixed
			j = e
			afterMult = true
			// ១ពាន់២រយ: digits may follow a multiplier.
			if r2, _ := txRuneAt(s, j); numIsDigit(r2) {
				e2, v2, w2, ok2 := numDigits(s, j)
				if !ok2 || !w2 {
					break
				}
				c.add(v2)
				j = e2
				afterMult = false
			}
			continue
		}
		word, e := numLatinWord(s, k)
		if w, ok := numEnglishWords[word]; ok && w.kind == numMult && word != "dozen" {
			c.mult(float64(w.value))
			src = FromMixed
			j = e
			continue
		}
		break
	}
	v := c.total()
	if src == FromDigits && !isWhole {
		return NumberMatch{}, false
	}
	if v != math.Trunc(v) || v > numMaxValue {
		return NumberMatch{}, false
	}
	return NumberMatch{Start: i, End: j, Value: int64(v), Source: src, Qualifier: QualExact, QualifierStart: i, QualifierEnd: i}, true
}

// numLatinWord returns the lower-cased ASCII word at i and its end.
func numLatinWord(s string, i int) (string, int) {
	j := i
	for j < len(s) && ((s[j]|0x20) >= 'a' && (s[j]|0x20) <= 'z') {
		j++
	}
	if j == i || j-i > 12 {
		return "", i
	}
	if j < len(s) {
		if r, _ := txRuneAt(s, j); txIsWordRune(r) {
			return "", i
		}
	}
	if p, _ := txRuneBefore(s, i); i > 0 && txIsWordRune(p) {
		return "", i
	}
	return strings.ToLower(s[i:j]), j
}

func numScanKhmerWords(s string, i int, whole bool) (NumberMatch, bool) {
	if !txKhmerStartOK(s, i) {
		return NumberMatch{}, false
	}
	var c numComposer
	j := i
	words := 0
	lastKind := uint8(255)
	var lastVal int64
	onlyUnits := true
	for {
		k := txSkipInvisible(s, j)
		e, idx, ok := txMatchKhmerLongest(s, k, numKhmerLits)
		if !ok {
			// ១ពាន់២រយ and ពីរពាន់៥រយ mix digits in.
			if r, _ := txRuneAt(s, k); words > 0 && lastKind == numMult && numIsDigit(r) {
				e2, v2, w2, ok2 := numDigits(s, k)
				if ok2 && w2 {
					c.add(v2)
					j = e2
					lastKind = numUnit
					continue
				}
			}
			break
		}
		w := numKhmerWords[idx]
		switch w.kind {
		case numUnit:
			// ប្រាំមួយ…ប្រាំបួន are 6–9; any other unit after a unit is
			// a new number or an idiom (ពីរបី "a few").
			if lastKind == numUnit && !(lastVal == 5 && w.value >= 1 && w.value <= 4) {
				goto done
			}
			if w.value == 0 && words > 0 {
				goto done
			}
			c.add(float64(w.value))
		case numTen:
			if lastKind == numUnit || lastKind == numTen {
				goto done
			}
			c.add(float64(w.value))
			onlyUnits = false
		case numMult:
			if words == 0 && !whole {
				// A bare multiplier is an idiom (សែន "very") or vague
				// (រាប់រយ "hundreds"), not a count.
				goto done
			}
			c.mult(float64(w.value))
			onlyUnits = false
		}
		words++
		lastKind = w.kind
		lastVal = w.value
		j = e
	}
done:
	if words == 0 {
		return NumberMatch{}, false
	}
	if onlyUnits && !whole {
		if !numBeforeClassifier(s, j) || numAfterWithWord(s, i) {
			return NumberMatch{}, false
		}
	}
	v := c.total()
	if v > numMaxValue {
		return NumberMatch{}, false
	}
	return NumberMatch{Start: i, End: j, Value: int64(v), Source: FromWords, Qualifier: QualExact, QualifierStart: i, QualifierEnd: i}, true
}

// numBeforeClassifier reports whether a counter word follows at j.
func numBeforeClassifier(s string, j int) bool {
	k := txSkipSpace(s, j)
	for _, c := range numClassifiers {
		if _, ok := txMatchKhmer(s, k, c); ok {
			return true
		}
	}
	return false
}

// numAfterWithWord reports the words that turn a following មួយ into
// something other than a count (ជាមួយ "with", ណាមួយ "any").
func numAfterWithWord(s string, i int) bool {
	for _, w := range []string{"ជា", "ណា", "តែ"} {
		if _, ok := txEndsWithKhmer(s, i, w); ok {
			return true
		}
	}
	return false
}

func numScanEnglishWords(s string, i int, whole bool) (NumberMatch, bool) {
	var c numComposer
	j := i
	words := 0
	lastKind := uint8(255)
	start := i
	// "a hundred", "a dozen"
	if w, e := numLatinWord(s, i); w == "a" {
		k := txSkipSpace(s, e)
		if w2, _ := numLatinWord(s, k); w2 != "" {
			if nw, ok := numEnglishWords[w2]; ok && nw.kind == numMult {
				c.add(1)
				j = e
				lastKind = numUnit
			}
		}
	}
	for {
		k := j
		if words > 0 || lastKind != 255 {
			k = txSkipSpace(s, j)
			if k < len(s) && s[k] == '-' && lastKind == numTen {
				k++
			} else if w, e := numLatinWord(s, k); w == "and" && lastKind == numMult {
				k = txSkipSpace(s, e)
			} else if k == j {
				break
			}
		}
		w, e := numLatinWord(s, k)
		nw, ok := numEnglishWords[w]
		if !ok {
			break
		}
		switch nw.kind {
		case numUnit:
			if lastKind == numUnit || (lastKind == numTen && nw.value >= 10) {
				goto done
			}
			c.add(float64(nw.value))
		case numTen:
			if lastKind == numUnit || lastKind == numTen {
				goto done
			}
			c.add(float64(nw.value))
		case numMult:
			if lastKind == 255 && !whole {
				goto done
			}
			if w == "dozen" {
				// "two dozen" = 24: dozen multiplies like hundred.
				c.mult(12)
			} else {
				c.mult(float64(nw.value))
			}
		}
		words++
		lastKind = nw.kind
		j = e
	}
done:
	if words == 0 {
		return NumberMatch{}, false
	}
	v := c.total()
	if v > numMaxValue {
		return NumberMatch{}, false
	}
	return NumberMatch{Start: start, End: j, Value: int64(v), Source: FromWords, Qualifier: QualExact, QualifierStart: start, QualifierEnd: start}, true
}

// numQualify looks for a qualifier just before the number (ជាង ១០០,
// ប្រមាណចំនួន ៣០០, more than 600) or a "+"/"-plus" just after it.
func numQualify(s string, m *NumberMatch) {
	i := m.Start
	if _, ok := txEndsWithKhmer(s, txBackSpace(s, i), "ទី"); ok {
		m.Ordinal = true // ទី៣, ថ្ងៃទី២៣
	}
	if e := m.End; m.Source == FromDigits && e+2 <= len(s) {
		suf := strings.ToLower(s[e : e+2])
		if (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") && (e+2 == len(s) || !txIsWordRune(rune(s[e+2]))) {
			m.Ordinal = true
		}
	}
	k := txBackSpace(s, i)
	// ចំនួន "a number of" often stands between qualifier and number.
	if st, ok := txEndsWithKhmer(s, k, "ចំនួន"); ok {
		k = txBackSpace(s, st)
	}
	for _, q := range numKhmerQuals {
		if st, ok := txEndsWithKhmer(s, k, q.lit); ok {
			m.Qualifier, m.QualifierStart, m.QualifierEnd = q.qual, st, k
			return
		}
	}
	best := -1
	for _, q := range numEnglishQuals {
		if st, ok := txEndsWithLatin(s, k, q.lit); ok && (best < 0 || st < best) {
			best = st
			m.Qualifier, m.QualifierStart, m.QualifierEnd = q.qual, st, k
		}
	}
	if best >= 0 {
		return
	}
	if e := m.End; e < len(s) && s[e] == '+' {
		m.Qualifier, m.QualifierStart, m.QualifierEnd = QualMoreThan, e, e+1
	} else if e, ok := txMatchLatinPrefix(s, m.End, "-plus"); ok {
		m.Qualifier, m.QualifierStart, m.QualifierEnd = QualMoreThan, m.End, e
	}
}
