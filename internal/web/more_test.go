package web

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
	"github.com/kamnotra/kamnotra/internal/warc"
)

func newTestLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// brokenStore fails every listing of events with an internal error.
type brokenStore struct{ store.Store }

func (brokenStore) Events(context.Context, store.EventFilter) ([]record.Event, error) {
	return nil, errors.New("disk on fire at /var/lib/kamnotra")
}

func TestArchive(t *testing.T) {
	f := newFixture(t)
	h := f.site(t, Options{})
	page := do(t, h, "GET", "/documents/"+f.kmDoc+"/archive?lang=en").doc(t)
	textURL, _ := page.Find(`a[href$="/archive/text"]`).Attr("href")
	viewURL, _ := page.Find(`a[href$="/archive/view"]`).Attr("href")
	if textURL == "" || viewURL == "" {
		t.Fatalf("archive page links: text %q view %q", textURL, viewURL)
	}
	// As text: the exact bytes, which a browser shows and never runs.
	tr := do(t, h, "GET", textURL)
	wantStatus(t, tr, 200)
	if ct := tr.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Errorf("archived text Content-Type %q", ct)
	}
	if string(tr.Body) != archivedHTML {
		t.Errorf("archived bytes differ from what was captured")
	}
	if csp := tr.Header.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "sandbox") {
		t.Errorf("archived text CSP %q", csp)
	}
	checkSecurityHeaders(t, tr)
	// As a page: sanitised, sandboxed, Khmer kept.
	vr := do(t, h, "GET", viewURL+"?lang=km")
	wantStatus(t, vr, 200)
	if csp := vr.Header.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "sandbox;") || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("sanitised view CSP %q", csp)
	}
	d := vr.doc(t)
	if n := d.Find("script, style, iframe, img, [onload], [style]").Length(); n != 0 {
		t.Errorf("%d active or tracking elements survived sanitising", n)
	}
	for _, bad := range []string{"archived script", "javascript:", "tracker.example", "steal()"} {
		if bytes.Contains(vr.Body, []byte(bad)) {
			t.Errorf("sanitised view contains %q", bad)
		}
	}
	if got := d.Find("p").Last().Text(); got != kmEvidence {
		t.Errorf("Khmer paragraph %q", got)
	}
	if banner := d.Find(`p[role=note]`).Text(); !strings.Contains(banner, "https://freshnews.example/km/1001.html") || !strings.Contains(banner, "ឆ្នាំ២០២៦") {
		t.Errorf("banner %q", banner)
	}
	// A capture whose WARC file is missing: 404, not 500.
	wantStatus(t, do(t, h, "GET", "/documents/"+f.enDoc+"/archive/view"), 404)
	// A server without an archive says so on the page and answers 503.
	noArch := NewServer(f.st, Options{RatePerSecond: -1})
	if got := do(t, noArch, "GET", "/documents/"+f.kmDoc+"/archive?lang=en").doc(t).Find(".notice").Text(); !strings.Contains(got, "not available") {
		t.Errorf("no-archive notice %q", got)
	}
	wantStatus(t, do(t, noArch, "GET", "/documents/"+f.kmDoc+"/archive/text"), 503)
	// A reference that tries to leave the archive directory is refused.
	_, err := WARCDir{Dir: f.archiveDir}.ReadResponse(context.Background(), record.ArchiveRef{File: "../kamnotra.db"})
	if err == nil || record.ErrorCode(err) != record.ENotFound {
		t.Errorf("escaping ref: %v", err)
	}
}

// fakeSearcher returns fixed hits, some of which readers may not see.
type fakeSearcher struct {
	hits []SearchHit
	got  SearchQuery
}

func (s *fakeSearcher) Search(_ context.Context, q SearchQuery) (*SearchResults, error) {
	s.got = q
	return &SearchResults{Hits: s.hits, Next: "cursor-2"}, nil
}

func TestSearch(t *testing.T) {
	f := newFixture(t)
	none := f.site(t, Options{})
	d := do(t, none, "GET", "/search?q=ភ្លើងទៀន&lang=km").doc(t)
	if got := text(d, ".notice"); !strings.Contains(got, "មិនទាន់ដំណើរការ") {
		t.Errorf("unavailable notice %q", got)
	}
	if v, _ := d.Find("input#q").Attr("value"); v != "ភ្លើងទៀន" {
		t.Errorf("search box keeps %q", v)
	}
	s := &fakeSearcher{hits: []SearchHit{
		{Kind: HitEvent, ID: f.arrest, Title: "Arrest"},
		{Kind: HitEvent, ID: f.rejected, Title: "Rejected appointment"},
		{Kind: HitPerson, ID: "p-chan", Title: "Chan Sreyneang"},
		{Kind: HitPerson, ID: "p-sok", Title: "Sok Vannarith"},
		{Kind: HitDocument, ID: f.kmDoc, Title: "ឯកសារ", Lang: "km"},
		{Kind: HitOrganisation, ID: "ghost", Title: "Phantom Front"},
		{Kind: "spaceship", ID: "x", Title: "Unknown kind"},
	}}
	h := f.site(t, Options{Searcher: s})
	r := do(t, h, "GET", "/search?q=Candlelight&lang=en")
	wantStatus(t, r, 200)
	// Results come 20 a page, not the 50 of other lists: each carries a
	// snippet.
	if s.got.Text != "Candlelight" || s.got.Lang != "en" || s.got.Limit != 20 || !s.got.WithFacets {
		t.Errorf("searcher got %+v", s.got)
	}
	d = r.doc(t)
	var links []string
	d.Find("ol.hits a").Each(func(_ int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		links = append(links, href)
	})
	want := []string{"/events/" + f.arrest, "/people/p-sok", "/documents/" + f.kmDoc}
	if strings.Join(links, " ") != strings.Join(want, " ") {
		t.Errorf("hits %v, want %v", links, want)
	}
	// Records are titled in the reader's language, not the index's.
	dk := do(t, h, "GET", "/search?q=Candlelight&lang=km").doc(t)
	if got := text(dk, "ol.hits li:first-child a"); got != "ការចាប់ខ្លួន, ថ្ងៃទី៥ ខែមីនា ឆ្នាំ២០២៤៖ សុខ វណ្ណារិទ្ធ" {
		t.Errorf("event hit titled %q in Khmer", got)
	}
	if href, _ := d.Find("nav.pager a").Attr("href"); !strings.Contains(href, "q=Candlelight") || !strings.Contains(href, "after=cursor-2") {
		t.Errorf("next page link %q", href)
	}
	m := do(t, h, "GET", "/search.json?q=Candlelight").json(t)
	if n := len(m["hits"].([]any)); n != 3 || m["next"] != "cursor-2" {
		t.Errorf("search JSON %v", m)
	}
}

func TestRateLimiter(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	rl := newRateLimiter(2, 3, nil)
	rl.now = func() time.Time { return now }
	var got []bool
	for range 5 {
		ok, _ := rl.allow("192.0.2.1")
		got = append(got, ok)
	}
	if want := []bool{true, true, true, false, false}; !equalBools(got, want) {
		t.Errorf("burst: %v, want %v", got, want)
	}
	if ok, _ := rl.allow("192.0.2.2"); !ok {
		t.Error("another client shares the first one's bucket")
	}
	_, wait := rl.allow("192.0.2.1")
	if wait <= 0 || wait > time.Second {
		t.Errorf("wait %v, want up to 1/rate", wait)
	}
	now = now.Add(500 * time.Millisecond) // one token back at 2/s
	if ok, _ := rl.allow("192.0.2.1"); !ok {
		t.Error("no token after refilling")
	}
	if ok, _ := rl.allow("192.0.2.1"); ok {
		t.Error("more than the refill allowed")
	}
	now = now.Add(10 * time.Minute)
	rl.allow("192.0.2.3")
	if _, kept := rl.buckets["192.0.2.1"]; kept {
		t.Error("idle bucket not forgotten")
	}
	// Through the handler: the 429 page with Retry-After.
	f := newFixture(t)
	h := f.site(t, Options{RatePerSecond: 0.01, RateBurst: 2}) // no refill within the test
	var codes []int
	for range 3 {
		r := do(t, h, "GET", "/events.json")
		codes = append(codes, r.StatusCode)
		if r.StatusCode == 429 && r.Header.Get("Retry-After") == "" {
			t.Error("429 without Retry-After")
		}
	}
	if codes[0] != 200 || codes[1] != 200 || codes[2] != 429 {
		t.Errorf("statuses %v, want 200 200 429", codes)
	}
}

func equalBools(a, b []bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestListenOnPortZero(t *testing.T) {
	f := newFixture(t)
	srv, err := Listen("127.0.0.1:0", f.site(t, Options{}), nil)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve() }()
	res, err := http.Get(srv.URL() + "/events/" + f.arrest + ".json")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !bytes.Contains(body, []byte(f.arrest)) {
		t.Errorf("GET over TCP: %d %s", res.StatusCode, body)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Errorf("Serve after Shutdown: %v", err)
	}
}

func TestArchiveJSONAndDevMode(t *testing.T) {
	f := newFixture(t)
	for _, dev := range []bool{false, true} {
		h := f.site(t, Options{Dev: dev})
		m := do(t, h, "GET", "/documents/"+f.kmDoc+"/archive.json").json(t)
		if m["available"] != true || m["text_url"] != "/documents/"+f.kmDoc+"/archive/text" || m["document_id"] != f.kmDoc {
			t.Errorf("dev=%v archive JSON %v", dev, m)
		}
		d := do(t, h, "GET", "/?lang=km").doc(t)
		if got := text(d, "main h1"); got != "ថ្មីៗ" {
			t.Errorf("dev=%v home h1 %q", dev, got)
		}
	}
}

func TestHSTSOnlyOverTLS(t *testing.T) {
	f := newFixture(t)
	h := f.site(t, Options{})
	if v := do(t, h, "GET", "/").Header.Get("Strict-Transport-Security"); v != "" {
		t.Errorf("HSTS over plain HTTP: %q", v)
	}
	if v := do(t, h, "GET", "https://kamnotra.example/").Header.Get("Strict-Transport-Security"); !strings.HasPrefix(v, "max-age=") {
		t.Errorf("HSTS over TLS: %q", v)
	}
}

func TestArchivedFileDownloads(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	pdf := []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n\xff\xfe")
	w, err := warc.NewWriter(f.archiveDir, warc.WriterOptions{})
	must(t, err)
	refs, err := w.Write(&warc.Record{Header: warc.Header{{Name: "WARC-Type", Value: "resource"},
		{Name: "WARC-Target-URI", Value: "https://gazette.example/2024/17.pdf"}, {Name: "Content-Type", Value: "application/pdf"}}, Block: pdf})
	must(t, err)
	must(t, w.Close())
	doc := &record.Document{URL: "https://gazette.example/2024/17.pdf", CanonicalURL: "https://gazette.example/2024/17.pdf",
		Title: "Royal Gazette no. 17", Lang: "km", FetchedAt: time.Now(), Text: "ព្រះរាជក្រឹត្យ", ContentType: "application/pdf",
		SHA256: strings.Repeat("cd", 32), Size: int64(len(pdf)), SourceKind: "pdf",
		Archive: record.ArchiveRef{File: refs[0].File, Offset: refs[0].Offset, Length: refs[0].Length, RecordID: refs[0].RecordID}}
	_, err = f.st.SaveCapture(ctx, doc)
	must(t, err)
	h := f.site(t, Options{})
	page := do(t, h, "GET", "/documents/"+doc.ID+"/archive?lang=en").doc(t)
	if got := text(page, "ul.actions"); got != "Download the archived file" {
		t.Errorf("archive actions for a PDF: %q", got)
	}
	r := do(t, h, "GET", "/documents/"+doc.ID+"/archive/text")
	wantStatus(t, r, 200)
	if ct := r.Header.Get("Content-Type"); ct != "application/octet-stream" {
		t.Errorf("PDF served as %q", ct)
	}
	if cd := r.Header.Get("Content-Disposition"); cd != `attachment; filename=`+doc.ID+`.pdf` {
		t.Errorf("Content-Disposition %q", cd)
	}
	if !bytes.Equal(r.Body, pdf) {
		t.Error("downloaded bytes differ from the archived ones")
	}
	wantStatus(t, do(t, h, "GET", "/documents/"+doc.ID+"/archive/view"), 404)
}
