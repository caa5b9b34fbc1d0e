package capture

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kamnotra/kamnotra/internal/capture/fetch"
	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/warc"
)

type rig struct {
	dir   string
	store *memStore
}

func newRig(t *testing.T) *rig {
	return &rig{dir: t.TempDir(), store: newMemStore()}
}

func (g *rig) run(t *testing.T, opts Options, sources ...string) *Summary {
	t.Helper()
	w, err := warc.NewWriter(filepath.Join(g.dir, "archive"), warc.WriterOptions{Software: "test"})
	if err != nil {
		t.Fatal(err)
	}
	opts.Store, opts.Archive = g.store, w
	if opts.Parsers.Sniff == nil {
		opts.Parsers = testParsers()
	}
	if opts.Fetcher == nil {
		opts.Fetcher = fetch.New(fetch.Options{AllowPrivate: true, ReadTimeout: 2 * time.Second})
	}
	sum, err := Run(context.Background(), opts, sources)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return sum
}

func (g *rig) verify(t *testing.T) *VerifyReport {
	t.Helper()
	rep, err := Verify(context.Background(), filepath.Join(g.dir, "archive"), g.store)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func (g *rig) records(t *testing.T) int {
	return g.verify(t).Records
}

func writeFiles(t *testing.T, dir string, n int) {
	t.Helper()
	os.MkdirAll(dir, 0o755)
	for i := range n {
		body := fmt.Sprintf("<html><title>ព័ត៌មាន %d</title><p>Sok Dara visited Takeo, report %d.</p></html>", i, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("page-%03d.html", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLocalFilesIdempotent(t *testing.T) {
	g := newRig(t)
	src := filepath.Join(g.dir, "src")
	writeFiles(t, src, 30)
	os.WriteFile(filepath.Join(src, ".hidden.html"), []byte("<html>hidden</html>"), 0o644)
	os.WriteFile(filepath.Join(src, "bad.bin"), []byte{0xff, 0xfe, 0}, 0o644)

	sum := g.run(t, Options{Workers: 4, BatchSize: 7}, src)
	if sum.New != 30 || sum.Failed != 1 || sum.Unchanged != 0 {
		t.Fatalf("first run: %+v", sum)
	}
	if !strings.Contains(sum.Failures[0].Reason, "not HTML") {
		t.Errorf("failure reason %q", sum.Failures[0].Reason)
	}
	rep := g.verify(t)
	if !rep.OK() || rep.Refs != 30 || rep.Unreferenced != 0 {
		t.Fatalf("verify after first run: %+v", rep)
	}
	before := rep.Records

	sum = g.run(t, Options{}, src)
	if sum.New != 0 || sum.Unchanged != 30 || sum.Records != 0 {
		t.Fatalf("second run should change nothing: %+v", sum)
	}
	// A run that archives nothing does not even start a file.
	if got := g.records(t); got != before {
		t.Errorf("records %d after an idle run, want %d", got, before)
	}

	os.WriteFile(filepath.Join(src, "page-007.html"), []byte("<html><title>changed</title></html>"), 0o644)
	sum = g.run(t, Options{}, filepath.Join(src, "page-007.html"), filepath.Join(src, "page-008.html"))
	if sum.NewVersions != 1 || sum.Unchanged != 1 {
		t.Fatalf("after a change: %+v", sum)
	}
	if g.store.versions() != 31 {
		t.Errorf("%d versions stored, want 31", g.store.versions())
	}
	for _, vs := range g.store.docs {
		for _, v := range vs {
			if v.Archive.File == "" || v.Archive.RecordID == "" || v.Archive.Length == 0 || !strings.HasPrefix(v.URL, "file:///") {
				t.Errorf("version without archive location: %+v", v)
			}
		}
	}
	if rep := g.verify(t); !rep.OK() {
		t.Fatalf("verify: %v", rep.Errors)
	}
}

func TestHTTPCapture(t *testing.T) {
	var version atomic.Int32
	version.Store(1)
	var mu sync.Mutex
	hits := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		switch r.URL.Path {
		case "/feed.xml":
			fmt.Fprintf(w, `<rss><channel><item><link>http://%s/a</link></item><item><link>http://%s/b</link></item></channel></rss>`, r.Host, r.Host)
		case "/a", "/b":
			v := version.Load()
			etag := fmt.Sprintf(`"%s-%d"`, r.URL.Path, v)
			w.Header().Set("ETag", etag)
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(304)
				return
			}
			fmt.Fprintf(w, "<html><title>%s v%d</title></html>", r.URL.Path, v)
		case "/old":
			http.Redirect(w, r, "/a", http.StatusMovedPermanently)
		case "/limited":
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(http.StatusTooManyRequests)
		case "/big":
			fmt.Fprint(w, "<html>"+strings.Repeat("ខ្មែរ ", 1000)+"</html>")
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	g := newRig(t)
	fopts := fetch.Options{AllowPrivate: true, ReadTimeout: 2 * time.Second, MaxBodySize: 2000}
	opts := func() Options { return Options{Fetcher: fetch.New(fopts)} }

	sum := g.run(t, opts(), srv.URL+"/feed.xml", srv.URL+"/old", srv.URL+"/missing", srv.URL+"/limited", srv.URL+"/big")
	// /a comes twice (feed and redirect): one new document, then unchanged.
	if sum.New != 3 || sum.Containers != 1 || sum.Failed != 2 {
		t.Fatalf("first run: %+v", sum)
	}
	rep := g.verify(t)
	if !rep.OK() {
		t.Fatalf("verify: %v", rep.Errors)
	}
	st, _ := g.store.SourceState(context.Background(), srv.URL+"/limited")
	if st == nil || st.Failures != 1 || st.LastStatus != 429 || time.Until(st.NextAttempt) < 59*time.Minute {
		t.Fatalf("429 with Retry-After 3600 recorded as %+v", st)
	}
	var big record.Document
	for _, vs := range g.store.docs {
		if strings.HasSuffix(vs[0].URL, "/big") {
			big = vs[0]
		}
	}
	if !hasFlag(big.Flags, record.FlagTruncated) {
		t.Errorf("oversized page not flagged truncated: %v", big.Flags)
	}
	loc, err := Open(filepath.Join(g.dir, "archive"), big.Archive)
	if err != nil || loc.Header.Get("WARC-Truncated") != "length" {
		t.Fatalf("truncated record: %v %v", err, loc)
	}
	checkHTTPRecords(t, g)

	// Second run: feed unchanged by SHA, pages answer 304, the 429 source
	// is deferred without a request.
	hitsBefore := hits["/limited"]
	sum = g.run(t, opts(), srv.URL+"/feed.xml", srv.URL+"/a", srv.URL+"/limited")
	if sum.New+sum.NewVersions != 0 || sum.Unchanged != 2 || sum.Deferred != 1 || sum.Records != 0 {
		t.Fatalf("second run: %+v", sum)
	}
	if hits["/limited"] != hitsBefore {
		t.Errorf("deferred source was fetched anyway")
	}

	// The pages change: new versions.
	version.Store(2)
	sum = g.run(t, opts(), srv.URL+"/a", srv.URL+"/b")
	if sum.NewVersions != 2 {
		t.Fatalf("third run: %+v", sum)
	}
	if rep := g.verify(t); !rep.OK() || rep.Refs != 5 {
		t.Fatalf("verify: %+v", rep)
	}
}

func hasFlag(fs []string, f string) bool {
	for _, x := range fs {
		if x == f {
			return true
		}
	}
	return false
}

// checkHTTPRecords checks the request/response pairing of every HTTP
// record in the archive.
func checkHTTPRecords(t *testing.T, g *rig) {
	t.Helper()
	names, _ := archiveFiles(filepath.Join(g.dir, "archive"))
	byID := map[string]*warc.Located{}
	var all []*warc.Located
	for _, n := range names {
		scanFile(filepath.Join(g.dir, "archive", n), func(l *warc.Located, ce *warc.CorruptError) {
			if ce != nil {
				t.Errorf("%s: %v", n, ce)
				return
			}
			byID[l.ID()] = l
			all = append(all, l)
		})
	}
	responses := 0
	for _, l := range all {
		switch l.Type() {
		case warc.TypeResponse:
			responses++
			req := byID[l.Header.Get("WARC-Concurrent-To")]
			if req == nil || req.Type() != warc.TypeRequest || req.Header.Get("WARC-Concurrent-To") != l.ID() {
				t.Errorf("response %s has no request pointing back", l.ID())
			}
			if l.Header.Get("Content-Type") != warc.ContentTypeHTTPResponse || l.Header.Get("WARC-IP-Address") != "127.0.0.1" ||
				!strings.HasPrefix(l.Header.Get("WARC-Payload-Digest"), "sha256:") || !strings.HasPrefix(l.Header.Get("WARC-Block-Digest"), "sha256:") {
				t.Errorf("response header incomplete: %v", l.Header)
			}
			if !strings.HasPrefix(string(l.Block), "HTTP/1.1 ") {
				t.Errorf("response block does not start with a status line: %q", l.Block[:20])
			}
		}
	}
	if responses == 0 {
		t.Error("no response records")
	}
}

func TestVerifyFindsDamage(t *testing.T) {
	tests := []struct {
		name      string
		damage    func(t *testing.T, path string, refs []record.ArchiveRef, st *memStore)
		errs      string
		warnOnly  bool
		wantWarns int
	}{
		{"torn tail is a warning", func(t *testing.T, path string, refs []record.ArchiveRef, st *memStore) {
			f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
			f.Write([]byte{0x1f, 0x8b, 0x08, 0, 0, 0})
			f.Close()
		}, "", true, 1},
		{"flipped byte in a referenced record", func(t *testing.T, path string, refs []record.ArchiveRef, st *memStore) {
			b, _ := os.ReadFile(path)
			b[refs[1].Offset+refs[1].Length/2] ^= 0x55
			os.WriteFile(path, b, 0o644)
		}, "refers", false, 0}, // "to an offset where no readable record starts", or "into unreadable bytes at the end" when it was the last
		{"store sha differs", func(t *testing.T, path string, refs []record.ArchiveRef, st *memStore) {
			for k, vs := range st.docs {
				vs[0].SHA256 = strings.Repeat("0", 64)
				st.docs[k] = vs
				break
			}
		}, "archived payload hashes to", false, 0},
		{"missing file", func(t *testing.T, path string, refs []record.ArchiveRef, st *memStore) {
			os.Remove(path)
		}, "does not exist", false, 0},
		{"record id differs", func(t *testing.T, path string, refs []record.ArchiveRef, st *memStore) {
			for k, vs := range st.docs {
				vs[0].Archive.RecordID = "<urn:uuid:00000000-0000-4000-8000-000000000000>"
				st.docs[k] = vs
				break
			}
		}, "expects record", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newRig(t)
			src := filepath.Join(g.dir, "src")
			writeFiles(t, src, 3)
			g.run(t, Options{}, src)
			var refs []record.ArchiveRef
			for _, vs := range g.store.docs {
				refs = append(refs, vs[0].Archive)
			}
			path := filepath.Join(g.dir, "archive", refs[0].File)
			tt.damage(t, path, refs, g.store)
			rep := g.verify(t)
			if tt.warnOnly {
				if !rep.OK() || len(rep.Warnings) != tt.wantWarns {
					t.Fatalf("want only %d warnings: %+v", tt.wantWarns, rep)
				}
				return
			}
			if rep.OK() {
				t.Fatal("verify found nothing wrong")
			}
			found := false
			for _, p := range rep.Errors {
				found = found || strings.Contains(p.What, tt.errs)
			}
			if !found {
				t.Fatalf("no error with %q in %v", tt.errs, rep.Errors)
			}
		})
	}
}

func TestTelegramMessages(t *testing.T) {
	g := newRig(t)
	export := filepath.Join(g.dir, "result.json")
	os.WriteFile(export, []byte(`{"name":"Demo channel","messages":[]}`), 0o644)
	parsers := testParsers()
	sniff := parsers.Sniff
	parsers.Sniff = func(ct string, b []byte) string {
		if strings.Contains(string(b), `"messages"`) {
			return KindTelegram
		}
		return sniff(ct, b)
	}
	date := time.Date(2026, 2, 3, 9, 30, 0, 0, time.FixedZone("ICT", 7*3600))
	parsers.Telegram = func(b []byte) ([]Message, error) {
		return []Message{
			{URI: "https://t.me/demo/1", Date: date, Text: "First line\nmore", Raw: []byte(`{"id":1}`)},
			{URI: "https://t.me/demo/2", Date: date, Text: "Second", Raw: []byte(`{"id":2}`)},
		}, nil
	}
	sum := g.run(t, Options{Parsers: parsers}, export)
	if sum.New != 2 || sum.Containers != 1 {
		t.Fatalf("%+v", sum)
	}
	d := g.store.docs["https://t.me/demo/1"][0]
	if d.Title != "First line" || d.SourceKind != "telegram" || !d.PublishedAt.Equal(date) || d.Published.Day != 3 {
		t.Errorf("message document %+v", d)
	}
	loc, err := Open(filepath.Join(g.dir, "archive"), d.Archive)
	if err != nil || loc.Type() != warc.TypeResource || string(loc.Block) != `{"id":1}` || loc.TargetURI() != "https://t.me/demo/1" {
		t.Fatalf("message record: %v %+v", err, loc)
	}
	if exp := loc.Header.Get("WARC-Concurrent-To"); exp == "" {
		t.Error("message record does not refer to the export's record")
	}
	if sum.Records != 3 {
		t.Errorf("%d records, want the export and two messages", sum.Records)
	}
	if sum := g.run(t, Options{Parsers: parsers}, export); sum.Unchanged != 2 || sum.Records != 0 {
		t.Fatalf("second run: %+v", sum)
	}
}

// TestRealParsers runs the pipeline with packages document and feed on a
// local site with a feed, a sitemap index and its child sitemap.
func TestRealParsers(t *testing.T) {
	var host string
	page := func(title, text string) string {
		return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body><article><h1>" + title + "</h1><p>" + text + "</p><p>" + text + "</p></article></body></html>"
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Demo</title><link>http://%[1]s/</link>
<item><title>One</title><link>http://%[1]s/news/1</link></item>
<item><title>Two</title><link>/news/2</link></item></channel></rss>`, host)
		case "/sitemap.xml":
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>http://%s/sitemap-1.xml</loc></sitemap></sitemapindex>`, host)
		case "/sitemap-1.xml":
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://%[1]s/news/3</loc></url><url><loc>http://%[1]s/news/4</loc></url></urlset>`, host)
		case "/news/1", "/news/2", "/news/3", "/news/4":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, page("Report "+r.URL.Path, "Heng Dalin told reporters in Kratie that the new clinic would open in March, a provincial official said on Tuesday."))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	host = strings.TrimPrefix(srv.URL, "http://")
	g := newRig(t)
	sum := g.run(t, Options{Parsers: DefaultParsers(nil)}, srv.URL+"/feed.xml", srv.URL+"/sitemap.xml")
	if sum.New != 4 || sum.Containers != 3 || sum.Failed != 0 {
		t.Fatalf("%+v", sum)
	}
	for _, vs := range g.store.docs {
		d := vs[0]
		if !strings.HasPrefix(d.Title, "Report /news/") || d.Lang != "en" || d.SourceKind != "html" || !strings.Contains(d.Text, "Heng Dalin") {
			t.Errorf("document read badly: %+v", d)
		}
	}
	if rep := g.verify(t); !rep.OK() || rep.Refs != 4 {
		t.Fatalf("verify: %+v", rep)
	}
	// Feeds and sitemaps are archived too, but are no documents.
	if rep := g.verify(t); rep.Unreferenced != 3 {
		t.Errorf("%d unreferenced records, want the feed and two sitemaps", rep.Unreferenced)
	}
}

// TestDiskFull fills the disk in the middle of a capture: the run stops
// with an error, nothing stored refers to a record that is not whole on
// disk, no torn record stays in the file, and a run with space completes.
func TestDiskFull(t *testing.T) {
	g := newRig(t)
	src := filepath.Join(g.dir, "src")
	writeFiles(t, src, 200)
	w, err := warc.NewWriter(filepath.Join(g.dir, "archive"), warc.WriterOptions{Create: func(path string) (warc.File, error) {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return nil, err
		}
		return &warc.FullDisk{File: f, Budget: 20 << 10}, nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := Run(context.Background(), Options{Store: g.store, Archive: w, Parsers: testParsers(), Workers: 2, BatchSize: 10}, []string{src})
	w.Close()
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("want a disk-full error, got %v", err)
	}
	if sum.Failed == 0 || sum.New == 0 || sum.New >= 200 {
		t.Fatalf("want some stored and some failed: %+v", sum)
	}
	rep := g.verify(t)
	if !rep.OK() || len(rep.Warnings) != 0 || rep.Refs != sum.New {
		t.Fatalf("after a full disk: %+v", rep)
	}
	sum = g.run(t, Options{}, src)
	if sum.New+sum.Failed != 200-rep.Refs || sum.Failed != 0 {
		t.Fatalf("second run: %+v (first stored %d)", sum, rep.Refs)
	}
	if got := g.store.versions(); got != 200 {
		t.Fatalf("%d documents after the second run, want 200", got)
	}
	if rep := g.verify(t); !rep.OK() {
		t.Fatalf("verify: %v", rep.Errors)
	}
}

func TestSameSourceOnce(t *testing.T) {
	g := newRig(t)
	src := filepath.Join(g.dir, "src")
	writeFiles(t, src, 3)
	one := filepath.Join(src, "page-001.html")
	sum := g.run(t, Options{Workers: 4}, one, one, src, one)
	if sum.New != 3 || sum.Unchanged != 0 || sum.Records != 3 {
		t.Fatalf("a file named several times must be captured once: %+v", sum)
	}
}

func TestBrokenStoreStops(t *testing.T) {
	g := newRig(t)
	src := filepath.Join(g.dir, "src")
	writeFiles(t, src, 50)
	g.store.broken = errors.New("database is gone")
	w, _ := warc.NewWriter(filepath.Join(g.dir, "archive"), warc.WriterOptions{})
	defer w.Close()
	_, err := Run(context.Background(), Options{Store: g.store, Archive: w, Parsers: testParsers(), BatchSize: 5}, []string{src})
	if err == nil || !strings.Contains(err.Error(), "database is gone") {
		t.Fatalf("want the run to stop on a broken store, got %v", err)
	}
}

// TestCancel interrupts a capture (Ctrl-C): Run reports the cancellation,
// and what was archived and stored is consistent.
func TestCancel(t *testing.T) {
	var served atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		time.Sleep(20 * time.Millisecond)
		fmt.Fprintf(w, "<html><title>%s</title></html>", r.URL.Path)
	}))
	defer srv.Close()
	var urls []string
	for i := range 200 {
		urls = append(urls, fmt.Sprintf("%s/p/%d", srv.URL, i))
	}
	g := newRig(t)
	w, _ := warc.NewWriter(filepath.Join(g.dir, "archive"), warc.WriterOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for served.Load() < 40 {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	sum, err := Run(ctx, Options{Store: g.store, Archive: w, Parsers: testParsers(), Workers: 4,
		Fetcher: fetch.New(fetch.Options{AllowPrivate: true, PerHostConcurrency: 4})}, urls)
	w.Close()
	if err == nil || !strings.Contains(err.Error(), "context canceled") {
		t.Fatalf("want the cancellation reported, got %v", err)
	}
	if sum.New == 0 || sum.New >= 200 || served.Load() >= 200 {
		t.Fatalf("cancel should stop midway: %+v, %d served", sum, served.Load())
	}
	if rep := g.verify(t); !rep.OK() || rep.Refs != sum.New {
		t.Fatalf("after cancel: %+v (stored %d)", rep, sum.New)
	}
}

// TestLedgerWithDocuments checks that a document and its ledger entry are
// saved together: a document the store refuses leaves no ledger entry (so
// the next run tries it again) while the rest of its batch keeps theirs.
func TestLedgerWithDocuments(t *testing.T) {
	tests := []struct {
		name   string
		files  int
		refuse int // index of the file whose document the store refuses; -1 for none
	}{
		{"all saved", 30, -1},
		{"one refused in the batch", 30, 7},
		{"first refused", 5, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newRig(t)
			src := filepath.Join(g.dir, "src")
			writeFiles(t, src, tt.files)
			uri := func(i int) string {
				u, err := fileURI(filepath.Join(src, fmt.Sprintf("page-%03d.html", i)))
				if err != nil {
					t.Fatal(err)
				}
				return u
			}
			if tt.refuse >= 0 {
				g.store.refuse = uri(tt.refuse)
			}
			sum := g.run(t, Options{Workers: 3, BatchSize: 10}, src)
			wantFailed := 0
			if tt.refuse >= 0 {
				wantFailed = 1
			}
			if sum.New != tt.files-wantFailed || sum.Failed != wantFailed {
				t.Errorf("new %d, failed %d; want %d, %d (%+v)", sum.New, sum.Failed, tt.files-wantFailed, wantFailed, sum.Failures)
			}
			for i := range tt.files {
				st, err := g.store.SourceState(context.Background(), uri(i))
				if i == tt.refuse {
					if !record.IsNotFound(err) {
						t.Errorf("refused file %d has a ledger entry %+v (%v): the next run would skip it", i, st, err)
					}
					continue
				}
				if err != nil {
					t.Errorf("file %d: %v", i, err)
					continue
				}
				docs := g.store.docs[uri(i)]
				if len(docs) != 1 || docs[0].SHA256 != st.SHA256 {
					t.Errorf("file %d: ledger SHA-256 %s does not match its document %+v", i, st.SHA256, docs)
				}
			}
			// The refused file is captured by the next run; nothing else.
			g.store.refuse = ""
			sum = g.run(t, Options{Workers: 3, BatchSize: 10}, src)
			if sum.New != wantFailed || sum.Unchanged != tt.files-wantFailed || sum.Failed != 0 {
				t.Errorf("second run: new %d, unchanged %d, failed %d; want %d, %d, 0", sum.New, sum.Unchanged, sum.Failed, wantFailed, tt.files-wantFailed)
			}
		})
	}
}

// TestLedgerReadAhead checks that the ledger is read many items per query
// rather than one query per item, and that the entries read ahead are the
// right ones: a second run over the same files finds every one unchanged.
func TestLedgerReadAhead(t *testing.T) {
	for _, n := range []int{1, 40, 3*prefetchAhead + 5} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			g := newRig(t)
			src := filepath.Join(g.dir, "src")
			writeFiles(t, src, n)
			const workers = 4
			for run := range 2 {
				g.store.stateReads = 0
				sum := g.run(t, Options{Workers: workers}, src)
				if run == 0 && sum.New != n || run == 1 && sum.Unchanged != n || sum.Failed != 0 {
					t.Fatalf("run %d: %+v", run, sum)
				}
				// Each query reads the entries of up to prefetchAhead
				// queued items; workers starting at once may each make one.
				if most := n/prefetchAhead + workers + 1; g.store.stateReads > most {
					t.Errorf("run %d: %d ledger queries for %d files, want at most %d", run, g.store.stateReads, n, most)
				}
			}
		})
	}
}
