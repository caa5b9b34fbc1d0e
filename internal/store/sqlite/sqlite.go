// Package sqlite is the embedded store: one SQLite file in the data
// directory, through the pure-Go driver modernc.org/sqlite (whose FTS5 is
// built in, which search needs).
//
// The database is opened twice: one connection that writes, so writers
// queue in Go instead of failing with SQLITE_BUSY, and a pool of read-only
// connections that WAL lets read while it writes.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// FileName is the database's name inside the data directory.
const FileName = "kamnotra.db"

// OpenDir opens the store in dataDir, creating the directory and the
// database when missing.
func OpenDir(ctx context.Context, dataDir string) (*sqlstore.Store, error) {
	if dataDir == "" {
		return nil, errors.New("no data directory: set --data or KAMNOTRA_DATA")
	}
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, fmt.Errorf("create data directory: %w (choose another with --data)", err)
	}
	probe, err := os.CreateTemp(dataDir, ".write-probe-*")
	if err != nil {
		return nil, fmt.Errorf("data directory %s is not writable: %w (fix its permissions or choose another with --data)", dataDir, err)
	}
	probe.Close()
	os.Remove(probe.Name())
	return Open(ctx, filepath.Join(dataDir, FileName))
}

// Open opens the SQLite database at path, creating it when missing, and
// brings its schema up to date.
func Open(ctx context.Context, path string) (*sqlstore.Store, error) {
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("database path %q contains ? or #: choose a path without them", path)
	}
	// busy_timeout comes first so that the other pragmas wait for a lock
	// held by another process rather than fail; WAL lets readers go on
	// while the writer writes; NORMAL syncs at checkpoints, not at every
	// commit, which WAL makes safe against corruption (a power cut may
	// lose the last commits, never the file).
	common := url.Values{}
	common.Add("_pragma", "busy_timeout(10000)")
	common.Add("_pragma", "foreign_keys(1)")
	common.Add("_pragma", "synchronous(NORMAL)")

	wq := url.Values{}
	for k, v := range common {
		wq[k] = append([]string(nil), v...)
	}
	wq.Add("_pragma", "journal_mode(WAL)")
	// Every capture inserts into several indexes at random places: a
	// page cache of 32 MiB (the default is 2) keeps their upper levels in
	// memory as the database grows.
	wq.Add("_pragma", "cache_size(-32768)")
	// BEGIN IMMEDIATE takes the write lock at the start, so a transaction
	// never fails half-way when it first writes.
	wq.Set("_txlock", "immediate")
	w, err := sql.Open("sqlite", path+"?"+wq.Encode())
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := sqlstore.Migrate(ctx, w, Dialect{}, migrationsFS()); err != nil {
		w.Close()
		return nil, fmt.Errorf("migrate %s: %w", path, err)
	}

	rq := url.Values{}
	for k, v := range common {
		rq[k] = append([]string(nil), v...)
	}
	rq.Add("_pragma", "query_only(1)")
	r, err := sql.Open("sqlite", path+"?"+rq.Encode())
	if err != nil {
		w.Close()
		return nil, err
	}
	n := max(4, runtime.GOMAXPROCS(0))
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	if err := r.PingContext(ctx); err != nil {
		w.Close()
		r.Close()
		return nil, fmt.Errorf("open %s for reading: %w", path, err)
	}
	return sqlstore.New(w, r, Dialect{}), nil
}

func migrationsFS() fs.FS {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		panic(err)
	}
	return sub
}

// Dialect is SQLite's way of saying things.
type Dialect struct{}

var _ sqlstore.Dialect = Dialect{}

func (Dialect) Name() string                                  { return "sqlite" }
func (Dialect) Rebind(q string) string                        { return q }
func (Dialect) Time(t time.Time) any                          { return t.Format(sqlstore.TimeText) }
func (Dialect) ForUpdate() string                             { return "" } // the one writer holds the database's write lock
func (Dialect) PrepareStatements() bool                       { return true }
func (Dialect) Unindexed(col string) string                   { return "(" + col + " || '')" }
func (Dialect) LockMigrations(context.Context, *sql.Tx) error { return nil } // BEGIN IMMEDIATE locks already
func (Dialect) MigrationsTable() string {
	return `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT`
}

// Classify implements sqlstore.Dialect.
func (Dialect) Classify(err error) (code, why string, retry bool) {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return record.EInternal, "", false
	}
	switch c := e.Code(); c {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return record.EConflict, "it exists already", false
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return record.EInvalid, "it refers to something not in the record", false
	case sqlite3.SQLITE_CONSTRAINT_NOTNULL, sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_DATATYPE, sqlite3.SQLITE_TOOBIG:
		return record.EInvalid, e.Error(), false
	default:
		switch c & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return record.EInternal, "the database is locked by another process", true
		case sqlite3.SQLITE_READONLY:
			return record.EInternal, "the database file is read-only", false
		case sqlite3.SQLITE_FULL:
			return record.EInternal, "the disk is full", false
		}
	}
	return record.EInternal, "", false
}

// DumpSchema returns the schema of db as SQL, in a stable order: what
// schema.sql beside this file holds, and what a test compares with it.
func DumpSchema(ctx context.Context, db *sql.DB) (string, error) {
	rows, err := db.QueryContext(ctx, `SELECT type, name, sql FROM sqlite_schema
		WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
		ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, tbl_name, name`)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var b strings.Builder
	b.WriteString("-- The SQLite schema after every migration: generated, do not edit.\n-- go test ./internal/store/sqlite -run TestSchema -update rewrites it.\n")
	for rows.Next() {
		var typ, name, stmt string
		if err := rows.Scan(&typ, &name, &stmt); err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "\n%s;\n", stmt)
	}
	return b.String(), rows.Err()
}
