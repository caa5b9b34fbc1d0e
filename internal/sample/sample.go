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
