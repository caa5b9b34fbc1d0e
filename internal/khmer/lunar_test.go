package khmer

import (
	"math"
	"testing"
	"time"
)

func lunarTestDay(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// Public holidays of the Cambodian government, recalled from the annual
// holiday lists (they are public facts). Each row gives the lunar day on
// which the holiday falls by definition and the Gregorian date it was
// observed. Visakha Bochea 2021 (26 April) was not recalled with certainty
// and is checked in announcedLunar, from a published message instead.
var holidayVectors = []struct {
	name  string
	date  time.Time
	month LunarMonth
	day   int
	wax   bool
}{
	// 2015, from a published list of that year's holidays
	{"Meak Bochea 2015", lunarTestDay(2015, 2, 3), Meak, 15, true},
	{"Visakha Bochea 2015", lunarTestDay(2015, 5, 2), Pisakh, 15, true},
	{"Pchum Ben 2015", lunarTestDay(2015, 10, 12), Phatrabot, 15, false},
	{"Water Festival 2015", lunarTestDay(2015, 11, 25), Kadeuk, 15, true},
	{"Visakha Bochea 2019", lunarTestDay(2019, 5, 18), Pisakh, 15, true},
	{"Visakha Bochea 2020", lunarTestDay(2020, 5, 6), Pisakh, 15, true},
	{"Visakha Bochea 2022", lunarTestDay(2022, 5, 15), Pisakh, 15, true},
	{"Visakha Bochea 2023", lunarTestDay(2023, 5, 4), Pisakh, 15, true},
	{"Visakha Bochea 2024", lunarTestDay(2024, 5, 22), Pisakh, 15, true},
	{"Visakha Bochea 2025", lunarTestDay(2025, 5, 11), Pisakh, 15, true},
	{"Royal Ploughing 2023", lunarTestDay(2023, 5, 8), Pisakh, 4, false},
	{"Royal Ploughing 2024", lunarTestDay(2024, 5, 26), Pisakh, 4, false},
	{"Pchum Ben 2019", lunarTestDay(2019, 9, 28), Phatrabot, 15, false},
	{"Pchum Ben 2020", lunarTestDay(2020, 9, 17), Phatrabot, 15, false},
	{"Pchum Ben 2021", lunarTestDay(2021, 10, 6), Phatrabot, 15, false},
	{"Pchum Ben 2022", lunarTestDay(2022, 9, 25), Phatrabot, 15, false},
	{"Pchum Ben 2023", lunarTestDay(2023, 10, 14), Phatrabot, 15, false},
	{"Pchum Ben 2024", lunarTestDay(2024, 10, 2), Phatrabot, 15, false},
	{"Pchum Ben 2025", lunarTestDay(2025, 9, 22), Phatrabot, 15, false},
	{"Water Festival 2019", lunarTestDay(2019, 11, 11), Kadeuk, 15, true},
	{"Water Festival 2022", lunarTestDay(2022, 11, 8), Kadeuk, 15, true},
	{"Water Festival 2023", lunarTestDay(2023, 11, 27), Kadeuk, 15, true},
	{"Water Festival 2024", lunarTestDay(2024, 11, 15), Kadeuk, 15, true},
	{"Water Festival 2025", lunarTestDay(2025, 11, 5), Kadeuk, 15, true},
}

// Lunar dates printed next to Gregorian ones in public announcements:
// Moha Songkran days from almanac notices (2011, 2012, 2024), the first
// days of BE 2562 and 2566 from a Ministry of Cults statement and a news
// report, Visakha Bochea 2021 and 2022 and the start of Kan Ben 2021 from
// official messages. The weekday is checked too.
var announcedLunar = []struct {
	date   time.Time
	day    int
	wax    bool
	month  LunarMonth
	animal string
	wd     string
}{
	{lunarTestDay(2011, 4, 14), 11, true, Cet, "ថោះ", "ព្រហស្បតិ៍"},
	{lunarTestDay(2012, 4, 13), 7, false, Cet, "រោង", "សុក្រ"},
	{lunarTestDay(2024, 4, 13), 5, true, Cet, "រោង", "សៅរ៍"},
	{lunarTestDay(2018, 4, 30), 1, false, Pisakh, "ច", "ច័ន្ទ"},
	{lunarTestDay(2022, 5, 16), 1, false, Pisakh, "ខាល", "ច័ន្ទ"},
	{lunarTestDay(2021, 4, 26), 15, true, Pisakh, "ឆ្លូវ", "ច័ន្ទ"},  // Visakha Bochea 2021
	{lunarTestDay(2022, 5, 15), 15, true, Pisakh, "ខាល", "អាទិត្យ"},  // Visakha Bochea 2022, Senate notice
	{lunarTestDay(2021, 9, 22), 1, false, Phatrabot, "ឆ្លូវ", "ពុធ"}, // first day of Kan Ben 2021
}

func TestLunarAnnounced(t *testing.T) {
	for _, a := range announcedLunar {
		l, ok := LunarOf(a.date)
		if !ok || l.Day != a.day || l.Waxing != a.wax || l.Month != a.month || l.AnimalName() != a.animal {
			t.Errorf("LunarOf(%s) = %s, want %d %v %s %s", a.date.Format("2006-01-02"), FormatLunarDate(l), a.day, a.wax, a.month, a.animal)
		}
		if wd := lunarWeekdayNames[a.date.Weekday()]; wd != a.wd {
			t.Errorf("%s is %s, the notice says %s", a.date.Format("2006-01-02"), wd, a.wd)
		}
	}
}

// Years named in almanacs with their animal and ស័ក (after New Year).
func TestAnimalAndSak(t *testing.T) {
	for _, tt := range []struct {
		date        time.Time
		animal, sak string
	}{
		{lunarTestDay(1995, 6, 1), "កុរ", "សប្តស័ក"},
		{lunarTestDay(2007, 6, 1), "កុរ", "នព្វស័ក"},
		{lunarTestDay(2019, 6, 1), "កុរ", "ឯកស័ក"},
		{lunarTestDay(2023, 6, 1), "ថោះ", "បញ្ចស័ក"},
		{lunarTestDay(2024, 6, 1), "រោង", "ឆស័ក"},
		{lunarTestDay(2025, 6, 1), "ម្សាញ់", "សប្តស័ក"},
		{lunarTestDay(2025, 1, 1), "រោង", "ឆស័ក"}, // before New Year
	} {
		l, _ := LunarOf(tt.date)
		if l.AnimalName() != tt.animal || l.SakName() != tt.sak {
			t.Errorf("%s: %s %s, want %s %s", tt.date.Format("2006-01-02"), l.AnimalName(), l.SakName(), tt.animal, tt.sak)
		}
	}
}

func TestLunarHolidays(t *testing.T) {
	for _, h := range holidayVectors {
		l, ok := LunarOf(h.date)
		if !ok || l.Month != h.month || l.Day != h.day || l.Waxing != h.wax {
			t.Errorf("%s: LunarOf(%s) = %s, want %d %v %s", h.name, h.date.Format("2006-01-02"), FormatLunarDate(l), h.day, h.wax, h.month)
		}
		back, ok := l.Time()
		if !ok || !back.Equal(h.date) {
			t.Errorf("%s: Time(%+v) = %v, %v", h.name, l, back, ok)
		}
	}
}

// The 2023 leap month: អាសាឍ doubled, so Pchum Ben came 384 days after
// the previous one; 2022 and 2024 have a single អាសាឍ.
func TestLunarLeapMonths(t *testing.T) {
	for _, tt := range []struct {
		date  time.Time
		month LunarMonth
	}{
		{lunarTestDay(2023, 7, 1), Pathamasadh},
		{lunarTestDay(2023, 7, 23), Tutiyasadh},
		{lunarTestDay(2024, 7, 15), Asadh},
		{lunarTestDay(2024, 7, 1), Jesth}, // ជេស្ឋ of 2024 runs 7 June–5 July
		{lunarTestDay(2022, 7, 1), Asadh},
	} {
		l, _ := LunarOf(tt.date)
		if l.Month != tt.month {
			t.Errorf("LunarOf(%s).Month = %s, want %s", tt.date.Format("2006-01-02"), l.Month, tt.month)
		}
	}
	if _, ok := (LunarDate{Day: 1, Waxing: true, Month: Asadh, BE: 2567}).Time(); ok {
		t.Error("អាសាឍ exists in BE 2567 (a leap-month year)")
	}
	if _, ok := (LunarDate{Day: 15, Waxing: false, Month: Cet, BE: 2567}).Time(); ok {
		t.Error("១៥រោច exists in ចេត្រ, a 29-day month")
	}
}

// Every lunar month must start near a new moon. The mean new moon
// (Meeus, mean phase) is within about 14 hours of the true one; the
// calendar's own mean moon may lag a day more. Over 400 years any drift
// in our table would show.
func TestLunarFollowsTheMoon(t *testing.T) {
	const synodic = 29.530588861
	// JDE of the mean new moon k=0 (6 January 2000), as days since 1970.
	ref := 2451550.09766 - 2440587.5
	worst := 0.0
	for y := lunarFirstYear; y <= lunarLastYear; y++ {
		for _, m := range []LunarMonth{Boss, Pisakh, Jesth, Srap, Kadeuk} {
			dn, ok := lunarDayOf(y, m, 0)
			if !ok {
				t.Fatalf("no ១កើត %s in %d", m, y)
			}
			// new moon on the day before ១កើត (local time, UTC+7)
			k := math.Round((float64(dn) - 1 - ref) / synodic)
			nm := ref + k*synodic + 7.0/24
			d := math.Abs(float64(dn) - 0.5 - nm)
			worst = max(worst, d)
			if d > 2.5 {
				t.Errorf("%d %s starts %s, %.1f days from the mean new moon", y, m, lunarTime(dn).Format("2006-01-02"), d)
			}
		}
	}
	t.Logf("largest distance to the mean new moon: %.2f days", worst)
}

func TestLunarYearLengths(t *testing.T) {
	tab := lunarTable()
	counts := map[int]int{}
	for i := 0; i+1 < len(tab); i++ {
		n := tab[i+1].start - tab[i].start
		counts[n]++
		want := map[int]int{0: 354, 1: 384, 2: 355}[tab[i].yearType]
		if n != want {
			t.Fatalf("cycle %d has %d days, type %d", lunarFirstYear+i, n, tab[i].yearType)
		}
	}
	// 7 leap months in 19 years (Metonic) within one over 400 years.
	if got, want := float64(counts[384])/float64(len(tab)-1), 7.0/19; math.Abs(got-want) > 0.01 {
		t.Errorf("leap-month share %.4f, want about %.4f", got, want)
	}
}

func TestLunarRoundTrip(t *testing.T) {
	start := lunarCivilToDays(1900, 1, 1)
	end := lunarCivilToDays(2299, 11, 1)
	for dn := start; dn < end; dn++ {
		tm := lunarTime(dn)
		l, ok := LunarOf(tm)
		if !ok {
			t.Fatalf("LunarOf(%s) failed", tm.Format("2006-01-02"))
		}
		back, ok := l.Time()
		if !ok || !back.Equal(tm) {
			t.Fatalf("round trip %s → %+v → %v %v", tm.Format("2006-01-02"), l, back, ok)
		}
	}
}

func TestBuddhistEraRule(t *testing.T) {
	for _, tt := range []struct {
		date time.Time
		be   int
	}{
		{lunarTestDay(2018, 4, 29), 2561}, // Visakha Bochea closes the year
		{lunarTestDay(2018, 4, 30), 2562}, // the Ministry of Cults: BE 2562 from 30 April 2018
		{lunarTestDay(2022, 5, 15), 2565},
		{lunarTestDay(2022, 5, 16), 2566}, // reported as the first day of BE 2566
		{lunarTestDay(2023, 5, 4), 2566},
		{lunarTestDay(2023, 5, 5), 2567},
		{lunarTestDay(2023, 12, 31), 2567},
		{lunarTestDay(2024, 1, 1), 2567},
		{lunarTestDay(2024, 5, 22), 2567},
		{lunarTestDay(2024, 5, 23), 2568},
	} {
		l, _ := LunarOf(tt.date)
		if l.BE != tt.be {
			t.Errorf("BE of %s = %d, want %d", tt.date.Format("2006-01-02"), l.BE, tt.be)
		}
	}
}

func TestKhmerNewYear(t *testing.T) {
	// Observed first days of Khmer New Year.
	for y, d := range map[int]int{2011: 14, 2012: 13, 2019: 14, 2020: 13, 2021: 14, 2022: 14, 2023: 14, 2024: 13, 2025: 14} {
		if got := KhmerNewYear(y); !got.Equal(lunarTestDay(y, 4, d)) {
			t.Errorf("KhmerNewYear(%d) = %s, want April %d", y, got.Format("2006-01-02"), d)
		}
	}
}

func TestFormatLunarDate(t *testing.T) {
	for _, tt := range []struct {
		date time.Time
		want string
	}{
		{lunarTestDay(2023, 4, 27), "ថ្ងៃព្រហស្បតិ៍ ៨កើត ខែពិសាខ ឆ្នាំថោះ បញ្ចស័ក ព.ស.២៥៦៦"},
		{lunarTestDay(2024, 10, 2), "ថ្ងៃពុធ ១៥រោច ខែភទ្របទ ឆ្នាំរោង ឆស័ក ព.ស.២៥៦៨"},
		{lunarTestDay(2020, 1, 1), "ថ្ងៃពុធ ៧កើត ខែបុស្ស ឆ្នាំកុរ ឯកស័ក ព.ស.២៥៦៣"},
	} {
		l, _ := LunarOf(tt.date)
		if got := FormatLunarDate(l); got != tt.want {
			t.Errorf("FormatLunarDate(%s) = %s, want %s", tt.date.Format("2006-01-02"), got, tt.want)
		}
	}
}
