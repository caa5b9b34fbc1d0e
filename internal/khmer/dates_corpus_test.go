package khmer

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// corpusDir finds ../shared/corpus beside the module root, or "".
func corpusDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
	c := filepath.Join(dir, "..", "shared", "corpus")
	if _, err := os.Stat(c); err != nil {
		return ""
	}
	return c
}

type corpusItem struct {
	Published *string
	Text      string
	Events    []struct {
		Date           *string
		Count          *int64
		CountQualifier *string `json:"count_qualifier"`
		Evidence       string
	}
}

// TestCorpusDatesAndCounts measures, on the labelled development corpus,
// how many labelled event dates FindDates finds somewhere in the item (or
// finds a finer date inside, when the label is coarser than the text) and
// how many labelled counts FindNumbers finds in the evidence with the
// right qualifier. It reports the rates; it fails only if either falls
// below what this code reached when the test was written, so that a
// change that loses ground is noticed. The corpus is read, never copied.
func TestCorpusDatesAndCounts(t *testing.T) {
	dir := corpusDir(t)
	if dir == "" {
		t.Skip("no ../shared/corpus beside the module")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.json"))
	var dates, datesFound, datesCovered, counts, countsFound int
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var it corpusItem
		if err := json.Unmarshal(b, &it); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		var pub time.Time
		if it.Published != nil {
			pub, _ = time.Parse("2006-01-02", *it.Published)
		}
		var found []string
		for _, m := range FindDates(it.Text, pub) {
			found = append(found, m.Date.String())
		}
		for _, e := range it.Events {
			if e.Date != nil {
				dates++
				covered := false
				for _, d := range found {
					// a labelled month or year that a found day lies in
					if strings.HasPrefix(d, *e.Date) {
						covered = true
					}
				}
				if covered {
					datesCovered++
				}
				if slices.Contains(found, *e.Date) {
					datesFound++
				} else {
					t.Logf("%s: date %s not found (found %v)", filepath.Base(f), *e.Date, found)
				}
			}
			if e.Count != nil && *e.Count > 1 {
				counts++
				q := "exact"
				if e.CountQualifier != nil {
					q = *e.CountQualifier
				}
				ok := false
				for _, n := range FindNumbers(e.Evidence) {
					if n.Value == *e.Count && string(n.Qualifier) == q {
						ok = true
					}
				}
				if ok {
					countsFound++
				} else {
					t.Logf("%s: count %d %s not found in the evidence", filepath.Base(f), *e.Count, q)
				}
			}
		}
	}
	t.Logf("dates found: %d of %d (%d of %d within a found date); counts found with qualifier: %d of %d",
		datesFound, dates, datesCovered, dates, countsFound, counts)
	if dates > 0 && float64(datesFound)/float64(dates) < 0.6 {
		t.Errorf("date recall %d/%d fell below 0.6", datesFound, dates)
	}
	if counts > 0 && float64(countsFound)/float64(counts) < 0.8 {
		t.Errorf("count recall %d/%d fell below 0.8", countsFound, counts)
	}
}
