package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
)

//go:embed templates/*.html static/* i18n/*.json api/openapi.json
var embedded embed.FS

// ui is the parsed templates of every language and the static assets under
// their content-hashed names.
type ui struct {
	cats   map[string]catalogue
	pages  map[string]map[string]*template.Template // lang → page → template
	static map[string]staticFile                    // hashed name → file
	urls   map[string]string                        // plain name → /static/hashed name
}

type staticFile struct {
	body  []byte
	ctype string
}

// sourceDir is this package's directory in the source tree, where Dev mode
// reads templates and assets from.
func sourceDir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return ""
	}
	return filepath.Dir(file)
}

func loadUI(dev bool) (*ui, error) {
	var fsys fs.FS = embedded
	if dev {
		if dir := sourceDir(); dir != "" {
			if _, err := os.Stat(filepath.Join(dir, "templates")); err == nil {
				fsys = os.DirFS(dir)
			}
		}
	}
	cats, err := loadCatalogues(fsys)
	if err != nil {
		return nil, err
	}
	u := &ui{cats: cats, pages: map[string]map[string]*template.Template{}, static: map[string]staticFile{}, urls: map[string]string{}}
	statics, err := fs.Glob(fsys, "static/*")
	if err != nil {
		return nil, err
	}
	for _, p := range statics {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		name := path.Base(p)
		sum := sha256.Sum256(b)
		ext := path.Ext(name)
		hashed := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:6]) + ext
		ctype := mime.TypeByExtension(ext)
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		u.static[hashed] = staticFile{body: b, ctype: ctype}
		u.urls[name] = "/static/" + hashed
	}
	pageFiles, err := fs.Glob(fsys, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, lang := range langs {
		loc := &locale{Lang: lang, cat: cats[lang]}
		base, err := template.New("layout.html").Funcs(u.funcs(loc)).ParseFS(fsys, "templates/layout.html", "templates/partials.html")
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		u.pages[lang] = map[string]*template.Template{}
		for _, p := range pageFiles {
			name := strings.TrimSuffix(path.Base(p), ".html")
			if name == "layout" || name == "partials" {
				continue
			}
			t, err := template.Must(base.Clone()).ParseFS(fsys, p)
			if err != nil {
				return nil, fmt.Errorf("template %s: %w", p, err)
			}
			u.pages[lang][name] = t
		}
	}
	return u, nil
}

func (u *ui) funcs(l *locale) template.FuncMap {
	return template.FuncMap{
		"t":  l.T,
		"tf": l.TF,
		"num": func(v any) string {
			switch n := v.(type) {
			case int:
				return l.Number(int64(n))
			case int64:
				return l.Number(n)
			case *int64:
				if n == nil {
					return ""
				}
				return l.Number(*n)
			}
			return fmt.Sprint(v)
		},
		"date": l.Date,
		"time": l.Time,
		"name": l.Name,
		// label translates an enumerated value: label "event.type" "arrest".
		"label": func(prefix string, v any) string { return l.T(prefix + "." + fmt.Sprint(v)) },
		"count": func(n *int64, q record.CountQualifier) string {
			if n == nil {
				return ""
			}
			if q == "" {
				q = record.CountExact
			}
			return l.TF("count."+string(q), "n", *n)
		},
		"asset": func(name string) string { return u.urls[name] },
		// link builds a site path from segments, escaping each.
		"link": func(parts ...string) string {
			var b strings.Builder
			for _, p := range parts {
				b.WriteByte('/')
				b.WriteString(url.PathEscape(p))
			}
			return b.String()
		},
	}
}

// views returns the templates to render with: reloaded from the source tree
// in Dev mode.
func (h *handler) views() (*ui, error) {
	if !h.opts.Dev {
		return h.ui, nil
	}
	return loadUI(true)
}

// req is what a page handler knows of the request beyond *http.Request.
type req struct {
	*http.Request
	L    *locale
	JSON bool
	// ver is the record's version read at the start of the request, when
	// verOK: the caches it may use are those of this version.
	ver   uint64
	verOK bool
}

// lookupFor returns a lookup for rq's page, sharing the site's entity
// cache when the record's version is known.
func (h *handler) lookupFor(ctx context.Context, rq *req) *lookup {
	lk := newLookup(ctx, h.st, rq.L)
	if h.ents != nil && rq.verOK {
		lk.shared, lk.ver = h.ents, rq.ver
	}
	return lk
}

// page is what a handler returns: the template and its data for HTML, the
// value to encode for JSON.
type page struct {
	Template string
	Title    string
	Nav      string // the header section to mark current
	Data     any
	JSON     any
}

// view is the data every template receives.
type view struct {
	L      *locale
	Title  string
	Nav    string
	Switch []langLink
	Query  string
	Status int
	Page   any
}

type langLink struct {
	Lang    string
	Label   string
	URL     string
	Current bool
}

// wantsJSON reports whether the reader asked for JSON: a .json suffix on the
// path, or an Accept header preferring application/json to HTML.
func wantsJSON(r *http.Request) bool {
	if strings.HasSuffix(r.URL.Path, ".json") {
		return true
	}
	var qJSON, qHTML float64 = -1, -1
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		media, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if s, ok := params["q"]; ok {
			if _, err := fmt.Sscanf(s, "%g", &q); err != nil {
				q = 0
			}
		}
		switch media {
		case "application/json":
			qJSON = max(qJSON, q)
		case "text/html", "application/xhtml+xml":
			qHTML = max(qHTML, q)
		}
	}
	return qJSON > 0 && qJSON > qHTML
}

// newReq works out the reader's language (remembering a chosen one in a
// cookie) and the representation they want.
func (h *handler) newReq(w http.ResponseWriter, r *http.Request) *req {
	lang, chosen := pickLang(r, h.opts.DefaultLang)
	if chosen && !cookieSet(w, langCookie) {
		http.SetCookie(w, &http.Cookie{
			Name: langCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
			HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil,
		})
	}
	u, err := h.views()
	if err != nil {
		// Dev mode with a broken template: the page will fail and say so;
		// the built-in catalogues still name things.
		u = h.ui
	}
	return &req{Request: r, L: &locale{Lang: lang, cat: u.cats[lang]}, JSON: wantsJSON(r)}
}

// serve adapts a page handler: errors go to fail, pages are rendered as HTML
// or JSON with an ETag over the exact bytes. Pages are kept in the page
// cache, when the site has one: fn must then depend on nothing but the
// record, the URL, the UI language and the format.
func (h *handler) serve(fn func(*req) (*page, error)) http.HandlerFunc {
	return h.serveWith(fn, h.cache != nil && h.opts.CacheBytes > 0)
}

// serveLive is serve without the page cache, for pages that read more
// than the record (the search index).
func (h *handler) serveLive(fn func(*req) (*page, error)) http.HandlerFunc {
	return h.serveWith(fn, false)
}

func (h *handler) serveWith(fn func(*req) (*page, error), cached bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rq := h.newReq(w, r)
		if h.cache != nil {
			ver, err := h.cache.version(r.Context())
			if err != nil {
				// Still answer, from the record itself.
				h.log.Warn("cannot tell whether the record changed; not caching this page", "path", r.URL.Path, "err", err)
			} else {
				rq.ver, rq.verOK = ver, true
			}
		}
		cached = cached && rq.verOK
		ver := rq.ver
		var key pageKey
		if cached {
			key = keyOf(rq)
			if cp := h.cache.get(ver, key); cp != nil {
				h.write(w, r, rq, cp.body, cp.ctype, cp.etag)
				return
			}
		}
		p, err := fn(rq)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		buf := getBuf()
		defer putBuf(buf)
		ctype, err := h.encode(buf, rq, p, 0)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		body := buf.Bytes()
		etag := etagOf(body)
		if cached {
			h.cache.put(ver, key, &cachedPage{body: bytes.Clone(body), ctype: ctype, etag: etag})
		}
		h.write(w, r, rq, body, ctype, etag)
	}
}

func etagOf(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

// write sends a rendered page with its caching headers, or 304 when the
// reader has it already.
func (h *handler) write(w http.ResponseWriter, r *http.Request, rq *req, body []byte, ctype, etag string) {
	hd := w.Header()
	hd.Set("Content-Type", ctype)
	hd.Set("Vary", "Accept, Accept-Language, Cookie")
	if rq.JSON {
		// Public, read-only data: scripts on other sites (a mirror, a
		// researcher's notebook) may read it.
		hd.Set("Access-Control-Allow-Origin", "*")
	}
	if hd.Get("Set-Cookie") != "" {
		// A response that sets the reader's language is theirs alone.
		hd.Set("Cache-Control", "private, no-cache")
	} else {
		hd.Set("Cache-Control", "public, max-age=60")
	}
	hd.Set("ETag", etag)
	if etagMatch(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}

func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

// encode renders p for rq into buf as JSON or as the HTML page in rq's
// language, and returns its content type.
func (h *handler) encode(buf *bytes.Buffer, rq *req, p *page, status int) (string, error) {
	if rq.JSON {
		enc := json.NewEncoder(buf)
		enc.SetIndent("", "  ")
		if err := enc.Encode(p.JSON); err != nil {
			return "", fmt.Errorf("encoding %s as JSON: %w", p.Template, err)
		}
		return "application/json; charset=utf-8", nil
	}
	u, err := h.views()
	if err != nil {
		return "", err
	}
	t := u.pages[rq.L.Lang][p.Template]
	if t == nil {
		return "", fmt.Errorf("no template %q", p.Template)
	}
	v := view{L: rq.L, Title: p.Title, Nav: p.Nav, Switch: langSwitch(rq), Query: rq.URL.Query().Get("q"), Status: status, Page: p.Data}
	if err := t.ExecuteTemplate(buf, "layout", v); err != nil {
		return "", fmt.Errorf("rendering %s: %w", p.Template, err)
	}
	return "text/html; charset=utf-8", nil
}

// langSwitch links the same page in every UI language.
func langSwitch(rq *req) []langLink {
	out := make([]langLink, 0, len(langs))
	for _, l := range langs {
		q := rq.URL.Query()
		q.Set("lang", l)
		u := url.URL{Path: rq.URL.Path, RawQuery: q.Encode()}
		out = append(out, langLink{Lang: l, Label: rq.L.cat["lang.self."+l], URL: u.String(), Current: l == rq.L.Lang})
	}
	return out
}

// serveStatic answers /static/{file} under its content-hashed name, cached
// for a year: a changed file gets a new name.
func (h *handler) serveStatic(w http.ResponseWriter, r *http.Request) {
	u, err := h.views()
	if err != nil {
		h.fail(w, r, err)
		return
	}
	f, ok := u.static[r.PathValue("file")]
	if !ok {
		h.fail(w, r, record.Errorf(record.ENotFound, "no such file"))
		return
	}
	w.Header().Set("Content-Type", f.ctype)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.body))
}

// cookieSet reports whether the response already sets the named cookie, as
// when a page fails after choosing the language and the error page runs.
func cookieSet(w http.ResponseWriter, name string) bool {
	for _, c := range w.Header().Values("Set-Cookie") {
		if strings.HasPrefix(c, name+"=") {
			return true
		}
	}
	return false
}
