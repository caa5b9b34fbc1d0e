package sqlite

import (
	"context"
	"database/sql"
	"maps"
	"sync"
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
