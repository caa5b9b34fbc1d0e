package web

import (
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/kamnotra/kamnotra/internal/record"
)

func TestMonthChart(t *testing.T) {
	l := &locale{Lang: "en", cat: map[string]string{}}
	series := []chartSeries{{Class: "s0", Name: displayName{Value: "A"}}, {Class: "s1", Name: displayName{Value: "B"}}}
	for _, c := range []struct {
		name    string
		stacked bool
		heights []int // bar heights in drawing order
		ys      []int
	}{
		// Scale 40: 10 → 45px, 30 → 135px; stacked, March's B sits on A.
		{"stacked", true, []int{45, 45, 135}, []int{mcTop + mcPlot - 45, mcTop + mcPlot - 45, mcTop + mcPlot - 180}},
		// Side by side the top is 30, still on a scale of 40.
		{"side by side", false, []int{45, 45, 135}, []int{mcTop + mcPlot - 45, mcTop + mcPlot - 45, mcTop + mcPlot - 135}},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := newMonthData(series)
			m.add("2023-01", 0, 10)
			m.add("2023-03", 1, 30)
			m.add("2023-03", 0, 10)
			ch := m.chart(l, "x", "T", "D", c.stacked)
			var keys []string
			for _, mo := range ch.Months {
				keys = append(keys, mo.Key+"="+strings.Join(mo.Values, "/"))
			}
			if want := []string{"2023-01=10/0", "2023-02=0/0", "2023-03=10/30"}; !slices.Equal(keys, want) {
				t.Errorf("months %v, want %v", keys, want)
			}
			var hs, ys []int
			for _, b := range ch.Bars {
				hs, ys = append(hs, b.H), append(ys, b.Y)
			}
			if !slices.Equal(hs, c.heights) || !slices.Equal(ys, c.ys) {
				t.Errorf("bar heights %v at %v, want %v at %v", hs, ys, c.heights, c.ys)
			}
			if top := ch.Ticks[len(ch.Ticks)-1]; top.Label != "40" || top.Y != mcTop {
				t.Errorf("top tick %+v", top)
			}
		})
	}
	if (newMonthData(series)).chart(l, "x", "T", "D", true) != nil {
		t.Error("an empty chart is drawn")
	}
	long := newMonthData(series)
	long.add("2019-01", 0, 1)
	long.add("2026-12", 0, 1)
	if ch := long.chart(l, "x", "T", "D", true); len(ch.Months) != maxChartMonths || ch.Months[len(ch.Months)-1].Key != "2026-12" {
		t.Errorf("long period: %d months ending %s", len(ch.Months), ch.Months[len(ch.Months)-1].Key)
	}
}

func TestNiceCeil(t *testing.T) {
	for _, c := range []struct{ n, want int64 }{{0, 4}, {1, 4}, {4, 4}, {5, 8}, {9, 20}, {40, 40}, {41, 80}, {675, 800}, {1925, 2000}, {2001, 4000}} {
		if got := niceCeil(c.n); got != c.want {
			t.Errorf("niceCeil(%d) = %d, want %d", c.n, got, c.want)
		}
	}
}

// TestLedgerMonthCharts checks the two monthly charts on the ledger page:
// accessible, with the table beside them carrying the numbers, outlets
// named in the reader's language.
func TestLedgerMonthCharts(t *testing.T) {
	f := newFixture(t)
	h := f.site(t, Options{})
	d := do(t, h, "GET", "/ledger?lang=km&type=defection&type=arrest").doc(t)
	for _, id := range []string{"chart-claimed", "chart-activity"} {
		svg := d.Find("figure#" + id + " svg[role=img]")
		if lb, _ := svg.Attr("aria-labelledby"); lb != id+"-title "+id+"-desc" || svg.Find("title#"+id+"-title").Length() != 1 || svg.Find("desc#"+id+"-desc").Length() != 1 {
			t.Errorf("%s: not labelled by its title and description", id)
		}
	}
	rows := func(id string) []string {
		var out []string
		d.Find(`table[data-chart="` + id + `"] tbody tr`).Each(func(_ int, tr *goquery.Selection) {
			var cells []string
			tr.Find("th, td").Each(func(_ int, c *goquery.Selection) { cells = append(cells, c.Text()) })
			out = append(out, strings.Join(cells, "|"))
		})
		return out
	}
	claimed := rows("chart-claimed")
	// February 2023 to March 2024, gaps included.
	if len(claimed) != 14 || claimed[0] != "ខែកុម្ភៈ ឆ្នាំ២០២៣|៦០០|០" || claimed[13] != "ខែមីនា ឆ្នាំ២០២៤|០|១" {
		t.Errorf("claimed table %q", claimed)
	}
	var heads []string
	d.Find(`table[data-chart="chart-claimed"] thead th`).Each(func(_ int, th *goquery.Selection) { heads = append(heads, th.Text()) })
	if len(heads) != 3 || heads[1] != "ហ្វ្រេសញូវ" || !strings.HasPrefix(heads[2], "CamboJA News") {
		t.Errorf("claimed table heads %q", heads)
	}
	if d.Find(`table[data-chart="chart-claimed"] thead th .fallback`).Length() != 1 {
		t.Errorf("an outlet named only in English is not marked so")
	}
	if got := rows("chart-activity"); len(got) != 14 || got[0] != "ខែកុម្ភៈ ឆ្នាំ២០២៣|១|១" {
		t.Errorf("activity table %q", got)
	}
	if n := d.Find("figure#chart-claimed rect").Length(); n != 2 {
		t.Errorf("%d bars in the claimed chart, want 2", n)
	}
	// Nothing to chart: no chart.
	e := do(t, h, "GET", "/ledger?lang=en&from=2030-01").doc(t)
	if e.Find("figure.chart.month").Length() != 0 {
		t.Error("charts drawn for an empty period")
	}
	// Slices by outlet and province are named in Khmer.
	for _, c := range []struct{ by, want string }{{"outlet", "ហ្វ្រេសញូវ"}, {"province", "រាជធានីភ្នំពេញ"}, {"from-party", "គណបក្សភ្លើងទៀន"}} {
		dd := do(t, h, "GET", "/ledger?lang=km&type=defection&by="+c.by).doc(t)
		if got := text(dd, "table.ledger tbody tr th"); got != c.want {
			t.Errorf("by=%s: slice %q, want %q", c.by, got, c.want)
		}
	}
}

// TestOrgFlowChart checks joins and departures on the pages of the two
// parties of the fixture's defection (600 people from clp to cpp).
func TestOrgFlowChart(t *testing.T) {
	f := newFixture(t)
	h := f.site(t, Options{})
	for _, c := range []struct{ path, want string }{
		{"/organisations/cpp?lang=km", "ខែកុម្ភៈ ឆ្នាំ២០២៣|៦០០|០"},
		{"/organisations/clp?lang=km", "ខែកុម្ភៈ ឆ្នាំ២០២៣|០|៦០០"},
		{"/organisations/clp?lang=en", "February 2023|0|600"},
	} {
		d := do(t, h, "GET", c.path).doc(t)
		var rows []string
		d.Find(`table[data-chart="chart-flow"] tbody tr`).Each(func(_ int, tr *goquery.Selection) {
			var cells []string
			tr.Find("th, td").Each(func(_ int, c *goquery.Selection) { cells = append(cells, c.Text()) })
			rows = append(rows, strings.Join(cells, "|"))
		})
		if len(rows) != 1 || rows[0] != c.want {
			t.Errorf("%s: flow table %q, want [%s]", c.path, rows, c.want)
		}
		if d.Find("figure#chart-flow svg[role=img] > title").Length() != 1 || d.Find("figure#chart-flow svg > desc").Length() != 1 {
			t.Errorf("%s: flow chart without title and description", c.path)
		}
		checkChrome(t, d)
	}
}

func TestMonthKey(t *testing.T) {
	for _, c := range []struct {
		y, m, d int
		want    string
	}{{2023, 2, 3, "2023-02"}, {2023, 12, 0, "2023-12"}, {2023, 0, 0, ""}, {0, 0, 0, ""}} {
		if got := monthKey(record.Date{Year: c.y, Month: c.m, Day: c.d}); got != c.want {
			t.Errorf("monthKey(%d-%d-%d) = %q, want %q", c.y, c.m, c.d, got, c.want)
		}
	}
}
