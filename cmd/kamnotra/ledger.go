package main

import (
	"context"
	"slices"
	"strings"

	"github.com/kamnotra/kamnotra/internal/ledger"
	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store/storeopen"
)

func init() {
	register(command{
		Name:    "ledger",
		Summary: "count claims: people claimed as reported and deduplicated, reports, distinct events",
		Run:     runLedger,
	})
}

func runLedger(ctx context.Context, env *Env, args []string) error {
	fs := env.FlagSet("ledger", "[--from DATE] [--to DATE] [--by DIMENSION] [--type TYPE,…] [--format text|json|csv] [--with-reports]")
	from := fs.String("from", "", "first date of reports to count: YYYY, YYYY-MM or YYYY-MM-DD")
	to := fs.String("to", "", "last date of reports to count")
	by := fs.String("by", "", "slice by: "+strings.Join(ledger.Dimensions, ", "))
	types := fs.String("type", "", "event types, comma-separated (default defection,party_join)")
	format := fs.String("format", "text", "text, json or csv")
	withReports := fs.Bool("with-reports", false, "list the reports behind each slice (json, csv)")
	if err := parse(fs, args); err != nil {
		return err
	}
	var q ledger.Query
	var err error
	if q.From, err = record.ParseDate(*from); err != nil {
		return usagef("--from: %v", err)
	}
	if q.To, err = record.ParseDate(*to); err != nil {
		return usagef("--to: %v", err)
	}
	q.By, q.WithReports = *by, *withReports
	if *by != "" && !slices.Contains(ledger.Dimensions, *by) {
		return usagef("--by %q: use one of %s", *by, strings.Join(ledger.Dimensions, ", "))
	}
	if *types != "" {
		for _, t := range strings.Split(*types, ",") {
			t = strings.TrimSpace(t)
			if !slices.Contains(eventTypeNames(), t) {
				return usagef("--type %q: use one of %s", t, strings.Join(eventTypeNames(), ", "))
			}
			q.Types = append(q.Types, record.EventType(t))
		}
	}
	if *format != "text" && *format != "json" && *format != "csv" {
		return usagef("--format %q: use text, json or csv", *format)
	}
	st, err := storeopen.Open(ctx, env.DataDir, env.DBURL)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := ledger.Compute(ctx, st, q)
	if err != nil {
		return err
	}
	switch *format {
	case "json":
		return ledger.WriteJSON(env.Stdout, res)
	case "csv":
		return ledger.WriteCSV(env.Stdout, res, *withReports)
	}
	return ledger.WriteText(env.Stdout, res)
}

func eventTypeNames() []string {
	var out []string
	for _, t := range record.EventTypes {
		out = append(out, string(t))
	}
	return out
}
