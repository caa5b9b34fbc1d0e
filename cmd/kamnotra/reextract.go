package main

import (
	"context"
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
	// The same step capture runs after archiving: extract, resolve,
	// record and update the search index.
	return recordDocuments(ctx, env, st)
}
