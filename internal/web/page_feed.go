package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"net/http"
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
func (h *handler) eventFeed(w http.ResponseWriter, r *http.Request) {
	rq := h.newReq(w, r)
	ctx := r.Context()
	events, err := h.st.Events(ctx, store.EventFilter{Statuses: publicStatuses, Limit: feedItems})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	lk := newLookup(ctx, h.st, rq.L)
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
	feed := atomFeed{
		Lang: l.Lang, ID: base + "/events.atom", Title: l.T("site.name") + " · " + l.T("feed.events"),
		Author: atomAuthor{Name: l.T("site.name")},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: base + "/events.atom?lang=" + l.Lang},
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
