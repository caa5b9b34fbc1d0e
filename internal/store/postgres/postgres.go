// Package postgres is the server store: the same schema and SQL as the
// SQLite store, in PostgreSQL, through pgx's database/sql driver. pgx
// prepares and caches every parameterised statement per connection, so the
// shared code runs them unprepared here.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Open connects to the PostgreSQL database at url
// (postgres://user:password@host:port/database?sslmode=…) and brings its
// schema up to date. The schema is the connection's search_path: add
// search_path=NAME to the URL to keep Kamnotra in a schema of its own.
func Open(ctx context.Context, url string) (*sqlstore.Store, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("PostgreSQL URL: %w", err)
	}
	// As many kept idle as may be open: a site's requests come in bursts,
	// and a connection closed after one is a new server process (and an
	// authentication) for the next, several milliseconds on a request
	// that would otherwise take one. Idle ones go after five minutes.
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to PostgreSQL: %w (is the server running and the URL right?)", err)
	}
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		panic(err)
	}
	if err := sqlstore.Migrate(ctx, db, Dialect{}, sub); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate PostgreSQL: %w", err)
	}
	return sqlstore.New(db, db, Dialect{}), nil
}

// Dialect is PostgreSQL's way of saying things.
type Dialect struct{}

var _ sqlstore.Dialect = Dialect{}

func (Dialect) Name() string                { return "postgres" }
func (Dialect) Rebind(q string) string      { return sqlstore.RebindDollar(q) }
func (Dialect) Time(t time.Time) any        { return t }
func (Dialect) ForUpdate() string           { return " FOR UPDATE" }
func (Dialect) PrepareStatements() bool     { return false }
func (Dialect) Unindexed(col string) string { return col }

// LockMigrations takes a lock for the schema being migrated until the
// transaction ends, so that two processes starting at once apply each
// migration once.
func (Dialect) LockMigrations(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext('kamnotra migrations ' || current_schema()))`)
	return err
}

func (Dialect) MigrationsTable() string {
	return `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    integer PRIMARY KEY,
	name       text NOT NULL,
	applied_at timestamptz NOT NULL DEFAULT now()
)`
}

// Classify implements sqlstore.Dialect.
func (Dialect) Classify(err error) (code, why string, retry bool) {
	var e *pgconn.PgError
	if !errors.As(err, &e) {
		if pgconn.SafeToRetry(err) {
			return record.EInternal, "the connection failed before the statement was sent", true
		}
		return record.EInternal, "", false
	}
	switch e.Code {
	case "23505": // unique_violation
		return record.EConflict, "it exists already", false
	case "23503": // foreign_key_violation
		return record.EInvalid, "it refers to something not in the record", false
	case "23502", "23514", "22001", "22003", "54000": // not null, check, too long, out of range, too big
		return record.EInvalid, e.Message, false
	case "22021", "22P05": // invalid byte sequence, untranslatable character
		return record.EInvalid, "the text is not valid UTF-8", false
	case "40001", "40P01", "55P03": // serialization failure, deadlock, lock not available
		return record.EInternal, e.Message, true
	}
	return record.EInternal, "", false
}

// DumpSchema returns the tables, constraints and indexes of the current
// schema as text in a stable order: what schema.sql beside this file
// holds, and what a test compares with it.
func DumpSchema(ctx context.Context, db *sql.DB) (string, error) {
	var schema string
	if err := db.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("-- The PostgreSQL schema after every migration: generated, do not edit.\n-- go test ./internal/store/postgres -run TestSchema -update rewrites it.\n")
	tables, err := column(ctx, db, `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY c.relname`, schema)
	if err != nil {
		return "", err
	}
	for _, table := range tables {
		fmt.Fprintf(&b, "\nCREATE TABLE %s (\n", table)
		rows, err := db.QueryContext(ctx, `SELECT column_name, data_type, is_nullable, coalesce(column_default, '')
			FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`, schema, table)
		if err != nil {
			return "", err
		}
		var lines []string
		for rows.Next() {
			var name, typ, nullable, def string
			if err := rows.Scan(&name, &typ, &nullable, &def); err != nil {
				rows.Close()
				return "", err
			}
			l := "\t" + name + " " + typ
			if nullable == "NO" {
				l += " NOT NULL"
			}
			if def != "" {
				l += " DEFAULT " + def
			}
			lines = append(lines, l)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return "", err
		}
		cons, err := db.QueryContext(ctx, `SELECT con.conname, pg_get_constraintdef(con.oid) FROM pg_constraint con
			JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = $1 AND c.relname = $2 ORDER BY con.conname`, schema, table)
		if err != nil {
			return "", err
		}
		for cons.Next() {
			var name, def string
			if err := cons.Scan(&name, &def); err != nil {
				cons.Close()
				return "", err
			}
			lines = append(lines, "\tCONSTRAINT "+name+" "+def)
		}
		cons.Close()
		if err := cons.Err(); err != nil {
			return "", err
		}
		b.WriteString(strings.Join(lines, ",\n"))
		b.WriteString("\n);\n")
	}
	indexes, err := column(ctx, db, `SELECT indexdef FROM pg_indexes WHERE schemaname = $1 ORDER BY tablename, indexname`, schema)
	if err != nil {
		return "", err
	}
	b.WriteString("\n")
	for _, def := range indexes {
		b.WriteString(strings.ReplaceAll(def, " "+schema+".", " ") + ";\n")
	}
	return b.String(), nil
}

func column(ctx context.Context, db *sql.DB, q string, args ...any) ([]string, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
