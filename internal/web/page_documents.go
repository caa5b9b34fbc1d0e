package web

import (
	"strconv"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

type docListData struct {
	Documents []docItem
	Pager     pager
}

type docListJSON struct {
	Documents []docItem `json:"documents"`
	pager
}

// documentList lists captured documents, a page at a time.
func (h *handler) documentList(rq *req) (*page, error) {
	after, err := afterParam(rq.Request)
	if err != nil {
		return nil, err
	}
	ctx := rq.Context()
	docs, err := h.st.Documents(ctx, store.DocumentFilter{After: after, Limit: h.opts.PageSize + 1})
	if err != nil {
		return nil, err
	}
	docs, pg := pageOf(docs, h.opts.PageSize, func(d record.Document) string { return d.ID })
	pg = rq.nextPage(pg)
	items, err := h.lookupFor(ctx, rq).docItems(docs)
	if err != nil {
		return nil, err
	}
	return &page{Template: "documents", Title: rq.L.T("documents.title"), Nav: "documents",
		Data: docListData{Documents: items, Pager: pg},
		JSON: docListJSON{Documents: nonNil(items), pager: pg}}, nil
}

// docCitation is a citation as the document page lists it.
type docCitation struct {
	ID      string
	Event   *eventView
	Version int
	Shown   bool // its span is in the version on screen
	Link    string
}

type documentData struct {
	Doc      *record.Document
	Outlet   *ref
	Version  int
	Text     string
	Segments []segment
	Versions []record.DocumentVersion
	// Citations of visible events, in the order the store gives them.
	Citations []docCitation
	Current   string
}

type documentJSON struct {
	Document  record.Document   `json:"document"`
	Versions  []versionJSON     `json:"versions"`
	Citations []record.Citation `json:"citations"`
}

type versionJSON struct {
	Version   int    `json:"version"`
	SHA256    string `json:"sha256"`
	FetchedAt string `json:"fetched_at"`
}

// versionParam reads ?v=, the document version to show; 0 means the latest.
func versionParam(rq *req) (int, error) {
	s := rq.URL.Query().Get("v")
	if s == "" {
		return 0, nil
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 1 {
		return 0, record.Errorf(record.EInvalid, "v= must be a document version number (1, 2, …)")
	}
	return v, nil
}

// documentPage shows a document's metadata and text, with the evidence
// spans of its citations highlighted; ?cite= marks the one the reader came
// for, ?v= shows an earlier version.
func (h *handler) documentPage(rq *req) (*page, error) {
	id, err := pathID(rq.Request)
	if err != nil {
		return nil, err
	}
	want, err := versionParam(rq)
	if err != nil {
		return nil, err
	}
	ctx := rq.Context()
	d, err := h.st.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	versions, err := h.st.DocumentVersions(ctx, id)
	if err != nil {
		return nil, err
	}
	shown := *d
	if want != 0 && want != d.Version {
		found := false
		for _, v := range versions {
			if v.Version == want {
				shown.Version, shown.Text, shown.SHA256, shown.Size, shown.FetchedAt, shown.Archive = v.Version, v.Text, v.SHA256, v.Size, v.FetchedAt, v.Archive
				if v.Title != "" {
					shown.Title = v.Title
				}
				found = true
				break
			}
		}
		if !found {
			return nil, record.Errorf(record.ENotFound, "document %s has no version %d", id, want)
		}
	}
	lk := h.lookupFor(ctx, rq)
	outlet, err := lk.outletRef(d.OutletID)
	if err != nil {
		return nil, err
	}
	cits, err := h.st.DocumentCitations(ctx, id)
	if err != nil {
		return nil, err
	}
	data := documentData{Doc: &shown, Outlet: outlet, Version: shown.Version, Text: shown.Text, Versions: versions,
		Current: rq.URL.Query().Get("cite")}
	js := documentJSON{Document: shown, Citations: []record.Citation{}, Versions: []versionJSON{}}
	for _, v := range versions {
		js.Versions = append(js.Versions, versionJSON{Version: v.Version, SHA256: v.SHA256, FetchedAt: v.FetchedAt.UTC().Format("2006-01-02T15:04:05Z")})
	}
	var marks []mark
	for i := range cits {
		c := &cits[i]
		e, err := h.st.Event(ctx, c.EventID)
		if record.IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if !eventVisible(e) {
			continue
		}
		ev, err := lk.eventView(e)
		if err != nil {
			return nil, err
		}
		dc := docCitation{ID: c.ID, Event: ev, Version: c.DocumentVersion, Shown: c.DocumentVersion == shown.Version, Link: citeLink(c)}
		if dc.Shown {
			marks = append(marks, mark{ID: c.ID, Span: c.Span})
		}
		data.Citations = append(data.Citations, dc)
		js.Citations = append(js.Citations, *c)
	}
	segs, bad := highlight(shown.Text, marks, data.Current)
	if len(bad) > 0 {
		h.log.Warn("citation spans do not fit their document's text", "document", id, "version", shown.Version, "citations", bad)
	}
	data.Segments = segs
	title := shown.Title
	if title == "" {
		title = rq.L.T("document.untitled")
	}
	return &page{Template: "document", Title: title, Nav: "documents", Data: data, JSON: js}, nil
}
