package main

import (
	"context"
	"strconv"
	"strings"

	"github.com/kamnotra/kamnotra/internal/resolve"
	"github.com/kamnotra/kamnotra/internal/store/storeopen"
)

func init() {
	register(command{
		Name:    "person",
		Summary: "a person's names, memberships and posts over time with citations; person merge|split|history|confirm …",
		Run:     runPerson,
	})
}

const personUsage = `[--format text|json] NAME|ID
       kamnotra person merge [--by editor/NAME] KEEP-ID OTHER-ID
       kamnotra person split [--by editor/NAME] MERGE-ID|PERSON-ID   (also: unmerge)
       kamnotra person history [--format text|json] ID
       kamnotra person confirm EVENT-ID PARTICIPANT PERSON-ID`

func runPerson(ctx context.Context, env *Env, args []string) error {
	sub := ""
	if len(args) > 0 {
		switch args[0] {
		case "merge", "split", "unmerge", "history", "confirm":
			sub, args = args[0], args[1:]
		}
	}
	fs := env.FlagSet("person", personUsage)
	format := fs.String("format", "text", "text or json")
	by := fs.String("by", defaultEditor(env), "who makes the merge or split, editor/ACCOUNT")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usagef("--format %q: use text or json", *format)
	}
	rest := fs.Args()
	want := map[string]int{"": 1, "merge": 2, "split": 1, "unmerge": 1, "history": 1, "confirm": 3}[sub]
	if len(rest) != want {
		return usagef("person %s takes %d argument(s), got %d: kamnotra person %s", sub, want, len(rest), personUsage)
	}
	st, err := storeopen.Open(ctx, env.DataDir, env.DBURL)
	if err != nil {
		return err
	}
	defer st.Close()
	switch sub {
	case "merge":
		id, err := st.MergePeople(ctx, rest[0], rest[1], *by)
		if err != nil {
			return err
		}
		_, err = env.Stdout.Write([]byte("merged " + rest[1] + " into " + rest[0] + " as " + id + " (undo with kamnotra person split " + id + ")\n"))
		return err
	case "split", "unmerge":
		id, err := resolve.MergeToUndo(ctx, st, rest[0])
		if err != nil {
			return err
		}
		m, err := st.PersonMerge(ctx, id)
		if err != nil {
			return err
		}
		if err := st.UnmergePeople(ctx, id, *by); err != nil {
			return err
		}
		_, err = env.Stdout.Write([]byte("undid merge " + m.ID + ": " + m.MergedID + " is a person of its own again, apart from " + m.KeptID + "\n"))
		return err
	case "history":
		p, _, err := resolve.FindPerson(ctx, st, rest[0])
		if err != nil {
			return err
		}
		id := p.ID
		if strings.TrimSpace(rest[0]) != "" && rest[0] != p.ID {
			if _, err := st.Person(ctx, rest[0]); err == nil {
				id = rest[0] // the merged-away person's own history
			}
		}
		ms, err := st.PersonMerges(ctx, id)
		if err != nil {
			return err
		}
		if *format == "json" {
			return resolve.WriteJSON(env.Stdout, ms)
		}
		return resolve.WriteMergesText(env.Stdout, id, ms)
	case "confirm":
		ord, err := strconv.Atoi(rest[1])
		if err != nil {
			return usagef("participant %q: give its number, counted from 0, as kamnotra person shows it", rest[1])
		}
		if err := resolve.Confirm(ctx, st, rest[0], ord, rest[2]); err != nil {
			return err
		}
		_, err = env.Stdout.Write([]byte("participant " + rest[1] + " of event " + rest[0] + " is now " + rest[2] + "\n"))
		return err
	}
	p, via, err := resolve.FindPerson(ctx, st, rest[0])
	if err != nil {
		return err
	}
	rep, err := resolve.ReportPerson(ctx, st, p)
	if err != nil {
		return err
	}
	rep.AskedFor = via
	if *format == "json" {
		return resolve.WriteJSON(env.Stdout, rep)
	}
	return resolve.WritePersonText(env.Stdout, rep)
}

// defaultEditor names the account behind a command-line edit.
func defaultEditor(env *Env) string {
	if u := env.Getenv("KAMNOTRA_EDITOR"); u != "" {
		return "editor/" + u
	}
	if u := env.Getenv("USER"); u != "" {
		return "editor/" + u
	}
	return "editor/cli"
}
