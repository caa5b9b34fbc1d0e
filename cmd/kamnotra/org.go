package main

import (
	"context"

	"github.com/kamnotra/kamnotra/internal/resolve"
	"github.com/kamnotra/kamnotra/internal/store/storeopen"
)

func init() {
	register(command{
		Name:    "org",
		Summary: "an organisation's members joining and leaving over time, with counts and citations",
		Run:     runOrg,
	})
}

func runOrg(ctx context.Context, env *Env, args []string) error {
	fs := env.FlagSet("org", "[--format text|json] NAME|ID")
	format := fs.String("format", "text", "text or json")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usagef("--format %q: use text or json", *format)
	}
	if fs.NArg() != 1 {
		return usagef("name one organisation: its ID (cpp) or a name (Cambodian People's Party)")
	}
	st, err := storeopen.Open(ctx, env.DataDir, env.DBURL)
	if err != nil {
		return err
	}
	defer st.Close()
	o, err := resolve.FindOrg(ctx, st, fs.Arg(0))
	if err != nil {
		return err
	}
	rep, err := resolve.ReportOrg(ctx, st, o)
	if err != nil {
		return err
	}
	if *format == "json" {
		return resolve.WriteJSON(env.Stdout, rep)
	}
	return resolve.WriteOrgText(env.Stdout, rep)
}
