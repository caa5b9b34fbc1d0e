package document

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/sample"
)

var fetched = time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC)

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func sampleFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := fs.ReadFile(sample.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// want lists what a test checks; empty fields are not checked, except
// Flags, which must match exactly.
type want struct {
	title, byline, lang, canonical, published, dateSource, outlet, charset string
	publishedAt                                                            string // RFC 3339 or ""
	flags                                                                  []string
	contains, excludes                                                     []string
}

func check(t *testing.T, r *Result, w want) {
	t.Helper()
	eq := func(field, got, want string) {
		t.Helper()
		if want != "" && got != want {
			t.Errorf("%s = %q, want %q", field, got, want)
		}
	}
	eq("Title", r.Title, w.title)
	eq("Byline", r.Byline, w.byline)
	eq("Lang", r.Lang, w.lang)
	eq("CanonicalURL", r.CanonicalURL, w.canonical)
	eq("Published", r.Published.String(), w.published)
	eq("DateSource", r.DateSource, w.dateSource)
	eq("OutletID", r.OutletID, w.outlet)
	eq("Charset", r.Charset, w.charset)
	if w.publishedAt != "" {
		at, _ := time.Parse(time.RFC3339, w.publishedAt)
		if !r.PublishedAt.Equal(at) {
			t.Errorf("PublishedAt = %v, want %v", r.PublishedAt, at)
		}
	}
	if !slices.Equal(r.Flags, w.flags) {
		t.Errorf("Flags = %v, want %v", r.Flags, w.flags)
	}
	for _, s := range w.contains {
		if !strings.Contains(r.Text, s) {
			t.Errorf("text lacks %q", s)
		}
	}
	for _, s := range w.excludes {
		if strings.Contains(r.Text, s) {
			t.Errorf("text keeps boilerplate %q", s)
		}
	}
	if t.Failed() {
		t.Logf("text:\n%s", r.Text)
	}
}

func TestReadSamplePages(t *testing.T) {
	tests := []struct {
		file, url string
		want      want
	}{
		{"lotus-news-km-2025-03-13-defection.html", "https://lotus-news.example/km/politics/2025/03/13/morning-star-members-join-harmony/", want{
			title:       "សមាជិកគណបក្សផ្កាយព្រឹកជាង៣០០នាក់ នៅខេត្តកំពង់ចាម ចូលរួមជាមួយគណបក្សសាមគ្គីជាតិ",
			byline:      "ឈូក រស្មី",
			lang:        "km",
			published:   "2025-03-13",
			publishedAt: "2025-03-13T09:40:00+07:00",
			dateSource:  "meta",
			outlet:      "daily-lotus-news",
			contains:    []string{"ជាង៣០០នាក់", "ឯកឧត្តម ប្រាក់ សុខុម", "ប្រគល់ប័ណ្ណសមាជិកភាព"},
			excludes:    []string{"អត្ថបទពាក់ព័ន្ធ", "ពិធីសម្ពោធសាលារៀនថ្មី", "ចែករំលែក", "រក្សាសិទ្ធិ", "សេដ្ឋកិច្ច", "advertisement"},
		}},
		{"lotus-news-km-2025-05-18-candlelight-cpp.html", "https://lotus-news.example/km/politics/2025/05/18/tbong-khmum-150-join/?utm_source=facebook&utm_medium=social&fbclid=IwAR0sample", want{
			canonical: "https://lotus-news.example/km/politics/2025/05/18/tbong-khmum-150-join/",
			lang:      "km",
			published: "2025-05-18",
			outlet:    "daily-lotus-news",
			contains:  []string{"ចំនួន១៥០នាក់"},
		}},
		{"lotus-news-en-2025-04-02-candlelight-cpp.html", "https://lotus-news.example/en/politics/2025/04/02/takeo-councillor-joins-cpp/", want{
			title:     "Candlelight commune councillor and 120 supporters join CPP in Takeo (fictional sample)",
			byline:    "Lotus News Reporters",
			lang:      "en",
			published: "2025-04-02",
			outlet:    "daily-lotus-news",
			contains:  []string{"120 of his supporters joined the Cambodian People's Party", "only about 30 people"},
			excludes:  []string{"Related articles", "Rice prices rise", "All rights reserved", "Most popular"},
		}},
		{"mekong-watch-en-2025-04-22-siem-reap-arrest.html", "https://mekong-watch.example/news/siem-reap-activist-arrested?utm_campaign=weekly", want{
			title:       "Morning Star Party activist arrested in Siem Reap after Facebook post",
			byline:      "Dara Keomony",
			lang:        "en",
			canonical:   "https://mekong-watch.example/news/siem-reap-activist-arrested",
			published:   "2025-04-22",
			publishedAt: "2025-04-22T11:30:00+07:00",
			dateSource:  "json-ld",
			outlet:      "mekong-watch-weekly",
			contains:    []string{"arrested Morning Star Party activist Mao Sreypich", "no more than 40"},
			excludes:    []string{"Most read", "newsletter", "Land seizures", "Skip to content", "Privacy"},
		}},
		{"mekong-watch-km-2025-05-06-resignation.html", "https://mekong-watch.example/km/news/deputy-president-resigns", want{
			title:     "អនុប្រធានគណបក្សផ្កាយព្រឹក លោក កែវ សុវណ្ណដារ៉ា លាលែងពីតំណែង",
			lang:      "km",
			published: "2025-05-06",
			outlet:    "mekong-watch-weekly",
			contains:  []string{"លាលែងពីតំណែង"},
			excludes:  []string{"អានច្រើនបំផុត", "ចុះឈ្មោះទទួលព័ត៌មាន"},
		}},
		{"lotus-news-km-2025-06-10-prey-veng-arrest.html", "https://lotus-news.example/km/society/2025/06/10/prey-veng-activist-arrested/", want{
			title:       "សមត្ថកិច្ចចាប់ខ្លួនសកម្មជនគណបក្សផ្កាយព្រឹកម្នាក់ នៅខេត្តព្រៃវែង ពីបទញុះញង់",
			lang:        "km",
			published:   "2025-06-10",
			publishedAt: "2025-06-10T17:25:00+07:00",
			outlet:      "daily-lotus-news",
			contains:    []string{"បានចាប់ខ្លួនលោក ស៊ុន វិចិត្រ", "ឧត្តមសេនីយ៍ត្រី ខៀវ សុវណ្ណារិទ្ធ"},
			excludes:    []string{"អត្ថបទពាក់ព័ន្ធ", "ពេញនិយម", "រក្សាសិទ្ធិ"},
		}},
		{"sample-ministry-en-2025-05-20-appointment.html", "https://sample-ministry.example/en/announcements/2025/05/20/secretary-of-state-appointed.html", want{
			title:      "Sub-decree appoints Ouk Bunthoeun Secretary of State of the Ministry of Sample Affairs",
			lang:       "en",
			published:  "2025-05-20",
			dateSource: "url",
			outlet:     "ministry-of-sample-affairs",
			contains:   []string{"appointed Ouk Bunthoeun"},
			excludes:   []string{"The Minister\n", "Print", "Laws and regulations"},
		}},
		{"sample-ministry-km-2025-06-02-appointment.html", "https://sample-ministry.example/km/announcements/2025/06/02/deputy-governor.html", want{
			title:     "ការតែងតាំងលោក លឹម ចាន់ធី ជាអភិបាលរងខេត្តបាត់ដំបង",
			lang:      "km",
			published: "2025-06-02",
			outlet:    "ministry-of-sample-affairs",
			contains:  []string{"អភិបាលរងខេត្តបាត់ដំបង"},
			excludes:  []string{"បោះពុម្ព", "រចនាសម្ព័ន្ធ"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r, err := Read(context.Background(), Input{URL: tt.url, ContentType: "text/html; charset=utf-8", Body: sampleFile(t, tt.file), FetchedAt: fetched})
			if err != nil {
				t.Fatal(err)
			}
			if r.SourceKind != SourceHTML {
				t.Errorf("SourceKind = %q", r.SourceKind)
			}
			tt.want.charset = "utf-8"
			check(t, r, tt.want)
		})
	}
}

func TestReadFixturePages(t *testing.T) {
	tests := []struct {
		file, url, ctype string
		want             want
	}{
		{"en-windows1252.html", "https://kampot-herald.example/news/pepper", "", want{
			title:      "Kampot pepper growers “betrayed” by café chain, says co-op head",
			lang:       "en",
			charset:    "windows-1252",
			published:  "2023-07-25",
			dateSource: "text",
			flags:      []string{record.FlagLegacyEncode},
			contains:   []string{"“betrayed” 212 growers", "€40,000", "chain’s spokesperson"},
		}},
		{"km-limon.html", "http://kampuchea-sample.example/a/1", "", want{
			lang:    "km",
			charset: "windows-1252",
			flags:   []string{record.FlagLegacyEncode, record.FlagLegacyFont},
			// Converted from Limon to Unicode by khmer.ConvertLimon.
			contains: []string{"ជួបជាមួយ", "មានការចូលរួម"},
			excludes: []string{"RksYgsMNag"},
		}},
		{"km-mislabelled.html", "https://x.example/km/2023/07/15/school", "text/html; charset=ISO-8859-1", want{
			title:      "ពិធីបើកសាលារៀនថ្មី",
			lang:       "km",
			charset:    "utf-8",
			published:  "2023-07-15",
			dateSource: "url",
			contains:   []string{"លោក សៅ បុញធី"},
		}},
		{"km-invalid-utf8.html", "https://x.example/school", "", want{
			lang:     "km",
			charset:  "utf-8",
			flags:    []string{record.FlagInvalidUTF8},
			contains: []string{"\uFFFD", "បុញធី"},
		}},
		{"km-text-date.html", "https://kampuchea-sample.example/news/44120", "", want{
			title:      "ក្រុមប្រឹក្សាឃុំព្រែកតាកូវ ប្រជុំពិភាក្សាផែនការអភិវឌ្ឍន៍",
			lang:       "km",
			published:  "2023-07-25",
			dateSource: "text",
			contains:   []string{"ក្រោមអធិបតីភាពលោក ចាន់ សុភារៈ មេឃុំ", "អណ្ដូងទឹកស្អាតចំនួន១២"},
			excludes:   []string{"អត្ថបទពាក់ព័ន្ធ", "ភ្ជុំបិណ្ឌ", "កីឡា"},
		}},
		{"broken.html", "https://x.example/broken", "text/html", want{
			title:    "Commune council meets in Prey Veng",
			lang:     "en",
			contains: []string{"commune meeting in Prey Veng", "council ended late", "council's budget"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r, err := Read(context.Background(), Input{URL: tt.url, ContentType: tt.ctype, Body: readFile(t, tt.file), FetchedAt: fetched})
			if err != nil {
				t.Fatal(err)
			}
			check(t, r, tt.want)
			if hasFlag(r.Flags, record.FlagLegacyFont) && !strings.Contains(r.LegacyText, "RksYgsMNag") {
				t.Errorf("LegacyText %q lacks the typed letters", r.LegacyText)
			}
			if !hasFlag(r.Flags, record.FlagLegacyFont) && r.LegacyText != "" {
				t.Errorf("LegacyText set without the flag")
			}
		})
	}
}

// TestOutletBySiteName: a page on a host the list does not know is
// attributed by its og:site_name, and by nothing when that is unknown too.
func TestOutletBySiteName(t *testing.T) {
	page := `<html><head><meta property="og:site_name" content="%s"><title>T</title></head><body><p>Text of a mirrored article about a meeting in Kep.</p></body></html>`
	tests := []struct{ site, want string }{
		{"Khmer Times", "khmer-times"},
		{"  khmer   times ", "khmer-times"},
		{"រស្មីកម្ពុជា", "rasmei-kampuchea"},
		{"Unknown Mirror", ""},
	}
	for _, tt := range tests {
		r, err := Read(context.Background(), Input{URL: "https://mirror.example/a/1", Body: []byte(strings.Replace(page, "%s", tt.site, 1)), FetchedAt: fetched})
		if err != nil {
			t.Fatal(err)
		}
		if r.OutletID != tt.want {
			t.Errorf("site %q: outlet %q, want %q", tt.site, r.OutletID, tt.want)
		}
	}
}

// TestLangAttribute: the lang attribute decides only for very short texts.
func TestLangAttribute(t *testing.T) {
	tests := []struct{ page, want string }{
		{`<html lang="km"><body><p>OK ៗ</p></body></html>`, "km"},
		{`<html lang="en-GB"><body><p>OK</p></body></html>`, "en"},
		{`<html lang="en"><body><p>សមាជិកគណបក្សជាង៣០០នាក់ បានចូលរួមជាមួយគណបក្សប្រជាជនកម្ពុជា</p></body></html>`, "km"},
		{`<html><body><p>OK</p></body></html>`, ""},
	}
	for _, tt := range tests {
		r, err := Read(context.Background(), Input{Body: []byte(tt.page), FetchedAt: fetched})
		if err != nil {
			t.Fatal(err)
		}
		if r.Lang != tt.want {
			t.Errorf("%s: lang %q, want %q", tt.page, r.Lang, tt.want)
		}
	}
}

func TestReadText(t *testing.T) {
	r, err := Read(context.Background(), Input{URL: "file:///tmp/statement.txt", Body: sampleFile(t, "morning-star-statement-2025-04-23.txt"), FetchedAt: fetched})
	if err != nil {
		t.Fatal(err)
	}
	check(t, r, want{
		title:      "Statement of the Morning Star Party on the arrest of Mao Sreypich",
		lang:       "en",
		published:  "2025-04-23",
		dateSource: "text",
		canonical:  "file:///tmp/statement.txt",
		contains:   []string{"more than 300 of our members", "Teap Sotheary"},
	})
	if r.SourceKind != SourceText || r.OutletID != "" {
		t.Errorf("SourceKind %q, OutletID %q", r.SourceKind, r.OutletID)
	}

	// A single line has no title; CRLF becomes LF; Latin-1 bytes decode.
	r, err = Read(context.Background(), Input{ContentType: "text/plain; charset=iso-8859-1", Body: []byte("Caf\xe9 owners met the governor of Kep on Monday.\r\n"), FetchedAt: fetched})
	if err != nil {
		t.Fatal(err)
	}
	check(t, r, want{lang: "en", charset: "windows-1252", flags: []string{record.FlagLegacyEncode}, contains: []string{"Café owners"}})
	if r.Title != "" || strings.Contains(r.Text, "\r") {
		t.Errorf("title %q, text %q", r.Title, r.Text)
	}
}

func TestReadCorpusItem(t *testing.T) {
	item := `{"id":"km-900","url":"https://www.freshnewsasia.com/index.php/en/1.html?utm_source=x","outlet":"Fresh News","lang":"km","published":"2024-09-15","title":"ចំណងជើង","text":"សមាជិកចំនួន១២០នាក់ បានចូលរួម។","events":[]}`
	r, err := Read(context.Background(), Input{URL: "file:///corpus/km-900.json", Body: []byte(item), FetchedAt: fetched})
	if err != nil {
		t.Fatal(err)
	}
	check(t, r, want{
		title: "ចំណងជើង", lang: "km", published: "2024-09-15", dateSource: "corpus",
		outlet: "fresh-news", canonical: "https://www.freshnewsasia.com/index.php/en/1.html",
		contains: []string{"១២០នាក់"},
	})
	bom, err := Read(context.Background(), Input{Body: append([]byte("\xef\xbb\xbf"), item...), FetchedAt: fetched})
	if err != nil || bom.Text != r.Text {
		t.Errorf("corpus item with a BOM: %v", err)
	}
	if r.SourceKind != SourceCorpus {
		t.Errorf("SourceKind = %q", r.SourceKind)
	}
	// An unknown outlet falls back to the URL's host.
	item = `{"id":"en-1","url":"https://www.rfa.org/khmer/x","outlet":"Some Blog","published":null,"title":null,"text":"Ten members of the Morning Star Party joined.","events":[]}`
	r, err = Read(context.Background(), Input{Body: []byte(item), FetchedAt: fetched})
	if err != nil {
		t.Fatal(err)
	}
	check(t, r, want{outlet: "rfa", lang: "en"})
	if !r.Published.IsZero() {
		t.Errorf("Published = %v, want unknown", r.Published)
	}
}

// sharedOutlets are outlets of shared corpus items found by name or by a
// subdomain of their URL's host.
var sharedOutlets = map[string]string{
	"en-003": "phnom-penh-post", // m.phnompenhpost.com
	"en-006": "vod",             // "VOD English"
	"en-021": "rfa",             // radiofree.asia
	"en-030": "fresh-news",      // m.en.freshnewsasia.com
	"km-015": "kampuchea-thmey",
	"km-027": "rfa",
}

// TestReadSharedCorpus reads the real labelled items when ../shared is
// present: every one must become a document with its outlet and language.
func TestReadSharedCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.json"))
	if len(files) == 0 {
		t.Skip("shared corpus not present")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Read(context.Background(), Input{URL: "file://" + f, Body: b, FetchedAt: time.Now()})
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		wantLang := filepath.Base(filepath.Dir(f))
		if r.Lang != wantLang {
			t.Errorf("%s: lang %q, want %q", f, r.Lang, wantLang)
		}
		id := strings.TrimSuffix(filepath.Base(f), ".json")
		if want, ok := sharedOutlets[id]; ok && r.OutletID != want {
			t.Errorf("%s: outlet %q, want %q", f, r.OutletID, want)
		}
		// The item's own language is a label; the letters must agree.
		if got := Lang(r.Text); got != wantLang {
			t.Errorf("%s: Lang(text) = %q, want %q", f, got, wantLang)
		}
	}
}

func TestReadErrors(t *testing.T) {
	big := bytes.Repeat([]byte("<p>x</p>"), MaxMarkupSize/8+1)
	tests := []struct {
		name  string
		in    Input
		is    error
		words string
	}{
		{"empty", Input{URL: "https://x.example/", Body: nil}, ErrEmpty, "empty"},
		{"blank", Input{Body: []byte(" \n\t ")}, ErrEmpty, "empty"},
		{"too large page", Input{Body: big, ContentType: "text/html"}, ErrTooLarge, "over the 16 MiB limit"},
		{"too large", Input{Body: make([]byte, MaxBodySize+1)}, ErrTooLarge, "over the 64 MiB limit"},
		{"feed", Input{Body: sampleFile(t, "lotus-news-feed.xml")}, ErrNotOneDoc, "feed package"},
		{"telegram", Input{Body: sampleFile(t, "telegram-lotus-news-result.json")}, ErrNotOneDoc, "telegram package"},
		{"binary", Input{Body: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ContentType: "image/png"}, ErrUnknownFmt, "image/png"},
		{"other json", Input{Body: []byte(`{"a":1}`), ContentType: "application/json"}, ErrUnknownFmt, "cannot read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(context.Background(), tt.in)
			if !errors.Is(err, tt.is) {
				t.Fatalf("err = %v, want %v", err, tt.is)
			}
			if record.ErrorCode(err) != record.EInvalid || !strings.Contains(err.Error(), tt.words) {
				t.Errorf("err = %v (code %s), want invalid with %q", err, record.ErrorCode(err), tt.words)
			}
		})
	}
	page := sampleFile(t, "mekong-watch-en-2025-04-22-siem-reap-arrest.html")
	gzPage := gzipBytes(page)
	r, err := Read(context.Background(), Input{Body: gzPage, FetchedAt: fetched})
	if err != nil || !strings.Contains(r.Text, "Mao Sreypich") {
		t.Errorf("gzip page: %v", err)
	}
	for _, bad := range [][]byte{gzPage[:len(gzPage)/2], {0x1f, 0x8b, 1, 2}, gzipBytes([]byte("  "))} {
		if _, err := Read(context.Background(), Input{Body: bad}); err == nil || record.ErrorCode(err) != record.EInvalid {
			t.Errorf("bad gzip %x…: err = %v", bad[:4], err)
		}
	}
	if _, err := Read(context.Background(), Input{Body: gzPage[:len(gzPage)/2]}); err == nil || !strings.Contains(err.Error(), "truncated") {
		t.Errorf("truncated gzip: %v", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, Input{Body: []byte("<p>hello</p>")}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: err = %v", err)
	}
}

func TestSniff(t *testing.T) {
	gz := func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	tests := []struct {
		name, ct string
		body     []byte
		want     Kind
	}{
		{"html", "", []byte("<!DOCTYPE html><html><body>x</body></html>"), KindHTML},
		{"html bom space", "", []byte("\xef\xbb\xbf  \n<html>"), KindHTML},
		{"html comment first", "", []byte("<!-- cached --><html>"), KindHTML},
		{"html fragment", "", []byte("<nav>menu</nav>"), KindHTML},
		{"rss labelled html", "text/html", []byte(`<?xml version="1.0"?><?xml-stylesheet href="x.xsl"?><rss version="2.0">`), KindFeed},
		{"atom", "", []byte(`<?xml version="1.0" encoding="utf-8"?>` + "\n" + `<feed xmlns="http://www.w3.org/2005/Atom">`), KindFeed},
		{"rdf", "", []byte(`<rdf:RDF xmlns:rdf="x">`), KindFeed},
		{"urlset", "", []byte(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`), KindSitemap},
		{"sitemapindex", "application/xml", []byte(`<sitemapindex>`), KindSitemap},
		{"gzip sitemap", "application/octet-stream", gz(`<?xml version="1.0"?><urlset>`), KindSitemap},
		{"gzip junk", "", gz("\x00\x01\x02"), KindUnknown},
		{"truncated gzip", "", gz("<urlset>")[:12], KindUnknown},
		{"pdf", "application/octet-stream", []byte("%PDF-1.7\n%âãÏÓ"), KindPDF},
		{"pdf label only", "application/pdf", []byte("\x00\x01"), KindPDF},
		{"json feed", "application/json", []byte(`{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": []}`), KindFeed},
		{"telegram", "", []byte(`{"name": "Ch", "type": "public_channel", "id": 1, "messages": [`), KindTelegramJSON},
		{"corpus", "", []byte(`{"id":"x","text":"t","events":[]}`), KindCorpusJSON},
		{"corpus with BOM", "", []byte("\xef\xbb\xbf\n" + `{"id":"x","text":"t","events":[]}`), KindCorpusJSON},
		{"telegram with BOM", "", []byte("\xef\xbb\xbf" + `{"name":"x","messages":[]}`), KindTelegramJSON},
		{"other json", "application/json", []byte(`{"a":[1,2,{"b":3}]}`), KindUnknown},
		{"plain text", "", []byte("Statement of the party\n\nWe reject..."), KindText},
		{"khmer text", "", []byte("សេចក្ដីថ្លែងការណ៍"), KindText},
		{"html labelled text", "text/plain", []byte("<html><body>x</body></html>"), KindHTML},
		{"markup in text", "text/plain", []byte("<b>a note</b> in a text file"), KindText},
		{"text labelled html", "text/html", []byte("hello"), KindHTML},
		{"binary", "", []byte("\x89PNG\r\n\x1a\n\x00\x00"), KindUnknown},
		{"empty", "text/html", nil, KindUnknown},
		{"other xml", "application/xml", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">`), KindUnknown},
	}
	for _, tt := range tests {
		if got := Sniff(tt.ct, tt.body); got != tt.want {
			t.Errorf("%s: Sniff = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestCleanURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://Lotus-News.example:443/a?utm_source=fb&id=3&fbclid=x#top", "https://lotus-news.example/a?id=3"},
		{"http://x.example", "http://x.example/"},
		{"https://x.example/a?UTM_Medium=x&gclid=1", "https://x.example/a"},
		{"file:///tmp/a.html", "file:///tmp/a.html"},
		{"telegram:123/4", "telegram:123/4"},
		{"not a url", "not a url"},
	}
	for _, tt := range tests {
		if got := CleanURL(tt.in); got != tt.want {
			t.Errorf("CleanURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLang(t *testing.T) {
	tests := []struct{ in, want string }{
		{"សមាជិកគណបក្សជាង៣០០នាក់ បានចូលរួមជាមួយគណបក្សប្រជាជនកម្ពុជា (CPP) នៅខេត្តកំពង់ចាម", "km"},
		{"More than 300 members joined the party in Kampong Cham province on Tuesday.", "en"},
		{"More than 300 members joined the party in Kampong Cham. សមាជិកគណបក្សជាង៣០០នាក់ បានចូលរួម", "mul"},
		{"CPP ៣០០", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Lang(tt.in); got != tt.want {
			t.Errorf("Lang(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLegacyFont(t *testing.T) {
	soup := "elak Gs;Ga sux rdæmRnþI RksYgsMNag )anCYbCamYy RbCaBlrdæ enAkñúgextþkMBtEdl mankarcUlrYmBImnþIrdæaPi)alCaeRcIn kñúgkic©RbCuMenaH elak )anelIkeLIgfa RksYgnwgbnþeFVIkarCamYyGaCJaFrmUldæanedIm,IGPivDÆn_PUmiPaK"
	english := "The head of a pepper co-operative in Dang Tong district said on Monday that a café chain owned by McDonald-style investors had cancelled an iPhone app deal with 212 growers in Kampot province."
	tests := []struct {
		name, text, font string
		want             bool
	}{
		{"soup alone", soup, "", true},
		{"soup with font", soup, "Limon S1", true},
		{"english", english, "", false},
		{"english with font named", english, "Limon S1", false},
		{"unicode khmer", "សមាជិកគណបក្សជាង៣០០នាក់ បានចូលរួមជាមួយគណបក្ស", "Limon S1", false},
	}
	for _, tt := range tests {
		if got, conv := legacyCheck(tt.text, tt.font); got != tt.want || (conv != "" && !tt.want) {
			t.Errorf("%s: legacyCheck = %v, %q; want %v", tt.name, got, conv, tt.want)
		}
		if got := isLegacy(tt.text, tt.font); got != tt.want {
			s, n := SoupScore(tt.text)
			t.Errorf("%s: isLegacy = %v, want %v (score %.2f of %d words)", tt.name, got, tt.want, s, n)
		}
	}
	fonts := []struct{ css, want string }{
		{`font-family: "Limon S1", Arial`, "Limon S1"},
		{`font-family:'ABC-TEXT-05'`, "ABC-TEXT-05"},
		{`face="Khmer Kampuchea"`, "Khmer Kampuchea"},
		{`font-family: "Khmer OS Siemreap", sans-serif`, ""},
		{`font-family: Hanuman, "Noto Sans Khmer"`, ""},
	}
	for _, f := range fonts {
		if got := legacyFontIn(f.css); got != f.want {
			t.Errorf("legacyFontIn(%q) = %q, want %q", f.css, got, f.want)
		}
	}
}

func TestDates(t *testing.T) {
	tests := []struct {
		in    string
		want  string
		clock bool
	}{
		{"2023-07-25T09:30:00+07:00", "2023-07-25", true},
		{"2023-07-24T20:00:00Z", "2023-07-25", true}, // 03:00 next day in Phnom Penh
		{"2023-07-25T00:00:00+07:00", "2023-07-25", false},
		{"2023-07-25", "2023-07-25", false},
		{"2023-07-25 14:05:00", "2023-07-25", true},
		{"Tue, 25 Jul 2023 14:05:00 +0700", "2023-07-25", true},
		{"1690270200", "2023-07-25", true},
		{"July 25, 2023", "2023-07-25", false},
		{"25/07/2023", "2023-07-25", false},
		{"07/25/2023", "2023-07-25", false},
		{"05/07/2023 10:30", "2023-07-05", true},
		{"25-07-2023", "2023-07-25", false},
	}
	for _, tt := range tests {
		s, ok := parseStamp(tt.in)
		if !ok {
			t.Errorf("parseStamp(%q) failed", tt.in)
			continue
		}
		if got := s.date().String(); got != tt.want || s.clock != tt.clock {
			t.Errorf("parseStamp(%q) = %s clock %v, want %s clock %v", tt.in, got, s.clock, tt.want, tt.clock)
		}
	}
	for _, bad := range []string{"", "yesterday", "2023-13-01", "25/07/2023 maybe", "31/02/2023", "13/13/2023"} {
		if _, ok := parseStamp(bad); ok {
			t.Errorf("parseStamp(%q) succeeded", bad)
		}
	}
	if s, ok := parseAny("ថ្ងៃទី២៥ ខែកក្កដា ឆ្នាំ២០២៣", fetched); !ok || s.date().String() != "2023-07-25" {
		t.Errorf("parseAny of a Khmer date: %v %v", s.date(), ok)
	}
	urls := []struct{ in, want string }{
		{"https://x.example/2023/07/25/slug/", "2023-07-25"},
		{"https://x.example/news/2023-07-25-slug", "2023-07-25"},
		{"https://x.example/archives/2023/07/slug", "2023-07"},
		{"https://x.example/2023/02/30/slug", ""},
		{"https://x.example/item/123456", ""},
		{"https://x.example/a?d=2023/07/25", ""},
	}
	for _, tt := range urls {
		s, ok := dateInURL(tt.in)
		got := ""
		if ok {
			got = s.date().String()
		}
		if got != tt.want {
			t.Errorf("dateInURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	texts := []struct{ in, want string }{
		{"Posted on July 25, 2023 by Sam", "2023-07-25"},
		{"Phnom Penh, 20 May 2025", "2025-05-20"},
		{"Tue, Jul 4th, 2023 at 3:40 pm", "2023-07-04"},
		{"on 31 February 2023", ""},
		{"in May", ""},
	}
	for _, tt := range texts {
		ds := englishDates(tt.in)
		got := ""
		if len(ds) > 0 {
			got = ds[0].date().String()
		}
		if got != tt.want {
			t.Errorf("englishDates(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if !plausible(fetched, fetched) || plausible(fetched.AddDate(0, 0, 3), fetched) || plausible(time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), fetched) {
		t.Error("plausible bounds wrong")
	}
}

func TestTitleSite(t *testing.T) {
	tests := []struct {
		title   string
		sites   []string
		heading string
		want    string
	}{
		{"Party members join CPP - Daily Lotus News", []string{"Daily Lotus News"}, "", "Party members join CPP"},
		{"Daily Lotus News | Party members join CPP", []string{"daily lotus news"}, "", "Party members join CPP"},
		{"Party members join CPP | KH News", nil, "", "Party members join CPP"},
		{"Party members join CPP | kampot-herald.example", nil, "", "Party members join CPP"},
		{"Pro-government outlet says 300 joined", nil, "", "Pro-government outlet says 300 joined"},
		{"Q&A: the commune elections explained by three analysts", nil, "", "Q&A: the commune elections explained by three analysts"},
		{"Ministry :: Sub-decree appoints X", nil, "Sub-decree appoints X", "Sub-decree appoints X"},
	}
	for _, tt := range tests {
		if got := stripSite(tt.title, tt.sites, tt.heading); got != tt.want {
			t.Errorf("stripSite(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// TestReadDeterministic: the same bytes give the same document, so that
// re-running capture on an archived body changes nothing.
func TestReadDeterministic(t *testing.T) {
	es, err := sample.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if e.Kind != "html" && e.Kind != "text" {
			continue
		}
		body := sampleFile(t, e.Path)
		in := Input{URL: e.URL + "?utm_source=a&b=2&a=1", ContentType: e.ContentType, Body: body, FetchedAt: fetched}
		first, err := Read(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			again, err := Read(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(first, again) {
				t.Fatalf("%s: second read differs:\n%+v\n%+v", e.Path, first, again)
			}
		}
		if first.Lang != e.Lang {
			t.Errorf("%s: lang %q, manifest says %q", e.Path, first.Lang, e.Lang)
		}
		if e.Outlet != "" && first.OutletID != e.Outlet {
			t.Errorf("%s: outlet %q, manifest says %q", e.Path, first.OutletID, e.Outlet)
		}
	}
}
