package search

import (
	"encoding/hex"
	"runtime"
	"sync"
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

// HitRow is a stored row a hit is made from.
type HitRow struct {
	ID, Kind, Title, Body string
	Day                   int64
}

// NewHits makes the hits of rows, in order, building their snippets on
// every core: a page's snippets are most of the CPU a search takes once
// its matches are found.
func NewHits(a Analyzer, clauses []Clause, rows []HitRow) []Hit {
	hits := make([]Hit, len(rows))
	workers := min(runtime.GOMAXPROCS(0), len(rows))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(rows); i += workers {
				r := rows[i]
				hits[i] = Hit{ID: r.ID, Kind: r.Kind, Title: r.Title, Date: DayOf(r.Day), Snippet: Snippet(a, r.Body, clauses, 200)}
			}
		})
	}
	wg.Wait()
	return hits
}
