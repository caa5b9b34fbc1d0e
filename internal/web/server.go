// Package web serves the public site: every resource from one handler that
// answers HTML (Khmer or English) or JSON, read-only, with security headers
// on every response. Routes are listed in routes.go, one file per page.
package web

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

// Options configure the site. The zero value serves with defaults.
type Options struct {
	// ArchiveDir is the directory of the WARC files that ArchiveRefs are
	// relative to.
	ArchiveDir string
	// Archive reads archived responses; nil means archived copies are not
	// available and their pages say so.
	Archive ArchiveReader
	// Searcher answers /search; nil means search is not available yet.
	Searcher Searcher
	Logger   *slog.Logger
	// Dev reloads templates and static files from the source tree on every
	// request, so that edits show without a restart.
	Dev bool
	// DefaultLang is the UI language when the reader has not chosen one and
	// their browser states neither; "km" when empty.
	DefaultLang string
	// RatePerSecond and RateBurst limit requests per client IP; zero means
	// 10 per second with bursts of 40, negative disables the limit.
	RatePerSecond float64
	RateBurst     int
	// BaseURL is the site's public address, e.g. https://kamnotra.example,
	// for the absolute links feeds need; empty means the request's host.
	BaseURL string
	// PageSize is the length of listed pages; zero means 50.
	PageSize int
	// Version, when set, returns a number that grows whenever the record
	// changes (SQLiteVersion.Version, say). Pages built from the record are
	// then kept in memory and served again until it does.
	Version func(context.Context) (uint64, error)
	// CacheBytes bounds the memory those pages take; zero means 64 MiB,
	// negative keeps no pages (only the records pages name), to measure
	// building them.
	CacheBytes int
}

// handler is the site: the store, the templates and the options.
type handler struct {
	st   store.Store
	opts Options
	log  *slog.Logger
	ui   *ui
	mux  *http.ServeMux
	// cache keeps rendered pages; nil without Options.Version, and in Dev
	// mode, where templates change under it.
	cache *pageCache
	ents  *entityCache // with cache
}

// NewServer returns the site's handler. It panics if the embedded templates
// or catalogues are broken, which the package's tests rule out.
func NewServer(st store.Store, opts Options) http.Handler {
	h, err := newHandler(st, opts)
	if err != nil {
		panic("web: " + err.Error())
	}
	return h.chain()
}

func newHandler(st store.Store, opts Options) (*handler, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if !validLang(opts.DefaultLang) {
		opts.DefaultLang = record.LangKhmer
	}
	if opts.RatePerSecond == 0 {
		opts.RatePerSecond, opts.RateBurst = 10, 40
	}
	if opts.RateBurst <= 0 {
		opts.RateBurst = max(1, int(opts.RatePerSecond*4))
	}
	if opts.Archive == nil && opts.ArchiveDir != "" {
		opts.Archive = WARCDir{Dir: opts.ArchiveDir}
	}
	if opts.PageSize <= 0 {
		opts.PageSize = 50
	}
	u, err := loadUI(opts.Dev)
	if err != nil {
		return nil, err
	}
	if opts.CacheBytes == 0 {
		opts.CacheBytes = 64 << 20
	}
	h := &handler{st: st, opts: opts, log: opts.Logger, ui: u, mux: http.NewServeMux()}
	if opts.Version != nil && !opts.Dev {
		h.cache = newPageCache(opts.Version, opts.CacheBytes)
		h.ents = newEntityCache()
	}
	h.routes()
	return h, nil
}

// chain wraps the routes in the middleware every response passes through,
// outermost first.
func (h *handler) chain() http.Handler {
	var next http.Handler = h.mux
	next = h.readOnly(next)
	next = http.NewCrossOriginProtection().Handler(next)
	if h.opts.RatePerSecond > 0 {
		next = newRateLimiter(h.opts.RatePerSecond, h.opts.RateBurst, h).wrap(next)
	}
	next = h.recoverPanics(next)
	next = securityHeaders(next)
	return next
}

// Server runs the site on a listener; tests start it on 127.0.0.1:0.
type Server struct {
	srv *http.Server
	ln  net.Listener
}

// Listen binds addr ("127.0.0.1:0" picks a free port) for handler h.
func Listen(addr string, h http.Handler, logger *slog.Logger) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, record.Wrap(record.EInvalid, err, "cannot listen on %s (is the address free and yours?)", addr)
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	return &Server{srv: srv, ln: ln}, nil
}

// URL is the base URL the server answers on, e.g. http://127.0.0.1:41234.
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() }

// Serve answers requests until Shutdown; it returns nil after a shutdown.
func (s *Server) Serve() error {
	if err := s.srv.Serve(s.ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Shutdown stops accepting connections and waits for open requests until
// ctx ends.
func (s *Server) Shutdown(ctx context.Context) error { return s.srv.Shutdown(ctx) }
