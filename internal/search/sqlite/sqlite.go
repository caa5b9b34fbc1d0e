// Package sqlite is the search index of the embedded deployment: SQLite
// FTS5 over terms made in Go, in its own file beside the record database
// (the index is derived data and can be rebuilt from the record).
//
// Design, for speed at a million documents: every row's rowid is a key
// ordered by date (day << 22 | sequence), results are listed newest first,
// and date ranges are rowid ranges, so FTS5 walks its doclists in rowid
// order and stops after the page it needs instead of scoring every match.
// Facets are indexed as terms of a third column, so filters are index
// intersections rather than joins.
package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	_ "modernc.org/sqlite" // database/sql driver "sqlite", FTS5 built in

	"github.com/kamnotra/kamnotra/internal/search"
)

// schema puts the short columns before the body: SQLite reads a row up to
// the column it needs, and facet counting reads thousands of rows' facets,
// which behind a 1.5 KB body meant walking its overflow pages every time.
// (Files made before keep working, at the old speed, until rebuilt.)
const schema = `
CREATE TABLE IF NOT EXISTS search_docs (
	rid    INTEGER PRIMARY KEY,
	id     TEXT NOT NULL UNIQUE,
	kind   TEXT NOT NULL,
	day    INTEGER NOT NULL,
	facets TEXT NOT NULL,
	title  TEXT NOT NULL,
	body   TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
	t, p, n, f, content='', contentless_delete=1, tokenize='ascii'
);`

// maxTotal is where counting matches stops, as in the PostgreSQL backend:
// counting to search.MaxTotal took 56 ms for a common Khmer and a common
// English word at a million documents (their doclists are walked in step
// until 10,001 rows share both), against 7 ms to 1,001; the page itself
// took 1.4 ms. A reader sees "1,000+" and pages through the first
// thousand.
const maxTotal = min(search.MaxTotal, 1000)

// seqBits is how many documents one day can hold in the key space.
const seqBits = search.DayBits

// Index is an FTS5 search index.
type Index struct {
	db       *sql.DB // the writer
	rdb      *sql.DB // readers
	analyzer search.Analyzer
	maxTotal int // the const maxTotal; smaller in tests
	dsn      string
	facets   *facetCache // nil until KeepFacetCounts
}

// Open opens or creates the index file at path.
func Open(ctx context.Context, path string, a search.Analyzer) (*Index, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("search index: cannot create its directory: %w", err)
	}
	dsn := "file:" + path + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("search index %s: %w", path, err)
	}
	// One writer connection: SQLite serialises writes anyway.
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("search index %s: create tables: %w (delete the file to rebuild it)", path, err)
	}
	// Readers get their own pool: in WAL mode they do not block each
	// other or the writer, and a site answers many searches at once (one
	// shared connection made 16 concurrent searches queue behind each
	// other).
	rdb, err := sql.Open("sqlite", dsn+"&_pragma=query_only(1)")
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("search index %s: %w", path, err)
	}
	rdb.SetMaxOpenConns(max(4, 2*runtime.GOMAXPROCS(0)))
	rdb.SetMaxIdleConns(max(4, 2*runtime.GOMAXPROCS(0)))
	return &Index{db: db, rdb: rdb, analyzer: a, maxTotal: maxTotal, dsn: dsn}, nil
}

// KeepFacetCounts makes searches keep the facet counts of each query
// until the index changes, as a site answering the same queries again and
// again (and every page of one) wants. Call it before searching. Without
// it, every search counts afresh, as benchmarks of the engine want.
func (x *Index) KeepFacetCounts() error {
	c, err := openFacetCache(x.dsn)
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	x.facets = c
	return nil
}

// Close closes the index file.
func (x *Index) Close() error {
	var err error
	if x.facets != nil {
		err = x.facets.close()
	}
	return errors.Join(err, x.rdb.Close(), x.db.Close())
}

func facetTerms(d search.Doc) string {
	var b strings.Builder
	b.WriteString(search.FacetTerm("kind", d.Kind))
	for name, values := range d.Facets {
		for _, v := range values {
			b.WriteByte(' ')
			b.WriteString(search.FacetTerm(name, v))
		}
	}
	return b.String()
}

// Put adds or replaces docs in one transaction.
func (x *Index) Put(ctx context.Context, docs ...search.Doc) error {
	prepared := x.prepare(docs)
	tx, err := x.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for i, d := range docs {
		if err := x.put(ctx, tx, d, prepared[i]); err != nil {
			return fmt.Errorf("index %s: %w", d.ID, err)
		}
	}
	return tx.Commit()
}

// prepared is a document's index terms, made before the write
// transaction so that batches are analysed on every core while the
// writer holds the lock only for the inserts.
type prepared struct{ t, p, names string }

func (x *Index) prepare(docs []search.Doc) []prepared {
	out, _ := search.Prepare(docs, func(d search.Doc) (prepared, error) {
		var names []string
		for _, name := range d.Names {
			names = append(names, x.analyzer.NameTerms(name)...)
		}
		var p prepared
		p.t, p.p = x.fields(d.Title + "\n" + d.Text)
		p.names = strings.Join(names, " ")
		return p, nil
	})
	return out
}

func (x *Index) put(ctx context.Context, tx *sql.Tx, d search.Doc, pr prepared) error {
	if err := deleteTx(ctx, tx, d.ID); err != nil {
		return err
	}
	day := search.DayKey(d.Date)
	lo := day << seqBits
	var rid int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(rid)+1, ?) FROM search_docs WHERE rid BETWEEN ? AND ?`,
		lo, lo, lo+(1<<seqBits)-1).Scan(&rid); err != nil {
		return err
	}
	if rid >= lo+(1<<seqBits) {
		return fmt.Errorf("more than %d documents on %s", 1<<seqBits, d.Date.Format("2006-01-02"))
	}
	facets, err := json.Marshal(d.Facets)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO search_docs(rid, id, kind, title, body, day, facets) VALUES (?,?,?,?,?,?,?)`,
		rid, d.ID, d.Kind, d.Title, d.Text, day, string(facets)); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO search_fts(rowid, t, p, n, f) VALUES (?,?,?,?,?)`, rid, pr.t, pr.p, pr.names, facetTerms(d))
	return err
}

// fields joins the analyzer's terms into the two indexed streams.
func (x *Index) fields(text string) (terms, pairs string) {
	var t, p strings.Builder
	for _, tok := range x.analyzer.Tokens(text) {
		b := &t
		if tok.Field == search.FieldPairs {
			b = &p
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(tok.Term)
	}
	return t.String(), p.String()
}

// Delete removes docs; unknown IDs are ignored.
func (x *Index) Delete(ctx context.Context, ids ...string) error {
	tx, err := x.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, id := range ids {
		if err := deleteTx(ctx, tx, id); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func deleteTx(ctx context.Context, tx *sql.Tx, id string) error {
	var rid int64
	err := tx.QueryRowContext(ctx, `SELECT rid FROM search_docs WHERE id = ?`, id).Scan(&rid)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM search_fts WHERE rowid = ?`, rid); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM search_docs WHERE rid = ?`, rid)
	return err
}

// columns names the FTS5 column of each field.
var columns = map[search.Field]string{search.FieldTerms: "t", search.FieldPairs: "p", search.FieldNames: "n"}

// matchExpr builds the FTS5 query. Terms come from the analyzer and are
// ASCII-safe; each is still quoted so no term can act as an operator.
func matchExpr(clauses []search.Clause, q search.Query) string {
	var parts []string
	for _, c := range clauses {
		var alts []string
		for _, ph := range c {
			if len(ph.Terms) == 0 {
				continue
			}
			alts = append(alts, columns[ph.Field]+`:"`+strings.Join(ph.Terms, " ")+`"`)
		}
		if len(alts) > 0 {
			parts = append(parts, "("+strings.Join(alts, " OR ")+")")
		}
	}
	if len(q.Kinds) > 0 {
		var alts []string
		for _, k := range q.Kinds {
			alts = append(alts, search.FacetTerm("kind", k))
		}
		parts = append(parts, "f:("+strings.Join(alts, " OR ")+")")
	}
	for name, values := range q.Facets {
		if len(values) == 0 {
			continue
		}
		var alts []string
		for _, v := range values {
			alts = append(alts, search.FacetTerm(name, v))
		}
		parts = append(parts, "f:("+strings.Join(alts, " OR ")+")")
	}
	return strings.Join(parts, " AND ")
}

// Search lists matches newest first.
func (x *Index) Search(ctx context.Context, q search.Query) (*search.Result, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	limit = min(limit, 100)
	offset := max(q.Offset, 0)
	clauses := x.analyzer.Query(q.Text)
	if strings.TrimSpace(q.Text) != "" && len(clauses) == 0 {
		// The query had only characters that index nothing (punctuation):
		// nothing can match it.
		return &search.Result{}, nil
	}
	lo, hi := int64(0), int64(1)<<62
	if !q.From.IsZero() {
		lo = search.DayKey(q.From) << seqBits
	}
	if !q.To.IsZero() {
		hi = (search.DayKey(q.To)+1)<<seqBits - 1
	}
	match := matchExpr(clauses, q)

	// matches selects the keys of all matches. Every query below orders
	// or limits it in the subquery, on the key alone: FTS5 then walks its
	// doclists newest first and stops after the rows asked for. Joining
	// search_docs outside the subquery matters — ORDER BY d.rid over a
	// join makes SQLite sort every match (with its body) before LIMIT.
	var matches, key string
	args := []any{}
	if match != "" {
		matches, key = `SELECT rowid AS r FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ?`, "rowid"
		args = append(args, match, lo, hi)
	} else {
		matches, key = `SELECT rid AS r FROM search_docs WHERE rid BETWEEN ? AND ?`, "rid"
		args = append(args, lo, hi)
	}
	newest := matches + ` ORDER BY ` + key + ` DESC LIMIT ?`
	res := &search.Result{}
	// Counting stops after maxTotal+1 matches. With facets asked for, the
	// facet walk over the newest MaxFacetRows matches has counted them
	// already: a common pair of terms costs one walk, not two.
	var seen int
	var err error
	if q.WithFacets && x.maxTotal < search.MaxFacetRows {
		var fc search.Counts
		if fc, err = x.facetWalk(ctx, newest, args, match, lo, hi); err != nil {
			return nil, err
		}
		res.Facets, seen = fc.Facets, fc.Rows
	} else if err := x.rdb.QueryRowContext(ctx, `SELECT count(*) FROM (`+matches+` LIMIT ?)`, append(args, x.maxTotal+1)...).Scan(&seen); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	res.Total, res.TotalCapped = min(seen, x.maxTotal), seen > x.maxTotal
	rows, err := x.rdb.QueryContext(ctx, `SELECT d.id, d.kind, d.title, d.body, d.day FROM (`+newest+` OFFSET ?) m
		JOIN search_docs d ON d.rid = m.r ORDER BY d.rid DESC`, append(args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var page []search.HitRow
	for rows.Next() {
		var id, kind, title, body string
		var day int64
		if err := rows.Scan(&id, &kind, &title, &body, &day); err != nil {
			return nil, err
		}
		page = append(page, search.HitRow{ID: id, Kind: kind, Title: title, Body: body, Day: day})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	res.Hits = search.NewHits(x.analyzer, clauses, page)
	// A capped count still covers the page the reader is on.
	res.Total = max(res.Total, offset+len(res.Hits))
	if q.WithFacets && res.Facets == nil {
		fc, err := x.facetWalk(ctx, newest, args, match, lo, hi)
		if err != nil {
			return nil, err
		}
		res.Facets = fc.Facets
	}
	return res, nil
}

// facetWalk counts the facets of the newest MaxFacetRows matches, or
// takes them from the cache.
func (x *Index) facetWalk(ctx context.Context, newest string, args []any, match string, lo, hi int64) (search.Counts, error) {
	count := func() (search.Counts, error) { return x.facetCounts(ctx, newest, args) }
	if x.facets == nil {
		return count()
	}
	return x.facets.counts(ctx, fmt.Sprint(match, "\x00", lo, "\x00", hi), count)
}

func (x *Index) facetCounts(ctx context.Context, newest string, args []any) (search.Counts, error) {
	rows, err := x.rdb.QueryContext(ctx, `SELECT d.facets FROM (`+newest+`) m JOIN search_docs d ON d.rid = m.r`, append(args, search.MaxFacetRows)...)
	if err != nil {
		return search.Counts{}, fmt.Errorf("search facets: %w", err)
	}
	defer rows.Close()
	out := search.Counts{Facets: map[string]map[string]int{}}
	for rows.Next() {
		var raw string
		if err := rows.Scan(&raw); err != nil {
			return search.Counts{}, err
		}
		search.CountFacets(out.Facets, raw)
		out.Rows++
	}
	return out, rows.Err()
}

// EngineQuery runs FTS5's bare query for text — MATCH on the same terms,
// newest first, limit rows, no count, join or snippet — and returns how
// many rows it gave. It is the baseline of the search benchmark.
func (x *Index) EngineQuery(ctx context.Context, text string, limit int) (int, error) {
	match := matchExpr(x.analyzer.Query(text), search.Query{})
	if match == "" {
		return 0, nil
	}
	rows, err := x.rdb.QueryContext(ctx, `SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ?`, match, limit)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

// Optimize merges the FTS5 segments into one, which makes queries after a
// bulk load faster; it rewrites the whole index, so run it rarely.
func (x *Index) Optimize(ctx context.Context) error {
	_, err := x.db.ExecContext(ctx, `INSERT INTO search_fts(search_fts) VALUES ('optimize')`)
	return err
}
