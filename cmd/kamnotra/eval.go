package main

import (
	"context"
	"encoding/json"

	"github.com/kamnotra/kamnotra/internal/corpus"
	"github.com/kamnotra/kamnotra/internal/extract"
)

func init() {
	register(command{
		Name:    "eval",
		Summary: "score the extractor against labelled items: eval [--format text|json] [--verbose] DIR|FILE…",
		Run:     runEval,
	})
}

func runEval(ctx context.Context, env *Env, args []string) error {
	fs := env.FlagSet("eval", "[--format text|json] [--verbose] DIR|FILE…")
	format := fs.String("format", "text", "output: text or json")
	verbose := fs.Bool("verbose", false, "list misses, false alarms and field disagreements with their evidence")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("name at least one directory or file of labelled items")
	}
	if *format != "json" && *format != "text" {
		return usagef("--format %q: want text or json", *format)
	}
	items, err := corpus.ReadDir(fs.Args()...)
	if err != nil {
		return err
	}
	if len(items) == 0 {
		return usagef("no *.json items under %v", fs.Args())
	}
	rep := extract.Evaluate(items)
	if *format == "json" {
		if !*verbose {
			for _, le := range rep.Langs {
				le.Misses, le.FalseAlarms, le.Mismatches = nil, nil, nil
			}
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(rep)
	}
	return rep.WriteText(env.Stdout, *verbose)
}
