package main

import (
	"context"
	"fmt"
	"os"

	"github.com/kamnotra/kamnotra/internal/progress"
	"github.com/kamnotra/kamnotra/internal/search"
	"github.com/kamnotra/kamnotra/internal/search/searchopen"
	"github.com/kamnotra/kamnotra/internal/store/storeopen"
)

func init() {
	register(command{
		Name:    "reindex",
		Summary: "rebuild the search index from the record",
		Run:     runReindex,
	})
}

func runReindex(ctx context.Context, env *Env, args []string) error {
	fs := env.FlagSet("reindex", "")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("reindex takes no arguments")
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
	tty := false
	if f, ok := env.Stderr.(*os.File); ok {
		tty = progress.IsTerminal(f)
	}
	m := progress.Start("reindex", env.Stderr, tty, env.Logger)
	n, err := search.Reindex(ctx, st, idx, func(done int) { m.Set(int64(done)) })
	m.Stop()
	if err != nil {
		return fmt.Errorf("reindex stopped after %d entries: %w (run it again: it replaces entries, nothing is lost)", n, err)
	}
	fmt.Fprintf(env.Stdout, "indexed %d entries\n", n)
	return nil
}
