package document

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kamnotra/kamnotra/internal/record"
)

var fuzzPages = []string{
	"lotus-news-km-2025-03-13-defection.html",
	"mekong-watch-en-2025-04-22-siem-reap-arrest.html",
	"sample-ministry-km-2025-06-02-appointment.html",
}

var fuzzFixtures = []string{"en-windows1252.html", "km-limon.html", "km-invalid-utf8.html", "broken.html"}

// FuzzReadHTML: any bytes labelled HTML give a document or an invalid-input
// error, never a panic; a document's text is valid UTF-8 and its flags are
// known ones.
func FuzzReadHTML(f *testing.F) {
	for _, p := range fuzzPages {
		f.Add(sampleFile(f, p), "text/html; charset=utf-8")
	}
	for _, p := range fuzzFixtures {
		f.Add(readFile(f, p), "text/html")
	}
	f.Add([]byte(`<script type="application/ld+json">{"@graph":[{"@type":["NewsArticle"],"datePublished":"2023-07-25","author":[{"name":"A"},"B"]}]}</script><time datetime="1690270200" pubdate>x</time>`), "")
	f.Add([]byte("<html><head><meta charset=\"x-user-defined\"></head><body>\x80\xff</body></html>"), "text/html")
	f.Add([]byte(strings.Repeat("<div>", 2000)+"deep"), "text/html")
	known := map[string]bool{record.FlagLegacyFont: true, record.FlagInvalidUTF8: true, record.FlagTruncated: true, record.FlagNoText: true, record.FlagLegacyEncode: true}
	f.Fuzz(func(t *testing.T, body []byte, ctype string) {
		r, err := Read(context.Background(), Input{URL: "https://lotus-news.example/km/2023/07/25/x", ContentType: ctype, Body: body, FetchedAt: fetched})
		if err != nil {
			if record.ErrorCode(err) != record.EInvalid && !errors.Is(err, ErrNoPDFToText) {
				t.Fatalf("error without the invalid code: %v", err)
			}
			return
		}
		for _, s := range []string{r.Text, r.Title, r.Byline, r.CanonicalURL} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in result: %q", s)
			}
		}
		for _, fl := range r.Flags {
			if !known[fl] {
				t.Fatalf("unknown flag %q", fl)
			}
		}
		switch r.Lang {
		case "", record.LangKhmer, record.LangEnglish, record.LangMixed:
		default:
			t.Fatalf("lang %q", r.Lang)
		}
		if !r.Published.IsZero() && r.Published.Start().After(fetched.AddDate(0, 0, 2)) {
			t.Fatalf("published %v after the fetch", r.Published)
		}
	})
}

// FuzzSniff: Sniff is total and names a known kind.
func FuzzSniff(f *testing.F) {
	for _, p := range fuzzPages {
		f.Add(sampleFile(f, p), "")
	}
	f.Add(sampleFile(f, "lotus-news-feed.xml"), "text/html")
	f.Add(sampleFile(f, "telegram-lotus-news-result.json"), "application/json")
	f.Add([]byte("%PDF-1.4"), "")
	f.Add([]byte("\x1f\x8b\x08\x00"), "application/gzip")
	f.Add([]byte(`{"id":"a","text":"t"}`), "")
	kinds := map[Kind]bool{KindHTML: true, KindText: true, KindPDF: true, KindCorpusJSON: true, KindTelegramJSON: true, KindFeed: true, KindSitemap: true, KindUnknown: true}
	f.Fuzz(func(t *testing.T, body []byte, ctype string) {
		if k := Sniff(ctype, body); !kinds[k] {
			t.Fatalf("Sniff = %q", k)
		}
	})
}

// FuzzDates: the date helpers accept any string.
func FuzzDates(f *testing.F) {
	for _, s := range []string{"2023-07-25T09:30:00+07:00", "July 25, 2023 at 3:40 pm", "https://x.example/2023/07/25/a", "1690270200", "31 February 2023"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if st, ok := parseStamp(s); ok && st.date().Precision() != record.PrecisionDay {
			t.Fatalf("parseStamp(%q) precision %v", s, st.date().Precision())
		}
		dateInURL(s)
		for _, st := range englishDates(s) {
			if st.t.IsZero() {
				t.Fatalf("zero date from %q", s)
			}
		}
		Lang(s)
		SoupScore(s)
		CleanURL(s)
	})
}
