package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/kamnotra/kamnotra/internal/sample"
)

func init() {
	register(command{
		Name:    "demo",
		Summary: "capture the bundled fictional samples, extract them and serve the site",
		Run:     runDemo,
	})
}

// runDemo is the README's first command: a newcomer sees a working
// Kamnotra — archive, record, search and site — on invented data.
func runDemo(ctx context.Context, env *Env, args []string) error {
	fs := env.FlagSet("demo", "[--addr HOST:PORT] [--no-serve]")
	addr := fs.String("addr", "127.0.0.1:8080", "address to serve the site on")
	noServe := fs.Bool("no-serve", false, "capture and extract only")
	if err := parse(fs, args); err != nil {
		return err
	}
	dir := filepath.Join(env.DataDir, "samples")
	if err := sample.WriteDir(dir); err != nil {
		return err
	}
	entries, err := sample.Manifest()
	if err != nil {
		return err
	}
	// The sample feed links to the samples' invented web addresses, which
	// do not resolve; the pages it lists are captured from their files.
	capArgs := []string{"--delay", "0"}
	for _, e := range entries {
		switch e.Kind {
		case "feed":
			continue
		case "telegram-json":
			capArgs = append(capArgs, "--telegram-channel", e.TelegramUsername)
		}
	}
	files := 0
	for _, e := range entries {
		if e.Kind != "feed" {
			capArgs = append(capArgs, filepath.Join(dir, e.Path))
			files++
		}
	}
	fmt.Fprintf(env.Stdout, "kamnotra demo: capturing %d fictional sample sources into %s\n", files, env.DataDir)
	if err := runCapture(ctx, env, capArgs); err != nil {
		return err
	}
	if *noServe {
		return nil
	}
	return runServe(ctx, env, []string{"--addr", *addr})
}
