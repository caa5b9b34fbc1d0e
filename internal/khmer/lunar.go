package khmer

import (
	"math"
	"sync"
	"time"
)

// The Khmer lunisolar calendar (ចន្ទគតិ) as printed at the head of official
// documents: "ថ្ងៃច័ន្ទ ៨កើត ខែពិសាខ ឆ្នាំថោះ បញ្ចស័ក ព.ស.២៥៦៧".
//
// Months and leap rules follow the Chhankitek computation as taught in
// Cambodia: for each Buddhist Era year the aharkun (days elapsed since the
// epoch of the era), its avoman (lunar-day excess) and bodithey (the moon's
// age) decide whether the year has 354 days, 355 days (a 30-day ជេស្ឋ), or
// 384 days (អាសាឍ doubled into បឋមាសាឍ and ទុតិយាសាឍ). When the rules call for
// both a leap month and a leap day in one year the leap day moves to the
// next year (the protetin rule). The day count is anchored on 1 January
// 1900 = ១កើត ខែបុស្ស. The tests check the result against the public
// holidays of 2019–2025.
//
// Buddhist Era: the BE year number changes on ១រោច ខែពិសាខ, the day after
// Visakha Bochea (the Buddha's parinirvana on the full moon of ពិសាខ): BE
// = AD+544 from that day to the end of December, AD+543 before it. This is
// the rule the Ministry of Cults and Religion restated in April 2018 (BE
// 2562 began on 30 April 2018) against the habit of turning the BE at
// Khmer New Year; almanacs still name a new year by the BE it will mostly
// fall in, so the reader of printed lunar dates allows for both (see
// lunar_text.go).
//
// Animal year and ស័ក: both turn at Khmer New Year. The exact Songkran
// moment needs the true-sun computation of the Chhankitek; we use the mean
// solar year of the Suriyayatra (292207/800 = 365.25875 days) anchored on
// the Moha Songkran of 13 April 2024 at 22:24 (as announced). Against
// announced Songkran times this is within 45 minutes for 2011, 2012, 2021
// and 2024, and gives the right day for 2011–2025; it can be a day off
// when the true moment falls close to midnight. The ស័ក is taken to turn
// with the animal; in the real calendar it turns on ថ្ងៃឡើងស័ក two or three
// days later, so code that checks a printed ស័ក allows for that.

// LunarMonth is a month of the Khmer lunar year. The numbering is the one
// the Chhankitek uses: មិគសិរ is 0, and the two months of a leap year's
// doubled អាសាឍ are 12 and 13.
type LunarMonth int

const (
	Migasir     LunarMonth = iota // មិគសិរ
	Boss                          // បុស្ស
	Meak                          // មាឃ
	Phalkun                       // ផល្គុន
	Cet                           // ចេត្រ
	Pisakh                        // ពិសាខ
	Jesth                         // ជេស្ឋ
	Asadh                         // អាសាឍ
	Srap                          // ស្រាពណ៍
	Phatrabot                     // ភទ្របទ
	Assoch                        // អស្សុជ
	Kadeuk                        // កត្តិក
	Pathamasadh                   // បឋមាសាឍ
	Tutiyasadh                    // ទុតិយាសាឍ
)

var lunarMonthNames = [...]string{
	"មិគសិរ", "បុស្ស", "មាឃ", "ផល្គុន", "ចេត្រ", "ពិសាខ", "ជេស្ឋ", "អាសាឍ",
	"ស្រាពណ៍", "ភទ្របទ", "អស្សុជ", "កត្តិក", "បឋមាសាឍ", "ទុតិយាសាឍ",
}

// String returns the Khmer name of the month.
func (m LunarMonth) String() string {
	if m < 0 || int(m) >= len(lunarMonthNames) {
		return "?"
	}
	return lunarMonthNames[m]
}

// lunarAnimalNames are the twelve animal years, ជូត (rat) first; 2020
// (from New Year) was a ជូត year.
var lunarAnimalNames = [12]string{"ជូត", "ឆ្លូវ", "ខាល", "ថោះ", "រោង", "ម្សាញ់", "មមី", "មមែ", "វក", "រកា", "ច", "កុរ"}

// lunarSakNames are named after the last digit of the Jolak Sakaraj year.
var lunarSakNames = [10]string{"សំរឹទ្ធិស័ក", "ឯកស័ក", "ទោស័ក", "ត្រីស័ក", "ចត្វាស័ក", "បញ្ចស័ក", "ឆស័ក", "សប្តស័ក", "អដ្ឋស័ក", "នព្វស័ក"}

var lunarWeekdayNames = [7]string{"អាទិត្យ", "ច័ន្ទ", "អង្គារ", "ពុធ", "ព្រហស្បតិ៍", "សុក្រ", "សៅរ៍"}

// LunarDate is a date of the Khmer lunar calendar.
type LunarDate struct {
	Day    int  // 1–15 within the half month
	Waxing bool // កើត (waxing) or រោច (waning)
	Month  LunarMonth
	BE     int // Buddhist Era year; it turns on ១រោច ពិសាខ (see the notes at the top of lunar.go)
	Animal int // 0–11, index into the animal years, ជូត = 0
	Sak    int // 0–9, last digit of the Jolak Sakaraj year
}

// AnimalName returns the Khmer name of the animal year (ថោះ).
func (l LunarDate) AnimalName() string { return lunarAnimalNames[((l.Animal%12)+12)%12] }

// SakName returns the Khmer name of the ស័ក (បញ្ចស័ក).
func (l LunarDate) SakName() string { return lunarSakNames[((l.Sak%10)+10)%10] }

// The supported range: the cycle table covers these Gregorian years.
const (
	lunarFirstYear = 1900
	lunarLastYear  = 2299
)

// Chhankitek quantities of a Buddhist Era year.
func lunarAharkun(be int) int    { return (be*292207+499)/800 + 4 }
func lunarAharkunMod(be int) int { return (be*292207 + 499) % 800 }
func lunarAvoman(be int) int     { return (11*lunarAharkun(be) + 25) % 692 }
func lunarBodithey(be int) int {
	a := lunarAharkun(be)
	return ((11*a+25)/692 + a + 29) % 30
}

// lunarSolarLeap: a 366-day solar year by the kromthupul (800 − mod).
func lunarSolarLeap(be int) bool { return 800-lunarAharkunMod(be) <= 207 }

// lunarLeapKind is 0 for none, 1 for a leap month (bodithey), 2 for a
// leap day (avoman), 3 for both, by calculation before the protetin rule.
func lunarLeapKind(be int) int {
	av := lunarAvoman(be)
	bo := lunarBodithey(be)
	month := bo >= 25 || bo <= 5
	if bo == 25 && lunarBodithey(be+1) == 5 {
		month = false // of a 25/5 pair only the 5 is a leap month
	}
	if bo == 24 && lunarBodithey(be+1) == 6 {
		month = true // of a 24/6 pair the 24 is
	}
	day := false
	if lunarSolarLeap(be) {
		day = av <= 126
	} else if av <= 137 {
		// avoman 137 followed by 0 is a normal year
		day = lunarAvoman(be+1) != 0
	}
	k := 0
	if month {
		k |= 1
	}
	if day {
		k |= 2
	}
	return k
}

// lunarYearType applies the protetin rule: 1 leap month, 2 leap day, 0
// neither. A year that needs both keeps the month and hands the day on.
func lunarYearType(be int) int {
	switch k := lunarLeapKind(be); {
	case k == 3 || k == 1:
		return 1
	case k == 2:
		return 2
	case lunarLeapKind(be-1) == 3:
		return 2
	}
	return 0
}

// lunarCycleOrder lists the months of one cycle from ១កើត បុស្ស, the way
// the table is laid out; the year type picks អាសាឍ or its two halves.
var lunarCycleOrder = [...]LunarMonth{Boss, Meak, Phalkun, Cet, Pisakh, Jesth, Asadh, Pathamasadh, Tutiyasadh, Srap, Phatrabot, Assoch, Kadeuk, Migasir}

func lunarMonthLen(m LunarMonth, yearType int) int {
	switch {
	case m == Jesth && yearType == 2:
		return 30
	case m == Pathamasadh || m == Tutiyasadh:
		return 30
	case m%2 == 0:
		return 29
	}
	return 30
}

func lunarHasMonth(m LunarMonth, yearType int) bool {
	if yearType == 1 {
		return m != Asadh
	}
	return m != Pathamasadh && m != Tutiyasadh
}

// lunarTable holds, for each Gregorian year Y of the range, the day number
// (days since 1970-01-01) of ១កើត ខែបុស្ស that opens the cycle whose
// leap months fall in Y, and that cycle's year type.
type lunarCycle struct {
	start    int
	yearType int
}

var (
	lunarOnce   sync.Once
	lunarCycles []lunarCycle
)

func lunarTable() []lunarCycle {
	lunarOnce.Do(func() {
		day := lunarCivilToDays(1900, 1, 1)
		for y := lunarFirstYear; y <= lunarLastYear+1; y++ {
			yt := lunarYearType(y + 544)
			lunarCycles = append(lunarCycles, lunarCycle{day, yt})
			for _, m := range lunarCycleOrder {
				if lunarHasMonth(m, yt) {
					day += lunarMonthLen(m, yt)
				}
			}
		}
	})
	return lunarCycles
}

// lunarCivilToDays returns days since 1970-01-01 of a proleptic Gregorian date.
func lunarCivilToDays(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// lunarDaysToCivil is the inverse of lunarCivilToDays.
func lunarDaysToCivil(z int) (y, m, d int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// lunarOfDay finds the cycle, month and day index (0–29) of a day number.
func lunarOfDay(dn int) (cycleYear int, m LunarMonth, idx int, ok bool) {
	t := lunarTable()
	if dn < t[0].start || dn >= t[len(t)-1].start {
		return 0, 0, 0, false
	}
	lo, hi := 0, len(t)-1
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if t[mid].start <= dn {
			lo = mid
		} else {
			hi = mid
		}
	}
	c := t[lo]
	off := dn - c.start
	for _, mm := range lunarCycleOrder {
		if !lunarHasMonth(mm, c.yearType) {
			continue
		}
		n := lunarMonthLen(mm, c.yearType)
		if off < n {
			return lunarFirstYear + lo, mm, off, true
		}
		off -= n
	}
	return 0, 0, 0, false
}

// lunarDayOf returns the day number of day index idx of month m in the
// cycle of Gregorian year y.
func lunarDayOf(y int, m LunarMonth, idx int) (int, bool) {
	t := lunarTable()
	k := y - lunarFirstYear
	if k < 0 || k >= len(t)-1 {
		return 0, false
	}
	c := t[k]
	if !lunarHasMonth(m, c.yearType) || idx < 0 || idx >= lunarMonthLen(m, c.yearType) {
		return 0, false
	}
	dn := c.start
	for _, mm := range lunarCycleOrder {
		if mm == m {
			return dn + idx, true
		}
		if lunarHasMonth(mm, c.yearType) {
			dn += lunarMonthLen(mm, c.yearType)
		}
	}
	return 0, false
}

// lunarVisakha returns the day number of the full moon of ពិសាខ in year y.
func lunarVisakha(y int) (int, bool) { return lunarDayOf(y, Pisakh, 14) }

// VisakhaBochea returns the date of Visakha Bochea (១៥កើត ខែពិសាខ) in
// Gregorian year y, for years 1900–2299.
func VisakhaBochea(y int) (time.Time, bool) {
	dn, ok := lunarVisakha(y)
	if !ok {
		return time.Time{}, false
	}
	return lunarTime(dn), true
}

// lunarSongkranMean is the Moha Songkran moment of Gregorian year y on the mean
// solar year, in Phnom Penh local days since 1970-01-01 (fractional).
func lunarSongkranMean(y int) float64 {
	anchor := float64(lunarCivilToDays(2024, 4, 13)) + (22*60+24)/1440.0
	return anchor + float64(y-2024)*365.25875
}

// KhmerNewYear returns the first day of Khmer New Year (Moha Songkran) of
// Gregorian year y on the mean-sun approximation described above.
func KhmerNewYear(y int) time.Time {
	return lunarTime(int(math.Floor(lunarSongkranMean(y))))
}

func lunarTime(dn int) time.Time {
	y, m, d := lunarDaysToCivil(dn)
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
}

// lunarBEOfDay applies the Visakha Bochea rule.
func lunarBEOfDay(dn int) int {
	y, _, _ := lunarDaysToCivil(dn)
	if vb, ok := lunarVisakha(y); ok && dn > vb {
		return y + 544
	}
	return y + 543
}

// lunarAnimalSak returns the animal index and ស័ក digit of a day.
func lunarAnimalSak(dn int) (animal, sak int) {
	y, _, _ := lunarDaysToCivil(dn)
	ny := y
	if float64(dn) < math.Floor(lunarSongkranMean(y)) {
		ny--
	}
	animal = ((ny-2020)%12 + 12) % 12
	sak = ((ny-638)%10 + 10) % 10
	return animal, sak
}

// LunarOf returns the Khmer lunar date of the calendar day of t (its
// year, month and day as given, whatever its location). ok is false
// outside 1900–2299.
func LunarOf(t time.Time) (LunarDate, bool) {
	dn := lunarCivilToDays(t.Year(), int(t.Month()), t.Day())
	_, m, idx, ok := lunarOfDay(dn)
	if !ok {
		return LunarDate{}, false
	}
	l := LunarDate{Month: m, Waxing: idx < 15, Day: idx%15 + 1, BE: lunarBEOfDay(dn)}
	l.Animal, l.Sak = lunarAnimalSak(dn)
	return l, true
}

// Time returns the Gregorian date (midnight UTC) of a lunar date, found
// from its day, month and BE year; Animal and Sak are not consulted. ok is
// false when no such day exists (១៥រោច of a 29-day month, អាសាឍ in a leap
// year, a BE year out of range).
func (l LunarDate) Time() (time.Time, bool) {
	dn, ok := lunarFindBE(l)
	if !ok {
		return time.Time{}, false
	}
	return lunarTime(dn), true
}

func lunarIndex(l LunarDate) (int, bool) {
	if l.Day < 1 || l.Day > 15 {
		return 0, false
	}
	idx := l.Day - 1
	if !l.Waxing {
		idx += 15
	}
	return idx, true
}

func lunarFindBE(l LunarDate) (int, bool) {
	idx, ok := lunarIndex(l)
	if !ok {
		return 0, false
	}
	for _, y := range []int{l.BE - 544, l.BE - 543} {
		if dn, ok := lunarDayOf(y, l.Month, idx); ok && lunarBEOfDay(dn) == l.BE {
			return dn, true
		}
	}
	return 0, false
}

// lunarFindNear returns the latest day on or before limit (a day number)
// with the given month and day index, optionally with the given animal
// year (animal < 0: any), searching back up to 13 years.
func lunarFindNear(month LunarMonth, idx int, animal int, limit int) (int, bool) {
	y, _, _ := lunarDaysToCivil(limit)
	for k := 0; k <= 13; k++ {
		dn, ok := lunarDayOf(y-k, month, idx)
		if !ok || dn > limit {
			continue
		}
		if animal >= 0 {
			if a, _ := lunarAnimalSak(dn); a != animal && !lunarNearNewYear(dn) {
				continue
			}
		}
		return dn, true
	}
	return 0, false
}

// lunarNearNewYear: within two days of the mean Songkran, where the animal
// year and ស័ក printed in a document may differ from ours.
func lunarNearNewYear(dn int) bool {
	y, _, _ := lunarDaysToCivil(dn)
	return math.Abs(float64(dn)-math.Floor(lunarSongkranMean(y))) <= 3
}

// FormatLunarDate writes a lunar date the way official documents head
// their dates: "ថ្ងៃច័ន្ទ ៨កើត ខែពិសាខ ឆ្នាំថោះ បញ្ចស័ក ព.ស.២៥៦៧". The weekday
// is left out when the date does not exist.
func FormatLunarDate(l LunarDate) string {
	phase := "រោច"
	if l.Waxing {
		phase = "កើត"
	}
	s := ToKhmerDigits(lunarItoa(l.Day)) + phase + " ខែ" + l.Month.String() + " ឆ្នាំ" + l.AnimalName() + " " + l.SakName() + " ព.ស." + ToKhmerDigits(lunarItoa(l.BE))
	if t, ok := l.Time(); ok {
		s = "ថ្ងៃ" + lunarWeekdayNames[t.Weekday()] + " " + s
	}
	return s
}

func lunarItoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
