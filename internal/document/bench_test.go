package document

import (
	"bytes"
	"context"
	"testing"

	"golang.org/x/net/html"
)

// Benchmarks of Read on a Khmer and an English article of the sample set,
// against plain html.Parse of the same bytes as the baseline:
//
//	go test -run=^$ -bench=. -benchmem ./internal/document
//
// Read's cost over the baseline is decoding, one metadata walk,
// readability and date/language checks.
var benchPages = []struct{ name, file, url string }{
	{"km", "lotus-news-km-2025-03-13-defection.html", "https://lotus-news.example/km/politics/2025/03/13/morning-star-members-join-harmony/"},
	{"en", "mekong-watch-en-2025-04-22-siem-reap-arrest.html", "https://mekong-watch.example/news/siem-reap-activist-arrested"},
}

func BenchmarkRead(b *testing.B) {
	for _, p := range benchPages {
		body := sampleFile(b, p.file)
		b.Run(p.name+"/Read", func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if _, err := Read(context.Background(), Input{URL: p.url, ContentType: "text/html; charset=utf-8", Body: body, FetchedAt: fetched}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(p.name+"/html.Parse", func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if _, err := html.Parse(bytes.NewReader(body)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
