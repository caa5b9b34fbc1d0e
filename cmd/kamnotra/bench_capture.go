package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/kamnotra/kamnotra/internal/capture"
)

func init() {
	registerBench(benchmark{
		Name:    "capture",
		Summary: "documents/s of the capture pipeline on generated pages, into SQLite (and PostgreSQL with --db)",
		Run:     runBenchCapture,
	})
}

func runBenchCapture(ctx context.Context, env *Env, args []string) error {
	fs := env.FlagSet("bench capture", "[--docs N] [--db postgres://…]")
	docs := fs.Int("docs", 10000, "number of generated pages")
	keep := fs.String("keep", "", "work in this directory and keep it (default: a temporary directory, removed)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the measured runs to this file (go tool pprof)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *docs < 1 {
		return usagef("--docs must be at least 1")
	}
	work := *keep
	if work == "" {
		dir, err := os.MkdirTemp("", "kamnotra-bench-capture-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		work = dir
	}
	corpus := filepath.Join(work, "corpus")
	seed := uint64(time.Now().UnixNano())
	size, err := capture.GenerateCorpus(corpus, *docs, seed)
	if err != nil {
		return fmt.Errorf("generate corpus: %w", err)
	}
	fmt.Fprintf(env.Stdout, "corpus: %d generated pages (Khmer and English), %.1f MiB, %d CPUs\n", *docs, float64(size)/(1<<20), runtime.NumCPU())

	stores := []capture.BenchStore{{Name: "SQLite", Open: func(ctx context.Context, dataDir string) (capture.Store, io.Closer, error) {
		return openBenchStore(ctx, dataDir, "")
	}}}
	pg := env.DBURL
	if pg == "" {
		pg = env.Getenv("KAMNOTRA_TEST_POSTGRES")
	}
	if pg != "" {
		stores = append(stores, capture.BenchStore{Name: "PostgreSQL", Open: func(ctx context.Context, dataDir string) (capture.Store, io.Closer, error) {
			u, drop, err := freshSchema(ctx, pg)
			if err != nil {
				return nil, nil, err
			}
			st, closer, err := openBenchStore(ctx, dataDir, u)
			if err != nil {
				drop()
				return nil, nil, err
			}
			return st, closerFunc(func() error { err := closer.Close(); drop(); return err }), nil
		}})
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("start CPU profile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	rs, err := capture.Bench(ctx, corpus, work, capture.DefaultParsers(nil), stores)
	capture.PrintBench(env.Stdout, rs)
	return err
}

type closerFunc func() error

func (f closerFunc) Close() error { return f() }

// freshSchema creates an empty schema in the PostgreSQL database at base
// and returns a URL whose search_path is that schema, and a function that
// drops it: each benchmark run starts from an empty store and leaves none
// of its rows behind.
func freshSchema(ctx context.Context, base string) (string, func(), error) {
	db, err := sql.Open("pgx", base)
	if err != nil {
		return "", nil, err
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "bench_capture_" + hex.EncodeToString(b[:])
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		db.Close()
		return "", nil, fmt.Errorf("create a schema for the benchmark: %w", err)
	}
	drop := func() {
		db.ExecContext(context.WithoutCancel(ctx), "DROP SCHEMA "+schema+" CASCADE")
		db.Close()
	}
	u, err := url.Parse(base)
	if err != nil {
		drop()
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), drop, nil
}

func openBenchStore(ctx context.Context, dataDir, dbURL string) (capture.Store, io.Closer, error) {
	st, err := openStoreAt(ctx, dataDir, dbURL)
	if err != nil {
		return nil, nil, err
	}
	cs, ok := st.(capture.Store)
	if !ok {
		st.Close()
		return nil, nil, fmt.Errorf("this store cannot save captures in batches")
	}
	return cs, st, nil
}
