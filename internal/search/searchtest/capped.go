package searchtest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/kamnotra/kamnotra/internal/search"
)

// RunCapped checks the capped count: open returns an index whose count
// stops at limit (a test-sized MaxTotal).
func RunCapped(t *testing.T, limit int, open Open) {
	ctx := context.Background()
	idx := open(t)
	t.Cleanup(func() { idx.Close() })
	var docs []search.Doc
	for i := range limit + 2 {
		text := "ministry statement"
		if i%2 == 0 {
			text += " flood"
		}
		docs = append(docs, search.Doc{ID: fmt.Sprint("c", i), Kind: search.KindDocument, Title: "t", Text: text,
			Date: time.Date(2024, 1, 1+i, 0, 0, 0, 0, time.UTC)})
	}
	if err := idx.Put(ctx, docs...); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		offset      int
		text        string
		wantTotal   int
		wantCapped  bool
		wantHitsMin int
	}{
		{text: "ministry", wantTotal: limit, wantCapped: true, wantHitsMin: 1},
		{text: "flood", wantTotal: (limit + 3) / 2, wantCapped: (limit+3)/2 > limit, wantHitsMin: 1},
		{text: "ministry", offset: limit, wantTotal: limit + 2, wantCapped: true, wantHitsMin: 2},
		{text: "absent", wantTotal: 0},
	}
	for _, tt := range tests {
		r, err := idx.Search(ctx, search.Query{Text: tt.text, Offset: tt.offset, Limit: 2})
		if err != nil {
			t.Fatal(err)
		}
		if r.Total != tt.wantTotal || r.TotalCapped != tt.wantCapped || len(r.Hits) < tt.wantHitsMin {
			t.Errorf("%q offset %d: Total %d capped %v with %d hits, want %d capped %v with at least %d hits",
				tt.text, tt.offset, r.Total, r.TotalCapped, len(r.Hits), tt.wantTotal, tt.wantCapped, tt.wantHitsMin)
		}
	}
}
