package searchbench

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/kamnotra/kamnotra/internal/search"
	"github.com/kamnotra/kamnotra/internal/search/sqlite"
)

const benchDocs = 3000

var (
	benchOnce sync.Once
	benchIdx  *sqlite.Index
	benchErr  error
)

// benchIndex builds one small SQLite index for all benchmarks of the run.
func benchIndex(b *testing.B) (*sqlite.Index, *Corpus) {
	c := NewCorpus(benchDocs, 1)
	benchOnce.Do(func() {
		dir, err := filepathTemp()
		if err != nil {
			benchErr = err
			return
		}
		benchIdx, benchErr = sqlite.Open(context.Background(), filepath.Join(dir, "search.db"), search.KhmerAnalyzer{})
		if benchErr == nil {
			benchErr = Load(context.Background(), benchIdx, c, 0, 500, nil)
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchIdx, c
}

// BenchmarkSearch times Search per query class; BenchmarkEngine is its
// baseline, the bare FTS5 query on the same terms.
func BenchmarkSearch(b *testing.B) {
	perClass(b, func(ctx context.Context, idx *sqlite.Index, q Query) error {
		_, err := idx.Search(ctx, search.Query{Text: q.Text, WithFacets: q.Facets})
		return err
	})
}

func BenchmarkEngine(b *testing.B) {
	perClass(b, func(ctx context.Context, idx *sqlite.Index, q Query) error {
		_, err := idx.EngineQuery(ctx, q.Text, 20)
		return err
	})
}

// perClass runs fn over the queries of each class, a sub-benchmark each.
func perClass(b *testing.B, fn func(ctx context.Context, idx *sqlite.Index, q Query) error) {
	idx, c := benchIndex(b)
	qs := byClass(c.Queries(len(Classes)*20, 2))
	ctx := context.Background()
	for _, cl := range Classes {
		b.Run(cl, func(b *testing.B) {
			i := 0
			for b.Loop() {
				q := qs[cl][i%len(qs[cl])]
				i++
				if err := fn(ctx, idx, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSearchPage is what the site's search page asks: 50 hits with
// snippets, over queries of every class.
func BenchmarkSearchPage(b *testing.B) {
	idx, c := benchIndex(b)
	qs := c.Queries(len(Classes)*20, 3)
	ctx := context.Background()
	i := 0
	for b.Loop() {
		q := qs[i%len(qs)]
		i++
		if _, err := idx.Search(ctx, search.Query{Text: q.Text, Limit: 50}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSnippet is the cost of one hit's snippet on a generated
// document of about 1.5 KB.
func BenchmarkSnippet(b *testing.B) {
	c := NewCorpus(100, 1)
	d := c.Doc(3)
	a := search.KhmerAnalyzer{}
	clauses := a.Query(c.Khmer[5] + " " + c.English[3])
	for b.Loop() {
		search.Snippet(a, d.Text, clauses, 200)
	}
}

func byClass(qs []Query) map[string][]Query {
	out := map[string][]Query{}
	for _, q := range qs {
		out[q.Class] = append(out[q.Class], q)
	}
	return out
}
