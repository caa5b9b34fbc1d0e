package web

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/kamnotra/kamnotra/internal/record"
)

type resp struct {
	*http.Response
	Body []byte
}

// do sends one request to h; hdr is pairs of header name and value.
func do(t testing.TB, h http.Handler, method, target string, hdr ...string) *resp {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return &resp{Response: res, Body: b}
}

func (r *resp) doc(t testing.TB) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(bytes.NewReader(r.Body))
	if err != nil {
		t.Fatalf("parsing HTML: %v", err)
	}
	return d
}

func (r *resp) json(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("response is not a JSON object: %v\n%s", err, r.Body)
	}
	return m
}

func wantStatus(t testing.TB, r *resp, status int) {
	t.Helper()
	if r.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d\n%.600s", r.Request.Method, r.Request.URL, r.StatusCode, status, r.Body)
	}
}

func text(d *goquery.Document, sel string) string { return strings.TrimSpace(d.Find(sel).Text()) }

// TestPages renders every page in both languages and checks its title, the
// html lang, the language switch and that no message ID leaked.
func TestPages(t *testing.T) {
	f := newFixture(t)
	h := f.site(t, Options{})
	pages := []struct {
		path           string
		titleKM, title string // the <h1> in Khmer and English
	}{
		{"/", "ថ្មីៗ", "Latest"},
		{"/events", "ព្រឹត្តិការណ៍", "Events"},
		{"/documents", "ឯកសារ", "Documents"},
		{"/organisations", "អង្គការ", "Organisations"},
		{"/people", "បុគ្គល", "People"},
		{"/ledger", "បញ្ជីការអះអាង", "Claims ledger"},
		{"/outlets", "ប្រភពព័ត៌មាន", "Sources"},
		{"/events/" + f.arrest, "ការចាប់ខ្លួន, ថ្ងៃទី៥ ខែមីនា ឆ្នាំ២០២៤", "Arrest, 5 March 2024"},
		{"/events/" + f.defection, "ការប្ដូរគណបក្ស, ថ្ងៃទី៣ ខែកុម្ភៈ ឆ្នាំ២០២៣", "Defection, 3 February 2023"},
		{"/documents/" + f.enDoc, "Candlelight activist arrested in Phnom Penh", "Candlelight activist arrested in Phnom Penh"},
		{"/documents/" + f.kmDoc + "/archive", "ច្បាប់ចម្លងដែលបានរក្សាទុក", "Archived copy"},
		{"/people/p-sok", "សុខ វណ្ណារិទ្ធ", "Sok Vannarith"},
		{"/organisations/cpp", "គណបក្សប្រជាជនកម្ពុជា", "Cambodian People's Party"},
		{"/outlets/fresh-news", "ហ្វ្រេសញូវ", "Fresh News"},
		{"/places/kh-12-09", "ខណ្ឌមានជ័យ", "Mean Chey"},
		{"/search?q=x", "ស្វែងរក", "Search"},
	}
	for _, p := range pages {
		for _, lang := range []string{"km", "en"} {
			want := p.title
			if lang == "km" {
				want = p.titleKM
			}
			t.Run(lang+p.path, func(t *testing.T) {
				sep := "?"
				if strings.Contains(p.path, "?") {
					sep = "&"
				}
				r := do(t, h, "GET", p.path+sep+"lang="+lang)
				wantStatus(t, r, 200)
				if ct := r.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
					t.Errorf("Content-Type %q", ct)
				}
				d := r.doc(t)
				if got, _ := d.Find("html").Attr("lang"); got != lang {
					t.Errorf("<html lang=%q>, want %q", got, lang)
				}
				if got := text(d, "main h1"); got != want {
					t.Errorf("h1 %q, want %q", got, want)
				}
				if !strings.HasSuffix(text(d, "head > title"), want+" · "+map[string]string{"km": "កំណត់ត្រា", "en": "Kamnotra"}[lang]) {
					t.Errorf("<title> %q does not name the page", text(d, "head > title"))
				}
				checkLangSwitch(t, d, lang)
				checkChrome(t, d)
				if bytes.Contains(r.Body, []byte("⟦")) {
					t.Errorf("a message is missing from the %s catalogue: %s", lang, regexp.MustCompile(`⟦[^⟧]*⟧`).Find(r.Body))
				}
			})
		}
	}
}

// checkLangSwitch: both languages offered, the current one marked, each
// link keeping the page and naming itself in its own language.
func checkLangSwitch(t *testing.T, d *goquery.Document, lang string) {
	t.Helper()
	links := d.Find(`nav.lang a`)
	if links.Length() != 2 {
		t.Fatalf("language switch has %d links, want 2", links.Length())
	}
	seen := map[string]bool{}
	links.Each(func(_ int, a *goquery.Selection) {
		l, _ := a.Attr("lang")
		href, _ := a.Attr("href")
		seen[l] = true
		if !strings.Contains(href, "lang="+l) {
			t.Errorf("switch link for %s is %q", l, href)
		}
		_, cur := a.Attr("aria-current")
		if cur != (l == lang) {
			t.Errorf("switch link %s aria-current=%v on a %s page", l, cur, lang)
		}
	})
	if !seen["km"] || !seen["en"] {
		t.Errorf("switch offers %v", seen)
	}
	if got := text(d, `nav.lang a[lang="km"]`); got != "ខ្មែរ" {
		t.Errorf("Khmer switch label %q", got)
	}
}

// checkChrome: skip link to main, labelled search box, no script or inline
// style (the CSP would block them), stylesheet from the hashed URL.
func checkChrome(t *testing.T, d *goquery.Document) {
	t.Helper()
	if href, _ := d.Find("a.skip").Attr("href"); href != "#main" || d.Find("main#main").Length() != 1 {
		t.Errorf("skip link %q or main#main missing", href)
	}
	if d.Find(`form[role=search][action="/search"][method=get] label[for=q]`).Length() != 1 || d.Find("input#q[name=q]").Length() != 1 {
		t.Errorf("search form without a labelled q input")
	}
	if n := d.Find("script, style, [style]").Length(); n != 0 {
		t.Errorf("%d script/style elements or style attributes", n)
	}
	if href, _ := d.Find(`link[rel=stylesheet]`).Attr("href"); !regexp.MustCompile(`^/static/style\.[0-9a-f]{12}\.css$`).MatchString(href) {
		t.Errorf("stylesheet URL %q is not content-hashed", href)
	}
	d.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		if strings.HasPrefix(href, "//") || (strings.HasPrefix(href, "http") && !a.HasClass("url")) {
			t.Errorf("link to another site outside a source URL: %q", href)
		}
	})
}

func TestKhmerDigitsAndDates(t *testing.T) {
	f := newFixture(t)
	h := f.site(t, Options{})
	d := do(t, h, "GET", "/events/"+f.defection+"?lang=km").doc(t)
	facts := text(d, "dl.facts")
	for _, want := range []string{"ជាង ៦០០", "ថ្ងៃទី៣ ខែកុម្ភៈ ឆ្នាំ២០២៣", "ខណ្ឌមានជ័យ, រាជធានីភ្នំពេញ", "គណបក្សភ្លើងទៀន", "គណបក្សប្រជាជនកម្ពុជា"} {
		if !strings.Contains(facts, want) {
			t.Errorf("Khmer event facts lack %q:\n%s", want, facts)
		}
	}
	d.Find("time").Each(func(_ int, s *goquery.Selection) {
		if regexp.MustCompile(`[0-9]`).MatchString(s.Text()) {
			t.Errorf("ASCII digits in a Khmer date: %q", s.Text())
		}
	})
	de := do(t, h, "GET", "/events/"+f.defection+"?lang=en").doc(t)
	if facts := text(de, "dl.facts"); !strings.Contains(facts, "more than 600") || !strings.Contains(facts, "3 February 2023") {
		t.Errorf("English facts: %s", facts)
	}
	// Document times are shown in Cambodian time, in Khmer digits.
	dd := do(t, h, "GET", "/documents/"+f.enDoc+"?lang=km").doc(t)
	if got := text(dd, "dl.facts dd time"); !strings.Contains(got, "ថ្ងៃទី៦ ខែមីនា ឆ្នាំ២០២៤ ម៉ោង ០៩:១៥") {
		t.Errorf("published time in Khmer: %q", got)
	}
}

func TestEvidenceHighlight(t *testing.T) {
	f := newFixture(t)
	h := f.site(t, Options{})
	ev := do(t, h, "GET", "/events/"+f.defection+"?lang=en").doc(t)
	cite := ev.Find("ol.citations > li")
	if cite.Length() != 1 {
		t.Fatalf("%d citations on the event page, want 1", cite.Length())
	}
	if got := strings.TrimSpace(cite.Find("blockquote mark").Text()); got != kmEvidence {
		t.Errorf("evidence %q", got)
	}
	if l, _ := cite.Find("blockquote").Attr("lang"); l != "km" {
		t.Errorf("Khmer evidence has lang=%q", l)
	}
	src := cite.Find("p.source").Text()
	for _, want := range []string{"Fresh News", "3 February 2023", "more than 600", "machine-extracted"} {
		if !strings.Contains(src, want) {
			t.Errorf("citation line lacks %q: %s", want, src)
		}
	}
	link, ok := cite.Find(`a[href^="/documents/"]`).Attr("href")
	if !ok {
		t.Fatal("no link from the citation to its document")
	}
	if !strings.Contains(link, "cite="+f.cDef) || !strings.HasSuffix(link, "#c-"+f.cDef) {
		t.Errorf("citation link %q does not point at the span", link)
	}
	r := do(t, h, "GET", strings.Split(link, "#")[0]) // browsers keep the fragment
	wantStatus(t, r, 200)
	d := r.doc(t)
	if d.Find("#c-"+f.cDef).Length() != 1 {
		t.Errorf("no anchor #c-%s on the document page", f.cDef)
	}
	cur := d.Find(".doctext mark.current")
	if got := cur.Text(); got != kmEvidence {
		t.Errorf("current highlight %q, want the evidence", got)
	}
	// The whole text is there, in order, highlight or not.
	if got := d.Find(".doctext").Text(); got != kmText {
		t.Errorf("document text changed by highlighting:\n%q", got)
	}
	// English document: the rejected event's span is not highlighted, the
	// two visible ones are, and none is current without ?cite=.
	de := do(t, h, "GET", "/documents/"+f.enDoc).doc(t)
	var marks []string
	de.Find(".doctext mark").Each(func(_ int, s *goquery.Selection) { marks = append(marks, s.Text()) })
	if len(marks) != 2 || marks[0] != enArrest || marks[1] != enCharge {
		t.Errorf("highlights %q, want the arrest and the charge", marks)
	}
	if de.Find("mark.current").Length() != 0 {
		t.Errorf("a current highlight without ?cite=")
	}
}

func TestVisibility(t *testing.T) {
	f := newFixture(t)
	h := f.site(t, Options{})
	// Rejected events: no page, in no list, in no JSON.
	wantStatus(t, do(t, h, "GET", "/events/"+f.rejected), 404)
	for _, p := range []string{"/", "/events", "/events.json", "/index.json", "/documents/" + f.enDoc, "/documents/" + f.enDoc + ".json", "/organisations/clp"} {
		r := do(t, h, "GET", p)
		wantStatus(t, r, 200)
		if bytes.Contains(r.Body, []byte(f.rejected)) || bytes.Contains(r.Body, []byte(f.cRejected)) {
			t.Errorf("%s shows the rejected event", p)
		}
		if bytes.Contains(r.Body, []byte("Phantom Front")) {
			t.Errorf("%s shows the rejected organisation", p)
		}
	}
	wantStatus(t, do(t, h, "GET", "/organisations/ghost"), 404)
	// A private person: no page, the same 404 as an unknown ID.
	priv, unknown := do(t, h, "GET", "/people/p-chan.json"), do(t, h, "GET", "/people/p-nobody.json")
	wantStatus(t, priv, 404)
	wantStatus(t, unknown, 404)
	pm, um := priv.json(t)["error"].(map[string]any), unknown.json(t)["error"].(map[string]any)
	if pm["code"] != um["code"] || strings.Replace(pm["message"].(string), "p-chan", "X", 1) != strings.Replace(um["message"].(string), "p-nobody", "X", 1) {
		t.Errorf("a private person's 404 differs from an unknown one's: %v vs %v", pm, um)
	}
	// ...named where a citation names them, without link or ID.
	ev := do(t, h, "GET", "/events/"+f.privCharge+"?lang=en")
	d := ev.doc(t)
	who := d.Find("dl.facts dd ul li")
	if !strings.Contains(who.Text(), "Chan Sreyneang") || who.Find("a").Length() != 0 {
		t.Errorf("private person shown as %q with %d links", who.Text(), who.Find("a").Length())
	}
	for _, p := range []string{"/events/" + f.privCharge, "/events/" + f.privCharge + ".json", "/events.json", "/organisations/clp", "/organisations/clp.json", "/index.json"} {
		if r := do(t, h, "GET", p); bytes.Contains(r.Body, []byte("p-chan")) {
			t.Errorf("%s gives the private person's ID", p)
		}
	}
	// ...and never listed: not in event lists, nor among a party's members.
	for _, p := range []string{"/?lang=en", "/?lang=km", "/events?lang=en", "/index.json", "/events.json", "/people?lang=en", "/people?lang=km", "/people.json"} {
		r := do(t, h, "GET", p)
		for _, name := range []string{"Chan Sreyneang", "ចាន់ ស្រីនាង"} {
			if bytes.Contains(r.Body, []byte(name)) {
				t.Errorf("%s lists the private person as %q", p, name)
			}
		}
	}
	// ...and never listed: the party's members show the public activist only.
	org := do(t, h, "GET", "/organisations/clp?lang=en").doc(t)
	members := text(org, "#members + ol.timeline")
	if !strings.Contains(members, "Sok Vannarith") || strings.Contains(members, "Chan") {
		t.Errorf("party members: %q", members)
	}
	// Machine-extracted events are labelled wherever they appear.
	ed := do(t, h, "GET", "/events/"+f.defection+"?lang=km").doc(t)
	if got := text(ed, "p.notice.machine"); !strings.Contains(got, "ដកស្រង់ដោយម៉ាស៊ីន មិនទាន់ពិនិត្យ") {
		t.Errorf("no machine-extracted notice in Khmer: %q", got)
	}
	if do(t, h, "GET", "/events/"+f.arrest).doc(t).Find(".notice.machine").Length() != 0 {
		t.Error("a published event is labelled machine-extracted")
	}
	list := do(t, h, "GET", "/events?lang=en").doc(t)
	list.Find("li.event").Each(func(_ int, li *goquery.Selection) {
		href, _ := li.Find("a.what").Attr("href")
		machine := li.Find(".badge.machine").Length() == 1
		if machine != (href == "/events/"+f.defection) {
			t.Errorf("event %s: machine badge %v", href, machine)
		}
	})
	if n := list.Find("li.event").Length(); n != 3 {
		t.Errorf("%d events listed, want the 3 visible ones", n)
	}
}

func TestFallbackMarker(t *testing.T) {
	f := newFixture(t)
	h := f.site(t, Options{})
	// An English reader of a person known only by a Khmer name sees it marked.
	d := do(t, h, "GET", "/events/"+f.defection+"?lang=en").doc(t)
	who := d.Find("dl.facts dd ul li").First()
	if !strings.Contains(who.Text(), "មាស សុភ័ក្រ") {
		t.Fatalf("presiding person shown as %q", who.Text())
	}
	if got := strings.TrimSpace(who.Find(".fallback").Text()); got != "(in Khmer)" {
		t.Errorf("fallback marker %q, want (in Khmer)", got)
	}
	if l, _ := who.Find(`span[lang]`).First().Attr("lang"); l != "km" {
		t.Errorf("fallback name lang=%q", l)
	}
	// A Khmer reader of an outlet named only in English sees that marked.
	o := do(t, h, "GET", "/outlets?lang=km").doc(t)
	var found bool
	o.Find("main li").Each(func(_ int, li *goquery.Selection) {
		if strings.Contains(li.Text(), "CamboJA News") {
			found = true
			if got := strings.TrimSpace(li.Find(".fallback").Text()); got != "(ជាភាសាអង់គ្លេស)" {
				t.Errorf("Khmer fallback marker %q", got)
			}
		}
	})
	if !found {
		t.Error("CamboJA missing from the outlet list")
	}
	// A name in the reader's own language carries no marker.
	if n := do(t, h, "GET", "/people/p-sok?lang=km").doc(t).Find("main h1 .fallback, .notice").Length(); n != 0 {
		t.Errorf("fallback marked on a name in the reader's language")
	}
}

func TestPersonAndOrgPages(t *testing.T) {
	f := newFixture(t)
	h := f.site(t, Options{})
	d := do(t, h, "GET", "/people/p-sok?lang=en").doc(t)
	names := text(d, "ul.names")
	if !strings.Contains(names, "Sok Vannarith") || !strings.Contains(names, "សុខ វណ្ណារិទ្ធ") {
		t.Errorf("names in both scripts: %q", names)
	}
	tl := d.Find("ol.timeline li")
	if tl.Length() != 1 || !strings.Contains(tl.Text(), "Candlelight Party") || !strings.Contains(tl.Text(), "June 2021") || !strings.Contains(tl.Text(), "5 March 2024") {
		t.Errorf("timeline: %q", tl.Text())
	}
	if href, _ := tl.Find("a.cause").Attr("href"); href != "/events/"+f.arrest {
		t.Errorf("timeline end event link %q", href)
	}
	if href, _ := d.Find("ul.events a.what").Attr("href"); href != "/events/"+f.arrest {
		t.Errorf("person's events: %q", href)
	}
	o := do(t, h, "GET", "/organisations/cpp?lang=km").doc(t)
	if !strings.Contains(text(o, "ul.names"), "CPP") || !strings.Contains(text(o, "#members + ol"), "មាស សុភ័ក្រ") {
		t.Errorf("CPP page: names %q, members %q", text(o, "ul.names"), text(o, "#members + ol"))
	}
	// The organisations index groups by kind and omits rejected bodies.
	list := do(t, h, "GET", "/organisations?lang=en").doc(t)
	if got := text(list, "#k-party"); got != "Political parties" {
		t.Errorf("org group heading %q", got)
	}
	if n := list.Find(`a[href^="/organisations/"]`).Length(); n != 2 {
		t.Errorf("%d organisations listed, want 2", n)
	}
}

func TestJSON(t *testing.T) {
	f := newFixture(t)
	h := f.site(t, Options{})
	cases := []struct {
		name, path string
		hdr        []string
		check      func(t *testing.T, m map[string]any)
	}{
		{"suffix", "/events/" + f.arrest + ".json", nil, func(t *testing.T, m map[string]any) {
			ev := m["event"].(map[string]any)
			if ev["id"] != f.arrest || ev["type"] != "arrest" || ev["date"] != "2024-03-05" || ev["status"] != "published" {
				t.Errorf("event %v", ev)
			}
			cits := m["citations"].([]any)
			c := cits[0].(map[string]any)
			if c["evidence"] != enArrest || c["document"].(map[string]any)["id"] != f.enDoc {
				t.Errorf("citation %v", c)
			}
			if _, leaked := c["ExtractedBy"]; leaked {
				t.Error("citation JSON shows who extracted it")
			}
		}},
		{"accept", "/events/" + f.arrest, []string{"Accept", "application/json"}, func(t *testing.T, m map[string]any) {
			if m["event"].(map[string]any)["id"] != f.arrest {
				t.Errorf("Accept: application/json gave %v", m)
			}
		}},
		{"events list", "/events.json", nil, func(t *testing.T, m map[string]any) {
			if n := len(m["events"].([]any)); n != 3 {
				t.Errorf("%d events, want 3", n)
			}
		}},
		{"documents list", "/documents", []string{"Accept", "text/html;q=0.5, application/json"}, func(t *testing.T, m map[string]any) {
			docs := m["documents"].([]any)
			if len(docs) != 2 {
				t.Fatalf("%d documents", len(docs))
			}
			for _, d := range docs {
				if _, ok := d.(map[string]any)["text"]; ok {
					t.Error("document list carries full texts")
				}
			}
		}},
		{"document", "/documents/" + f.kmDoc + ".json", nil, func(t *testing.T, m map[string]any) {
			doc := m["document"].(map[string]any)
			if doc["text"] != kmText || doc["outlet_id"] != "fresh-news" || doc["published"] != "2023-02-03" {
				t.Errorf("document %v", doc)
			}
			if n := len(m["citations"].([]any)); n != 1 {
				t.Errorf("%d citations", n)
			}
		}},
		{"person", "/people/p-sok.json", nil, func(t *testing.T, m map[string]any) {
			if m["person"].(map[string]any)["id"] != "p-sok" || len(m["memberships"].([]any)) != 1 || len(m["events"].([]any)) != 1 {
				t.Errorf("person %v", m)
			}
		}},
		{"home", "/index.json", nil, func(t *testing.T, m map[string]any) {
			if len(m["events"].([]any)) != 3 || len(m["documents"].([]any)) != 2 {
				t.Errorf("home %v", m)
			}
		}},
		{"search unavailable", "/search.json?q=x", nil, func(t *testing.T, m map[string]any) {
			if m["available"] != false || len(m["hits"].([]any)) != 0 {
				t.Errorf("search %v", m)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := do(t, h, "GET", c.path, c.hdr...)
			wantStatus(t, r, 200)
			if ct := r.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			c.check(t, r.json(t))
		})
	}
	// A browser's Accept gets HTML.
	r := do(t, h, "GET", "/events", "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
	if ct := r.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("browser Accept got %q", ct)
	}
}

func TestErrors(t *testing.T) {
	f := newFixture(t)
	h := f.site(t, Options{})
	cases := []struct {
		method, path string
		hdr          []string
		status       int
		code         string
	}{
		{"GET", "/events/no-such-event", nil, 404, "not_found"},
		{"GET", "/events/no-such-event.json", nil, 404, "not_found"},
		{"GET", "/no/such/page", nil, 404, "not_found"},
		{"GET", "/documents/" + f.kmDoc + "?v=99", nil, 404, "not_found"},
		{"GET", "/documents/" + f.kmDoc + "?v=abc", nil, 400, "invalid"},
		{"GET", "/events?after=%01", nil, 400, "invalid"},
		{"GET", "/documents?after=not-an-id", nil, 400, "invalid"},
		{"GET", "/search?q=" + strings.Repeat("x", 400), nil, 400, "invalid"},
		{"GET", "/documents/" + f.enDoc + "/archive/text", nil, 404, "not_found"},
		{"POST", "/events", nil, 405, "error.method"},
		{"DELETE", "/events/" + f.arrest, nil, 405, "error.method"},
		{"POST", "/", []string{"Sec-Fetch-Site", "cross-site"}, 403, ""},
	}
	for _, c := range cases {
		t.Run(c.method+c.path, func(t *testing.T) {
			for _, accept := range []string{"text/html", "application/json"} {
				r := do(t, h, c.method, c.path, append([]string{"Accept", accept}, c.hdr...)...)
				wantStatus(t, r, c.status)
				checkSecurityHeaders(t, r)
				if c.code == "" {
					continue // CrossOriginProtection answers by itself
				}
				if cc := r.Header.Get("Cache-Control"); cc != "no-store" {
					t.Errorf("error Cache-Control %q", cc)
				}
				if accept == "application/json" || strings.HasSuffix(strings.Split(c.path, "?")[0], ".json") {
					e := r.json(t)["error"].(map[string]any)
					if e["code"] != c.code || int(e["status"].(float64)) != c.status || e["message"] == "" {
						t.Errorf("error JSON %v", e)
					}
					continue
				}
				d := r.doc(t)
				if d.Find("main h1").Length() != 1 || d.Find("nav.lang a").Length() != 2 {
					t.Errorf("error page without heading or language switch")
				}
				if c.status == 405 && r.Header.Get("Allow") != "GET, HEAD" {
					t.Errorf("405 Allow %q", r.Header.Get("Allow"))
				}
			}
		})
	}
	// The error page speaks the reader's language, and remembers it once.
	nf := do(t, h, "GET", "/events/no-such-event?lang=km")
	if n := len(nf.Header.Values("Set-Cookie")); n != 1 {
		t.Errorf("%d Set-Cookie headers on a failed page with ?lang=", n)
	}
	d := do(t, h, "GET", "/nowhere?lang=km").doc(t)
	if got := text(d, "main h1"); got != "រកមិនឃើញទំព័រ" {
		t.Errorf("Khmer 404 heading %q", got)
	}
}

// failingStore makes every call fail, to check that internal errors are
// logged in full and shown as a safe message.
func TestInternalErrorIsLoggedNotShown(t *testing.T) {
	f := newFixture(t)
	var logs bytes.Buffer
	h := NewServer(brokenStore{f.st}, Options{Logger: newTestLogger(&logs), RatePerSecond: -1})
	r := do(t, h, "GET", "/events.json")
	wantStatus(t, r, 500)
	if bytes.Contains(r.Body, []byte("disk on fire")) {
		t.Errorf("internal detail shown to the reader: %s", r.Body)
	}
	if e := r.json(t)["error"].(map[string]any); e["code"] != "internal" || e["message"] != "internal error" {
		t.Errorf("500 JSON %v", e)
	}
	if !strings.Contains(logs.String(), "disk on fire") {
		t.Errorf("internal detail not logged: %q", logs.String())
	}
}

func checkSecurityHeaders(t *testing.T, r *resp) {
	t.Helper()
	want := map[string]string{
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy":        "no-referrer",
		"X-Frame-Options":        "DENY",
	}
	for k, v := range want {
		if got := r.Header.Get(k); got != v {
			t.Errorf("%s: %q, want %q", k, got, v)
		}
	}
	csp := r.Header.Get("Content-Security-Policy")
	for _, part := range []string{"default-src 'none'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, part) {
			t.Errorf("CSP %q lacks %s", csp, part)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "script-src") {
		t.Errorf("CSP allows script or inline style: %q", csp)
	}
	if pp := r.Header.Get("Permissions-Policy"); !strings.Contains(pp, "camera=()") {
		t.Errorf("Permissions-Policy %q", pp)
	}
}

func TestHeadersAndCaching(t *testing.T) {
	f := newFixture(t)
	h := f.site(t, Options{})
	r := do(t, h, "GET", "/events/"+f.arrest, "Cookie", "lang=en")
	wantStatus(t, r, 200)
	checkSecurityHeaders(t, r)
	etag := r.Header.Get("ETag")
	if !regexp.MustCompile(`^"[0-9a-f]{24}"$`).MatchString(etag) {
		t.Fatalf("ETag %q", etag)
	}
	if cc := r.Header.Get("Cache-Control"); cc != "public, max-age=60" {
		t.Errorf("Cache-Control %q", cc)
	}
	if v := r.Header.Get("Vary"); !strings.Contains(v, "Cookie") || !strings.Contains(v, "Accept") {
		t.Errorf("Vary %q", v)
	}
	nm := do(t, h, "GET", "/events/"+f.arrest, "Cookie", "lang=en", "If-None-Match", etag)
	wantStatus(t, nm, 304)
	if len(nm.Body) != 0 {
		t.Error("304 with a body")
	}
	// Another language is another representation.
	if km := do(t, h, "GET", "/events/"+f.arrest, "Cookie", "lang=km", "If-None-Match", etag); km.StatusCode != 200 {
		t.Errorf("Khmer page matched the English ETag: %d", km.StatusCode)
	}
	// HEAD answers like GET without a body.
	hd := do(t, h, "HEAD", "/events/"+f.arrest, "Cookie", "lang=en")
	if hd.StatusCode != 200 || hd.Header.Get("ETag") != etag || len(hd.Body) != 0 {
		t.Errorf("HEAD: %d %q %d bytes", hd.StatusCode, hd.Header.Get("ETag"), len(hd.Body))
	}
	// The stylesheet is served under its hash, cached for good.
	d := do(t, h, "GET", "/").doc(t)
	href, _ := d.Find(`link[rel=stylesheet]`).Attr("href")
	css := do(t, h, "GET", href)
	wantStatus(t, css, 200)
	checkSecurityHeaders(t, css)
	if ct := css.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
		t.Errorf("CSS Content-Type %q", ct)
	}
	if cc := css.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("CSS Cache-Control %q", cc)
	}
	if !bytes.Contains(css.Body, []byte("Khmer")) {
		t.Error("stylesheet lacks a Khmer font stack")
	}
	wantStatus(t, do(t, h, "GET", "/static/style.000000000000.css"), 404)
}

func TestLanguageChoice(t *testing.T) {
	f := newFixture(t)
	h := f.site(t, Options{})
	cases := []struct {
		name   string
		hdr    []string
		query  string
		want   string
		cookie bool
	}{
		{"default is Khmer", nil, "", "km", false},
		{"Accept-Language en", []string{"Accept-Language", "en-GB,en;q=0.9"}, "", "en", false},
		{"Accept-Language km first", []string{"Accept-Language", "km-KH,km;q=0.9,en;q=0.5"}, "", "km", false},
		{"Accept-Language neither", []string{"Accept-Language", "fr-FR"}, "", "km", false},
		{"cookie beats header", []string{"Accept-Language", "km", "Cookie", "lang=en"}, "", "en", false},
		{"query beats cookie", []string{"Cookie", "lang=en"}, "?lang=km", "km", true},
		{"bad query ignored", []string{"Cookie", "lang=en"}, "?lang=fr", "en", false},
		{"bad cookie ignored", []string{"Cookie", "lang=xx", "Accept-Language", "en"}, "", "en", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := do(t, h, "GET", "/"+c.query, c.hdr...)
			if got, _ := r.doc(t).Find("html").Attr("lang"); got != c.want {
				t.Errorf("lang %q, want %q", got, c.want)
			}
			var set *http.Cookie
			for _, ck := range r.Cookies() {
				if ck.Name == "lang" {
					set = ck
				}
			}
			if (set != nil) != c.cookie {
				t.Fatalf("cookie set: %v, want %v", set != nil, c.cookie)
			}
			if set != nil && (set.Value != c.want || !set.HttpOnly || set.SameSite != http.SameSiteLaxMode) {
				t.Errorf("cookie %+v", set)
			}
			if set != nil && r.Header.Get("Cache-Control") != "private, no-cache" {
				t.Errorf("a response setting a cookie is publicly cacheable: %q", r.Header.Get("Cache-Control"))
			}
		})
	}
}

func TestPagination(t *testing.T) {
	f := newFixture(t)
	h := f.site(t, Options{PageSize: 2})
	var seen []string
	next := "/events?lang=en"
	for range 5 {
		d := do(t, h, "GET", next).doc(t)
		d.Find("li.event a.what").Each(func(_ int, a *goquery.Selection) {
			href, _ := a.Attr("href")
			seen = append(seen, href)
		})
		href, ok := d.Find(`nav.pager a[rel=next]`).Attr("href")
		if !ok {
			break
		}
		if !strings.Contains(href, "after=") {
			t.Fatalf("next link %q", href)
		}
		next = "/events" + href
	}
	if len(seen) != 3 {
		t.Fatalf("paged through %v, want the 3 visible events once each", seen)
	}
	uniq := map[string]bool{}
	for _, s := range seen {
		uniq[s] = true
	}
	if len(uniq) != 3 {
		t.Errorf("pages repeat events: %v", seen)
	}
	// A person's events come a page at a time too.
	must(t, f.st.PutEvent(t.Context(), &record.Event{ID: "ev-arrest-2", Type: record.EventCharge, Date: record.Date{Year: 2024, Month: 4, Day: 1},
		Status: record.StatusPublished, Participants: []record.Participant{{Role: record.ParticipantSubject, PersonID: "p-sok"}}}))
	must(t, f.st.PutEvent(t.Context(), &record.Event{ID: "ev-arrest-3", Type: record.EventConviction, Date: record.Date{Year: 2024, Month: 6, Day: 1},
		Status: record.StatusPublished, Participants: []record.Participant{{Role: record.ParticipantSubject, PersonID: "p-sok"}}}))
	hp := f.site(t, Options{PageSize: 2})
	var personEvents []string
	next = "/people/p-sok?lang=en"
	for range 4 {
		d := do(t, hp, "GET", next).doc(t)
		d.Find("section[aria-labelledby=pevents] li.event a.what").Each(func(_ int, a *goquery.Selection) {
			href, _ := a.Attr("href")
			personEvents = append(personEvents, href)
		})
		href, ok := d.Find(`section[aria-labelledby=pevents] nav.pager a[rel=next]`).Attr("href")
		if !ok {
			break
		}
		next = "/people/p-sok" + href
	}
	if strings.Join(personEvents, " ") != "/events/ev-arrest-3 /events/ev-arrest-2 /events/"+f.arrest {
		t.Errorf("the person's events page by page: %v", personEvents)
	}
	pj := do(t, hp, "GET", "/people/p-sok.json").json(t)
	if pj["next"] != "ev-arrest-2" || len(pj["events"].([]any)) != 2 {
		t.Errorf("person JSON page: next %v, %d events", pj["next"], len(pj["events"].([]any)))
	}

	// A type filter keeps its parameter across pages.
	arrests := do(t, h, "GET", "/events.json?type=arrest").json(t)
	if evs := arrests["events"].([]any); len(evs) != 1 || evs[0].(map[string]any)["id"] != f.arrest {
		t.Errorf("type=arrest: %v", arrests)
	}
	wantStatus(t, do(t, h, "GET", "/events?type=picnic"), 400)
	fd := do(t, h, "GET", "/events?type=charge&lang=en").doc(t)
	if got := text(fd, `nav.filter a[aria-current]`); got != "Charge" {
		t.Errorf("current filter %q", got)
	}
	// JSON carries the cursor.
	h1 := f.site(t, Options{PageSize: 1})
	m := do(t, h1, "GET", "/documents.json").json(t)
	first, _ := m["next"].(string)
	if first == "" || len(m["documents"].([]any)) != 1 {
		t.Fatalf("documents page 1: %v", m)
	}
	m2 := do(t, h1, "GET", "/documents.json?after="+first).json(t)
	docs := m2["documents"].([]any)
	if len(docs) != 1 || docs[0].(map[string]any)["id"] == first || m2["next"] != nil {
		t.Errorf("documents page 2 after %s: %v", first, m2)
	}
}
