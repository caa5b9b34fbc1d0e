package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/kamnotra/kamnotra/internal/resolve"
)

func init() {
	registerBench(benchmark{
		Name:    "resolve",
		Summary: "link people and merge events of a generated corpus into SQLite (and PostgreSQL with --db), then add documents one by one",
		Run:     runBenchResolve,
	})
}

func runBenchResolve(ctx context.Context, env *Env, args []string) error {
	fs := env.FlagSet("bench resolve", "[--events N] [--docs N] [--added N] [--db postgres://…] [--no-sqlite]")
	events := fs.Int("events", 100000, "extracted events in the corpus")
	docs := fs.Int("docs", 0, "documents they come in (default events × 0.4)")
	added := fs.Int("added", 100, "documents added one by one at full size, for the per-document times")
	noSQLite := fs.Bool("no-sqlite", false, "skip SQLite (with --db: PostgreSQL only)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *docs == 0 {
		*docs = *events * 2 / 5
	}
	if *events <= 0 || *docs <= 0 || *added <= 0 {
		return usagef("--events, --docs and --added must be positive")
	}
	cfg := resolve.BenchConfig{Events: *events, Docs: *docs, Added: *added, Seed: 1,
		Progress: func(d, e int, el time.Duration) {
			env.Logger.Info("bench resolve", "docs", d, "events", e, "elapsed", el.Round(time.Millisecond), "events/s", int(float64(e)/el.Seconds()))
		}}
	fmt.Fprintf(env.Stdout, "corpus: %d extracted events in %d documents (+%d added one by one), %d CPUs\n", *events, *docs, *added, runtime.NumCPU())
	var rs []resolve.BenchResult
	if !*noSQLite {
		dir, err := os.MkdirTemp("", "kamnotra-bench-resolve-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		st, err := openStoreAt(ctx, dir, "")
		if err != nil {
			return err
		}
		r, err := resolve.BenchResolve(ctx, st, "SQLite", cfg)
		st.Close()
		if err != nil {
			return err
		}
		rs = append(rs, r)
		resolve.PrintBench(env.Stdout, rs[len(rs)-1:])
	}
	pg := env.DBURL
	if pg == "" {
		pg = env.Getenv("KAMNOTRA_TEST_POSTGRES")
	}
	if pg != "" {
		u, drop, err := freshSchema(ctx, pg)
		if err != nil {
			return err
		}
		defer drop()
		st, err := openStoreAt(ctx, "", u)
		if err != nil {
			return err
		}
		r, err := resolve.BenchResolve(ctx, st, "PostgreSQL", cfg)
		st.Close()
		if err != nil {
			return err
		}
		rs = append(rs, r)
		resolve.PrintBench(env.Stdout, rs[len(rs)-1:])
	}
	return nil
}
