// Package postgres is the search index of the server deployment:
// PostgreSQL tsvector columns with a GIN index, whose lexemes are the terms
// made in Go. Vectors are sent in tsvector's binary form and queries as
// tsquery literals, so no locale-dependent text-search parser ever touches
// Khmer.
//
// Rows carry the same date-ordered key as the SQLite index (day << 22 |
// sequence) and results are listed newest first.
//
// Design, for speed at a million documents. FTS5 walks its posting lists
// in key order and stops after the page; GIN cannot: it returns a bitmap
// of every match of a term, which the executor must then fetch, recheck
// (a Khmer word is a phrase of cluster bigrams, and GIN keeps no
// positions) and sort before LIMIT applies — 0.5–1.5 s for a common word
// at 20,000 documents. So a common term's lexemes carry their date
// bucket (term~hhhh: four hex digits of the document's day / 8; a less
// common one only the first three, a run of 16 buckets), and a search
// asks for the newest buckets first, widening the window until the
// page, the capped count and the facet rows are full. A common word then
// costs one or two buckets' worth of its posting list, not all of it.
//
// Only common terms: bucketing every term multiplied GIN's keys by
// thirty (a rare word in 40 documents became 40 keys) and its build did
// not finish in 8 minutes at 100,000 documents. search_terms counts each
// term's documents; once a term is in commonDF of them, later documents
// index it by runs of 16 buckets, from denseDF by bucket; earlier ones
// keep their form, so the switch needs no rewrite and no coordination
// between writers. Every document also carries its bucket alone
// (~hhhh), which lets a narrow window exclude the plain postings outside
// it inside the index, before any row is read.
//
// The bucket is written in fixed-width hex, most significant digit first,
// so a run of buckets is a handful of tsquery prefix items (term~0a:*
// covers 256 buckets). A prefix item makes GIN gather every matching
// posting list into a bitmap up front; an exact item is read lazily but
// costs each candidate a check. So a search asks for a term only in the
// forms its count allows (a term in fewer than commonDF documents was
// never written by run: one plain item); sends to the index only the
// terms worth intersecting (a word in 400,000 documents is checked on
// the rows a rarer one finds instead); and reads a window holding
// bucketed terms as spans of at most 16 buckets named item by item, in
// one statement whose LIMIT stops at the span that fills it.
// TestSearchAgreesWithSQLite holds all of this to SQLite's answers.
//
// Rejected after measuring, at 20,000 documents: the RUM index
// (postgresql-15-rum, rum_tsvector_addon_ops with rid attached, ORDER BY
// rid <=| max LIMIT 20). It does return matches in key order, but reads
// and sorts a term's whole posting list to do so (12.9 ms for a word in
// 11,000 documents, with or without order_by_attach: linear in the
// matches, so about half a second at a million), keeps no positions with
// the key attached (a Khmer phrase is still rechecked on the row), is
// 3.6–4.7 times the size of GIN and took 28 s to build where GIN takes a
// few. It also needs a superuser for CREATE EXTENSION, and Debian's
// package must match the server's minor version.
package postgres

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/kamnotra/kamnotra/internal/search"
	storepostgres "github.com/kamnotra/kamnotra/internal/store/postgres"
)

// Layout names the table layout; a table made by another layout is
// dropped and made again (the index is derived data: kamnotra reindex
// refills it).
const Layout = "kamnotra search layout 4: common terms date-bucketed by document frequency"

// schema keeps the row inline up to a page (toast_tuple_target): a phrase
// recheck reads the row's tsvector, and lz4 inline is a few microseconds
// where a TOAST lookup and pglz were tens. The short columns come first.
const schema = `
CREATE TABLE search_docs (
	rid    BIGINT PRIMARY KEY,
	id     TEXT NOT NULL UNIQUE,
	kind   TEXT NOT NULL,
	day    BIGINT NOT NULL,
	facets TEXT NOT NULL,
	title  TEXT NOT NULL,
	body   TEXT %[1]s NOT NULL,
	t      TSVECTOR %[1]s NOT NULL
) WITH (toast_tuple_target = 8160);
COMMENT ON TABLE search_docs IS '` + Layout + `';
CREATE TABLE IF NOT EXISTS search_terms (
	term TEXT PRIMARY KEY,
	df   BIGINT NOT NULL
);`

const indexes = `CREATE INDEX IF NOT EXISTS search_docs_t ON search_docs USING gin (t)`

const seqBits = search.DayBits

// bucketShift makes a bucket 8 days: about 1,800 documents at a million
// documents over twelve years, so a word in most documents fills a page,
// a capped count and the facet rows from one or two buckets.
const bucketShift = 3

// maxBucket is the largest bucket four hex digits hold (year 3335).
const maxBucket = 1<<16 - 1

// maxTotal is where this backend stops counting, below search.MaxTotal:
// every counted match is a row fetched (and, for a Khmer word, a phrase
// rechecked) from the newest buckets down.
const maxTotal = 1000

// probeDocs is how many of the newest documents of the range the first
// window covers.
const probeDocs = 2000

// commonDF is the document count from which a term is indexed by runs of
// 16 buckets (128 days), denseDF by bucket. Below commonDF the plain
// posting list is short enough to read whole (and the capped count needs
// every match of a rarer term anyway); between the two a word has tens to
// hundreds of matches a run. Each tier costs GIN keys — one per term and
// bucket — which is what its build time follows.
const (
	commonDF = 1024
	denseDF  = 16384
)

// narrowBuckets is the widest window whose buckets are named one by one
// (exact lexemes, which GIN can skip through) rather than as prefixes.
const narrowBuckets = 16

// maxPos is the largest tsvector position PostgreSQL keeps; later terms are
// indexed at it, so phrase matching past it is approximate.
const maxPos = 16383

// Index is a PostgreSQL search index.
type Index struct {
	pool      *pgxpool.Pool
	analyzer  search.Analyzer
	maxTotal  int                // maxTotal; smaller in tests
	commonDF  int64              // commonDF; smaller in tests
	denseDF   int64              // denseDF; smaller in tests
	probeDocs int                // probeDocs; smaller in tests
	counts    *search.CountCache // nil until KeepFacetCounts
}

// New creates the table if missing and returns the index. The pool's
// search_path decides the schema.
func New(ctx context.Context, pool *pgxpool.Pool, a search.Analyzer) (*Index, error) {
	var exists bool
	var layout *string
	if err := pool.QueryRow(ctx, `SELECT to_regclass('search_docs') IS NOT NULL, obj_description(to_regclass('search_docs'), 'pg_class')`).Scan(&exists, &layout); err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	if exists && (layout == nil || *layout != Layout) {
		slog.Warn("search index: table search_docs has an older layout; dropping it, run kamnotra reindex to refill it")
		if _, err := pool.Exec(ctx, `DROP TABLE search_docs; DROP TABLE IF EXISTS search_terms`); err != nil {
			return nil, fmt.Errorf("search index: drop the old layout: %w", err)
		}
		exists = false
	}
	if !exists {
		// lz4 where the server has it (Debian's does); pglz otherwise.
		var lz4 bool
		if err := pool.QueryRow(ctx, `SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'`).Scan(&lz4); err != nil {
			return nil, fmt.Errorf("search index: %w", err)
		}
		compression := ""
		if lz4 {
			compression = "COMPRESSION lz4"
		}
		if _, err := pool.Exec(ctx, fmt.Sprintf(schema, compression)); err != nil {
			var again bool
			// Another process may have made it at the same moment.
			if pool.QueryRow(ctx, `SELECT to_regclass('search_docs') IS NOT NULL`).Scan(&again) != nil || !again {
				return nil, fmt.Errorf("search index: create tables: %w", err)
			}
		}
	}
	if _, err := pool.Exec(ctx, indexes); err != nil {
		return nil, fmt.Errorf("search index: create index: %w", err)
	}
	return &Index{pool: pool, analyzer: a, maxTotal: maxTotal, commonDF: commonDF, denseDF: denseDF, probeDocs: probeDocs}, nil
}

// DropIndexes drops the GIN index before a bulk load: building it after
// the load is several times faster than loading through it. Searches are
// slow until CreateIndexes.
func (x *Index) DropIndexes(ctx context.Context) error {
	_, err := x.pool.Exec(ctx, `DROP INDEX IF EXISTS search_docs_t`)
	return err
}

// CreateIndexes builds the GIN index (after DropIndexes and a bulk load)
// and refreshes the planner's statistics and the visibility map.
func (x *Index) CreateIndexes(ctx context.Context) error {
	conn, err := x.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	// GIN builds in memory and merges on overflow: the default 64 MB
	// makes a million documents' 300 million entries many passes.
	if _, err := conn.Exec(ctx, `SET maintenance_work_mem = '1GB'`); err != nil {
		return err
	}
	defer conn.Exec(context.WithoutCancel(ctx), `RESET maintenance_work_mem`)
	if _, err := conn.Exec(ctx, indexes); err != nil {
		return fmt.Errorf("search index: create index: %w", err)
	}
	// VACUUM sets the visibility map, which lets counts over bitmap scans
	// that need no column skip the heap.
	_, err = conn.Exec(ctx, `VACUUM ANALYZE search_docs`)
	return err
}

// Close does nothing: the pool belongs to the caller.
func (x *Index) Close() error { return nil }

// Lexeme prefixes keep the streams apart in the one tsvector: text terms
// have no ASCII punctuation, so these can never equal one.
const (
	pairPrefix  = "^"
	facetPrefix = ":"
)

func bucketOf(day int64) int64 { return min(day>>bucketShift, maxBucket) }

func hex4(b int64) string {
	s := strconv.FormatInt(b, 16)
	return strings.Repeat("0", 4-len(s)) + s
}

// lexeme is a term in its bucket.
func lexeme(term string, bucket int64) string { return term + "~" + hex4(bucket) }

// blocks covers buckets [lo, hi] with aligned runs, each named by the hex
// prefix all its buckets share: at most 15 per digit on each side.
func blocks(lo, hi int64) []string {
	var out []string
	for lo <= hi {
		k := 0
		for k < 4 {
			size := int64(1) << (4 * (k + 1))
			if lo%size != 0 || lo+size-1 > hi {
				break
			}
			k++
		}
		out = append(out, hex4(lo)[:4-k])
		lo += int64(1) << (4 * k)
	}
	return out
}

// maxItems bounds the prefix items of one tsquery (PostgreSQL refuses a
// tsquery over 1 MB, and every item costs each candidate row a lookup).
const maxItems = 2000

// cover names buckets [lo, hi] for a condition of n terms: exact runs
// when they fit in maxItems, else coarser aligned runs that cover more —
// the key range on each query keeps the result exact.
func cover(lo, hi int64, n int) []string {
	for k := 0; ; k++ {
		size := int64(1) << (4 * k)
		b := blocks(lo/size*size, (hi/size+1)*size-1)
		if len(b)*n <= maxItems || k == 4 {
			return b
		}
	}
}

// quote makes a tsquery lexeme literal. Terms are ASCII-safe by the
// analyzer's contract, but quoting keeps any byte from being syntax.
func quote(term string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(term) + "'"
}

// terms is a document's terms with their positions: text terms, pair
// terms with their own positions, name keys and facets without.
func (x *Index) terms(d search.Doc) map[string][]pgtype.TSVectorPosition {
	pos := map[string][]pgtype.TSVectorPosition{}
	var n [2]int
	for _, tok := range x.analyzer.Tokens(d.Title + "\n" + d.Text) {
		s, term := 0, tok.Term
		if tok.Field == search.FieldPairs {
			s, term = 1, pairPrefix+tok.Term
		}
		n[s]++
		p := uint16(min(n[s], maxPos))
		ps := pos[term]
		// PostgreSQL keeps at most 256 increasing positions of a lexeme.
		if len(ps) < 256 && (len(ps) == 0 || ps[len(ps)-1].Position < p) {
			pos[term] = append(ps, pgtype.TSVectorPosition{Position: p, Weight: pgtype.TSVectorWeightD})
		}
	}
	bare := func(term string) {
		if _, ok := pos[term]; !ok {
			pos[term] = nil
		}
	}
	for _, name := range d.Names {
		for _, term := range x.analyzer.NameTerms(name) {
			bare(term)
		}
	}
	bare(facetPrefix + search.FacetTerm("kind", d.Kind))
	for name, values := range d.Facets {
		for _, v := range values {
			bare(facetPrefix + search.FacetTerm(name, v))
		}
	}
	return pos
}

// vector is a document's tsvector: common terms with the first digits of
// its bucket (digits[term]), the others plain, and the bucket marker.
func vector(pos map[string][]pgtype.TSVectorPosition, bucket int64, digits map[string]int) pgtype.TSVector {
	v := pgtype.TSVector{Valid: true, Lexemes: make([]pgtype.TSVectorLexeme, 0, len(pos)+1)}
	for term, ps := range pos {
		if n := digits[term]; n > 0 {
			term = term + "~" + hex4(bucket)[:n]
		}
		v.Lexemes = append(v.Lexemes, pgtype.TSVectorLexeme{Word: term, Positions: ps})
	}
	v.Lexemes = append(v.Lexemes, pgtype.TSVectorLexeme{Word: lexeme("", bucket)})
	// tsvector's binary input wants its lexemes sorted bytewise.
	slices.SortFunc(v.Lexemes, func(a, b pgtype.TSVectorLexeme) int { return strings.Compare(a.Word, b.Word) })
	return v
}

// row is one document ready to copy, without its key.
type row struct {
	d      search.Doc
	day    int64
	facets string
	terms  map[string][]pgtype.TSVectorPosition
}

// prepare analyses docs on every core before the write transaction.
func (x *Index) prepare(docs []search.Doc) ([]row, error) {
	return search.Prepare(docs, func(d search.Doc) (row, error) {
		facets, err := json.Marshal(d.Facets)
		if err != nil {
			return row{}, fmt.Errorf("index %s: facets: %w", d.ID, err)
		}
		return row{d: d, day: search.DayKey(d.Date), facets: string(facets), terms: x.terms(d)}, nil
	})
}

// Put adds or replaces docs in one transaction, copying the rows in.
func (x *Index) Put(ctx context.Context, docs ...search.Doc) error {
	// The last of several docs with one ID wins, as one Put after another.
	last := map[string]int{}
	for i, d := range docs {
		last[d.ID] = i
	}
	if len(last) < len(docs) {
		var kept []search.Doc
		for i, d := range docs {
			if last[d.ID] == i {
				kept = append(kept, d)
			}
		}
		docs = kept
	}
	if len(docs) == 0 {
		return nil
	}
	rows, err := x.prepare(docs)
	if err != nil {
		return err
	}
	ids := make([]string, len(docs))
	var days []int64
	df := map[string]int64{}
	for i, d := range docs {
		ids[i] = d.ID
		days = append(days, rows[i].day)
		for term := range rows[i].terms {
			df[term]++
		}
	}
	slices.Sort(days)
	days = slices.Compact(days)
	// Sorted, so that writers lock the rows of search_terms in one order.
	terms := make([]string, 0, len(df))
	for term := range df {
		terms = append(terms, term)
	}
	slices.Sort(terms)
	counts := make([]int64, len(terms))
	for i, term := range terms {
		counts[i] = df[term]
	}
	// Counts only grow, in their own short transaction (a replaced or
	// deleted document is not taken back, nor a write that fails later):
	// they decide the form of a term, and too high a count only buckets a
	// term a little early. Committing them first keeps the rows of common
	// terms locked for one statement, not for a whole batch's write.
	r, err := x.pool.Query(ctx, `WITH u AS (
		INSERT INTO search_terms AS s (term, df) SELECT * FROM unnest($1::text[], $2::bigint[])
		ON CONFLICT (term) DO UPDATE SET df = s.df + excluded.df RETURNING term, df)
		SELECT term, df FROM u WHERE df >= $3`, terms, counts, x.commonDF)
	if err != nil {
		return fmt.Errorf("count terms: %w", err)
	}
	digits := map[string]int{}
	for r.Next() {
		var term string
		var n int64
		if err := r.Scan(&term, &n); err != nil {
			return fmt.Errorf("count terms: %w", err)
		}
		digits[term] = 3
		if n >= x.denseDF {
			digits[term] = 4
		}
	}
	if err := r.Err(); err != nil {
		return fmt.Errorf("count terms: %w", err)
	}
	vectors := make([]pgtype.TSVector, len(rows))
	workers := min(runtime.GOMAXPROCS(0), len(rows))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(rows); i += workers {
				vectors[i] = vector(rows[i].terms, bucketOf(rows[i].day), digits)
			}
		})
	}
	wg.Wait()
	return pgx.BeginFunc(ctx, x.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM search_docs WHERE id = ANY($1)`, ids); err != nil {
			return err
		}
		// Serialise key allocation per day, in day order so that two
		// writers cannot deadlock; the locks are released at commit.
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('kamnotra-search'), d::int) FROM unnest($1::bigint[]) WITH ORDINALITY u(d, o) ORDER BY o`, days); err != nil {
			return err
		}
		next := map[int64]int64{}
		r, err := tx.Query(ctx, `SELECT d, coalesce((SELECT max(rid) + 1 FROM search_docs WHERE rid BETWEEN d << $2 AND ((d + 1) << $2) - 1), d << $2)
			FROM unnest($1::bigint[]) d`, days, seqBits)
		if err != nil {
			return err
		}
		for r.Next() {
			var d, rid int64
			if err := r.Scan(&d, &rid); err != nil {
				return err
			}
			next[d] = rid
		}
		if err := r.Err(); err != nil {
			return err
		}
		src := make([][]any, len(rows))
		for i, rw := range rows {
			rid := next[rw.day]
			if rid >= (rw.day+1)<<seqBits {
				return fmt.Errorf("index %s: more than %d documents on %s", rw.d.ID, 1<<seqBits, rw.d.Date.Format("2006-01-02"))
			}
			next[rw.day] = rid + 1
			src[i] = []any{rid, rw.d.ID, rw.d.Kind, rw.day, rw.facets, rw.d.Title, rw.d.Text, vectors[i]}
		}
		_, err = tx.CopyFrom(ctx, pgx.Identifier{"search_docs"}, []string{"rid", "id", "kind", "day", "facets", "title", "body", "t"}, pgx.CopyFromRows(src))
		if err != nil {
			return fmt.Errorf("index %d documents: %w", len(rows), err)
		}
		return nil
	})
}

// Delete removes docs; unknown IDs are ignored.
func (x *Index) Delete(ctx context.Context, ids ...string) error {
	_, err := x.pool.Exec(ctx, `DELETE FROM search_docs WHERE id = ANY($1)`, ids)
	return err
}

// cond is one AND-ed condition of a query: any of its alternatives, each
// a phrase of lexemes without their bucket.
type cond [][]string

// conds turns the analyzer's clauses and the filters into conditions.
func conds(clauses []search.Clause, q search.Query) []cond {
	var out []cond
	for _, c := range clauses {
		var alts cond
		for _, ph := range c {
			if len(ph.Terms) == 0 {
				continue
			}
			terms := slices.Clone(ph.Terms)
			if ph.Field == search.FieldPairs {
				for i := range terms {
					terms[i] = pairPrefix + terms[i]
				}
			}
			alts = append(alts, terms)
		}
		if len(alts) > 0 {
			out = append(out, alts)
		}
	}
	facet := func(name string, values []string) {
		var alts cond
		for _, v := range values {
			alts = append(alts, []string{facetPrefix + search.FacetTerm(name, v)})
		}
		if len(alts) > 0 {
			out = append(out, alts)
		}
	}
	facet("kind", q.Kinds)
	names := make([]string, 0, len(q.Facets))
	for name := range q.Facets {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		facet(name, q.Facets[name])
	}
	return out
}

// window is a run of buckets [lo, hi] as a query names it.
type window struct {
	lo, hi  int64
	narrow  bool     // buckets named one by one
	markers bool     // and its documents by their bucket markers
	cover   []string // else these hex prefixes
}

// newWindow names buckets [lo, hi] for a tsquery of n terms: one by
// one when the window is narrow, else by prefixes. GIN checks every
// candidate against the whole tsquery, so hundreds of exact items made
// two common words seldom found together cost 150–300 ms a window at
// 100,000 documents; a prefix is one item, its posting lists read into
// a bitmap up front.
func newWindow(lo, hi int64, n int) window {
	if hi-lo < narrowBuckets {
		return window{lo: lo, hi: hi, narrow: true, markers: true}
	}
	// A term is asked plain and once per prefix.
	return window{lo: lo, hi: hi, cover: cover(lo, hi, n)}
}

// item writes term in every form it may have: plain, by run (digits
// 3) and by bucket (digits 4). A run may reach outside the window: the
// key range and, in a narrow window, the bucket markers keep the result
// exact.
func (w window) item(b *strings.Builder, term string, digits int) {
	if digits == 0 {
		b.WriteString(quote(term))
		return
	}
	b.WriteByte('(')
	b.WriteString(quote(term))
	run := ""
	lexeme := func(suffix string, prefix bool) {
		b.WriteString(" | ")
		b.WriteString(quote(term + "~" + suffix))
		if prefix {
			b.WriteString(":*")
		}
	}
	// runOf names the run of a bucket once.
	runOf := func(p string) {
		if r := p[:3]; r != run {
			lexeme(r, false)
			run = r
		}
	}
	if w.narrow {
		for k := w.lo; k <= w.hi; k++ {
			if digits == 4 {
				lexeme(hex4(k), false)
			}
			runOf(hex4(k))
		}
	} else {
		for _, p := range w.cover {
			switch {
			case len(p) < 3:
				lexeme(p, true)
			case digits == 3:
				// No bucket lexemes: the run is exact.
				runOf(p)
			case len(p) == 3:
				lexeme(p, true) // the run and its buckets
			default:
				// A prefix of four digits misses the run's shorter lexeme.
				runOf(p)
				lexeme(p, false)
			}
		}
	}
	b.WriteByte(')')
}

// marker matches every document of a narrow window by its bucket lexeme.
func (w window) marker() string {
	var b strings.Builder
	for k := w.lo; k <= w.hi; k++ {
		if b.Len() > 0 {
			b.WriteString(" | ")
		}
		b.WriteString(quote(lexeme("", k)))
	}
	return b.String()
}

// selectRatio bounds how much commoner than the rarest a term may be and
// still go to the index with it. Reading a posting costs GIN about a
// third of a microsecond; a row found costs the heap scan 5–11 µs (a
// fetch and, for a Khmer word, a phrase recheck of its tsvector). A term
// in 16 times the documents of the rarest costs at most what the rows it
// can spare would: commoner ones are checked on the rows instead (a word
// in 400,000 documents cost GIN 130 ms a window to spare 15 ms of rows).
const selectRatio = 16

// selective keeps of each alternative its rarest term and the others
// within selectRatio of it and rarer than dense: what GIN intersects.
// The terms of one word come together, so a second common one seldom
// spares rows; a second rare one does (a rare word's bigrams are often
// each in thousands of documents, the word in hundreds). The whole
// phrase is then checked on the rows found.
func (c cond) selective(df map[string]int64, dense int64, most int) cond {
	out := make(cond, len(c))
	for i, alt := range c {
		byDF := slices.Clone(alt)
		slices.SortStableFunc(byDF, func(a, b string) int { return cmp.Compare(df[a], df[b]) })
		rarest := df[byDF[0]]
		for j, term := range byDF {
			if j == 0 || j < most && df[term] < dense && df[term] <= selectRatio*max(rarest, 1) {
				out[i] = append(out[i], term)
			}
		}
	}
	return out
}

// phrases says whether c has an alternative of more than one term.
func (c cond) phrases() bool {
	return slices.ContainsFunc(c, func(alt []string) bool { return len(alt) > 1 })
}

// size is the number of terms in c.
func (c cond) size() int {
	n := 0
	for _, alt := range c {
		n += len(alt)
	}
	return n
}

// tsquery writes c for window w, each term in the forms digits allows
// it. With phrase false a phrase becomes the AND of its terms, which
// needs no recheck.
func (c cond) tsquery(w window, phrase bool, digits func(string) int) string {
	op := " <-> "
	if !phrase {
		op = " & "
	}
	var b strings.Builder
	for _, alt := range c {
		if b.Len() > 0 {
			b.WriteString(" | ")
		}
		b.WriteByte('(')
		for i, term := range alt {
			if i > 0 {
				b.WriteString(op)
			}
			w.item(&b, term, digits(term))
		}
		b.WriteByte(')')
	}
	return b.String()
}

// allForms says a term may be in any form.
func allForms(string) int { return 4 }

// customPlan makes pgx send a query as an unnamed statement, which
// PostgreSQL plans for the actual arguments every time: a cached generic
// plan cannot see how narrow a window's tsquery is.
const customPlan = pgx.QueryExecModeExec

// match is a matching row's key and, when asked, its facets.
type match struct {
	rid    int64
	facets string
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
		return &search.Result{}, nil
	}
	lo, hi := int64(0), int64(1)<<62
	if !q.From.IsZero() {
		lo = search.DayKey(q.From) << seqBits
	}
	if !q.To.IsZero() {
		hi = (search.DayKey(q.To)+1)<<seqBits - 1
	}
	cs := conds(clauses, q)
	// Counts kept from an earlier search of the same query leave only the
	// page to find.
	var kept *search.Counts
	var ver uint64
	key := ""
	if q.WithFacets && x.counts != nil {
		if v, err := x.changePosition(ctx); err == nil {
			ver, key = v, fmt.Sprint(cs, "\x00", lo, "\x00", hi)
			if c, ok := x.counts.Get(ver, key); ok {
				kept = &c
			}
		}
	}
	// need covers the page, the capped count and the facet rows: all of
	// them are the newest matches.
	need := offset + limit
	if kept == nil {
		need = max(need, x.maxTotal+1)
		if q.WithFacets {
			need = max(need, search.MaxFacetRows)
		}
	}
	var ms []match
	// One snapshot for the whole search: the term counts read first
	// decide which forms of a term the windows ask for.
	err := pgx.BeginTxFunc(ctx, x.pool, pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead}, func(tx pgx.Tx) error {
		// Every window must be read through the GIN index. The planner
		// cannot tell a window's prefix items are narrow: it costed a
		// sequential scan of the table under them (2.5 s at 100,000
		// documents), JIT-compiled it, and planned parallel workers whose
		// start alone took 40–80 ms. The window's bitmaps must stay exact:
		// a lossy page is a recheck of every row on it.
		if _, err := tx.Exec(ctx, `SET LOCAL enable_seqscan = off; SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL work_mem = '64MB'`); err != nil {
			return err
		}
		var err error
		ms, err = x.newest(ctx, tx, cs, lo, hi, need, q.WithFacets && kept == nil)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	seen := len(ms)
	if kept != nil {
		seen = kept.Rows
	}
	res := &search.Result{Total: seen}
	if res.Total > x.maxTotal {
		res.Total, res.TotalCapped = x.maxTotal, true
	}
	var rids []int64
	for _, m := range ms[min(offset, len(ms)):min(offset+limit, len(ms))] {
		rids = append(rids, m.rid)
	}
	if len(rids) > 0 {
		var page []search.HitRow
		rows, err := x.pool.Query(ctx, `SELECT id, kind, title, body, day FROM search_docs WHERE rid = ANY($1) ORDER BY rid DESC`, rids)
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
			page = append(page, search.HitRow{ID: id, Kind: kind, Title: title, Body: body, Day: day})
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
		res.Hits = search.NewHits(x.analyzer, clauses, page)
	}
	// A capped count still covers the page the reader is on.
	res.Total = max(res.Total, offset+len(res.Hits))
	switch {
	case kept != nil:
		res.Facets = kept.Facets
	case q.WithFacets:
		res.Facets = map[string]map[string]int{}
		for _, m := range ms[:min(len(ms), search.MaxFacetRows)] {
			search.CountFacets(res.Facets, m.facets)
		}
		if key != "" {
			x.counts.Put(ver, key, search.Counts{Facets: res.Facets, Rows: len(ms)})
		}
	}
	return res, nil
}

// KeepFacetCounts makes searches keep the facet counts and the match
// count of each query until the database changes, as a site answering
// the same queries again and again (and every page of one) wants: a
// search that finds them kept reads only its page. Without it every
// search counts afresh, as benchmarks of the engine want.
func (x *Index) KeepFacetCounts() error {
	x.counts = search.NewCountCache()
	return nil
}

// changePosition tells whether the database may have changed since it
// was last read, by the signal the site's page cache uses
// (store/postgres.Version): other writes move it too, which only costs a
// count made again.
func (x *Index) changePosition(ctx context.Context) (uint64, error) {
	var pos int64
	err := x.pool.QueryRow(ctx, storepostgres.ChangePosition).Scan(&pos)
	return uint64(pos), err
}

// newest returns up to need matches of cs with keys in [lo, hi], newest
// first, reading windows of buckets from the newest down.
func (x *Index) newest(ctx context.Context, tx pgx.Tx, cs []cond, lo, hi int64, need int, facets bool) ([]match, error) {
	cols := "rid, ''"
	if facets {
		cols = "rid, facets"
	}
	collect := func(sql string, args ...any) ([]match, error) {
		rows, err := tx.Query(ctx, sql, append([]any{customPlan}, args...)...)
		if err != nil {
			return nil, err
		}
		return pgx.CollectRows(rows, func(r pgx.CollectableRow) (match, error) {
			var m match
			err := r.Scan(&m.rid, &m.facets)
			return m, err
		})
	}
	if len(cs) == 0 {
		// No words and no filters: the newest rows of the key range.
		return collect(`SELECT `+cols+` FROM search_docs WHERE rid BETWEEN $1 AND $2 ORDER BY rid DESC LIMIT $3`, lo, hi, need)
	}
	// How many documents has each condition (at most)? The rarest drives
	// the index in wide windows, and one rarer than the rows needed is
	// read whole at once.
	var all []string
	for _, c := range cs {
		for _, alt := range c {
			all = append(all, alt...)
		}
	}
	df := map[string]int64{}
	r, err := tx.Query(ctx, `SELECT term, df FROM search_terms WHERE term = ANY($1)`, all)
	if err != nil {
		return nil, err
	}
	for r.Next() {
		var term string
		var n int64
		if err := r.Scan(&term, &n); err != nil {
			return nil, err
		}
		df[term] = n
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	// A term in fewer documents than commonDF was only ever indexed
	// plain, in fewer than denseDF never by bucket: the transaction's
	// snapshot sees at least the counts of every document it sees.
	digits := func(term string) int {
		switch n := df[term]; {
		case n < x.commonDF:
			return 0
		case n < x.denseDF:
			return 3
		}
		return 4
	}
	sizes := make([]int64, len(cs))
	driver, rarest := 0, int64(math.MaxInt64)
	for i, c := range cs {
		for _, alt := range c {
			m := int64(math.MaxInt64)
			for _, term := range alt {
				m = min(m, df[term])
			}
			sizes[i] += m
		}
		if sizes[i] < rarest {
			driver, rarest = i, sizes[i]
		}
	}
	// What goes to the index in a wide window: the selective terms of
	// the driver and of the conditions within selectRatio of it (GIN
	// intersects them). In a narrow window, where a common term is a few
	// buckets' postings, every condition. A lone condition goes with all
	// its terms within selectRatio of its rarest: a Khmer word's bigrams
	// together spare most of the rows its rarest alone finds without the
	// word, each a tsvector read and a phrase rechecked. With another
	// condition to intersect with, one term an alternative costs GIN less
	// (a common pair at 1 M documents: 2 ms a run against 4).
	pl := plan{cols: cols, lo: lo, hi: hi, cs: cs, digits: digits,
		wide: make([]cond, len(cs)), narrow: make([]cond, len(cs)), indexed: make([]bool, len(cs))}
	dense := false // a term read by bucket goes to the index
	narrowMost := math.MaxInt
	if len(cs) > 1 {
		narrowMost = 1
	}
	for i, c := range cs {
		pl.wide[i] = c.selective(df, x.denseDF, math.MaxInt)
		pl.narrow[i] = c.selective(df, math.MaxInt64, narrowMost)
		if i == driver || sizes[i] <= selectRatio*max(rarest, 1) {
			pl.indexed[i] = true
			pl.wideTerms += pl.wide[i].size()
			for _, alt := range pl.wide[i] {
				for _, term := range alt {
					dense = dense || digits(term) == 4
				}
			}
		}
	}
	// The first window holds the newest probeDocs documents of the range.
	var top, edge, bottom *int64
	if err := tx.QueryRow(ctx, `SELECT (SELECT max(rid) FROM search_docs WHERE rid BETWEEN $1 AND $2),
		(SELECT rid FROM search_docs WHERE rid BETWEEN $1 AND $2 ORDER BY rid DESC OFFSET $3 LIMIT 1),
		(SELECT min(rid) FROM search_docs WHERE rid BETWEEN $1 AND $2)`, lo, hi, x.probeDocs).Scan(&top, &edge, &bottom); err != nil {
		return nil, err
	}
	if top == nil {
		return nil, nil
	}
	bucket := func(rid int64) int64 { return bucketOf(rid >> seqBits) }
	first, last := bucket(*bottom), bucket(*top)
	width := int64(math.MaxInt32)
	if edge != nil && rarest > int64(need) {
		width = last - bucket(*edge) + 1
	}
	common := rarest >= x.commonDF
	var out []match
	covered := int64(0)
	for hiB := last; hiB >= first && len(out) < need; {
		loB := max(first, hiB-width+1)
		// When a term read by bucket goes to the index, a window is read
		// in spans of at most a run (16 buckets), newest first, each
		// named lexeme by lexeme, in one statement whose LIMIT stops
		// before the spans it does not need. GIN pays for every item of a
		// query on each candidate, and a prefix item makes it gather all
		// its postings into a bitmap up front: two common words seldom
		// together cost 44 ms over 102 buckets as prefixes (1 M
		// documents), 2 ms a run named exactly. A span is sized to bring
		// about a quarter of the rows still needed, so the last one read
		// fetches few rows past them (each a tsvector read, and for a
		// Khmer word a phrase rechecked).
		spans := [][2]int64{{loB, hiB}}
		if dense {
			span := int64(narrowBuckets)
			if len(out) > 0 {
				perBucket := float64(len(out)) / float64(covered)
				span = min(span, max(1, int64(float64(need-len(out))/(4*perBucket))))
			}
			spans = spans[:0]
			for hb := hiB; hb >= loB; {
				lb := max(loB, hb-span+1, hb-hb%narrowBuckets)
				spans = append(spans, [2]int64{lb, hb})
				hb = lb - 1
			}
		}
		var args []any
		var branches []string
		for _, sp := range spans {
			branches = append(branches, pl.branch(sp[0], sp[1], &args))
		}
		args = append(args, need-len(out))
		sql := branches[0] + fmt.Sprintf(" LIMIT $%d", len(args))
		if len(branches) > 1 {
			// Append runs its branches in order, so rows come newest
			// first and the LIMIT stops the scan at the run that fills it.
			sql = "(" + strings.Join(branches, ") UNION ALL (") + fmt.Sprintf(") LIMIT $%d", len(args))
		}
		started := time.Now()
		ms, err := collect(sql, args...)
		if err != nil {
			return nil, err
		}
		if slog.Default().Enabled(ctx, slog.LevelDebug) {
			slog.DebugContext(ctx, "search window", "buckets", hiB-loB+1, "spans", len(spans), "rows", len(ms), "took", time.Since(started), "sql", sql, "args", args)
		}
		out = append(out, ms...)
		covered += hiB - loB + 1
		hiB = loB - 1
		// Size the next window from the rate so far, a quarter more to
		// spare. With nothing found yet: when a condition is rare, the rest
		// of the range in one window costs little; when all are common
		// but seldom together, the window grows fourfold (each window
		// reads their posting lists in it).
		if len(out) == 0 {
			width = math.MaxInt32
			if common {
				width = 4 * covered
			}
		} else {
			width = max(1, int64(math.Ceil(1.25*float64(need-len(out))*float64(covered)/float64(len(out)))))
		}
	}
	return out, nil
}

// plan is what a search's windows ask for.
type plan struct {
	cols         string
	lo, hi       int64 // the key range
	cs           []cond
	wide, narrow []cond // the terms of each condition the index gets, by window
	indexed      []bool // which conditions go to the index in a wide window
	wideTerms    int
	digits       func(term string) int
}

// branch is the query of buckets [loB, hiB], its arguments appended to
// args: the selected terms of the indexed conditions to the index, the
// rest checked on the rows found.
func (p *plan) branch(loB, hiB int64, args *[]any) string {
	w := newWindow(loB, hiB, p.wideTerms)
	selected := p.wide
	if w.narrow {
		selected = p.narrow
	}
	arg := func(v any) int {
		*args = append(*args, v)
		return len(*args)
	}
	wlo := arg(max(p.lo, (loB<<bucketShift)<<seqBits))
	whi := arg(min(p.hi, ((hiB+1)<<bucketShift)<<seqBits-1))
	anyBucket := newWindow(0, maxBucket, 1)
	// The bucket markers of a narrow window keep the plain postings
	// outside it from reaching the table. What the index does not check —
	// phrases, conditions left out — ts_match_vq (@@ as a function, which
	// no index serves) checks on the rows found, in any bucket: the rows
	// are in the window already.
	var where []string
	cond := func(op, tsquery string) {
		where = append(where, fmt.Sprintf(op, arg(tsquery)))
	}
	for i, c := range p.cs {
		if !w.narrow && !p.indexed[i] {
			cond("ts_match_vq(t, $%d::tsquery)", c.tsquery(anyBucket, true, p.digits))
			continue
		}
		cond("t @@ $%d::tsquery", selected[i].tsquery(w, false, p.digits))
		if c.phrases() {
			cond("ts_match_vq(t, $%d::tsquery)", c.tsquery(anyBucket, true, p.digits))
		}
	}
	if w.markers {
		cond("t @@ $%d::tsquery", w.marker())
	}
	// rid + 0: the key range is checked on the rows the tsquery finds,
	// never walked in the primary key with the tsquery as a filter.
	return fmt.Sprintf(`SELECT %s FROM search_docs WHERE %s AND rid + 0 BETWEEN $%d AND $%d ORDER BY rid + 0 DESC`,
		p.cols, strings.Join(where, " AND "), wlo, whi)
}

// EngineQuery runs PostgreSQL's bare query for text — the same tokens as
// one tsquery over all buckets, newest first, limit rows, no windows,
// count or snippet — and returns how many rows it gave. It is the
// baseline of the search benchmark: what GIN does alone.
func (x *Index) EngineQuery(ctx context.Context, text string, limit int) (int, error) {
	cs := conds(x.analyzer.Query(text), search.Query{})
	if len(cs) == 0 {
		return 0, nil
	}
	var qs []string
	for _, c := range cs {
		qs = append(qs, "("+c.tsquery(newWindow(0, maxBucket, c.size()), true, allForms)+")")
	}
	rows, err := x.pool.Query(ctx, `SELECT rid FROM search_docs WHERE t @@ $1::tsquery ORDER BY rid DESC LIMIT $2`,
		customPlan, strings.Join(qs, " & "), limit)
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
