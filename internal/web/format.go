package web

import (
	"time"

	"github.com/kamnotra/kamnotra/internal/khmer"
	"github.com/kamnotra/kamnotra/internal/record"
)

// Digits, numbers and dates follow internal/khmer, the one place that
// knows how Khmer writes them.

func toKhmerDigits(s string) string { return khmer.ToKhmerDigits(s) }

// formatNumber formats n for a reader of lang: Khmer digits with "." between
// thousands, or ASCII digits with "," for English.
func formatNumber(lang string, n int64) string { return khmer.FormatNumber(n, lang) }

var precisions = map[record.Precision]khmer.Precision{
	record.PrecisionYear:  khmer.PrecisionYear,
	record.PrecisionMonth: khmer.PrecisionMonth,
	record.PrecisionDay:   khmer.PrecisionDay,
}

// formatDate formats a date of any precision the way a reader of lang
// writes it: "ថ្ងៃទី៣ ខែកុម្ភៈ ឆ្នាំ២០២៣" or "3 February 2023".
func formatDate(lang string, d record.Date) string {
	p, ok := precisions[d.Precision()]
	if !ok {
		return ""
	}
	return khmer.FormatDate(khmer.Date{Year: d.Year, Month: d.Month, Day: d.Day, Precision: p}, lang)
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
