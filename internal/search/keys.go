package search

import (
	"encoding/hex"
	"time"
)

// The backends share one layout of their row keys and facet terms, so
// that an index can move between them and both list newest first.

// DayBits is how many documents one day can hold in a row key:
// key = DayKey(date) << DayBits | sequence.
const DayBits = 22

var epoch = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

// DayKey maps a date to days since 1900-01-01 plus one; 0 means unknown,
// which sorts oldest.
func DayKey(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return max(int64(t.Sub(epoch).Hours()/24)+1, 1)
}

// DayOf is the date of a DayKey.
func DayOf(k int64) time.Time {
	if k == 0 {
		return time.Time{}
	}
	return epoch.AddDate(0, 0, int(k-1))
}

// FacetTerm encodes one facet value as an ASCII alphanumeric term, which
// tokenizers keep whole and no text term can equal ("zf" plus hex).
func FacetTerm(name, value string) string {
	return "zf" + hex.EncodeToString([]byte(name+"="+value))
}

// NewHit makes a hit from a stored row, with its snippet.
func NewHit(a Analyzer, clauses []Clause, id, kind, title, body string, day int64) Hit {
	return Hit{ID: id, Kind: kind, Title: title, Date: DayOf(day), Snippet: Snippet(a, body, clauses, 200)}
}
