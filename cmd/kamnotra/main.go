// Command kamnotra captures public sources, extracts the events they report
// and publishes the record. This package only wires the internal packages
// together: each subcommand lives in its own file and registers itself.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// Env is what a subcommand may touch of the outside world. Tests build one
// with buffers and a temp data directory instead of the process's own.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	Logger *slog.Logger

	// DataDir holds the embedded database, the WARC archive and the search
	// index. DBURL, when set, selects PostgreSQL instead of the SQLite file.
	DataDir string
	DBURL   string
}

// command is one subcommand. Run receives the arguments after the
// subcommand's name; it parses them with env.FlagSet so that the global
// options are accepted in any position.
type command struct {
	Name    string
	Summary string
	Run     func(ctx context.Context, env *Env, args []string) error
}

var commands = map[string]command{}

func register(c command) {
	if _, dup := commands[c.Name]; dup {
		panic("kamnotra: command registered twice: " + c.Name)
	}
	commands[c.Name] = c
}

// usageError is returned for wrong flags or arguments; Main prints it with
// a hint and exits 2, as flag parsing conventionally does.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// FlagSet returns a flag set for a subcommand with the global options
// --data and --db bound to env, so `kamnotra capture --data d x` works as
// well as `kamnotra --data d capture x`.
func (env *Env) FlagSet(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.StringVar(&env.DataDir, "data", env.DataDir, "data directory of the embedded store (env KAMNOTRA_DATA)")
	fs.StringVar(&env.DBURL, "db", env.DBURL, "PostgreSQL URL postgres://… to use instead of the embedded store (env KAMNOTRA_DB)")
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "usage: kamnotra %s %s\n\noptions:\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args and turns flag errors into usage errors.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}

// Main runs kamnotra with args (without the program name) and returns the
// process exit code.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	env := &Env{
		Stdin: stdin, Stdout: stdout, Stderr: stderr, Getenv: getenv,
		DataDir: "kamnotra-data",
		DBURL:   getenv("KAMNOTRA_DB"),
	}
	if d := getenv("KAMNOTRA_DATA"); d != "" {
		env.DataDir = d
	}
	level := slog.LevelInfo
	if getenv("KAMNOTRA_DEBUG") != "" {
		level = slog.LevelDebug
	}
	env.Logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	global := flag.NewFlagSet("kamnotra", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	global.StringVar(&env.DataDir, "data", env.DataDir, "")
	global.StringVar(&env.DBURL, "db", env.DBURL, "")
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(stdout)
			return 0
		}
		fmt.Fprintf(stderr, "kamnotra: %v\nRun 'kamnotra help' for the list of commands.\n", err)
		return 2
	}
	rest := global.Args()
	if len(rest) == 0 || rest[0] == "help" {
		printUsage(stdout)
		if len(rest) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[rest[0]]
	if !ok {
		fmt.Fprintf(stderr, "kamnotra: unknown command %q\nRun 'kamnotra help' for the list of commands.\n", rest[0])
		return 2
	}
	err := cmd.Run(ctx, env, rest[1:])
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, new(usageError)):
		fmt.Fprintf(stderr, "kamnotra %s: %v\nRun 'kamnotra %s -h' for its options.\n", cmd.Name, err, cmd.Name)
		return 2
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(stderr, "kamnotra %s: interrupted\n", cmd.Name)
		return 130
	default:
		fmt.Fprintf(stderr, "kamnotra %s: %v\n", cmd.Name, err)
		return 1
	}
}

func printUsage(w io.Writer) {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("usage: kamnotra [--data DIR | --db postgres://…] COMMAND [options]\n\ncommands:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  %-10s %s\n", n, commands[n].Summary)
	}
	b.WriteString("\nRun 'kamnotra COMMAND -h' for a command's options.\n")
	io.WriteString(w, b.String())
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}
