package web

import (
	"encoding/csv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func TestLedger(t *testing.T) {
	f := newFixture(t)
	h := f.site(t, Options{})
	// One defection claimed at more than 600 in one report: every number
	// traces back to it.
	r := do(t, h, "GET", "/ledger?lang=km&by=to-party&from=2023-01&to=2023-06&type=defection")
	wantStatus(t, r, 200)
	d := r.doc(t)
	row := d.Find("table.ledger tbody tr")
	if row.Length() != 1 {
		t.Fatalf("%d slices, want 1", row.Length())
	}
	var cells []string
	row.Find("td").Each(func(_ int, td *goquery.Selection) { cells = append(cells, td.Text()) })
	if strings.Join(cells, " ") != "៦០០ ៦០០ ១ ១" {
		t.Errorf("slice cells %q", cells)
	}
	// The ledger keys parties by English name; the page names them from
	// the record, in Khmer.
	if got := row.Find("th").Text(); got != "គណបក្សប្រជាជនកម្ពុជា" || row.Find(".fallback").Length() != 0 {
		t.Errorf("slice label %q should be the party's Khmer name", got)
	}
	if d.Find("figure.chart:not(.month) svg[role=img] > title").Length() != 1 || d.Find("figure.chart rect.claimed").Length() != 1 {
		t.Error("no accessible chart")
	}
	if v, _ := d.Find("select#by option[selected]").Attr("value"); v != "to-party" {
		t.Errorf("form forgets by=: %q", v)
	}
	if d.Find(`input[name=type][value=defection][checked]`).Length() != 1 || d.Find(`input[name=type][value=arrest][checked]`).Length() != 0 {
		t.Error("type checkboxes do not reflect the query")
	}
	checkChrome(t, d)
	// A period without the claim counts nothing.
	empty := do(t, h, "GET", "/ledger.json?from=2024-01&type=defection").json(t)
	if total := empty["total"].(map[string]any); total["reports"].(float64) != 0 {
		t.Errorf("2024 ledger %v", total)
	}
	// With reports=1 each figure links to its report and event.
	rd := do(t, h, "GET", "/ledger?lang=en&type=defection&reports=1").doc(t)
	if href, _ := rd.Find(`#behind + ol a[href^="/documents/"]`).Attr("href"); !strings.Contains(href, "cite="+f.cDef) {
		t.Errorf("report link %q", href)
	}
	// The CSV carries the same numbers.
	c := do(t, h, "GET", "/ledger.csv?type=defection&by=month")
	wantStatus(t, c, 200)
	recs, err := csv.NewReader(strings.NewReader(string(c.Body))).ReadAll()
	if err != nil || len(recs) != 3 || recs[1][0] != "2023-02" || recs[1][1] != "600" || recs[2][0] != "total" {
		t.Errorf("CSV %q (%v)", recs, err)
	}
	for _, bad := range []string{"by=colour", "type=party", "from=2023-13"} {
		wantStatus(t, do(t, h, "GET", "/ledger?"+bad), 400)
	}
}
