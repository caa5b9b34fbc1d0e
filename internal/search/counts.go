package search

import (
	"maps"
	"sync"
)

// Counts is what a walk over a query's newest matches found: the facet
// counts of those matches and how many it saw (at most the walk's limit,
// so "more than MaxTotal" shows as more rows than MaxTotal).
type Counts struct {
	Facets map[string]map[string]int
	Rows   int
}

// countCacheSize bounds the queries whose counts are kept. A count is a
// few hundred bytes: a facet's values are tens, not thousands.
const countCacheSize = 4096

// CountCache keeps Counts per query until the index changes. Counting a
// common query's matches and their facets is most of a search's cost,
// and a site answers the same queries, and every page of one, again and
// again. The caller reads the index's version before counting and keeps
// the counts under it, so that counts made while the index changed are
// never served after the change. Versions only grow; an index whose
// counter starts again (a new connection) calls Reset.
type CountCache struct {
	mu      sync.Mutex
	version uint64
	entries map[string]Counts
}

// NewCountCache returns an empty cache.
func NewCountCache() *CountCache { return &CountCache{entries: map[string]Counts{}} }

// advance forgets everything kept before version ver; the caller holds mu.
func (c *CountCache) advance(ver uint64) {
	if ver > c.version {
		clear(c.entries)
		c.version = ver
	}
}

// Get returns a copy of the counts of key counted at version ver.
func (c *CountCache) Get(ver uint64, key string) (Counts, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.advance(ver)
	v, ok := c.entries[key]
	if !ok || ver != c.version {
		return Counts{}, false
	}
	return v.clone(), true
}

// Put keeps a copy of the counts of key, counted from data read after
// version ver was. Counts of a version older than one seen are dropped.
func (c *CountCache) Put(ver uint64, key string, v Counts) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.advance(ver)
	if ver != c.version {
		return
	}
	if len(c.entries) >= countCacheSize {
		// Map order is random: a random eviction.
		for k := range c.entries {
			delete(c.entries, k)
			if len(c.entries) < countCacheSize*3/4 {
				break
			}
		}
	}
	c.entries[key] = v.clone()
}

// Len is how many queries' counts are kept.
func (c *CountCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

// Reset forgets everything, for a version counter that starts again.
func (c *CountCache) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.entries)
	c.version = 0
}

// clone copies the maps: callers own what they are given.
func (v Counts) clone() Counts {
	out := Counts{Facets: make(map[string]map[string]int, len(v.Facets)), Rows: v.Rows}
	for k, m := range v.Facets {
		out.Facets[k] = maps.Clone(m)
	}
	return out
}
