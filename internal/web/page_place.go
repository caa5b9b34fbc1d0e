package web

import (
	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

type placeData struct {
	Place  *record.Place
	Name   displayName
	Names  []record.Name
	Parent *ref
	Events []*eventView
}

type placeJSON struct {
	Place  *record.Place  `json:"place"`
	Events []record.Event `json:"events"`
}

// placePage shows a province, district or commune and the events in it or
// in any place inside it.
func (h *handler) placePage(rq *req) (*page, error) {
	id, err := pathID(rq.Request)
	if err != nil {
		return nil, err
	}
	ctx := rq.Context()
	p, err := h.st.Place(ctx, id)
	if err != nil {
		return nil, err
	}
	lk := h.lookupFor(ctx, rq)
	var parent *ref
	if p.ParentID != "" {
		if pp, err := lk.place(p.ParentID); err != nil {
			return nil, err
		} else if pp != nil {
			parent = lk.named(pp.ID, pp.Names, "/places/"+pp.ID)
		}
	}
	events, err := h.st.Events(ctx, store.EventFilter{PlaceID: id, Statuses: publicStatuses, Limit: 200})
	if err != nil {
		return nil, err
	}
	ev, evJSON, err := lk.eventViews(events)
	if err != nil {
		return nil, err
	}
	name := rq.L.Name(p.Names)
	return &page{Template: "place", Title: name.Value, Nav: "events",
		Data: placeData{Place: p, Name: name, Names: sortedNames(p.Names, rq.L.Lang), Parent: parent, Events: ev},
		JSON: placeJSON{Place: p, Events: nonNil(evJSON)}}, nil
}
