package web

import (
	"bytes"
	"net/http"
	"net/url"
	"slices"
	"strconv"
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
	// ClaimedChart is people claimed per month by outlet; ActivityChart
	// reports against distinct events per month.
	ClaimedChart, ActivityChart *monthChart
	CSVURL                      string
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
// translated; parties, provinces and outlets are named from their record
// in the reader's language, else as the ledger names them, in English and
// marked so in Khmer.
func sliceLabel(lk *lookup, by string, t ledger.Tally) (displayName, error) {
	l := lk.l
	if t.ID != "" {
		var ns record.Names
		switch by {
		case ledger.ByOutlet:
			o, err := lk.outlet(t.ID)
			if err != nil {
				return displayName{}, err
			}
			if o != nil {
				ns = o.Names
			}
		case ledger.ByFromParty, ledger.ByToParty:
			o, err := lk.org(t.ID)
			if err != nil {
				return displayName{}, err
			}
			if o != nil && orgVisible(o) {
				ns = o.Names
			}
		case ledger.ByProvince:
			p, err := lk.place(t.ID)
			if err != nil {
				return displayName{}, err
			}
			if p != nil {
				ns = p.Names
			}
		}
		if n := l.Name(ns); n.Value != "" {
			return n, nil
		}
	}
	return keyLabel(l, by, t.Key), nil
}

func keyLabel(l *locale, by, key string) displayName {
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
	lk := h.lookupFor(rq.Context(), rq)
	for _, s := range res.Slices {
		label, err := sliceLabel(lk, q.By, s)
		if err != nil {
			return nil, err
		}
		row := ledgerRow{Label: label, Tally: s}
		row.Reports = reportLinks(s.ReportList)
		data.Rows = append(data.Rows, row)
	}
	data.Total = ledgerRow{Label: displayName{Value: rq.L.T("ledger.total")}, Tally: res.Total, Reports: reportLinks(res.Total.ReportList)}
	if len(data.Rows) > 0 {
		data.Chart = newBarChart(rq.L, data.Rows)
	}
	if data.ClaimedChart, data.ActivityChart, err = h.ledgerMonthCharts(rq, lk, q); err != nil {
		return nil, err
	}
	qs := rq.URL.Query()
	qs.Del("lang")
	data.CSVURL = "/ledger.csv?" + qs.Encode()
	data.JSONURL = "/ledger.json?" + qs.Encode()
	qs.Set("reports", "1")
	data.ReportsQuery = qs.Encode()
	return &page{Template: "ledger", Title: rq.L.T("ledger.title"), Nav: "ledger", Data: data, JSON: res}, nil
}

// maxOutletSeries is how many outlets the monthly chart draws apart; the
// rest are one series.
const maxOutletSeries = 6

// ledgerMonthCharts draws the query's reports per month: people claimed,
// stacked by outlet, and reports beside the distinct events they describe.
// Reports dated only to the year are left out of both.
func (h *handler) ledgerMonthCharts(rq *req, lk *lookup, q ledger.Query) (*monthChart, *monthChart, error) {
	l := rq.L
	q.By, q.WithReports = ledger.ByOutlet, true
	res, err := ledger.Compute(rq.Context(), h.st, q)
	if err != nil {
		return nil, nil, err
	}
	var series []chartSeries
	for i, s := range res.Slices {
		if i == maxOutletSeries {
			series = append(series, chartSeries{Class: "s-other", Name: displayName{Value: l.T("ledger.chart.other"), Lang: l.Lang}})
			break
		}
		name, err := sliceLabel(lk, ledger.ByOutlet, s)
		if err != nil {
			return nil, nil, err
		}
		series = append(series, chartSeries{Class: "s" + strconv.Itoa(i), Name: name})
	}
	claimed := newMonthData(series)
	activity := newMonthData([]chartSeries{
		{Class: "reports", Name: displayName{Value: l.T("ledger.col.reports"), Lang: l.Lang}},
		{Class: "events", Name: displayName{Value: l.T("ledger.col.events"), Lang: l.Lang}}})
	seen := map[string]bool{} // month + event
	for i, s := range res.Slices {
		si := min(i, maxOutletSeries)
		for _, r := range s.ReportList {
			k := monthKey(r.Date)
			if k == "" {
				continue
			}
			claimed.add(k, si, r.Claimed)
			activity.add(k, 0, 1)
			if !seen[k+" "+r.EventID] {
				seen[k+" "+r.EventID] = true
				activity.add(k, 1, 1)
			}
		}
	}
	return claimed.chart(l, "chart-claimed", l.T("ledger.chart.claimed"), l.T("ledger.chart.claimed.desc"), true),
		activity.chart(l, "chart-activity", l.T("ledger.chart.activity"), l.T("ledger.chart.activity.desc"), false), nil
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
