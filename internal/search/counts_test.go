package search

import (
	"fmt"
	"testing"
)

func TestCountCache(t *testing.T) {
	c := NewCountCache()
	counts := Counts{Facets: map[string]map[string]int{"type": {"arrest": 2}}, Rows: 2}
	c.Put(5, "q", counts)
	got, ok := c.Get(5, "q")
	if !ok || got.Rows != 2 || got.Facets["type"]["arrest"] != 2 {
		t.Fatalf("Get(5) = %+v, %v", got, ok)
	}
	// What callers do with their copy stays theirs.
	got.Facets["type"]["arrest"] = 99
	counts.Facets["type"]["arrest"] = 98
	if again, _ := c.Get(5, "q"); again.Facets["type"]["arrest"] != 2 {
		t.Errorf("kept counts changed by a caller: %v", again.Facets)
	}
	// A request that read the version before a change took place neither
	// gets nor keeps counts once a later version has been seen.
	if _, ok := c.Get(6, "q"); ok {
		t.Error("counts of version 5 served at version 6")
	}
	c.Put(5, "old", counts)
	if _, ok := c.Get(5, "old"); ok {
		t.Error("counts of an older version kept after a newer one was seen")
	}
	c.Put(6, "q", Counts{Rows: 1})
	if got, ok := c.Get(6, "q"); !ok || got.Rows != 1 {
		t.Errorf("Get(6) = %+v, %v", got, ok)
	}
	// A counter that starts again.
	c.Reset()
	if n := c.Len(); n != 0 {
		t.Errorf("%d queries' counts kept across Reset", n)
	}
	c.Put(1, "q", counts)
	if _, ok := c.Get(1, "q"); !ok {
		t.Error("nothing kept after Reset at a lower version")
	}
	// Bounded.
	for i := range countCacheSize + 10 {
		c.Put(1, fmt.Sprint(i), counts)
	}
	if n := len(c.entries); n > countCacheSize {
		t.Errorf("%d queries kept, over %d", n, countCacheSize)
	}
}
