package khmer

import (
	"fmt"
	"strings"
	"time"
)

// Precision says which parts of a Date are known.
type Precision int

const (
	PrecisionNone  Precision = iota // the zero Date
	PrecisionYear                   // 2023
	PrecisionMonth                  // 2023-07
	PrecisionDay                    // 2023-07-23
)

func (p Precision) String() string {
	switch p {
	case PrecisionYear:
		return "year"
	case PrecisionMonth:
		return "month"
	case PrecisionDay:
		return "day"
	}
	return "none"
}

// Date is a calendar date known to a precision. Month and Day are zero
// when the precision does not reach them.
type Date struct {
	Year, Month, Day int
	Precision        Precision
}

// String gives 2023-07-23, 2023-07 or 2023 by precision, "" for the zero
// Date: the forms the record and the labelled corpus use.
func (d Date) String() string {
	switch d.Precision {
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.Year)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	return ""
}

// IsZero reports the zero Date.
func (d Date) IsZero() bool { return d.Precision == PrecisionNone }

// Time returns the first day of the date's period at midnight UTC.
func (d Date) Time() time.Time {
	m, dd := d.Month, d.Day
	if m == 0 {
		m = 1
	}
	if dd == 0 {
		dd = 1
	}
	return time.Date(d.Year, time.Month(m), dd, 0, 0, 0, 0, time.UTC)
}

// DateOf returns the day-precision Date of t's calendar day.
func DateOf(t time.Time) Date {
	return Date{t.Year(), int(t.Month()), t.Day(), PrecisionDay}
}

// dateDay makes a day-precision Date from a day number.
func dateDay(dn int) Date {
	y, m, d := lunarDaysToCivil(dn)
	return Date{y, m, d, PrecisionDay}
}

// dateSpan returns the finest Date that contains every day from a to b
// (day numbers): a day, a month, a year, or the zero Date.
func dateSpan(a, b int) Date {
	ya, ma, da := lunarDaysToCivil(a)
	yb, mb, _ := lunarDaysToCivil(b)
	switch {
	case a == b:
		return Date{ya, ma, da, PrecisionDay}
	case ya == yb && ma == mb:
		return Date{ya, ma, 0, PrecisionMonth}
	case ya == yb:
		return Date{ya, 0, 0, PrecisionYear}
	}
	return Date{}
}

// DateKind says how a date was written.
type DateKind string

const (
	DateAbsolute DateKind = "absolute" // names the day, month or year (a missing year is taken from the publication date)
	DateRelative DateKind = "relative" // yesterday, ម្សិលមិញ, last week, on Tuesday
	DateLunar    DateKind = "lunar"    // ៨កើត ខែពិសាខ ឆ្នាំថោះ បញ្ចស័ក ព.ស.២៥៦៧
)

// DateMatch is a date found in text; Start and End are byte offsets on
// rune boundaries and Text is text[Start:End].
type DateMatch struct {
	Start, End int
	Date       Date
	Kind       DateKind
	Text       string
}

// FindDates returns the dates written in text, left to right, without
// overlaps, in Khmer (ថ្ងៃទី២៣ ខែកក្កដា ឆ្នាំ២០២៣ and its variants, ខែកក្កដា
// ឆ្នាំ២០២៣, ឆ្នាំ២០២៣, ព.ស.២៥៦៧, lunar dates), in English (July 23, 2023;
// 23 July 2023; Jan. 22; in June; in 2023) and in figures (២៣/០៧/២០២៣,
// 23-07-2023, 2023-07-23).
//
// published is the document's publication date; relative forms
// (ម្សិលមិញ, last week, on Tuesday, ខែមុន) are resolved against it, and so
// are dates written without a year, which are taken as their most recent
// occurrence on or before it (after it when the text says so: ខាងមុខ,
// next). With a zero published those forms are not reported, since they
// cannot be placed; everything that carries its own year still is.
//
// A week (last week, សប្តាហ៍មុន) resolves to the finest precision that
// contains all of it: its month when it lies in one month, else its year.
func FindDates(text string, published time.Time) []DateMatch {
	sc := dateScanner{s: text}
	if !published.IsZero() {
		sc.hasPub = true
		sc.pub = lunarCivilToDays(published.Year(), int(published.Month()), published.Day())
	}
	var out []DateMatch
	i := 0
	for i < len(text) {
		r, n := txRuneAt(text, i)
		if !(txIsKhmerBase(r) || numIsDigit(r) || (r < 0x80 && ((r|0x20) >= 'a' && (r|0x20) <= 'z'))) {
			i += n
			continue
		}
		if txIsKhmerBase(r) && !txKhmerStartOK(text, i) {
			i += n // a subscript, never the start of a word
			continue
		}
		if r < 0x80 && !numIsDigit(r) {
			// English words start only at a word boundary.
			if p, _ := txRuneBefore(text, i); i > 0 && txIsWordRune(p) {
				i += n
				continue
			}
		}
		m, ok := sc.at(i)
		if !ok || m.End <= i {
			if numIsDigit(r) {
				i = numSkipDigitRun(text, i)
				continue
			}
			i += n
			continue
		}
		m.Text = text[m.Start:m.End]
		out = append(out, m)
		i = m.End
	}
	return out
}

// ParseDate reads s as one date, in any form FindDates knows. Surrounding
// space and punctuation are ignored; other text makes it fail.
func ParseDate(s string, published time.Time) (Date, bool) {
	// A bare year is a date when it is all there is (FindDates wants "in
	// 2023" in running text, where 2023 may be a count).
	if t := DigitsToASCII(strings.TrimSpace(s)); len(t) == 4 {
		sc := dateScanner{s: t}
		if v, e, n, ok := sc.digits(0); ok && e == 4 && dateYearOK(v, n) {
			return Date{v, 0, 0, PrecisionYear}, true
		}
	}
	ms := FindDates(s, published)
	if len(ms) != 1 {
		return Date{}, false
	}
	m := ms[0]
	head := s[:m.Start]
	for _, w := range dateIntroducers {
		if strings.HasSuffix(strings.TrimRight(head, " "), w) {
			head = strings.TrimSuffix(strings.TrimRight(head, " "), w)
			break
		}
	}
	for _, part := range []string{head, s[m.End:]} {
		for _, r := range part {
			if !(txIsSpace(r) || r == ',' || r == '.' || r == '។' || r == '៖' || r == ':' || r == '(' || r == ')' || r == '៕') {
				return Date{}, false
			}
		}
	}
	return m.Date, true
}

// dateIntroducers may stand before a date in ParseDate's input.
var dateIntroducers = []string{"កាលពីព្រឹក", "កាលពីរសៀល", "កាលពីល្ងាច", "កាលពីយប់", "ព្រឹក", "រសៀល", "ល្ងាច", "យប់", "កាលពី", "នៅ", "នា", "ចាប់ពី", "គិតត្រឹម", "ពី", "on", "On", "in", "In", "since", "Since",
	"during", "mid-", "by", "until", "from", "of", "at", "early", "late"}

type dateScanner struct {
	s      string
	pub    int // publication day number
	hasPub bool
	// agoNext is the offset of the next "មុន", "កន្លង" or "ago": counted
	// forms (៣ ថ្ងៃមុន) are only tried near one.
	agoNext int
	agoInit bool
}

// agoAhead reports whether a marker of a counted relative form ("ago",
// មុន, កន្លងទៅ) lies within reach after i.
func (sc *dateScanner) agoAhead(i int) bool {
	if !sc.agoInit || i > sc.agoNext {
		sc.agoInit = true
		sc.agoNext = len(sc.s) + 1000
		for _, m := range []string{"មុន", "កន្លង", "ago"} {
			if k := strings.Index(sc.s[i:], m); k >= 0 && i+k < sc.agoNext {
				sc.agoNext = i + k
			}
		}
	}
	return sc.agoNext-i <= 120
}

// at tries every form at byte i and keeps the longest match.
func (sc *dateScanner) at(i int) (DateMatch, bool) {
	var best DateMatch
	found := false
	try := func(m DateMatch, ok bool) {
		if ok && m.End > i && (!found || m.End > best.End) {
			best, found = m, true
		}
	}
	r, _ := txRuneAt(sc.s, i)
	switch {
	case r >= 0x1780 && r < 0x1800 && !numIsDigit(r) && !dateKhmerFirst[r-0x1780]:
		return best, false
	case r < 0x80 && !numIsDigit(r):
		var buf [16]byte
		if w, ok := txASCIIWordLower(sc.s, i, &buf); !ok || !dateEnglishFirst[w] {
			return best, false
		}
	}
	switch {
	case numIsDigit(r):
		try(sc.numeric(i))
		try(sc.khmerDayMonth(i))
		try(sc.lunar(i))
		try(sc.englishDayMonth(i))
		try(sc.englishYear(i))
		if sc.agoAhead(i) {
			try(sc.agoForm(i))
		}
	case txIsKhmerBase(r):
		try(sc.khmerDayMonth(i))
		try(sc.khmerMonthYear(i))
		try(sc.khmerYear(i))
		try(sc.buddhistEra(i))
		try(sc.lunar(i))
		try(sc.khmerRelative(i))
		if sc.agoAhead(i) {
			try(sc.agoForm(i))
		}
	default:
		try(sc.englishMonthDay(i))
		try(sc.englishMonthYear(i))
		try(sc.englishRelative(i))
		if sc.agoAhead(i) {
			try(sc.agoForm(i))
		}
	}
	return best, found
}

// digits reads a plain run of digits (no separators): its value, end
// and length.
func (sc *dateScanner) digits(i int) (v, end, n int, ok bool) {
	end = i
	for end < len(sc.s) && n < 5 {
		r, w := txRuneAt(sc.s, end)
		d, isD := txDigitValue(r)
		if !isD {
			break
		}
		v = v*10 + d
		n++
		end += w
	}
	if n == 0 || n >= 5 {
		return 0, 0, 0, false
	}
	// 12345 or 1.234 is a number, not part of a date.
	if r, _ := txRuneAt(sc.s, end); numIsDigit(r) {
		return 0, 0, 0, false
	}
	return v, end, n, true
}

func dateDaysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func dateValid(y, m, d int) bool {
	return y >= 1800 && y <= 2300 && m >= 1 && m <= 12 && d >= 1 && d <= dateDaysIn(y, m)
}

// dateYearOK accepts four-digit years a news text may name.
func dateYearOK(y, n int) bool { return n == 4 && y >= 1800 && y <= 2300 }

// numeric reads ២៣/០៧/២០២៣, 23-07-2023, 23.07.2023 (day first, the
// Cambodian order; month first only when the day cannot be a month) and
// 2023-07-23.
func (sc *dateScanner) numeric(i int) (DateMatch, bool) {
	if p, _ := txRuneBefore(sc.s, i); i > 0 && (numIsDigit(p) || txIsLatinLetter(p)) {
		return DateMatch{}, false
	}
	a, e1, n1, ok := sc.digits(i)
	if !ok || e1 >= len(sc.s) {
		return DateMatch{}, false
	}
	sep := sc.s[e1]
	if sep != '/' && sep != '-' && sep != '.' {
		return DateMatch{}, false
	}
	b, e2, n2, ok := sc.digits(e1 + 1)
	if !ok || e2 >= len(sc.s) || sc.s[e2] != sep {
		return DateMatch{}, false
	}
	c, e3, n3, ok := sc.digits(e2 + 1)
	if !ok {
		return DateMatch{}, false
	}
	if e3 < len(sc.s) && (sc.s[e3] == sep) {
		if r, _ := txRuneAt(sc.s, e3+1); numIsDigit(r) {
			return DateMatch{}, false // 1.2.3.4
		}
	}
	var y, m, d int
	switch {
	case dateYearOK(a, n1) && n2 <= 2 && n3 <= 2:
		y, m, d = a, b, c
	case dateYearOK(c, n3) && n1 <= 2 && n2 <= 2:
		y, m, d = c, b, a
		if m > 12 && d <= 12 {
			m, d = d, m // 07/23/2023
		}
	default:
		return DateMatch{}, false
	}
	if !dateValid(y, m, d) {
		return DateMatch{}, false
	}
	return DateMatch{Start: i, End: e3, Date: Date{y, m, d, PrecisionDay}, Kind: DateAbsolute}, true
}

// resolveDM places a day and month without a year: the most recent
// occurrence on or before publication, or the next on or after it when
// future is set.
func (sc *dateScanner) resolveDM(m, d int, future bool) (Date, bool) {
	if !sc.hasPub {
		return Date{}, false
	}
	py, _, _ := lunarDaysToCivil(sc.pub)
	for k := 0; k <= 8; k++ {
		y := py - k
		if future {
			y = py + k
		}
		if !dateValid(y, m, d) {
			continue
		}
		dn := lunarCivilToDays(y, m, d)
		if (!future && dn <= sc.pub) || (future && dn >= sc.pub) {
			return Date{y, m, d, PrecisionDay}, true
		}
	}
	return Date{}, false
}

// resolveM places a month without a year, as resolveDM does.
func (sc *dateScanner) resolveM(m int, future bool) (Date, bool) {
	if !sc.hasPub {
		return Date{}, false
	}
	py, pm, _ := lunarDaysToCivil(sc.pub)
	y := py
	if !future && m > pm {
		y--
	}
	if future && m < pm {
		y++
	}
	return Date{y, m, 0, PrecisionMonth}, true
}

func (sc *dateScanner) pubYM() (int, int) {
	y, m, _ := lunarDaysToCivil(sc.pub)
	return y, m
}
