package storeopen

import (
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store/sqlite"
)

func TestOpenSQLite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	s, err := Open(t.Context(), dir, "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := os.Stat(filepath.Join(dir, sqlite.FileName)); err != nil {
		t.Fatalf("no database file: %v", err)
	}
}

func TestOpenPostgres(t *testing.T) {
	base := os.Getenv("KAMNOTRA_TEST_POSTGRES")
	if base == "" {
		t.Skip("set KAMNOTRA_TEST_POSTGRES to test opening PostgreSQL (scripts/pg-test-env.sh)")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	schema := "test_storeopen_" + strconv.FormatInt(time.Now().UnixNano(), 36)
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	defer admin.Exec("DROP SCHEMA " + schema + " CASCADE")
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	s, err := Open(t.Context(), t.TempDir(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// It is PostgreSQL: the migrations went into the schema.
	var n int
	if err := admin.QueryRow("SELECT count(*) FROM " + schema + ".schema_migrations").Scan(&n); err != nil || n == 0 {
		t.Fatalf("schema_migrations in %s: %d rows, %v", schema, n, err)
	}
}

func TestOpenBadURL(t *testing.T) {
	_, err := Open(t.Context(), t.TempDir(), "mysql://root:secret@localhost/db")
	if record.ErrorCode(err) != record.EInvalid {
		t.Fatalf("got %v, want an invalid-input error", err)
	}
	if msg := err.Error(); strings.Contains(msg, "secret") {
		t.Errorf("message shows the password: %s", msg)
	}
}

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"postgres://u:pw@h/db", "postgres://u:***@h/db"},
		{"postgres://u@h/db", "postgres://u@h/db"},
		{"postgres://h/db", "postgres://h/db"},
		{"weird", "weird"},
	}
	for _, tt := range tests {
		if got := redact(tt.in); got != tt.want {
			t.Errorf("redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
