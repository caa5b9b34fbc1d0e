// Package outlet is the editable list of who publishes: news sites,
// government bodies, monitors, parties and social platforms, each with a
// kind (official, pro-government, independent, party, monitor, social),
// names in Khmer and Latin script, and the host names whose pages belong to
// it.
//
// The default list is embedded (outlets.json beside this file). A file
// <data>/outlets.json in the same format overrides and extends it: an entry
// with the ID of a default entry replaces that entry whole, any other entry
// is added. LoadDataDir does exactly that; Load does it for any path.
//
// The format is a JSON array of record.Outlet objects, each with an optional
// "note" saying why it is classified as it is (see the Phnom Penh Post).
package outlet

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/kamnotra/kamnotra/internal/record"
)

//go:embed outlets.json
var defaultJSON []byte

// MaxFileSize bounds an outlet list file; the default is about 15 KB.
const MaxFileSize = 4 << 20

// Entry is one outlet with the editor's note on its classification.
type Entry struct {
	record.Outlet
	Note string `json:"note,omitempty"`
}

// List is a set of outlets, looked up by host name or by name. A List is
// read-only after it is built and safe for concurrent use.
type List struct {
	entries []Entry
	byID    map[string]int
	byHost  map[string]int // normalised domain → index
	byName  map[string]int // normalised name → index
}

// Default returns the embedded default list, parsed once and shared: a
// List is never modified after it is built (Merge makes a new one). It
// panics only if the embedded file is broken, which the tests rule out.
func Default() *List { return defaultList() }

var defaultList = sync.OnceValue(func() *List {
	l, err := Parse(defaultJSON)
	if err != nil {
		panic("outlet: embedded outlets.json: " + err.Error())
	}
	return l
})

// Parse reads a list in the outlets.json format on its own, without the
// default list.
func Parse(data []byte) (*List, error) {
	var es []Entry
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&es); err != nil {
		return nil, record.Wrap(record.EInvalid, err, "outlet list is not a JSON array of outlets")
	}
	l := &List{}
	for i, e := range es {
		if err := l.add(e); err != nil {
			return nil, record.Wrap(record.EInvalid, err, "outlet list entry %d", i+1)
		}
	}
	return l, nil
}

// Load returns the default list overridden and extended by the file at
// path. A missing file is an error wrapping fs.ErrNotExist.
func Load(path string) (*List, error) {
	data, err := readLimited(path)
	if err != nil {
		return nil, err
	}
	extra, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return Default().Merge(extra), nil
}

// LoadDataDir returns the default list extended by <dir>/outlets.json when
// that file exists, and the default list when it does not.
func LoadDataDir(dir string) (*List, error) {
	l, err := Load(filepath.Join(dir, "outlets.json"))
	if errors.Is(err, fs.ErrNotExist) {
		return Default(), nil
	}
	return l, err
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read outlet list: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("read outlet list: %w", err)
	}
	if st.Size() > MaxFileSize {
		return nil, record.Errorf(record.EInvalid, "outlet list %s is %d bytes, more than the %d MiB limit: is it the right file?", path, st.Size(), MaxFileSize>>20)
	}
	data := make([]byte, st.Size())
	if _, err := f.ReadAt(data, 0); err != nil && st.Size() > 0 {
		return nil, fmt.Errorf("read outlet list %s: %w", path, err)
	}
	return data, nil
}

// Merge returns a new list: l with every entry of other added, an entry of
// other replacing the entry of l with the same ID.
func (l *List) Merge(other *List) *List {
	out := &List{}
	for _, e := range l.entries {
		if j, ok := other.byID[e.ID]; ok {
			e = other.entries[j]
		}
		// Entries were valid in their own lists; a replacement may only
		// clash on a name or domain with another entry, and the later wins.
		out.addUnchecked(e)
	}
	for _, e := range other.entries {
		if _, ok := l.byID[e.ID]; !ok {
			out.addUnchecked(e)
		}
	}
	return out
}

func (l *List) add(e Entry) error {
	if e.ID == "" {
		return errors.New("outlet has no \"id\"")
	}
	if _, dup := l.byID[e.ID]; dup {
		return fmt.Errorf("outlet %q is listed twice", e.ID)
	}
	if len(e.Names) == 0 {
		return fmt.Errorf("outlet %q has no \"names\"", e.ID)
	}
	if !validKind(e.Kind) {
		return fmt.Errorf("outlet %q has kind %q; want one of %v", e.ID, e.Kind, record.OutletKinds)
	}
	for _, d := range e.Domains {
		h := normHost(d)
		if h == "" || strings.ContainsAny(d, "/:@ ?#") {
			return fmt.Errorf("outlet %q: %q is not a host name (write example.com, not a URL)", e.ID, d)
		}
		if j, dup := l.byHost[h]; dup {
			return fmt.Errorf("outlet %q: domain %s already belongs to %q", e.ID, h, l.entries[j].ID)
		}
	}
	l.addUnchecked(e)
	return nil
}

func (l *List) addUnchecked(e Entry) {
	if l.byID == nil {
		l.byID, l.byHost, l.byName = map[string]int{}, map[string]int{}, map[string]int{}
	}
	i := len(l.entries)
	l.entries = append(l.entries, e)
	l.byID[e.ID] = i
	for _, d := range e.Domains {
		l.byHost[normHost(d)] = i
	}
	for _, n := range e.Names {
		if k := normName(n.Value); k != "" {
			l.byName[k] = i
		}
	}
}

func validKind(k record.OutletKind) bool {
	for _, v := range record.OutletKinds {
		if k == v {
			return true
		}
	}
	return false
}

// ByHost returns the outlet a host name belongs to. Subdomains match their
// domain (m.phnompenhpost.com is the Phnom Penh Post) and the most specific
// listed domain wins (akp.gov.kh before gov.kh). A port and a trailing dot
// are ignored; a URL is accepted too.
func (l *List) ByHost(host string) (*record.Outlet, bool) {
	if l == nil {
		return nil, false
	}
	h := normHost(host)
	for h != "" {
		if i, ok := l.byHost[h]; ok {
			o := l.entries[i].Outlet
			return &o, true
		}
		dot := strings.IndexByte(h, '.')
		if dot < 0 {
			break
		}
		h = h[dot+1:]
	}
	return nil, false
}

// ByName returns the outlet with the name, compared without regard to
// case, spaces, punctuation or a leading "The", in either script.
func (l *List) ByName(name string) (*record.Outlet, bool) {
	if l == nil {
		return nil, false
	}
	i, ok := l.byName[normName(name)]
	if !ok {
		return nil, false
	}
	o := l.entries[i].Outlet
	return &o, true
}

// ByID returns the outlet with the ID.
func (l *List) ByID(id string) (*record.Outlet, bool) {
	if l == nil {
		return nil, false
	}
	i, ok := l.byID[id]
	if !ok {
		return nil, false
	}
	o := l.entries[i].Outlet
	return &o, true
}

// Note returns the editor's note on the outlet's classification, if any.
func (l *List) Note(id string) string {
	if i, ok := l.byID[id]; ok {
		return l.entries[i].Note
	}
	return ""
}

// All returns copies of every outlet, sorted by ID.
func (l *List) All() []record.Outlet {
	out := make([]record.Outlet, len(l.entries))
	for i, e := range l.entries {
		out[i] = e.Outlet
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// MarshalJSON writes the list in the outlets.json format.
func (l *List) MarshalJSON() ([]byte, error) { return json.Marshal(l.entries) }

// normHost lower-cases a host name and drops a scheme, path, port,
// trailing dot and leading "www.".
func normHost(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
	if h, _, err := net.SplitHostPort(s); err == nil {
		s = h
	}
	s = strings.TrimSuffix(s, ".")
	return strings.TrimPrefix(s, "www.")
}

// normName folds a name for lookup: letters and digits only, lower case,
// Khmer signs kept, a leading "the" dropped.
func normName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) {
			b.WriteRune(r)
		}
	}
	k := b.String()
	if t := strings.TrimPrefix(strings.ToLower(strings.TrimSpace(s)), "the "); len(t) < len(strings.ToLower(strings.TrimSpace(s))) {
		k = strings.TrimPrefix(k, "the")
	}
	return k
}
