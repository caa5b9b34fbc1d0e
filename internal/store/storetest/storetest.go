// Package storetest is the conformance suite every store.Store passes: the
// SQLite and PostgreSQL stores run the same tests, so the rest of Kamnotra
// can rely on one behaviour whichever database holds the record.
package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

// Opener returns an empty, migrated store that the test may use until it
// ends; the opener registers its cleanup with t.
type Opener func(t *testing.T) store.Store

// Run runs the whole suite against stores made by open.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, Opener)
	}{
		{"Outlets", testOutlets},
		{"SaveCapture", testSaveCapture},
		{"SaveCaptureValidation", testSaveCaptureValidation},
		{"SaveCaptures", testSaveCaptures},
		{"SaveCaptureConcurrent", testSaveCaptureConcurrent},
		{"SaveCapturesConcurrent", testSaveCapturesConcurrent},
		{"Documents", testDocuments},
		{"DocumentsPagination", testDocumentsPagination},
		{"ArchiveRefs", testArchiveRefs},
		{"SourceState", testSourceState},
		{"SourceStates", testSourceStates},
		{"SaveCapturesWithStates", testSaveCapturesWithStates},
		{"People", testPeople},
		{"NamesRoundTrip", testNamesRoundTrip},
		{"Organisations", testOrganisations},
		{"Places", testPlaces},
		{"Events", testEvents},
		{"DatePrecision", testDatePrecision},
		{"EventFilters", testEventFilters},
		{"EventsPagination", testEventsPagination},
		{"Citations", testCitations},
		{"ReplaceExtraction", testReplaceExtraction},
		{"ReplaceExtractionAtomic", testReplaceExtractionAtomic},
		{"ReplaceExtractionPeople", testReplaceExtractionPeople},
		{"ReplaceExtractions", testReplaceExtractions},
		{"PersonEvents", testPersonEvents},
		{"Memberships", testMemberships},
		{"NotFound", testNotFound},
		{"TextLimits", testTextLimits},
		{"Merges", runMerges},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Each test has a store of its own, so they may overlap: a
			// server database spends most of a test waiting.
			t.Parallel()
			tt.fn(t, open)
		})
	}
}

// Fixtures: invented people and places in the style of the real reports.

const (
	khmerName    = "សុខ វណ្ណារី"        // a Khmer-script name with a space
	khmerNameZW  = "សុខ\u200bវណ្ណារី"   // the same with a zero-width space, as some sites write it
	khmerParty   = "គណបក្សភ្លើងទៀនថ្មី" // invented party name
	khmerText    = "លោក សុខ វណ្ណារី បានចូលរួមជាមួយគណបក្ស កាលពីថ្ងៃទី៣ ខែកុម្ភៈ។"
	khmerTextAlt = "លោក សុខ វណ្ណារី បានចូលរួមជាមួយគណបក្ស កាលពីថ្ងៃទី៤ ខែកុម្ភៈ។"
)

func ctxT(t *testing.T) context.Context { return t.Context() }

func sha(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// doc returns a captured document of outlet (may be "") at url with text.
func doc(url, outlet, text string, fetched time.Time) *record.Document {
	return &record.Document{
		URL:          url + "?utm_source=feed",
		CanonicalURL: url,
		OutletID:     outlet,
		Title:        "Title of " + url,
		Byline:       "Staff reporter",
		Lang:         record.LangKhmer,
		FetchedAt:    fetched,
		Text:         text,
		ContentType:  "text/html; charset=utf-8",
		SHA256:       sha(text),
		Size:         int64(len(text)) + 100,
		Archive:      record.ArchiveRef{File: "2026/11/capture-00001.warc.gz", Offset: 1234, Length: 567, RecordID: "<urn:uuid:" + sha(url)[:8] + ">"},
		SourceKind:   "html",
		Flags:        []string{record.FlagLegacyEncode},
	}
}

var t0 = time.Date(2026, 11, 25, 8, 30, 15, 123456000, time.UTC)

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want one with code %s", code)
	}
	if got := record.ErrorCode(err); got != code {
		t.Fatalf("got error %q with code %s, want code %s", err, got, code)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func equal(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %+v\n want %+v", what, got, want)
	}
}

func testOutlets(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	fresh := &record.Outlet{
		ID:      "fresh-news-test",
		Names:   record.Names{{Lang: "en", Script: "Latn", Value: "Fresh Test", Kind: record.NameOfficial}, {Lang: "km", Script: "Khmr", Value: "ហ្វ្រេសតេស្ត"}},
		Kind:    record.OutletProGovernment,
		Langs:   []string{"km", "en"},
		Domains: []string{"freshtest.example"},
		Feeds:   []string{"https://freshtest.example/feed"},
	}
	monitor := &record.Outlet{ID: "a-monitor", Names: record.Names{{Value: "A Monitor"}}, Kind: record.OutletMonitor}
	must(t, s.PutOutlet(ctx, fresh))
	must(t, s.PutOutlet(ctx, monitor))
	got, err := s.Outlet(ctx, fresh.ID)
	must(t, err)
	equal(t, "outlet", got, fresh)

	fresh.Kind = record.OutletOfficial
	fresh.Feeds = nil
	must(t, s.PutOutlet(ctx, fresh))
	got, err = s.Outlet(ctx, fresh.ID)
	must(t, err)
	equal(t, "replaced outlet", got, fresh)

	all, err := s.Outlets(ctx)
	must(t, err)
	equal(t, "outlets", all, []record.Outlet{*monitor, *fresh})

	_, err = s.Outlet(ctx, "nope")
	wantCode(t, err, record.ENotFound)
}

func testSaveCapture(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	must(t, s.PutOutlet(ctx, &record.Outlet{ID: "out", Kind: record.OutletIndependent}))
	d := doc("https://news.example/a/1", "out", khmerText, t0)
	d.Published = record.Date{Year: 2023, Month: 2, Day: 3}
	d.PublishedAt = time.Date(2023, 2, 3, 9, 15, 0, 0, time.FixedZone("ICT", 7*3600))

	steps := []struct {
		name        string
		text        string
		fetched     time.Time
		want        store.SaveOutcome
		wantVersion int
	}{
		{"first capture", khmerText, t0, store.SavedNew, 1},
		{"same bytes again", khmerText, t0.Add(time.Hour), store.SavedUnchanged, 1},
		{"edited", khmerTextAlt, t0.Add(2 * time.Hour), store.SavedNewVersion, 2},
		{"edited again, same bytes", khmerTextAlt, t0.Add(3 * time.Hour), store.SavedUnchanged, 2},
		{"changed back", khmerText, t0.Add(4 * time.Hour), store.SavedNewVersion, 3},
	}
	var lastSaved record.Document
	for _, st := range steps {
		c := *d
		c.ID = ""
		c.Text, c.SHA256, c.FetchedAt = st.text, sha(st.text), st.fetched
		c.Title = "Title " + st.name
		out, err := s.SaveCapture(ctx, &c)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if out != st.want || c.Version != st.wantVersion {
			t.Fatalf("%s: got %s version %d, want %s version %d", st.name, out, c.Version, st.want, st.wantVersion)
		}
		if c.ID != store.DocumentID(d.CanonicalURL) {
			t.Fatalf("%s: ID %q, want %q derived from the canonical URL", st.name, c.ID, store.DocumentID(d.CanonicalURL))
		}
		if out != store.SavedUnchanged {
			lastSaved = c
		}
		got, err := s.Document(ctx, c.ID)
		must(t, err)
		// Nothing is written for unchanged bytes: the stored document is
		// the last one saved, with its fetch time and title.
		want := lastSaved
		want.PublishedAt = want.PublishedAt.UTC()
		want.FetchedAt = want.FetchedAt.UTC()
		equal(t, st.name+": stored document", got, &want)
	}

	byURL, err := s.DocumentByURL(ctx, d.CanonicalURL)
	must(t, err)
	if byURL.ID != store.DocumentID(d.CanonicalURL) || byURL.Version != 3 {
		t.Errorf("DocumentByURL: got %s v%d", byURL.ID, byURL.Version)
	}
	vs, err := s.DocumentVersions(ctx, byURL.ID)
	must(t, err)
	if len(vs) != 3 {
		t.Fatalf("got %d versions, want 3", len(vs))
	}
	wantTexts := []string{khmerText, khmerTextAlt, khmerText}
	wantTitles := []string{"Title first capture", "Title edited", "Title changed back"}
	for i, v := range vs {
		if v.Version != i+1 || v.Text != wantTexts[i] || v.SHA256 != sha(wantTexts[i]) || v.Title != wantTitles[i] || v.DocumentID != byURL.ID {
			t.Errorf("version %d: got %+v", i+1, v)
		}
		if v.Archive != d.Archive {
			t.Errorf("version %d archive: got %+v, want %+v", i+1, v.Archive, d.Archive)
		}
	}
	if !vs[0].FetchedAt.Equal(t0) || !vs[1].FetchedAt.Equal(t0.Add(2*time.Hour)) {
		t.Errorf("version fetch times: %v, %v", vs[0].FetchedAt, vs[1].FetchedAt)
	}

	// A caller's own ID is kept, and a second document may not take the
	// canonical URL of the first.
	own := doc("file:///exports/telegram/1.json", "", "text", t0)
	own.ID = "dtelegram-1"
	out, err := s.SaveCapture(ctx, own)
	must(t, err)
	if out != store.SavedNew || own.ID != "dtelegram-1" {
		t.Errorf("own ID: got %s %s", out, own.ID)
	}
	clash := doc("file:///exports/telegram/1.json", "", "other text", t0)
	clash.ID = "dtelegram-other"
	_, err = s.SaveCapture(ctx, clash)
	wantCode(t, err, record.EConflict)

	// FetchedAt defaults to now; times come back in UTC to the microsecond.
	before := time.Now().Add(-time.Second)
	nf := doc("https://news.example/a/now", "", "now", time.Time{})
	saveDoc(t, s, nf)
	got, err := s.Document(ctx, nf.ID)
	must(t, err)
	if got.FetchedAt.Before(before) || got.FetchedAt.Location() != time.UTC || got.FetchedAt.Nanosecond()%1000 != 0 {
		t.Errorf("default fetch time %v", got.FetchedAt)
	}
}

func saveDoc(t *testing.T, s store.Store, d *record.Document) store.SaveOutcome {
	t.Helper()
	out, err := s.SaveCapture(t.Context(), d)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func saveDocs(t *testing.T, s store.Store, ds []*record.Document) []store.SaveOutcome {
	t.Helper()
	outs, err := s.SaveCaptures(t.Context(), ds)
	if err != nil {
		t.Fatal(err)
	}
	return outs
}

func testSaveCaptureValidation(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	tests := []struct {
		name string
		edit func(d *record.Document)
		code string
	}{
		{"no URL at all", func(d *record.Document) { d.URL, d.CanonicalURL = "", "" }, record.EInvalid},
		{"no SHA-256", func(d *record.Document) { d.SHA256 = "" }, record.EInvalid},
		{"unknown outlet", func(d *record.Document) { d.OutletID = "no-such-outlet" }, record.EInvalid},
		{"invalid UTF-8 text", func(d *record.Document) { d.Text = "abc\xff" }, record.EInvalid},
		{"NUL in title", func(d *record.Document) { d.Title = "a\x00b" }, record.EInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := doc("https://news.example/v/"+strings.ReplaceAll(tt.name, " ", "-"), "", "text", t0)
			tt.edit(d)
			_, err := s.SaveCapture(ctx, d)
			wantCode(t, err, tt.code)
		})
	}
	// Nothing of the refused documents was kept.
	docs, err := s.Documents(ctx, store.DocumentFilter{})
	must(t, err)
	if len(docs) != 0 {
		t.Errorf("refused captures left %d documents", len(docs))
	}
	// Only a URL: it is the canonical URL too.
	d := doc("", "", "text", t0)
	d.URL = "https://news.example/only-url"
	saveDoc(t, s, d)
	if d.CanonicalURL != d.URL || d.ID != store.DocumentID(d.URL) {
		t.Errorf("URL only: canonical %q, ID %q", d.CanonicalURL, d.ID)
	}
}

func testSaveCaptures(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	must(t, s.PutOutlet(ctx, &record.Outlet{ID: "out", Kind: record.OutletIndependent}))
	saveDoc(t, s, doc("https://b.example/0", "out", "zero", t0))

	batch := []*record.Document{
		doc("https://b.example/0", "out", "zero", t0),        // unchanged
		doc("https://b.example/1", "out", "one", t0),         // new
		doc("https://b.example/2", "out", "two", t0),         // new
		doc("https://b.example/1", "out", "one, edited", t0), // the same document again in the batch
	}
	outs, err := s.SaveCaptures(ctx, batch)
	must(t, err)
	equal(t, "outcomes", outs, []store.SaveOutcome{store.SavedUnchanged, store.SavedNew, store.SavedNew, store.SavedNewVersion})
	equal(t, "versions", []int{batch[0].Version, batch[1].Version, batch[2].Version, batch[3].Version}, []int{1, 1, 1, 2})

	// One bad document refuses the whole batch.
	bad := []*record.Document{
		doc("https://b.example/3", "out", "three", t0),
		doc("https://b.example/4", "missing-outlet", "four", t0),
	}
	_, err = s.SaveCaptures(ctx, bad)
	wantCode(t, err, record.EInvalid)
	_, err = s.DocumentByURL(ctx, "https://b.example/3")
	wantCode(t, err, record.ENotFound)

	outs, err = s.SaveCaptures(ctx, nil)
	if err != nil || len(outs) != 0 {
		t.Errorf("empty batch: %v %v", outs, err)
	}
}

func testSaveCaptureConcurrent(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	const workers, urls = 6, 15
	var (
		mu       sync.Mutex
		outcomes = map[string][]store.SaveOutcome{}
		wg       sync.WaitGroup
		errs     = make(chan error, workers*urls*2)
	)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range urls {
				// Every worker saves the same bytes of the shared URLs…
				u := fmt.Sprintf("https://c.example/shared/%d", (i+w)%urls)
				d := doc(u, "", "same text "+u, t0)
				out, err := s.SaveCapture(ctx, d)
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				outcomes[u] = append(outcomes[u], out)
				mu.Unlock()
				// …and its own bytes of one contested URL.
				c := doc("https://c.example/contested", "", fmt.Sprintf("worker %d edit %d", w, i), t0)
				if _, err := s.SaveCapture(ctx, c); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for u, outs := range outcomes {
		news := 0
		for _, o := range outs {
			switch o {
			case store.SavedNew:
				news++
			case store.SavedUnchanged:
			default:
				t.Errorf("%s: outcome %s for identical bytes", u, o)
			}
		}
		if news != 1 || len(outs) != workers {
			t.Errorf("%s: %d new of %d saves, want 1 of %d", u, news, len(outs), workers)
		}
		vs, err := s.DocumentVersions(ctx, store.DocumentID(u))
		must(t, err)
		if len(vs) != 1 {
			t.Errorf("%s: %d versions, want 1", u, len(vs))
		}
	}
	vs, err := s.DocumentVersions(ctx, store.DocumentID("https://c.example/contested"))
	must(t, err)
	if len(vs) != workers*urls {
		t.Errorf("contested URL: %d versions, want %d (every save had new bytes)", len(vs), workers*urls)
	}
	for i, v := range vs {
		if v.Version != i+1 {
			t.Fatalf("contested URL: version %d at position %d: versions must be 1..n without gaps", v.Version, i)
		}
	}
	d, err := s.DocumentByURL(ctx, "https://c.example/contested")
	must(t, err)
	if d.Version != len(vs) || d.Text != vs[len(vs)-1].Text {
		t.Errorf("contested URL: document at version %d with text %q, want the last version %d", d.Version, d.Text, len(vs))
	}
}

// testSaveCapturesConcurrent runs batches over the same documents at once,
// in opposite orders, as two capture runs over one feed would: each must
// succeed (a database that detects a deadlock must have the batch retried)
// and every document must end with one version per batch.
func testSaveCapturesConcurrent(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	const workers, urls = 4, 12
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	news := make(chan int, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var batch []*record.Document
			for i := range urls {
				if w%2 == 1 {
					i = urls - 1 - i
				}
				batch = append(batch, doc(fmt.Sprintf("https://cb.example/%d", i), "", fmt.Sprintf("batch %d of %d", w, i), t0))
			}
			outs, err := s.SaveCaptures(ctx, batch)
			if err != nil {
				errs <- err
				return
			}
			n := 0
			for _, o := range outs {
				switch o {
				case store.SavedNew:
					n++
				case store.SavedUnchanged:
					errs <- fmt.Errorf("worker %d: unchanged outcome for new bytes", w)
					return
				}
			}
			news <- n
		}()
	}
	wg.Wait()
	close(errs)
	close(news)
	for err := range errs {
		t.Fatal(err)
	}
	total := 0
	for n := range news {
		total += n
	}
	if total != urls {
		t.Errorf("%d documents saved as new, want %d (one per URL)", total, urls)
	}
	for i := range urls {
		vs, err := s.DocumentVersions(ctx, store.DocumentID(fmt.Sprintf("https://cb.example/%d", i)))
		must(t, err)
		if len(vs) != workers {
			t.Errorf("document %d: %d versions, want %d", i, len(vs), workers)
		}
		for j, v := range vs {
			if v.Version != j+1 {
				t.Errorf("document %d: version %d at position %d", i, v.Version, j)
			}
		}
	}
}

func testDocuments(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	must(t, s.PutOutlet(ctx, &record.Outlet{ID: "a", Kind: record.OutletIndependent}))
	must(t, s.PutOutlet(ctx, &record.Outlet{ID: "b", Kind: record.OutletProGovernment}))
	mk := func(name, outlet, lang string, edit func(*record.Document)) {
		d := doc("https://f.example/"+name, outlet, "text of "+name, t0)
		d.Lang = lang
		if edit != nil {
			edit(d)
		}
		saveDoc(t, s, d)
	}
	// Sort times: PublishedAt, else Published's first day, else FetchedAt.
	mk("jan", "a", "km", func(d *record.Document) { d.Published = record.Date{Year: 2023, Month: 1} })
	mk("feb", "a", "en", func(d *record.Document) {
		d.PublishedAt = time.Date(2023, 2, 10, 12, 0, 0, 0, time.UTC)
		d.Published = record.Date{Year: 2023, Month: 2, Day: 10}
	})
	mk("mar", "b", "km", func(d *record.Document) { d.Published = record.Date{Year: 2023, Month: 3, Day: 31} })
	mk("fetched", "b", "km", func(d *record.Document) { d.FetchedAt = time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC) })
	mk("none", "", "mul", nil) // fetched t0, 2026
	must(t, s.ReplaceExtraction(ctx, store.Extraction{DocumentID: store.DocumentID("https://f.example/mar"), DocumentVersion: 1, ExtractorVersion: "v2"}))
	must(t, s.ReplaceExtraction(ctx, store.Extraction{DocumentID: store.DocumentID("https://f.example/jan"), DocumentVersion: 1, ExtractorVersion: "v1"}))

	tests := []struct {
		name string
		f    store.DocumentFilter
		want []string
	}{
		{"all, newest first", store.DocumentFilter{}, []string{"none", "fetched", "mar", "feb", "jan"}},
		{"outlet", store.DocumentFilter{OutletID: "a"}, []string{"feb", "jan"}},
		{"lang", store.DocumentFilter{Lang: "km"}, []string{"fetched", "mar", "jan"}},
		{"from inclusive", store.DocumentFilter{From: time.Date(2023, 2, 10, 12, 0, 0, 0, time.UTC)}, []string{"none", "fetched", "mar", "feb"}},
		{"to exclusive", store.DocumentFilter{To: time.Date(2023, 2, 10, 12, 0, 0, 0, time.UTC)}, []string{"jan"}},
		{"range on published day", store.DocumentFilter{From: time.Date(2023, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2023, 7, 1, 0, 0, 0, 0, time.UTC)}, []string{"fetched", "mar"}},
		{"extractor version not v2", store.DocumentFilter{ExtractorVersionNot: "v2"}, []string{"none", "fetched", "feb", "jan"}},
		{"outlet and lang", store.DocumentFilter{OutletID: "b", Lang: "km", Limit: 1}, []string{"fetched"}},
		{"nothing", store.DocumentFilter{OutletID: "a", Lang: "mul"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := s.Documents(ctx, tt.f)
			must(t, err)
			var got []string
			for _, d := range docs {
				got = append(got, strings.TrimPrefix(d.CanonicalURL, "https://f.example/"))
				if d.Text != "text of "+got[len(got)-1] {
					t.Errorf("%s: text %q", d.CanonicalURL, d.Text)
				}
			}
			equal(t, "documents", got, tt.want)
		})
	}
	_, err := s.Documents(ctx, store.DocumentFilter{Limit: -1})
	wantCode(t, err, record.EInvalid)
	_, err = s.Documents(ctx, store.DocumentFilter{After: "dnotadocument"})
	wantCode(t, err, record.EInvalid)
}

func testDocumentsPagination(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	const n = 23
	var batch []*record.Document
	var want []string
	for i := range n {
		// Several documents share a sort time, so the ID must break ties.
		d := doc(fmt.Sprintf("https://p.example/%02d", i), "", fmt.Sprint("text ", i), t0.Add(time.Duration(i/3)*time.Minute))
		batch = append(batch, d)
	}
	saveDocs(t, s, batch)
	sort.Slice(batch, func(i, j int) bool {
		if !batch[i].FetchedAt.Equal(batch[j].FetchedAt) {
			return batch[i].FetchedAt.After(batch[j].FetchedAt)
		}
		return batch[i].ID > batch[j].ID
	})
	for _, d := range batch {
		want = append(want, d.ID)
	}
	for _, limit := range []int{1, 4, 5, 23, 100} {
		t.Run(fmt.Sprint("limit ", limit), func(t *testing.T) {
			var got []string
			after := ""
			for pages := 0; ; pages++ {
				if pages > n+1 {
					t.Fatal("pagination does not end")
				}
				docs, err := s.Documents(ctx, store.DocumentFilter{After: after, Limit: limit})
				must(t, err)
				if len(docs) > limit {
					t.Fatalf("page of %d, limit %d", len(docs), limit)
				}
				for _, d := range docs {
					got = append(got, d.ID)
				}
				if len(docs) < limit {
					break
				}
				after = docs[len(docs)-1].ID
			}
			equal(t, "pages joined", got, want)
		})
	}
}

func testArchiveRefs(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	type ref struct {
		id      string
		version int
		sha     string
		ref     record.ArchiveRef
	}
	var want []ref
	for i := range 5 {
		u := fmt.Sprintf("https://ar.example/%d", i)
		for v := 1; v <= 1+i%2; v++ {
			d := doc(u, "", fmt.Sprintf("text %d v%d", i, v), t0)
			d.Archive.Offset = int64(1000*i + v)
			out, err := s.SaveCapture(ctx, d)
			must(t, err)
			if out == store.SavedUnchanged {
				t.Fatal("unexpected unchanged")
			}
			want = append(want, ref{d.ID, d.Version, d.SHA256, d.Archive})
		}
	}
	var got []ref
	must(t, s.ArchiveRefs(ctx, func(id string, version int, sha string, r record.ArchiveRef) error {
		got = append(got, ref{id, version, sha, r})
		return nil
	}))
	sort.Slice(want, func(i, j int) bool {
		return want[i].id < want[j].id || want[i].id == want[j].id && want[i].version < want[j].version
	})
	sort.Slice(got, func(i, j int) bool {
		return got[i].id < got[j].id || got[i].id == got[j].id && got[i].version < got[j].version
	})
	equal(t, "archive refs", got, want)

	stop := errors.New("stop here")
	calls := 0
	err := s.ArchiveRefs(ctx, func(string, int, string, record.ArchiveRef) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("fn's error: got %v after %d calls, want %v after 1", err, calls, stop)
	}
}

func testSourceState(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	u := "https://feeds.example/rss?lang=km"
	_, err := s.SourceState(ctx, u)
	wantCode(t, err, record.ENotFound)
	st := &record.SourceState{
		URL: u, ETag: `W/"abc"`, LastModified: "Wed, 25 Nov 2026 08:00:00 GMT", LastStatus: 200,
		NextAttempt: t0.Add(time.Hour), CheckedAt: t0, SHA256: sha("x"),
	}
	must(t, s.PutSourceState(ctx, st))
	got, err := s.SourceState(ctx, u)
	must(t, err)
	equal(t, "state", got, st)

	st2 := &record.SourceState{URL: u, LastStatus: 503, LastError: "service unavailable", Failures: 3,
		NextAttempt: time.Date(2026, 11, 25, 16, 0, 0, 999, time.FixedZone("ICT", 7*3600))}
	must(t, s.PutSourceState(ctx, st2))
	got, err = s.SourceState(ctx, u)
	must(t, err)
	want := *st2
	want.NextAttempt = want.NextAttempt.UTC().Truncate(time.Microsecond)
	equal(t, "replaced state", got, &want)

	wantCode(t, s.PutSourceState(ctx, &record.SourceState{}), record.EInvalid)
}

func testSourceStates(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	a := &record.SourceState{URL: "https://a.example/x", ETag: `"1"`, LastStatus: 200, CheckedAt: t0, SHA256: sha("a")}
	b := &record.SourceState{URL: "file:///srv/ខេត្ត/b.html", Failures: 2, LastError: "gone", NextAttempt: t0.Add(time.Hour)}
	must(t, s.PutSourceState(ctx, a))
	must(t, s.PutSourceState(ctx, b))
	// More URLs than one query takes, so that the chunks are joined.
	many := []string{"https://never.example/", a.URL, b.URL, a.URL}
	for i := range 1100 {
		many = append(many, fmt.Sprintf("https://never.example/%d", i))
	}
	tests := []struct {
		name string
		urls []string
		want map[string]*record.SourceState
	}{
		{"none asked", nil, map[string]*record.SourceState{}},
		{"none known", []string{"https://never.example/"}, map[string]*record.SourceState{}},
		{"one", []string{b.URL}, map[string]*record.SourceState{b.URL: b}},
		{"known, unknown and repeated", many, map[string]*record.SourceState{a.URL: a, b.URL: b}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.SourceStates(ctx, tt.urls)
			must(t, err)
			equal(t, "states", got, tt.want)
		})
	}
}

// testSaveCapturesWithStates checks that documents and their ledger
// entries are saved together: both, or, when anything in the batch is
// refused, neither.
func testSaveCapturesWithStates(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	must(t, s.PutOutlet(ctx, &record.Outlet{ID: "out", Kind: record.OutletIndependent}))
	state := func(u, body string) *record.SourceState {
		return &record.SourceState{URL: u, LastStatus: 200, CheckedAt: t0, SHA256: sha(body)}
	}
	old := state("https://w.example/feed", "old feed")
	must(t, s.PutSourceState(ctx, old))

	tests := []struct {
		name       string
		batch      []store.Capture
		wantErr    string // error code; "" for success
		wantOuts   []store.SaveOutcome
		wantDocs   []string                       // canonical URLs stored after the call
		wantAbsent []string                       // canonical URLs not stored
		wantStates map[string]*record.SourceState // ledger after the call (nil value: absent)
	}{
		{
			name: "documents with states, and a state alone",
			batch: []store.Capture{
				{Doc: doc("https://w.example/1", "out", "one", t0), State: state("https://w.example/1", "one")},
				{State: state("https://w.example/feed", "new feed")},
				{Doc: doc("https://w.example/2", "out", "two", t0), State: state("https://w.example/2?utm=x", "two")},
				{Doc: doc("https://w.example/3", "out", "three", t0)},
			},
			wantOuts: []store.SaveOutcome{store.SavedNew, "", store.SavedNew, store.SavedNew},
			wantDocs: []string{"https://w.example/1", "https://w.example/2", "https://w.example/3"},
			wantStates: map[string]*record.SourceState{
				"https://w.example/1":       state("https://w.example/1", "one"),
				"https://w.example/feed":    state("https://w.example/feed", "new feed"),
				"https://w.example/2?utm=x": state("https://w.example/2?utm=x", "two"),
				"https://w.example/3":       nil,
			},
		},
		{
			name: "same URL twice: the last state wins",
			batch: []store.Capture{
				{Doc: doc("https://w.example/1", "out", "one", t0), State: state("https://w.example/1", "one")},
				{Doc: doc("https://w.example/1", "out", "one, edited", t0), State: state("https://w.example/1", "one, edited")},
			},
			wantOuts:   []store.SaveOutcome{store.SavedUnchanged, store.SavedNewVersion},
			wantDocs:   []string{"https://w.example/1"},
			wantStates: map[string]*record.SourceState{"https://w.example/1": state("https://w.example/1", "one, edited")},
		},
		{
			name: "a document the database refuses rolls back the batch's states",
			batch: []store.Capture{
				{Doc: doc("https://w.example/4", "out", "four", t0), State: state("https://w.example/4", "four")},
				{State: state("https://w.example/feed", "newer feed")},
				{Doc: doc("https://w.example/5", "missing-outlet", "five", t0), State: state("https://w.example/5", "five")},
			},
			wantErr:    record.EInvalid,
			wantAbsent: []string{"https://w.example/4", "https://w.example/5"},
			wantStates: map[string]*record.SourceState{
				"https://w.example/4":    nil,
				"https://w.example/5":    nil,
				"https://w.example/feed": state("https://w.example/feed", "new feed"),
			},
		},
		{
			name: "a bad state refuses the batch's documents",
			batch: []store.Capture{
				{Doc: doc("https://w.example/6", "out", "six", t0), State: state("https://w.example/6", "six")},
				{Doc: doc("https://w.example/7", "out", "seven", t0), State: &record.SourceState{URL: "https://w.example/7", LastError: "nul\x00"}},
			},
			wantErr:    record.EInvalid,
			wantAbsent: []string{"https://w.example/6", "https://w.example/7"},
			wantStates: map[string]*record.SourceState{"https://w.example/6": nil, "https://w.example/7": nil},
		},
		{
			name:       "an empty capture is refused",
			batch:      []store.Capture{{Doc: doc("https://w.example/8", "out", "eight", t0)}, {}},
			wantErr:    record.EInvalid,
			wantAbsent: []string{"https://w.example/8"},
		},
	}
	for _, tt := range tests {
		// In order: each case starts from what the ones before left.
		outs, err := s.SaveCapturesWithStates(ctx, tt.batch)
		if tt.wantErr != "" {
			wantCode(t, err, tt.wantErr)
		} else {
			must(t, err)
			equal(t, tt.name+": outcomes", outs, tt.wantOuts)
		}
		for _, u := range tt.wantDocs {
			if _, err := s.DocumentByURL(ctx, u); err != nil {
				t.Errorf("%s: document %s: %v", tt.name, u, err)
			}
		}
		for _, u := range tt.wantAbsent {
			_, err := s.DocumentByURL(ctx, u)
			if record.ErrorCode(err) != record.ENotFound {
				t.Errorf("%s: document %s: got %v, want not found", tt.name, u, err)
			}
		}
		for u, want := range tt.wantStates {
			got, err := s.SourceState(ctx, u)
			if want == nil {
				if record.ErrorCode(err) != record.ENotFound {
					t.Errorf("%s: state of %s: got %+v, %v, want none", tt.name, u, got, err)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s: state of %s: %v", tt.name, u, err)
				continue
			}
			equal(t, tt.name+": state of "+u, got, want)
		}
	}
}

func testPeople(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	p := &record.Person{
		Names: record.Names{
			{Lang: "km", Script: "Khmr", Value: khmerName, Kind: record.NameOfficial},
			{Lang: "en", Script: "Latn", Value: "Sok Vannary", Kind: record.NameRomanisation},
			{Lang: "en", Script: "Latn", Value: "Sok Vanary", Kind: record.NameVariant},
		},
		TitleHints: []string{"ឯកឧត្តម", "H.E."},
		Private:    true,
	}
	must(t, s.PutPerson(ctx, p))
	if p.ID == "" || p.Status != record.StatusExtracted || p.CreatedAt.IsZero() || !p.UpdatedAt.Equal(p.CreatedAt) {
		t.Fatalf("after PutPerson: %+v", p)
	}
	got, err := s.Person(ctx, p.ID)
	must(t, err)
	equal(t, "person", got, p)

	other := &record.Person{Names: record.Names{{Lang: "en", Value: "Sok  vannary"}}}
	must(t, s.PutPerson(ctx, other))
	unrelated := &record.Person{Names: record.Names{{Lang: "en", Value: "Chea Dara"}}}
	must(t, s.PutPerson(ctx, unrelated))

	ids := func(ps []record.Person) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.ID)
		}
		sort.Strings(out)
		return out
	}
	sorted := func(s ...string) []string { sort.Strings(s); return s }
	tests := []struct {
		name  string
		find  func(context.Context, string) ([]record.Person, error)
		value string
		want  []string
	}{
		{"exact Khmer", s.PeopleByName, khmerName, []string{p.ID}},
		{"exact Latin", s.PeopleByName, "Sok Vanary", []string{p.ID}},
		{"exact is exact", s.PeopleByName, "sok vanary", nil},
		{"key ignores case and spacing", s.PeopleByNameKey, "SOK-VANNARY", sorted(p.ID, other.ID)},
		{"key meets across scripts, zero-width space or not", s.PeopleByNameKey, khmerNameZW, sorted(p.ID, other.ID)},
		{"key ignores the order of parts", s.PeopleByNameKey, "Vannary Sok", sorted(p.ID, other.ID)},
		{"key ignores titles", s.PeopleByNameKey, "H.E. Sok Vannary", sorted(p.ID, other.ID)},
		{"key keeps other people apart", s.PeopleByNameKey, "Sok An", nil},
		{"key of nothing", s.PeopleByNameKey, " - ", nil},
		{"no one", s.PeopleByName, "Nobody", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := tt.find(ctx, tt.value)
			must(t, err)
			equal(t, "people", ids(ps), tt.want)
			for _, q := range ps {
				if q.ID == p.ID {
					equal(t, "found person", q, *p)
				}
			}
		})
	}

	// Replacing keeps CreatedAt and the new names only.
	created := p.CreatedAt
	time.Sleep(2 * time.Millisecond)
	upd := *got
	upd.CreatedAt = time.Time{}
	upd.Names = record.Names{{Lang: "en", Value: "Sok Vannary"}}
	upd.Status = record.StatusReviewed
	upd.Private = false
	must(t, s.PutPerson(ctx, &upd))
	if !upd.CreatedAt.Equal(created) || !upd.UpdatedAt.After(created) {
		t.Errorf("replaced: created %v (was %v), updated %v", upd.CreatedAt, created, upd.UpdatedAt)
	}
	got, err = s.Person(ctx, p.ID)
	must(t, err)
	equal(t, "replaced person", got, &upd)
	ps, err := s.PeopleByName(ctx, khmerName)
	must(t, err)
	if len(ps) != 0 {
		t.Errorf("old name still finds %d people", len(ps))
	}

	wantCode(t, s.PutPerson(ctx, &record.Person{Status: "accepted"}), record.EInvalid)
	wantCode(t, s.PutPerson(ctx, &record.Person{Names: record.Names{{Value: ""}}}), record.EInvalid)
}

// testNamesRoundTrip stores names whose bytes matter — combining marks,
// COENG sequences, zero-width characters, unnormalised forms — and wants
// every byte back.
func testNamesRoundTrip(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	values := []string{
		khmerName,
		khmerNameZW,
		khmerParty,
		"ស\u17d2\u178a\u17c5",             // a subscript consonant then a vowel
		"ក\u17bb\u17c6",                   // vowel then sign, an order variant normalisation would not fix
		"ហ៊ុន\u200cសែន",                   // ZWNJ
		"Nguyễn Văn A",                    // precomposed Latin
		"Nguye\u0302\u0303n",              // decomposed Latin: must not be composed
		"១២៣ លេខ",                         // Khmer digits
		strings.Repeat("អ", 300),          // long
		"O'Brien \"Quoted\" \\ back?$1 ;", // SQL-looking characters and placeholders
	}
	var names record.Names
	for i, v := range values {
		names = append(names, record.Name{Lang: []string{"km", "en"}[i%2], Script: []string{"Khmr", "Latn"}[i%2], Value: v, Kind: record.NameVariant})
	}
	p := &record.Person{Names: names}
	must(t, s.PutPerson(ctx, p))
	o := &record.Organisation{Names: names, Kind: record.OrgParty}
	must(t, s.PutOrganisation(ctx, o))
	pl := &record.Place{ID: "kh-99", Level: record.PlaceProvince, Names: names}
	must(t, s.PutPlace(ctx, pl))

	gotP, err := s.Person(ctx, p.ID)
	must(t, err)
	gotO, err := s.Organisation(ctx, o.ID)
	must(t, err)
	gotPl, err := s.Place(ctx, pl.ID)
	must(t, err)
	for what, got := range map[string]record.Names{"person": gotP.Names, "organisation": gotO.Names, "place": gotPl.Names} {
		if len(got) != len(names) {
			t.Fatalf("%s: %d names back, want %d", what, len(got), len(names))
		}
		for i := range names {
			if got[i] != names[i] {
				t.Errorf("%s name %d: got %q (% x), want %q (% x)", what, i, got[i].Value, got[i].Value, names[i].Value, names[i].Value)
			}
		}
	}
	for _, v := range values {
		ps, err := s.PeopleByName(ctx, v)
		must(t, err)
		if len(ps) != 1 || ps[0].ID != p.ID {
			t.Errorf("PeopleByName(%q): %d people", v, len(ps))
		}
	}
}

func testOrganisations(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	cp := &record.Organisation{ID: "clp", Kind: record.OrgParty, Dissolved: record.Date{Year: 2023, Month: 5},
		Names: record.Names{{Lang: "km", Script: "Khmr", Value: khmerParty, Kind: record.NameOfficial}, {Lang: "en", Value: "CLP", Kind: record.NameAbbreviation}}}
	court := &record.Organisation{Kind: record.OrgCourt, Names: record.Names{{Lang: "en", Value: "Phnom Penh Municipal Court"}}, Status: record.StatusPublished}
	must(t, s.PutOrganisation(ctx, cp))
	must(t, s.PutOrganisation(ctx, court))
	if court.ID == "" || court.CreatedAt.IsZero() {
		t.Fatalf("court: %+v", court)
	}
	got, err := s.Organisation(ctx, "clp")
	must(t, err)
	equal(t, "organisation", got, cp)
	all, err := s.Organisations(ctx)
	must(t, err)
	want := []record.Organisation{*cp, *court}
	sort.Slice(want, func(i, j int) bool { return want[i].ID < want[j].ID })
	equal(t, "organisations", all, want)
	byKey, err := s.OrganisationsByNameKey(ctx, "phnom penh municipal court")
	must(t, err)
	if len(byKey) != 1 || byKey[0].ID != court.ID {
		t.Errorf("by name key: %+v", byKey)
	}
	byKey, err = s.OrganisationsByNameKey(ctx, "c.l.p.")
	must(t, err)
	if len(byKey) != 1 || byKey[0].ID != "clp" {
		t.Errorf("by abbreviation key: %+v", byKey)
	}
	_, err = s.Organisation(ctx, "nope")
	wantCode(t, err, record.ENotFound)
}

func testPlaces(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	kh := &record.Place{ID: "kh", Level: record.PlaceCountry, Names: record.Names{{Lang: "en", Value: "Cambodia"}}}
	pp := &record.Place{ID: "kh-12", Code: "12", Level: record.PlaceProvince, ParentID: "kh", Lat: 11.5564, Lon: 104.9282,
		Names: record.Names{{Lang: "km", Value: "រាជធានីភ្នំពេញ"}, {Lang: "en", Value: "Phnom Penh"}}}
	mc := &record.Place{ID: "kh-12-05", Code: "1205", Level: record.PlaceDistrict, ParentID: "kh-12", Names: record.Names{{Lang: "en", Value: "Mean Chey"}}}
	for _, p := range []*record.Place{kh, pp, mc} {
		must(t, s.PutPlace(ctx, p))
	}
	got, err := s.Place(ctx, "kh-12")
	must(t, err)
	equal(t, "place", got, pp)
	provinces, err := s.Places(ctx, record.PlaceProvince)
	must(t, err)
	equal(t, "provinces", provinces, []record.Place{*pp})
	all, err := s.Places(ctx, "")
	must(t, err)
	equal(t, "all places", all, []record.Place{*kh, *pp, *mc})

	err = s.PutPlace(ctx, &record.Place{ID: "kh-99-01", Level: record.PlaceDistrict, ParentID: "kh-99"})
	wantCode(t, err, record.EInvalid)
	wantCode(t, s.PutPlace(ctx, &record.Place{ID: "x"}), record.EInvalid)
	_, err = s.Place(ctx, "kh-99")
	wantCode(t, err, record.ENotFound)
}

// world stores what events refer to: people, organisations, places and a
// document.
type world struct {
	a, b       *record.Person
	cpp, clp   *record.Organisation
	pp, mc, kd *record.Place
	doc1, doc2 *record.Document
	docText    string
}

func makeWorld(t *testing.T, s store.Store) *world {
	ctx := ctxT(t)
	w := &world{
		a:   &record.Person{Names: record.Names{{Lang: "en", Value: "Sok Vannary"}}},
		b:   &record.Person{Names: record.Names{{Lang: "en", Value: "Chea Dara"}}},
		cpp: &record.Organisation{ID: "cpp-test", Kind: record.OrgParty},
		clp: &record.Organisation{ID: "clp-test", Kind: record.OrgParty},
		pp:  &record.Place{ID: "kh-12", Level: record.PlaceProvince},
		mc:  &record.Place{ID: "kh-12-05", Level: record.PlaceDistrict, ParentID: "kh-12"},
		kd:  &record.Place{ID: "kh-08", Level: record.PlaceProvince},
	}
	must(t, s.PutPerson(ctx, w.a))
	must(t, s.PutPerson(ctx, w.b))
	must(t, s.PutOrganisation(ctx, w.cpp))
	must(t, s.PutOrganisation(ctx, w.clp))
	for _, p := range []*record.Place{w.pp, w.mc, w.kd} {
		must(t, s.PutPlace(ctx, p))
	}
	w.docText = "More than 600 members in Mean Chey joined on 3 February. " + khmerText
	w.doc1 = doc("https://w.example/1", "", w.docText, t0)
	w.doc2 = doc("https://w.example/2", "", "Another report of the same day.", t0)
	saveDoc(t, s, w.doc1)
	saveDoc(t, s, w.doc2)
	return w
}

func count(n int64) *int64 { return &n }

func testEvents(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	w := makeWorld(t, s)
	e := &record.Event{
		Type: record.EventDefection, Date: record.Date{Year: 2023, Month: 2, Day: 3}, PlaceID: w.mc.ID,
		Count: count(600), CountQualifier: record.CountMoreThan, FromOrgID: w.clp.ID, ToOrgID: w.cpp.ID,
		Participants: []record.Participant{
			{Role: record.ParticipantSubject, PersonID: w.a.ID, Mention: "Sok Vannary"},
			{Role: record.ParticipantPresiding, PersonID: w.b.ID, Mention: "ឯកឧត្តម ជា ដារា"},
			{Role: record.ParticipantClaimant, OrgID: w.cpp.ID},
		},
		RoleClass: record.RoleMember, EvidenceGrade: record.GradeBareCount,
	}
	must(t, s.PutEvent(ctx, e))
	if e.ID == "" || e.Status != record.StatusExtracted || e.CreatedAt.IsZero() {
		t.Fatalf("after PutEvent: %+v", e)
	}
	got, err := s.Event(ctx, e.ID)
	must(t, err)
	equal(t, "event", got, e)

	// Count: nil, zero and a number are three different things.
	for _, c := range []*int64{nil, count(0), count(1 << 40)} {
		e2 := *got
		e2.Count = c
		e2.Participants = nil
		must(t, s.PutEvent(ctx, &e2))
		back, err := s.Event(ctx, e.ID)
		must(t, err)
		equal(t, "count", back.Count, c)
		if back.Participants != nil {
			t.Errorf("participants not replaced: %+v", back.Participants)
		}
		if !back.CreatedAt.Equal(e.CreatedAt) {
			t.Errorf("created changed from %v to %v", e.CreatedAt, back.CreatedAt)
		}
	}

	bad := []struct {
		name string
		e    record.Event
		code string
	}{
		{"no type", record.Event{}, record.EInvalid},
		{"bad status", record.Event{Type: record.EventArrest, Status: "maybe"}, record.EInvalid},
		{"unknown place", record.Event{Type: record.EventArrest, PlaceID: "kh-77"}, record.EInvalid},
		{"unknown person", record.Event{Type: record.EventArrest, Participants: []record.Participant{{Role: "subject", PersonID: "p-none"}}}, record.EInvalid},
		{"participant without role", record.Event{Type: record.EventArrest, Participants: []record.Participant{{PersonID: w.a.ID}}}, record.EInvalid},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.e
			wantCode(t, s.PutEvent(ctx, &e), tt.code)
		})
	}
}

func testDatePrecision(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	dates := []record.Date{
		{},
		{Year: 2020},
		{Year: 2023, Month: 6},
		{Year: 2024, Month: 2, Day: 29},
		{Year: 1979, Month: 1, Day: 7},
	}
	for _, d := range dates {
		t.Run(d.String(), func(t *testing.T) {
			e := &record.Event{Type: record.EventArrest, Date: d}
			must(t, s.PutEvent(ctx, e))
			got, err := s.Event(ctx, e.ID)
			must(t, err)
			if got.Date != d || got.Date.Precision() != d.Precision() {
				t.Errorf("event date %+v back as %+v", d, got.Date)
			}
			o := &record.Organisation{Kind: record.OrgParty, Dissolved: d}
			must(t, s.PutOrganisation(ctx, o))
			gotO, err := s.Organisation(ctx, o.ID)
			must(t, err)
			if gotO.Dissolved != d {
				t.Errorf("dissolved %+v back as %+v", d, gotO.Dissolved)
			}
			doc := doc("https://dates.example/"+d.String(), "", "t", t0)
			doc.Published = d
			saveDoc(t, s, doc)
			gotD, err := s.Document(ctx, doc.ID)
			must(t, err)
			if gotD.Published != d {
				t.Errorf("published %+v back as %+v", d, gotD.Published)
			}
		})
	}
}

func testEventFilters(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	w := makeWorld(t, s)
	mk := func(e *record.Event) string {
		must(t, s.PutEvent(ctx, e))
		return e.ID
	}
	june := mk(&record.Event{Type: record.EventDefection, Date: record.Date{Year: 2023, Month: 6}, PlaceID: w.mc.ID, FromOrgID: w.clp.ID, ToOrgID: w.cpp.ID,
		Participants: []record.Participant{{Role: "subject", PersonID: w.a.ID}}})
	feb3 := mk(&record.Event{Type: record.EventPartyJoin, Date: record.Date{Year: 2023, Month: 2, Day: 3}, PlaceID: w.pp.ID, ToOrgID: w.cpp.ID})
	arrest := mk(&record.Event{Type: record.EventArrest, Date: record.Date{Year: 2024, Month: 1, Day: 9}, PlaceID: w.kd.ID, Status: record.StatusPublished,
		Participants: []record.Participant{{Role: "subject", PersonID: w.b.ID}, {Role: "presiding", OrgID: w.clp.ID}}})
	y2022 := mk(&record.Event{Type: record.EventResignation, Date: record.Date{Year: 2022}, Status: record.StatusRejected})
	undated := mk(&record.Event{Type: record.EventDefection, Status: record.StatusReviewed})
	must(t, s.PutCitation(ctx, &record.Citation{EventID: feb3, DocumentID: w.doc1.ID, DocumentVersion: 1, Span: record.Span{Start: 0, End: 10}, ExtractedBy: "editor/dara"}))
	must(t, s.PutCitation(ctx, &record.Citation{EventID: arrest, DocumentID: w.doc1.ID, DocumentVersion: 1, Span: record.Span{Start: 5, End: 10}, ExtractedBy: "extractor/v1"}))
	must(t, s.PutOutlet(ctx, &record.Outlet{ID: "o-filter", Kind: record.OutletProGovernment, Names: record.Names{{Lang: "en", Value: "Filter News"}}}))
	fromOutlet := doc("https://w.example/outlet", "o-filter", "June's report.", t0)
	saveDoc(t, s, fromOutlet)
	must(t, s.PutCitation(ctx, &record.Citation{EventID: june, DocumentID: fromOutlet.ID, DocumentVersion: 1, Span: record.Span{Start: 0, End: 4}, ExtractedBy: "extractor/v1"}))

	// Latest first, undated last.
	all := []string{arrest, june, feb3, y2022, undated}
	tests := []struct {
		name string
		f    store.EventFilter
		want []string
	}{
		{"all", store.EventFilter{}, all},
		{"types", store.EventFilter{Types: []record.EventType{record.EventDefection, record.EventPartyJoin}}, []string{june, feb3, undated}},
		{"statuses", store.EventFilter{Statuses: []record.Status{record.StatusPublished, record.StatusReviewed}}, []string{arrest, undated}},
		{"from mid-June finds June", store.EventFilter{From: record.Date{Year: 2023, Month: 6, Day: 15}}, []string{arrest, june}},
		{"to mid-June finds June", store.EventFilter{To: record.Date{Year: 2023, Month: 6, Day: 15}}, []string{june, feb3, y2022}},
		{"a year", store.EventFilter{From: record.Date{Year: 2023}, To: record.Date{Year: 2023}}, []string{june, feb3}},
		{"a day", store.EventFilter{From: record.Date{Year: 2023, Month: 2, Day: 3}, To: record.Date{Year: 2023, Month: 2, Day: 3}}, []string{feb3}},
		{"a year-precision event in a month", store.EventFilter{From: record.Date{Year: 2022, Month: 3}, To: record.Date{Year: 2022, Month: 3}}, []string{y2022}},
		{"person", store.EventFilter{PersonID: w.a.ID}, []string{june}},
		{"org as from, to or participant", store.EventFilter{OrgID: w.clp.ID}, []string{arrest, june}},
		{"org as to", store.EventFilter{OrgID: w.cpp.ID}, []string{june, feb3}},
		{"place and inside it", store.EventFilter{PlaceID: w.pp.ID}, []string{june, feb3}},
		{"place leaf", store.EventFilter{PlaceID: w.mc.ID}, []string{june}},
		{"document", store.EventFilter{DocumentID: w.doc1.ID}, []string{arrest, feb3}},
		{"outlet", store.EventFilter{OutletID: "o-filter"}, []string{june}},
		{"types in a short window meet a month", store.EventFilter{Types: []record.EventType{record.EventDefection, record.EventPartyJoin},
			From: record.Date{Year: 2023, Month: 6, Day: 27}, To: record.Date{Year: 2023, Month: 7, Day: 2}}, []string{june}},
		{"types in a short window meet a day", store.EventFilter{Types: []record.EventType{record.EventDefection, record.EventPartyJoin},
			From: record.Date{Year: 2023, Month: 1, Day: 31}, To: record.Date{Year: 2023, Month: 2, Day: 3}}, []string{feb3}},
		{"types in a short window meet a year", store.EventFilter{Types: []record.EventType{record.EventResignation},
			From: record.Date{Year: 2022, Month: 12, Day: 29}, To: record.Date{Year: 2023, Month: 1, Day: 2}}, []string{y2022}},
		{"types in a short window miss a day outside it", store.EventFilter{Types: []record.EventType{record.EventPartyJoin},
			From: record.Date{Year: 2023, Month: 2, Day: 4}, To: record.Date{Year: 2023, Month: 2, Day: 8}}, nil},
		{"combined", store.EventFilter{OrgID: w.cpp.ID, Types: []record.EventType{record.EventPartyJoin}, PlaceID: w.pp.ID}, []string{feb3}},
		{"none", store.EventFilter{PersonID: "p-none"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es, err := s.Events(ctx, tt.f)
			must(t, err)
			var got []string
			for _, e := range es {
				got = append(got, e.ID)
			}
			equal(t, "events", got, tt.want)
		})
	}
	es, err := s.Events(ctx, store.EventFilter{PersonID: w.b.ID})
	must(t, err)
	if len(es) != 1 || len(es[0].Participants) != 2 || es[0].Participants[1].OrgID != w.clp.ID {
		t.Errorf("listed events carry their participants: %+v", es)
	}
	_, err = s.Events(ctx, store.EventFilter{After: "e-none"})
	wantCode(t, err, record.EInvalid)
}

func testEventsPagination(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	var want []record.Event
	for i := range 17 {
		e := &record.Event{Type: record.EventArrest}
		if i%4 != 0 {
			e.Date = record.Date{Year: 2023, Month: 1 + i%3} // shared dates: the ID breaks ties
		}
		must(t, s.PutEvent(ctx, e))
		want = append(want, *e)
	}
	sort.Slice(want, func(i, j int) bool {
		a, b := want[i].Date.Start(), want[j].Date.Start()
		if !a.Equal(b) {
			return a.After(b)
		}
		return want[i].ID > want[j].ID
	})
	var wantIDs []string
	for _, e := range want {
		wantIDs = append(wantIDs, e.ID)
	}
	for _, limit := range []int{1, 3, 17, 50} {
		var got []string
		after := ""
		for pages := 0; ; pages++ {
			if pages > 20 {
				t.Fatal("pagination does not end")
			}
			es, err := s.Events(ctx, store.EventFilter{After: after, Limit: limit})
			must(t, err)
			for _, e := range es {
				got = append(got, e.ID)
			}
			if len(es) < limit {
				break
			}
			after = es[len(es)-1].ID
		}
		equal(t, fmt.Sprint("pages of ", limit), got, wantIDs)
	}
}

func testCitations(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	w := makeWorld(t, s)
	e := &record.Event{Type: record.EventDefection}
	must(t, s.PutEvent(ctx, e))
	span := record.Span{Start: 0, End: len("More than 600 members in Mean Chey joined on 3 February.")}
	c := &record.Citation{
		EventID: e.ID, DocumentID: w.doc1.ID, DocumentVersion: 1, Span: span, Evidence: w.docText[span.Start:span.End],
		ClaimedCount: count(600), CountQualifier: record.CountMoreThan, Claimant: "pro-government media", ClaimantID: w.cpp.ID,
		Stance: record.StanceHedged, Confidence: 0.875, ExtractedBy: "extractor/v1",
	}
	must(t, s.PutCitation(ctx, c))
	if c.ID == "" || c.CreatedAt.IsZero() {
		t.Fatalf("after PutCitation: %+v", c)
	}
	khmerSpan := record.Span{Start: strings.Index(w.docText, khmerText), End: len(w.docText)}
	c2 := &record.Citation{EventID: e.ID, DocumentID: w.doc1.ID, DocumentVersion: 1, Span: khmerSpan, Evidence: khmerText, ExtractedBy: "editor/dara"}
	must(t, s.PutCitation(ctx, c2))
	c3 := &record.Citation{EventID: e.ID, DocumentID: w.doc2.ID, DocumentVersion: 1, ExtractedBy: "editor/dara"}
	must(t, s.PutCitation(ctx, c3))
	if c2.Stance != record.StanceAsserts {
		t.Errorf("default stance %q", c2.Stance)
	}

	got, err := s.Citations(ctx, e.ID)
	must(t, err)
	equal(t, "citations of the event", got, []record.Citation{*c, *c2, *c3})
	if got[1].Evidence != w.docText[got[1].Span.Start:got[1].Span.End] {
		t.Errorf("Khmer evidence span does not cut the text at the evidence")
	}
	got, err = s.DocumentCitations(ctx, w.doc2.ID)
	must(t, err)
	equal(t, "citations of the document", got, []record.Citation{*c3})
	got, err = s.Citations(ctx, "e-none")
	must(t, err)
	if len(got) != 0 {
		t.Errorf("citations of a missing event: %+v", got)
	}

	bad := []struct {
		name string
		c    record.Citation
	}{
		{"unknown event", record.Citation{EventID: "e-none", DocumentID: w.doc1.ID, DocumentVersion: 1, ExtractedBy: "editor/x"}},
		{"unknown version", record.Citation{EventID: e.ID, DocumentID: w.doc1.ID, DocumentVersion: 2, ExtractedBy: "editor/x"}},
		{"span past the text", record.Citation{EventID: e.ID, DocumentID: w.doc1.ID, DocumentVersion: 1, Span: record.Span{Start: 0, End: len(w.docText) + 1}, ExtractedBy: "editor/x"}},
		{"reversed span", record.Citation{EventID: e.ID, DocumentID: w.doc1.ID, DocumentVersion: 1, Span: record.Span{Start: 5, End: 4}, ExtractedBy: "editor/x"}},
		{"nobody extracted it", record.Citation{EventID: e.ID, DocumentID: w.doc1.ID, DocumentVersion: 1}},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			wantCode(t, s.PutCitation(ctx, &c), record.EInvalid)
		})
	}
}

func testReplaceExtraction(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	w := makeWorld(t, s)
	id := w.doc1.ID

	// The first run of the extractor: two events, three citations.
	eA := record.Event{ID: "e-a", Type: record.EventDefection, Count: count(600)}
	eB := record.Event{ID: "e-b", Type: record.EventPartyJoin, Participants: []record.Participant{{Role: "subject", PersonID: w.a.ID}}}
	x1 := store.Extraction{DocumentID: id, DocumentVersion: 1, ExtractorVersion: "v1",
		Events: []record.Event{eA, eB},
		Citations: []record.Citation{
			{ID: "c-a1", EventID: "e-a", Span: record.Span{Start: 0, End: 4}},
			{ID: "c-b1", EventID: "e-b", Span: record.Span{Start: 5, End: 9}},
			{ID: "c-b2", EventID: "e-b", Span: record.Span{Start: 10, End: 12}, ExtractedBy: "extractor/v1"},
		}}
	must(t, s.ReplaceExtraction(ctx, x1))
	cs, err := s.DocumentCitations(ctx, id)
	must(t, err)
	if len(cs) != 3 || cs[0].ExtractedBy != "extractor/v1" || cs[0].DocumentVersion != 1 {
		t.Fatalf("after the first run: %+v", cs)
	}
	d, err := s.Document(ctx, id)
	must(t, err)
	if d.ExtractorVersion != "v1" {
		t.Errorf("extractor version %q", d.ExtractorVersion)
	}

	// Running it again with the same output changes nothing.
	must(t, s.ReplaceExtraction(ctx, x1))
	cs2, err := s.DocumentCitations(ctx, id)
	must(t, err)
	if len(cs2) != 3 {
		t.Fatalf("after the same run again: %d citations", len(cs2))
	}

	// An editor reviews event A, adds a citation of their own to it and
	// to B, and a citation of A from another document keeps A alive too.
	eAReviewed := eA
	eAReviewed.Status = record.StatusReviewed
	eAReviewed.Count = count(650)
	must(t, s.PutEvent(ctx, &eAReviewed))
	editorCite := &record.Citation{ID: "c-ed", EventID: "e-b", DocumentID: id, DocumentVersion: 1, Span: record.Span{Start: 20, End: 30}, ExtractedBy: "editor/dara"}
	must(t, s.PutCitation(ctx, editorCite))
	// An event only the old machine citations support, and one a
	// membership ends with: the first goes, the second stays.
	eC := record.Event{ID: "e-c", Type: record.EventArrest}
	eD := record.Event{ID: "e-d", Type: record.EventResignation}
	x2 := store.Extraction{DocumentID: id, DocumentVersion: 1, ExtractorVersion: "v2",
		Events: []record.Event{eC, eD},
		Citations: []record.Citation{
			{ID: "c-c1", EventID: "e-c", Span: record.Span{Start: 0, End: 4}},
			{ID: "c-d1", EventID: "e-d", Span: record.Span{Start: 0, End: 4}},
		}}
	must(t, s.ReplaceExtraction(ctx, x2))
	must(t, s.PutMembership(ctx, &record.Membership{PersonID: w.a.ID, OrgID: w.clp.ID, EndEventID: "e-d"}))

	// The third run finds only a new event E, and A again (its ID is
	// stable): A is the editor's now and must not be overwritten.
	eE := record.Event{ID: "e-e", Type: record.EventRelease}
	eAagain := eA
	eAagain.Count = count(1)
	x3 := store.Extraction{DocumentID: id, DocumentVersion: 1, ExtractorVersion: "v3",
		Events: []record.Event{eE, eAagain},
		Citations: []record.Citation{
			{ID: "c-e1", EventID: "e-e", Span: record.Span{Start: 0, End: 4}},
			{ID: "c-a3", EventID: "e-a", Span: record.Span{Start: 0, End: 4}},
		}}
	must(t, s.ReplaceExtraction(ctx, x3))

	cs, err = s.DocumentCitations(ctx, id)
	must(t, err)
	var gotIDs []string
	for _, c := range cs {
		gotIDs = append(gotIDs, c.ID)
	}
	sort.Strings(gotIDs)
	equal(t, "citations after the third run", gotIDs, []string{"c-a3", "c-e1", "c-ed"})

	exists := map[string]bool{}
	for _, eid := range []string{"e-a", "e-b", "e-c", "e-d", "e-e"} {
		_, err := s.Event(ctx, eid)
		if err != nil && !record.IsNotFound(err) {
			t.Fatal(err)
		}
		exists[eid] = err == nil
	}
	equal(t, "events left", exists, map[string]bool{
		"e-a": true,  // reviewed by an editor
		"e-b": true,  // the editor's citation supports it
		"e-c": false, // only machine citations, now gone
		"e-d": true,  // a membership ends with it
		"e-e": true,  // new
	})
	a, err := s.Event(ctx, "e-a")
	must(t, err)
	if a.Status != record.StatusReviewed || *a.Count != 650 {
		t.Errorf("the editor's event was overwritten: %+v", a)
	}
	d, err = s.Document(ctx, id)
	must(t, err)
	if d.ExtractorVersion != "v3" {
		t.Errorf("extractor version %q, want v3", d.ExtractorVersion)
	}
	docs, err := s.Documents(ctx, store.DocumentFilter{ExtractorVersionNot: "v3"})
	must(t, err)
	for _, d := range docs {
		if d.ID == id {
			t.Error("the extracted document is still listed for re-extraction")
		}
	}

	// A new version of the document needs extracting again.
	nv := doc(w.doc1.CanonicalURL, "", w.docText+" Updated.", t0.Add(time.Hour))
	out, err := s.SaveCapture(ctx, nv)
	must(t, err)
	if out != store.SavedNewVersion {
		t.Fatalf("new version: %s", out)
	}
	d, err = s.Document(ctx, id)
	must(t, err)
	if d.ExtractorVersion != "" {
		t.Errorf("new version keeps extractor version %q", d.ExtractorVersion)
	}
	// Version 0 in the extraction means the latest.
	must(t, s.ReplaceExtraction(ctx, store.Extraction{DocumentID: id, ExtractorVersion: "v3",
		Events:    []record.Event{{ID: "e-f", Type: record.EventArrest}},
		Citations: []record.Citation{{ID: "c-f", EventID: "e-f", Span: record.Span{Start: 0, End: len(nv.Text)}}}}))
	cs, err = s.Citations(ctx, "e-f")
	must(t, err)
	if len(cs) != 1 || cs[0].DocumentVersion != 2 {
		t.Errorf("citation of the latest version: %+v", cs)
	}

	bad := []struct {
		name string
		x    store.Extraction
		code string
	}{
		{"unknown document", store.Extraction{DocumentID: "dnone", ExtractorVersion: "v1"}, record.ENotFound},
		{"no version", store.Extraction{DocumentID: id}, record.EInvalid},
		{"an editor's citation", store.Extraction{DocumentID: id, ExtractorVersion: "v4",
			Citations: []record.Citation{{EventID: "e-e", ExtractedBy: "editor/dara"}}}, record.EInvalid},
		{"another document's citation", store.Extraction{DocumentID: id, ExtractorVersion: "v4",
			Citations: []record.Citation{{EventID: "e-e", DocumentID: w.doc2.ID}}}, record.EInvalid},
		{"citation ID taken by an editor", store.Extraction{DocumentID: id, ExtractorVersion: "v4",
			Citations: []record.Citation{{ID: "c-ed", EventID: "e-e"}}}, record.EConflict},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			wantCode(t, s.ReplaceExtraction(ctx, tt.x), tt.code)
		})
	}
	ed, err := s.Citations(ctx, "e-b")
	must(t, err)
	if len(ed) != 1 || ed[0].ExtractedBy != "editor/dara" || ed[0].Span != editorCite.Span {
		t.Errorf("the editor's citation changed: %+v", ed)
	}
}

func testReplaceExtractionAtomic(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	w := makeWorld(t, s)
	id := w.doc1.ID
	good := store.Extraction{DocumentID: id, DocumentVersion: 1, ExtractorVersion: "v1",
		Events:    []record.Event{{ID: "e-1", Type: record.EventArrest}},
		Citations: []record.Citation{{ID: "c-1", EventID: "e-1", Span: record.Span{Start: 0, End: 3}}}}
	must(t, s.ReplaceExtraction(ctx, good))
	// The second run fails half-way (its citation cites an event that
	// does not exist): nothing of it may be left, and the first run's
	// facts must still be there.
	broken := store.Extraction{DocumentID: id, DocumentVersion: 1, ExtractorVersion: "v2",
		Events: []record.Event{{ID: "e-2", Type: record.EventArrest}},
		Citations: []record.Citation{
			{ID: "c-2", EventID: "e-2", Span: record.Span{Start: 0, End: 3}},
			{ID: "c-3", EventID: "e-missing", Span: record.Span{Start: 0, End: 3}},
		}}
	wantCode(t, s.ReplaceExtraction(ctx, broken), record.EInvalid)
	cs, err := s.DocumentCitations(ctx, id)
	must(t, err)
	if len(cs) != 1 || cs[0].ID != "c-1" {
		t.Errorf("after a failed run: %+v", cs)
	}
	_, err = s.Event(ctx, "e-2")
	wantCode(t, err, record.ENotFound)
	_, err = s.Event(ctx, "e-1")
	must(t, err)
	d, err := s.Document(ctx, id)
	must(t, err)
	if d.ExtractorVersion != "v1" {
		t.Errorf("extractor version %q after a failed run, want v1", d.ExtractorVersion)
	}
}

// An extraction carries the people it names first, and a new spelling of
// a known person: they are saved with its facts or not at all.
func testReplaceExtractionPeople(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	w := makeWorld(t, s)
	id := w.doc1.ID
	newcomer := record.Person{ID: "p-new", Names: record.Names{{Lang: "en", Script: "Latn", Value: "Khuong Sreng"}}}
	renamed := *w.a
	renamed.Names = append(slices.Clone(w.a.Names), record.Name{Lang: "km", Script: "Khmr", Value: "សុខ វណ្ណារី", Kind: record.NameVariant})
	participants := []record.Participant{
		{Role: record.ParticipantSubject, PersonID: "p-new", Mention: "Khuong Sreng"},
		{Role: record.ParticipantSubject, PersonID: w.a.ID, Mention: "សុខ វណ្ណារី"},
	}
	broken := store.Extraction{DocumentID: id, DocumentVersion: 1, ExtractorVersion: "v1",
		People: []record.Person{newcomer, renamed},
		Events: []record.Event{{ID: "e-1", Type: record.EventArrest, Participants: participants}},
		Citations: []record.Citation{
			{ID: "c-1", EventID: "e-1", Span: record.Span{Start: 0, End: 3}},
			{ID: "c-2", EventID: "e-missing", Span: record.Span{Start: 0, End: 3}},
		}}
	wantCode(t, s.ReplaceExtraction(ctx, broken), record.EInvalid)
	_, err := s.Person(ctx, "p-new")
	wantCode(t, err, record.ENotFound)
	if a, err := s.Person(ctx, w.a.ID); err != nil || len(a.Names) != len(w.a.Names) {
		t.Errorf("a failed extraction changed %s's names: %+v, %v", w.a.ID, a, err)
	}

	good := broken
	good.Citations = good.Citations[:1]
	must(t, s.ReplaceExtraction(ctx, good))
	p, err := s.Person(ctx, "p-new")
	must(t, err)
	if p.CreatedAt.IsZero() || !p.Names.Has("Khuong Sreng") {
		t.Errorf("person saved with the extraction: %+v", p)
	}
	if found, err := s.PeopleByNameKey(ctx, "ឃួង ស្រេង"); err != nil || len(found) != 1 || found[0].ID != "p-new" {
		t.Errorf("the new person by another script's key: %+v, %v", found, err)
	}
	a, err := s.Person(ctx, w.a.ID)
	must(t, err)
	if !a.Names.Has("សុខ វណ្ណារី") || !a.Names.Has("Sok Vannary") {
		t.Errorf("new spelling not kept beside the old: %+v", a.Names)
	}
	e, err := s.Event(ctx, "e-1")
	must(t, err)
	if len(e.Participants) != 2 || e.Participants[0].PersonID != "p-new" {
		t.Errorf("event participants: %+v", e.Participants)
	}
}

// A batch lands whole or not at all, and a later document may cite the
// event an earlier one adds.
func testReplaceExtractions(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	w := makeWorld(t, s)
	first := store.Extraction{DocumentID: w.doc1.ID, DocumentVersion: 1, ExtractorVersion: "v1",
		Events:    []record.Event{{ID: "e-b1", Type: record.EventPartyJoin, ToOrgID: w.cpp.ID}},
		Citations: []record.Citation{{ID: "c-b1", EventID: "e-b1", Span: record.Span{Start: 0, End: 3}}}}
	second := store.Extraction{DocumentID: w.doc2.ID, DocumentVersion: 1, ExtractorVersion: "v1",
		Citations: []record.Citation{{ID: "c-b2", EventID: "e-b1", Span: record.Span{Start: 0, End: 7}}}}
	broken := second
	broken.Citations = append(slices.Clone(second.Citations), record.Citation{ID: "c-b3", EventID: "e-missing", Span: record.Span{Start: 0, End: 1}})

	wantCode(t, s.ReplaceExtractions(ctx, []store.Extraction{first, broken}), record.EInvalid)
	_, err := s.Event(ctx, "e-b1")
	wantCode(t, err, record.ENotFound)
	for _, d := range []*record.Document{w.doc1, w.doc2} {
		got, err := s.Document(ctx, d.ID)
		must(t, err)
		if got.ExtractorVersion != "" {
			t.Errorf("a failed batch recorded extractor %q on %s", got.ExtractorVersion, d.ID)
		}
	}

	must(t, s.ReplaceExtractions(ctx, []store.Extraction{first, second}))
	cs, err := s.Citations(ctx, "e-b1")
	must(t, err)
	if len(cs) != 2 || cs[0].DocumentID == cs[1].DocumentID {
		t.Errorf("citations of the batch's event: %+v", cs)
	}
	must(t, s.ReplaceExtractions(ctx, nil))
	must(t, s.PutCitation(ctx, &record.Citation{ID: "c-ed", EventID: "e-b1", DocumentID: w.doc2.ID, DocumentVersion: 1,
		Span: record.Span{Start: 0, End: 2}, ExtractedBy: "editor/ann"}))
	var links []string
	must(t, s.CitationLinks(ctx, func(ev, doc string, machine bool) error {
		links = append(links, fmt.Sprintf("%s %s %v", ev, doc, machine))
		return nil
	}))
	equal(t, "citation links", links, []string{
		"e-b1 " + w.doc1.ID + " true", "e-b1 " + w.doc2.ID + " true", "e-b1 " + w.doc2.ID + " false"})

	// Replacing the first document's extraction with nothing keeps the
	// event: the second document and its editor still cite it.
	must(t, s.ReplaceExtractions(ctx, []store.Extraction{{DocumentID: w.doc1.ID, DocumentVersion: 1, ExtractorVersion: "v2"}}))
	if cs, err := s.Citations(ctx, "e-b1"); err != nil || len(cs) != 2 || cs[0].DocumentID != w.doc2.ID || cs[1].DocumentID != w.doc2.ID {
		t.Errorf("after replacing the first document: %+v, %v", cs, err)
	}

	// Candidates are checked on both ways of writing an event.
	twice := record.Participant{Role: record.ParticipantSubject, Mention: "Sok",
		Candidates: []record.Candidate{{PersonID: w.a.ID, Confidence: 0.5}, {PersonID: w.a.ID, Confidence: 0.5}}}
	nobody := record.Participant{Role: record.ParticipantSubject, Mention: "Sok", Candidates: []record.Candidate{{Confidence: 0.5}}}
	for _, p := range []record.Participant{twice, nobody} {
		wantCode(t, s.PutEvent(ctx, &record.Event{ID: "e-cand", Type: record.EventArrest, Participants: []record.Participant{p}}), record.EInvalid)
		wantCode(t, s.ReplaceExtractions(ctx, []store.Extraction{{DocumentID: w.doc1.ID, DocumentVersion: 1, ExtractorVersion: "v9",
			Events: []record.Event{{ID: "e-cand", Type: record.EventArrest, Participants: []record.Participant{p}}}}}), record.EInvalid)
	}

	// A document named twice in a batch: the second extraction replaces
	// the first, whose event nothing else cites and so goes.
	again := []store.Extraction{
		{DocumentID: w.doc1.ID, DocumentVersion: 1, ExtractorVersion: "v3",
			Events:    []record.Event{{ID: "e-b8", Type: record.EventArrest}},
			Citations: []record.Citation{{ID: "c-b8", EventID: "e-b8", Span: record.Span{Start: 0, End: 3}}}},
		{DocumentID: w.doc1.ID, DocumentVersion: 1, ExtractorVersion: "v4",
			Events:    []record.Event{{ID: "e-b9", Type: record.EventRelease}},
			Citations: []record.Citation{{ID: "c-b9", EventID: "e-b9", Span: record.Span{Start: 0, End: 3}}}},
	}
	must(t, s.ReplaceExtractions(ctx, again))
	_, err = s.Event(ctx, "e-b8")
	wantCode(t, err, record.ENotFound)
	if cs, err := s.DocumentCitations(ctx, w.doc1.ID); err != nil || len(cs) != 1 || cs[0].ID != "c-b9" {
		t.Errorf("a document named twice: %+v, %v", cs, err)
	}
	if d, err := s.Document(ctx, w.doc1.ID); err != nil || d.ExtractorVersion != "v4" {
		t.Errorf("a document named twice: extractor %+v, %v", d, err)
	}
}

// A person's events come newest first, each once however many parts the
// person plays in it, page after page, and follow a change of date.
func testPersonEvents(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	w := makeWorld(t, s)
	var want []string
	for i := range 7 {
		e := &record.Event{ID: fmt.Sprintf("e-pe%d", i), Type: record.EventArrest, Date: record.Date{Year: 2023, Month: 1 + i, Day: 2},
			Participants: []record.Participant{{Role: record.ParticipantSubject, PersonID: w.a.ID}}}
		if i%2 == 0 { // presiding too, and someone else beside
			e.Participants = append(e.Participants, record.Participant{Role: record.ParticipantPresiding, PersonID: w.b.ID},
				record.Participant{Role: record.ParticipantClaimant, PersonID: w.a.ID})
		}
		must(t, s.PutEvent(ctx, e))
		want = append([]string{e.ID}, want...)
	}
	undated := &record.Event{ID: "e-pe-undated", Type: record.EventFlight, Participants: []record.Participant{{Role: record.ParticipantSubject, PersonID: w.a.ID}}}
	must(t, s.PutEvent(ctx, undated))
	want = append(want, undated.ID)
	ids := func(f store.EventFilter) []string {
		es, err := s.Events(ctx, f)
		must(t, err)
		var out []string
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	equal(t, "a person's events", ids(store.EventFilter{PersonID: w.a.ID}), want)
	var paged []string
	for after := ""; ; {
		page := ids(store.EventFilter{PersonID: w.a.ID, Limit: 3, After: after})
		if len(page) == 0 {
			break
		}
		paged = append(paged, page...)
		after = page[len(page)-1]
	}
	equal(t, "a person's events page by page", paged, want)
	equal(t, "the presider's events", ids(store.EventFilter{PersonID: w.b.ID}), []string{"e-pe6", "e-pe4", "e-pe2", "e-pe0"})

	// Redated, the oldest becomes the newest.
	e0, err := s.Event(ctx, "e-pe0")
	must(t, err)
	e0.Date = record.Date{Year: 2024, Month: 5, Day: 1}
	must(t, s.PutEvent(ctx, e0))
	got := ids(store.EventFilter{PersonID: w.a.ID, Limit: 2})
	equal(t, "after a change of date", got, []string{"e-pe0", "e-pe6"})

	// A merge carries the participations, in order.
	_, err = s.MergePeople(ctx, w.a.ID, w.b.ID, "editor/test")
	must(t, err)
	got = ids(store.EventFilter{PersonID: w.a.ID, Limit: 3})
	equal(t, "after a merge", got, []string{"e-pe0", "e-pe6", "e-pe5"})
}

func testMemberships(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	w := makeWorld(t, s)
	join := &record.Event{Type: record.EventDefection}
	must(t, s.PutEvent(ctx, join))
	m1 := &record.Membership{PersonID: w.a.ID, OrgID: w.clp.ID, Role: "member", Start: record.Date{Year: 2017}, End: record.Date{Year: 2023, Month: 2, Day: 3}, EndEventID: join.ID}
	m2 := &record.Membership{PersonID: w.a.ID, OrgID: w.cpp.ID, Role: "commune councillor", Post: true, Start: record.Date{Year: 2023, Month: 2, Day: 3}, StartEventID: join.ID}
	m3 := &record.Membership{PersonID: w.b.ID, OrgID: w.cpp.ID}
	for _, m := range []*record.Membership{m1, m2, m3} {
		must(t, s.PutMembership(ctx, m))
	}
	tests := []struct {
		name        string
		person, org string
		want        []record.Membership
	}{
		{"person", w.a.ID, "", []record.Membership{*m1, *m2}},
		{"org", "", w.cpp.ID, []record.Membership{*m3, *m2}},
		{"both", w.a.ID, w.cpp.ID, []record.Membership{*m2}},
		{"neither", "", "", []record.Membership{*m3, *m1, *m2}},
		{"none", "p-none", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Memberships(ctx, tt.person, tt.org)
			must(t, err)
			equal(t, "memberships", got, tt.want)
		})
	}
	m3.Role = "advisor"
	must(t, s.PutMembership(ctx, m3))
	got, err := s.Memberships(ctx, w.b.ID, "")
	must(t, err)
	equal(t, "replaced", got, []record.Membership{*m3})
	wantCode(t, s.PutMembership(ctx, &record.Membership{PersonID: w.a.ID, OrgID: "org-none"}), record.EInvalid)
	wantCode(t, s.PutMembership(ctx, &record.Membership{PersonID: w.a.ID}), record.EInvalid)
}

func testNotFound(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	tests := []struct {
		name string
		call func() error
	}{
		{"Outlet", func() error { _, err := s.Outlet(ctx, "x"); return err }},
		{"Document", func() error { _, err := s.Document(ctx, "dx"); return err }},
		{"DocumentByURL", func() error { _, err := s.DocumentByURL(ctx, "https://x.example/"); return err }},
		{"DocumentVersions", func() error { _, err := s.DocumentVersions(ctx, "dx"); return err }},
		{"SourceState", func() error { _, err := s.SourceState(ctx, "https://x.example/"); return err }},
		{"Person", func() error { _, err := s.Person(ctx, "px"); return err }},
		{"Organisation", func() error { _, err := s.Organisation(ctx, "ox"); return err }},
		{"Place", func() error { _, err := s.Place(ctx, "kh-x"); return err }},
		{"Event", func() error { _, err := s.Event(ctx, "ex"); return err }},
		{"ReplaceExtraction", func() error {
			return s.ReplaceExtraction(ctx, store.Extraction{DocumentID: "dx", ExtractorVersion: "v1"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			wantCode(t, err, record.ENotFound)
			if msg := record.ErrorMessage(err); !strings.Contains(msg, "x") {
				t.Errorf("message %q does not say what was missing", msg)
			}
		})
	}
	// Lists of nothing are empty, not errors.
	for name, call := range map[string]func() (int, error){
		"Outlets":       func() (int, error) { v, err := s.Outlets(ctx); return len(v), err },
		"Organisations": func() (int, error) { v, err := s.Organisations(ctx); return len(v), err },
		"Places":        func() (int, error) { v, err := s.Places(ctx, ""); return len(v), err },
		"Documents":     func() (int, error) { v, err := s.Documents(ctx, store.DocumentFilter{}); return len(v), err },
		"Events":        func() (int, error) { v, err := s.Events(ctx, store.EventFilter{}); return len(v), err },
		"PeopleByName":  func() (int, error) { v, err := s.PeopleByName(ctx, "x"); return len(v), err },
	} {
		if n, err := call(); n != 0 || err != nil {
			t.Errorf("%s on an empty store: %d, %v", name, n, err)
		}
	}
}

// testTextLimits checks that both databases take large texts and refuse
// the same bad input.
func testTextLimits(t *testing.T, open Opener) {
	s := open(t)
	ctx := ctxT(t)
	big := strings.Repeat(khmerText+"\n", 20000) // ~2.6 MB
	d := doc("https://big.example/1", "", big, t0)
	saveDoc(t, s, d)
	got, err := s.Document(ctx, d.ID)
	must(t, err)
	if got.Text != big {
		t.Errorf("large text came back with %d bytes, want %d", len(got.Text), len(big))
	}
	wantCode(t, s.PutPerson(ctx, &record.Person{Names: record.Names{{Value: "bad\xc3"}}}), record.EInvalid)
	wantCode(t, s.PutSourceState(ctx, &record.SourceState{URL: "https://x.example/", LastError: "nul\x00"}), record.EInvalid)
}
