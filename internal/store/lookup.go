package store

import (
	"context"

	"github.com/kamnotra/kamnotra/internal/record"
)

// Reader is the part of a Store that Lookup reads.
type Reader interface {
	Document(ctx context.Context, id string) (*record.Document, error)
	Outlet(ctx context.Context, id string) (*record.Outlet, error)
	Organisation(ctx context.Context, id string) (*record.Organisation, error)
	Place(ctx context.Context, id string) (*record.Place, error)
}

// Lookup memoises the reads that ledgers, reports and index builders make
// of the same few documents, outlets, organisations and places, over and
// over. A missing or unreadable record is remembered as nil: these
// readers show what they can and leave the rest blank. It is not safe for
// concurrent use.
type Lookup struct {
	r       Reader
	docs    map[string]*record.Document
	outlets map[string]*record.Outlet
	orgs    map[string]*record.Organisation
	places  map[string]*record.Place
}

// NewLookup returns an empty Lookup over r.
func NewLookup(r Reader) *Lookup {
	return &Lookup{r: r, docs: map[string]*record.Document{}, outlets: map[string]*record.Outlet{},
		orgs: map[string]*record.Organisation{}, places: map[string]*record.Place{}}
}

func memo[T any](ctx context.Context, m map[string]*T, id string, get func(context.Context, string) (*T, error)) *T {
	if id == "" {
		return nil
	}
	if v, ok := m[id]; ok {
		return v
	}
	v, err := get(ctx, id)
	if err != nil {
		v = nil
	}
	m[id] = v
	return v
}

// Document returns the document or nil.
func (l *Lookup) Document(ctx context.Context, id string) *record.Document {
	return memo(ctx, l.docs, id, l.r.Document)
}

// Outlet returns the outlet or nil.
func (l *Lookup) Outlet(ctx context.Context, id string) *record.Outlet {
	return memo(ctx, l.outlets, id, l.r.Outlet)
}

// Organisation returns the organisation or nil.
func (l *Lookup) Organisation(ctx context.Context, id string) *record.Organisation {
	return memo(ctx, l.orgs, id, l.r.Organisation)
}

// Place returns the place or nil.
func (l *Lookup) Place(ctx context.Context, id string) *record.Place {
	return memo(ctx, l.places, id, l.r.Place)
}

// Province returns the province a place lies in (the place itself when it
// is one), or nil when the place is unknown or not in a province.
func (l *Lookup) Province(ctx context.Context, placeID string) *record.Place {
	for id, hops := placeID, 0; id != "" && hops < 4; hops++ {
		p := l.Place(ctx, id)
		if p == nil {
			return nil
		}
		if p.Level == record.PlaceProvince {
			return p
		}
		id = p.ParentID
	}
	return nil
}

// OrgName returns the organisation's name in lang (falling back to any),
// or the ID itself when it is unknown.
func (l *Lookup) OrgName(ctx context.Context, id, lang string) string {
	o := l.Organisation(ctx, id)
	if o == nil {
		return id
	}
	n, _ := o.Names.Best(lang)
	if n.Value == "" {
		return id
	}
	return n.Value
}
