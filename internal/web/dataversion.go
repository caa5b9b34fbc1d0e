package web

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"
	"sync"

	_ "modernc.org/sqlite" // the "sqlite" driver
)

// SQLiteVersion tells when a SQLite database has changed, for Options.Version.
// It keeps one read-only connection of its own and asks it PRAGMA
// data_version, which changes whenever another connection — in this
// process or another, such as a capture run — commits to the file. This
// connection never writes, so every commit is another connection's.
//
// The pragma's value means something only on the connection that read
// it: a new connection starts its count afresh and could meet an old
// value again. So Version returns a counter of its own, moved on at every
// change of value and whenever the connection had to be replaced.
type SQLiteVersion struct {
	db *sql.DB

	mu    sync.Mutex
	conn  *sql.Conn
	stmt  *sql.Stmt
	last  int64  // data_version last read on conn
	count uint64 // what Version returns
}

// OpenSQLiteVersion watches the SQLite database at path, which must exist.
func OpenSQLiteVersion(ctx context.Context, path string) (*SQLiteVersion, error) {
	if strings.ContainsAny(path, "?#%") {
		// The path goes into a file: URI, where these mean something.
		return nil, fmt.Errorf("database path %q contains ?, # or %%: choose a path without them", path)
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "query_only(1)")
	// mode=ro: watching must never create an empty database where the
	// record should be.
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&"+q.Encode())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	v := &SQLiteVersion{db: db}
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.connect(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("watching %s for changes: %w", path, err)
	}
	return v, nil
}

// connect (re)opens the connection and reads its first value; the caller
// holds mu.
func (v *SQLiteVersion) connect(ctx context.Context) error {
	v.release()
	conn, err := v.db.Conn(ctx)
	if err != nil {
		return err
	}
	stmt, err := conn.PrepareContext(ctx, "PRAGMA data_version")
	if err != nil {
		conn.Close()
		return err
	}
	var dv int64
	if err := stmt.QueryRowContext(ctx).Scan(&dv); err != nil {
		stmt.Close()
		conn.Close()
		return err
	}
	v.conn, v.stmt, v.last = conn, stmt, dv
	v.count++
	return nil
}

func (v *SQLiteVersion) release() {
	if v.stmt != nil {
		v.stmt.Close()
		v.stmt = nil
	}
	if v.conn != nil {
		v.conn.Close()
		v.conn = nil
	}
}

// Version returns a number that differs from every earlier one once the
// database has changed since it was read.
func (v *SQLiteVersion) Version(ctx context.Context) (uint64, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.stmt == nil {
		if err := v.connect(ctx); err != nil {
			return 0, err
		}
		return v.count, nil
	}
	var dv int64
	if err := v.stmt.QueryRowContext(ctx).Scan(&dv); err != nil {
		// The connection may be the trouble: the next call starts a new
		// one, and a new count with it.
		v.release()
		return 0, err
	}
	if dv != v.last {
		v.last = dv
		v.count++
	}
	return v.count, nil
}

// Close releases the connection.
func (v *SQLiteVersion) Close() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.release()
	return v.db.Close()
}
