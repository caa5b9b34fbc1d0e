package sqlite_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
	"github.com/kamnotra/kamnotra/internal/store/sqlite"
	"github.com/kamnotra/kamnotra/internal/store/storetest"
)

var update = flag.Bool("update", false, "rewrite schema.sql from the migrated schema")

func open(t *testing.T) store.Store {
	t.Helper()
	s, err := sqlite.OpenDir(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, open)
}

// TestSchema compares the migrated schema with the checked-in dump, so a
// migration's effect is reviewed as a diff of schema.sql.
func TestSchema(t *testing.T) {
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := sqlite.DumpSchema(t.Context(), s.Reader())
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

// lineDiff lists the lines only in a and only in b.
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

func TestOpenDir(t *testing.T) {
	t.Run("creates the directory", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "a", "b")
		s, err := sqlite.OpenDir(t.Context(), dir)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		if _, err := os.Stat(filepath.Join(dir, sqlite.FileName)); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("reopens and keeps data", func(t *testing.T) {
		dir := t.TempDir()
		s, err := sqlite.OpenDir(t.Context(), dir)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.PutSourceState(t.Context(), &recordState); err != nil {
			t.Fatal(err)
		}
		s.Close()
		s, err = sqlite.OpenDir(t.Context(), dir)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.SourceState(t.Context(), recordState.URL); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("not writable", func(t *testing.T) {
		if os.Geteuid() == 0 {
			// root writes anywhere; a file in the way fails for everyone.
			f := filepath.Join(t.TempDir(), "file")
			os.WriteFile(f, nil, 0o644)
			_, err := sqlite.OpenDir(t.Context(), filepath.Join(f, "data"))
			if err == nil || !strings.Contains(err.Error(), "--data") {
				t.Fatalf("got %v, want an error that says to choose another --data", err)
			}
			return
		}
		dir := t.TempDir()
		os.Chmod(dir, 0o500)
		_, err := sqlite.OpenDir(t.Context(), dir)
		if err == nil || !strings.Contains(err.Error(), "not writable") {
			t.Fatalf("got %v, want a not writable error", err)
		}
	})
	t.Run("no directory", func(t *testing.T) {
		if _, err := sqlite.OpenDir(t.Context(), ""); err == nil {
			t.Fatal("no error for an empty data directory")
		}
	})
}

// TestTwoWriters opens one database twice, as two processes would (a
// capture run beside the web server), and writes through both at once:
// SQLite lets one write at a time, and the other must wait or retry rather
// than fail with "database is locked".
func TestTwoWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "two.db")
	a, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	const n = 150
	errs := make(chan error, 2)
	for w, s := range []store.Store{a, b} {
		go func() {
			for i := range n {
				d := &record.Document{CanonicalURL: fmt.Sprintf("https://two.example/%d/%d", w, i), SHA256: fmt.Sprint(w, i), Text: storetest.BenchText(i)}
				if _, err := s.SaveCapture(t.Context(), d); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	docs, err := a.Documents(t.Context(), store.DocumentFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2*n {
		t.Fatalf("%d documents, want %d", len(docs), 2*n)
	}
}
