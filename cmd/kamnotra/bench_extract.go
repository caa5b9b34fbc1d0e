package main

import (
	"context"

	"github.com/kamnotra/kamnotra/internal/extract"
)

func init() {
	registerBench(benchmark{
		Name:    "extract",
		Summary: "event extraction on generated 2 KB articles in both languages, against a regexp scan and sentence splitting",
		Run: func(ctx context.Context, env *Env, args []string) error {
			fs := env.FlagSet("bench extract", "[--docs N] [--size BYTES]")
			var opt extract.BenchOptions
			fs.IntVar(&opt.Docs, "docs", 5000, "documents per language and phase")
			fs.IntVar(&opt.Size, "size", 2048, "bytes per generated article")
			if err := parse(fs, args); err != nil {
				return err
			}
			if opt.Docs < 4 || opt.Size < 100 {
				return usagef("--docs must be at least 4 and --size at least 100")
			}
			return extract.RunBench(ctx, env.Stdout, opt)
		},
	})
}
