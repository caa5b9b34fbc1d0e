package khmer

import (
	"testing"
	"time"
)

func TestFormatDate(t *testing.T) {
	tests := []struct {
		d      Date
		km, en string
	}{
		{Date{2023, 7, 23, PrecisionDay}, "ថ្ងៃទី២៣ ខែកក្កដា ឆ្នាំ២០២៣", "23 July 2023"},
		{Date{2024, 2, 1, PrecisionDay}, "ថ្ងៃទី១ ខែកុម្ភៈ ឆ្នាំ២០២៤", "1 February 2024"},
		{Date{2023, 7, 0, PrecisionMonth}, "ខែកក្កដា ឆ្នាំ២០២៣", "July 2023"},
		{Date{2023, 0, 0, PrecisionYear}, "ឆ្នាំ២០២៣", "2023"},
		{Date{}, "", ""},
	}
	for _, tt := range tests {
		if got := FormatDate(tt.d, "km"); got != tt.km {
			t.Errorf("FormatDate(%v, km) = %q, want %q", tt.d, got, tt.km)
		}
		if got := FormatDate(tt.d, "en"); got != tt.en {
			t.Errorf("FormatDate(%v, en) = %q, want %q", tt.d, got, tt.en)
		}
	}
}

// Whatever FormatDate writes, ParseDate reads back, in both languages and
// at every precision, with or without a publication date.
func TestFormatDateRoundTrip(t *testing.T) {
	for dn := lunarCivilToDays(1990, 1, 1); dn < lunarCivilToDays(2031, 1, 1); dn += 17 {
		day := dateDay(dn)
		for _, d := range []Date{day, {day.Year, day.Month, 0, PrecisionMonth}, {day.Year, 0, 0, PrecisionYear}} {
			for _, lang := range []string{"km", "en"} {
				for _, p := range []time.Time{{}, datesTestPub} {
					s := FormatDate(d, lang)
					got, ok := ParseDate(s, p)
					if !ok || got != d {
						t.Fatalf("ParseDate(FormatDate(%v, %s) = %q) = %v, %v", d, lang, s, got, ok)
					}
				}
			}
		}
	}
}

func FuzzFormatDate(f *testing.F) {
	f.Add(2023, 7, 23, 3)
	f.Add(1999, 12, 31, 2)
	f.Add(2000, 2, 29, 3)
	f.Fuzz(func(t *testing.T, y, m, d, p int) {
		if y < 1800 || y > 2300 {
			y = 1800 + (y%500+500)%500
		}
		m = (m%12+12)%12 + 1
		d = (d%dateDaysIn(y, m)+dateDaysIn(y, m))%dateDaysIn(y, m) + 1
		dt := Date{y, m, d, Precision((p%3+3)%3 + 1)}
		if dt.Precision < PrecisionDay {
			dt.Day = 0
		}
		if dt.Precision < PrecisionMonth {
			dt.Month = 0
		}
		for _, lang := range []string{"km", "en"} {
			s := FormatDate(dt, lang)
			got, ok := ParseDate(s, time.Time{})
			if !ok || got != dt {
				t.Fatalf("ParseDate(FormatDate(%v, %s) = %q) = %v, %v", dt, lang, s, got, ok)
			}
		}
	})
}
