package resolve

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
)

// WriteJSON writes a report (PersonReport, OrgReport, a merge history) as
// indented JSON.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func nameList(ns record.Names) string {
	parts := make([]string, 0, len(ns))
	for _, n := range ns {
		var tags []string
		for _, t := range []string{n.Lang, string(n.Kind)} {
			if t != "" {
				tags = append(tags, t)
			}
		}
		if len(tags) > 0 {
			parts = append(parts, fmt.Sprintf("%s (%s)", n.Value, strings.Join(tags, ", ")))
		} else {
			parts = append(parts, n.Value)
		}
	}
	return strings.Join(parts, "; ")
}

func dateOr(s, unknown string) string {
	if s == "" {
		return unknown
	}
	return s
}

func countText(n *int64, q record.CountQualifier) string {
	if n == nil {
		return ""
	}
	switch q {
	case record.CountMoreThan:
		return fmt.Sprintf("more than %d", *n)
	case record.CountAbout:
		return fmt.Sprintf("about %d", *n)
	case record.CountAtLeast:
		return fmt.Sprintf("at least %d", *n)
	}
	return fmt.Sprint(*n)
}

// oneLine keeps evidence on one line of the listing.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func writeEvent(w *bufio.Writer, indent string, e EventRef) {
	fmt.Fprintf(w, "%s%s %s %s", indent, dateOr(e.Date, "undated"), e.Type, e.ID)
	if e.From != "" {
		fmt.Fprintf(w, " from %s", e.From)
	}
	if e.To != "" {
		fmt.Fprintf(w, " to %s", e.To)
	}
	if c := countText(e.Count, e.CountQualifier); c != "" {
		fmt.Fprintf(w, ", %s people", c)
	}
	if e.Role != "" && e.Role != record.ParticipantSubject {
		fmt.Fprintf(w, " (as %s)", e.Role)
	}
	if e.Confidence > 0 && e.Confidence < 1 {
		fmt.Fprintf(w, " (linked at %.2f)", e.Confidence)
	}
	if e.Status != record.StatusExtracted {
		fmt.Fprintf(w, " [%s]", e.Status)
	}
	fmt.Fprintln(w)
	for _, c := range e.Citations {
		src := dateOr(c.Outlet, c.DocumentID)
		if c.Date != "" {
			src += ", " + c.Date
		}
		fmt.Fprintf(w, "%s    - %s: %q", indent, src, oneLine(c.Evidence))
		var notes []string
		if n := countText(c.ClaimedCount, c.CountQualifier); n != "" {
			notes = append(notes, "claims "+n)
		}
		if c.Claimant != "" {
			notes = append(notes, "according to "+c.Claimant)
		}
		if c.Stance != "" && c.Stance != record.StanceAsserts {
			notes = append(notes, string(c.Stance))
		}
		if len(notes) > 0 {
			fmt.Fprintf(w, " (%s)", strings.Join(notes, "; "))
		}
		fmt.Fprintln(w)
	}
}

// WritePersonText writes a person report for reading in a terminal.
func WritePersonText(out io.Writer, r *PersonReport) error {
	w := bufio.NewWriter(out)
	best, _ := r.Names.Best(record.LangEnglish)
	fmt.Fprintf(w, "%s  %s\n", r.ID, best.Value)
	if r.AskedFor != "" {
		fmt.Fprintf(w, "  (%s was merged into this person)\n", r.AskedFor)
	}
	fmt.Fprintf(w, "  names:  %s\n", nameList(r.Names))
	if len(r.TitleHints) > 0 {
		fmt.Fprintf(w, "  titles: %s\n", strings.Join(r.TitleHints, ", "))
	}
	fmt.Fprintf(w, "  status: %s\n", r.Status)
	fmt.Fprintln(w, "\nMemberships and posts:")
	if len(r.Timeline) == 0 {
		fmt.Fprintln(w, "  none known")
	}
	for _, s := range r.Timeline {
		kind := "member of"
		if s.Post {
			kind = "post in"
		}
		if s.Role != "" && s.Role != "member" && s.Role != "post" {
			kind = s.Role + ", " + kind
		}
		fmt.Fprintf(w, "  %s – %s  %s %s (%s)", dateOr(s.Start, "?"), dateOr(s.End, "…"), kind, s.Org, s.OrgID)
		if s.Stored {
			fmt.Fprint(w, " [editor]")
		}
		fmt.Fprintln(w)
		if s.Began != nil {
			fmt.Fprintln(w, "    began:")
			writeEvent(w, "      ", *s.Began)
		}
		if s.Ended != nil {
			fmt.Fprintln(w, "    ended:")
			writeEvent(w, "      ", *s.Ended)
		}
	}
	fmt.Fprintln(w, "\nOther events:")
	if len(r.Events) == 0 {
		fmt.Fprintln(w, "  none")
	}
	for _, e := range r.Events {
		writeEvent(w, "  ", e)
	}
	if len(r.Candidate) > 0 {
		fmt.Fprintln(w, "\nMentions that may be this person (not linked; confirm with kamnotra person confirm EVENT ORD ID):")
		for _, c := range r.Candidate {
			fmt.Fprintf(w, "  %q in event %s, participant %d, confidence %.2f", c.Mention, c.Event.ID, c.Ord, c.Confidence)
			if len(c.Others) > 0 {
				fmt.Fprintf(w, "; also may be %s", strings.Join(c.Others, ", "))
			}
			fmt.Fprintln(w)
			writeEvent(w, "    ", c.Event)
		}
	}
	if len(r.Merges) > 0 {
		fmt.Fprintln(w, "\nMerges:")
		writeMerges(w, r.Merges)
	}
	return w.Flush()
}

func writeMerges(w *bufio.Writer, ms []record.PersonMerge) {
	for _, m := range ms {
		fmt.Fprintf(w, "  %s  %s merged %s into %s by %s: %d names added, %d event participations, %d candidacies, %d memberships moved",
			m.ID, m.At.Format(time.RFC3339), m.MergedID, m.KeptID, m.By,
			len(m.Moved.AddedNames), len(m.Moved.Participations), len(m.Moved.Candidacies)+len(m.Moved.DroppedCandidacies), len(m.Moved.Memberships))
		if m.Undone() {
			fmt.Fprintf(w, "; undone %s by %s", m.UndoneAt.Format(time.RFC3339), m.UndoneBy)
		}
		fmt.Fprintln(w)
	}
}

// WriteMergesText writes a person's merge history.
func WriteMergesText(out io.Writer, personID string, ms []record.PersonMerge) error {
	w := bufio.NewWriter(out)
	if len(ms) == 0 {
		fmt.Fprintf(w, "%s has never been merged\n", personID)
	}
	writeMerges(w, ms)
	return w.Flush()
}

// WriteOrgText writes an organisation report for reading in a terminal.
func WriteOrgText(out io.Writer, r *OrgReport) error {
	w := bufio.NewWriter(out)
	best, _ := r.Names.Best(record.LangEnglish)
	fmt.Fprintf(w, "%s  %s (%s)\n", r.ID, best.Value, r.Kind)
	fmt.Fprintf(w, "  names: %s\n", nameList(r.Names))
	fmt.Fprintf(w, "\nJoining and leaving (%d joined, %d left, as the record reads each event; each report's own claim is beside it):\n", r.Joined, r.Left)
	if len(r.Changes) == 0 {
		fmt.Fprintln(w, "  none known")
	}
	for _, c := range r.Changes {
		fmt.Fprintf(w, "  %-6s %s", c.Direction, dateOr(c.Event.Date, "undated"))
		if n := countText(c.Count, c.Event.CountQualifier); n != "" {
			fmt.Fprintf(w, "  %s", n)
		}
		if len(c.People) > 0 {
			fmt.Fprintf(w, "  %s", strings.Join(c.People, ", "))
		}
		fmt.Fprintln(w)
		writeEvent(w, "      ", c.Event)
	}
	if len(r.Members) > 0 {
		fmt.Fprintln(w, "\nMemberships entered by editors:")
		for _, m := range r.Members {
			fmt.Fprintf(w, "  %s  %s – %s  %s\n", m.PersonID, dateOr(m.Start.String(), "?"), dateOr(m.End.String(), "…"), m.Role)
		}
	}
	if len(r.Other) > 0 {
		fmt.Fprintln(w, "\nOther events naming it:")
		for _, e := range r.Other {
			writeEvent(w, "  ", e)
		}
	}
	return w.Flush()
}
