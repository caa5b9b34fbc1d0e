package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kamnotra/kamnotra/internal/search"
	"github.com/kamnotra/kamnotra/internal/search/searchbench"
	"github.com/kamnotra/kamnotra/internal/web"
)

func init() {
	registerBench(benchmark{
		Name:    "web",
		Summary: "requests/s and p50/p99 of the person and search pages under load on loopback, against a static asset",
		Run:     runBenchWeb,
	})
}

func runBenchWeb(ctx context.Context, env *Env, args []string) error {
	fs := env.FlagSet("bench web", "[--docs N] [--people N] [--requests N] [--concurrency N] [--pages person,search] [--no-cache|--no-page-cache] [--postgres] [--work DIR]")
	docs := fs.Int("docs", 100000, "documents in the generated record (one event for every fifth)")
	people := fs.Int("people", 5000, "people named in the events")
	requests := fs.Int("requests", 20000, "requests per page kind")
	conc := fs.Int("concurrency", 16, "concurrent clients")
	maxDur := fs.Duration("max-duration", 2*time.Minute, "stop a page kind's run after this long")
	seed := fs.Uint64("seed", 1, "corpus seed")
	pages := fs.String("pages", "person,search", "page kinds to drive after the static baseline, comma-separated: person, search")
	noCache := fs.Bool("no-cache", false, "serve without the page cache and without keeping facet counts, to measure building every page")
	noPageCache := fs.Bool("no-page-cache", false, "serve without the page cache, keeping the records pages name and facet counts")
	pg := fs.Bool("postgres", false, "serve from PostgreSQL (--db URL or KAMNOTRA_TEST_POSTGRES) instead of SQLite")
	work := fs.String("work", filepath.Join(os.TempDir(), "kamnotra-bench-search"), "directory keeping generated records and indexes between runs")
	if err := parse(fs, args); err != nil {
		return err
	}
	url := ""
	if *pg {
		if url = env.DBURL; url == "" {
			url = env.Getenv("KAMNOTRA_TEST_POSTGRES")
		}
		if url == "" {
			return usagef("--postgres needs --db URL or KAMNOTRA_TEST_POSTGRES")
		}
	}
	var kinds []string
	for _, k := range strings.Split(*pages, ",") {
		switch k = strings.TrimSpace(k); k {
		case "person", "search":
			kinds = append(kinds, k)
		case "":
		default:
			return usagef("--pages: unknown page kind %q; want person or search", k)
		}
	}
	return searchbench.RunWeb(ctx, searchbench.WebOptions{Docs: *docs, People: *people, Requests: *requests, Concurrency: *conc,
		MaxDuration: *maxDur, Work: *work, Seed: *seed, Pages: kinds, NoCache: *noCache, NoPageCache: *noPageCache, DBURL: url,
		Searcher: func(idx search.Index) web.Searcher { return webSearcher{idx} }}, env.Stdout)
}
