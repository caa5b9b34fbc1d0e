package web

import (
	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

type outletListData struct {
	Outlets []outletItem
}

type outletItem struct {
	Ref  *ref
	Kind record.OutletKind
}

// outletList lists who publishes, by kind.
func (h *handler) outletList(rq *req) (*page, error) {
	ctx := rq.Context()
	outlets, err := h.st.Outlets(ctx)
	if err != nil {
		return nil, err
	}
	lk := h.lookupFor(ctx, rq)
	var data outletListData
	for _, k := range record.OutletKinds {
		for _, o := range outlets {
			if o.Kind == k || (k == record.OutletUnknown && !knownOutletKind(o.Kind)) {
				data.Outlets = append(data.Outlets, outletItem{Ref: lk.named(o.ID, o.Names, "/outlets/"+o.ID), Kind: o.Kind})
			}
		}
	}
	return &page{Template: "outlets", Title: rq.L.T("outlets.title"), Nav: "outlets", Data: data,
		JSON: map[string]any{"outlets": nonNil(outlets)}}, nil
}

func knownOutletKind(k record.OutletKind) bool {
	for _, x := range record.OutletKinds {
		if x == k && k != record.OutletUnknown {
			return true
		}
	}
	return false
}

type outletData struct {
	Outlet    *record.Outlet
	Name      displayName
	Names     []record.Name
	Documents []docItem
	Pager     pager
}

type outletJSON struct {
	Outlet    *record.Outlet `json:"outlet"`
	Documents []docItem      `json:"documents"`
	pager
}

// outletPage shows an outlet and its documents, a page at a time.
func (h *handler) outletPage(rq *req) (*page, error) {
	id, err := pathID(rq.Request)
	if err != nil {
		return nil, err
	}
	after, err := afterParam(rq.Request)
	if err != nil {
		return nil, err
	}
	ctx := rq.Context()
	o, err := h.st.Outlet(ctx, id)
	if err != nil {
		return nil, err
	}
	docs, err := h.st.Documents(ctx, store.DocumentFilter{OutletID: id, After: after, Limit: h.opts.PageSize + 1})
	if err != nil {
		return nil, err
	}
	docs, pg := pageOf(docs, h.opts.PageSize, func(d record.Document) string { return d.ID })
	pg = rq.nextPage(pg)
	lk := h.lookupFor(ctx, rq)
	items, err := lk.docItems(docs)
	if err != nil {
		return nil, err
	}
	name := rq.L.Name(o.Names)
	return &page{Template: "outlet", Title: name.Value, Nav: "outlets",
		Data: outletData{Outlet: o, Name: name, Names: sortedNames(o.Names, rq.L.Lang), Documents: items, Pager: pg},
		JSON: outletJSON{Outlet: o, Documents: nonNil(items), pager: pg}}, nil
}
