package main

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"sort"
	"strings"
)

// benchmark is one `kamnotra bench NAME` target. Each measures against a
// baseline in the same run and prints ratios, because these machines are
// too noisy for absolute thresholds.
type benchmark struct {
	Name    string
	Summary string
	Run     func(ctx context.Context, env *Env, args []string) error
}

var benchmarks = map[string]benchmark{}

func registerBench(b benchmark) {
	if _, dup := benchmarks[b.Name]; dup {
		panic("kamnotra: benchmark registered twice: " + b.Name)
	}
	benchmarks[b.Name] = b
}

func init() {
	register(command{
		Name:    "bench",
		Summary: "measure speed and memory: bench NAME [options] (bench list shows the names)",
		Run:     runBench,
	})
}

func runBench(ctx context.Context, env *Env, args []string) error {
	names := make([]string, 0, len(benchmarks))
	for n := range benchmarks {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(args) == 0 || args[0] == "list" {
		var b strings.Builder
		b.WriteString("benchmarks:\n")
		for _, n := range names {
			fmt.Fprintf(&b, "  %-10s %s\n", n, benchmarks[n].Summary)
		}
		fmt.Fprint(env.Stdout, b.String())
		if len(args) == 0 {
			return usagef("name a benchmark: one of %s", strings.Join(names, ", "))
		}
		return nil
	}
	bm, ok := benchmarks[args[0]]
	if !ok {
		return usagef("unknown benchmark %q: one of %s", args[0], strings.Join(names, ", "))
	}
	// KAMNOTRA_CPUPROFILE profiles any benchmark, setup included, for
	// `go tool pprof`: finding where the time goes is what they are for.
	if path := env.Getenv("KAMNOTRA_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			return fmt.Errorf("KAMNOTRA_CPUPROFILE: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("KAMNOTRA_CPUPROFILE: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	return bm.Run(ctx, env, args[1:])
}
