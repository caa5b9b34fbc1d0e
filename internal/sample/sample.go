// Package sample holds the fictional sources of Kamnotra's demo and tests:
// news pages, a feed, a plain text statement and a Telegram export from
// three invented outlets (Daily Lotus News, Mekong Watch Weekly, Ministry
// of Sample Affairs — listed in internal/outlet with .example domains).
//
// Every person in them is invented. Most items are about invented parties
// (Morning Star Party, National Harmony Party); a few use real party names
// with invented people so the extractor's gazetteer is exercised, and
// those say "(fictional sample)" / "(គំរូប្រឌិត)" in their text. Nothing
// here may be presented as a real event.
//
// manifest.json lists each file with the URL it stands for, its content
// type and kind, so `kamnotra capture` can take them as if fetched.
package sample

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
)

//go:embed sources
var files embed.FS

// FS holds the sample files at its root (manifest.json and the sources).
var FS fs.FS = mustSub(files, "sources")

func mustSub(f fs.FS, dir string) fs.FS {
	s, err := fs.Sub(f, dir)
	if err != nil {
		panic(err)
	}
	return s
}

// Entry describes one sample file.
type Entry struct {
	Path        string `json:"path"`         // name in FS
	URL         string `json:"url"`          // the URL it stands for
	ContentType string `json:"content_type"` // as a server would send it
	Kind        string `json:"kind"`         // html, feed, text, telegram-json (document.Kind values)
	Outlet      string `json:"outlet,omitempty"`
	Lang        string `json:"lang,omitempty"`
	// TelegramUsername is the channel's public username for a Telegram
	// export, which exports do not record.
	TelegramUsername string `json:"telegram_username,omitempty"`
}

// Manifest returns the sample files in the order of manifest.json.
func Manifest() ([]Entry, error) {
	data, err := fs.ReadFile(FS, "manifest.json")
	if err != nil {
		return nil, fmt.Errorf("sample manifest: %w", err)
	}
	var es []Entry
	if err := json.Unmarshal(data, &es); err != nil {
		return nil, fmt.Errorf("sample manifest: %w", err)
	}
	return es, nil
}

// WriteDir copies the sample files (and manifest.json) into dir, creating
// it, so that a directory capture can take them as files.
func WriteDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write samples: %w", err)
	}
	return fs.WalkDir(FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(FS, p)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(p)), data, 0o644); err != nil {
			return fmt.Errorf("write samples: %w", err)
		}
		return nil
	})
}

// Handler serves every sample at the path of its URL with its content
// type, so a local test server can stand in for the fictional sites: a
// request matches by host and path when the host is a sample host, else by
// path alone (the paths are unique across the samples). The query string
// is ignored. Anything else is 404.
func Handler() (http.Handler, error) {
	es, err := Manifest()
	if err != nil {
		return nil, err
	}
	byHostPath, byPath := map[string]Entry{}, map[string]Entry{}
	for _, e := range es {
		u, err := url.Parse(e.URL)
		if err != nil {
			return nil, fmt.Errorf("sample manifest: %s: %w", e.Path, err)
		}
		byHostPath[u.Host+u.Path] = e
		byPath[u.Path] = e
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e, ok := byHostPath[r.Host+r.URL.Path]
		if !ok {
			e, ok = byPath[r.URL.Path]
		}
		if !ok {
			http.NotFound(w, r)
			return
		}
		data, err := fs.ReadFile(FS, e.Path)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", e.ContentType)
		w.Write(data)
	}), nil
}
