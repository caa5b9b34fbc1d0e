package khmer

import "math"

// Reading lunar dates as official documents print them:
// "ថ្ងៃច័ន្ទ ៨កើត ខែពិសាខ ឆ្នាំថោះ បញ្ចស័ក ព.ស.២៥៦៧".

var lunarMonthLits = []dateLit{
	{"មិគសិរ", int(Migasir)}, {"មិគ្គសិរ", int(Migasir)}, {"បុស្ស", int(Boss)}, {"បុស្ស្យ", int(Boss)}, {"បុស", int(Boss)},
	{"មាឃ", int(Meak)}, {"ផល្គុន", int(Phalkun)}, {"ផគ្គុណ", int(Phalkun)}, {"ផល្គុណ", int(Phalkun)}, {"ចេត្រ", int(Cet)}, {"ចែត្រ", int(Cet)}, {"ពិសាខ", int(Pisakh)},
	{"ជេស្ឋ", int(Jesth)}, {"អាសាឍ", int(Asadh)}, {"អាសាធ", int(Asadh)}, {"ស្រាពណ៍", int(Srap)}, {"ស្រាពណ", int(Srap)},
	{"ភទ្របទ", int(Phatrabot)}, {"អស្សុជ", int(Assoch)}, {"កត្តិក", int(Kadeuk)}, {"កក្តិក", int(Kadeuk)},
	{"បឋមាសាឍ", int(Pathamasadh)}, {"ទុតិយាសាឍ", int(Tutiyasadh)},
	{"បឋមាសាធ", int(Pathamasadh)}, {"ទុតិយាសាធ", int(Tutiyasadh)},
}
var lunarMonthTextLits = dateLits(lunarMonthLits)

var lunarAnimalLits = func() []dateLit {
	var out []dateLit
	for i, n := range lunarAnimalNames {
		out = append(out, dateLit{n, i})
	}
	return append(out, dateLit{"មមែរ", 7}, dateLit{"ឆ្លូ", 1})
}()
var lunarAnimalTextLits = dateLits(lunarAnimalLits)

var lunarSakLits = func() []dateLit {
	var out []dateLit
	for i, n := range lunarSakNames {
		out = append(out, dateLit{n, i})
	}
	return append(out, dateLit{"សំរិទ្ធិស័ក", 0}, dateLit{"សម្រឹទ្ធិស័ក", 0}, dateLit{"សំរឹទ្ធស័ក", 0}, dateLit{"ចត្វាស័ក្ក", 4})
}()
var lunarSakTextLits = dateLits(lunarSakLits)

// lunar reads a lunar date at i and converts it to the Gregorian day.
//
// With a BE year, each candidate day a year or so either side is scored:
// BE by the official rule (turning on ១រោច ពិសាខ) 4, BE by the New Year
// habit of almanacs 2, animal year 3, ស័ក 1, weekday 5; the best with at
// least 4 wins. So a printed weekday decides between the conventions, and
// without one the official rule does unless the animal year disagrees. Without a BE year the
// most recent such day on or before publication is taken (of the printed
// animal year when there is one); with neither, nothing is reported.
func (sc *dateScanner) lunar(i int) (DateMatch, bool) {
	j := i
	weekday := -1
	if e, ok := sc.lit(j, "ថ្ងៃ"); ok {
		j = txSkipSpace(sc.s, e)
		if e2, idx, ok := sc.kw(j, dateKhmerWeekdayLits); ok {
			weekday = dateKhmerWeekdays[idx].v
			j = txSkipSpace(sc.s, e2)
		}
	}
	d, e, n, ok := sc.digits(j)
	if !ok || n > 2 || d < 1 || d > 15 {
		return DateMatch{}, false
	}
	k := txSkipSpace(sc.s, e)
	waxing := true
	if e2, ok := sc.lit(k, "កើត"); ok {
		j = e2
	} else if e2, ok := sc.lit(k, "រោច"); ok {
		j, waxing = e2, false
	} else {
		return DateMatch{}, false
	}
	k = txSkipSpace(sc.s, j)
	if e2, ok := sc.lit(k, "ខែ"); ok {
		k = txSkipSpace(sc.s, e2)
	}
	e2, idx, ok := sc.kw(k, lunarMonthTextLits)
	if !ok {
		return DateMatch{}, false
	}
	month := LunarMonth(lunarMonthLits[idx].v)
	j = e2
	animal, sak, be := -1, -1, 0
	k = txSkipSpace(sc.s, j)
	if e3, ok := sc.lit(k, "ឆ្នាំ"); ok {
		if e4, idx, ok := sc.kw(txSkipSpace(sc.s, e3), lunarAnimalTextLits); ok {
			animal, j = lunarAnimalLits[idx].v, e4
			k = txSkipSpace(sc.s, j)
		}
	}
	if e3, idx, ok := sc.kw(k, lunarSakTextLits); ok {
		sak, j = lunarSakLits[idx].v, e3
		k = txSkipSpace(sc.s, j)
	}
	if v, e3, ok := sc.beYearAt(k); ok {
		be, j = v, e3
	}
	dayIdx := d - 1
	if !waxing {
		dayIdx += 15
	}
	var dn int
	switch {
	case be != 0:
		best := -1
		for y := be - 545; y <= be-542; y++ {
			c, ok := lunarDayOf(y, month, dayIdx)
			if !ok {
				continue
			}
			score := 0
			if lunarBEOfDay(c) == be {
				score += 4
			}
			cy, _, _ := lunarDaysToCivil(c)
			alt := cy + 543
			if float64(c) >= math.Floor(lunarSongkranMean(cy)) {
				alt = cy + 544
			}
			if alt == be {
				score += 2 // some writers turn the BE at New Year
			}
			a, s := lunarAnimalSak(c)
			if animal >= 0 && (a == animal || lunarNearNewYear(c)) {
				score += 3
			}
			if sak >= 0 && (s == sak || lunarNearNewYear(c)) {
				score++
			}
			if weekday >= 0 && ((c+4)%7+7)%7 == weekday {
				// A matching weekday is the strongest sign: the two BE
				// conventions often agree on the wrong year.
				score += 5
			}
			if score >= 4 && score > best {
				best, dn = score, c
			}
		}
		if best < 0 {
			return DateMatch{}, false
		}
	default:
		if !sc.hasPub {
			return DateMatch{}, false
		}
		c, ok := lunarFindNear(month, dayIdx, animal, sc.pub)
		if !ok {
			return DateMatch{}, false
		}
		dn = c
	}
	return DateMatch{Start: i, End: j, Date: dateDay(dn), Kind: DateLunar}, true
}
