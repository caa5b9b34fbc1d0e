package web

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// findChromium returns a Chromium to drive, or skips the test: the browser
// is optional on a developer's machine unless KAMNOTRA_REQUIRE_BROWSER=1.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("KAMNOTRA_REQUIRE_BROWSER") == "1" {
		t.Fatal("KAMNOTRA_REQUIRE_BROWSER=1 but no chromium on PATH (apt-get install chromium)")
	}
	t.Skip("no chromium on PATH; set KAMNOTRA_REQUIRE_BROWSER=1 to make this a failure")
	return ""
}

// artifactsDir is where screenshots go: $KAMNOTRA_ARTIFACTS/web, or a
// kamnotra-artifacts folder in the system temp dir.
func artifactsDir(t *testing.T) string {
	base := os.Getenv("KAMNOTRA_ARTIFACTS")
	if base == "" {
		base = filepath.Join(os.TempDir(), "kamnotra-artifacts")
	}
	dir := filepath.Join(base, "web")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestBrowser drives a real headless Chromium over the seeded site on a
// phone-sized screen: the stylesheet applies under the CSP, nothing is
// refused, nothing overflows sideways, the skip link and the language
// switch work from the keyboard, and the cited evidence is scrolled to.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chrome := findChromium(t)
	f := newFixture(t)
	searcher := &resultSearcher{res: &SearchResults{
		Hits: []SearchHit{{Kind: HitDocument, ID: f.enDoc, Title: "Candlelight activist arrested", Snippet: []Fragment{
			{Text: "…police "}, {Text: "arrested", Match: true}, {Text: " a Candlelight activist in Phnom Penh on Tuesday, a lawyer said"}}}},
		Total:  1,
		Facets: map[string]map[string]int{"type": {"arrest": 1}, "outlet": {"camboja": 1}, "party": {"clp": 1}, "province": {"kh-12": 1}},
	}}
	srv, err := Listen("127.0.0.1:0", f.site(t, Options{Searcher: searcher}), nil)
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve()
	t.Cleanup(func() { srv.Shutdown(context.Background()) })
	shots := artifactsDir(t)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox cannot start
		chromedp.DisableGPU,
		chromedp.WindowSize(390, 844),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	defer cancelT()

	var mu sync.Mutex
	var problems []string
	err = chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError || e.Entry.Level == cdplog.EntryLevelWarning {
				problems = append(problems, string(e.Entry.Source)+": "+e.Entry.Text+" "+e.Entry.URL)
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+e.ExceptionDetails.Text)
		}
	})
	if err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("enabling the browser log: %v", err)
	}
	eval := func(expr string) any {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](expr))
		if err != nil {
			t.Fatalf("evaluating %s: %v", expr, err)
		}
		return v
	}
	attr := func(sel, name string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
		if err != nil {
			t.Fatalf("reading %s of %s: %v", name, sel, err)
		}
		return v.Value
	}
	do := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(shots, name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	base := srv.URL()
	pages := []struct{ name, path, lang string }{
		{"home-km", "/?lang=km", "km"},
		{"events-en", "/events?lang=en", "en"},
		{"event-km", "/events/" + f.defection + "?lang=km", "km"},
		{"event-private-en", "/events/" + f.privCharge + "?lang=en", "en"},
		{"document-en", "/documents/" + f.enDoc + "?lang=en", "en"},
		{"person-en", "/people/p-sok?lang=en", "en"},
		{"org-km", "/organisations/clp?lang=km", "km"},
		{"ledger-km", "/ledger?lang=km&by=to-party&type=defection&type=party_join&reports=1", "km"},
		{"ledger-charts-en", "/ledger?lang=en&type=defection&type=arrest", "en"},
		{"search-km", "/search?lang=km&q=arrested&province=kh-12", "km"},
		{"error-km", "/no-such-page?lang=km", "km"},
	}
	for _, p := range pages {
		do(chromedp.Navigate(base+p.path), chromedp.WaitVisible(chromedp.CSS("main h1")))
		if got := attr("html", "lang"); got != p.lang {
			t.Errorf("%s: html lang %q", p.name, got)
		}
		if font, _ := eval(`getComputedStyle(document.body).fontFamily`).(string); !strings.Contains(font, "Khmer") {
			t.Errorf("%s: stylesheet not applied (body font %q)", p.name, font)
		}
		if eval(`document.documentElement.scrollWidth > window.innerWidth + 1`) == true {
			t.Errorf("%s: the page scrolls sideways on a phone", p.name)
		}
		shot(p.name)
	}

	// The search filters work as a plain form: choose, submit, and the
	// searcher gets the filter.
	do(chromedp.Navigate(base+"/search?lang=en&q=arrested"), chromedp.WaitVisible(chromedp.CSS("form.filters")),
		chromedp.SetValue(chromedp.CSS("#f-type"), "arrest"), chromedp.SetValue(chromedp.CSS("#f-from"), "2023-01-01"),
		chromedp.Click(chromedp.CSS(`form.filters button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`nav.facets a[aria-current="true"]`)))
	if loc, _ := eval(`location.search`).(string); !strings.Contains(loc, "type=arrest") || !strings.Contains(loc, "from=2023-01-01") {
		t.Errorf("the filter form went to %q", loc)
	}
	if q := searcher.last(); len(q.Filters["type"]) != 1 || q.Filters["type"][0] != "arrest" || q.From.IsZero() {
		t.Errorf("the searcher got %+v from the form", q)
	}

	// The keyboard: the first Tab shows the skip link, Enter moves focus to main.
	do(chromedp.Navigate(base+"/?lang=en"), chromedp.WaitVisible(chromedp.CSS("main h1")), chromedp.KeyEvent(kb.Tab))
	if cls := eval(`document.activeElement.className`); cls != "skip" {
		t.Errorf("first Tab focuses %q, want the skip link", cls)
	}
	if top, _ := eval(`document.activeElement.getBoundingClientRect().top`).(float64); top < 0 {
		t.Errorf("the focused skip link is off screen (top %v)", top)
	}
	do(chromedp.KeyEvent(kb.Enter), chromedp.Sleep(200*time.Millisecond))
	if id := eval(`document.activeElement.id`); id != "main" {
		t.Errorf("after the skip link focus is on %q, want main", id)
	}

	// The language switch, clicked, sticks for the next page.
	do(chromedp.Click(chromedp.CSS(`nav.lang a[lang="km"]`)), chromedp.WaitVisible(chromedp.CSS(`main h1`)),
		chromedp.Sleep(200*time.Millisecond),
		chromedp.Navigate(base+"/events"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if got := attr("html", "lang"); got != "km" {
		t.Errorf("after choosing Khmer the next page is %q", got)
	}

	// Following a citation scrolls its highlighted evidence into view.
	do(chromedp.Navigate(base+"/events/"+f.defection+"?lang=km"), chromedp.WaitVisible(chromedp.CSS("main h1")),
		chromedp.Click(chromedp.CSS(`ol.citations a[href*="cite="]`)), chromedp.WaitVisible(chromedp.CSS(`mark.current`)),
		chromedp.Sleep(300*time.Millisecond))
	top, _ := eval(`document.querySelector("mark.current").getBoundingClientRect().top`).(float64)
	height, _ := eval(`window.innerHeight`).(float64)
	if top < 0 || top > height {
		t.Errorf("the cited evidence is at %v, outside the %v-pixel screen", top, height)
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(shots, "document-cited-km.png"), png, 0o644)

	// The sanitised archive view runs nothing and loads nothing.
	do(chromedp.Navigate(base+"/documents/"+f.kmDoc+"/archive/view?lang=km"), chromedp.WaitVisible(chromedp.CSS("h1")))
	if n := eval(`document.scripts.length + document.images.length + document.styleSheets.length`); n != float64(0) {
		t.Errorf("the archive view has %v scripts, images or stylesheets", n)
	}
	shot("archive-view-km")

	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		// The 404 page logs its status; anything else (a CSP refusal, a
		// script error, a missing file) is a failure.
		if strings.Contains(p, "404") && strings.Contains(p, "no-such-page") {
			continue
		}
		t.Errorf("browser reported: %s", p)
	}
	t.Logf("screenshots in %s", shots)
}
