package search_test

import (
	"slices"
	"testing"

	"github.com/kamnotra/kamnotra/internal/search"
	"github.com/kamnotra/kamnotra/internal/search/searchbench"
)

type snippetHit struct {
	text    string
	clauses []search.Clause
}

// corpusHits pairs generated queries of every class with generated
// documents that match them, up to perQuery each.
func corpusHits(docs, queries, perQuery int) []snippetHit {
	a := search.KhmerAnalyzer{}
	c := searchbench.NewCorpus(docs, 1)
	var hits []snippetHit
	for _, q := range c.Queries(queries, 2) {
		cl := a.Query(q.Text)
		want := map[string]bool{}
		for _, c := range cl {
			for _, ph := range c {
				for _, t := range ph.Terms {
					want[t] = true
				}
			}
		}
		n := 0
		for i := 0; i < c.N && n < perQuery; i++ {
			text := c.Doc(i).Text
			for _, tok := range a.Tokens(text) {
				if want[tok.Term] {
					hits = append(hits, snippetHit{text, cl})
					n++
					break
				}
			}
		}
	}
	return hits
}

// TestSnippetCorpusEqualsWhole: on generated reports mixing Khmer and
// English, snippets made piece by piece are those of the whole text.
func TestSnippetCorpusEqualsWhole(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses a few hundred generated reports")
	}
	a := search.KhmerAnalyzer{}
	hits := corpusHits(600, 55, 6)
	if len(hits) < 100 {
		t.Fatalf("only %d matching reports", len(hits))
	}
	for _, h := range hits {
		for _, width := range []int{60, 200} {
			got := search.Snippet(a, h.text, h.clauses, width)
			if want := search.SnippetWhole(a, h.text, h.clauses, width); !slices.Equal(got, want) {
				t.Fatalf("width %d, clauses %v:\n got %v\nwant %v\ntext %q", width, h.clauses, got, want, h.text)
			}
		}
	}
}

// BenchmarkSnippetCorpus makes the snippets of a result page: generated
// documents that match generated queries of every class.
func BenchmarkSnippetCorpus(b *testing.B) {
	a := search.KhmerAnalyzer{}
	hits := corpusHits(3000, 110, 20)
	if len(hits) == 0 {
		b.Fatal("no document matches the queries")
	}
	ca := &countingAnalyzer{KhmerAnalyzer: a}
	var snippets int
	for i := 0; b.Loop(); i++ {
		h := hits[i%len(hits)]
		search.Snippet(ca, h.text, h.clauses, 200)
		snippets++
	}
	// Bytes analysed is what the time mostly follows, and it does not
	// vary with the machine's load.
	b.ReportMetric(float64(ca.bytes)/float64(snippets), "analysed-bytes/op")
}

type countingAnalyzer struct {
	search.KhmerAnalyzer
	bytes int
}

func (c *countingAnalyzer) Tokens(text string) []search.Token {
	c.bytes += len(text)
	return c.KhmerAnalyzer.Tokens(text)
}
