// Package ledger counts claims honestly. For any slice of the record it
// answers four numbers separately, because they differ by an order of
// magnitude in the reporting this project follows:
//
//   - claimed_as_reported: people claimed, summed over every report (a
//     ceremony reported by five outlets counts five times);
//   - claimed_deduplicated: people claimed, counting each distinct event
//     once, at the largest count any of its reports in the slice claims
//     (conflicting counts are never averaged; the reports keep theirs);
//   - reports: the citations behind the slice;
//   - distinct_events: the events those reports describe.
//
// A report is dated by its document's publication date ("claimed in
// June" is when the claim was made), else by the event's date, else by
// when it was captured. Denials are not claims and rejected events are
// not counted; hedged reports are claims and are counted.
package ledger

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

// Dimensions a ledger can be sliced by.
const (
	ByNone       = ""
	ByMonth      = "month"
	ByOutlet     = "outlet"
	ByOutletKind = "outlet-kind"
	ByFromParty  = "from-party"
	ByToParty    = "to-party"
	ByProvince   = "province"
	ByRole       = "role"
	ByGrade      = "grade"
)

// Dimensions lists the valid slicings.
var Dimensions = []string{ByMonth, ByOutlet, ByOutletKind, ByFromParty, ByToParty, ByProvince, ByRole, ByGrade}

// Query selects what to count.
type Query struct {
	From, To    record.Date        // on the report's date, inclusive; zero: open
	Types       []record.EventType // default: defection and party_join
	By          string
	WithReports bool
}

// Report is one citation counted.
type Report struct {
	CitationID string        `json:"citation_id"`
	EventID    string        `json:"event_id"`
	DocumentID string        `json:"document_id"`
	URL        string        `json:"url"`
	Outlet     string        `json:"outlet"`
	Date       record.Date   `json:"date"`
	Claimed    int64         `json:"claimed"`
	Qualifier  string        `json:"count_qualifier,omitempty"`
	Stance     record.Stance `json:"stance"`
	Evidence   string        `json:"evidence"`
}

// Tally is the four numbers of one slice.
type Tally struct {
	Key string `json:"key,omitempty"`
	// ID is the record the key names, when slicing by outlet, party or
	// province (the key is its English name), so that pages can name it
	// in their reader's language; empty when the slice's reports name
	// different records by the same name.
	ID                  string   `json:"id,omitempty"`
	Label               string   `json:"label,omitempty"`
	ClaimedAsReported   int64    `json:"claimed_as_reported"`
	ClaimedDeduplicated int64    `json:"claimed_deduplicated"`
	Reports             int      `json:"reports"`
	DistinctEvents      int      `json:"distinct_events"`
	ReportList          []Report `json:"report_list,omitempty"`
}

// Result is a ledger answer.
type Result struct {
	From   record.Date `json:"from,omitzero"`
	To     record.Date `json:"to,omitzero"`
	Types  []string    `json:"types"`
	By     string      `json:"by,omitempty"`
	Total  Tally       `json:"total"`
	Slices []Tally     `json:"slices,omitempty"`
}

// Source is what the ledger reads.
type Source interface {
	Events(ctx context.Context, f store.EventFilter) ([]record.Event, error)
	Citations(ctx context.Context, eventID string) ([]record.Citation, error)
	Document(ctx context.Context, id string) (*record.Document, error)
	Outlet(ctx context.Context, id string) (*record.Outlet, error)
	Organisation(ctx context.Context, id string) (*record.Organisation, error)
	Place(ctx context.Context, id string) (*record.Place, error)
}

// row is one counted report with every dimension resolved.
type row struct {
	Report
	keys map[string]string
	ids  map[string]string // dimension → ID of the record its key names
}

// orgName is the English name of an organisation, "" for none.
func orgName(ctx context.Context, lk *store.Lookup, id string) string {
	if id == "" {
		return ""
	}
	return lk.OrgName(ctx, id, record.LangEnglish)
}

// claimed is how many people a report claims: its count, else the named
// subjects of its event.
func claimed(c record.Citation, e record.Event) int64 {
	if c.ClaimedCount != nil {
		return *c.ClaimedCount
	}
	var n int64
	for _, p := range e.Participants {
		if p.Role == record.ParticipantSubject {
			n++
		}
	}
	return n
}

func monthOf(d record.Date) string {
	if d.Precision() < record.PrecisionMonth {
		if d.IsZero() {
			return ""
		}
		return fmt.Sprintf("%04d", d.Year)
	}
	return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
}

// inRange reports whether d may fall in [from, to].
func inRange(d, from, to record.Date) bool {
	if d.IsZero() {
		return from.IsZero() && to.IsZero()
	}
	if !from.IsZero() && d.End().Before(from.Start()) {
		return false
	}
	if !to.IsZero() && d.Start().After(to.End()) {
		return false
	}
	return true
}

// Compute answers q over the record.
func Compute(ctx context.Context, src Source, q Query) (*Result, error) {
	if q.By != ByNone && !slices.Contains(Dimensions, q.By) {
		return nil, record.Errorf(record.EInvalid, "cannot slice by %q: use one of %s", q.By, strings.Join(Dimensions, ", "))
	}
	types := q.Types
	if len(types) == 0 {
		types = []record.EventType{record.EventDefection, record.EventPartyJoin}
	}
	res := &Result{From: q.From, To: q.To, By: q.By}
	for _, t := range types {
		res.Types = append(res.Types, string(t))
	}
	lk := store.NewLookup(src)
	var rows []row
	after := ""
	for {
		evs, err := src.Events(ctx, store.EventFilter{Types: types, After: after, Limit: 1000,
			Statuses: []record.Status{record.StatusExtracted, record.StatusReviewed, record.StatusPublished}})
		if err != nil {
			return nil, err
		}
		for _, e := range evs {
			cites, err := src.Citations(ctx, e.ID)
			if err != nil {
				return nil, err
			}
			for _, c := range cites {
				if c.Stance == record.StanceDenies {
					continue
				}
				r := row{Report: Report{CitationID: c.ID, EventID: e.ID, DocumentID: c.DocumentID, Claimed: claimed(c, e),
					Qualifier: string(c.CountQualifier), Stance: c.Stance, Evidence: c.Evidence, Date: e.Date}}
				var out *record.Outlet
				if d := lk.Document(ctx, c.DocumentID); d != nil {
					r.URL = d.URL
					switch {
					case !d.Published.IsZero():
						r.Date = d.Published
					case !d.PublishedAt.IsZero():
						r.Date = record.DateOf(d.PublishedAt)
					case r.Date.IsZero() && !d.FetchedAt.IsZero():
						r.Date = record.DateOf(d.FetchedAt)
					}
					out = lk.Outlet(ctx, d.OutletID)
				}
				if !inRange(r.Date, q.From, q.To) {
					continue
				}
				r.keys = map[string]string{
					ByMonth:     monthOf(r.Date),
					ByFromParty: orgName(ctx, lk, e.FromOrgID),
					ByToParty:   orgName(ctx, lk, e.ToOrgID),
					ByRole:      string(e.RoleClass),
					ByGrade:     string(e.EvidenceGrade),
				}
				r.ids = map[string]string{ByFromParty: e.FromOrgID, ByToParty: e.ToOrgID}
				if p := lk.Province(ctx, e.PlaceID); p != nil {
					n, _ := p.Names.Best(record.LangEnglish)
					r.keys[ByProvince] = n.Value
					r.ids[ByProvince] = p.ID
				}
				if out != nil {
					n, _ := out.Names.Best(record.LangEnglish)
					r.Outlet = n.Value
					r.keys[ByOutlet] = n.Value
					r.keys[ByOutletKind] = string(out.Kind)
					r.ids[ByOutlet] = out.ID
				}
				rows = append(rows, r)
			}
		}
		if len(evs) < 1000 {
			break
		}
		after = evs[len(evs)-1].ID
	}
	res.Total = tally("", rows, q.WithReports)
	if q.By != ByNone {
		groups := map[string][]row{}
		for _, r := range rows {
			k := r.keys[q.By]
			groups[k] = append(groups[k], r)
		}
		for k, rs := range groups {
			t := tally(k, rs, q.WithReports)
			t.ID = sliceID(q.By, rs)
			if k == "" {
				t.Label = "(unknown)"
			}
			res.Slices = append(res.Slices, t)
		}
		sort.Slice(res.Slices, func(i, j int) bool {
			a, b := res.Slices[i], res.Slices[j]
			if q.By == ByMonth {
				return a.Key < b.Key
			}
			if a.ClaimedAsReported != b.ClaimedAsReported {
				return a.ClaimedAsReported > b.ClaimedAsReported
			}
			return a.Key < b.Key
		})
	}
	return res, nil
}

func tally(key string, rows []row, withReports bool) Tally {
	t := Tally{Key: key}
	best := map[string]int64{}
	cites := map[string]bool{}
	for _, r := range rows {
		t.ClaimedAsReported += r.Claimed
		if c, ok := best[r.EventID]; !ok || r.Claimed > c {
			best[r.EventID] = r.Claimed
		}
		cites[r.CitationID] = true
		if withReports {
			t.ReportList = append(t.ReportList, r.Report)
		}
	}
	for _, c := range best {
		t.ClaimedDeduplicated += c
	}
	t.Reports = len(cites)
	t.DistinctEvents = len(best)
	sort.Slice(t.ReportList, func(i, j int) bool {
		a, b := t.ReportList[i], t.ReportList[j]
		if a.Date != b.Date {
			return a.Date.Start().Before(b.Date.Start())
		}
		return a.CitationID < b.CitationID
	})
	return t
}

// sliceID is the one ID every row of a slice names, or "".
func sliceID(by string, rows []row) string {
	id := ""
	for i, r := range rows {
		if i == 0 {
			id = r.ids[by]
		} else if r.ids[by] != id {
			return ""
		}
	}
	return id
}
