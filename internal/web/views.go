package web

import (
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
)

// eventView is an event as pages show it: every reference resolved to a
// name in the reader's language.
type eventView struct {
	ID           string
	Type         record.EventType
	Date         record.Date
	Place        *ref
	Count        *int64
	Qualifier    record.CountQualifier
	From, To     *ref
	Participants []participantView
	RoleClass    record.RoleClass
	Grade        record.EvidenceGrade
	Status       record.Status
}

type participantView struct {
	Role string
	Who  *ref
}

// Machine reports whether no editor has looked at the event yet.
func (e *eventView) Machine() bool { return e.Status == record.StatusExtracted }

// Subjects are the participants the event happened to, as lists show
// them: without private persons, whom only the event page names.
func (e *eventView) Subjects() []participantView {
	var out []participantView
	for _, p := range e.Participants {
		if p.Role == record.ParticipantSubject && !p.Who.Private {
			out = append(out, p)
		}
	}
	return out
}

func (lk *lookup) eventView(e *record.Event) (*eventView, error) {
	v := &eventView{ID: e.ID, Type: e.Type, Date: e.Date, Count: e.Count, Qualifier: e.CountQualifier,
		RoleClass: e.RoleClass, Grade: e.EvidenceGrade, Status: e.Status}
	var err error
	if v.Place, err = lk.placeRef(e.PlaceID); err != nil {
		return nil, err
	}
	if v.From, err = lk.orgRef(e.FromOrgID, ""); err != nil {
		return nil, err
	}
	if v.To, err = lk.orgRef(e.ToOrgID, ""); err != nil {
		return nil, err
	}
	for _, p := range e.Participants {
		var who *ref
		switch {
		case p.PersonID != "":
			who, err = lk.personRef(p.PersonID, p.Mention)
		case p.OrgID != "":
			who, err = lk.orgRef(p.OrgID, p.Mention)
		case p.Mention != "":
			who = &ref{Name: displayName{Value: p.Mention}, Text: p.Mention}
		}
		if err != nil {
			return nil, err
		}
		if who != nil {
			v.Participants = append(v.Participants, participantView{Role: p.Role, Who: who})
		}
	}
	return v, nil
}

// publicEvent is the event as JSON shows it: a private person's ID is
// replaced by their name, as the event page shows them, or in a list left
// out altogether. Participants are copied field by field, so that whatever
// the record adds for editors (candidate links, say) stays out of public
// JSON until this function lets it in.
func (lk *lookup) publicEvent(e *record.Event, inList bool) (record.Event, error) {
	out := *e
	out.Participants = nil
	for _, p := range e.Participants {
		pub := record.Participant{Role: p.Role, PersonID: p.PersonID, OrgID: p.OrgID, Mention: p.Mention}
		if p.PersonID != "" {
			r, err := lk.personRef(p.PersonID, p.Mention)
			if err != nil {
				return out, err
			}
			if r == nil || (r.Private && inList) {
				continue
			}
			if r.ID == "" {
				pub.PersonID, pub.Mention = "", r.Text
			}
		}
		out.Participants = append(out.Participants, pub)
	}
	return out, nil
}

// eventViews resolves a list of events, leaving out those readers may not
// see in case a store filter let one through.
func (lk *lookup) eventViews(events []record.Event) ([]*eventView, []record.Event, error) {
	var views []*eventView
	var js []record.Event
	for i := range events {
		if !eventVisible(&events[i]) {
			continue
		}
		v, err := lk.eventView(&events[i])
		if err != nil {
			return nil, nil, err
		}
		pe, err := lk.publicEvent(&events[i], true)
		if err != nil {
			return nil, nil, err
		}
		views = append(views, v)
		js = append(js, pe)
	}
	return views, js, nil
}

// docItem is a document in a list.
type docItem struct {
	ID          string      `json:"id"`
	Title       string      `json:"title"`
	Lang        string      `json:"lang,omitempty"`
	URL         string      `json:"url"`
	OutletID    string      `json:"outlet_id,omitempty"`
	Outlet      *ref        `json:"-"`
	Published   record.Date `json:"published,omitzero"`
	PublishedAt time.Time   `json:"published_at,omitzero"`
	FetchedAt   time.Time   `json:"fetched_at"`
}

func (lk *lookup) docItems(docs []record.Document) ([]docItem, error) {
	out := make([]docItem, 0, len(docs))
	for _, d := range docs {
		o, err := lk.outletRef(d.OutletID)
		if err != nil {
			return nil, err
		}
		out = append(out, docItem{ID: d.ID, Title: d.Title, Lang: d.Lang, URL: d.URL, OutletID: d.OutletID, Outlet: o,
			Published: d.Published, PublishedAt: d.PublishedAt, FetchedAt: d.FetchedAt})
	}
	return out, nil
}

// pager is keyset pagination: Next is the ?after= of the next page.
type pager struct {
	Next string `json:"next,omitempty"`
	Href string `json:"-"` // this page's URL with after=Next
}

// nextPage sets the link to the page after this one, keeping the other
// query parameters (q=, lang=).
func (rq *req) nextPage(pg pager) pager {
	if pg.Next == "" {
		return pg
	}
	q := rq.URL.Query()
	q.Set("after", pg.Next)
	pg.Href = "?" + q.Encode()
	return pg
}

// pageOf cuts a list fetched with limit+1 to the page and its cursor.
func pageOf[T any](items []T, limit int, id func(T) string) ([]T, pager) {
	if len(items) > limit {
		items = items[:limit]
		return items, pager{Next: id(items[len(items)-1])}
	}
	return items, pager{}
}
