package extract

import (
	"strconv"
	"strings"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
)

var enMonths = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "jan.": 1, "feb": 2, "feb.": 2, "mar.": 3, "apr": 4, "apr.": 4, "jun.": 6, "jul.": 7,
	"aug": 8, "aug.": 8, "sep.": 9, "sept": 9, "sept.": 9, "oct": 10, "oct.": 10, "nov": 11, "nov.": 11, "dec": 12, "dec.": 12,
}

var enWeekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// dateMention is a date stated in a sentence, resolved against the
// publication date where it needs one.
type dateMention struct {
	i, j int // token range
	d    record.Date
	rel  bool // relative ("on Tuesday"): meaningless without a publication date
}

// findDates finds the dates of an English sentence that say when something
// happened: introduced by on, in, at, during, last, earlier or a comma, or
// standing as yesterday/today. "since November 16" and "the June 5
// election" state no event date and are skipped. Dates that need a year or
// a reference day the text does not give resolve to nothing.
func findDates(toks []token, pub time.Time) []dateMention {
	var out []dateMention
	hasPub := !pub.IsZero()
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		intro := i == 0 || isDateIntro(toks[i-1].L)
		if i > 0 && (toks[i-1].L == "since" || toks[i-1].L == "until" || toks[i-1].L == "before" || toks[i-1].L == "by") {
			continue
		}
		switch {
		case t.L == "yesterday" || t.L == "today":
			if hasPub {
				p := pub
				if t.L == "yesterday" {
					p = p.AddDate(0, 0, -1)
				}
				out = append(out, dateMention{i: i, j: i + 1, d: record.DateOf(p), rel: true})
			}
		case t.L == "last" && i+1 < len(toks) && (toks[i+1].L == "year" || toks[i+1].L == "month" || toks[i+1].L == "week") && !(i > 0 && toks[i-1].Kind == tokWord && enMonths[toks[i-1].L] != 0):
			if hasPub {
				switch toks[i+1].L {
				case "year":
					out = append(out, dateMention{i: i, j: i + 2, d: record.Date{Year: pub.Year() - 1}, rel: true})
				case "month":
					p := pub.AddDate(0, -1, -pub.Day()+1)
					out = append(out, dateMention{i: i, j: i + 2, d: record.Date{Year: p.Year(), Month: int(p.Month())}, rel: true})
				}
			}
			i++
		case (t.L == "earlier" || t.L == "this" || t.L == "later") && i+2 < len(toks) && toks[i+1].L == "this" && toks[i+2].L == "month",
			t.L == "this" && i+1 < len(toks) && toks[i+1].L == "month" && intro:
			if hasPub {
				k := i + 2
				if t.L == "this" {
					k = i + 1
				}
				out = append(out, dateMention{i: i, j: k + 1, d: record.Date{Year: pub.Year(), Month: int(pub.Month())}, rel: true})
				i = k
			}
		case enWeekdays[t.L] != 0 || t.L == "sunday":
			if !intro && !(i > 0 && (toks[i-1].L == "last" || toks[i-1].L == "past")) {
				continue
			}
			// "on Sunday, 9 April 2023" states the full date next to the day.
			if m, ok := absDate(toks, skipComma(toks, i+1), pub); ok {
				m.i = i
				out = append(out, m)
				i = m.j - 1
				continue
			}
			if hasPub {
				wd := enWeekdays[t.L]
				back := (int(pub.Weekday()) - int(wd) + 7) % 7
				out = append(out, dateMention{i: i, j: i + 1, d: record.DateOf(pub.AddDate(0, 0, -back)), rel: true})
			}
		default:
			if !intro {
				continue
			}
			if m, ok := absDate(toks, i, pub); ok {
				out = append(out, m)
				i = m.j - 1
			}
		}
	}
	return out
}

func skipComma(toks []token, i int) int {
	if i < len(toks) && toks[i].L == "," {
		return i + 1
	}
	return i
}

func isDateIntro(l string) bool {
	switch l {
	case "on", "in", "at", "during", "of", ",", "(", "-", "early", "late", "mid", "mid-", "from", "between", "and", "dated", "last":
		return true
	}
	return false
}

// absDate reads "July 5", "5 July", "July 5, 2023", "9 April 2023",
// "May 2023", "May" and "2017" at toks[i].
func absDate(toks []token, i int, pub time.Time) (dateMention, bool) {
	if i >= len(toks) {
		return dateMention{}, false
	}
	t := toks[i]
	year := func(k int) int {
		if k < len(toks) && toks[k].Kind == tokNum && len(toks[k].L) == 4 {
			if y, err := strconv.Atoi(toks[k].L); err == nil && y >= 1950 && y <= 2100 {
				return y
			}
		}
		return 0
	}
	day := func(k int) int {
		if k < len(toks) && toks[k].Kind == tokNum {
			s := strings.TrimRight(toks[k].L, "stndrh")
			if d, err := strconv.Atoi(s); err == nil && d >= 1 && d <= 31 && len(s) <= 2 {
				return d
			}
		}
		return 0
	}
	resolve := func(y, m, d int, j int) (dateMention, bool) {
		rel := false
		if y == 0 {
			if pub.IsZero() {
				return dateMention{}, false
			}
			// A month without a year is the latest such month not after
			// publication.
			y = pub.Year()
			if m > int(pub.Month()) {
				y--
			}
			rel = true
		}
		if d > daysInMonth(y, m) {
			return dateMention{}, false
		}
		// "in August last year"
		if j+1 < len(toks) && toks[j].L == "last" && toks[j+1].L == "year" && !pub.IsZero() {
			y = pub.Year() - 1
			j += 2
		}
		return dateMention{i: i, j: j, d: record.Date{Year: y, Month: m, Day: d}, rel: rel}, true
	}
	if m := enMonths[t.L]; m != 0 && t.Kind == tokWord && (t.Upper || strings.HasSuffix(t.L, ".")) {
		if t.L == "may" && !t.Upper {
			return dateMention{}, false
		}
		k := i + 1
		if k < len(toks) && toks[k].L == "." {
			k++
		}
		if d := day(k); d != 0 {
			k++
			if k+1 < len(toks) && toks[k].L == "," && year(k+1) != 0 {
				return resolve(year(k+1), m, d, k+2)
			}
			if y := year(k); y != 0 {
				return resolve(y, m, d, k+1)
			}
			return resolve(0, m, d, k)
		}
		if y := year(k); y != 0 {
			return resolve(y, m, 0, k+1)
		}
		if k < len(toks) && toks[k].L == "," && year(k+1) != 0 {
			return resolve(year(k+1), m, 0, k+2)
		}
		return resolve(0, m, 0, k)
	}
	if d := day(i); d != 0 && i+1 < len(toks) {
		if m := enMonths[toks[i+1].L]; m != 0 && toks[i+1].Upper {
			if y := year(i + 2); y != 0 {
				return resolve(y, m, d, i+3)
			}
			return resolve(0, m, d, i+2)
		}
	}
	if y := year(i); y != 0 {
		return dateMention{i: i, j: i + 1, d: record.Date{Year: y}}, true
	}
	return dateMention{}, false
}

func daysInMonth(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
