// Package pgtest gives each test its own schema in a real PostgreSQL
// server, named by KAMNOTRA_TEST_POSTGRES (scripts/pg-test-env.sh starts
// one and prints the line to set it). Without the variable the test is
// skipped, unless KAMNOTRA_REQUIRE_POSTGRES=1 (as in CI), when it fails.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// URL returns a connection URL whose search_path is a fresh schema that is
// dropped when the test ends.
func URL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("KAMNOTRA_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("KAMNOTRA_REQUIRE_POSTGRES") == "1" {
			t.Fatal("KAMNOTRA_TEST_POSTGRES is not set but KAMNOTRA_REQUIRE_POSTGRES=1: run scripts/pg-test-env.sh")
		}
		t.Skip("PostgreSQL tests skipped: set KAMNOTRA_TEST_POSTGRES (eval \"$(scripts/pg-test-env.sh)\")")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to KAMNOTRA_TEST_POSTGRES: %v", err)
	}
	defer conn.Close(ctx)
	b := make([]byte, 6)
	rand.Read(b)
	schema := "test_" + hex.EncodeToString(b)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create test schema: %v", err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), base)
		if err != nil {
			return
		}
		defer c.Close(context.Background())
		c.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("KAMNOTRA_TEST_POSTGRES is not a URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Pool returns a pool on a fresh schema, closed when the test ends.
func Pool(t testing.TB) *pgxpool.Pool {
	t.Helper()
	pool, err := pgxpool.New(context.Background(), URL(t))
	if err != nil {
		t.Fatalf("open pool: %v", err)
	}
	t.Cleanup(pool.Close)
	return pool
}
