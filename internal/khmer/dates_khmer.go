package khmer

// Khmer date forms. Literals are matched with txMatchKhmerWord, which
// steps over zero-width spaces and treats ្ដ and ្ត alike.

type dateLit struct {
	lit string
	v   int
}

func dateLits(ls []dateLit) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.lit
	}
	return out
}

// Solar month names (Sanskrit-derived, used everywhere today).
var dateKhmerMonths = []dateLit{
	{"មករា", 1}, {"កុម្ភៈ", 2}, {"កុម្ភះ", 2}, {"កុម្ភា", 2}, {"កុម្ភ", 2}, {"មីនា", 3}, {"មេសា", 4},
	{"ឧសភា", 5}, {"មិថុនា", 6}, {"កក្កដា", 7}, {"សីហា", 8}, {"កញ្ញា", 9}, {"តុលា", 10},
	{"វិច្ឆិកា", 11}, {"វិច្ឆកា", 11}, {"ធ្នូ", 12},
}
var dateKhmerMonthLits = dateLits(dateKhmerMonths)

// Weekdays, Sunday = 0, with the spellings seen in print.
var dateKhmerWeekdays = []dateLit{
	{"អាទិត្យ", 0}, {"អាទិត្រ", 0}, {"ច័ន្ទ", 1}, {"ចន្ទ", 1}, {"អង្គារ", 2}, {"ពុធ", 3}, {"ពុទ្ធ", 3},
	{"ព្រហស្បតិ៍", 4}, {"ព្រហស្បតិ", 4}, {"ព្រហស្បត្តិ៍", 4}, {"ព្រហស្បត្តិ", 4}, {"ព្រហ", 4},
	{"សុក្រ", 5}, {"សៅរ៍", 6}, {"សៅរ", 6}, {"សៅ", 6},
}
var dateKhmerWeekdayLits = dateLits(dateKhmerWeekdays)

// Suffixes after a month or year that place it: this one, the coming one,
// the past one.
const (
	sufNone = iota
	sufThis
	sufNext
	sufLast
)

var dateKhmerSuffixes = []dateLit{
	{"នេះ", sufThis}, {"ខាងនេះ", sufNext}, {"ខាងមុខនេះ", sufNext}, {"ខាងមុខ", sufNext},
	{"ក្រោយ", sufNext}, {"មុន", sufLast}, {"កន្លងទៅ", sufLast}, {"កន្លងមក", sufLast},
}
var dateKhmerSuffixLits = dateLits(dateKhmerSuffixes)

// kw matches the longest of lits at i (after optional space when sp).
func (sc *dateScanner) kw(i int, lits []string) (end, idx int, ok bool) {
	return txMatchKhmerLongest(sc.s, i, lits)
}

func (sc *dateScanner) lit(i int, lit string) (int, bool) {
	return txMatchKhmerWord(sc.s, i, lit)
}

// suffix reads an optional placing suffix at byte j, or after a space
// when it is one that stands apart (ខែធ្នូ ខាងមុខ).
func (sc *dateScanner) suffix(j int) (int, int) {
	if e, idx, ok := sc.kw(j, dateKhmerSuffixLits); ok {
		return e, dateKhmerSuffixes[idx].v
	}
	if e, idx, ok := sc.kw(txSkipSpace(sc.s, j), dateKhmerSuffixLits); ok && dateKhmerSuffixes[idx].v != sufLast {
		return e, dateKhmerSuffixes[idx].v
	}
	return j, sufNone
}

// khmerYearAfter reads "ឆ្នាំ២០២៣", "ឆ្នាំ ២០២៣" or a bare "២០២៣" at j
// (after optional space).
func (sc *dateScanner) khmerYearAfter(j int) (y, end int, ok bool) {
	k := txSkipSpace(sc.s, j)
	if e, m := sc.lit(k, "ឆ្នាំ"); m {
		k = txSkipSpace(sc.s, e)
		if v, e2, n, ok := sc.digits(k); ok && dateYearOK(v, n) {
			return v, e2, true
		}
		return 0, 0, false
	}
	if v, e2, n, ok := sc.digits(k); ok && dateYearOK(v, n) {
		return v, e2, true
	}
	return 0, 0, false
}

// khmerDayMonth reads the day forms: ថ្ងៃទី២៣ ខែកក្កដា ឆ្នាំ២០២៣,
// ថ្ងៃសៅរ៍ ទី២៧ ខែកក្កដា ឆ្នាំ២០២៤, ទី២៣ កក្កដា ២០២៣, ២៣ កក្កដា ២០២៣,
// ថ្ងៃទី ២៤ ធ្នូ, ថ្ងៃទី២០ ខែវិច្ឆិកានេះ, ថ្ងៃទី២៣ ខែនេះ.
func (sc *dateScanner) khmerDayMonth(i int) (DateMatch, bool) {
	j := i
	marked := false // ថ្ងៃ or ទី seen: the number is a day
	if e, ok := sc.lit(j, "ថ្ងៃ"); ok {
		j = e
		marked = true
		k := txSkipSpace(sc.s, j)
		if e2, _, ok := sc.kw(k, dateKhmerWeekdayLits); ok {
			j = e2
		}
	}
	if e, ok := sc.lit(txSkipSpace(sc.s, j), "ទី"); ok && (marked || j == i) {
		j = e
		marked = true
	}
	k := txSkipSpace(sc.s, j)
	if !marked && k != i {
		return DateMatch{}, false
	}
	d, e, n, ok := sc.digits(k)
	if !ok || n > 2 || d < 1 || d > 31 {
		return DateMatch{}, false
	}
	j = e
	k = txSkipSpace(sc.s, j)
	month := 0
	rel := 0 // ខែនេះ = 1, ខែមុន = -1 … as a month offset, when set
	relSet := false
	if e, ok := sc.lit(k, "ខែ"); ok {
		k2 := txSkipSpace(sc.s, e)
		if e2, idx, ok := sc.kw(k2, dateKhmerMonthLits); ok {
			month, j = dateKhmerMonths[idx].v, e2
		} else if v, e2, n, ok := sc.digits(k2); ok && n <= 2 && v >= 1 && v <= 12 {
			// ថ្ងៃទី២៣ ខែ០៧ ឆ្នាំ២០២៣: a month in figures needs its year
			y, e3, ok := sc.khmerYearAfter(e2)
			if !ok || !dateValid(y, v, d) {
				return DateMatch{}, false
			}
			return DateMatch{Start: i, End: e3, Date: Date{y, v, d, PrecisionDay}, Kind: DateAbsolute}, true
		} else if e2, idx, ok := sc.kw(e, dateKhmerSuffixLits); ok && marked {
			switch dateKhmerSuffixes[idx].v {
			case sufThis:
				rel, relSet = 0, true
			case sufLast:
				rel, relSet = -1, true
			case sufNext:
				rel, relSet = 1, true
			}
			j = e2
		} else {
			return DateMatch{}, false
		}
	} else if e2, idx, ok := sc.kw(k, dateKhmerMonthLits); ok {
		month, j = dateKhmerMonths[idx].v, e2
	} else if marked {
		// ថ្ងៃទី៤ ដល់ថ្ងៃទី៦ ខែមីនា: the first day of a range takes the
		// month and year of the second.
		k2 := k
		for _, l := range []string{"ដល់", "-", "–", "និង", "ទៅ"} {
			if e, ok := txMatchKhmer(sc.s, k, l); ok {
				k2 = txSkipSpace(sc.s, e)
				break
			}
		}
		if k2 == k {
			return sc.khmerDayOnly(i, j, d)
		}
		second, ok := sc.khmerDayMonth(k2)
		if !ok || second.Date.Precision != PrecisionDay || !dateValid(second.Date.Year, second.Date.Month, d) || d > second.Date.Day {
			return DateMatch{}, false
		}
		return DateMatch{Start: i, End: j, Date: Date{second.Date.Year, second.Date.Month, d, PrecisionDay}, Kind: second.Kind}, true
	} else {
		return DateMatch{}, false
	}
	if relSet {
		if !sc.hasPub {
			return DateMatch{}, false
		}
		py, pm := sc.pubYM()
		mm := py*12 + pm - 1 + rel
		y, m := mm/12, mm%12+1
		if !dateValid(y, m, d) {
			return DateMatch{}, false
		}
		return DateMatch{Start: i, End: j, Date: Date{y, m, d, PrecisionDay}, Kind: DateRelative}, true
	}
	if y, e, ok := sc.khmerYearAfter(j); ok {
		if !dateValid(y, month, d) {
			return DateMatch{}, false
		}
		if e2, idx, ok := sc.kw(e, dateKhmerSuffixLits); ok && dateKhmerSuffixes[idx].v != sufLast {
			e = e2 // ឆ្នាំ២០២១ខាងនេះ
		}
		return DateMatch{Start: i, End: e, Date: Date{y, month, d, PrecisionDay}, Kind: DateAbsolute}, true
	}
	if !sc.hasPub {
		return DateMatch{}, false
	}
	if e, n, ok := sc.yearWord(j); ok {
		py, _ := sc.pubYM()
		if !dateValid(py+n, month, d) {
			return DateMatch{}, false
		}
		return DateMatch{Start: i, End: e, Date: Date{py + n, month, d, PrecisionDay}, Kind: DateRelative}, true
	}
	end, suf := sc.suffix(j)
	var dt Date
	switch suf {
	case sufThis:
		py, _ := sc.pubYM()
		if !dateValid(py, month, d) {
			return DateMatch{}, false
		}
		dt = Date{py, month, d, PrecisionDay}
	case sufNext:
		dt, ok = sc.resolveDM(month, d, true)
	default:
		end = j
		dt, ok = sc.resolveDM(month, d, false)
	}
	if !ok {
		return DateMatch{}, false
	}
	return DateMatch{Start: i, End: end, Date: dt, Kind: DateAbsolute}, true
}

// khmerDayOnly reads a day of the month written without its month, in
// the two forms that place it: ថ្ងៃទី២៧ នេះ (this month) and
// កាលពីថ្ងៃទី២៧ (the latest 27th on or before publication).
func (sc *dateScanner) khmerDayOnly(i, j, d int) (DateMatch, bool) {
	if !sc.hasPub {
		return DateMatch{}, false
	}
	py, pm := sc.pubYM()
	if e, ok := sc.lit(txSkipSpace(sc.s, j), "នេះ"); ok {
		if !dateValid(py, pm, d) {
			return DateMatch{}, false
		}
		return DateMatch{Start: i, End: e, Date: Date{py, pm, d, PrecisionDay}, Kind: DateRelative}, true
	}
	k := txBackSpace(sc.s, i)
	if st, _, ok := sc.endsWithAny(k, dateKhmerDayParts); ok {
		k = txBackSpace(sc.s, st)
	}
	if _, _, ok := sc.endsWithAny(k, []string{"កាលពី"}); !ok {
		return DateMatch{}, false
	}
	for back := 0; back < 3; back++ {
		mm := py*12 + pm - 1 - back
		y, m := mm/12, mm%12+1
		if dateValid(y, m, d) && lunarCivilToDays(y, m, d) <= sc.pub {
			return DateMatch{Start: i, End: j, Date: Date{y, m, d, PrecisionDay}, Kind: DateRelative}, true
		}
	}
	return DateMatch{}, false
}

// endsWithAny reports which of lits ends just before byte k.
func (sc *dateScanner) endsWithAny(k int, lits []string) (start, idx int, ok bool) {
	for n, l := range lits {
		if st, ok := txEndsWithKhmer(sc.s, k, l); ok {
			return st, n, true
		}
	}
	return 0, 0, false
}

// khmerMonthYear reads ខែកក្កដា ឆ្នាំ២០២៣, ខែកក្កដា ២០២៣, ខែកក្កដា,
// ខែវិច្ឆិកានេះ, ខែធ្នូ ខាងមុខ.
func (sc *dateScanner) khmerMonthYear(i int) (DateMatch, bool) {
	e, ok := sc.lit(i, "ខែ")
	if !ok {
		return DateMatch{}, false
	}
	e2, idx, ok := sc.kw(txSkipSpace(sc.s, e), dateKhmerMonthLits)
	if !ok {
		// ខែ០៧ ឆ្នាំ២០២៣
		v, e3, n, ok := sc.digits(txSkipSpace(sc.s, e))
		if !ok || n > 2 || v < 1 || v > 12 {
			return DateMatch{}, false
		}
		k := txSkipSpace(sc.s, e3)
		if _, ok := sc.lit(k, "ឆ្នាំ"); !ok {
			return DateMatch{}, false // "៦ ខែ ២០២៣" is not a month
		}
		y, e4, ok := sc.khmerYearAfter(e3)
		if !ok {
			return DateMatch{}, false
		}
		return DateMatch{Start: i, End: e4, Date: Date{y, v, 0, PrecisionMonth}, Kind: DateAbsolute}, true
	}
	month := dateKhmerMonths[idx].v
	if y, e3, ok := sc.khmerYearAfter(e2); ok {
		return DateMatch{Start: i, End: e3, Date: Date{y, month, 0, PrecisionMonth}, Kind: DateAbsolute}, true
	}
	if !sc.hasPub {
		return DateMatch{}, false
	}
	if e3, n, ok := sc.yearWord(e2); ok {
		py, _ := sc.pubYM()
		return DateMatch{Start: i, End: e3, Date: Date{py + n, month, 0, PrecisionMonth}, Kind: DateRelative}, true
	}
	end, suf := sc.suffix(e2)
	var dt Date
	switch suf {
	case sufThis:
		py, _ := sc.pubYM()
		dt = Date{py, month, 0, PrecisionMonth}
	case sufNext:
		dt, _ = sc.resolveM(month, true)
	default:
		end = e2
		dt, _ = sc.resolveM(month, false)
	}
	return DateMatch{Start: i, End: end, Date: dt, Kind: DateAbsolute}, true
}

// khmerYear reads ឆ្នាំ២០២៣ and ឆ្នាំ ២០២២នេះ.
func (sc *dateScanner) khmerYear(i int) (DateMatch, bool) {
	if _, ok := sc.lit(i, "ឆ្នាំ"); !ok {
		return DateMatch{}, false
	}
	y, e, ok := sc.khmerYearAfter(i)
	if !ok {
		return DateMatch{}, false
	}
	if e2, idx, ok := sc.kw(e, dateKhmerSuffixLits); ok && dateKhmerSuffixes[idx].v != sufLast {
		e = e2
	}
	return DateMatch{Start: i, End: e, Date: Date{y, 0, 0, PrecisionYear}, Kind: DateAbsolute}, true
}

// beLits introduce a Buddhist Era year.
var beLits = []string{"ព.ស.", "ព.ស", "ព. ស.", "ពុទ្ធសករាជ"}

// beYearAt reads a BE year introduced by ព.ស. at i.
func (sc *dateScanner) beYearAt(i int) (be, end int, ok bool) {
	best := 0
	for _, l := range beLits {
		if e, m := txMatchKhmer(sc.s, i, l); m && e > best && txKhmerStartOK(sc.s, i) {
			best = e
		}
	}
	if best == 0 {
		return 0, 0, false
	}
	v, e, n, ok := sc.digits(txSkipSpace(sc.s, best))
	if !ok || n != 4 || v < 2300 || v > 2900 {
		return 0, 0, false
	}
	return v, e, true
}

// buddhistEra reads ព.ស.២៥៦៧ on its own. A BE year spans two Gregorian
// years (it starts after Visakha Bochea); it is reported as the year in
// which it starts (BE−544), or as the publication year when the document
// was published within that BE year.
func (sc *dateScanner) buddhistEra(i int) (DateMatch, bool) {
	be, e, ok := sc.beYearAt(i)
	if !ok {
		return DateMatch{}, false
	}
	y := be - 544
	if sc.hasPub && lunarBEOfDay(sc.pub) == be {
		y, _ = sc.pubYM()
	}
	return DateMatch{Start: i, End: e, Date: Date{y, 0, 0, PrecisionYear}, Kind: DateAbsolute}, true
}

// Relative forms. kind: day offset, week, month or year offset, or the
// part of this month/year before publication.
const (
	relDay = iota
	relWeek
	relMonth
	relYear
	relEarlierWeek
	relEarlierMonth
	relEarlierYear
	relWeekend // n = -1: the last Saturday and Sunday; 0: the nearest on or before publication
)

type dateRel struct {
	lit  string
	kind int
	n    int
}

var dateKhmerRels = []dateRel{
	{"ម្សិលមិញ", relDay, -1}, {"ម្សិលម៉ិញ", relDay, -1}, {"ថ្ងៃម្សិលមិញ", relDay, -1},
	{"ព្រឹកម្សិលមិញ", relDay, -1}, {"រសៀលម្សិលមិញ", relDay, -1}, {"ល្ងាចម្សិលមិញ", relDay, -1},
	{"យប់ម្សិលមិញ", relDay, -1}, {"យប់មិញ", relDay, -1}, {"ម្សិលម្ងៃ", relDay, -2},
	{"ថ្ងៃនេះ", relDay, 0}, {"ព្រឹកនេះ", relDay, 0}, {"ព្រឹកមិញ", relDay, 0}, {"រសៀលនេះ", relDay, 0},
	{"ល្ងាចនេះ", relDay, 0}, {"យប់នេះ", relDay, 0}, {"ល្ងាចមិញ", relDay, 0}, {"រសៀលមិញ", relDay, 0},
	{"ថ្ងៃស្អែក", relDay, 1}, {"ស្អែក", relDay, 1}, {"ព្រឹកស្អែក", relDay, 1},
	{"សប្តាហ៍មុន", relWeek, -1}, {"សប្តាហ៍កន្លងទៅ", relWeek, -1}, {"សប្តាហ៍កន្លងមក", relWeek, -1},
	{"អាទិត្យមុន", relWeek, -1}, {"អាទិត្យកន្លងទៅ", relWeek, -1},
	{"សប្តាហ៍នេះ", relWeek, 0}, {"សប្តាហ៍ក្រោយ", relWeek, 1}, {"សប្តាហ៍ខាងមុខ", relWeek, 1},
	{"អាទិត្យក្រោយ", relWeek, 1}, {"ដើមសប្តាហ៍នេះ", relEarlierWeek, 0},
	{"ចុងសប្តាហ៍មុន", relWeekend, -1}, {"ចុងសប្តាហ៍កន្លងទៅ", relWeekend, -1}, {"ចុងសប្តាហ៍នេះ", relWeekend, 0},
	{"ខែមុន", relMonth, -1}, {"ខែកន្លងទៅ", relMonth, -1}, {"ខែកន្លងមក", relMonth, -1}, {"ខែនេះ", relMonth, 0},
	{"ខែក្រោយ", relMonth, 1}, {"ខែខាងមុខ", relMonth, 1}, {"ដើមខែនេះ", relEarlierMonth, 0},
	{"ឆ្នាំមុន", relYear, -1}, {"ឆ្នាំទៅ", relYear, -1}, {"ឆ្នាំកន្លងទៅ", relYear, -1}, {"ឆ្នាំកន្លងមក", relYear, -1},
	{"ឆ្នាំនេះ", relYear, 0}, {"ឆ្នាំក្រោយ", relYear, 1}, {"ឆ្នាំខាងមុខ", relYear, 1},
	{"ដើមឆ្នាំនេះ", relEarlierYear, 0},
}

var dateKhmerRelLits = func() []string {
	out := make([]string, len(dateKhmerRels))
	for i, r := range dateKhmerRels {
		out[i] = r.lit
	}
	return out
}()

// resolveRel turns a relative form into a date.
func (sc *dateScanner) resolveRel(kind, n int) (Date, bool) {
	if !sc.hasPub {
		return Date{}, false
	}
	py, pm := sc.pubYM()
	monday := sc.pub - ((sc.pub+3)%7+7)%7 // day 0 (1970-01-01) was a Thursday
	switch kind {
	case relDay:
		return dateDay(sc.pub + n), true
	case relWeek:
		a := monday + 7*n
		b := a + 6
		if n == 0 {
			b = sc.pub
		}
		d := dateSpan(a, b)
		return d, !d.IsZero()
	case relEarlierWeek:
		d := dateSpan(monday, sc.pub)
		return d, !d.IsZero()
	case relWeekend:
		sat := monday - 2 // the weekend before this week
		if n == 0 && sc.pub >= monday+5 {
			sat = monday + 5 // said on the weekend itself
		}
		end := min(sat+1, max(sat, sc.pub))
		d := dateSpan(sat, end)
		return d, !d.IsZero()
	case relMonth:
		mm := py*12 + pm - 1 + n
		return Date{mm / 12, mm%12 + 1, 0, PrecisionMonth}, true
	case relEarlierMonth:
		return Date{py, pm, 0, PrecisionMonth}, true
	case relYear:
		return Date{py + n, 0, 0, PrecisionYear}, true
	case relEarlierYear:
		return Date{py, 0, 0, PrecisionYear}, true
	}
	return Date{}, false
}

// weekday resolves a weekday: mode sufNone for the latest on or before
// publication, sufLast strictly before, sufNext strictly after, sufThis in
// the publication's week (Monday to Sunday); lastWeek for "of last week".
func (sc *dateScanner) weekday(wd, mode int, lastWeek bool) (Date, bool) {
	if !sc.hasPub {
		return Date{}, false
	}
	pubWd := ((sc.pub+4)%7 + 7) % 7 // Sunday = 0
	switch {
	case lastWeek:
		monday := sc.pub - (pubWd+6)%7
		return dateDay(monday - 7 + (wd+6)%7), true
	case mode == sufThis:
		monday := sc.pub - (pubWd+6)%7
		return dateDay(monday + (wd+6)%7), true
	case mode == sufNext:
		d := (wd - pubWd + 7) % 7
		if d == 0 {
			d = 7
		}
		return dateDay(sc.pub + d), true
	case mode == sufLast:
		d := (pubWd - wd + 7) % 7
		if d == 0 {
			d = 7
		}
		return dateDay(sc.pub - d), true
	}
	return dateDay(sc.pub - (pubWd-wd+7)%7), true
}

var dateKhmerDayParts = []string{"ព្រឹក", "រសៀល", "ល្ងាច", "យប់", "ថ្ងៃត្រង់"}

// khmerRelative reads the deictic forms and weekdays: ម្សិលមិញ, ថ្ងៃនេះ,
// សប្តាហ៍មុន, ខែមុន, ថ្ងៃអង្គារ, ព្រឹកថ្ងៃច័ន្ទ, ថ្ងៃសុក្រមុន,
// ថ្ងៃពុធសប្តាហ៍មុន.
func (sc *dateScanner) khmerRelative(i int) (DateMatch, bool) {
	var best DateMatch
	found := false
	if e, idx, ok := sc.kw(i, dateKhmerRelLits); ok {
		r := dateKhmerRels[idx]
		// "៣ ខែមុន" is three months ago: agoForm reads it from the number.
		if p := txBackSpace(sc.s, i); p > 0 {
			if pr, _ := txRuneBefore(sc.s, p); numIsDigit(pr) && r.kind != relDay {
				return DateMatch{}, false
			}
		}
		if d, ok := sc.resolveRel(r.kind, r.n); ok {
			best, found = DateMatch{Start: i, End: e, Date: d, Kind: DateRelative}, true
		}
	}
	j := i
	if e, _, ok := sc.kw(j, dateKhmerDayParts); ok {
		j = e
	}
	e, ok := sc.lit(j, "ថ្ងៃ")
	if !ok {
		return best, found
	}
	e2, idx, ok := sc.kw(txSkipSpace(sc.s, e), dateKhmerWeekdayLits)
	if !ok {
		return best, found
	}
	// A day of the month follows: the absolute form reads it.
	k := txSkipSpace(sc.s, e2)
	if _, ok := sc.lit(k, "ទី"); ok {
		return best, found
	}
	if r, _ := txRuneAt(sc.s, k); numIsDigit(r) {
		return best, found
	}
	end := e2
	mode := sufNone
	lastWeek := false
	if e3, ok := sc.lit(txSkipSpace(sc.s, e2), "សប្តាហ៍មុន"); ok {
		end, lastWeek = e3, true
	} else if e3, idx2, ok := sc.kw(e2, dateKhmerSuffixLits); ok && dateKhmerSuffixes[idx2].v != sufNone {
		end, mode = e3, dateKhmerSuffixes[idx2].v
	}
	d, ok := sc.weekday(dateKhmerWeekdays[idx].v, mode, lastWeek)
	if ok && (!found || end > best.End) {
		best, found = DateMatch{Start: i, End: end, Date: d, Kind: DateRelative}, true
	}
	return best, found
}
