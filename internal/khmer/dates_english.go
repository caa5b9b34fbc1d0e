package khmer

// English date forms. Month and weekday names must be capitalised, as
// they are in edited English: "march", "may" and "sun" are words too.

var dateEnglishMonths = []dateLit{
	{"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
	{"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11}, {"december", 12},
	{"jan.", 1}, {"feb.", 2}, {"mar.", 3}, {"apr.", 4}, {"jun.", 6}, {"jul.", 7}, {"aug.", 8},
	{"sep.", 9}, {"sept.", 9}, {"oct.", 10}, {"nov.", 11}, {"dec.", 12},
	{"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6}, {"jul", 7}, {"aug", 8},
	{"sep", 9}, {"sept", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
}

var dateEnglishWeekdays = []dateLit{
	{"sunday", 0}, {"monday", 1}, {"tuesday", 2}, {"wednesday", 3}, {"thursday", 4}, {"friday", 5}, {"saturday", 6},
}

// latinLongest matches the longest capitalised literal at i.
func (sc *dateScanner) latinLongest(i int, ls []dateLit) (end, v int, ok bool) {
	if i >= len(sc.s) || sc.s[i] < 'A' || sc.s[i] > 'Z' {
		return 0, 0, false
	}
	for _, l := range ls {
		if e, m := txMatchLatin(sc.s, i, l.lit); m && e > end {
			end, v, ok = e, l.v, true
		}
	}
	return end, v, ok
}

// month reads a capitalised English month name at i; abbreviations only
// with a capital and, for the short bare forms, not inside a sentence of
// capitals (JUN is not a month).
func (sc *dateScanner) month(i int) (end, m int, ok bool) {
	return sc.latinLongest(i, dateEnglishMonths)
}

// dayAfter reads a day of the month at i: 23, 23rd, 1st.
func (sc *dateScanner) dayAfter(i int) (d, end int, ok bool) {
	v, e, n, ok := sc.digits(i)
	if !ok || n > 2 || v < 1 || v > 31 {
		return 0, 0, false
	}
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if e2, m := txMatchLatinPrefix(sc.s, e, suf); m {
			if r, _ := txRuneAt(sc.s, e2); !txIsWordRune(r) {
				return v, e2, true
			}
		}
	}
	if r, _ := txRuneAt(sc.s, e); e < len(sc.s) && txIsLatinLetter(r) {
		return 0, 0, false
	}
	return v, e, true
}

// yearAfter reads ", 2023" or " 2023" at i.
func (sc *dateScanner) yearAfter(i int) (y, end int, ok bool) {
	k := i
	if k < len(sc.s) && sc.s[k] == ',' {
		k++
	}
	k = txSkipSpace(sc.s, k)
	if k == i {
		return 0, 0, false
	}
	v, e, n, ok := sc.digits(k)
	if !ok || !dateYearOK(v, n) {
		return 0, 0, false
	}
	if r, _ := txRuneAt(sc.s, e); e < len(sc.s) && (txIsLatinLetter(r) || r == '-' || r == '/') {
		return 0, 0, false
	}
	return v, e, true
}

// weekdayPrefix reads "Tuesday, " or "Tuesday " before a date.
func (sc *dateScanner) weekdayPrefix(i int) int {
	if e, _, ok := sc.latinLongest(i, dateEnglishWeekdays); ok {
		k := e
		if k < len(sc.s) && sc.s[k] == ',' {
			k++
		}
		return txSkipSpace(sc.s, k)
	}
	return i
}

// englishMonthDay reads July 23, 2023; Tuesday, July 25; Jan. 22; the
// 23rd of July 2023 (starting at a letter).
func (sc *dateScanner) englishMonthDay(i int) (DateMatch, bool) {
	k := sc.weekdayPrefix(i)
	if r, _ := txRuneAt(sc.s, k); k > i && numIsDigit(r) {
		// Sunday, 9 April 2023
		m, ok := sc.englishDayMonth(k)
		m.Start = i
		return m, ok
	}
	if e, m, ok := sc.month(k); ok {
		k2 := txSkipSpace(sc.s, e)
		if k2 == e && sc.s[e-1] != '.' {
			return DateMatch{}, false
		}
		d, e2, ok := sc.dayAfter(k2)
		if !ok {
			return DateMatch{}, false
		}
		return sc.finishDM(i, e2, m, d)
	}
	if e, ok := txMatchLatin(sc.s, k, "the"); ok {
		d, e2, ok := sc.dayAfter(txSkipSpace(sc.s, e))
		if !ok {
			return DateMatch{}, false
		}
		e3, ok := txMatchLatin(sc.s, txSkipSpace(sc.s, e2), "of")
		if !ok {
			return DateMatch{}, false
		}
		e4, m, ok := sc.month(txSkipSpace(sc.s, e3))
		if !ok {
			return DateMatch{}, false
		}
		return sc.finishDM(i, e4, m, d)
	}
	return DateMatch{}, false
}

// englishDayMonth reads 23 July 2023, 23rd July, 9 Jan. (starting at a
// digit).
func (sc *dateScanner) englishDayMonth(i int) (DateMatch, bool) {
	if p, _ := txRuneBefore(sc.s, i); i > 0 && (numIsDigit(p) || txIsLatinLetter(p)) {
		return DateMatch{}, false
	}
	d, e, ok := sc.dayAfter(i)
	if !ok {
		return DateMatch{}, false
	}
	k := txSkipSpace(sc.s, e)
	if k == e {
		return DateMatch{}, false
	}
	if e2, ok := txMatchLatin(sc.s, k, "of"); ok {
		k = txSkipSpace(sc.s, e2)
	}
	e3, m, ok := sc.month(k)
	if !ok {
		return DateMatch{}, false
	}
	return sc.finishDM(i, e3, m, d)
}

// finishDM adds an optional year after end and resolves the date.
func (sc *dateScanner) finishDM(start, end, m, d int) (DateMatch, bool) {
	if y, e, ok := sc.yearAfter(end); ok {
		if !dateValid(y, m, d) {
			return DateMatch{}, false
		}
		return DateMatch{Start: start, End: e, Date: Date{y, m, d, PrecisionDay}, Kind: DateAbsolute}, true
	}
	if e, n, ok := sc.yearWord(end); ok {
		if !sc.hasPub {
			return DateMatch{}, false
		}
		py, _ := sc.pubYM()
		if !dateValid(py+n, m, d) {
			return DateMatch{}, false
		}
		return DateMatch{Start: start, End: e, Date: Date{py + n, m, d, PrecisionDay}, Kind: DateRelative}, true
	}
	dt, ok := sc.resolveDM(m, d, sc.futureBefore(start))
	if !ok {
		return DateMatch{}, false
	}
	return DateMatch{Start: start, End: end, Date: dt, Kind: DateAbsolute}, true
}

// yearWord reads " last year", " this year", " next year" after a month
// or day (August last year), or the Khmer ឆ្នាំមុន, ឆ្នាំនេះ, ឆ្នាំក្រោយ,
// giving the year offset.
func (sc *dateScanner) yearWord(i int) (end, n int, ok bool) {
	k := txSkipSpace(sc.s, i)
	for _, w := range []struct {
		lit string
		n   int
	}{{"last year", -1}, {"this year", 0}, {"next year", 1}, {"the previous year", -1}, {"the following year", 1}} {
		if k > i {
			if e, ok := txMatchLatin(sc.s, k, w.lit); ok {
				return e, w.n, true
			}
		}
	}
	for _, w := range []struct {
		lit string
		n   int
	}{{"ឆ្នាំមុន", -1}, {"ឆ្នាំទៅ", -1}, {"ឆ្នាំកន្លងទៅ", -1}, {"ឆ្នាំនេះ", 0}, {"ឆ្នាំក្រោយ", 1}, {"ឆ្នាំខាងមុខ", 1}} {
		if e, ok := txMatchKhmerWord(sc.s, k, w.lit); ok {
			return e, w.n, true
		}
	}
	return 0, 0, false
}

// futureBefore reports words before i that point a yearless date forward
// ("will be held on July 9", "until", "next").
func (sc *dateScanner) futureBefore(i int) bool {
	k := txBackSpace(sc.s, i)
	for _, w := range []string{"on", "in", "by", "from"} {
		if st, ok := txEndsWithLatin(sc.s, k, w); ok {
			k = txBackSpace(sc.s, st)
			break
		}
	}
	for _, w := range []string{"will be", "will", "scheduled for", "due", "until", "next"} {
		if _, ok := txEndsWithLatin(sc.s, k, w); ok {
			return true
		}
	}
	return false
}

var dateEnglishMonthPreps = []string{"the", "in", "since", "during", "until", "by", "from", "of", "early", "late", "mid", "mid-", "before", "after", "throughout", "last", "this", "next", "to", "through", "between", "and"}

// englishMonthYear reads July 2023, July, 2023, and a lone month after a
// preposition (in June, since March, mid-June).
func (sc *dateScanner) englishMonthYear(i int) (DateMatch, bool) {
	e, m, ok := sc.month(i)
	if !ok {
		return DateMatch{}, false
	}
	if y, e2, ok := sc.yearAfter(e); ok {
		return DateMatch{Start: i, End: e2, Date: Date{y, m, 0, PrecisionMonth}, Kind: DateAbsolute}, true
	}
	if e2, n, ok := sc.yearWord(e); ok {
		if !sc.hasPub {
			return DateMatch{}, false
		}
		py, _ := sc.pubYM()
		return DateMatch{Start: i, End: e2, Date: Date{py + n, m, 0, PrecisionMonth}, Kind: DateRelative}, true
	}
	k := txBackSpace(sc.s, i)
	if k > 0 && sc.s[k-1] == '-' {
		k-- // mid-June
	}
	for _, p := range dateEnglishMonthPreps {
		if st, ok := txEndsWithLatin(sc.s, k, p); ok {
			future := p == "next" || p == "until" || sc.futureBefore(st)
			if p == "last" {
				future = false
			}
			dt, ok := sc.resolveM(m, future)
			if !ok {
				return DateMatch{}, false
			}
			if p == "last" || p == "this" || p == "next" {
				// "last July": strictly before the publication month.
				py, pm := sc.pubYM()
				switch {
				case p == "last" && dt.Year == py && m >= pm:
					dt.Year--
				case p == "next" && dt.Year == py && m <= pm:
					dt.Year++
				case p == "this":
					dt.Year = py
				}
				return DateMatch{Start: st, End: e, Date: dt, Kind: DateRelative}, true
			}
			return DateMatch{Start: i, End: e, Date: dt, Kind: DateAbsolute}, true
		}
	}
	return DateMatch{}, false
}

var dateEnglishYearPreps = []string{"in", "since", "during", "until", "by", "from", "of", "early", "late", "mid", "mid-", "before", "after", "throughout", "year", "to", "through", "between", "and", "fiscal"}

// englishYear reads a year after a preposition: in 2023, since 2017.
func (sc *dateScanner) englishYear(i int) (DateMatch, bool) {
	if p, _ := txRuneBefore(sc.s, i); i > 0 && (numIsDigit(p) || txIsLatinLetter(p)) {
		return DateMatch{}, false
	}
	v, e, n, ok := sc.digits(i)
	if !ok || !dateYearOK(v, n) {
		return DateMatch{}, false
	}
	if r, _ := txRuneAt(sc.s, e); e < len(sc.s) && (txIsLatinLetter(r) || numIsDigit(r) || r == '-' || r == '/' || r == ',' && e+1 < len(sc.s) && sc.s[e+1] >= '0' && sc.s[e+1] <= '9') {
		return DateMatch{}, false
	}
	k := txBackSpace(sc.s, i)
	if k > 0 && sc.s[k-1] == '-' {
		k--
	}
	for _, p := range dateEnglishYearPreps {
		if _, ok := txEndsWithLatin(sc.s, k, p); ok {
			return DateMatch{Start: i, End: e, Date: Date{v, 0, 0, PrecisionYear}, Kind: DateAbsolute}, true
		}
	}
	return DateMatch{}, false
}

var dateEnglishRels = []dateRel{
	{"yesterday", relDay, -1}, {"today", relDay, 0}, {"tonight", relDay, 0}, {"tomorrow", relDay, 1},
	{"this morning", relDay, 0}, {"this afternoon", relDay, 0}, {"this evening", relDay, 0},
	{"last night", relDay, -1}, {"yesterday morning", relDay, -1}, {"yesterday afternoon", relDay, -1},
	{"yesterday evening", relDay, -1}, {"the day before yesterday", relDay, -2},
	{"last week", relWeek, -1}, {"this week", relWeek, 0}, {"next week", relWeek, 1},
	{"earlier this week", relEarlierWeek, 0}, {"the previous week", relWeek, -1}, {"the past week", relWeek, -1},
	{"last month", relMonth, -1}, {"this month", relMonth, 0}, {"next month", relMonth, 1},
	{"earlier this month", relEarlierMonth, 0}, {"early this month", relEarlierMonth, 0},
	{"late last month", relMonth, -1}, {"early last month", relMonth, -1}, {"the previous month", relMonth, -1},
	{"last weekend", relWeekend, -1}, {"over the weekend", relWeekend, 0}, {"this weekend", relWeekend, 0},
	{"the past weekend", relWeekend, -1},
	{"last year", relYear, -1}, {"this year", relYear, 0}, {"next year", relYear, 1},
	{"earlier this year", relEarlierYear, 0}, {"early this year", relEarlierYear, 0},
	{"late last year", relYear, -1}, {"early last year", relYear, -1}, {"the previous year", relYear, -1},
}

// englishRelative reads yesterday, last week, earlier this month, on
// Tuesday, last Friday, next Monday.
func (sc *dateScanner) englishRelative(i int) (DateMatch, bool) {
	var best DateMatch
	found := false
	for _, r := range dateEnglishRels {
		e, ok := txMatchLatin(sc.s, i, r.lit)
		if !ok || (found && e <= best.End) {
			continue
		}
		if d, ok := sc.resolveRel(r.kind, r.n); ok {
			best, found = DateMatch{Start: i, End: e, Date: d, Kind: DateRelative}, true
		}
	}
	mode := sufNone
	k := i
	for _, w := range []struct {
		lit  string
		mode int
	}{{"last", sufLast}, {"next", sufNext}, {"this", sufThis}, {"this past", sufLast}, {"this coming", sufNext}} {
		if e, ok := txMatchLatin(sc.s, i, w.lit); ok {
			if k2 := txSkipSpace(sc.s, e); k2 > k {
				if _, _, ok := sc.latinLongest(k2, dateEnglishWeekdays); ok {
					k, mode = k2, w.mode
				}
			}
		}
	}
	e, wd, ok := sc.latinLongest(k, dateEnglishWeekdays)
	if !ok {
		return best, found
	}
	// "Tuesday, July 25" is read by englishMonthDay.
	if k == i {
		k2 := e
		if k2 < len(sc.s) && sc.s[k2] == ',' {
			k2++
		}
		k2 = txSkipSpace(sc.s, k2)
		if _, _, ok := sc.month(k2); ok {
			return best, found
		}
		if r, _ := txRuneAt(sc.s, k2); numIsDigit(r) {
			return best, found
		}
	}
	d, ok := sc.weekday(wd, mode, false)
	if ok && (!found || e > best.End) {
		best, found = DateMatch{Start: i, End: e, Date: d, Kind: DateRelative}, true
	}
	return best, found
}

// agoForm reads "three days ago", "2 weeks ago", "៣ ថ្ងៃមុន", "ប្រាំមួយខែមុន",
// "a year ago".
func (sc *dateScanner) agoForm(i int) (DateMatch, bool) {
	var n int64
	var j int
	if e, ok := txMatchLatin(sc.s, i, "a"); ok {
		n, j = 1, e
	} else if e, ok := txMatchLatin(sc.s, i, "an"); ok {
		n, j = 1, e
	} else {
		m, ok := numScanAt(sc.s, i, true)
		if !ok || m.Value <= 0 || m.Value > 100 {
			return DateMatch{}, false
		}
		n, j = m.Value, m.End
	}
	k := txSkipSpace(sc.s, j)
	unit := -1
	var e int
	for _, u := range []struct {
		lit  string
		kind int
	}{{"days", relDay}, {"day", relDay}, {"weeks", relWeek}, {"week", relWeek}, {"months", relMonth}, {"month", relMonth}, {"years", relYear}, {"year", relYear}} {
		if e2, ok := txMatchLatin(sc.s, k, u.lit); ok {
			unit, e = u.kind, e2
			break
		}
	}
	if unit >= 0 {
		e2, ok := txMatchLatin(sc.s, txSkipSpace(sc.s, e), "ago")
		if !ok {
			return DateMatch{}, false
		}
		e = e2
	} else {
		for _, u := range []struct {
			lit  string
			kind int
		}{{"ថ្ងៃ", relDay}, {"សប្តាហ៍", relWeek}, {"អាទិត្យ", relWeek}, {"ខែ", relMonth}, {"ឆ្នាំ", relYear}} {
			if e2, ok := txMatchKhmer(sc.s, k, u.lit); ok {
				unit, e = u.kind, e2
				break
			}
		}
		if unit < 0 {
			return DateMatch{}, false
		}
		e2, ok := txMatchKhmer(sc.s, txSkipSpace(sc.s, e), "មុន")
		if !ok {
			if e2, ok = txMatchKhmer(sc.s, txSkipSpace(sc.s, e), "កន្លងទៅ"); !ok {
				return DateMatch{}, false
			}
		}
		// "៣ ថ្ងៃមុនការបោះឆ្នោត" is three days before the vote, not
		// before publication: take មុន only at the end of a phrase.
		if r, _ := txRuneAt(sc.s, e2); txIsKhmerLetter(r) {
			if _, ok := txMatchKhmer(sc.s, e2, "នេះ"); !ok {
				return DateMatch{}, false
			}
			e2 += len("នេះ")
		}
		e = e2
	}
	if !sc.hasPub {
		return DateMatch{}, false
	}
	var d Date
	switch unit {
	case relDay:
		d = dateDay(sc.pub - int(n))
	case relWeek:
		d, _ = sc.resolveRel(relWeek, -int(n))
	case relMonth:
		d, _ = sc.resolveRel(relMonth, -int(n))
	case relYear:
		d, _ = sc.resolveRel(relYear, -int(n))
	}
	if d.IsZero() {
		return DateMatch{}, false
	}
	return DateMatch{Start: i, End: e, Date: d, Kind: DateRelative}, true
}
