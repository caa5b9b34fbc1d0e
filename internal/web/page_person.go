package web

import (
	"sort"
	"strings"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

// membershipView is one line of a person's or organisation's timeline.
type membershipView struct {
	Person     *ref
	Org        *ref
	Role       string
	Post       bool
	Start, End record.Date
	StartEvent string // event IDs that caused the start or end, if visible
	EndEvent   string
}

type personData struct {
	Person      *record.Person
	Name        displayName
	Names       []record.Name
	Memberships []membershipView
	Events      []*eventView
	Pager       pager // the person's next events
}

type personJSON struct {
	Person      *record.Person      `json:"person"`
	Memberships []record.Membership `json:"memberships"`
	Events      []record.Event      `json:"events"`
	pager
}

// visibleEventID returns id when that event exists and may be shown.
func (h *handler) visibleEventID(lk *lookup, id string) (string, error) {
	if id == "" {
		return "", nil
	}
	e, err := h.st.Event(lk.ctx, id)
	if record.IsNotFound(err) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if !eventVisible(e) {
		return "", nil
	}
	return id, nil
}

// timeline orders memberships by start date, undated ones last, and
// resolves their names.
func (h *handler) timeline(lk *lookup, ms []record.Membership) ([]membershipView, []record.Membership, error) {
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i].Start, ms[j].Start
		if a.IsZero() != b.IsZero() {
			return !a.IsZero()
		}
		return a.Start().Before(b.Start())
	})
	var views []membershipView
	var kept []record.Membership
	for _, m := range ms {
		p, err := lk.person(m.PersonID)
		if err != nil {
			return nil, nil, err
		}
		if p == nil || !personPublic(p) {
			continue
		}
		o, err := lk.orgRef(m.OrgID, "")
		if err != nil {
			return nil, nil, err
		}
		mv := membershipView{Person: lk.named(p.ID, p.Names, "/people/"+p.ID), Org: o, Role: m.Role, Post: m.Post, Start: m.Start, End: m.End}
		if mv.StartEvent, err = h.visibleEventID(lk, m.StartEventID); err != nil {
			return nil, nil, err
		}
		if mv.EndEvent, err = h.visibleEventID(lk, m.EndEventID); err != nil {
			return nil, nil, err
		}
		views = append(views, mv)
		kept = append(kept, m)
	}
	return views, kept, nil
}

// personPage shows a public person: names in every script, memberships and
// posts over time, and the events they took part in. Private persons have
// no page.
func (h *handler) personPage(rq *req) (*page, error) {
	id, err := pathID(rq.Request)
	if err != nil {
		return nil, err
	}
	ctx := rq.Context()
	p, err := h.st.Person(ctx, id)
	if err != nil && !record.IsNotFound(err) {
		return nil, err
	}
	if err == nil && p.MergedInto != "" {
		// An editor merged this record into another: its ID leads there,
		// if the reader may see that one.
		if target, terr := h.st.Person(ctx, p.MergedInto); terr == nil && personPublic(target) && target.MergedInto == "" {
			return nil, &redirectError{URL: "/people/" + pathEscape(target.ID) + jsonSuffix(rq) + queryOf(rq)}
		}
		err = record.Errorf(record.ENotFound, "person %s was merged", id)
	}
	if err != nil || !personPublic(p) {
		// One answer for a missing and a private person, so the page does
		// not confirm that a private person is in the record.
		return nil, record.Wrap(record.ENotFound, err, "no person %s", id)
	}
	lk := h.lookupFor(ctx, rq)
	// The person is in every membership and event below: read once.
	lk.people[id] = p
	ms, err := h.st.Memberships(ctx, id, "")
	if err != nil {
		return nil, err
	}
	mviews, mkept, err := h.timeline(lk, ms)
	if err != nil {
		return nil, err
	}
	// The events a page at a time, newest first, like every list: a
	// person named in thousands of reports should not cost a phone on a
	// slow link (or the server) the whole list at once.
	after, err := afterParam(rq.Request)
	if err != nil {
		return nil, err
	}
	events, err := h.st.Events(ctx, store.EventFilter{PersonID: id, Statuses: publicStatuses, After: after, Limit: h.opts.PageSize + 1})
	if err != nil {
		return nil, err
	}
	events, pg := pageOf(events, h.opts.PageSize, func(e record.Event) string { return e.ID })
	pg = rq.nextPage(pg)
	ev, evJSON, err := lk.eventViews(events)
	if err != nil {
		return nil, err
	}
	name := rq.L.Name(p.Names)
	return &page{Template: "person", Title: name.Value, Nav: "people",
		Data: personData{Person: p, Name: name, Names: sortedNames(p.Names, rq.L.Lang), Memberships: mviews, Events: ev, Pager: pg},
		JSON: personJSON{Person: p, Memberships: nonNil(mkept), Events: nonNil(evJSON), pager: pg}}, nil
}

// sortedNames lists names with the reader's language first, then the other
// scripts, official names before variants.
func sortedNames(ns record.Names, lang string) []record.Name {
	out := append([]record.Name(nil), ns...)
	rank := func(n record.Name) int {
		r := 0
		if n.Lang != lang {
			r += 2
		}
		if n.Kind != record.NameOfficial && n.Kind != "" {
			r++
		}
		return r
	}
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i]) < rank(out[j]) })
	return out
}

func jsonSuffix(rq *req) string {
	if strings.HasSuffix(rq.URL.Path, ".json") {
		return ".json"
	}
	return ""
}

func queryOf(rq *req) string {
	if rq.URL.RawQuery == "" {
		return ""
	}
	return "?" + rq.URL.RawQuery
}

type peopleData struct {
	People []*ref
	Pager  pager
}

type peopleJSON struct {
	People []record.Person `json:"people"`
	pager
}

// peopleList lists people by ID, a page at a time: only those an editor has
// reviewed. The extractor cannot tell a public figure from a private
// person it read about, so its people have pages (a citation names them)
// but are not listed until an editor has looked.
func (h *handler) peopleList(rq *req) (*page, error) {
	after, err := afterParam(rq.Request)
	if err != nil {
		return nil, err
	}
	ctx := rq.Context()
	people, err := h.st.People(ctx, after, h.opts.PageSize+1)
	if err != nil {
		return nil, err
	}
	// The cursor is the store's last ID, listed or not, so that a page of
	// private people does not end the list.
	people, pg := pageOf(people, h.opts.PageSize, func(p record.Person) string { return p.ID })
	pg = rq.nextPage(pg)
	lk := h.lookupFor(ctx, rq)
	data := peopleData{Pager: pg}
	js := peopleJSON{People: []record.Person{}, pager: pg}
	for i := range people {
		p := &people[i]
		if !personListed(p) {
			continue
		}
		data.People = append(data.People, lk.named(p.ID, p.Names, "/people/"+p.ID))
		js.People = append(js.People, *p)
	}
	return &page{Template: "people", Title: rq.L.T("people.title"), Nav: "people", Data: data, JSON: js}, nil
}
