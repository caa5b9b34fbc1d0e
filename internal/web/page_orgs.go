package web

import (
	"sort"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

type orgItem struct {
	Ref  *ref
	Kind record.OrgKind
}

type orgListData struct {
	Groups []orgGroup
}

type orgGroup struct {
	Kind record.OrgKind
	Orgs []orgItem
}

// orgList lists organisations grouped by kind, sorted by name in the
// reader's language.
func (h *handler) orgList(rq *req) (*page, error) {
	ctx := rq.Context()
	orgs, err := h.st.Organisations(ctx)
	if err != nil {
		return nil, err
	}
	lk := h.lookupFor(ctx, rq)
	byKind := map[record.OrgKind][]orgItem{}
	var visible []record.Organisation
	for i := range orgs {
		o := &orgs[i]
		if !orgVisible(o) {
			continue
		}
		visible = append(visible, *o)
		byKind[o.Kind] = append(byKind[o.Kind], orgItem{Ref: lk.named(o.ID, o.Names, "/organisations/"+o.ID), Kind: o.Kind})
	}
	var data orgListData
	for _, k := range orgKindOrder {
		items := byKind[k]
		if len(items) == 0 {
			continue
		}
		sort.SliceStable(items, func(i, j int) bool { return items[i].Ref.Name.Value < items[j].Ref.Name.Value })
		data.Groups = append(data.Groups, orgGroup{Kind: k, Orgs: items})
		delete(byKind, k)
	}
	for k, items := range byKind { // kinds added to record after this list
		data.Groups = append(data.Groups, orgGroup{Kind: k, Orgs: items})
	}
	return &page{Template: "organisations", Title: rq.L.T("orgs.title"), Nav: "organisations", Data: data,
		JSON: map[string]any{"organisations": nonNil(visible)}}, nil
}

var orgKindOrder = []record.OrgKind{record.OrgParty, record.OrgBody, record.OrgMinistry, record.OrgCourt,
	record.OrgProvince, record.OrgForeign, record.OrgNGO, record.OrgMedia, record.OrgCompany, record.OrgUnknown}

type orgData struct {
	Org     *record.Organisation
	Name    displayName
	Names   []record.Name
	Members []membershipView
	Events  []*eventView
	// Flow is people joining and leaving per month.
	Flow *monthChart
}

type orgJSON struct {
	Organisation *record.Organisation `json:"organisation"`
	Memberships  []record.Membership  `json:"memberships"`
	Events       []record.Event       `json:"events"`
}

// orgPage shows an organisation, its public members and posts, and its
// events.
func (h *handler) orgPage(rq *req) (*page, error) {
	id, err := pathID(rq.Request)
	if err != nil {
		return nil, err
	}
	ctx := rq.Context()
	o, err := h.st.Organisation(ctx, id)
	if err != nil {
		return nil, err
	}
	if !orgVisible(o) {
		return nil, record.Errorf(record.ENotFound, "no organisation %s", id)
	}
	lk := h.lookupFor(ctx, rq)
	ms, err := h.st.Memberships(ctx, "", id)
	if err != nil {
		return nil, err
	}
	mviews, mkept, err := h.timeline(lk, ms)
	if err != nil {
		return nil, err
	}
	events, err := h.st.Events(ctx, store.EventFilter{OrgID: id, Statuses: publicStatuses, Limit: 200})
	if err != nil {
		return nil, err
	}
	ev, evJSON, err := lk.eventViews(events)
	if err != nil {
		return nil, err
	}
	flow, err := h.orgFlow(rq, id)
	if err != nil {
		return nil, err
	}
	name := rq.L.Name(o.Names)
	return &page{Template: "organisation", Title: name.Value, Nav: "organisations",
		Data: orgData{Org: o, Name: name, Names: sortedNames(o.Names, rq.L.Lang), Members: mviews, Events: ev, Flow: flow},
		JSON: orgJSON{Organisation: o, Memberships: nonNil(mkept), Events: nonNil(evJSON)}}, nil
}

// maxFlowEvents bounds the events the flow chart reads, newest pages
// being no more important than old ones for a party's history.
const maxFlowEvents = 5000

// orgFlow charts the people who joined the organisation (events to it) and
// left it (events from it) per month: the count the event records, else
// the people it names. Events dated only to the year are left out.
func (h *handler) orgFlow(rq *req, id string) (*monthChart, error) {
	l := rq.L
	flow := newMonthData([]chartSeries{
		{Class: "joins", Name: displayName{Value: l.T("org.flow.joins"), Lang: l.Lang}},
		{Class: "departures", Name: displayName{Value: l.T("org.flow.departures"), Lang: l.Lang}}})
	after := ""
	for read := 0; read < maxFlowEvents; {
		evs, err := h.st.Events(rq.Context(), store.EventFilter{OrgID: id, Statuses: publicStatuses, After: after, Limit: 500})
		if err != nil {
			return nil, err
		}
		for i := range evs {
			e := &evs[i]
			k := monthKey(e.Date)
			if k == "" || !eventVisible(e) {
				continue
			}
			n := peopleIn(e)
			if e.ToOrgID == id {
				flow.add(k, 0, n)
			}
			if e.FromOrgID == id {
				flow.add(k, 1, n)
			}
		}
		read += len(evs)
		if len(evs) < 500 {
			break
		}
		after = evs[len(evs)-1].ID
	}
	return flow.chart(l, "chart-flow", l.T("org.flow"), l.T("org.flow.desc"), false), nil
}

// peopleIn is how many people an event concerns: its count, else its
// named subjects.
func peopleIn(e *record.Event) int64 {
	if e.Count != nil {
		return *e.Count
	}
	var n int64
	for _, p := range e.Participants {
		if p.Role == record.ParticipantSubject {
			n++
		}
	}
	return n
}
