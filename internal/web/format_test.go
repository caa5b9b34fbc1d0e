package web

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/kamnotra/kamnotra/internal/record"
)

func TestFormat(t *testing.T) {
	cases := []struct {
		lang string
		d    record.Date
		want string
	}{
		{"km", record.Date{Year: 2023, Month: 2, Day: 3}, "ថ្ងៃទី៣ ខែកុម្ភៈ ឆ្នាំ២០២៣"},
		{"km", record.Date{Year: 2024, Month: 12}, "ខែធ្នូ ឆ្នាំ២០២៤"},
		{"km", record.Date{Year: 1998}, "ឆ្នាំ១៩៩៨"},
		{"km", record.Date{}, ""},
		{"en", record.Date{Year: 2023, Month: 2, Day: 3}, "3 February 2023"},
		{"en", record.Date{Year: 2024, Month: 12}, "December 2024"},
		{"en", record.Date{Year: 1998}, "1998"},
	}
	for _, c := range cases {
		if got := formatDate(c.lang, c.d); got != c.want {
			t.Errorf("formatDate(%s, %v) = %q, want %q", c.lang, c.d, got, c.want)
		}
	}
	nums := []struct {
		lang string
		n    int64
		want string
	}{
		{"km", 600, "៦០០"}, {"km", 6473, "៦.៤៧៣"}, {"km", 1234567, "១.២៣៤.៥៦៧"}, {"km", -1000, "-១.០០០"},
		{"en", 600, "600"}, {"en", 6473, "6,473"}, {"en", 0, "0"}, {"en", -9223372036854775808, "-9,223,372,036,854,775,808"},
	}
	for _, c := range nums {
		if got := formatNumber(c.lang, c.n); got != c.want {
			t.Errorf("formatNumber(%s, %d) = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
	at := time.Date(2024, 3, 6, 2, 15, 0, 0, time.UTC)
	if got := formatTime("km", at); got != "ថ្ងៃទី៦ ខែមីនា ឆ្នាំ២០២៤ ម៉ោង ០៩:១៥" {
		t.Errorf("formatTime km = %q", got)
	}
	if got := formatTime("en", at); got != "6 March 2024, 09:15 (UTC+7)" {
		t.Errorf("formatTime en = %q", got)
	}
}

// FuzzToKhmerDigits: only ASCII digits change, one for one, and nothing
// else does.
func FuzzToKhmerDigits(f *testing.F) {
	f.Add("ឆ្នាំ2023 ខែ 02")
	f.Add("no digits")
	f.Add("\xff9")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		got := toKhmerDigits(s)
		if strings.ContainsAny(got, "0123456789") {
			t.Fatalf("ASCII digits left in %q", got)
		}
		if utf8.RuneCountInString(got) != utf8.RuneCountInString(s) {
			t.Fatalf("rune count changed: %q → %q", s, got)
		}
		for i, r := range []rune(s) {
			g := []rune(got)[i]
			if r >= '0' && r <= '9' {
				if g != '០'+(r-'0') {
					t.Fatalf("digit %c became %c", r, g)
				}
			} else if g != r {
				t.Fatalf("%c changed to %c", r, g)
			}
		}
	})
}
