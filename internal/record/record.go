// Package record is Kamnotra's domain model: what the record is made of,
// independent of how it is fetched, stored or shown. It imports nothing of
// the project's own, so every other package can depend on it.
//
// The flow of data is source → Document (captured, archived bytes) →
// Event and Citation (what a document says happened, with the exact span of
// text that says it) → Person, Organisation, Membership (the record built
// from many citations). Text that exists in several languages or scripts is
// held as a list of Name values at field level, never as title_en/title_km
// columns.
package record

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Language codes used throughout: ISO 639-1.
const (
	LangKhmer   = "km"
	LangEnglish = "en"
	LangMixed   = "mul" // a document with substantial text in both
)

// Script codes: ISO 15924.
const (
	ScriptKhmer = "Khmr"
	ScriptLatin = "Latn"
)

// NameKind says what a Name is to its bearer.
type NameKind string

const (
	NameOfficial     NameKind = "official"     // the form the bearer uses officially
	NameVariant      NameKind = "variant"      // another spelling seen in sources
	NameRomanisation NameKind = "romanisation" // a transliteration of a Khmer-script name
	NameAbbreviation NameKind = "abbreviation" // CPP, គណបក្សប្រជាជនកម្ពុជា → CPP
)

// Name is one way of writing the name of something.
type Name struct {
	Lang   string   `json:"lang,omitempty"`
	Script string   `json:"script,omitempty"`
	Value  string   `json:"value"`
	Kind   NameKind `json:"kind,omitempty"`
}

// Names is every known way of writing one thing's name.
type Names []Name

// Best returns the name to show a reader of lang: the official name in that
// language, else any name in it, else the first official name, else the
// first name. The bool is false when the result is a fallback from another
// language, so pages can mark it.
func (ns Names) Best(lang string) (Name, bool) {
	var inLang, official *Name
	for i := range ns {
		n := &ns[i]
		if n.Lang == lang {
			if n.Kind == NameOfficial || n.Kind == "" {
				return *n, true
			}
			if inLang == nil {
				inLang = n
			}
		}
		if official == nil && n.Kind == NameOfficial {
			official = n
		}
	}
	switch {
	case inLang != nil:
		return *inLang, true
	case official != nil:
		return *official, false
	case len(ns) > 0:
		return ns[0], false
	}
	return Name{}, false
}

// Has reports whether value is among the names, compared exactly.
func (ns Names) Has(value string) bool {
	for _, n := range ns {
		if n.Value == value {
			return true
		}
	}
	return false
}

// Precision of a Date.
type Precision uint8

const (
	PrecisionNone Precision = iota
	PrecisionYear
	PrecisionMonth
	PrecisionDay
)

// Date is a calendar date known to day, month or year precision, as news
// reports state them ("in June", "on July 9", "in 2020"). The zero Date
// means unknown.
type Date struct {
	Year  int `json:"-"`
	Month int `json:"-"` // 0 when the precision is year
	Day   int `json:"-"` // 0 when the precision is month or year
}

// DateOf returns the day-precision Date of t in t's location.
func DateOf(t time.Time) Date {
	return Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}

// Precision derives the precision from which parts are set.
func (d Date) Precision() Precision {
	switch {
	case d.Year == 0:
		return PrecisionNone
	case d.Month == 0:
		return PrecisionYear
	case d.Day == 0:
		return PrecisionMonth
	}
	return PrecisionDay
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Year == 0 }

// String formats as YYYY, YYYY-MM or YYYY-MM-DD; "" when unknown.
func (d Date) String() string {
	switch d.Precision() {
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.Year)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	return ""
}

// Start returns the first day the date can mean, for sorting and ranges.
func (d Date) Start() time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	m, day := max(d.Month, 1), max(d.Day, 1)
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// End returns the last day the date can mean.
func (d Date) End() time.Time {
	switch d.Precision() {
	case PrecisionYear:
		return time.Date(d.Year, 12, 31, 0, 0, 0, 0, time.UTC)
	case PrecisionMonth:
		return time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC)
	case PrecisionDay:
		return d.Start()
	}
	return time.Time{}
}

// ParseDate parses YYYY, YYYY-MM or YYYY-MM-DD. The empty string is the
// zero Date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, Errorf(EInvalid, "date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return Date{}, Errorf(EInvalid, "date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		n[i] = v
	}
	d := Date{Year: n[0], Month: n[1], Day: n[2]}
	if d.Year < 1 || d.Month > 12 || (len(parts) > 1 && d.Month < 1) || (len(parts) > 2 && (d.Day < 1 || d.Day > daysIn(d.Year, d.Month))) {
		return Date{}, Errorf(EInvalid, "date %q is not a calendar date", s)
	}
	return d, nil
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// MarshalText implements encoding.TextMarshaler; unknown dates marshal as "".
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
