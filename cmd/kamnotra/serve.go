package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/kamnotra/kamnotra/internal/search"
	"github.com/kamnotra/kamnotra/internal/search/searchopen"
	"github.com/kamnotra/kamnotra/internal/store/postgres"
	"github.com/kamnotra/kamnotra/internal/store/sqlite"
	"github.com/kamnotra/kamnotra/internal/store/storeopen"
	"github.com/kamnotra/kamnotra/internal/web"
)

func init() {
	register(command{
		Name:    "serve",
		Summary: "serve the public web site (read-only): serve [--addr 127.0.0.1:8080]",
		Run:     runServe,
	})
}

func runServe(ctx context.Context, env *Env, args []string) error {
	fs := env.FlagSet("serve", "[--addr HOST:PORT] [--dev] [--lang km|en]")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; port 0 picks a free one")
	dev := fs.Bool("dev", false, "reload templates and CSS from the source tree on every request")
	lang := fs.String("lang", "km", "UI language for readers who have not chosen one: km or en")
	baseURL := fs.String("base-url", "", "public address of the site (https://…) for the links in feeds; default: the host readers ask for")
	rate := fs.Float64("rate", 10, "requests per second allowed to one client IP (bursts of 4x); negative disables")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("serve takes no arguments, got %q", fs.Args())
	}
	if *lang != "km" && *lang != "en" {
		return usagef("--lang %q: want km or en", *lang)
	}
	st, err := storeopen.Open(ctx, env.DataDir, env.DBURL)
	if err != nil {
		return err
	}
	defer st.Close()
	idx, err := searchopen.Open(ctx, env.DataDir, env.DBURL)
	if err != nil {
		return err
	}
	defer idx.Close()
	if x, ok := idx.(interface{ KeepFacetCounts() error }); ok {
		// A site answers the same queries, and every page of one, again
		// and again: their facet counts are kept until the index changes.
		if err := x.KeepFacetCounts(); err != nil {
			return err
		}
	}
	// The Khmer dictionary is built on first use (about 0.1 s): build it
	// now, not in the first reader's search.
	go search.KhmerAnalyzer{}.Query("ក")
	opts := web.Options{
		Searcher:      webSearcher{idx},
		ArchiveDir:    archiveDir(env),
		Logger:        env.Logger,
		Dev:           *dev,
		DefaultLang:   *lang,
		RatePerSecond: *rate,
		BaseURL:       *baseURL,
	}
	// Pages are kept between changes of the record; any process that
	// writes to it (a capture run, an editor) makes them stale.
	if env.DBURL == "" {
		v, err := web.OpenSQLiteVersion(ctx, filepath.Join(env.DataDir, sqlite.FileName))
		if err != nil {
			return err
		}
		defer v.Close()
		opts.Version = v.Version
	} else {
		v, err := postgres.OpenVersion(ctx, env.DBURL)
		if err != nil {
			return err
		}
		defer v.Close()
		opts.Version = v.Version
	}
	h := web.NewServer(st, opts)
	srv, err := web.Listen(*addr, h, env.Logger)
	if err != nil {
		return err
	}
	env.Logger.Info("serving the site", "url", srv.URL(), "data", env.DataDir, "dev", *dev)
	fmt.Fprintf(env.Stdout, "kamnotra: serving %s (Ctrl-C stops)\n", srv.URL())
	done := make(chan error, 1)
	go func() { done <- srv.Serve() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	<-done
	return nil
}
