package sample

import (
	"io/fs"
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
