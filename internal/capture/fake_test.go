package capture

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"sync"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

// memStore is a small in-memory Store for the unit tests of this package;
// the end-to-end tests use the real SQLite store.
type memStore struct {
	mu     sync.Mutex
	docs   map[string][]record.Document // canonical URL → versions
	states map[string]record.SourceState
	saves  int
	broken error // when set, SaveCapturesWithStates fails with it
	// refuse makes SaveCapturesWithStates refuse a batch holding a
	// document with this canonical URL, as a database refuses a bad row.
	refuse      string
	stateReads  int // SourceState and SourceStates calls
	stateWrites int // ledger entries written
}

func newMemStore() *memStore {
	return &memStore{docs: map[string][]record.Document{}, states: map[string]record.SourceState{}}
}

// SaveCapturesWithStates is all or nothing, as the real stores are.
func (m *memStore) SaveCapturesWithStates(ctx context.Context, cs []store.Capture) ([]store.SaveOutcome, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.broken != nil {
		return nil, m.broken
	}
	for _, c := range cs {
		if c.Doc != nil && m.refuse != "" && c.Doc.CanonicalURL == m.refuse {
			return nil, record.Errorf(record.EInvalid, "document %s refused", c.Doc.CanonicalURL)
		}
	}
	out := make([]store.SaveOutcome, len(cs))
	for i, c := range cs {
		if c.State != nil {
			m.states[c.State.URL] = *c.State
			m.stateWrites++
		}
		d := c.Doc
		if d == nil {
			continue
		}
		m.saves++
		vs := m.docs[d.CanonicalURL]
		if d.ID == "" {
			sum := sha256.Sum256([]byte(d.CanonicalURL))
			d.ID = "d" + hex.EncodeToString(sum[:8])
		}
		switch {
		case len(vs) == 0:
			out[i] = store.SavedNew
		case vs[len(vs)-1].SHA256 == d.SHA256:
			out[i] = store.SavedUnchanged
			d.Version = len(vs)
			continue
		default:
			out[i] = store.SavedNewVersion
		}
		d.Version = len(vs) + 1
		m.docs[d.CanonicalURL] = append(vs, *d)
	}
	return out, nil
}

func (m *memStore) SourceStates(ctx context.Context, urls []string) (map[string]*record.SourceState, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.stateReads++
	out := map[string]*record.SourceState{}
	for _, u := range urls {
		if s, ok := m.states[u]; ok {
			out[u] = &s
		}
	}
	return out, nil
}

func (m *memStore) SourceState(ctx context.Context, url string) (*record.SourceState, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.stateReads++
	s, ok := m.states[url]
	if !ok {
		return nil, record.Errorf(record.ENotFound, "no state for %s", url)
	}
	return &s, nil
}

func (m *memStore) PutSourceState(ctx context.Context, s *record.SourceState) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.states[s.URL] = *s
	m.stateWrites++
	return nil
}

func (m *memStore) ArchiveRefs(ctx context.Context, fn func(string, int, string, record.ArchiveRef) error) error {
	m.mu.Lock()
	var all []record.Document
	for _, vs := range m.docs {
		all = append(all, vs...)
	}
	m.mu.Unlock()
	for _, d := range all {
		if err := fn(d.ID, d.Version, d.SHA256, d.Archive); err != nil {
			return err
		}
	}
	return nil
}

func (m *memStore) versions() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for _, vs := range m.docs {
		n += len(vs)
	}
	return n
}

var (
	titleRe = regexp.MustCompile(`<title>([^<]*)</title>`)
	linkRe  = regexp.MustCompile(`<link>([^<]*)</link>`)
)

// testParsers stand in for packages document and feed: enough to route
// bytes, not to judge reading.
func testParsers() Parsers {
	return Parsers{
		Sniff: func(ct string, b []byte) string {
			switch {
			case bytes.Contains(b, []byte("<rss")):
				return KindFeed
			case bytes.Contains(b, []byte("<html")):
				return KindHTML
			case bytes.HasPrefix(b, []byte{0xff}):
				return KindUnknown
			}
			return KindText
		},
		Read: func(ctx context.Context, in ReadInput) (*record.Document, error) {
			d := &record.Document{CanonicalURL: in.URL, Text: string(in.Body), SourceKind: "html"}
			if m := titleRe.FindSubmatch(in.Body); m != nil {
				d.Title = string(m[1])
			}
			if bytes.Contains(in.Body, []byte("unreadable")) {
				return nil, record.Errorf(record.EInvalid, "%s: cannot read", in.URL)
			}
			return d, nil
		},
		Feed: func(b []byte, base string) ([]string, error) {
			var out []string
			for _, m := range linkRe.FindAllSubmatch(b, -1) {
				out = append(out, string(m[1]))
			}
			return out, nil
		},
	}
}
