// Package sqlstore is the one SQL code base behind both implementations of
// store.Store: store/sqlite and store/postgres open a database, hand it a
// Dialect for the few things the two databases spell differently, and get
// a *Store back. Queries are written once, with ? placeholders.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

// Dialect is what differs between the databases. Everything else is shared.
type Dialect interface {
	// Name is "sqlite" or "postgres", for messages.
	Name() string
	// Rebind turns ? placeholders into the database's own.
	Rebind(query string) string
	// Time returns the value to bind for a time column; t is UTC and
	// truncated to the microsecond, and never zero.
	Time(t time.Time) any
	// ForUpdate is appended to a SELECT that reads a row the transaction
	// will update, where the database needs to be told to lock it.
	ForUpdate() string
	// Classify maps a driver error to a record error code (EConflict,
	// EInvalid, EInternal for anything else), a short explanation, and
	// whether running the transaction again may succeed.
	Classify(err error) (code, why string, retry bool)
	// PrepareStatements says whether statements should be prepared once
	// and reused: worth it where the driver does not cache them itself.
	PrepareStatements() bool
	// LockMigrations serialises migrations between processes; it runs
	// inside each migration's transaction.
	LockMigrations(ctx context.Context, tx *sql.Tx) error
	// MigrationsTable is the DDL of schema_migrations.
	MigrationsTable() string
	// Unindexed returns col as a condition should name it where the
	// query must not start from col's index: SQLite, which keeps no
	// statistics, would walk every row of a common value through it, so
	// it gets an expression no index serves; PostgreSQL gets the column,
	// whose statistics tell its planner how few rows a value keeps.
	Unindexed(col string) string
}

// Store implements store.Store over database/sql.
type Store struct {
	w, r *sql.DB // writer and readers; the same pool where the database allows concurrent writers
	d    Dialect

	queries sync.Map // query text → rebound text
	mu      sync.Mutex
	stmts   map[string]*sql.Stmt // prepared on w, when d.PrepareStatements()
	reads   sync.Map             // query text → *sql.Stmt prepared on r, likewise
	nreads  atomic.Int32

	now func() time.Time
}

var _ store.Store = (*Store)(nil)

// New returns a store that writes through w and reads through r (which may
// be w). The schema must be migrated already (see Migrate). The store owns
// both and closes them on Close.
func New(w, r *sql.DB, d Dialect) *Store {
	return &Store{w: w, r: r, d: d, stmts: map[string]*sql.Stmt{}, now: time.Now}
}

// Close closes the statements and databases.
func (s *Store) Close() error {
	s.mu.Lock()
	for _, st := range s.stmts {
		st.Close()
	}
	s.stmts = map[string]*sql.Stmt{}
	s.mu.Unlock()
	s.reads.Range(func(q, st any) bool {
		st.(*sql.Stmt).Close()
		s.reads.Delete(q)
		return true
	})
	err := s.w.Close()
	if s.r != s.w {
		err = errors.Join(err, s.r.Close())
	}
	return err
}

// Writer and Reader expose the databases, for tests and benchmarks.
func (s *Store) Writer() *sql.DB { return s.w }
func (s *Store) Reader() *sql.DB { return s.r }

func (s *Store) rebind(q string) string {
	if v, ok := s.queries.Load(q); ok {
		return v.(string)
	}
	r := s.d.Rebind(q)
	s.queries.Store(q, r)
	return r
}

// nowUTC is the store's clock at the precision it stores.
func (s *Store) nowUTC() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// fail turns err into a *record.Error saying what the store was doing.
// Errors that already carry a code pass through unchanged.
func (s *Store) fail(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	var re *record.Error
	if errors.As(err, &re) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), err)
	}
	code, why, _ := s.d.Classify(err)
	what := fmt.Sprintf(format, args...)
	if why != "" {
		what += ": " + why
	}
	return record.Wrap(code, err, "%s", what)
}

// tx is a write transaction.
type tx struct {
	*sql.Tx
	ctx context.Context
	s   *Store
	// missed lists the queries run unprepared because no statement was
	// cached yet; they are prepared once the transaction has ended.
	missed []string
	// bound holds the store's statements bound to this transaction, so
	// that a batch binds each once rather than once a document.
	bound map[string]*sql.Stmt
}

func (t *tx) stmt(q string) *sql.Stmt {
	if !t.s.d.PrepareStatements() {
		return nil
	}
	if st, ok := t.bound[q]; ok {
		return st
	}
	t.s.mu.Lock()
	st := t.s.stmts[q]
	t.s.mu.Unlock()
	if st == nil {
		t.missed = append(t.missed, q)
		return nil
	}
	if t.bound == nil {
		t.bound = map[string]*sql.Stmt{}
	}
	bound := t.StmtContext(t.ctx, st)
	t.bound[q] = bound
	return bound
}

func (t *tx) exec(q string, args ...any) (sql.Result, error) {
	if st := t.stmt(q); st != nil {
		return st.ExecContext(t.ctx, args...)
	}
	return t.ExecContext(t.ctx, t.s.rebind(q), args...)
}

func (t *tx) query(q string, args ...any) (*sql.Rows, error) {
	if st := t.stmt(q); st != nil {
		return st.QueryContext(t.ctx, args...)
	}
	return t.QueryContext(t.ctx, t.s.rebind(q), args...)
}

func (t *tx) queryRow(q string, args ...any) *sql.Row {
	if st := t.stmt(q); st != nil {
		return st.QueryRowContext(t.ctx, args...)
	}
	return t.QueryRowContext(t.ctx, t.s.rebind(q), args...)
}

// prepare prepares queries on the writer for later transactions. It must
// not run inside one: where the writer has a single connection, preparing
// would wait for the connection the transaction holds. Tx.StmtContext then
// reuses the statement on that connection instead of preparing it again.
func (s *Store) prepare(ctx context.Context, queries []string) {
	for _, q := range queries {
		s.mu.Lock()
		_, ok := s.stmts[q]
		s.mu.Unlock()
		if ok {
			continue
		}
		st, err := s.w.PrepareContext(ctx, s.rebind(q))
		if err != nil {
			continue // the query's own run reports its errors
		}
		s.mu.Lock()
		if _, ok := s.stmts[q]; ok {
			st.Close()
		} else {
			s.stmts[q] = st
		}
		s.mu.Unlock()
	}
}

// transact runs fn in a write transaction and commits it, running it again
// while the database reports a transient failure (busy, serialisation,
// deadlock), with a growing pause. fn must not keep state between runs.
func (s *Store) transact(ctx context.Context, fn func(t *tx) error) error {
	const attempts = 8
	pause := 5 * time.Millisecond
	for i := 1; ; i++ {
		err := s.transactOnce(ctx, fn)
		if err == nil {
			return nil
		}
		if i == attempts || !s.retryable(err) || ctx.Err() != nil {
			return err
		}
		// Jitter, so that two transactions that failed each other do
		// not meet again at the same moment.
		wait := pause + time.Duration(rand.Int64N(int64(pause)))
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return err
		}
		pause *= 2
	}
}

func (s *Store) retryable(err error) bool {
	var re *record.Error
	if errors.As(err, &re) && re.Err == nil {
		return false
	}
	_, _, retry := s.d.Classify(err)
	return retry
}

func (s *Store) transactOnce(ctx context.Context, fn func(t *tx) error) (err error) {
	sqltx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	t := &tx{Tx: sqltx, ctx: ctx, s: s}
	defer func() {
		if err != nil {
			sqltx.Rollback()
		}
		if len(t.missed) > 0 && ctx.Err() == nil {
			s.prepare(ctx, t.missed)
		}
	}()
	if err := fn(t); err != nil {
		return err
	}
	return sqltx.Commit()
}

// Reads go to the reader pool.

func (s *Store) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if st := s.readStmt(ctx, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return s.r.QueryContext(ctx, s.rebind(q), args...)
}

func (s *Store) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	if st := s.readStmt(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return s.r.QueryRowContext(ctx, s.rebind(q), args...)
}

// maxReadStmts bounds the prepared reads: queries with IN lists come in
// as many texts as list lengths, and the rest run unprepared.
const maxReadStmts = 512

// readStmt returns q prepared on the reader pool, preparing it the first
// time, or nil where the driver caches statements itself. Parsing and
// planning was a fifth of the CPU of resolving a document in SQLite,
// whose driver prepares every query it is given afresh.
func (s *Store) readStmt(ctx context.Context, q string) *sql.Stmt {
	if !s.d.PrepareStatements() {
		return nil
	}
	if st, ok := s.reads.Load(q); ok {
		return st.(*sql.Stmt)
	}
	if s.nreads.Load() >= maxReadStmts {
		return nil
	}
	st, err := s.r.PrepareContext(ctx, s.rebind(q))
	if err != nil {
		return nil // the query's own run reports its errors
	}
	if prev, loaded := s.reads.LoadOrStore(q, st); loaded {
		st.Close()
		return prev.(*sql.Stmt)
	}
	s.nreads.Add(1)
	return st
}

// RebindDollar rewrites ? placeholders outside quoted text as $1, $2, ….
func RebindDollar(q string) string {
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	var quote byte
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// placeholders returns "?, ?, …" for n values.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}
