package web

import (
	"context"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

// What the public may see, in one place. There is no editing yet, so
// machine-extracted events are shown, labelled as not reviewed; rejected
// facts never are. Private persons appear by name only where a citation
// names them: no page, no link, no ID, no listing.

// publicStatuses are the event statuses shown to readers.
var publicStatuses = []record.Status{record.StatusExtracted, record.StatusReviewed, record.StatusPublished}

func statusVisible(s record.Status) bool {
	return s != record.StatusRejected && s != ""
}

func eventVisible(e *record.Event) bool { return statusVisible(e.Status) }

// personPublic reports whether a person may have a page and be listed.
func personPublic(p *record.Person) bool { return !p.Private && statusVisible(p.Status) }

// personListed reports whether a person may appear in the people index:
// public, reviewed or published, and not merged into another record.
func personListed(p *record.Person) bool {
	return personPublic(p) && p.MergedInto == "" &&
		(p.Status == record.StatusReviewed || p.Status == record.StatusPublished)
}

func orgVisible(o *record.Organisation) bool { return statusVisible(o.Status) }

// pathID returns the {id} path value without a .json suffix. IDs are
// opaque, but one that could not be an ID is the reader's mistake (400)
// rather than a missing record.
func pathID(r *http.Request) (string, error) {
	id := strings.TrimSuffix(r.PathValue("id"), ".json")
	if id == "" || len(id) > 256 || !utf8.ValidString(id) || strings.ContainsFunc(id, unicode.IsControl) {
		return "", record.Errorf(record.EInvalid, "%q is not a record ID", trimForMessage(id))
	}
	return id, nil
}

// afterParam reads the ?after= keyset cursor with the same rules as IDs.
func afterParam(r *http.Request) (string, error) {
	a := r.URL.Query().Get("after")
	if a == "" {
		return "", nil
	}
	if len(a) > 256 || !utf8.ValidString(a) || strings.ContainsFunc(a, unicode.IsControl) {
		return "", record.Errorf(record.EInvalid, "the after= parameter must be the ID of the last item of the previous page")
	}
	return a, nil
}

func trimForMessage(s string) string {
	s = strings.ToValidUTF8(s, "?")
	if len(s) > 40 {
		cut := 40
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '?'
		}
		return r
	}, s)
}

// ref is a link to a record shown by name. Link is empty when the record
// has no page a reader may open (a private person, a missing record).
type ref struct {
	ID   string      `json:"id,omitempty"`
	Name displayName `json:"-"`
	Text string      `json:"name"`
	Link string      `json:"-"`
	// Private marks a private person, named only where a citation names
	// them: on the event page, never in lists.
	Private bool `json:"-"`
}

// lookup fetches the records a page refers to, once per request, and
// through the site's entity cache when the request knows the record's
// version.
type lookup struct {
	ctx     context.Context
	st      store.Store
	l       *locale
	shared  *entityCache // nil: fetch from the store
	ver     uint64
	people  map[string]*record.Person
	orgs    map[string]*record.Organisation
	places  map[string]*record.Place
	outlets map[string]*record.Outlet
	docs    map[string]*record.Document
}

func newLookup(ctx context.Context, st store.Store, l *locale) *lookup {
	return &lookup{ctx: ctx, st: st, l: l,
		people: map[string]*record.Person{}, orgs: map[string]*record.Organisation{},
		places: map[string]*record.Place{}, outlets: map[string]*record.Outlet{}, docs: map[string]*record.Document{}}
}

// get returns the cached or fetched record; a missing record is nil with no
// error, since a dangling reference should not break the page that has it.
func get[T any](cache map[string]*T, id string, fetch func(string) (*T, error)) (*T, error) {
	if id == "" {
		return nil, nil
	}
	if v, ok := cache[id]; ok {
		return v, nil
	}
	v, err := fetch(id)
	if record.IsNotFound(err) {
		v, err = nil, nil
	}
	if err != nil {
		return nil, err
	}
	cache[id] = v
	return v, nil
}

func (lk *lookup) person(id string) (*record.Person, error) {
	return get(lk.people, id, func(id string) (*record.Person, error) {
		return cached(lk, id, func(c *entityCache) map[string]*record.Person { return c.people }, lk.st.Person)
	})
}

func (lk *lookup) org(id string) (*record.Organisation, error) {
	return get(lk.orgs, id, func(id string) (*record.Organisation, error) {
		return cached(lk, id, func(c *entityCache) map[string]*record.Organisation { return c.orgs }, lk.st.Organisation)
	})
}

func (lk *lookup) place(id string) (*record.Place, error) {
	return get(lk.places, id, func(id string) (*record.Place, error) {
		return cached(lk, id, func(c *entityCache) map[string]*record.Place { return c.places }, lk.st.Place)
	})
}

func (lk *lookup) outlet(id string) (*record.Outlet, error) {
	return get(lk.outlets, id, func(id string) (*record.Outlet, error) {
		return cached(lk, id, func(c *entityCache) map[string]*record.Outlet { return c.outlets }, lk.st.Outlet)
	})
}

func (lk *lookup) doc(id string) (*record.Document, error) {
	return get(lk.docs, id, func(id string) (*record.Document, error) { return lk.st.Document(lk.ctx, id) })
}

func (lk *lookup) named(id string, ns record.Names, link string) *ref {
	n := lk.l.Name(ns)
	return &ref{ID: id, Name: n, Text: n.Value, Link: link}
}

// personRef names a person; a private one by name only, without ID or link.
func (lk *lookup) personRef(id, mention string) (*ref, error) {
	p, err := lk.person(id)
	if err != nil {
		return nil, err
	}
	if p != nil && p.MergedInto != "" {
		// Participations move with a merge; a reference left behind
		// follows it one step.
		if p, err = lk.person(p.MergedInto); err != nil {
			return nil, err
		}
	}
	switch {
	case p == nil || !statusVisible(p.Status):
		if mention == "" {
			return nil, nil
		}
		return &ref{Name: displayName{Value: mention}, Text: mention}, nil
	case p.Private:
		r := lk.named("", p.Names, "")
		r.Private = true
		return r, nil
	}
	return lk.named(p.ID, p.Names, "/people/"+p.ID), nil
}

func (lk *lookup) orgRef(id, mention string) (*ref, error) {
	o, err := lk.org(id)
	if err != nil {
		return nil, err
	}
	if o == nil || !orgVisible(o) {
		if mention == "" {
			return nil, nil
		}
		return &ref{Name: displayName{Value: mention}, Text: mention}, nil
	}
	return lk.named(o.ID, o.Names, "/organisations/"+o.ID), nil
}

func (lk *lookup) placeRef(id string) (*ref, error) {
	p, err := lk.place(id)
	if err != nil || p == nil {
		return nil, err
	}
	r := lk.named(p.ID, p.Names, "/places/"+p.ID)
	// Show the province after a district or commune: "Mean Chey, Phnom Penh".
	if p.ParentID != "" {
		if parent, err := lk.place(p.ParentID); err == nil && parent != nil {
			pn := lk.l.Name(parent.Names)
			r.Name.Value += lk.l.T("list.sep") + pn.Value
			r.Text = r.Name.Value
		}
	}
	return r, nil
}

func (lk *lookup) outletRef(id string) (*ref, error) {
	o, err := lk.outlet(id)
	if err != nil || o == nil {
		return nil, err
	}
	return lk.named(o.ID, o.Names, "/outlets/"+o.ID), nil
}
