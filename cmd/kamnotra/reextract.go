package main

import (
	"context"
	"fmt"
	"os"

	"github.com/kamnotra/kamnotra/internal/extract"
	"github.com/kamnotra/kamnotra/internal/progress"
	"github.com/kamnotra/kamnotra/internal/store/storeopen"
)

func init() {
	register(command{
		Name:    "reextract",
		Summary: "run the current extractor on stored documents an older version read",
		Run:     runReextract,
	})
}

func runReextract(ctx context.Context, env *Env, args []string) error {
	fs := env.FlagSet("reextract", "")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("reextract takes no arguments")
	}
	st, err := storeopen.Open(ctx, env.DataDir, env.DBURL)
	if err != nil {
		return err
	}
	defer st.Close()
	tty := false
	if f, ok := env.Stderr.(*os.File); ok {
		tty = progress.IsTerminal(f)
	}
	m := progress.Start("reextract", env.Stderr, tty, env.Logger)
	n, failed, err := extract.Reextract(ctx, st, func(id string, err error) {
		m.Add(1)
		if err != nil {
			env.Logger.Warn("reextract failed", "document", id, "err", err)
		}
	})
	m.Stop()
	if err != nil && failed == 0 {
		return fmt.Errorf("reextract stopped after %d documents: %w (run it again: it resumes where it stopped)", n, err)
	}
	fmt.Fprintf(env.Stdout, "extracted %d documents with extractor %s (%d failed)\n", n, extract.Version, failed)
	if failed > 0 {
		return fmt.Errorf("%d of %d documents failed, first: %w", failed, n, err)
	}
	return nil
}
