package main

import (
	"context"
	"fmt"
	"os"

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
	seg := khmer.NewSegmenter()
	if err := seg.Err(); err != nil {
		env.Logger.Warn("segmenting without ICU's dictionary: unknown Khmer is split by clusters only", "err", err)
	}
	return khmer.SegmentLines(ctx, seg, in, env.Stdout)
}
