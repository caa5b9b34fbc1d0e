package postgres

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kamnotra/kamnotra/internal/pgtest"
	"github.com/kamnotra/kamnotra/internal/search"
	"github.com/kamnotra/kamnotra/internal/search/searchtest"
)

func TestConformance(t *testing.T) {
	searchtest.Run(t, func(t *testing.T) search.Index {
		idx, err := New(context.Background(), pgtest.Pool(t), search.KhmerAnalyzer{})
		if err != nil {
			t.Fatal(err)
		}
		return idx
	})
}

// TestConformanceBucketed runs the suite with terms in their bucketed
// forms: every term by bucket, every term by run, and a mix by document
// frequency. The fixture is far too small to reach commonDF, and every
// form must answer the same.
func TestConformanceBucketed(t *testing.T) {
	for _, df := range [][2]int64{{1, 1}, {1, 1 << 40}, {2, 3}} {
		t.Run(fmt.Sprint("df", df), func(t *testing.T) {
			searchtest.Run(t, func(t *testing.T) search.Index {
				idx, err := New(context.Background(), pgtest.Pool(t), search.KhmerAnalyzer{})
				if err != nil {
					t.Fatal(err)
				}
				idx.commonDF, idx.denseDF = df[0], df[1]
				// Narrow first windows, widened as the rows come.
				idx.probeDocs = 2
				return idx
			})
		})
	}
}

func TestCappedTotal(t *testing.T) {
	searchtest.RunCapped(t, 4, func(t *testing.T) search.Index {
		idx, err := New(context.Background(), pgtest.Pool(t), search.KhmerAnalyzer{})
		if err != nil {
			t.Fatal(err)
		}
		idx.maxTotal = 4
		return idx
	})
}

// TestBlocks checks that the hex runs cover exactly the buckets asked
// for, and that cover never covers less.
func TestBlocks(t *testing.T) {
	in := func(prefixes []string, b int64) int {
		n := 0
		for _, p := range prefixes {
			if strings.HasPrefix(hex4(b), p) {
				n++
			}
		}
		return n
	}
	for _, r := range [][2]int64{{0, 0}, {0, maxBucket}, {5, 5}, {0x1454, 0x166e}, {0x0ff0, 0x1010}, {1, maxBucket - 1}, {0x2000, 0x2fff}} {
		bl := blocks(r[0], r[1])
		for _, b := range []int64{r[0] - 1, r[0], r[0] + 1, (r[0] + r[1]) / 2, r[1] - 1, r[1], r[1] + 1} {
			if b < 0 || b > maxBucket {
				continue
			}
			want := 0
			if b >= r[0] && b <= r[1] {
				want = 1
			}
			if got := in(bl, b); got != want {
				t.Errorf("blocks(%x, %x) = %v covers bucket %x %d times, want %d", r[0], r[1], bl, b, got, want)
			}
		}
		for _, n := range []int{1, 50, 5000} {
			c := cover(r[0], r[1], n)
			if len(c)*n > maxItems && len(c) > 1 {
				t.Errorf("cover(%x, %x, %d) = %d prefixes, over the budget", r[0], r[1], n, len(c))
			}
			for b := r[0]; b <= r[1]; b += max(1, (r[1]-r[0])/97) {
				if in(c, b) != 1 {
					t.Errorf("cover(%x, %x, %d) = %v misses bucket %x", r[0], r[1], n, c, b)
				}
			}
		}
	}
	if got := blocks(0, maxBucket); len(got) != 1 || got[0] != "" {
		t.Errorf("blocks over everything = %q, want the empty prefix", got)
	}
}

// TestKhmerPhraseAcrossBuckets checks that a word is found in documents
// of many buckets and that cluster pairs of one word never match across
// two documents' lexemes: each document carries only its own bucket.
func TestKhmerPhraseAcrossBuckets(t *testing.T) {
	ctx := context.Background()
	idx, err := New(ctx, pgtest.Pool(t), search.KhmerAnalyzer{})
	if err != nil {
		t.Fatal(err)
	}
	// Terms in five documents switch to their bucketed form.
	idx.commonDF, idx.denseDF = 5, 9
	idx.probeDocs = 3
	var docs []search.Doc
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 60 {
		text := "ក្រសួងកសិកម្ម"
		if i%3 == 0 {
			text = "មន្ត្រីក្រសួង"
		}
		docs = append(docs, search.Doc{ID: fmt.Sprint("k", i), Kind: search.KindDocument, Title: "t", Text: text,
			Date: start.AddDate(0, 0, 37*i)})
	}
	// In small batches, so that some documents hold a term plain and
	// later ones bucketed.
	for i := 0; i < len(docs); i += 4 {
		if err := idx.Put(ctx, docs[i:min(i+4, len(docs))]...); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		q    string
		want int
	}{{"ក្រសួង", 60}, {"មន្ត្រី", 20}, {"កសិកម្ម", 40}, {"ត្រី", 0}, {"មន្ត្រី កសិកម្ម", 0}} {
		r, err := idx.Search(ctx, search.Query{Text: tt.q, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if r.Total != tt.want || len(r.Hits) != tt.want {
			t.Errorf("%q: total %d, %d hits; want %d", tt.q, r.Total, len(r.Hits), tt.want)
		}
		for i := 1; i < len(r.Hits); i++ {
			if r.Hits[i].Date.After(r.Hits[i-1].Date) {
				t.Errorf("%q: hit %d is newer than hit %d", tt.q, i, i-1)
			}
		}
		if n, err := idx.EngineQuery(ctx, tt.q, 100); err != nil || n != tt.want {
			t.Errorf("EngineQuery(%q) = %d, %v; want %d", tt.q, n, err, tt.want)
		}
	}
	// A date range inside the span, cutting buckets in the middle.
	r, err := idx.Search(ctx, search.Query{Text: "ក្រសួង", From: start.AddDate(0, 0, 37*10+1), To: start.AddDate(0, 0, 37*20), Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if r.Total != 10 {
		t.Errorf("date range: total %d, want 10", r.Total)
	}
}
