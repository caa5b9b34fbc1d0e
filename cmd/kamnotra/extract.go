package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/kamnotra/kamnotra/internal/extract"
)

func init() {
	register(command{
		Name:    "extract",
		Summary: "list the events a report states: extract [--format json|text] FILE|-",
		Run:     runExtract,
	})
}

func runExtract(ctx context.Context, env *Env, args []string) error {
	fs := env.FlagSet("extract", "[--format json|text] [--published YYYY-MM-DD] [--outlet NAME] [--lang km|en] FILE|-")
	format := fs.String("format", "text", "output: json (corpus fields and the extractor's own) or text")
	var opt extract.ReadOptions
	fs.StringVar(&opt.Published, "published", "", "publication date of a plain text, YYYY-MM-DD (resolves \"on Tuesday\")")
	fs.StringVar(&opt.Outlet, "outlet", "", "outlet that published it (the default claimant)")
	fs.StringVar(&opt.Lang, "lang", "", "language of a plain text: km or en (detected per sentence otherwise)")
	// Options may come before or after the file name.
	var files []string
	for {
		if err := parse(fs, args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(files) != 1 {
		return usagef("give one FILE, or - for standard input")
	}
	if *format != "json" && *format != "text" {
		return usagef("--format %q: want json or text", *format)
	}
	name := files[0]
	var body []byte
	var err error
	if name == "-" {
		body, err = io.ReadAll(io.LimitReader(env.Stdin, 64<<20))
		name = "standard input"
	} else {
		body, err = os.ReadFile(name)
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	in, err := extract.ReadInput(ctx, name, body, opt)
	if err != nil {
		return err
	}
	evs := extract.Extract(in)
	if *format == "json" {
		return extract.WriteJSON(env.Stdout, evs)
	}
	return extract.WriteText(env.Stdout, evs)
}
