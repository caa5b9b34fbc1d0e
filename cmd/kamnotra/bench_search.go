package main

import (
	"context"
	"os"
	"path/filepath"

	"github.com/kamnotra/kamnotra/internal/search/searchbench"
)

func init() {
	registerBench(benchmark{
		Name:    "search",
		Summary: "search latency p50/p99 on a generated corpus, per query class, against the engine's bare query",
		Run:     runBenchSearch,
	})
}

func runBenchSearch(ctx context.Context, env *Env, args []string) error {
	fs := env.FlagSet("bench search", "[--docs N] [--queries N] [--db URL] [--work DIR]")
	docs := fs.Int("docs", 100000, "documents in the generated corpus")
	queries := fs.Int("queries", 1000, "queries to time, spread over the classes")
	seed := fs.Uint64("seed", 1, "corpus seed")
	work := fs.String("work", filepath.Join(os.TempDir(), "kamnotra-bench-search"), "directory keeping generated indexes between runs")
	noSQLite := fs.Bool("no-sqlite", false, "measure PostgreSQL only")
	if err := parse(fs, args); err != nil {
		return err
	}
	// --db (or KAMNOTRA_TEST_POSTGRES) adds the PostgreSQL backend.
	url := env.DBURL
	if url == "" {
		url = env.Getenv("KAMNOTRA_TEST_POSTGRES")
	}
	if *noSQLite && url == "" {
		return usagef("--no-sqlite needs --db URL or KAMNOTRA_TEST_POSTGRES")
	}
	return searchbench.Run(ctx, searchbench.Options{Docs: *docs, Queries: *queries, Seed: *seed, Work: *work, DBURL: url, SkipSQLite: *noSQLite}, env.Stdout)
}
