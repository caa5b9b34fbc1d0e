package ledger

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// WriteJSON writes the result as indented JSON.
func WriteJSON(w io.Writer, r *Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(r)
}

// WriteCSV writes one line per slice (and a "total" line); with reports,
// one line per report instead, each carrying its slice.
func WriteCSV(w io.Writer, r *Result, withReports bool) error {
	cw := csv.NewWriter(w)
	slices := r.Slices
	if len(slices) == 0 {
		t := r.Total
		t.Key = "total"
		slices = []Tally{t}
	}
	if withReports {
		cw.Write([]string{"slice", "citation_id", "event_id", "document_id", "url", "outlet", "date", "claimed", "count_qualifier", "stance", "evidence"})
		for _, s := range slices {
			for _, rp := range s.ReportList {
				cw.Write([]string{s.Key, rp.CitationID, rp.EventID, rp.DocumentID, rp.URL, rp.Outlet, rp.Date.String(),
					strconv.FormatInt(rp.Claimed, 10), rp.Qualifier, string(rp.Stance), rp.Evidence})
			}
		}
	} else {
		cw.Write([]string{"slice", "claimed_as_reported", "claimed_deduplicated", "reports", "distinct_events"})
		rows := slices
		if len(r.Slices) > 0 {
			t := r.Total
			t.Key = "total"
			rows = append(append([]Tally(nil), slices...), t)
		}
		for _, s := range rows {
			cw.Write([]string{s.Key, strconv.FormatInt(s.ClaimedAsReported, 10), strconv.FormatInt(s.ClaimedDeduplicated, 10),
				strconv.Itoa(s.Reports), strconv.Itoa(s.DistinctEvents)})
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteText writes a table and the sentence a reporter can use.
func WriteText(w io.Writer, r *Result) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	head := "slice"
	if r.By != "" {
		head = r.By
	}
	fmt.Fprintf(tw, "%s\tclaimed as reported\tclaimed deduplicated\treports\tdistinct events\t\n", head)
	for _, s := range r.Slices {
		key := s.Key
		if key == "" {
			key = s.Label
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t\n", key, s.ClaimedAsReported, s.ClaimedDeduplicated, s.Reports, s.DistinctEvents)
	}
	t := r.Total
	fmt.Fprintf(tw, "total\t%d\t%d\t%d\t%d\t\n", t.ClaimedAsReported, t.ClaimedDeduplicated, t.Reports, t.DistinctEvents)
	if err := tw.Flush(); err != nil {
		return err
	}
	span := "In the whole record"
	switch {
	case !r.From.IsZero() && !r.To.IsZero():
		span = fmt.Sprintf("Between %s and %s", r.From, r.To)
	case !r.From.IsZero():
		span = fmt.Sprintf("Since %s", r.From)
	case !r.To.IsZero():
		span = fmt.Sprintf("Until %s", r.To)
	}
	_, err := fmt.Fprintf(w, "\n%s, reports claimed %d people (%s) in %d reports, which describe %d distinct events (%d people counting each event once).\n",
		span, t.ClaimedAsReported, strings.Join(r.Types, ", "), t.Reports, t.DistinctEvents, t.ClaimedDeduplicated)
	return err
}
