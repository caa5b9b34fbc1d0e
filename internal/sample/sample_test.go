package sample

import (
	"bytes"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestManifestMatchesFiles(t *testing.T) {
	es, err := Manifest()
	if err != nil {
		t.Fatal(err)
	}
	if len(es) < 10 {
		t.Fatalf("%d sample files, want at least 10", len(es))
	}
	listed := map[string]bool{"manifest.json": true}
	kinds := map[string]int{}
	for _, e := range es {
		listed[e.Path] = true
		kinds[e.Kind]++
		data, err := fs.ReadFile(FS, e.Path)
		if err != nil {
			t.Errorf("%s: %v", e.Path, err)
			continue
		}
		if !strings.Contains(e.URL, ".example/") && !strings.HasPrefix(e.URL, "https://t.me/") {
			t.Errorf("%s: URL %s is not on a fictional .example host", e.Path, e.URL)
		}
		// Every sample must say it is fictional, in its own language.
		s := string(data)
		if !strings.Contains(s, "fictional") && !strings.Contains(s, "ប្រឌិត") {
			t.Errorf("%s does not say it is fictional", e.Path)
		}
	}
	for _, k := range []string{"html", "feed", "text", "telegram-json"} {
		if kinds[k] == 0 {
			t.Errorf("no sample of kind %s", k)
		}
	}
	err = fs.WalkDir(FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !listed[p] {
			t.Errorf("%s is not in manifest.json", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestWriteDir(t *testing.T) {
	dir := t.TempDir()
	if err := WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	es, _ := Manifest()
	for _, e := range append(es, Entry{Path: "manifest.json"}) {
		want, _ := fs.ReadFile(FS, e.Path)
		got, err := os.ReadFile(filepath.Join(dir, e.Path))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: %v, %d bytes, want %d", e.Path, err, len(got), len(want))
		}
	}
}

func TestHandler(t *testing.T) {
	h, err := Handler()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	tests := []struct {
		path, host, ctype string
		status            int
		contains          string
	}{
		{"/feed.xml", "", "application/rss+xml", 200, "<rss"},
		{"/km/politics/2025/05/18/tbong-khmum-150-join/?utm_source=x", "", "text/html; charset=utf-8", 200, "ចំនួន១៥០នាក់"},
		{"/news/siem-reap-activist-arrested", "mekong-watch.example", "text/html; charset=utf-8", 200, "Mao Sreypich"},
		{"/statements/2025-04-23.txt", "", "text/plain; charset=utf-8", 200, "Morning Star Party"},
		{"/nothing-here", "", "", 404, ""},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest("GET", srv.URL+tt.path, nil)
		if tt.host != "" {
			req.Host = tt.host
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d", tt.path, resp.StatusCode, tt.status)
			continue
		}
		if tt.ctype != "" && resp.Header.Get("Content-Type") != tt.ctype {
			t.Errorf("%s: content type %q", tt.path, resp.Header.Get("Content-Type"))
		}
		if !strings.Contains(string(body), tt.contains) {
			t.Errorf("%s: body lacks %q", tt.path, tt.contains)
		}
	}
}
