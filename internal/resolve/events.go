package resolve

import (
	"context"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

// Events is what merging needs from the record.
type Events interface {
	Events(ctx context.Context, f store.EventFilter) ([]record.Event, error)
	Citations(ctx context.Context, eventID string) ([]record.Citation, error)
}

// Record is what resolving an extraction needs.
type Record interface {
	People
	Events
	store.Reader
}

// family groups types that reports use for one happening: a report of
// "members joined the CPP" and one of "members defected from the CP to
// the CPP" may describe the same ceremony.
func family(t record.EventType) record.EventType {
	if t == record.EventPartyJoin {
		return record.EventDefection
	}
	return t
}

// maxDays is how far apart two reports may date one event.
const maxDays = 3

// Same decides whether two events are one happening reported twice: same
// type (family), dates no further apart than maxDays where both are known,
// no conflicting organisations or places, and either a shared person or,
// for unnamed groups, the same destination, place and a compatible count.
func Same(a, b record.Event, provinceOf func(string) string) bool {
	if family(a.Type) != family(b.Type) {
		return false
	}
	dated := !a.Date.IsZero() && !b.Date.IsZero()
	if dated && !near(a.Date, b.Date) {
		return false
	}
	if conflict(a.ToOrgID, b.ToOrgID) || conflict(a.FromOrgID, b.FromOrgID) {
		return false
	}
	pa, pb := provinceOf(a.PlaceID), provinceOf(b.PlaceID)
	if conflict(pa, pb) || (a.PlaceID != pa && b.PlaceID != pb && conflict(a.PlaceID, b.PlaceID)) {
		return false
	}
	if sharePerson(a, b) {
		return dated || a.Type == b.Type
	}
	if hasSubjects(a) || hasSubjects(b) {
		return false // different named people
	}
	return dated && pa != "" && pa == pb && a.ToOrgID != "" && a.ToOrgID == b.ToOrgID && countsCompatible(a, b)
}

func conflict(x, y string) bool { return x != "" && y != "" && x != y }

func near(a, b record.Date) bool {
	// Compare the ranges each date can mean: "in June" is close to 3 June.
	gap := time.Duration(0)
	if a.End().Before(b.Start()) {
		gap = b.Start().Sub(a.End())
	} else if b.End().Before(a.Start()) {
		gap = a.Start().Sub(b.End())
	}
	return gap <= maxDays*24*time.Hour
}

func subjects(e record.Event) []string {
	var ids []string
	for _, p := range e.Participants {
		if p.Role == record.ParticipantSubject && p.PersonID != "" {
			ids = append(ids, p.PersonID)
		}
	}
	return ids
}

func hasSubjects(e record.Event) bool { return len(subjects(e)) > 0 }

func sharePerson(a, b record.Event) bool {
	for _, x := range subjects(a) {
		for _, y := range subjects(b) {
			if x == y {
				return true
			}
		}
	}
	return false
}

// countsCompatible: claims of one event may differ ("more than 600" and
// "675"), but not wildly; unknown counts are compatible with anything.
func countsCompatible(a, b record.Event) bool {
	if a.Count == nil || b.Count == nil {
		return true
	}
	x, y := float64(*a.Count), float64(*b.Count)
	if x > y {
		x, y = y, x
	}
	if x == 0 {
		return y == 0
	}
	return y/x <= 1.5
}

// Resolve links the person mentions of an extraction to people and points
// each new event that another document already reports at that event
// instead, so that one happening is one event with many citations. It
// rewrites x in place before it is stored.
func Resolve(ctx context.Context, st Record, x *store.Extraction) error {
	return NewResolver(st).Resolve(ctx, x)
}

// Resolver resolves the extractions of many documents in turn, keeping
// what it has read of the record's places between them: walking up from
// a place to its province was a ninth of the time of loading 100,000
// events when every document read the places again. Places change
// rarely and only by an editor; a Resolver lives for one run.
type Resolver struct {
	src source
	idx *Index // when resolving against an Index; kept up to date
	lk  *store.Lookup
}

// NewResolver starts resolving extractions against st, reading it as it
// goes: for a few documents.
func NewResolver(st Record) *Resolver {
	return &Resolver{src: storeSource{st}, lk: store.NewLookup(st)}
}

// NewBulkResolver starts resolving extractions against idx, an Index of
// st held in memory, and adds each resolved extraction to it: for many
// documents, written in batches with store.ReplaceExtractions. Each
// extraction must be stored, in order, before the Index is used for
// anything else; if storing fails, build a new Index.
func NewBulkResolver(st Record, idx *Index) *Resolver {
	return &Resolver{src: idx, idx: idx, lk: store.NewLookup(st)}
}

// Index is the Index the Resolver resolves against and keeps, or nil.
func (r *Resolver) Index() *Index { return r.idx }

// Resolve is Resolve with the Resolver's record. The people the
// extraction names for the first time, or by a new spelling, are added to
// x.People, to be saved with its facts by store.ReplaceExtraction.
func (r *Resolver) Resolve(ctx context.Context, x *store.Extraction) error {
	now := time.Now().UTC()
	linker := newDeferredLinker(r.src.peopleNamed)
	// Subjects first, so that one-word presiders can refer to them too.
	for _, role := range []string{record.ParticipantSubject, record.ParticipantPresiding, record.ParticipantClaimant} {
		for i := range x.Events {
			for j := range x.Events[i].Participants {
				p := &x.Events[i].Participants[j]
				if p.Role != role || p.PersonID != "" || p.Mention == "" {
					continue
				}
				link, err := linker.Link(ctx, p.Mention, now)
				if err != nil {
					return err
				}
				if link.Confidence >= Threshold {
					p.PersonID, p.Confidence = link.PersonID, link.Confidence
				} else {
					// Kept for an editor to confirm: a candidate is not a
					// merge.
					p.Candidates = nil
					for _, id := range link.Candidates {
						p.Candidates = append(p.Candidates, record.Candidate{PersonID: id, Confidence: link.Confidence})
					}
				}
			}
		}
	}
	// A place stands for its province (walking up from a commune or
	// district); a place the record does not know stands for itself.
	x.People = append(x.People, linker.Pending()...)
	lk := r.lk
	provinceOf := func(id string) string {
		if p := lk.Province(ctx, id); p != nil {
			return p.ID
		}
		return id
	}
	merged := map[string]string{} // new event ID → existing event ID
	kept := x.Events[:0]
	for _, e := range x.Events {
		target, err := findSame(ctx, r.src, e, x.DocumentID, provinceOf)
		if err != nil {
			return err
		}
		if target == "" {
			kept = append(kept, e)
			continue
		}
		merged[e.ID] = target
	}
	x.Events = kept
	for i := range x.Citations {
		if t, ok := merged[x.Citations[i].EventID]; ok {
			x.Citations[i].EventID = t
		}
	}
	if r.idx != nil {
		r.idx.add(x)
	}
	return nil
}

// findSame returns an existing event that e reports again, or "". Only
// events cited by some other document qualify: this document's own old
// citations are about to be replaced.
func findSame(ctx context.Context, src source, e record.Event, docID string, provinceOf func(string) string) (string, error) {
	var candidates []record.Event
	types := []record.EventType{e.Type}
	if f := family(e.Type); f != e.Type {
		types = append(types, f)
	} else if e.Type == record.EventDefection {
		types = append(types, record.EventPartyJoin)
	}
	if ids := subjects(e); len(ids) > 0 {
		for _, id := range ids {
			evs, err := src.subjectEvents(ctx, id, types)
			if err != nil {
				return "", err
			}
			candidates = append(candidates, evs...)
		}
	} else if !e.Date.IsZero() {
		from := record.DateOf(e.Date.Start().AddDate(0, 0, -maxDays))
		to := record.DateOf(e.Date.End().AddDate(0, 0, maxDays))
		evs, err := src.windowEvents(ctx, types, from, to)
		if err != nil {
			return "", err
		}
		candidates = evs
	}
	for _, c := range candidates {
		if c.Status == record.StatusRejected || !Same(e, c, provinceOf) {
			continue
		}
		docs, err := src.citingDocuments(ctx, c.ID)
		if err != nil {
			return "", err
		}
		for _, d := range docs {
			if d != docID {
				return c.ID, nil
			}
		}
	}
	return "", nil
}

// source is what resolving reads of the record: the store itself, one
// query at a time, or an Index of it held in memory for a bulk run.
type source interface {
	peopleNamed(ctx context.Context, name string) ([]record.Person, error)
	// subjectEvents lists events of the types that may name personID as
	// a subject, newest first, at most subjectLimit.
	subjectEvents(ctx context.Context, personID string, types []record.EventType) ([]record.Event, error)
	// windowEvents lists events of the types whose dates meet the
	// window, newest first, at most windowLimit.
	windowEvents(ctx context.Context, types []record.EventType, from, to record.Date) ([]record.Event, error)
	citingDocuments(ctx context.Context, eventID string) ([]string, error)
}

const (
	subjectLimit = 200
	windowLimit  = 500
)

// storeSource reads the store.
type storeSource struct{ st Record }

func (s storeSource) peopleNamed(ctx context.Context, name string) ([]record.Person, error) {
	return s.st.PeopleByNameKey(ctx, name)
}

func (s storeSource) subjectEvents(ctx context.Context, personID string, types []record.EventType) ([]record.Event, error) {
	return s.st.Events(ctx, store.EventFilter{PersonID: personID, Types: types, Limit: subjectLimit})
}

func (s storeSource) windowEvents(ctx context.Context, types []record.EventType, from, to record.Date) ([]record.Event, error) {
	return s.st.Events(ctx, store.EventFilter{Types: types, From: from, To: to, Limit: windowLimit})
}

func (s storeSource) citingDocuments(ctx context.Context, eventID string) ([]string, error) {
	cites, err := s.st.Citations(ctx, eventID)
	docs := make([]string, len(cites))
	for i, c := range cites {
		docs[i] = c.DocumentID
	}
	return docs, err
}
