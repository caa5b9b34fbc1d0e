// Package postgres is the search index of the server deployment:
// PostgreSQL tsvector columns with GIN indexes, whose lexemes are the terms
// made in Go. The vectors and queries are built as tsvector/tsquery
// literals, so no locale-dependent text-search parser ever touches Khmer.
//
// Rows carry the same date-ordered key as the SQLite index (day << 22 |
// sequence) and results are listed newest first.
package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/kamnotra/kamnotra/internal/search"
)

const schema = `
CREATE TABLE IF NOT EXISTS search_docs (
	rid    BIGINT PRIMARY KEY,
	id     TEXT NOT NULL UNIQUE,
	kind   TEXT NOT NULL,
	title  TEXT NOT NULL,
	body   TEXT NOT NULL,
	day    BIGINT NOT NULL,
	facets TEXT NOT NULL,
	t      TSVECTOR NOT NULL,
	p      TSVECTOR NOT NULL,
	n      TSVECTOR NOT NULL,
	f      TSVECTOR NOT NULL
);
-- The planner estimates a lexeme missing from its most-common list at
-- half the rarest listed one; with the default 1,000 entries a rare term
-- looked like 0.5% of rows and the plan walked the rid index through the
-- whole table (600 ms at 20,000 documents, 0.1 ms with 10,000 entries).
ALTER TABLE search_docs ALTER COLUMN t SET STATISTICS 10000;`

const indexes = `
CREATE INDEX IF NOT EXISTS search_docs_t ON search_docs USING gin (t);
CREATE INDEX IF NOT EXISTS search_docs_p ON search_docs USING gin (p);
CREATE INDEX IF NOT EXISTS search_docs_n ON search_docs USING gin (n);
CREATE INDEX IF NOT EXISTS search_docs_f ON search_docs USING gin (f);`

const seqBits = search.DayBits

// maxTotal is where this backend stops counting, below search.MaxTotal:
// every counted match costs a heap visit and, for a Khmer word (a phrase
// of cluster pairs), a recheck of the row's tsvector. Counting to 10,000
// made the count 90% of a common Khmer word's search at 20,000 documents.
const maxTotal = 1000

// maxPos is the largest tsvector position PostgreSQL keeps; later terms are
// indexed at it, so phrase matching past it is approximate.
const maxPos = 16383

// Index is a PostgreSQL search index.
type Index struct {
	pool     *pgxpool.Pool
	analyzer search.Analyzer
	maxTotal int // maxTotal; smaller in tests
}

// New creates the tables if missing and returns the index. The pool's
// search_path decides the schema.
func New(ctx context.Context, pool *pgxpool.Pool, a search.Analyzer) (*Index, error) {
	if _, err := pool.Exec(ctx, schema+indexes); err != nil {
		return nil, fmt.Errorf("search index: create tables: %w", err)
	}
	return &Index{pool: pool, analyzer: a, maxTotal: maxTotal}, nil
}

// DropIndexes drops the GIN indexes before a bulk load: loading into a
// bare table and indexing after is about twice as fast as loading
// through the indexes. Searches are slow until CreateIndexes.
func (x *Index) DropIndexes(ctx context.Context) error {
	_, err := x.pool.Exec(ctx, `DROP INDEX IF EXISTS search_docs_t, search_docs_p, search_docs_n, search_docs_f`)
	return err
}

// CreateIndexes builds the GIN indexes (after DropIndexes and a bulk
// load), refreshes the planner's statistics and the visibility map.
func (x *Index) CreateIndexes(ctx context.Context) error {
	if _, err := x.pool.Exec(ctx, indexes); err != nil {
		return fmt.Errorf("search index: create indexes: %w", err)
	}
	// VACUUM too: it sets the visibility map, which lets bitmap scans
	// that need no column skip the heap.
	_, err := x.pool.Exec(ctx, `VACUUM ANALYZE search_docs`)
	return err
}

// Close does nothing: the pool belongs to the caller.
func (x *Index) Close() error { return nil }

// quote makes a tsvector/tsquery lexeme literal. Terms are ASCII-safe by
// the analyzer's contract, but quoting keeps any byte from being syntax.
func quote(term string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(term) + "'"
}

// vectors builds the tsvector literals of the two term streams.
func (x *Index) vectors(text string) (t, p string) {
	type acc struct {
		pos map[string][]int
		n   int
	}
	streams := [2]acc{{pos: map[string][]int{}}, {pos: map[string][]int{}}}
	for _, tok := range x.analyzer.Tokens(text) {
		s := &streams[0]
		if tok.Field == search.FieldPairs {
			s = &streams[1]
		}
		s.n++
		// PostgreSQL keeps at most 256 positions of a lexeme.
		if ps := s.pos[tok.Term]; len(ps) < 256 {
			s.pos[tok.Term] = append(ps, min(s.n, maxPos))
		}
	}
	lit := func(s acc) string {
		var b strings.Builder
		for term, ps := range s.pos {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(quote(term))
			b.WriteByte(':')
			for i, p := range ps {
				if i > 0 {
					b.WriteByte(',')
				}
				fmt.Fprint(&b, p)
			}
		}
		return b.String()
	}
	return lit(streams[0]), lit(streams[1])
}

func facetVector(d search.Doc) string {
	terms := []string{quote(search.FacetTerm("kind", d.Kind))}
	for name, values := range d.Facets {
		for _, v := range values {
			terms = append(terms, quote(search.FacetTerm(name, v)))
		}
	}
	return strings.Join(terms, " ")
}

// Put adds or replaces docs in one transaction.
func (x *Index) Put(ctx context.Context, docs ...search.Doc) error {
	return pgx.BeginFunc(ctx, x.pool, func(tx pgx.Tx) error {
		for _, d := range docs {
			if _, err := tx.Exec(ctx, `DELETE FROM search_docs WHERE id = $1`, d.ID); err != nil {
				return err
			}
			lo := search.DayKey(d.Date) << seqBits
			// Serialise key allocation per day; the advisory lock is
			// released at commit.
			if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('kamnotra-search'), $1::int)`, int32(lo>>seqBits)); err != nil {
				return err
			}
			var rid int64
			if err := tx.QueryRow(ctx, `SELECT coalesce(max(rid)+1, $1) FROM search_docs WHERE rid BETWEEN $1 AND $2`,
				lo, lo+(1<<seqBits)-1).Scan(&rid); err != nil {
				return err
			}
			facets, err := json.Marshal(d.Facets)
			if err != nil {
				return err
			}
			t, p := x.vectors(d.Title + "\n" + d.Text)
			var names []string
			for _, name := range d.Names {
				for _, term := range x.analyzer.NameTerms(name) {
					names = append(names, quote(term))
				}
			}
			if _, err := tx.Exec(ctx, `INSERT INTO search_docs(rid, id, kind, title, body, day, facets, t, p, n, f)
				VALUES ($1,$2,$3,$4,$5,$6,$7,$8::tsvector,$9::tsvector,$10::tsvector,$11::tsvector)`,
				rid, d.ID, d.Kind, d.Title, d.Text, lo>>seqBits, string(facets), strings.TrimSpace(t+" "+strings.Join(names, " ")), p, strings.Join(names, " "), facetVector(d)); err != nil {
				return fmt.Errorf("index %s: %w", d.ID, err)
			}
		}
		return nil
	})
}

// Delete removes docs; unknown IDs are ignored.
func (x *Index) Delete(ctx context.Context, ids ...string) error {
	_, err := x.pool.Exec(ctx, `DELETE FROM search_docs WHERE id = ANY($1)`, ids)
	return err
}

// columnOf is the tsvector column each field is matched in. Name keys are
// matched in t, where Put writes them beside the text's terms (the "nk"
// prefix keeps them apart); n keeps them alone as well.
var columnOf = map[search.Field]string{search.FieldTerms: "t", search.FieldPairs: "p", search.FieldNames: "t"}

// where builds the WHERE clause and its arguments.
func where(clauses []search.Clause, q search.Query, lo, hi int64) (string, []any) {
	args := []any{lo, hi}
	conds := []string{"rid BETWEEN $1 AND $2"}
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	for _, c := range clauses {
		// Alternatives on one column become one tsquery: "t @@ (a <-> b
		// | 'nkkey')" is one GIN condition the planner estimates well,
		// where "t @@ … OR n @@ …" was estimated at 1% of rows whatever
		// the term and sent rare terms down a scan of the whole table.
		var cols []string
		alts := map[string][]string{}
		for _, ph := range c {
			if len(ph.Terms) == 0 {
				continue
			}
			col := columnOf[ph.Field]
			qs := make([]string, len(ph.Terms))
			for i, t := range ph.Terms {
				qs[i] = quote(t)
			}
			if alts[col] == nil {
				cols = append(cols, col)
			}
			alts[col] = append(alts[col], "("+strings.Join(qs, " <-> ")+")")
		}
		var ors []string
		for _, col := range cols {
			ors = append(ors, col+" @@ "+arg(strings.Join(alts[col], " | "))+"::tsquery")
		}
		if len(ors) > 0 {
			conds = append(conds, "("+strings.Join(ors, " OR ")+")")
		}
	}
	facetCond := func(name string, values []string) {
		if len(values) == 0 {
			return
		}
		qs := make([]string, len(values))
		for i, v := range values {
			qs[i] = quote(search.FacetTerm(name, v))
		}
		conds = append(conds, "f @@ "+arg(strings.Join(qs, " | "))+"::tsquery")
	}
	facetCond("kind", q.Kinds)
	for name, values := range q.Facets {
		facetCond(name, values)
	}
	return strings.Join(conds, " AND "), args
}

// customPlan makes pgx send a query as an unnamed statement, which
// PostgreSQL plans for the actual arguments every time. A cached
// statement would get a generic plan after five runs, the same for a
// term in every document (walk the rid index backwards until the page is
// full) and one in ten (read the GIN posting list and sort it): each is
// right for one and ruinous for the other. The same as
// plan_cache_mode=force_custom_plan, without touching the caller's pool.
const customPlan = pgx.QueryExecModeExec

// Search lists matches newest first.
func (x *Index) Search(ctx context.Context, q search.Query) (*search.Result, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	limit = min(limit, 100)
	clauses := x.analyzer.Query(q.Text)
	if strings.TrimSpace(q.Text) != "" && len(clauses) == 0 {
		return &search.Result{}, nil
	}
	lo, hi := int64(0), int64(1)<<62
	if !q.From.IsZero() {
		lo = search.DayKey(q.From) << seqBits
	}
	if !q.To.IsZero() {
		hi = (search.DayKey(q.To)+1)<<seqBits - 1
	}
	cond, args := where(clauses, q, lo, hi)
	res := &search.Result{}
	n := len(args)
	// Counting stops at MaxTotal+1: a common term's every match costs a
	// heap visit (and a phrase's a recheck of its tsvector).
	if err := x.pool.QueryRow(ctx, fmt.Sprintf(`SELECT count(*) FROM (SELECT 1 FROM search_docs WHERE %s LIMIT $%d) m`, cond, n+1),
		append([]any{customPlan}, append(args, x.maxTotal+1)...)...).Scan(&res.Total); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if res.Total > x.maxTotal {
		res.Total, res.TotalCapped = x.maxTotal, true
	}
	rows, err := x.pool.Query(ctx, fmt.Sprintf(`SELECT id, kind, title, body, day FROM search_docs WHERE %s ORDER BY rid DESC LIMIT $%d OFFSET $%d`, cond, n+1, n+2),
		append([]any{customPlan}, append(args, limit, max(q.Offset, 0))...)...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, kind, title, body string
		var day int64
		if err := rows.Scan(&id, &kind, &title, &body, &day); err != nil {
			return nil, err
		}
		res.Hits = append(res.Hits, search.NewHit(x.analyzer, clauses, id, kind, title, body, day))
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	res.Total = max(res.Total, max(q.Offset, 0)+len(res.Hits))
	if q.WithFacets {
		res.Facets = map[string]map[string]int{}
		rows, err := x.pool.Query(ctx, fmt.Sprintf(`SELECT facets FROM search_docs WHERE %s ORDER BY rid DESC LIMIT $%d`, cond, n+1),
			append([]any{customPlan}, append(args, search.MaxFacetRows)...)...)
		if err != nil {
			return nil, fmt.Errorf("search facets: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var raw string
			if err := rows.Scan(&raw); err != nil {
				return nil, err
			}
			search.CountFacets(res.Facets, raw)
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// EngineQuery runs PostgreSQL's bare query for text — the same tsquery
// conditions, newest first, limit rows, no count or snippet — and returns
// how many rows it gave. It is the baseline of the search benchmark.
func (x *Index) EngineQuery(ctx context.Context, text string, limit int) (int, error) {
	clauses := x.analyzer.Query(text)
	if len(clauses) == 0 {
		return 0, nil
	}
	cond, args := where(clauses, search.Query{}, 0, int64(1)<<62)
	rows, err := x.pool.Query(ctx, fmt.Sprintf(`SELECT rid FROM search_docs WHERE %s ORDER BY rid DESC LIMIT $%d`, cond, len(args)+1),
		append([]any{customPlan}, append(args, limit)...)...)
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
