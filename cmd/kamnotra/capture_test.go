package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/kamnotra/kamnotra/internal/capture"
	"github.com/kamnotra/kamnotra/internal/store"
	"github.com/kamnotra/kamnotra/internal/store/sqlite"
)

// buildKamnotra builds the command into a temp directory once per test.
func buildKamnotra(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "kamnotra")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

type result struct {
	code           int
	stdout, stderr string
}

func runBin(t *testing.T, bin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{code, o.String(), e.String()}
}

// storedDocs opens the SQLite store and returns canonical URL → number of
// versions.
func storedDocs(t *testing.T, data string) map[string]int {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.OpenDir(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	out := map[string]int{}
	after := ""
	for {
		docs, err := st.Documents(ctx, store.DocumentFilter{After: after, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			if _, dup := out[d.CanonicalURL]; dup {
				t.Errorf("document %s listed twice", d.CanonicalURL)
			}
			vs, err := st.DocumentVersions(ctx, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			out[d.CanonicalURL] = len(vs)
		}
		if len(docs) < 1000 {
			return out
		}
		after = docs[len(docs)-1].ID
	}
}

// TestCaptureCommand runs the built binary, which takes a while to build
// (cgo), so the scenarios share one build.
func TestCaptureCommand(t *testing.T) {
	bin := buildKamnotra(t)
	t.Run("SIGKILL midway", func(t *testing.T) { testCaptureSurvivesSIGKILL(t, bin) })
	t.Run("loopback refused", func(t *testing.T) { testCaptureRefusesLoopback(t, bin) })
	t.Run("archive show", func(t *testing.T) { testArchiveShow(t, bin) })
	t.Run("PostgreSQL", func(t *testing.T) { testCapturePostgres(t, bin) })
}

// testCapturePostgres captures into PostgreSQL (a fresh schema of
// KAMNOTRA_TEST_POSTGRES), verifies, and captures again.
func testCapturePostgres(t *testing.T, bin string) {
	base := os.Getenv("KAMNOTRA_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("KAMNOTRA_REQUIRE_POSTGRES") == "1" {
			t.Fatal("KAMNOTRA_REQUIRE_POSTGRES=1 but KAMNOTRA_TEST_POSTGRES is not set")
		}
		t.Skip("set KAMNOTRA_TEST_POSTGRES to capture into PostgreSQL")
	}
	db, drop, err := freshSchema(context.Background(), base)
	if err != nil {
		t.Fatal(err)
	}
	defer drop()
	corpus := filepath.Join(t.TempDir(), "corpus")
	const n = 120
	if _, err := capture.GenerateCorpus(corpus, n, 11); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	r := runBin(t, bin, "capture", "--data", data, "--db", db, corpus)
	if r.code != 0 || !strings.Contains(r.stdout, fmt.Sprintf("captured %d new documents", n)) {
		t.Fatalf("capture into PostgreSQL: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	v := runBin(t, bin, "archive", "verify", "--data", data, "--db", db)
	if v.code != 0 || !strings.Contains(v.stdout, fmt.Sprintf("%d store references checked", n)) {
		t.Fatalf("verify: exit %d\n%s%s", v.code, v.stdout, v.stderr)
	}
	r = runBin(t, bin, "capture", "--data", data, "--db", db, corpus)
	if r.code != 0 || !strings.Contains(r.stdout, fmt.Sprintf("%d unchanged", n)) {
		t.Fatalf("second capture: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// testCaptureSurvivesSIGKILL kills a capture midway, then checks that
// verify passes, that a second run completes the job, and that every
// document is stored exactly once.
func testCaptureSurvivesSIGKILL(t *testing.T, bin string) {
	const n = 400
	var served atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		time.Sleep(5 * time.Millisecond)
		fmt.Fprintf(w, "<!DOCTYPE html><html lang=\"en\"><head><title>Report %s</title></head><body><article><h1>Report %s</h1><p>Chea Sokunthea met farmers in Takeo province on Monday to discuss the price of rice and the new road, officials said.</p><p>The meeting at the commune office lasted two hours.</p></article></body></html>", r.URL.Path, r.URL.Path)
	}))
	defer srv.Close()
	var urls []string
	for i := range n {
		urls = append(urls, fmt.Sprintf("%s/news/%d", srv.URL, i))
	}
	corpus := filepath.Join(t.TempDir(), "corpus")
	if _, err := capture.GenerateCorpus(corpus, n, 7); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name    string
		sources []string
		flags   []string
		killed  func(data string) bool // when to kill
	}{
		{"local corpus", []string{corpus}, []string{"--workers", "2"}, func(data string) bool {
			return archiveBytes(data) > 150<<10
		}},
		{"slow HTTP server", urls, []string{"--allow-private", "--delay", "0", "--per-host", "4", "--workers", "4"}, func(string) bool {
			return served.Load() > n/3
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := t.TempDir()
			args := append(append([]string{"capture", "--data", data}, tt.flags...), tt.sources...)
			cmd := exec.Command(bin, args...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(60 * time.Second)
			for !tt.killed(data) && time.Now().Before(deadline) {
				time.Sleep(2 * time.Millisecond)
			}
			cmd.Process.Signal(syscall.SIGKILL)
			err := cmd.Wait()
			if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
				t.Fatalf("capture finished before it could be killed (%v); stderr:\n%s", err, stderr.String())
			}
			before := storedDocs(t, data)
			if len(before) == 0 || len(before) >= n {
				t.Logf("killed with %d of %d documents stored", len(before), n)
			}

			// A torn record at the end, as a kill in the middle of a write
			// leaves it.
			tearLastFile(t, data)

			v := runBin(t, bin, "archive", "verify", "--data", data)
			if v.code != 0 || !strings.Contains(v.stdout, "archive OK") || !strings.Contains(v.stdout, "warning") {
				t.Fatalf("verify after the kill: exit %d\n%s%s", v.code, v.stdout, v.stderr)
			}

			again := runBin(t, bin, args...)
			if again.code != 0 {
				t.Fatalf("second capture: exit %d\n%s%s", again.code, again.stdout, again.stderr)
			}
			docs := storedDocs(t, data)
			if len(docs) != n {
				t.Fatalf("%d documents stored after the second run, want %d", len(docs), n)
			}
			for u, versions := range docs {
				if versions != 1 {
					t.Errorf("%s has %d versions, want 1", u, versions)
				}
			}
			v = runBin(t, bin, "archive", "verify", "--data", data)
			if v.code != 0 || !strings.Contains(v.stdout, fmt.Sprintf("%d store references checked", n)) {
				t.Fatalf("verify after the second run: exit %d\n%s%s", v.code, v.stdout, v.stderr)
			}
			third := runBin(t, bin, args...)
			if third.code != 0 || !strings.Contains(third.stdout, fmt.Sprintf("%d unchanged", n)) || !strings.Contains(third.stdout, "wrote 0 WARC records") {
				t.Fatalf("third run should find everything unchanged: exit %d\n%s", third.code, third.stdout)
			}
		})
	}
}

func archiveBytes(data string) int64 {
	var n int64
	m, _ := filepath.Glob(filepath.Join(data, "archive", "*.warc.gz"))
	for _, f := range m {
		if st, err := os.Stat(f); err == nil {
			n += st.Size()
		}
	}
	return n
}

// tearLastFile appends the first half of a gzip member to the newest WARC
// file.
func tearLastFile(t *testing.T, data string) {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(data, "archive", "*.warc.gz"))
	if len(m) == 0 {
		t.Fatal("no archive file after the kill")
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte("WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 5000\r\n\r\n" + strings.Repeat("torn ", 400)))
	zw.Close()
	f, err := os.OpenFile(m[len(m)-1], os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(buf.Bytes()[:buf.Len()/2])
	f.Close()
}

// testCaptureRefusesLoopback runs the real command without --allow-private
// against a loopback server: refused, exit code non-zero, nothing reached.
func testCaptureRefusesLoopback(t *testing.T, bin string) {
	var reached atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached.Add(1) }))
	defer srv.Close()
	data := t.TempDir()
	tests := []struct{ url, want string }{
		{srv.URL + "/", "loopback"},
		{"http://localhost:" + srv.URL[strings.LastIndex(srv.URL, ":")+1:] + "/", "loopback"},
		{"ftp://example.com/file", "scheme"},
		{"http://user:pass@example.com/", "user name"},
	}
	for _, tt := range tests {
		r := runBin(t, bin, "capture", "--data", data, tt.url)
		if r.code != 1 || !strings.Contains(r.stdout, tt.want) || !strings.Contains(r.stdout, "1 failed") {
			t.Errorf("capture %s: exit %d, want 1 with %q\n%s%s", tt.url, r.code, tt.want, r.stdout, r.stderr)
		}
	}
	if reached.Load() != 0 {
		t.Fatalf("the loopback server was reached %d times", reached.Load())
	}
}

// testArchiveShow prints a document's archived response, by ID and by
// version.
func testArchiveShow(t *testing.T, bin string) {
	body := "<html><head><title>v1</title></head><body><p>Ouk Sreyneang opened the school in Kampot.</p></body></html>"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, body)
	}))
	defer srv.Close()
	data := t.TempDir()
	for _, b := range []string{body, strings.ReplaceAll(body, "v1", "v2")} {
		body = b
		if r := runBin(t, bin, "capture", "--data", data, "--allow-private", srv.URL+"/page"); r.code != 0 {
			t.Fatalf("capture: %d %s%s", r.code, r.stdout, r.stderr)
		}
	}
	docs := storedDocs(t, data)
	if docs[srv.URL+"/page"] != 2 {
		t.Fatalf("want 2 versions: %v", docs)
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{srv.URL + "/page"}, "<title>v2</title>"},
		{[]string{srv.URL + "/page", "--version", "1"}, "<title>v1</title>"},
		{[]string{"--payload", srv.URL + "/page", "--version", "1"}, "<html><head><title>v1"},
	}
	for _, tt := range tests {
		r := runBin(t, bin, append([]string{"archive", "show", "--data", data}, tt.args...)...)
		if r.code != 0 || !strings.Contains(r.stdout, tt.want) {
			t.Errorf("show %v: exit %d %q %s", tt.args, r.code, r.stdout, r.stderr)
		}
		if !strings.Contains(strings.Join(tt.args, " "), "--payload") && !strings.HasPrefix(r.stdout, "HTTP/1.1 200 OK\r\n") {
			t.Errorf("show %v does not print the raw response: %q", tt.args, r.stdout)
		}
		if strings.Contains(strings.Join(tt.args, " "), "--payload") && !strings.HasPrefix(r.stdout, "<html>") {
			t.Errorf("show --payload prints headers: %q", r.stdout)
		}
	}
	if r := runBin(t, bin, "archive", "show", "--data", data, srv.URL+"/page", "--version", "9"); r.code == 0 {
		t.Error("show of a missing version succeeded")
	}

	// Damage the archived bytes: verify says where and exits non-zero.
	m, _ := filepath.Glob(filepath.Join(data, "archive", "*.warc.gz"))
	b, _ := os.ReadFile(m[0])
	b[len(b)/2] ^= 0xff
	os.WriteFile(m[0], b, 0o644)
	v := runBin(t, bin, "archive", "verify", "--data", data)
	if v.code != 1 || !strings.Contains(v.stdout, "error: "+filepath.Base(m[0])+"@") {
		t.Fatalf("verify of a damaged archive: exit %d\n%s%s", v.code, v.stdout, v.stderr)
	}
}
