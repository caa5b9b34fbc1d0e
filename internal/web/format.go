package web

import (
	"strconv"
	"strings"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
)

// These formatters are private stand-ins for internal/khmer's
// ToKhmerDigits, FormatNumber and (to come) FormatDate, kept here while that
// package is being written so the site builds on its own; they follow the
// same conventions (CLDR km: "." between thousands).

var khmerDigits = [10]rune{'០', '១', '២', '៣', '៤', '៥', '៦', '៧', '៨', '៩'}

// toKhmerDigits replaces ASCII digits with Khmer digits.
func toKhmerDigits(s string) string {
	if !strings.ContainsAny(s, "0123456789") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) * 3)
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(khmerDigits[r-'0'])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// groupDigits writes n with sep between groups of three digits.
func groupDigits(n int64, sep string) string {
	u := uint64(n)
	if n < 0 {
		u = uint64(-(n + 1)) + 1 // math.MinInt64 too
	}
	s := strconv.FormatUint(u, 10)
	var b strings.Builder
	if n < 0 {
		b.WriteByte('-')
	}
	for i := 0; i < len(s); i++ {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

var khmerMonths = [12]string{"មករា", "កុម្ភៈ", "មីនា", "មេសា", "ឧសភា", "មិថុនា", "កក្កដា", "សីហា", "កញ្ញា", "តុលា", "វិច្ឆិកា", "ធ្នូ"}

// formatNumber formats n for a reader of lang: Khmer digits with "." between
// thousands, or ASCII digits with "," for English.
func formatNumber(lang string, n int64) string {
	if lang == record.LangKhmer {
		return toKhmerDigits(groupDigits(n, "."))
	}
	return groupDigits(n, ",")
}

// formatDate formats a date of any precision the way a reader of lang
// writes it: "ថ្ងៃទី៣ ខែកុម្ភៈ ឆ្នាំ២០២៣" or "3 February 2023".
func formatDate(lang string, d record.Date) string {
	if lang == record.LangKhmer {
		switch d.Precision() {
		case record.PrecisionYear:
			return "ឆ្នាំ" + toKhmerDigits(strconv.Itoa(d.Year))
		case record.PrecisionMonth:
			return "ខែ" + khmerMonths[d.Month-1] + " ឆ្នាំ" + toKhmerDigits(strconv.Itoa(d.Year))
		case record.PrecisionDay:
			return "ថ្ងៃទី" + toKhmerDigits(strconv.Itoa(d.Day)) + " ខែ" + khmerMonths[d.Month-1] + " ឆ្នាំ" + toKhmerDigits(strconv.Itoa(d.Year))
		}
		return ""
	}
	switch d.Precision() {
	case record.PrecisionYear:
		return strconv.Itoa(d.Year)
	case record.PrecisionMonth:
		return time.Month(d.Month).String() + " " + strconv.Itoa(d.Year)
	case record.PrecisionDay:
		return strconv.Itoa(d.Day) + " " + time.Month(d.Month).String() + " " + strconv.Itoa(d.Year)
	}
	return ""
}

// cambodia is the zone times are shown in: the record is about Cambodia and
// its readers are mostly there. A fixed offset avoids needing tzdata.
var cambodia = time.FixedZone("ICT", 7*3600)

// formatTime formats an instant in Cambodian time, to the minute.
func formatTime(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(cambodia)
	hm := t.Format("15:04")
	if lang == record.LangKhmer {
		return formatDate(lang, record.DateOf(t)) + " ម៉ោង " + toKhmerDigits(hm)
	}
	return formatDate(lang, record.DateOf(t)) + ", " + hm + " (UTC+7)"
}
