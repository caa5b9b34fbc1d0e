package store

import (
	"context"
	"testing"

	"github.com/kamnotra/kamnotra/internal/record"
)

type countingReader struct {
	places map[string]*record.Place
	reads  int
}

func (c *countingReader) Document(context.Context, string) (*record.Document, error) {
	return nil, record.Errorf(record.ENotFound, "no")
}
func (c *countingReader) Outlet(context.Context, string) (*record.Outlet, error) {
	return nil, record.Errorf(record.ENotFound, "no")
}
func (c *countingReader) Organisation(_ context.Context, id string) (*record.Organisation, error) {
	c.reads++
	if id == "cpp" {
		return &record.Organisation{ID: id, Names: record.Names{{Lang: "en", Value: "Cambodian People's Party"}, {Lang: "km", Value: "គណបក្សប្រជាជនកម្ពុជា"}}}, nil
	}
	return nil, record.Errorf(record.ENotFound, "no")
}
func (c *countingReader) Place(_ context.Context, id string) (*record.Place, error) {
	c.reads++
	if p, ok := c.places[id]; ok {
		return p, nil
	}
	return nil, record.Errorf(record.ENotFound, "no")
}

func TestLookup(t *testing.T) {
	ctx := context.Background()
	r := &countingReader{places: map[string]*record.Place{
		"kh-12":       {ID: "kh-12", Level: record.PlaceProvince},
		"kh-12-01":    {ID: "kh-12-01", Level: record.PlaceDistrict, ParentID: "kh-12"},
		"kh-12-01-02": {ID: "kh-12-01-02", Level: record.PlaceCommune, ParentID: "kh-12-01"},
		"loop":        {ID: "loop", Level: record.PlaceDistrict, ParentID: "loop"},
	}}
	l := NewLookup(r)
	for _, id := range []string{"kh-12-01-02", "kh-12-01", "kh-12"} {
		if p := l.Province(ctx, id); p == nil || p.ID != "kh-12" {
			t.Errorf("Province(%s) = %v", id, p)
		}
	}
	if p := l.Province(ctx, "loop"); p != nil {
		t.Errorf("a place that is its own parent has province %v", p)
	}
	if p := l.Province(ctx, "nowhere"); p != nil {
		t.Errorf("unknown place has province %v", p)
	}
	before := r.reads
	l.Province(ctx, "kh-12-01-02")
	if r.reads != before {
		t.Errorf("second walk read the store %d more times", r.reads-before)
	}
	if got := l.OrgName(ctx, "cpp", "km"); got != "គណបក្សប្រជាជនកម្ពុជា" {
		t.Errorf("OrgName km = %q", got)
	}
	if got := l.OrgName(ctx, "x-unknown", "en"); got != "x-unknown" {
		t.Errorf("unknown OrgName = %q", got)
	}
	if l.Document(ctx, "d1") != nil || l.Outlet(ctx, "") != nil {
		t.Error("missing records should be nil")
	}
}
