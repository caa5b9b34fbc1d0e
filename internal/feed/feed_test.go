package feed

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/sample"
)

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParse(t *testing.T) {
	rss, err := fs.ReadFile(sample.FS, "lotus-news-feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	ict := time.FixedZone("", 7*3600)
	tests := []struct {
		name, base string
		body       []byte
		title      string
		urls       []string
		first      Item
	}{
		{"rss", "https://lotus-news.example/feed.xml", rss, "Daily Lotus News — Politics", []string{
			"https://lotus-news.example/km/politics/2025/05/18/tbong-khmum-150-join/",
			"https://lotus-news.example/en/politics/2025/04/02/takeo-councillor-joins-cpp/",
			"https://lotus-news.example/km/politics/2025/03/13/morning-star-members-join-harmony/",
		}, Item{
			Title:     "សមាជិកគណបក្សភ្លើងទៀនចំនួន១៥០នាក់ នៅស្រុកមេមត់ ចូលរួមជាមួយគណបក្សប្រជាជនកម្ពុជា (គំរូប្រឌិត)",
			Published: time.Date(2025, 5, 18, 10, 15, 0, 0, ict),
			Author:    "ឈូក រស្មី",
			GUID:      "lotus-4903",
		}},
		{"rss without base uses channel link", "", rss, "", []string{
			"https://lotus-news.example/km/politics/2025/05/18/tbong-khmum-150-join/",
		}, Item{}},
		{"atom relative links and duplicates", "https://mekong-watch.example/atom.xml", fixture(t, "mekong-watch-atom.xml"), "Mekong Watch Weekly", []string{
			"https://mekong-watch.example/news/yim-dara-convicted-in-absentia",
			"https://mekong-watch.example/news/siem-reap-activist-arrested",
		}, Item{
			Title:     "Exiled opposition official convicted in absentia",
			Published: time.Date(2025, 6, 10, 14, 20, 0, 0, ict),
			Author:    "Dara Keomony",
			GUID:      "tag:mekong-watch.example,2025:yim-dara",
		}},
		{"json feed", "https://lotus-news.example/feed.json", fixture(t, "lotus-news.json"), "Daily Lotus News", []string{
			"https://lotus-news.example/km/politics/2025/05/18/tbong-khmum-150-join/",
		}, Item{
			Published: time.Date(2025, 5, 18, 10, 15, 0, 0, ict),
			Author:    "ឈូក រស្មី",
			GUID:      "4903",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseFeed(tt.body, tt.base)
			if err != nil {
				t.Fatal(err)
			}
			if tt.title != "" && f.Title != tt.title {
				t.Errorf("feed title %q, want %q", f.Title, tt.title)
			}
			var urls []string
			for _, it := range f.Items {
				urls = append(urls, it.URL)
			}
			if tt.name == "rss without base uses channel link" {
				urls = urls[:1]
			}
			if !slices.Equal(urls, tt.urls) {
				t.Errorf("urls:\n%q\nwant\n%q", urls, tt.urls)
			}
			got := f.Items[0]
			if tt.first.Title != "" && got.Title != tt.first.Title {
				t.Errorf("title %q, want %q", got.Title, tt.first.Title)
			}
			if !tt.first.Published.IsZero() && !got.Published.Equal(tt.first.Published) {
				t.Errorf("published %v, want %v", got.Published, tt.first.Published)
			}
			if tt.first.Author != "" && got.Author != tt.first.Author {
				t.Errorf("author %q, want %q", got.Author, tt.first.Author)
			}
			if tt.first.GUID != "" && got.GUID != tt.first.GUID {
				t.Errorf("guid %q, want %q", got.GUID, tt.first.GUID)
			}
			if tt.base != "" && got.Content == "" {
				t.Error("content empty")
			}
		})
	}
	// Items from Parse are the same as ParseFeed's.
	items, err := Parse(rss, "https://lotus-news.example/feed.xml")
	if err != nil || len(items) != 3 {
		t.Fatalf("Parse: %d items, %v", len(items), err)
	}
	// Atom: updated stands in for a missing published.
	f, _ := ParseFeed(fixture(t, "mekong-watch-atom.xml"), "https://mekong-watch.example/atom.xml")
	if want := time.Date(2025, 4, 22, 11, 30, 0, 0, ict); !f.Items[1].Published.Equal(want) {
		t.Errorf("atom updated: %v, want %v", f.Items[1].Published, want)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		body []byte
		want string
	}{
		{"empty", nil, "empty"},
		{"html", []byte("<!DOCTYPE html><html><body><p>not a feed</p></body></html>"), "not an RSS, Atom or JSON feed"},
		{"truncated rss", []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a`), ""},
		{"too large", append([]byte("<rss>"), make([]byte, MaxFeedSize)...), "over the 16 MiB limit"},
		{"json not feed", []byte(`{"a":1}`), "not an RSS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.body, "https://x.example/feed")
			if tt.want == "" {
				// Truncated feeds may parse partially; they must not panic.
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || record.ErrorCode(err) != record.EInvalid {
				t.Errorf("err = %v, want invalid containing %q", err, tt.want)
			}
		})
	}
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// gzipBomb is a small gzip stream of "<urlset>" and n spaces, written
// fast: it stands for a sitemap that expands past the limit.
func gzipBomb(n int) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	w.Write([]byte("<urlset>"))
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for n > 0 {
		k := min(n, len(chunk))
		w.Write(chunk[:k])
		n -= k
	}
	w.Close()
	return buf.Bytes()
}

func TestParseSitemap(t *testing.T) {
	urlset := fixture(t, "sitemap.xml")
	index := fixture(t, "sitemap-index.xml")
	wantURLs := []string{
		"https://lotus-news.example/km/politics/2025/03/13/morning-star-members-join-harmony/",
		"https://lotus-news.example/en/politics/2025/04/02/takeo-councillor-joins-cpp/?a=1&b=2",
	}
	wantChildren := []string{
		"https://lotus-news.example/sitemap-posts-2025-03.xml.gz",
		"https://lotus-news.example/sitemap-posts-2025-04.xml.gz",
	}
	latin1 := []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><urlset><url><loc>https://x.example/caf\xe9</loc></url></urlset>")
	tests := []struct {
		name           string
		body           []byte
		urls, children []string
		err            string
	}{
		{"urlset", urlset, wantURLs, nil, ""},
		{"index", index, nil, wantChildren, ""},
		{"gzip", gz(urlset), wantURLs, nil, ""},
		{"latin-1", latin1, []string{"https://x.example/café"}, nil, ""},
		{"text", []byte("https://x.example/a\n\nhttps://x.example/b\r\n"), []string{"https://x.example/a", "https://x.example/b"}, nil, ""},
		{"truncated gzip", gz(urlset)[:len(gz(urlset))/2], nil, nil, "truncated"},
		{"bad gzip", []byte{0x1f, 0x8b, 0, 0, 0}, nil, nil, "not valid gzip"},
		{"empty", []byte("  "), nil, nil, "empty"},
		{"rss", []byte(`<?xml version="1.0"?><rss><channel/></rss>`), nil, nil, "root <rss> is not a sitemap"},
		{"html text", []byte("Hello, this is not a sitemap"), nil, nil, "is not a URL"},
		{"broken xml", []byte(`<urlset><url><loc>https://x.example/a</loc></url><url><loc>https://x.example/b</lo`), nil, nil, "malformed"},
		{"gzip bomb", gzipBomb(MaxSitemapSize + 10), nil, nil, "more than 64 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			urls, children, err := ParseSitemap(tt.body)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one containing %q", err, tt.err)
				}
				if record.ErrorCode(err) != record.EInvalid {
					t.Errorf("code %s, want invalid", record.ErrorCode(err))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(urls, tt.urls) || !slices.Equal(children, tt.children) {
				t.Errorf("urls %q children %q, want %q %q", urls, children, tt.urls, tt.children)
			}
		})
	}
	_, _, err := ParseSitemap([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"></feed>`))
	if !errors.Is(err, ErrNotSitemap) {
		t.Errorf("atom: err = %v, want ErrNotSitemap", err)
	}
}

func TestSitemapURLLimit(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("<urlset>")
	for i := 0; i <= MaxSitemapURLs; i++ {
		b.WriteString("<url><loc>https://x.example/a</loc></url>")
	}
	b.WriteString("</urlset>")
	if _, _, err := ParseSitemap(b.Bytes()); err == nil || !strings.Contains(err.Error(), "more than 100000 URLs") {
		t.Errorf("err = %v", err)
	}
}

func FuzzParse(f *testing.F) {
	rss, _ := fs.ReadFile(sample.FS, "lotus-news-feed.xml")
	f.Add(rss)
	f.Add(fixture(f, "mekong-watch-atom.xml"))
	f.Add(fixture(f, "lotus-news.json"))
	f.Add([]byte(`<rss><channel><item><link>../x</link><pubDate>Mon, 32 Foo</pubDate></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		items, err := Parse(body, "https://x.example/feed/")
		if err != nil {
			if record.ErrorCode(err) != record.EInvalid {
				t.Fatalf("error without the invalid code: %v", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, it := range items {
			if it.URL != "" && !strings.HasPrefix(it.URL, "http") {
				t.Fatalf("non-http URL %q", it.URL)
			}
			if it.URL != "" && seen[it.URL] {
				t.Fatalf("duplicate URL %q", it.URL)
			}
			seen[it.URL] = true
		}
	})
}

func FuzzParseSitemap(f *testing.F) {
	f.Add(fixture(f, "sitemap.xml"))
	f.Add(fixture(f, "sitemap-index.xml"))
	f.Add(gz(fixture(f, "sitemap.xml")))
	f.Add([]byte("https://x.example/a\n"))
	f.Add([]byte(`<urlset><url><loc>a</loc><url><loc>b</loc></url></url></urlset>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		urls, children, err := ParseSitemap(body)
		if err != nil {
			if record.ErrorCode(err) != record.EInvalid {
				t.Fatalf("error without the invalid code: %v", err)
			}
			return
		}
		if len(urls) > 0 && len(children) > 0 {
			t.Fatal("a sitemap is either a urlset or an index")
		}
		for _, u := range append(urls, children...) {
			if u == "" || u != strings.TrimSpace(u) {
				t.Fatalf("untrimmed or empty URL %q", u)
			}
		}
	})
}
