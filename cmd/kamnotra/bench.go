package main

import (
	"context"
	"fmt"
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
	return bm.Run(ctx, env, args[1:])
}
