package searchbench

import (
	"context"
	"fmt"
	"hash/crc32"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/kamnotra/kamnotra/internal/search"
	"github.com/kamnotra/kamnotra/internal/search/postgres"
	"github.com/kamnotra/kamnotra/internal/search/sqlite"
)

// Options of a search benchmark run.
type Options struct {
	Docs    int
	Queries int
	Seed    uint64
	// Work holds the generated indexes between runs, keyed by size and
	// seed, so a million-document index is built once.
	Work string
	// DBURL, when set, also measures the PostgreSQL backend in schema
	// kamnotra_bench_<docs>_<seed>_<layout> of that database.
	DBURL      string
	SkipSQLite bool
}

// Run builds (or reuses) the indexes and measures them, writing tables to w.
func Run(ctx context.Context, o Options, w io.Writer) error {
	if o.Docs <= 0 || o.Queries <= 0 {
		return fmt.Errorf("search bench: --docs and --queries must be positive")
	}
	c := NewCorpus(o.Docs, o.Seed)
	qs := c.Queries(o.Queries, o.Seed+1)
	fmt.Fprintf(w, "corpus: %d documents (seed %d), %d queries in %d classes; load average %s\n", o.Docs, o.Seed, len(qs), len(Classes), LoadAvg())
	if !o.SkipSQLite {
		if err := runSQLite(ctx, o, c, qs, w); err != nil {
			return err
		}
	}
	if o.DBURL != "" {
		if err := runPostgres(ctx, o, c, qs, w); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "\npeak RSS of this process: %.0f MiB\n", PeakRSS())
	return nil
}

func runSQLite(ctx context.Context, o Options, c *Corpus, qs []Query, w io.Writer) error {
	dir := filepath.Join(o.Work, fmt.Sprintf("sqlite-%d-%d", o.Docs, o.Seed))
	path := filepath.Join(dir, "search.db")
	done := filepath.Join(dir, "complete")
	if _, err := os.Stat(done); err != nil {
		// A half-built index from an interrupted run is rebuilt.
		os.RemoveAll(dir)
		idx, err := sqlite.Open(ctx, path, search.KhmerAnalyzer{})
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "sqlite: building %s\n", path)
		start := time.Now()
		if err := Load(ctx, idx, c, 0, 1000, w); err != nil {
			idx.Close()
			return err
		}
		if err := idx.Optimize(ctx); err != nil {
			idx.Close()
			return err
		}
		took := time.Since(start)
		idx.Close()
		if err := os.WriteFile(done, []byte(took.String()+"\n"), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(w, "sqlite: loaded %d documents in %s (%.0f docs/s), load average %s\n", c.N, took.Round(time.Second), float64(c.N)/took.Seconds(), LoadAvg())
	} else {
		b, _ := os.ReadFile(done)
		fmt.Fprintf(w, "sqlite: reusing %s (built in %s)\n", path, strings.TrimSpace(string(b)))
	}
	idx, err := sqlite.Open(ctx, path, search.KhmerAnalyzer{})
	if err != nil {
		return err
	}
	defer idx.Close()
	var size int64
	for _, suffix := range []string{"", "-wal"} {
		if fi, err := os.Stat(path + suffix); err == nil {
			size += fi.Size()
		}
	}
	fmt.Fprintf(w, "sqlite: index file %.0f MiB (stored text included)\n", float64(size)/(1<<20))
	st, err := Measure(ctx, idx, qs)
	if err != nil {
		return err
	}
	WriteTable(w, "sqlite", st)
	return nil
}

func runPostgres(ctx context.Context, o Options, c *Corpus, qs []Query, w io.Writer) error {
	idx, pool, err := postgresIndex(ctx, o.DBURL, c, w)
	if err != nil {
		return err
	}
	defer pool.Close()
	var size int64
	if err := pool.QueryRow(ctx, `SELECT pg_total_relation_size('search_docs')`).Scan(&size); err != nil {
		return err
	}
	fmt.Fprintf(w, "postgres: table and indexes %.0f MiB\n", float64(size)/(1<<20))
	st, err := Measure(ctx, idx, qs)
	if err != nil {
		return err
	}
	WriteTable(w, "postgres", st)
	return nil
}

// benchSchema returns a pool on schema name of dbURL, which holds a
// complete generated data set when it has the table bench_done; without
// it the schema is emptied and build fills it, then the table is made.
func benchSchema(ctx context.Context, dbURL, name string, build func(url string, pool *pgxpool.Pool) error) (string, *pgxpool.Pool, error) {
	u, err := url.Parse(dbURL)
	if err != nil {
		return "", nil, fmt.Errorf("bench: --db is not a URL: %w", err)
	}
	admin, err := pgxpool.New(ctx, dbURL)
	if err != nil {
		return "", nil, err
	}
	defer admin.Close()
	var complete bool
	err = admin.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'bench_done')`, name).Scan(&complete)
	if err != nil {
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	if !complete {
		if _, err := admin.Exec(ctx, `DROP SCHEMA IF EXISTS `+name+` CASCADE; CREATE SCHEMA `+name); err != nil {
			return "", nil, err
		}
	}
	pool, err := pgxpool.New(ctx, u.String())
	if err != nil {
		return "", nil, err
	}
	if !complete {
		start := time.Now()
		if err := build(u.String(), pool); err != nil {
			pool.Close()
			return "", nil, err
		}
		if _, err := pool.Exec(ctx, `CREATE TABLE bench_done (seconds float8); INSERT INTO bench_done VALUES (`+fmt.Sprint(time.Since(start).Seconds())+`)`); err != nil {
			pool.Close()
			return "", nil, err
		}
	}
	return u.String(), pool, nil
}

// postgresIndex opens the PostgreSQL search index of c in schema
// kamnotra_bench_<docs>_<seed>_<layout> of dbURL, loading and indexing
// the corpus first unless a complete one is there. The layout is in the
// name: an index built by an older layout is not reused (postgres.New
// would empty it).
func postgresIndex(ctx context.Context, dbURL string, c *Corpus, w io.Writer) (*postgres.Index, *pgxpool.Pool, error) {
	schema := fmt.Sprintf("kamnotra_bench_%d_%d_%x", c.N, c.Seed, crc32.ChecksumIEEE([]byte(postgres.Layout)))
	built := false
	_, pool, err := benchSchema(ctx, dbURL, schema, func(_ string, pool *pgxpool.Pool) error {
		built = true
		idx, err := postgres.New(ctx, pool, search.KhmerAnalyzer{})
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "postgres: building schema %s\n", schema)
		if err := idx.DropIndexes(ctx); err != nil {
			return err
		}
		start := time.Now()
		// Large batches: each also adds its terms' document counts, once
		// per distinct term.
		if err := Load(ctx, idx, c, 0, 5000, w); err != nil {
			return err
		}
		loaded := time.Since(start)
		if err := idx.CreateIndexes(ctx); err != nil {
			return err
		}
		fmt.Fprintf(w, "postgres: loaded %d documents in %s, indexes built in %s; load average %s\n", c.N, loaded.Round(time.Second), (time.Since(start) - loaded).Round(time.Second), LoadAvg())
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if !built {
		var secs float64
		if err := pool.QueryRow(ctx, `SELECT seconds FROM bench_done`).Scan(&secs); err != nil {
			fmt.Fprintf(w, "postgres: reusing schema %s\n", schema)
		} else {
			fmt.Fprintf(w, "postgres: reusing schema %s (built in %.0f s)\n", schema, secs)
		}
	}
	idx, err := postgres.New(ctx, pool, search.KhmerAnalyzer{})
	if err != nil {
		pool.Close()
		return nil, nil, err
	}
	return idx, pool, nil
}
