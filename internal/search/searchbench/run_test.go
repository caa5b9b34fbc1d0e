package searchbench

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/kamnotra/kamnotra/internal/search"
	"github.com/kamnotra/kamnotra/internal/search/sqlite"
)

// TestLoadPutsEveryDocumentOnce checks the pipelined loader: with two
// batches in flight and a last batch shorter than the others, every
// document arrives exactly once.
func TestLoadPutsEveryDocumentOnce(t *testing.T) {
	ctx := context.Background()
	idx, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "search.db"), search.KhmerAnalyzer{})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	c := NewCorpus(53, 3)
	if err := Load(ctx, idx, c, 0, 7, nil); err != nil {
		t.Fatal(err)
	}
	r, err := idx.Search(ctx, search.Query{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, h := range r.Hits {
		seen[h.ID] = true
	}
	if r.Total != c.N || len(seen) != c.N {
		t.Errorf("total %d, %d distinct hits; want %d", r.Total, len(seen), c.N)
	}
}

// failing fails its third Put.
type failing struct {
	search.Index
	puts atomic.Int32
}

func (f *failing) Put(ctx context.Context, docs ...search.Doc) error {
	if f.puts.Add(1) == 3 {
		return errors.New("disk full")
	}
	return nil
}

func TestLoadReportsAFailedBatch(t *testing.T) {
	f := &failing{}
	err := Load(context.Background(), f, NewCorpus(100, 1), 0, 10, nil)
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("Load = %v, want the batch's error", err)
	}
}
