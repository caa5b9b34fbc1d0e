package web

import (
	"fmt"
	"net/http"
	"runtime/debug"
)

// contentSecurityPolicy allows only the site's own stylesheet and images:
// no script at all, no inline style, no framing, forms only to the site.
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; " +
	"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// securityHeaders sets the headers every response carries; a handler may
// tighten the CSP further (the archived copy does).
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		// Readers following a link to a source should not tell the source
		// which record page they came from.
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("Permissions-Policy", "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		hd.Set("Cross-Origin-Resource-Policy", "same-origin")
		if r.TLS != nil {
			// Only over TLS: a plain-HTTP development server must not pin
			// browsers to HTTPS for its host.
			hd.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// readOnly answers 405 to anything but GET and HEAD: the public site has no
// forms that change anything yet.
func (h *handler) readOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			h.fail(w, r, statusError(http.StatusMethodNotAllowed, "error.method"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// recoverPanics turns a handler's panic into a logged 500 page instead of
// a dropped connection.
func (h *handler) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil || v == http.ErrAbortHandler {
				if v != nil {
					panic(v)
				}
				return
			}
			h.fail(w, r, fmt.Errorf("panic serving %s: %v\n%s", r.URL.Path, v, debug.Stack()))
		}()
		next.ServeHTTP(w, r)
	})
}
