package postgres

import (
	"context"
	"testing"

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
