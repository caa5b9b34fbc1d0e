package sqlstore

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kamnotra/kamnotra/internal/record"
)

// TimeText is how the SQLite store writes times: fixed width, so that text
// order is time order.
const TimeText = "2006-01-02T15:04:05.000000Z"

// timeArg binds t, or NULL for the zero time.
func (s *Store) timeArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return s.d.Time(t.UTC().Truncate(time.Microsecond))
}

// timeCol scans a time column, from whichever form the driver delivers
// (time.Time from PostgreSQL, text from SQLite), into UTC; NULL is zero.
type timeCol struct{ t *time.Time }

func (c timeCol) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*c.t = time.Time{}
	case time.Time:
		*c.t = v.UTC()
	case string:
		return c.parse(v)
	case []byte:
		return c.parse(string(v))
	default:
		return fmt.Errorf("time column holds %T", v)
	}
	return nil
}

func (c timeCol) parse(s string) error {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("time column holds %q: %w", s, err)
	}
	*c.t = t.UTC()
	return nil
}

// dateCol scans a record.Date stored as its text form.
type dateCol struct{ d *record.Date }

func (c dateCol) Scan(v any) error {
	var s string
	switch v := v.(type) {
	case nil:
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("date column holds %T", v)
	}
	d, err := record.ParseDate(s)
	if err != nil {
		return err
	}
	*c.d = d
	return nil
}

// dateRange returns the first and last day d can mean as YYYY-MM-DD, or
// empty strings when d is unknown.
func dateRange(d record.Date) (start, end string) {
	if d.IsZero() {
		return "", ""
	}
	return d.Start().Format(time.DateOnly), d.End().Format(time.DateOnly)
}

// jsonCol scans a JSON text column into the value pointed to.
type jsonCol struct{ v any }

func (c jsonCol) Scan(v any) error {
	var b []byte
	switch v := v.(type) {
	case nil:
		return nil
	case string:
		b = []byte(v)
	case []byte:
		b = v
	default:
		return fmt.Errorf("JSON column holds %T", v)
	}
	if string(b) == "[]" {
		return nil // an empty list reads back as nil, as the caller's zero value
	}
	return json.Unmarshal(b, c.v)
}

// jsonText returns v as JSON text, "[]" for a nil slice so that the column
// always holds a list.
func jsonText[T any](v []T) string {
	if len(v) == 0 {
		return "[]"
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // lists of strings and names always marshal
	}
	return string(b)
}

// nullString binds "" as NULL, for optional references.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// nullInt binds a nil pointer as NULL.
func nullInt(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

// nullFloat binds 0 as NULL: a coordinate of exactly 0 is "unknown" in
// Cambodia's gazetteer.
func nullFloat(f float64) any {
	if f == 0 {
		return nil
	}
	return f
}

// strCol scans a nullable text column into a string.
type strCol struct{ s *string }

func (c strCol) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*c.s = ""
	case string:
		*c.s = v
	case []byte:
		*c.s = string(v)
	default:
		return fmt.Errorf("text column holds %T", v)
	}
	return nil
}

// intPtrCol scans a nullable integer column into *int64.
type intPtrCol struct{ p **int64 }

func (c intPtrCol) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*c.p = nil
	case int64:
		*c.p = &v
	case int32:
		x := int64(v)
		*c.p = &x
	default:
		return fmt.Errorf("integer column holds %T", v)
	}
	return nil
}

// floatCol scans a nullable float column, NULL as 0.
type floatCol struct{ f *float64 }

func (c floatCol) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*c.f = 0
	case float64:
		*c.f = v
	case int64:
		*c.f = float64(v)
	default:
		return fmt.Errorf("float column holds %T", v)
	}
	return nil
}

// checkText refuses text that one of the databases would refuse or alter
// (PostgreSQL rejects invalid UTF-8 and NUL bytes), so that both stores
// accept exactly the same input.
func checkText(field, s string) error {
	if !utf8.ValidString(s) {
		return record.Errorf(record.EInvalid, "%s is not valid UTF-8: decode it (and flag %s) before storing", field, record.FlagInvalidUTF8)
	}
	if strings.IndexByte(s, 0) >= 0 {
		return record.Errorf(record.EInvalid, "%s contains a NUL byte, which the databases cannot hold: strip it before storing", field)
	}
	return nil
}

func checkNames(field string, ns record.Names) error {
	for i, n := range ns {
		if n.Value == "" {
			return record.Errorf(record.EInvalid, "%s[%d] has an empty value", field, i)
		}
		for _, f := range []string{n.Lang, n.Script, n.Value, string(n.Kind)} {
			if err := checkText(fmt.Sprintf("%s[%d]", field, i), f); err != nil {
				return err
			}
		}
	}
	return nil
}
