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
