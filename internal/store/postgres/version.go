package postgres

import (
	"context"
	"database/sql"
	"fmt"
)

// Version tells whether the database may have changed: it reads where the
// server inserts its next write-ahead log record, which every committed
// change moves forward (a commit inserts its own record before anyone can
// see it), so a value unchanged since a page was built means the page is
// still true. (The write position, pg_current_wal_lsn, lags behind
// commits that have not been flushed: it missed them in testing.) Other writes (autovacuum,
// other databases of the cluster) move it too; that only costs a page
// built again. On a standby it reads the position replayed so far.
//
// It is what the site's page cache asks before serving a kept page, the
// role SQLite's PRAGMA data_version plays for the embedded store.
type Version struct {
	db *sql.DB
}

// OpenVersion connects to the database at url for Version, with a pool
// of its own so that asking never waits behind the store's queries.
func OpenVersion(ctx context.Context, url string) (*Version, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("PostgreSQL URL: %w", err)
	}
	db.SetMaxOpenConns(2)
	v := &Version{db: db}
	if _, err := v.Version(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return v, nil
}

// ChangePosition is the query of Version's number, for other readers of
// the same database (the search index keeps its counts by it).
const ChangePosition = `SELECT ((CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()
	ELSE pg_current_wal_insert_lsn() END) - '0/0'::pg_lsn)::bigint`

// Version returns the current position.
func (v *Version) Version(ctx context.Context) (uint64, error) {
	var pos int64
	err := v.db.QueryRowContext(ctx, ChangePosition).Scan(&pos)
	if err != nil {
		return 0, fmt.Errorf("read PostgreSQL's change position: %w", err)
	}
	return uint64(pos), nil
}

// Close releases the connections.
func (v *Version) Close() error { return v.db.Close() }
