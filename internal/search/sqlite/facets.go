package sqlite

import (
	"context"
	"database/sql"
	"maps"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/kamnotra/kamnotra/internal/search"
)

// Facet counts walk up to search.MaxFacetRows matches and read each one's
// facets: most of a search's cost for a common term, and the same for
// every page of the same query. So they are kept per query (its match
// expression and date range) until the index changes.
//
// The index changes when this process or another (a capture run) commits
// to it; PRAGMA data_version on a connection that never writes tells both
// apart from nothing. Its value means something only on that connection,
// so the cache is cleared whenever the connection is replaced.

// facetCacheSize bounds the queries whose counts are kept. A count is a
// few hundred bytes: a facet's values are tens, not thousands.
const facetCacheSize = 4096

type facetCache struct {
	db *sql.DB // one read-only connection, for the version only

	mu      sync.Mutex
	conn    *sql.Conn
	stmt    *sql.Stmt
	version int64 // data_version on conn when entries were counted
	entries map[string]facetCount
}

// facetCount is what a facet walk found: the facet counts of the newest
// rows matches (at most search.MaxFacetRows).
type facetCount struct {
	counts map[string]map[string]int
	rows   int
}

func openFacetCache(dsn string) (*facetCache, error) {
	db, err := sql.Open("sqlite", dsn+"&_pragma=query_only(1)")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return &facetCache{db: db, entries: map[string]facetCount{}}, nil
}

func (c *facetCache) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.release()
	return c.db.Close()
}

func (c *facetCache) release() {
	if c.stmt != nil {
		c.stmt.Close()
		c.stmt = nil
	}
	if c.conn != nil {
		c.conn.Close()
		c.conn = nil
	}
}

// current reads the index's version and forgets counts made before it
// changed; it returns false when the version cannot be read, and then
// nothing may be cached. The caller holds mu.
func (c *facetCache) current(ctx context.Context) (int64, bool) {
	if c.stmt == nil {
		conn, err := c.db.Conn(ctx)
		if err != nil {
			return 0, false
		}
		stmt, err := conn.PrepareContext(ctx, "PRAGMA data_version")
		if err != nil {
			conn.Close()
			return 0, false
		}
		c.conn, c.stmt = conn, stmt
		// A new connection counts afresh: nothing counted before can be
		// matched to it.
		clear(c.entries)
		c.version = -1
	}
	var v int64
	if err := c.stmt.QueryRowContext(ctx).Scan(&v); err != nil {
		c.release()
		return 0, false
	}
	if v != c.version {
		clear(c.entries)
		c.version = v
	}
	return v, true
}

// counts returns the facet counts of the query key, counting them with
// count on a miss. The version is read before counting, so that counts
// made while the index changed are kept under the older version and
// never served after the change.
func (c *facetCache) counts(ctx context.Context, key string, count func() (facetCount, error)) (facetCount, error) {
	c.mu.Lock()
	v, ok := c.current(ctx)
	cached, hit := c.entries[key]
	c.mu.Unlock()
	if ok && hit {
		return facetCount{counts: cloneCounts(cached.counts), rows: cached.rows}, nil
	}
	out, err := count()
	if err != nil || !ok {
		return out, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version == v && c.conn != nil {
		if len(c.entries) >= facetCacheSize {
			// Map order is random: a random eviction.
			for k := range c.entries {
				delete(c.entries, k)
				if len(c.entries) < facetCacheSize*3/4 {
					break
				}
			}
		}
		c.entries[key] = facetCount{counts: cloneCounts(out.counts), rows: out.rows}
	}
	return out, nil
}

func cloneCounts(m map[string]map[string]int) map[string]map[string]int {
	out := make(map[string]map[string]int, len(m))
	for k, v := range m {
		out[k] = maps.Clone(v)
	}
	return out
}

// countFacets adds one row's facets to counts. The column holds what
// json.Marshal made of a map[string][]string: {"name":["value",...],...}.
// Parsing that shape by hand is several times cheaper than
// encoding/json; anything else (an escaped character, say) goes to
// search.CountFacets, so the counts are the same either way.
func countFacets(counts map[string]map[string]int, raw string) {
	if !plain(raw) || !countPlain(counts, raw) {
		search.CountFacets(counts, raw)
	}
}

// plain reports whether raw has nothing encoding/json would read
// differently from its bytes: no escape, no control character, no
// invalid UTF-8 (which it replaces).
func plain(raw string) bool {
	for i := 0; i < len(raw); i++ {
		if c := raw[i]; c == '\\' || c < 0x20 {
			return false
		} else if c >= 0x80 {
			return utf8.ValidString(raw[i:]) && !strings.ContainsFunc(raw[i:], func(r rune) bool { return r < 0x20 || r == '\\' })
		}
	}
	return true
}

// countPlain parses raw when it has no escapes; on anything unexpected it
// returns false having added nothing. Like search.CountFacets, it makes a
// facet's map even when the row has no value for it.
func countPlain(counts map[string]map[string]int, raw string) bool {
	type pair struct {
		name, value string
		none        bool // the facet, without a value
	}
	var buf [16]pair
	found := buf[:0]
	s := raw
	str := func() (string, bool) {
		if len(s) == 0 || s[0] != '"' {
			return "", false
		}
		end := strings.IndexByte(s[1:], '"')
		if end < 0 {
			return "", false
		}
		v := s[1 : 1+end]
		s = s[end+2:]
		return v, true
	}
	next := func(b byte) bool {
		if len(s) == 0 || s[0] != b {
			return false
		}
		s = s[1:]
		return true
	}
	if !next('{') {
		return false
	}
	if !next('}') {
		for {
			name, ok := str()
			if !ok || !next(':') {
				return false
			}
			for _, p := range found {
				if p.name == name {
					return false // encoding/json keeps the last; leave it to it
				}
			}
			if next('n') { // null
				if !strings.HasPrefix(s, "ull") {
					return false
				}
				s = s[3:]
				found = append(found, pair{name: name, none: true})
			} else {
				if !next('[') {
					return false
				}
				if next(']') {
					found = append(found, pair{name: name, none: true})
				} else {
					for {
						v, ok := str()
						if !ok {
							return false
						}
						found = append(found, pair{name: name, value: v})
						if next(']') {
							break
						}
						if !next(',') {
							return false
						}
					}
				}
			}
			if next('}') {
				break
			}
			if !next(',') {
				return false
			}
		}
	}
	if len(s) != 0 {
		return false
	}
	for _, p := range found {
		m := counts[p.name]
		if m == nil {
			m = map[string]int{}
			counts[p.name] = m
		}
		if !p.none {
			m[p.value]++
		}
	}
	return true
}
