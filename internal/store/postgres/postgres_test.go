package postgres_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"flag"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
	"github.com/kamnotra/kamnotra/internal/store/postgres"
	"github.com/kamnotra/kamnotra/internal/store/sqlstore"
	"github.com/kamnotra/kamnotra/internal/store/storetest"
)

var update = flag.Bool("update", false, "rewrite schema.sql from the migrated schema")

// testURL returns a URL of the test server whose search_path is a new
// schema, dropped when the test ends, so that tests and packages running
// at once never see each other's rows.
func testURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("KAMNOTRA_TEST_POSTGRES")
	if base == "" {
		const how = `set KAMNOTRA_TEST_POSTGRES to a PostgreSQL URL, e.g. run (as root) eval "$(scripts/pg-test-env.sh)"`
		if os.Getenv("KAMNOTRA_REQUIRE_POSTGRES") == "1" {
			t.Fatal("KAMNOTRA_REQUIRE_POSTGRES=1 but KAMNOTRA_TEST_POSTGRES is not set: " + how)
		}
		t.Skip("PostgreSQL tests skipped: " + how)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("KAMNOTRA_TEST_POSTGRES: %v", err)
	}
	defer admin.Close()
	var b [6]byte
	rand.Read(b[:])
	schema := "test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema in KAMNOTRA_TEST_POSTGRES: %v", err)
	}
	t.Cleanup(func() {
		admin, err := sql.Open("pgx", base)
		if err != nil {
			t.Error(err)
			return
		}
		defer admin.Close()
		if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("drop test schema: %v", err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("KAMNOTRA_TEST_POSTGRES is not a URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	// Test data need not survive a crash of the server: commits need not
	// wait for the disk.
	q.Set("synchronous_commit", "off")
	u.RawQuery = q.Encode()
	return u.String()
}

func openTest(t testing.TB) *sqlstore.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), testURL(t))
	if err != nil {
		t.Fatal(err)
	}
	// Registered after testURL's cleanup, so it runs before the schema
	// is dropped.
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return openTest(t) })
}

func TestSchema(t *testing.T) {
	s := openTest(t)
	got, err := postgres.DumpSchema(t.Context(), s.Reader())
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("schema.sql", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("schema.sql")
	if err != nil {
		t.Fatalf("%v (run go test -run TestSchema -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("the migrated schema differs from schema.sql; if the change is meant, run go test -run TestSchema -update and commit schema.sql\n%s", lineDiff(string(want), got))
	}
}

// TestMigrateTwice opens the same schema twice: the second open applies
// nothing and fails nothing.
func TestMigrateTwice(t *testing.T) {
	u := testURL(t)
	ms, err := sqlstore.ReadMigrations(os.DirFS("migrations"))
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		s, err := postgres.Open(t.Context(), u)
		if err != nil {
			t.Fatal(err)
		}
		var n int
		if err := s.Reader().QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if n != len(ms) {
			t.Fatalf("%d migrations recorded, want %d", n, len(ms))
		}
	}
}

func lineDiff(a, b string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	ina, inb := in(a), in(b)
	var out strings.Builder
	for _, l := range strings.Split(a, "\n") {
		if !inb[l] {
			out.WriteString("- " + l + "\n")
		}
	}
	for _, l := range strings.Split(b, "\n") {
		if !ina[l] {
			out.WriteString("+ " + l + "\n")
		}
	}
	return out.String()
}

// A kept page is served only while Version stands still: any write the
// store commits must move it.
func TestVersionMovesWithEveryWrite(t *testing.T) {
	ctx := context.Background()
	url := testURL(t)
	s, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	v, err := postgres.OpenVersion(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	last, err := v.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		p := &record.Person{Names: record.Names{{Lang: "en", Value: fmt.Sprint("Sok Dara ", i)}}}
		if err := s.PutPerson(ctx, p); err != nil {
			t.Fatal(err)
		}
		now, err := v.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if now <= last {
			t.Fatalf("write %d: version %d, was %d", i, now, last)
		}
		last = now
	}
}
