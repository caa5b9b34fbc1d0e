package web

import (
	"bytes"
	"html/template"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"

	"github.com/kamnotra/kamnotra/internal/record"
)

type archiveData struct {
	Doc       *record.Document
	Available bool
	TextURL   string
	ViewURL   string
	HTML      bool // the capture is a web page, so the sanitised view exists
	// File is true for a capture that is not text (a PDF, an image): the
	// text link downloads it instead.
	File bool
}

type archiveJSON struct {
	DocumentID string            `json:"document_id"`
	Version    int               `json:"version"`
	SHA256     string            `json:"sha256"`
	Archive    record.ArchiveRef `json:"archive"`
	Available  bool              `json:"available"`
	TextURL    string            `json:"text_url,omitempty"`
	ViewURL    string            `json:"view_url,omitempty"`
}

// archivePage tells what was archived and offers the captured bytes as
// plain text and, for web pages, a sanitised view. Captured HTML is never
// served as the site's own.
func (h *handler) archivePage(rq *req) (*page, error) {
	id, err := pathID(rq.Request)
	if err != nil {
		return nil, err
	}
	d, err := h.st.Document(rq.Context(), id)
	if err != nil {
		return nil, err
	}
	base := "/documents/" + pathEscape(id) + "/archive"
	data := archiveData{Doc: d, Available: h.opts.Archive != nil && d.Archive.File != "",
		HTML: isHTML(d.ContentType), File: d.ContentType != "" && !textual(d.ContentType)}
	js := archiveJSON{DocumentID: d.ID, Version: d.Version, SHA256: d.SHA256, Archive: d.Archive, Available: data.Available}
	if data.Available {
		data.TextURL, js.TextURL = base+"/text", base+"/text"
		if data.HTML {
			data.ViewURL, js.ViewURL = base+"/view", base+"/view"
		}
	}
	return &page{Template: "archive", Title: rq.L.T("archive.title"), Nav: "documents", Data: data, JSON: js}, nil
}

func isHTML(contentType string) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// sandboxCSP makes a browser treat a response as from a unique origin with
// no script, no plugins and nothing fetched from anywhere.
const sandboxCSP = "sandbox; default-src 'none'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'"

// readArchive loads the archived response of the document in the path.
func (h *handler) readArchive(r *http.Request) (*record.Document, *ArchivedResponse, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, nil, err
	}
	d, err := h.st.Document(r.Context(), id)
	if err != nil {
		return nil, nil, err
	}
	if h.opts.Archive == nil {
		return nil, nil, statusError(http.StatusServiceUnavailable, "archive.unavailable")
	}
	resp, err := h.opts.Archive.ReadResponse(r.Context(), d.Archive)
	if err != nil {
		return nil, nil, err
	}
	return d, resp, nil
}

// archiveText serves the captured payload as plain text: whatever it holds,
// a browser shows it and runs nothing.
func (h *handler) archiveText(w http.ResponseWriter, r *http.Request) {
	_, resp, err := h.readArchive(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	hd := w.Header()
	hd.Set("Content-Security-Policy", sandboxCSP)
	if !textual(resp.ContentType) && !utf8.Valid(resp.Body) {
		// A PDF or an image: handed over as a file to save, never shown
		// as the site's own content.
		id, _ := pathID(r)
		hd.Set("Content-Type", "application/octet-stream")
		hd.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": id + extensionFor(resp.ContentType)}))
		hd.Set("Cache-Control", "public, max-age=3600")
		w.Write(resp.Body)
		return
	}
	charset := "utf-8"
	if _, params, err := mime.ParseMediaType(resp.ContentType); err == nil && params["charset"] != "" && !utf8.Valid(resp.Body) {
		charset = params["charset"]
	}
	hd.Set("Content-Type", "text/plain; charset="+charset)
	hd.Set("Content-Disposition", "inline")
	hd.Set("Cache-Control", "public, max-age=3600")
	w.Write(resp.Body)
}

// archivePolicy keeps the text, structure, links and tables of a captured
// page and nothing else: no scripts, styles, forms, frames or media. Images
// are dropped because loading them would tell the source site who reads
// the archive (the sandbox CSP blocks them as well).
var archivePolicy = func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowStandardURLs()
	p.AllowAttrs("href").OnElements("a")
	p.RequireNoFollowOnLinks(true)
	p.RequireNoReferrerOnLinks(true)
	p.AllowElements("article", "section", "header", "footer", "main", "aside", "nav", "div", "span",
		"h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code",
		"ul", "ol", "li", "dl", "dt", "dd", "strong", "em", "b", "i", "u", "small", "sub", "sup",
		"abbr", "cite", "q", "time", "figure", "figcaption",
		"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td")
	p.AllowAttrs("lang", "dir", "title").Globally()
	p.AllowAttrs("colspan", "rowspan").Matching(bluemonday.Integer).OnElements("td", "th")
	p.SkipElementsContent("script", "style", "noscript", "template", "svg", "math", "video", "audio", "object", "iframe")
	return p
}()

// archiveView serves a captured web page sanitised, inside a sandbox CSP,
// with a banner saying what it is.
func (h *handler) archiveView(w http.ResponseWriter, r *http.Request) {
	d, resp, err := h.readArchive(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !isHTML(resp.ContentType) && !isHTML(d.ContentType) {
		h.fail(w, r, record.Errorf(record.ENotFound, "this capture is not a web page; open it as text instead"))
		return
	}
	rq := h.newReq(w, r)
	body := resp.Body
	if !utf8.Valid(body) {
		body = bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	clean := archivePolicy.SanitizeBytes(body)
	var out bytes.Buffer
	err = archiveViewTmpl.Execute(&out, map[string]any{
		"Lang":   rq.L.Lang,
		"Banner": rq.L.TF("archive.banner", "url", resp.TargetURI, "time", rq.L.Time(d.FetchedAt)),
		"Body":   template.HTML(clean), // sanitised by archivePolicy above
	})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Content-Security-Policy", sandboxCSP)
	hd.Set("Cache-Control", "public, max-age=3600")
	w.Write(out.Bytes())
}

// The sanitised view stands alone: it has no stylesheet, since the sandbox
// gives it an opaque origin and it may load nothing.
var archiveViewTmpl = template.Must(template.New("view").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>{{.Banner}}</title></head>
<body><p role="note"><strong>{{.Banner}}</strong></p><hr>
{{.Body}}
</body></html>`))

func pathEscape(s string) string { return url.PathEscape(s) }

// textual reports whether a captured content type is text a reader can
// read as plain text: text/*, and the XML and JSON families.
func textual(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return strings.HasPrefix(mt, "text/") || strings.HasSuffix(mt, "+xml") || strings.HasSuffix(mt, "/xml") ||
		strings.HasSuffix(mt, "/json") || strings.HasSuffix(mt, "+json") || mt == "application/xhtml+xml"
}

// extensionFor names a downloaded capture after its type: ".pdf".
func extensionFor(contentType string) string {
	mt, _, _ := mime.ParseMediaType(contentType)
	if exts, _ := mime.ExtensionsByType(mt); len(exts) > 0 {
		return exts[0]
	}
	return ".bin"
}
