package web

import (
	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

const homeItems = 10

type homeData struct {
	Events    []*eventView
	Documents []docItem
}

type homeJSON struct {
	Events    []record.Event `json:"events"`
	Documents []docItem      `json:"documents"`
}

// home shows the latest events and the latest documents.
func (h *handler) home(rq *req) (*page, error) {
	ctx := rq.Context()
	lk := h.lookupFor(ctx, rq)
	events, err := h.st.Events(ctx, store.EventFilter{Statuses: publicStatuses, Limit: homeItems})
	if err != nil {
		return nil, err
	}
	ev, evJSON, err := lk.eventViews(events)
	if err != nil {
		return nil, err
	}
	docs, err := h.st.Documents(ctx, store.DocumentFilter{Limit: homeItems})
	if err != nil {
		return nil, err
	}
	items, err := lk.docItems(docs)
	if err != nil {
		return nil, err
	}
	return &page{
		Template: "home", Title: rq.L.T("home.title"), Nav: "home",
		Data: homeData{Events: ev, Documents: items},
		JSON: homeJSON{Events: nonNil(evJSON), Documents: items},
	}, nil
}

// nonNil makes empty lists encode as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
