package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/kamnotra/kamnotra/internal/capture"
	"github.com/kamnotra/kamnotra/internal/capture/fetch"
	"github.com/kamnotra/kamnotra/internal/outlet"
	"github.com/kamnotra/kamnotra/internal/store"
	"github.com/kamnotra/kamnotra/internal/store/storeopen"
	"github.com/kamnotra/kamnotra/internal/warc"
)

func init() {
	register(command{
		Name:    "capture",
		Summary: "fetch and archive sources: URLs, feeds, sitemaps, files, directories, Telegram exports",
		Run:     runCapture,
	})
}

// kamnotraVersion is the module version the binary was built from.
func kamnotraVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// archiveDir is where the WARC files live inside the data directory.
func archiveDir(env *Env) string { return filepath.Join(env.DataDir, "archive") }

// openStore opens the store the global options select.
func openStore(ctx context.Context, env *Env) (store.Store, error) {
	return openStoreAt(ctx, env.DataDir, env.DBURL)
}

// openStoreAt opens PostgreSQL when dbURL is set, else SQLite in dataDir.
func openStoreAt(ctx context.Context, dataDir, dbURL string) (store.Store, error) {
	return storeopen.Open(ctx, dataDir, dbURL)
}

func runCapture(ctx context.Context, env *Env, args []string) error {
	fs := env.FlagSet("capture", "[options] SOURCE…")
	allowPrivate := fs.Bool("allow-private", false, "allow loopback, private and link-local addresses (for testing against local servers)")
	workers := fs.Int("workers", 0, "parallel fetch and read workers (default 2 × CPUs)")
	perHost := fs.Int("per-host", 1, "parallel requests to one host")
	delay := fs.Duration("delay", time.Second, "pause between requests to one host")
	readTimeout := fs.Duration("timeout", 30*time.Second, "give up on a server silent for this long")
	connectTimeout := fs.Duration("connect-timeout", 10*time.Second, "give up connecting after this long")
	maxSize := fs.Int64("max-size", 32<<20, "largest download in bytes: longer ones are cut, archived with WARC-Truncated and flagged")
	maxFile := fs.Int64("max-file-size", 64<<20, "largest local file in bytes: larger ones are refused")
	redirects := fs.Int("redirects", 5, "redirects to follow")
	force := fs.Bool("force", false, "fetch even sources the ledger says to leave alone after failures")
	rotate := fs.Int64("archive-file-size", warc.DefaultMaxFileSize, "start a new WARC file after this many bytes")
	tgChannel := fs.String("telegram-channel", "", "public @name of the channel of a Telegram export, for https://t.me/NAME/ID message URLs (exports do not record it)")
	noExtract := fs.Bool("no-extract", false, "only capture: do not extract events nor update the search index (run 'kamnotra reextract' later)")
	outlets := fs.String("outlets", "", "outlet list (JSON) to attribute documents with (default: the built-in list, plus outlets.json in the data directory)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("name at least one source: a URL, a feed or sitemap URL, a file or a directory")
	}
	list, err := loadOutlets(env, *outlets)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close()
	cs, ok := st.(capture.Store)
	if !ok {
		return fmt.Errorf("this store cannot save captures in batches")
	}
	if err := capture.PutOutlets(ctx, st, list); err != nil {
		return err
	}
	aw, err := warc.NewWriter(archiveDir(env), warc.WriterOptions{
		MaxFileSize: *rotate,
		Software:    "Kamnotra/" + kamnotraVersion(),
		Info:        warc.Fields("description", "kamnotra capture"),
	})
	if err != nil {
		return err
	}
	f := fetch.New(fetch.Options{
		UserAgent:          fetch.UserAgent(kamnotraVersion()),
		ConnectTimeout:     *connectTimeout,
		ReadTimeout:        *readTimeout,
		MaxBodySize:        *maxSize,
		MaxRedirects:       *redirects,
		PerHostConcurrency: *perHost,
		PerHostDelay:       *delay,
		AllowPrivate:       *allowPrivate,
	})
	var progress *capture.Progress
	if out, ok := env.Stderr.(*os.File); ok && capture.IsTerminal(out) {
		progress = capture.NewProgress(out, true, env.Logger)
	} else {
		progress = capture.NewProgress(env.Stderr, false, env.Logger)
	}
	parsers := capture.DefaultParsers(list)
	if *tgChannel != "" {
		parsers.Telegram = capture.TelegramParser(*tgChannel)
	}
	sum, err := capture.Run(ctx, capture.Options{
		Store:       cs,
		Archive:     aw,
		Fetcher:     f,
		Parsers:     parsers,
		Workers:     *workers,
		Force:       *force,
		MaxFileSize: *maxFile,
		Logger:      env.Logger,
		Progress:    progress,
	}, fs.Args())
	if cerr := aw.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if sum != nil {
		sum.Print(env.Stdout, 50)
	}
	if err != nil {
		return err
	}
	if !*noExtract {
		if err := recordDocuments(ctx, env, st); err != nil {
			return err
		}
	}
	if sum.Failed > 0 {
		return fmt.Errorf("%d of %d items failed (listed above)", sum.Failed, sum.Failed+sum.Documents()+sum.Deferred)
	}
	return nil
}

func loadOutlets(env *Env, path string) (*outlet.List, error) {
	if path != "" {
		return outlet.Load(path)
	}
	return outlet.LoadDataDir(env.DataDir)
}
