package main

import (
	"context"
	"fmt"
	"os"

	"github.com/kamnotra/kamnotra/internal/gazetteer"
	"github.com/kamnotra/kamnotra/internal/khmer"
)

func init() {
	register(command{
		Name:    "segment",
		Summary: "split Khmer text into words: one output line per input line, words separated by spaces",
		Run:     runSegment,
	})
}

func runSegment(ctx context.Context, env *Env, args []string) error {
	fs := env.FlagSet("segment", "[FILE]  (reads standard input without FILE)")
	noGaz := fs.Bool("no-gazetteer", false, "do not keep the gazetteer's names (parties, bodies, places, titles) whole")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usagef("at most one FILE, got %d arguments", fs.NArg())
	}
	in := env.Stdin
	if fs.NArg() == 1 {
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return fmt.Errorf("opening the text to segment: %w", err)
		}
		defer f.Close()
		in = f
	}
	// Known names are never split: the gazetteer's words take priority
	// over the dictionary.
	var words []string
	if !*noGaz {
		words = gazetteer.Default().Words()
	}
	seg := khmer.NewSegmenter(words...)
	if err := seg.Err(); err != nil {
		env.Logger.Warn("segmenting without ICU's dictionary: unknown Khmer is split by clusters only", "err", err)
	}
	return khmer.SegmentLines(ctx, seg, in, env.Stdout)
}
