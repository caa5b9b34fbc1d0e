package web

import (
	"bytes"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/kamnotra/kamnotra/internal/ledger"
	"github.com/kamnotra/kamnotra/internal/record"
)

// ledgerQuery reads the ledger's form: from, to, by, type (repeatable),
// reports=1. Wrong values are the reader's to fix (400), not ignored.
func ledgerQuery(r *http.Request) (ledger.Query, error) {
	v := r.URL.Query()
	var q ledger.Query
	var err error
	if q.From, err = record.ParseDate(strings.TrimSpace(v.Get("from"))); err != nil {
		return q, err
	}
	if q.To, err = record.ParseDate(strings.TrimSpace(v.Get("to"))); err != nil {
		return q, err
	}
	q.By = v.Get("by")
	if q.By != "" && !slices.Contains(ledger.Dimensions, q.By) {
		return q, record.Errorf(record.EInvalid, "by=%q: use one of %s", trimForMessage(q.By), strings.Join(ledger.Dimensions, ", "))
	}
	for _, t := range v["type"] {
		if !slices.Contains(record.EventTypes, record.EventType(t)) {
			return q, record.Errorf(record.EInvalid, "type=%q is not an event type", trimForMessage(t))
		}
		q.Types = append(q.Types, record.EventType(t))
	}
	q.WithReports = v.Get("reports") == "1"
	return q, nil
}

type ledgerData struct {
	Query  ledger.Query
	Result *ledger.Result
	Types  []typeOption
	Dims   []string
	Rows   []ledgerRow
	Total  ledgerRow
	Chart  *barChart
	CSVURL string
	// ReportsQuery is this query with reports=1.
	ReportsQuery string
	JSONURL      string
	FromText     string
	ToText       string
}

type typeOption struct {
	Type    record.EventType
	Checked bool
}

// ledgerRow is one slice as the table shows it, its label in the reader's
// language where the ledger's key allows.
type ledgerRow struct {
	Label   displayName
	Tally   ledger.Tally
	Reports []ledgerReport
}

type ledgerReport struct {
	ledger.Report
	EventLink string
	DocLink   string
}

// sliceLabel names a ledger key for the reader: months and enumerations are
// translated; names of parties, provinces and outlets come from the ledger
// in English and are marked so in Khmer.
func sliceLabel(l *locale, by string, t ledger.Tally) displayName {
	key := t.Key
	if key == "" {
		return displayName{Value: l.T("unknown")}
	}
	switch by {
	case ledger.ByMonth:
		if d, err := record.ParseDate(key); err == nil {
			return displayName{Value: l.Date(d), Lang: l.Lang}
		}
	case ledger.ByRole:
		return displayName{Value: l.T("roleclass." + key), Lang: l.Lang}
	case ledger.ByGrade:
		return displayName{Value: l.T("grade." + key), Lang: l.Lang}
	case ledger.ByOutletKind:
		return displayName{Value: l.T("outletkind." + key), Lang: l.Lang}
	}
	return displayName{Value: key, Lang: record.LangEnglish, Fallback: l.Lang != record.LangEnglish}
}

// ledgerPage answers the researcher's question: how many people were
// claimed, how many once each event is counted once, in how many reports
// and distinct events, for any period, sliced one way.
func (h *handler) ledgerPage(rq *req) (*page, error) {
	q, err := ledgerQuery(rq.Request)
	if err != nil {
		return nil, err
	}
	res, err := ledger.Compute(rq.Context(), h.st, q)
	if err != nil {
		return nil, err
	}
	data := ledgerData{Query: q, Result: res, Dims: ledger.Dimensions, FromText: q.From.String(), ToText: q.To.String()}
	chosen := res.Types
	for _, t := range record.EventTypes {
		data.Types = append(data.Types, typeOption{Type: t, Checked: slices.Contains(chosen, string(t))})
	}
	for _, s := range res.Slices {
		row := ledgerRow{Label: sliceLabel(rq.L, q.By, s), Tally: s}
		row.Reports = reportLinks(s.ReportList)
		data.Rows = append(data.Rows, row)
	}
	data.Total = ledgerRow{Label: displayName{Value: rq.L.T("ledger.total")}, Tally: res.Total, Reports: reportLinks(res.Total.ReportList)}
	if len(data.Rows) > 0 {
		data.Chart = newBarChart(rq.L, data.Rows)
	}
	qs := rq.URL.Query()
	qs.Del("lang")
	data.CSVURL = "/ledger.csv?" + qs.Encode()
	data.JSONURL = "/ledger.json?" + qs.Encode()
	qs.Set("reports", "1")
	data.ReportsQuery = qs.Encode()
	return &page{Template: "ledger", Title: rq.L.T("ledger.title"), Nav: "ledger", Data: data, JSON: res}, nil
}

func reportLinks(rs []ledger.Report) []ledgerReport {
	out := make([]ledgerReport, 0, len(rs))
	for _, r := range rs {
		// The ledger does not say which version a report cites; the
		// document page finds the citation by ID in whichever it is.
		doc := "/documents/" + pathEscape(r.DocumentID) + "?cite=" + url.QueryEscape(r.CitationID) + "#c-" + pathEscape(r.CitationID)
		out = append(out, ledgerReport{Report: r, EventLink: "/events/" + pathEscape(r.EventID), DocLink: doc})
	}
	return out
}

// ledgerCSV serves the same numbers as CSV, one line per slice, or per
// report with reports=1.
func (h *handler) ledgerCSV(w http.ResponseWriter, r *http.Request) {
	q, err := ledgerQuery(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	res, err := ledger.Compute(r.Context(), h.st, q)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := ledger.WriteCSV(&buf, res, q.WithReports); err != nil {
		h.fail(w, r, err)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/csv; charset=utf-8")
	hd.Set("Content-Disposition", `attachment; filename="kamnotra-ledger.csv"`)
	hd.Set("Cache-Control", "public, max-age=60")
	hd.Set("Access-Control-Allow-Origin", "*")
	w.Write(buf.Bytes())
}

// barChart is a horizontal bar chart drawn on the server as SVG: no script,
// and the table beside it carries the same numbers for screen readers.
type barChart struct {
	Width, Height int
	LabelWidth    int
	Bars          []bar
	Title         string
}

type bar struct {
	Y, W, DedupW   int
	LabelX, TextY  int
	DedupY, ValueX int
	Label, Value   string
}

const (
	chartWidth = 640
	chartLabel = 200
	chartRow   = 34
)

func newBarChart(l *locale, rows []ledgerRow) *barChart {
	c := &barChart{Width: chartWidth, LabelWidth: chartLabel, Height: chartRow*len(rows) + 8, Title: l.T("ledger.chart")}
	span := chartWidth - chartLabel - 90
	var top int64
	for _, r := range rows {
		top = max(top, r.Tally.ClaimedAsReported)
	}
	for i, r := range rows {
		y := 4 + i*chartRow
		b := bar{Y: y, TextY: y + 15, DedupY: y + 19, LabelX: chartLabel - 8, Label: r.Label.Value, Value: l.Number(r.Tally.ClaimedAsReported)}
		if top > 0 {
			b.W = int(float64(span) * float64(r.Tally.ClaimedAsReported) / float64(top))
			b.DedupW = int(float64(span) * float64(r.Tally.ClaimedDeduplicated) / float64(top))
		}
		b.ValueX = chartLabel + b.W + 6
		c.Bars = append(c.Bars, b)
	}
	return c
}
