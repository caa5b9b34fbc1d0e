// Package searchopen opens the search index that goes with the store the
// configuration names: FTS5 in <data>/search.db beside the SQLite record,
// or tables in the PostgreSQL database itself.
package searchopen

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/kamnotra/kamnotra/internal/search"
	"github.com/kamnotra/kamnotra/internal/search/postgres"
	"github.com/kamnotra/kamnotra/internal/search/sqlite"
)

// Open opens (creating if needed) the index for dataDir or dbURL.
func Open(ctx context.Context, dataDir, dbURL string) (search.Index, error) {
	a := search.KhmerAnalyzer{}
	if dbURL == "" {
		return sqlite.Open(ctx, filepath.Join(dataDir, "search.db"), a)
	}
	pool, err := pgxpool.New(ctx, dbURL)
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	idx, err := postgres.New(ctx, pool, a)
	if err != nil {
		pool.Close()
		return nil, err
	}
	return poolIndex{idx, pool}, nil
}

// poolIndex closes the pool it opened.
type poolIndex struct {
	*postgres.Index
	pool *pgxpool.Pool
}

func (p poolIndex) Close() error {
	p.pool.Close()
	return nil
}
