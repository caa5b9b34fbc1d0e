// Package corpus reads and writes labelled news items in the JSON format of
// the shared development set (one item per file: the text of a report and
// the events a person labelled in it). Capture reads such items as
// documents; eval compares the extractor's events with the labels.
package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// MaxItemSize bounds one item file; real items are a few KB.
const MaxItemSize = 16 << 20

// Item is one labelled report.
type Item struct {
	ID        string  `json:"id"`
	URL       string  `json:"url,omitempty"`
	Outlet    string  `json:"outlet,omitempty"`
	Lang      string  `json:"lang,omitempty"`
	Published *string `json:"published"` // YYYY-MM-DD or null
	Title     *string `json:"title"`
	Text      string  `json:"text"`
	Events    []Event `json:"events"`
}

// Place is where an event happened, by canonical English names.
type Place struct {
	Province *string `json:"province"`
	District *string `json:"district"`
	Commune  *string `json:"commune"`
}

// Event is one labelled (or extracted) event in the shared format.
type Event struct {
	Type           string   `json:"type"`
	Persons        []string `json:"persons"`
	Count          *int64   `json:"count"`
	CountQualifier *string  `json:"count_qualifier"`
	FromOrg        *string  `json:"from_org"`
	ToOrg          *string  `json:"to_org"`
	Place          Place    `json:"place"`
	Date           *string  `json:"date"`
	PresidedBy     []string `json:"presided_by"`
	Evidence       string   `json:"evidence"`
}

// Parse reads one item. It rejects what is not an item in this format with
// an error that says what is wrong.
func Parse(r io.Reader) (*Item, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxItemSize+1))
	if err != nil {
		return nil, fmt.Errorf("read item: %w", err)
	}
	if len(data) > MaxItemSize {
		return nil, fmt.Errorf("item is larger than %d MiB: not a news item file", MaxItemSize>>20)
	}
	return ParseBytes(data)
}

// ParseBytes is Parse on bytes in memory.
func ParseBytes(data []byte) (*Item, error) {
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("item is not valid UTF-8: save it as UTF-8 JSON")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var it Item
	if err := dec.Decode(&it); err != nil {
		return nil, fmt.Errorf("item is not JSON in the corpus format: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("item file holds more than one JSON value: one item per file")
	}
	if strings.TrimSpace(it.Text) == "" {
		return nil, fmt.Errorf("item %q has no \"text\": a corpus item needs the report's text", it.ID)
	}
	return &it, nil
}

// LooksLikeItem reports whether data is plausibly a corpus item (a JSON
// object with a "text" and an "id" or "events" key), so capture can tell it
// from other JSON files without fully trusting it.
func LooksLikeItem(data []byte) bool {
	var probe map[string]json.RawMessage
	if json.Unmarshal(data, &probe) != nil {
		return false
	}
	_, hasText := probe["text"]
	_, hasID := probe["id"]
	_, hasEvents := probe["events"]
	return hasText && (hasID || hasEvents)
}

// ReadDir reads every *.json item under the given files or directories,
// sorted by path. A file that is not an item is an error naming the file.
func ReadDir(paths ...string) ([]*Item, error) {
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("read items: %w", err)
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(path, ".json") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read items in %s: %w", p, err)
		}
	}
	sort.Strings(files)
	items := make([]*Item, 0, len(files))
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return nil, fmt.Errorf("read items: %w", err)
		}
		it, err := Parse(fh)
		fh.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		items = append(items, it)
	}
	return items, nil
}
