package resolve

import (
	"context"
	"fmt"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

// memPeople is an in-memory People for fuzzing, keyed as the stores key.
type memPeople struct {
	ps []record.Person
}

func (m *memPeople) PeopleByNameKey(_ context.Context, name string) ([]record.Person, error) {
	key := store.PersonNameKey(name)
	if key == "" {
		return nil, nil
	}
	var out []record.Person
	for _, p := range m.ps {
		for _, n := range p.Names {
			if store.PersonNameKey(n.Value) == key {
				out = append(out, p)
				break
			}
		}
	}
	return out, nil
}

func (m *memPeople) PutPerson(_ context.Context, p *record.Person) error {
	if p.ID == "" {
		p.ID = fmt.Sprintf("p%d", len(m.ps))
	}
	for i := range m.ps {
		if m.ps[i].ID == p.ID {
			m.ps[i] = *p
			return nil
		}
	}
	m.ps = append(m.ps, *p)
	return nil
}

// FuzzLink: whatever the mention, linking it twice finds the person the
// first link made or chose; a link is made exactly when its confidence
// reaches the threshold; a person merged away is never linked.
func FuzzLink(f *testing.F) {
	for _, s := range []string{"Khuong Sreng", "ឯកឧត្តម ឃួង ស្រេង", "H.E. Sok Vannary", "Raiya", "Sok", "Keo Dara", "", " ", "Dr. ", "ថុល\u200bសំណាង", "Mr. Thol Samnang and Kem Sokha"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, mention string) {
		if !utf8.ValidString(mention) {
			return
		}
		ctx := context.Background()
		now := time.Unix(0, 0)
		m := &memPeople{ps: []record.Person{
			{ID: "keo", Names: record.Names{{Value: "Keo Dara"}}},
			{ID: "khieu", Names: record.Names{{Value: "Khieu Dara"}}},
			{ID: "gone", MergedInto: "sok", Names: record.Names{{Value: "Sok Vannary"}}},
			{ID: "sok", Names: record.Names{{Value: "Sok Vanary"}}},
		}}
		first, err := NewLinker(m).Link(ctx, mention, now)
		if err != nil {
			t.Fatal(err)
		}
		if (first.PersonID != "") != (first.Confidence >= Threshold) {
			t.Fatalf("Link(%q) = %+v: linked iff at the threshold", mention, first)
		}
		if first.PersonID == "gone" {
			t.Fatalf("Link(%q) linked a person merged away", mention)
		}
		for _, c := range first.Candidates {
			if c == "gone" {
				t.Fatalf("Link(%q) offers a person merged away", mention)
			}
		}
		second, err := NewLinker(m).Link(ctx, mention, now)
		if err != nil {
			t.Fatal(err)
		}
		if second.Created || second.PersonID != first.PersonID {
			t.Fatalf("Link(%q) again = %+v, first %+v", mention, second, first)
		}
	})
}
