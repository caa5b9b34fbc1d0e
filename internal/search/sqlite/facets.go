package sqlite

import (
	"context"
	"database/sql"
	"sync"

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

type facetCache struct {
	db   *sql.DB // one read-only connection, for the version only
	kept *search.CountCache

	mu   sync.Mutex
	conn *sql.Conn
	stmt *sql.Stmt
}

func openFacetCache(dsn string) (*facetCache, error) {
	db, err := sql.Open("sqlite", dsn+"&_pragma=query_only(1)")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return &facetCache{db: db, kept: search.NewCountCache()}, nil
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

// current reads the index's version; it returns false when the version
// cannot be read, and then nothing may be cached. The caller holds mu.
func (c *facetCache) current(ctx context.Context) (uint64, bool) {
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
		c.kept.Reset()
	}
	var v int64
	if err := c.stmt.QueryRowContext(ctx).Scan(&v); err != nil {
		c.release()
		return 0, false
	}
	return uint64(v), true
}

// counts returns the facet counts of the query key, counting them with
// count on a miss. The version is read before counting, so that counts
// made while the index changed are kept under the older version and
// never served after the change.
func (c *facetCache) counts(ctx context.Context, key string, count func() (search.Counts, error)) (search.Counts, error) {
	c.mu.Lock()
	v, ok := c.current(ctx)
	c.mu.Unlock()
	if ok {
		if kept, hit := c.kept.Get(v, key); hit {
			return kept, nil
		}
	}
	out, err := count()
	if err == nil && ok {
		c.kept.Put(v, key, out)
	}
	return out, err
}
