package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

// feedItems is how many of the latest events the Atom feed carries.
const feedItems = 50

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel      string `xml:"rel,attr,omitempty"`
	Type     string `xml:"type,attr,omitempty"`
	Href     string `xml:"href,attr"`
	HrefLang string `xml:"hreflang,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Summary atomText `xml:"summary"`
}

// baseURL is the site's absolute URL for feeds: Options.BaseURL, else the
// host the reader asked for.
func (h *handler) baseURL(r *http.Request) string {
	if h.opts.BaseURL != "" {
		return strings.TrimSuffix(h.opts.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// eventFeed serves the latest visible events as Atom in the reader's
// language, with the same visibility rules as the pages.
//
// One of ?person=ID, ?party=ID (any organisation) or ?outlet=ID narrows
// it to that person's events, the events an organisation was part of, or
// the events an outlet's documents report: what a reporter follows.
// A person who is private or not public has no feed.
func (h *handler) eventFeed(w http.ResponseWriter, r *http.Request) {
	rq := h.newReq(w, r)
	ctx := r.Context()
	lk := h.lookupFor(ctx, rq)
	f := store.EventFilter{Statuses: publicStatuses, Limit: feedItems}
	scope, scopeQuery, err := h.feedScope(lk, r, &f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	events, err := h.st.Events(ctx, f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	views, _, err := lk.eventViews(events)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	byID := map[string]*record.Event{}
	for i := range events {
		byID[events[i].ID] = &events[i]
	}
	base := h.baseURL(r)
	l := rq.L
	title := l.T("site.name") + " · " + l.T("feed.events")
	id, self := base+"/events.atom", base+"/events.atom?lang="+l.Lang
	if scope != "" {
		title += " · " + scope
		id, self = base+"/events.atom?"+scopeQuery, base+"/events.atom?"+scopeQuery+"&lang="+l.Lang
	}
	feed := atomFeed{
		Lang: l.Lang, ID: id, Title: title,
		Author: atomAuthor{Name: l.T("site.name")},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: self},
			{Rel: "alternate", Type: "text/html", Href: base + "/events?lang=" + l.Lang, HrefLang: l.Lang},
		},
	}
	var newest time.Time
	for _, v := range views {
		e := byID[v.ID]
		updated := e.UpdatedAt
		if updated.IsZero() {
			updated = e.CreatedAt
		}
		if updated.After(newest) {
			newest = updated
		}
		feed.Entries = append(feed.Entries, atomEntry{
			// The ID does not carry the language: it is one event in two
			// languages, not two entries.
			ID:      base + "/events/" + pathEscape(v.ID),
			Title:   eventHeadline(l, v),
			Updated: atomTime(updated),
			Link:    atomLink{Rel: "alternate", Type: "text/html", Href: base + "/events/" + pathEscape(v.ID) + "?lang=" + l.Lang},
			Summary: atomText{Type: "text", Body: eventSummary(l, v)},
		})
	}
	feed.Updated = atomTime(newest)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	if err := enc.Encode(feed); err != nil {
		h.fail(w, r, err)
		return
	}
	body := buf.Bytes()
	hd := w.Header()
	hd.Set("Content-Type", "application/atom+xml; charset=utf-8")
	hd.Set("Vary", "Accept-Language, Cookie")
	hd.Set("Cache-Control", "public, max-age=300")
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:12]) + `"`
	hd.Set("ETag", etag)
	if etagMatch(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// feedScope narrows f to the person, party or outlet the request names,
// returning the name to title the feed with and the query that names it.
func (h *handler) feedScope(lk *lookup, r *http.Request, f *store.EventFilter) (name, query string, err error) {
	q := r.URL.Query()
	var given []string
	for _, k := range []string{"person", "party", "outlet"} {
		if q.Has(k) {
			given = append(given, k)
		}
	}
	switch {
	case len(given) == 0:
		return "", "", nil
	case len(given) > 1:
		return "", "", record.Errorf(record.EInvalid, "a feed follows one person, party or outlet: drop all but one of %s", strings.Join(given, ", "))
	}
	key := given[0]
	id := q.Get(key)
	if id == "" || len(id) > 200 {
		return "", "", record.Errorf(record.EInvalid, "%s= needs an ID, as in the address of its page", key)
	}
	query = key + "=" + url.QueryEscape(id)
	switch key {
	case "person":
		p, err := lk.person(id)
		if err != nil {
			return "", "", err
		}
		if p != nil && p.MergedInto != "" {
			if p, err = lk.person(p.MergedInto); err != nil {
				return "", "", err
			}
		}
		if p == nil || !personPublic(p) {
			return "", "", record.Errorf(record.ENotFound, "no person %s", id)
		}
		f.PersonID = p.ID
		return lk.l.Name(p.Names).Value, "person=" + url.QueryEscape(p.ID), nil
	case "party":
		o, err := lk.org(id)
		if err != nil {
			return "", "", err
		}
		if o == nil || !orgVisible(o) {
			return "", "", record.Errorf(record.ENotFound, "no organisation %s", id)
		}
		f.OrgID = o.ID
		return lk.l.Name(o.Names).Value, query, nil
	default:
		o, err := lk.outlet(id)
		if err != nil {
			return "", "", err
		}
		if o == nil {
			return "", "", record.Errorf(record.ENotFound, "no outlet %s", id)
		}
		f.OutletID = o.ID
		return lk.l.Name(o.Names).Value, query, nil
	}
}

func atomTime(t time.Time) string {
	if t.IsZero() {
		t = time.Unix(0, 0)
	}
	return t.UTC().Format(time.RFC3339)
}

// eventHeadline is "Arrest, 5 March 2024: Sok Vannarith", as a list line
// would say it.
func eventHeadline(l *locale, v *eventView) string {
	s := l.T("event.type." + string(v.Type))
	if !v.Date.IsZero() {
		s += l.T("list.sep") + l.Date(v.Date)
	}
	var who []string
	for _, p := range v.Subjects() {
		who = append(who, p.Who.Name.Value)
	}
	if len(who) > 0 {
		s += l.T("feed.colon") + strings.Join(who, l.T("list.sep"))
	}
	return s
}

// eventSummary says how many, from where to where, where, and whether an
// editor has looked at it.
func eventSummary(l *locale, v *eventView) string {
	var parts []string
	if v.Count != nil {
		q := v.Qualifier
		if q == "" {
			q = record.CountExact
		}
		parts = append(parts, l.T("event.count")+l.T("feed.colon")+l.TF("count."+string(q), "n", *v.Count))
	}
	if v.From != nil {
		parts = append(parts, l.T("event.from_org")+l.T("feed.colon")+v.From.Name.Value)
	}
	if v.To != nil {
		parts = append(parts, l.T("event.to_org")+l.T("feed.colon")+v.To.Name.Value)
	}
	if v.Place != nil {
		parts = append(parts, l.T("event.where")+l.T("feed.colon")+v.Place.Name.Value)
	}
	parts = append(parts, l.T("event.status")+l.T("feed.colon")+l.T("status."+string(v.Status)))
	return strings.Join(parts, "\n")
}
