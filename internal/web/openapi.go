package web

import (
	"bytes"
	"net/http"
	"time"
)

// serveOpenAPI answers the OpenAPI description of the JSON forms of the
// pages, kept beside them and checked against the routes by the tests.
func (h *handler) serveOpenAPI(w http.ResponseWriter, r *http.Request) {
	b, err := embedded.ReadFile("api/openapi.json")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(b))
}
