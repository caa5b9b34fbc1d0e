package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kamnotra/kamnotra/internal/khmer"
)

func init() {
	registerBench(benchmark{
		Name:    "khmer",
		Summary: "Khmer segmentation F1 on gold text against ICU, and text function speeds as ratios to ICU",
		Run:     runBenchKhmer,
	})
}

const goldRel = "shared/khmer-seg/khpos-train.all2.tagged"

func runBenchKhmer(ctx context.Context, env *Env, args []string) error {
	fs := env.FlagSet("bench khmer", "[--gold PATH] [--rounds N]")
	gold := fs.String("gold", "", "gold segmentation file (default ../"+goldRel+" from the working directory or the module root)")
	rounds := fs.Int("rounds", 5, "passes per speed measurement; the best one counts")
	if err := parse(fs, args); err != nil {
		return err
	}
	path := *gold
	if path == "" {
		path = findGold()
		if path == "" {
			return usagef("gold segmentation not found at ../%s: pass --gold PATH", goldRel)
		}
	}
	sentences, err := khmer.ReadGoldFile(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "gold: %s\n", path)
	_, err = khmer.RunBench(ctx, sentences, *rounds, env.Stdout)
	return err
}

// findGold looks for the gold file beside the working directory, then
// beside the module root above it.
func findGold() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, "..", goldRel)
		if _, err := os.Stat(p); err == nil {
			return p
		}
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
