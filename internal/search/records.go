package search

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

// Source is what building the index reads from the record.
type Source interface {
	store.Reader
	Documents(ctx context.Context, f store.DocumentFilter) ([]record.Document, error)
	Outlets(ctx context.Context) ([]record.Outlet, error)
	Events(ctx context.Context, f store.EventFilter) ([]record.Event, error)
	Citations(ctx context.Context, eventID string) ([]record.Citation, error)
	Person(ctx context.Context, id string) (*record.Person, error)
	Organisations(ctx context.Context) ([]record.Organisation, error)
}

// DocumentDoc is the index entry of a captured document.
func DocumentDoc(d record.Document, o *record.Outlet) Doc {
	date := d.PublishedAt
	if date.IsZero() {
		date = d.Published.Start()
	}
	if date.IsZero() {
		date = d.FetchedAt
	}
	facets := map[string][]string{}
	if d.Lang != "" {
		facets[FacetLang] = []string{d.Lang}
	}
	if o != nil {
		facets[FacetOutlet] = []string{o.ID}
		facets[FacetOutletKind] = []string{string(o.Kind)}
	}
	return Doc{ID: d.ID, Kind: KindDocument, Title: d.Title, Text: d.Text, Date: date, Facets: facets}
}

// PersonDoc is the index entry of a person: every name, searchable by
// any spelling through its name keys.
func PersonDoc(p record.Person) Doc {
	title, _ := p.Names.Best(record.LangKhmer)
	var names []string
	for _, n := range p.Names {
		names = append(names, n.Value)
	}
	return Doc{ID: p.ID, Kind: KindPerson, Title: title.Value, Text: strings.Join(names, "\n"), Names: names}
}

// OrganisationDoc is the index entry of an organisation.
func OrganisationDoc(o record.Organisation) Doc {
	title, _ := o.Names.Best(record.LangEnglish)
	var names []string
	for _, n := range o.Names {
		names = append(names, n.Value)
	}
	facets := map[string][]string{}
	if o.Kind == record.OrgParty {
		facets[FacetParty] = []string{o.ID}
	}
	return Doc{ID: o.ID, Kind: KindOrganisation, Title: title.Value, Text: strings.Join(names, "\n"), Names: names, Facets: facets}
}

// builder caches what event entries need to look up.
type builder struct {
	src     Source
	outlets map[string]*record.Outlet
	lookup  *store.Lookup
	orgs    map[string]*record.Organisation
}

func newBuilder(ctx context.Context, src Source) (*builder, error) {
	b := &builder{src: src, outlets: map[string]*record.Outlet{}, lookup: store.NewLookup(src), orgs: map[string]*record.Organisation{}}
	outlets, err := src.Outlets(ctx)
	if err != nil {
		return nil, err
	}
	for i := range outlets {
		b.outlets[outlets[i].ID] = &outlets[i]
	}
	orgs, err := src.Organisations(ctx)
	if err != nil {
		return nil, err
	}
	for i := range orgs {
		b.orgs[orgs[i].ID] = &orgs[i]
	}
	return b, nil
}

// provinceOf returns the ID of the province a place lies in, or "".
func (b *builder) provinceOf(ctx context.Context, id string) string {
	if p := b.lookup.Province(ctx, id); p != nil {
		return p.ID
	}
	return ""
}

// eventDoc is the index entry of an event: its type and the names of who
// and what it involves as title, the evidence of every citation as text.
func (b *builder) eventDoc(ctx context.Context, e record.Event) (Doc, []record.Citation, error) {
	cites, err := b.src.Citations(ctx, e.ID)
	if err != nil {
		return Doc{}, nil, err
	}
	var who, names []string
	for _, p := range e.Participants {
		name := p.Mention
		if p.PersonID != "" {
			if per, err := b.src.Person(ctx, p.PersonID); err == nil {
				for _, n := range per.Names {
					names = append(names, n.Value)
				}
				if n, _ := per.Names.Best(record.LangEnglish); n.Value != "" {
					name = n.Value
				}
			}
		}
		if name != "" && p.Role == record.ParticipantSubject {
			who = append(who, name)
		}
		if p.Mention != "" {
			names = append(names, p.Mention)
		}
	}
	facets := map[string][]string{FacetType: {string(e.Type)}}
	var orgNames []string
	for _, id := range []string{e.FromOrgID, e.ToOrgID} {
		if o := b.orgs[id]; o != nil {
			if o.Kind == record.OrgParty {
				facets[FacetParty] = append(facets[FacetParty], o.ID)
			}
			for _, n := range o.Names {
				orgNames = append(orgNames, n.Value)
			}
		}
	}
	if p := b.provinceOf(ctx, e.PlaceID); p != "" {
		facets[FacetProvince] = []string{p}
	}
	// Evidence first: snippets start at the first match, and the
	// sentences are what a reader wants to see.
	var text strings.Builder
	for _, c := range cites {
		text.WriteString(c.Evidence)
		text.WriteString("\n")
	}
	text.WriteString(strings.Join(orgNames, "\n"))
	title := string(e.Type)
	if len(who) > 0 {
		title += ": " + strings.Join(who, ", ")
	} else if e.Count != nil {
		title += fmt.Sprintf(": %d", *e.Count)
	}
	return Doc{ID: e.ID, Kind: KindEvent, Title: title, Text: text.String(), Date: e.Date.Start(), Facets: facets, Names: names}, cites, nil
}

// eventFacets are the facets a document takes from the events it
// reports, so that filtering by event type, party or province finds the
// articles as well as the events.
var eventFacets = []string{FacetType, FacetParty, FacetProvince}

// addFacets adds the event facets of src to dst, without repeats.
func addFacets(dst, src map[string][]string) {
	for _, name := range eventFacets {
		for _, v := range src[name] {
			if !slices.Contains(dst[name], v) {
				dst[name] = append(dst[name], v)
			}
		}
	}
}

// Reindex puts every document, event and organisation of the record into
// idx, in batches, calling progress after each batch with the count so far.
// Rejected events are left out: the index serves public readers.
func Reindex(ctx context.Context, src Source, idx Index, progress func(done int)) (int, error) {
	b, err := newBuilder(ctx, src)
	if err != nil {
		return 0, err
	}
	done := 0
	flush := func(batch []Doc) error {
		if len(batch) == 0 {
			return nil
		}
		if err := idx.Put(ctx, batch...); err != nil {
			return err
		}
		done += len(batch)
		if progress != nil {
			progress(done)
		}
		return nil
	}
	var batch []Doc
	for _, o := range b.orgs {
		batch = append(batch, OrganisationDoc(*o))
	}
	if err := flush(batch); err != nil {
		return done, err
	}
	// Events first: each document takes the facets of the events it
	// reports.
	const page = 500
	docFacets := map[string]map[string][]string{}
	after := ""
	people := map[string]bool{}
	for {
		events, err := src.Events(ctx, store.EventFilter{After: after, Limit: page,
			Statuses: []record.Status{record.StatusExtracted, record.StatusReviewed, record.StatusPublished}})
		if err != nil {
			return done, err
		}
		batch = batch[:0]
		for _, e := range events {
			d, cites, err := b.eventDoc(ctx, e)
			if err != nil {
				return done, err
			}
			batch = append(batch, d)
			for _, c := range cites {
				if docFacets[c.DocumentID] == nil {
					docFacets[c.DocumentID] = map[string][]string{}
				}
				addFacets(docFacets[c.DocumentID], d.Facets)
			}
			for _, p := range e.Participants {
				if p.PersonID != "" && !people[p.PersonID] {
					people[p.PersonID] = true
					if per, err := src.Person(ctx, p.PersonID); err == nil && !per.Private {
						batch = append(batch, PersonDoc(*per))
					}
				}
			}
		}
		if err := flush(batch); err != nil {
			return done, err
		}
		if len(events) < page {
			break
		}
		after = events[len(events)-1].ID
	}
	after = ""
	for {
		docs, err := src.Documents(ctx, store.DocumentFilter{After: after, Limit: page})
		if err != nil {
			return done, err
		}
		batch = batch[:0]
		for _, d := range docs {
			doc := DocumentDoc(d, b.outlets[d.OutletID])
			addFacets(doc.Facets, docFacets[d.ID])
			batch = append(batch, doc)
		}
		if err := flush(batch); err != nil {
			return done, err
		}
		if len(docs) < page {
			break
		}
		after = docs[len(docs)-1].ID
	}
	return done, nil
}

// Documents is what indexing single documents reads besides Source.
type Documents interface {
	Source
	DocumentCitations(ctx context.Context, documentID string) ([]record.Citation, error)
	Event(ctx context.Context, id string) (*record.Event, error)
}

// IndexDocuments puts the given documents, every event they cite and the
// people of those events into idx: what changes in the index when a
// capture adds documents and their extraction adds events. The events in
// changed that none of the documents cites now (those their old
// extractions cited) are brought up to date as RefreshEvents does.
func IndexDocuments(ctx context.Context, src Documents, idx Index, ids, changed []string) error {
	if len(ids) == 0 && len(changed) == 0 {
		return nil
	}
	b, err := newBuilder(ctx, src)
	if err != nil {
		return err
	}
	var batch []Doc
	evFacets := map[string]map[string][]string{} // events indexed in this call
	var rejected []string
	people := map[string]bool{}
	for _, id := range ids {
		d, err := src.Document(ctx, id)
		if err != nil {
			return err
		}
		doc := DocumentDoc(*d, b.outlets[d.OutletID])
		cites, err := src.DocumentCitations(ctx, id)
		if err != nil {
			return err
		}
		for _, c := range cites {
			if f, ok := evFacets[c.EventID]; ok {
				addFacets(doc.Facets, f)
				continue
			}
			e, err := src.Event(ctx, c.EventID)
			if err != nil {
				return err
			}
			if e.Status == record.StatusRejected {
				evFacets[c.EventID] = nil
				rejected = append(rejected, c.EventID) // indexed before, perhaps
				continue
			}
			// Organisations the extraction added since the builder
			// loaded them.
			for _, oid := range []string{e.FromOrgID, e.ToOrgID} {
				if oid != "" && b.orgs[oid] == nil {
					if o, err := src.Organisation(ctx, oid); err == nil {
						b.orgs[oid] = o
						batch = append(batch, OrganisationDoc(*o))
					}
				}
			}
			ed, _, err := b.eventDoc(ctx, *e)
			if err != nil {
				return err
			}
			evFacets[c.EventID] = ed.Facets
			addFacets(doc.Facets, ed.Facets)
			batch = append(batch, ed)
			for _, p := range e.Participants {
				if p.PersonID != "" && !people[p.PersonID] {
					people[p.PersonID] = true
					if per, err := src.Person(ctx, p.PersonID); err == nil && !per.Private {
						batch = append(batch, PersonDoc(*per))
					}
				}
			}
		}
		batch = append(batch, doc)
		if batch, err = putBatch(ctx, idx, batch, 200); err != nil {
			return err
		}
	}
	if _, err := putBatch(ctx, idx, batch, 1); err != nil {
		return err
	}
	var rest []string
	for _, id := range changed {
		if _, done := evFacets[id]; !done {
			rest = append(rest, id)
			evFacets[id] = nil
		}
	}
	if len(rejected) > 0 {
		if err := idx.Delete(ctx, rejected...); err != nil {
			return err
		}
	}
	return b.refresh(ctx, src, idx, rest)
}

// RefreshEvents brings the index entries of the given events up to date
// with the record: an event reextraction removed, or an editor rejected,
// leaves the index; one that lost or gained citations is indexed again.
func RefreshEvents(ctx context.Context, src Documents, idx Index, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	b, err := newBuilder(ctx, src)
	if err != nil {
		return err
	}
	return b.refresh(ctx, src, idx, ids)
}

// putBatch puts batch into idx once it holds at least n documents (and
// one) and returns it emptied, or returns it as it is: 200 while the
// documents come, 1 after the last.
func putBatch(ctx context.Context, idx Index, batch []Doc, n int) ([]Doc, error) {
	if len(batch) < max(n, 1) {
		return batch, nil
	}
	return batch[:0], idx.Put(ctx, batch...)
}

func (b *builder) refresh(ctx context.Context, src Documents, idx Index, ids []string) error {
	var gone []string
	var batch []Doc
	for _, id := range ids {
		e, err := src.Event(ctx, id)
		if record.IsNotFound(err) || (err == nil && e.Status == record.StatusRejected) {
			gone = append(gone, id)
			continue
		}
		if err != nil {
			return err
		}
		ed, _, err := b.eventDoc(ctx, *e)
		if err != nil {
			return err
		}
		batch = append(batch, ed)
		if batch, err = putBatch(ctx, idx, batch, 200); err != nil {
			return err
		}
	}
	if _, err := putBatch(ctx, idx, batch, 1); err != nil {
		return err
	}
	if len(gone) > 0 {
		return idx.Delete(ctx, gone...)
	}
	return nil
}
