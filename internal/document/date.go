package document

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/kamnotra/kamnotra/internal/khmer"
	"github.com/kamnotra/kamnotra/internal/record"
)

// Cambodia is UTC+7 all year, without daylight saving; a fixed zone spares
// the binary a tzdata dependency.
var Cambodia = time.FixedZone("ICT", 7*3600)

// stamp is a publication time found in a source: the instant, and whether
// the source gave a time of day (else only the date is meant).
type stamp struct {
	t       time.Time
	clock   bool
	prec    record.Precision
	source  string
	invalid bool
}

func (s stamp) date() record.Date {
	d := record.DateOf(s.t.In(Cambodia))
	if !s.clock {
		// A date-only value names a calendar day, not an instant: do not
		// shift it across midnight.
		d = record.DateOf(s.t)
	}
	switch s.prec {
	case record.PrecisionMonth:
		d.Day = 0
	case record.PrecisionYear:
		d.Month, d.Day = 0, 0
	}
	return d
}

var timeLayouts = []struct {
	layout string
	clock  bool
	zone   bool
}{
	{time.RFC3339Nano, true, true},
	{"2006-01-02T15:04:05Z0700", true, true},
	{"2006-01-02T15:04:05.999999999Z0700", true, true},
	{"2006-01-02T15:04Z07:00", true, true},
	{"2006-01-02T15:04:05", true, false},
	{"2006-01-02T15:04", true, false},
	{"2006-01-02 15:04:05Z07:00", true, true},
	{"2006-01-02 15:04:05 -0700", true, true},
	{"2006-01-02 15:04:05 -0700 MST", true, true},
	{"2006-01-02 15:04:05", true, false},
	{"2006-01-02 15:04", true, false},
	{time.RFC1123Z, true, true},
	{time.RFC1123, true, true},
	{"Mon, 2 Jan 2006 15:04:05 -0700", true, true},
	{"Mon, 2 Jan 2006 15:04:05 MST", true, true},
	{"2006-01-02", false, false},
	{"2006/01/02", false, false},
	{"20060102", false, false},
	{"January 2, 2006", false, false},
	{"Jan 2, 2006", false, false},
	{"2 January 2006", false, false},
	{"2 Jan 2006", false, false},
}

// parseStamp parses the machine-readable date forms found in meta tags,
// JSON-LD and <time datetime>. A value without a zone is Cambodian time;
// exact midnight is taken as "date only", which is what CMSs write when
// the editor gave no time.
func parseStamp(s string) (stamp, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return stamp{}, false
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && len(s) >= 9 && len(s) <= 13 {
		// Unix seconds or milliseconds.
		if len(s) == 13 {
			n /= 1000
		}
		return stamp{t: time.Unix(n, 0).In(Cambodia), clock: true, prec: record.PrecisionDay}, true
	}
	if st, ok := parseSlashed(s); ok {
		return st, true
	}
	for _, l := range timeLayouts {
		var (
			t   time.Time
			err error
		)
		if l.zone {
			t, err = time.Parse(l.layout, s)
		} else {
			t, err = time.ParseInLocation(l.layout, s, Cambodia)
		}
		if err != nil {
			continue
		}
		clock := l.clock
		if clock && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
			clock = false
		}
		return stamp{t: t, clock: clock, prec: record.PrecisionDay}, true
	}
	return stamp{}, false
}

var slashedRe = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d{2})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$`)

// parseSlashed reads 25/07/2023 and 25-07-2023 10:30, day first as
// Cambodian sites write them; month first only when the day-first
// reading is impossible (07/25/2023).
func parseSlashed(s string) (stamp, bool) {
	m := slashedRe.FindStringSubmatch(s)
	if m == nil {
		return stamp{}, false
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	y, _ := strconv.Atoi(m[3])
	d, mo := a, b
	if mo > 12 {
		d, mo = b, a
	}
	if mo < 1 || mo > 12 || d < 1 || d > time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return stamp{}, false
	}
	st := stamp{t: time.Date(y, time.Month(mo), d, 0, 0, 0, 0, Cambodia), prec: record.PrecisionDay}
	if m[4] != "" {
		h, _ := strconv.Atoi(m[4])
		mi, _ := strconv.Atoi(m[5])
		sec, _ := strconv.Atoi(m[6])
		if h < 24 && mi < 60 && sec < 60 && (h|mi|sec) != 0 {
			st.t = time.Date(y, time.Month(mo), d, h, mi, sec, 0, Cambodia)
			st.clock = true
		}
	}
	return st, true
}

// parseAny is parseStamp, then a date written out in words (a Khmer
// "ថ្ងៃទី២៥ ខែកក្កដា ឆ្នាំ២០២៣" in a meta tag).
func parseAny(s string, fetched time.Time) (stamp, bool) {
	if st, ok := parseStamp(s); ok {
		return st, true
	}
	if len(s) > 200 {
		return stamp{}, false
	}
	if ds := datesInText(s, fetched); len(ds) > 0 {
		return ds[0], true
	}
	return stamp{}, false
}

// plausible reports whether t can be a publication date of something
// fetched at fetched: not before the web reached Cambodia, not more than a
// day and a half in the future (time zones, scheduled posts).
func plausible(t, fetched time.Time) bool {
	return t.Year() >= 1993 && !t.After(fetched.Add(36*time.Hour))
}

var urlDateRe = regexp.MustCompile(`/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])(?:[/-](0?[1-9]|[12]\d|3[01]))?(?:[/-]|\.html?$|$)`)

// dateInURL finds /2023/07/25/ or /2023-07-25- (day precision) and
// /2023/07/ (month precision) in a URL path.
func dateInURL(raw string) (stamp, bool) {
	p := raw
	if i := strings.Index(p, "://"); i >= 0 {
		p = p[i+3:]
		if j := strings.IndexByte(p, '/'); j >= 0 {
			p = p[j:]
		} else {
			return stamp{}, false
		}
	}
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	m := urlDateRe.FindStringSubmatch(p)
	if m == nil {
		return stamp{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	prec, d := record.PrecisionMonth, 1
	if m[3] != "" {
		d, _ = strconv.Atoi(m[3])
		prec = record.PrecisionDay
		if d > time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
			return stamp{}, false
		}
	}
	return stamp{t: time.Date(y, time.Month(mo), d, 0, 0, 0, 0, Cambodia), prec: prec, source: "url"}, true
}

var months = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

const monthAlt = `(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?`

var (
	enMDYRe = regexp.MustCompile(`(?i)\b` + monthAlt + `\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b(?:[,\s]+(?:at\s+)?(\d{1,2}):(\d{2})\s*([ap]\.?m\.?)?)?`)
	enDMYRe = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+` + monthAlt + `,?\s+((?:19|20)\d{2})\b(?:[,\s]+(?:at\s+)?(\d{1,2}):(\d{2})\s*([ap]\.?m\.?)?)?`)
)

// englishDates finds dates written out in English ("July 25, 2023",
// "25 July 2023", "Tue, Jul 25, 2023 at 3:40 pm"), in order of position.
func englishDates(text string) []stamp {
	type hit struct {
		pos int
		s   stamp
	}
	var hits []hit
	add := func(pos int, y, mo, d string, hh, mm, ampm string) {
		year, _ := strconv.Atoi(y)
		month := months[strings.ToLower(strings.TrimSuffix(mo, "."))]
		day, _ := strconv.Atoi(d)
		if month == 0 || day < 1 || day > time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day() {
			return
		}
		st := stamp{t: time.Date(year, month, day, 0, 0, 0, 0, Cambodia), prec: record.PrecisionDay, source: "text"}
		if hh != "" {
			h, _ := strconv.Atoi(hh)
			m, _ := strconv.Atoi(mm)
			ap := strings.ToLower(strings.ReplaceAll(ampm, ".", ""))
			if ap == "pm" && h < 12 {
				h += 12
			} else if ap == "am" && h == 12 {
				h = 0
			}
			if h < 24 && m < 60 {
				st.t = time.Date(year, month, day, h, m, 0, 0, Cambodia)
				st.clock = true
			}
		}
		hits = append(hits, hit{pos, st})
	}
	for _, m := range enMDYRe.FindAllStringSubmatchIndex(text, 8) {
		g := groups(text, m)
		add(m[0], g[3], g[1], g[2], g[4], g[5], g[6])
	}
	for _, m := range enDMYRe.FindAllStringSubmatchIndex(text, 8) {
		g := groups(text, m)
		add(m[0], g[3], g[2], g[1], g[4], g[5], g[6])
	}
	// Order by position so "the date nearest the title" comes first.
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && hits[j].pos < hits[j-1].pos; j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	out := make([]stamp, len(hits))
	for i, h := range hits {
		out[i] = h.s
	}
	return out
}

func groups(s string, idx []int) []string {
	g := make([]string, len(idx)/2)
	for i := range g {
		if idx[2*i] >= 0 {
			g[i] = s[idx[2*i]:idx[2*i+1]]
		}
	}
	return g
}

// khmerDates finds the dates written in text with their own year, in
// Khmer, English or figures, including lunar dates, through the Khmer
// date parser. Relative forms ("yesterday", ម្សិលមិញ) are not asked for:
// near a title they describe the event, not the publication.
func khmerDates(text string) []stamp {
	var out []stamp
	for _, m := range khmer.FindDates(text, time.Time{}) {
		if m.Date.Precision != khmer.PrecisionDay || (m.Kind != khmer.DateAbsolute && m.Kind != khmer.DateLunar) {
			continue
		}
		out = append(out, stamp{t: time.Date(m.Date.Year, time.Month(m.Date.Month), m.Date.Day, 0, 0, 0, 0, Cambodia), prec: record.PrecisionDay, source: "text"})
	}
	return out
}

// datesInText returns the dates written in text, in order of position,
// from the Khmer date parser; English dates with a time of day ("July 25,
// 2023 at 3:40 pm") come from englishDates, which also stands in when the
// Khmer parser finds nothing.
func datesInText(text string, fetched time.Time) []stamp {
	km := khmerDates(text)
	en := englishDates(text)
	if len(km) == 0 {
		return en
	}
	// Prefer the English reading of the same day when it carries a clock.
	for i, k := range km {
		for _, e := range en {
			if e.clock && record.DateOf(e.t) == record.DateOf(k.t) {
				km[i] = e
				break
			}
		}
	}
	return km
}

// firstRunes returns the first n runes of s.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
