package khmer

import (
	"strconv"
)

// FormatNumber writes n for display. "km" gives Khmer digits with a full
// stop between thousands (៦.៤៧៣), the style of most Cambodian newspapers
// and of official documents; any other language gives ASCII digits with
// commas (6,473). ParseNumber reads both back.
func FormatNumber(n int64, lang string) string {
	neg := n < 0
	u := uint64(n)
	if neg {
		u = uint64(-(n + 1)) + 1 // safe for math.MinInt64
	}
	digits := strconv.FormatUint(u, 10)
	sep := byte(',')
	if lang == "km" {
		sep = '.'
	}
	b := make([]byte, 0, len(digits)+len(digits)/3+1)
	if neg {
		b = append(b, '-')
	}
	for i := 0; i < len(digits); i++ {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b = append(b, sep)
		}
		b = append(b, digits[i])
	}
	if lang == "km" {
		return ToKhmerDigits(string(b))
	}
	return string(b)
}

var formatKhmerMonths = [13]string{"", "មករា", "កុម្ភៈ", "មីនា", "មេសា", "ឧសភា", "មិថុនា", "កក្កដា", "សីហា", "កញ្ញា", "តុលា", "វិច្ឆិកា", "ធ្នូ"}

var formatEnglishMonths = [13]string{"", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// FormatDate writes d for display at its precision. "km":
// ថ្ងៃទី២៣ ខែកក្កដា ឆ្នាំ២០២៣, ខែកក្កដា ឆ្នាំ២០២៣, ឆ្នាំ២០២៣ (the forms of
// Cambodian official writing, Khmer digits, no leading zero); any other
// language: 23 July 2023, July 2023, 2023. The zero Date, or a month out
// of range, gives "".
func FormatDate(d Date, lang string) string {
	if d.Precision == PrecisionNone || (d.Precision >= PrecisionMonth && (d.Month < 1 || d.Month > 12)) {
		return ""
	}
	y := strconv.Itoa(d.Year)
	if lang == "km" {
		y = ToKhmerDigits(y)
		switch d.Precision {
		case PrecisionYear:
			return "ឆ្នាំ" + y
		case PrecisionMonth:
			return "ខែ" + formatKhmerMonths[d.Month] + " ឆ្នាំ" + y
		}
		return "ថ្ងៃទី" + ToKhmerDigits(strconv.Itoa(d.Day)) + " ខែ" + formatKhmerMonths[d.Month] + " ឆ្នាំ" + y
	}
	switch d.Precision {
	case PrecisionYear:
		return y
	case PrecisionMonth:
		return formatEnglishMonths[d.Month] + " " + y
	}
	return strconv.Itoa(d.Day) + " " + formatEnglishMonths[d.Month] + " " + y
}
