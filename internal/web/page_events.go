package web

import (
	"net/url"
	"slices"
	"strconv"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

type eventListData struct {
	Events []*eventView
	Pager  pager
	Type   record.EventType // the type filtered on, if any
	Types  []record.EventType
}

type eventListJSON struct {
	Events []record.Event `json:"events"`
	pager
}

// eventList lists the visible events, a page at a time.
func (h *handler) eventList(rq *req) (*page, error) {
	after, err := afterParam(rq.Request)
	if err != nil {
		return nil, err
	}
	f := store.EventFilter{Statuses: publicStatuses, After: after, Limit: h.opts.PageSize + 1}
	typ := record.EventType(rq.URL.Query().Get("type"))
	if typ != "" {
		if !slices.Contains(record.EventTypes, typ) {
			return nil, record.Errorf(record.EInvalid, "type=%q is not an event type", trimForMessage(string(typ)))
		}
		f.Types = []record.EventType{typ}
	}
	ctx := rq.Context()
	events, err := h.st.Events(ctx, f)
	if err != nil {
		return nil, err
	}
	events, pg := pageOf(events, h.opts.PageSize, func(e record.Event) string { return e.ID })
	pg = rq.nextPage(pg)
	views, js, err := h.lookupFor(ctx, rq).eventViews(events)
	if err != nil {
		return nil, err
	}
	return &page{Template: "events", Title: rq.L.T("events.title"), Nav: "events",
		Data: eventListData{Events: views, Pager: pg, Type: typ, Types: record.EventTypes},
		JSON: eventListJSON{Events: nonNil(js), pager: pg}}, nil
}

// citationView is one report of an event as the event page lists it.
type citationView struct {
	ID           string
	Doc          *docItem
	Count        *int64
	Qualifier    record.CountQualifier
	Evidence     string
	EvidenceLang string
	Claimant     string
	Stance       record.Stance
	Machine      bool
	// Link opens the document at this citation's highlighted span.
	Link string
}

type citationJSON struct {
	record.Citation
	Document *docItem `json:"document,omitempty"`
}

type eventData struct {
	Event     *eventView
	Citations []citationView
}

type eventJSON struct {
	Event     record.Event   `json:"event"`
	Citations []citationJSON `json:"citations"`
}

// citeLink is the document page with the citation's span highlighted and
// scrolled to.
func citeLink(c *record.Citation) string {
	q := url.Values{"cite": {c.ID}, "v": {strconv.Itoa(c.DocumentVersion)}}
	return "/documents/" + url.PathEscape(c.DocumentID) + "?" + q.Encode() + "#c-" + url.PathEscape(c.ID)
}

// eventPage shows what happened, who, where and when, and every report of
// it with the sentence that says so.
func (h *handler) eventPage(rq *req) (*page, error) {
	id, err := pathID(rq.Request)
	if err != nil {
		return nil, err
	}
	ctx := rq.Context()
	e, err := h.st.Event(ctx, id)
	if err != nil {
		return nil, err
	}
	if !eventVisible(e) {
		return nil, record.Errorf(record.ENotFound, "no event %s", id)
	}
	lk := h.lookupFor(ctx, rq)
	ev, err := lk.eventView(e)
	if err != nil {
		return nil, err
	}
	pub, err := lk.publicEvent(e, false)
	if err != nil {
		return nil, err
	}
	cits, err := h.st.Citations(ctx, id)
	if err != nil {
		return nil, err
	}
	data := eventData{Event: ev}
	js := eventJSON{Event: pub, Citations: []citationJSON{}}
	for i := range cits {
		c := &cits[i]
		cv := citationView{ID: c.ID, Count: c.ClaimedCount, Qualifier: c.CountQualifier, Evidence: c.Evidence,
			Claimant: c.Claimant, Stance: c.Stance, Machine: c.MachineExtracted(), Link: citeLink(c)}
		d, err := lk.doc(c.DocumentID)
		if err != nil {
			return nil, err
		}
		if d != nil {
			items, err := lk.docItems([]record.Document{*d})
			if err != nil {
				return nil, err
			}
			cv.Doc = &items[0]
			cv.EvidenceLang = d.Lang
		}
		data.Citations = append(data.Citations, cv)
		js.Citations = append(js.Citations, citationJSON{Citation: *c, Document: cv.Doc})
	}
	title := rq.L.T("event.type." + string(e.Type))
	if !e.Date.IsZero() {
		title += rq.L.T("list.sep") + rq.L.Date(e.Date)
	}
	return &page{Template: "event", Title: title, Nav: "events", Data: data, JSON: js}, nil
}
