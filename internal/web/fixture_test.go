package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
	"github.com/kamnotra/kamnotra/internal/store/sqlite"
	"github.com/kamnotra/kamnotra/internal/warc"
)

// The fixture is invented: people, numbers and sentences are made up in the
// style of Cambodian news reports, in Khmer and English.

const (
	kmEvidence = "សមាជិកគណបក្សភ្លើងទៀនជាង ៦០០ នាក់ នៅខណ្ឌមានជ័យ បានចូលរួមជាមួយគណបក្សប្រជាជនកម្ពុជា។"
	kmText     = "ភ្នំពេញ៖ នៅថ្ងៃទី៣ ខែកុម្ភៈ ឆ្នាំ២០២៣ " + kmEvidence + " ពិធីនេះធ្វើឡើងនៅសាលាខណ្ឌ។\n\nអ្នកចូលរួមបានថ្លែងថា ពួកគេចង់រួមចំណែកអភិវឌ្ឍន៍មូលដ្ឋាន។"

	enArrest   = "Police arrested Sok Vannarith, a Candlelight Party activist, on 5 March 2024 in Phnom Penh, his lawyer said."
	enCharge   = "The court later charged Chan Sreyneang, a market vendor who had shared his posts, with incitement."
	enRejected = "A ministry spokesman said a new provincial governor had been appointed."
	enText     = "PHNOM PENH — " + enArrest + "\n\n" + enCharge + "\n\n" + enRejected

	archivedHTML = `<!doctype html><html lang="km"><head><title>ព័ត៌មាន</title><style>body{color:red}</style>
<script>alert("archived script")</script></head><body onload="steal()"><h1>សមាជិកជាង ៦០០ នាក់</h1>
<p>` + kmEvidence + `</p><img src="https://tracker.example/pixel.gif"><a href="javascript:alert(1)">x</a>
<iframe src="https://evil.example/"></iframe></body></html>`
)

// fixture is a seeded store and the IDs tests look for.
type fixture struct {
	st         store.Store
	dbPath     string
	archiveDir string
	kmDoc      string // Fresh News, Khmer, archived
	enDoc      string // CamboJA, English, archive file missing
	defection  string // extracted, Khmer evidence
	arrest     string // published, public person
	rejected   string
	privCharge string // published, names a private person
	cDef       string
	cArrest    string
	cRejected  string
	cPriv      string
}

func i64(n int64) *int64 { return &n }

func span(t testing.TB, text, sub string) record.Span {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("fixture: %q not in text", sub)
	}
	return record.Span{Start: i, End: i + len(sub)}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "kamnotra.db")
	st, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatalf("opening the SQLite store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	f := &fixture{st: st, dbPath: dbPath, archiveDir: filepath.Join(dir, "archive")}
	now := time.Date(2026, 11, 1, 9, 30, 0, 0, time.UTC)

	must(t, st.PutOutlet(ctx, &record.Outlet{ID: "fresh-news", Kind: record.OutletProGovernment, Langs: []string{"km", "en"},
		Domains: []string{"freshnews.example"}, Names: record.Names{
			{Lang: "km", Script: "Khmr", Value: "ហ្វ្រេសញូវ", Kind: record.NameOfficial},
			{Lang: "en", Script: "Latn", Value: "Fresh News", Kind: record.NameOfficial}}}))
	must(t, st.PutOutlet(ctx, &record.Outlet{ID: "camboja", Kind: record.OutletIndependent, Langs: []string{"en"},
		Names: record.Names{{Lang: "en", Script: "Latn", Value: "CamboJA News", Kind: record.NameOfficial}}}))

	orgs := []record.Organisation{
		{ID: "cpp", Kind: record.OrgParty, Status: record.StatusPublished, Names: record.Names{
			{Lang: "km", Script: "Khmr", Value: "គណបក្សប្រជាជនកម្ពុជា", Kind: record.NameOfficial},
			{Lang: "en", Script: "Latn", Value: "Cambodian People's Party", Kind: record.NameOfficial},
			{Lang: "en", Script: "Latn", Value: "CPP", Kind: record.NameAbbreviation}}},
		{ID: "clp", Kind: record.OrgParty, Status: record.StatusPublished, Names: record.Names{
			{Lang: "km", Script: "Khmr", Value: "គណបក្សភ្លើងទៀន", Kind: record.NameOfficial},
			{Lang: "en", Script: "Latn", Value: "Candlelight Party", Kind: record.NameOfficial}}},
		{ID: "ghost", Kind: record.OrgParty, Status: record.StatusRejected, Names: record.Names{
			{Lang: "en", Script: "Latn", Value: "Phantom Front", Kind: record.NameOfficial}}},
	}
	for i := range orgs {
		must(t, st.PutOrganisation(ctx, &orgs[i]))
	}
	must(t, st.PutPlace(ctx, &record.Place{ID: "kh-12", Code: "12", Level: record.PlaceProvince, Names: record.Names{
		{Lang: "km", Script: "Khmr", Value: "រាជធានីភ្នំពេញ", Kind: record.NameOfficial},
		{Lang: "en", Script: "Latn", Value: "Phnom Penh", Kind: record.NameOfficial}}}))
	must(t, st.PutPlace(ctx, &record.Place{ID: "kh-12-09", Code: "1209", Level: record.PlaceDistrict, ParentID: "kh-12", Names: record.Names{
		{Lang: "km", Script: "Khmr", Value: "ខណ្ឌមានជ័យ", Kind: record.NameOfficial},
		{Lang: "en", Script: "Latn", Value: "Mean Chey", Kind: record.NameOfficial}}}))

	people := []record.Person{
		{ID: "p-sok", Status: record.StatusPublished, Names: record.Names{
			{Lang: "km", Script: "Khmr", Value: "សុខ វណ្ណារិទ្ធ", Kind: record.NameOfficial},
			{Lang: "en", Script: "Latn", Value: "Sok Vannarith", Kind: record.NameRomanisation}}},
		{ID: "p-chan", Status: record.StatusPublished, Private: true, Names: record.Names{
			{Lang: "km", Script: "Khmr", Value: "ចាន់ ស្រីនាង", Kind: record.NameOfficial},
			{Lang: "en", Script: "Latn", Value: "Chan Sreyneang", Kind: record.NameRomanisation}}},
		{ID: "p-meas", Status: record.StatusPublished, TitleHints: []string{"ឯកឧត្តម"}, Names: record.Names{
			{Lang: "km", Script: "Khmr", Value: "មាស សុភ័ក្រ", Kind: record.NameOfficial}}},
	}
	for i := range people {
		must(t, st.PutPerson(ctx, &people[i]))
	}

	// The Khmer page is archived for real, in a WARC file the site reads.
	w, err := warc.NewWriter(f.archiveDir, warc.WriterOptions{})
	must(t, err)
	httpBlock := "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
		itoa(len(archivedHTML)) + "\r\n\r\n" + archivedHTML
	rec := &warc.Record{Header: warc.Header{{Name: "WARC-Type", Value: "response"},
		{Name: "WARC-Target-URI", Value: "https://freshnews.example/km/1001.html"},
		{Name: "Content-Type", Value: "application/http; msgtype=response"}}, Block: []byte(httpBlock)}
	refs, err := w.Write(rec)
	must(t, err)
	must(t, w.Close())

	sum := sha256.Sum256([]byte(archivedHTML))
	kmDoc := &record.Document{URL: "https://freshnews.example/km/1001.html", CanonicalURL: "https://freshnews.example/km/1001.html",
		OutletID: "fresh-news", Title: "សមាជិកគណបក្សភ្លើងទៀនជាង ៦០០ នាក់ ចូលរួមជាមួយគណបក្សប្រជាជន", Lang: "km",
		Published: record.Date{Year: 2023, Month: 2, Day: 3}, FetchedAt: now, Text: kmText, ContentType: "text/html; charset=utf-8",
		SHA256: hex.EncodeToString(sum[:]), Size: int64(len(archivedHTML)), SourceKind: "html",
		Archive: record.ArchiveRef{File: refs[0].File, Offset: refs[0].Offset, Length: refs[0].Length, RecordID: refs[0].RecordID}}
	_, err = st.SaveCapture(ctx, kmDoc)
	must(t, err)
	enDoc := &record.Document{URL: "https://camboja.example/news/activist-arrested/", CanonicalURL: "https://camboja.example/news/activist-arrested/",
		OutletID: "camboja", Title: "Candlelight activist arrested in Phnom Penh", Lang: "en",
		Published: record.Date{Year: 2024, Month: 3, Day: 6}, PublishedAt: time.Date(2024, 3, 6, 2, 15, 0, 0, time.UTC),
		FetchedAt: now.Add(time.Hour), Text: enText, ContentType: "text/html", SHA256: strings.Repeat("ab", 32), Size: 4321,
		Archive: record.ArchiveRef{File: "missing.warc.gz", Offset: 0, RecordID: "<urn:uuid:00000000-0000-4000-8000-000000000000>"}}
	_, err = st.SaveCapture(ctx, enDoc)
	must(t, err)
	f.kmDoc, f.enDoc = kmDoc.ID, enDoc.ID

	f.defection, f.arrest, f.rejected, f.privCharge = "ev-defection", "ev-arrest", "ev-rejected", "ev-charge"
	events := []record.Event{
		{ID: f.defection, Type: record.EventDefection, Date: record.Date{Year: 2023, Month: 2, Day: 3}, PlaceID: "kh-12-09",
			Count: i64(600), CountQualifier: record.CountMoreThan, FromOrgID: "clp", ToOrgID: "cpp", RoleClass: record.RoleMember,
			EvidenceGrade: record.GradeBareCount, Status: record.StatusExtracted,
			Participants: []record.Participant{{Role: record.ParticipantPresiding, PersonID: "p-meas"}}},
		{ID: f.arrest, Type: record.EventArrest, Date: record.Date{Year: 2024, Month: 3, Day: 5}, PlaceID: "kh-12",
			RoleClass: record.RoleActivist, EvidenceGrade: record.GradeNamed, Status: record.StatusPublished,
			Participants: []record.Participant{{Role: record.ParticipantSubject, PersonID: "p-sok", Mention: "Sok Vannarith"}}},
		{ID: f.rejected, Type: record.EventAppointment, Date: record.Date{Year: 2024, Month: 3}, Status: record.StatusRejected},
		{ID: f.privCharge, Type: record.EventCharge, Date: record.Date{Year: 2024, Month: 3}, Status: record.StatusPublished,
			Participants: []record.Participant{{Role: record.ParticipantSubject, PersonID: "p-chan", Mention: "Chan Sreyneang"}}},
	}
	for i := range events {
		events[i].CreatedAt, events[i].UpdatedAt = now, now
		must(t, st.PutEvent(ctx, &events[i]))
	}
	f.cDef, f.cArrest, f.cRejected, f.cPriv = "c-def", "c-arrest", "c-rejected", "c-priv"
	cits := []record.Citation{
		{ID: f.cDef, EventID: f.defection, DocumentID: f.kmDoc, DocumentVersion: 1, Span: span(t, kmText, kmEvidence), Evidence: kmEvidence,
			ClaimedCount: i64(600), CountQualifier: record.CountMoreThan, Claimant: "Fresh News", Stance: record.StanceAsserts, Confidence: 0.8, ExtractedBy: "extractor/0.1"},
		{ID: f.cArrest, EventID: f.arrest, DocumentID: f.enDoc, DocumentVersion: 1, Span: span(t, enText, enArrest), Evidence: enArrest,
			Stance: record.StanceAsserts, Confidence: 1, ExtractedBy: "editor/dara"},
		{ID: f.cRejected, EventID: f.rejected, DocumentID: f.enDoc, DocumentVersion: 1, Span: span(t, enText, enRejected), Evidence: enRejected,
			Stance: record.StanceHedged, Confidence: 0.3, ExtractedBy: "extractor/0.1"},
		{ID: f.cPriv, EventID: f.privCharge, DocumentID: f.enDoc, DocumentVersion: 1, Span: span(t, enText, enCharge), Evidence: enCharge,
			Stance: record.StanceAsserts, Confidence: 0.9, ExtractedBy: "editor/dara"},
	}
	for i := range cits {
		cits[i].CreatedAt = now
		must(t, st.PutCitation(ctx, &cits[i]))
	}
	must(t, st.PutMembership(ctx, &record.Membership{ID: "m-sok-clp", PersonID: "p-sok", OrgID: "clp", Role: "activist",
		Start: record.Date{Year: 2021, Month: 6}, End: record.Date{Year: 2024, Month: 3, Day: 5}, EndEventID: f.arrest}))
	must(t, st.PutMembership(ctx, &record.Membership{ID: "m-chan-clp", PersonID: "p-chan", OrgID: "clp", Role: "member",
		Start: record.Date{Year: 2022}}))
	must(t, st.PutMembership(ctx, &record.Membership{ID: "m-meas-cpp", PersonID: "p-meas", OrgID: "cpp", Role: "district governor", Post: true,
		Start: record.Date{Year: 2018, Month: 9, Day: 1}}))
	return f
}

func itoa(n int) string { return strconv.Itoa(n) }

// site returns the handler over the fixture with options for tests: no
// rate limit unless a test sets one, and the page cache on, following the
// database, so that every test that changes the record between requests
// also checks that no page outlives the change.
func (f *fixture) site(t testing.TB, opts Options) http.Handler {
	t.Helper()
	if opts.Version == nil {
		v, err := OpenSQLiteVersion(t.Context(), f.dbPath)
		if err != nil {
			t.Fatalf("watching the fixture database: %v", err)
		}
		t.Cleanup(func() { v.Close() })
		opts.Version = v.Version
	}
	if opts.ArchiveDir == "" && opts.Archive == nil {
		opts.ArchiveDir = f.archiveDir
	}
	if opts.RatePerSecond == 0 {
		opts.RatePerSecond = -1
	}
	return NewServer(f.st, opts)
}
