package resolve

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

// Index holds in memory what resolving reads of the record: people by
// name key, and events by subject and by date, with the documents citing
// each. Resolving against the store costs several queries a document,
// each a round trip to a database server; against an Index it costs
// none, so a bulk run (reextracting the archive, capturing thousands of
// documents, the benchmark) loads one, resolves against it and writes in
// batches. It answers as the store's queries would, from the state the
// store will be in once every extraction added to it has been stored.
//
// An Index belongs to one run in one process: changes made meanwhile by
// others (an editor merging people) are not seen until the next run.
// Memory is a few hundred bytes an event.
type Index struct {
	people    peopleByName // merged people are left out
	events    map[string]*indexedEvent
	bySubject map[string][]*indexedEvent     // person ID → events naming them as a subject
	byDate    map[dateBucket][]*indexedEvent // dated events by family, precision and when
	byDoc     map[string][]string            // document → events its machine citations cite
}

type indexedEvent struct {
	ev          record.Event
	start       string         // as the store orders: date_start, "" when undated
	first, last int            // the days the date can mean, since 1970
	docs        map[string]int // citing document → its citations
}

// dateBucket files a dated event under its type's family, its precision
// and its first day, month or year: a window of a week then looks in a
// week of days, a month or two and a year or two, not in every day a
// year-long date could start on.
type dateBucket struct {
	family record.EventType
	prec   record.Precision
	at     int // day since 1970, year*12+month-1, or year
}

func bucketAt(p record.Precision, t time.Time) int {
	switch p {
	case record.PrecisionYear:
		return t.Year()
	case record.PrecisionMonth:
		return t.Year()*12 + int(t.Month()) - 1
	}
	return dayOf(t)
}

func bucketOf(e record.Event) dateBucket {
	p := e.Date.Precision()
	return dateBucket{family(e.Type), p, bucketAt(p, e.Date.Start())}
}

// BulkBatch is how many documents' facts a bulk run writes in one
// transaction: enough that commits and round trips stop counting, few
// enough that a failed batch is cheap to redo one document at a time.
const BulkBatch = 200

// IndexConfig tells LoadIndex how to report progress.
type IndexConfig struct {
	// Progress, when set, is told the events loaded so far now and then.
	Progress func(events int)
}

// LoadIndex reads the people, events and citation links of st.
func LoadIndex(ctx context.Context, st store.Store, cfg IndexConfig) (*Index, error) {
	x := newIndex()
	after := ""
	for {
		ps, err := st.People(ctx, after, 1000)
		if err != nil {
			return nil, fmt.Errorf("load people for resolving: %w", err)
		}
		if len(ps) == 0 {
			break
		}
		for i := range ps {
			if ps[i].MergedInto == "" {
				x.putPerson(ps[i])
			}
		}
		after = ps[len(ps)-1].ID
	}
	after = ""
	n := 0
	for {
		evs, err := st.Events(ctx, store.EventFilter{After: after, Limit: 1000})
		if err != nil {
			return nil, fmt.Errorf("load events for resolving: %w", err)
		}
		if len(evs) == 0 {
			break
		}
		for _, e := range evs {
			x.putEvent(e)
		}
		n += len(evs)
		if cfg.Progress != nil {
			cfg.Progress(n)
		}
		after = evs[len(evs)-1].ID
	}
	err := st.CitationLinks(ctx, func(eventID, docID string, machine bool) error {
		x.cite(eventID, docID, machine)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load citations for resolving: %w", err)
	}
	return x, nil
}

func newIndex() *Index {
	return &Index{
		people: newPeopleByName(),
		events: map[string]*indexedEvent{}, bySubject: map[string][]*indexedEvent{},
		byDate: map[dateBucket][]*indexedEvent{}, byDoc: map[string][]string{},
	}
}

// CitedBy lists the events the document's machine citations cite, as
// far as the Index knows.
func (x *Index) CitedBy(docID string) []string {
	return slices.Compact(slices.Sorted(slices.Values(x.byDoc[docID])))
}

// Len is the number of events held.
func (x *Index) Len() int { return len(x.events) }

func (x *Index) putPerson(p record.Person) { x.people.put(p) }

// peopleByName holds people by ID and by the PersonNameKey of each of
// their names, in the order first put: the Index's people, and the people
// a document adds before they are stored (Linker).
type peopleByName struct {
	byID  map[string]*record.Person
	order []string
	byKey map[string][]string
}

func newPeopleByName() peopleByName {
	return peopleByName{byID: map[string]*record.Person{}, byKey: map[string][]string{}}
}

// put adds p or replaces the person with its ID.
func (n *peopleByName) put(p record.Person) {
	if _, ok := n.byID[p.ID]; !ok {
		n.order = append(n.order, p.ID)
	}
	n.byID[p.ID] = &p
	for _, name := range p.Names {
		if k := store.PersonNameKey(name.Value); k != "" && !slices.Contains(n.byKey[k], p.ID) {
			n.byKey[k] = append(n.byKey[k], p.ID)
		}
	}
}

func (n *peopleByName) get(id string) (record.Person, bool) {
	p, ok := n.byID[id]
	if !ok {
		return record.Person{}, false
	}
	return *p, true
}

// named lists the people with a name of name's key, by ID.
func (n *peopleByName) named(name string) []record.Person {
	ids := n.byKey[store.PersonNameKey(name)]
	out := make([]record.Person, 0, len(ids))
	for _, id := range ids {
		out = append(out, *n.byID[id])
	}
	slices.SortFunc(out, func(a, b record.Person) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// all lists the people in the order first put.
func (n *peopleByName) all() []record.Person {
	out := make([]record.Person, len(n.order))
	for i, id := range n.order {
		out[i] = *n.byID[id]
	}
	return out
}

func dayOf(t time.Time) int { return int(t.Unix() / 86400) }

func (x *Index) putEvent(e record.Event) {
	if old := x.events[e.ID]; old != nil {
		// The store replaces an extracted event named again, keeping
		// its citations.
		x.unlink(old)
		ie := &indexedEvent{ev: e, docs: old.docs}
		x.link(ie)
		return
	}
	x.link(&indexedEvent{ev: e, docs: map[string]int{}})
}

func (x *Index) link(ie *indexedEvent) {
	e := ie.ev
	x.events[e.ID] = ie
	if !e.Date.IsZero() {
		ie.start = e.Date.Start().Format(time.DateOnly)
		ie.first, ie.last = dayOf(e.Date.Start()), dayOf(e.Date.End())
		b := bucketOf(e)
		x.byDate[b] = append(x.byDate[b], ie)
	}
	for _, id := range subjects(e) {
		if !slices.Contains(x.bySubject[id], ie) {
			x.bySubject[id] = append(x.bySubject[id], ie)
		}
	}
}

func (x *Index) unlink(ie *indexedEvent) {
	delete(x.events, ie.ev.ID)
	drop := func(s []*indexedEvent) []*indexedEvent {
		return slices.DeleteFunc(s, func(o *indexedEvent) bool { return o == ie })
	}
	if !ie.ev.Date.IsZero() {
		b := bucketOf(ie.ev)
		if x.byDate[b] = drop(x.byDate[b]); len(x.byDate[b]) == 0 {
			delete(x.byDate, b)
		}
	}
	for _, id := range subjects(ie.ev) {
		if x.bySubject[id] = drop(x.bySubject[id]); len(x.bySubject[id]) == 0 {
			delete(x.bySubject, id)
		}
	}
}

func (x *Index) cite(eventID, docID string, machine bool) {
	ie := x.events[eventID]
	if ie == nil {
		return
	}
	ie.docs[docID]++
	if machine {
		x.byDoc[docID] = append(x.byDoc[docID], eventID)
	}
}

// add brings the Index to the state the store will be in once x, as
// resolved, is stored (store.ReplaceExtraction): the document's old
// machine citations go, and with them the events no one else cites that
// no editor touched; then x's people, events and citations come.
func (x *Index) add(ex *store.Extraction) {
	doc := ex.DocumentID
	for _, id := range x.byDoc[doc] {
		ie := x.events[id]
		if ie == nil {
			continue
		}
		if ie.docs[doc]--; ie.docs[doc] <= 0 {
			delete(ie.docs, doc)
		}
		// The store keeps an event a membership starts or ends with; it
		// has no citation left, so it can no longer be merged into and
		// leaving it out answers the same.
		if len(ie.docs) == 0 && ie.ev.Status == record.StatusExtracted {
			x.unlink(ie)
		}
	}
	delete(x.byDoc, doc)
	for _, p := range ex.People {
		x.putPerson(p)
	}
	for _, e := range ex.Events {
		if old := x.events[e.ID]; old != nil && old.ev.Status != record.StatusExtracted {
			continue // an editor's event keeps its fields
		}
		if e.Status == "" {
			e.Status = record.StatusExtracted
		}
		x.putEvent(e)
	}
	for _, c := range ex.Citations {
		x.cite(c.EventID, doc, true)
	}
}

func (x *Index) peopleNamed(_ context.Context, name string) ([]record.Person, error) {
	return x.people.named(name), nil
}

// newestFirst orders as the store's event lists do.
func newestFirst(a, b *indexedEvent) int {
	if c := cmp.Compare(b.start, a.start); c != 0 {
		return c
	}
	return cmp.Compare(b.ev.ID, a.ev.ID)
}

func listed(ies []*indexedEvent, limit int) []record.Event {
	slices.SortFunc(ies, newestFirst)
	ies = ies[:min(len(ies), limit)]
	out := make([]record.Event, len(ies))
	for i, ie := range ies {
		out[i] = ie.ev
	}
	return out
}

func (x *Index) subjectEvents(_ context.Context, personID string, types []record.EventType) ([]record.Event, error) {
	var ies []*indexedEvent
	for _, ie := range x.bySubject[personID] {
		if slices.Contains(types, ie.ev.Type) {
			ies = append(ies, ie)
		}
	}
	return listed(ies, subjectLimit), nil
}

func (x *Index) windowEvents(_ context.Context, types []record.EventType, from, to record.Date) ([]record.Event, error) {
	lo, hi := from.Start(), to.End()
	dlo, dhi := dayOf(lo), dayOf(hi)
	var ies []*indexedEvent
	seen := map[record.EventType]bool{}
	for _, t := range types {
		f := family(t)
		if seen[f] {
			continue
		}
		seen[f] = true
		for _, p := range []record.Precision{record.PrecisionDay, record.PrecisionMonth, record.PrecisionYear} {
			for at := bucketAt(p, lo); at <= bucketAt(p, hi); at++ {
				for _, ie := range x.byDate[dateBucket{f, p, at}] {
					if slices.Contains(types, ie.ev.Type) && ie.last >= dlo && ie.first <= dhi {
						ies = append(ies, ie)
					}
				}
			}
		}
	}
	return listed(ies, windowLimit), nil
}

func (x *Index) citingDocuments(_ context.Context, eventID string) ([]string, error) {
	ie := x.events[eventID]
	if ie == nil {
		return nil, nil
	}
	docs := make([]string, 0, len(ie.docs))
	for d := range ie.docs {
		docs = append(docs, d)
	}
	slices.Sort(docs)
	return docs, nil
}
