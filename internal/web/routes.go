package web

import (
	"net/http"

	"github.com/kamnotra/kamnotra/internal/record"
)

// routes lists every URL of the site. Each resource answers HTML, or JSON
// for Accept: application/json or a .json suffix; GET patterns match HEAD.
func (h *handler) routes() {
	m := h.mux
	m.HandleFunc("GET /{$}", h.serve(h.home))
	m.HandleFunc("GET /index.json", h.serve(h.home))

	m.HandleFunc("GET /events", h.serve(h.eventList))
	m.HandleFunc("GET /events.json", h.serve(h.eventList))
	m.HandleFunc("GET /events/{id}", h.serve(h.eventPage))
	m.HandleFunc("GET /events.atom", h.eventFeed)

	m.HandleFunc("GET /documents", h.serve(h.documentList))
	m.HandleFunc("GET /documents.json", h.serve(h.documentList))
	m.HandleFunc("GET /documents/{id}", h.serve(h.documentPage))
	// The archive pages read WARC files besides the record.
	m.HandleFunc("GET /documents/{id}/archive", h.serveLive(h.archivePage))
	m.HandleFunc("GET /documents/{id}/archive.json", h.serveLive(h.archivePage))
	m.HandleFunc("GET /documents/{id}/archive/text", h.archiveText)
	m.HandleFunc("GET /documents/{id}/archive/view", h.archiveView)

	m.HandleFunc("GET /people", h.serve(h.peopleList))
	m.HandleFunc("GET /people.json", h.serve(h.peopleList))
	m.HandleFunc("GET /people/{id}", h.serve(h.personPage))

	m.HandleFunc("GET /organisations", h.serve(h.orgList))
	m.HandleFunc("GET /organisations.json", h.serve(h.orgList))
	m.HandleFunc("GET /organisations/{id}", h.serve(h.orgPage))

	m.HandleFunc("GET /places/{id}", h.serve(h.placePage))

	m.HandleFunc("GET /outlets", h.serve(h.outletList))
	m.HandleFunc("GET /outlets.json", h.serve(h.outletList))
	m.HandleFunc("GET /outlets/{id}", h.serve(h.outletPage))

	m.HandleFunc("GET /ledger", h.serve(h.ledgerPage))
	m.HandleFunc("GET /ledger.json", h.serve(h.ledgerPage))
	m.HandleFunc("GET /ledger.csv", h.ledgerCSV)

	// Search reads the search index, which changes apart from the record.
	m.HandleFunc("GET /search", h.serveLive(h.search))
	m.HandleFunc("GET /search.json", h.serveLive(h.search))

	m.HandleFunc("GET /static/{file}", h.serveStatic)
	m.HandleFunc("GET /openapi.json", h.serveOpenAPI)

	// Everything else is a 404 page from the one error path, not the
	// mux's plain-text answer.
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		h.fail(w, r, record.Errorf(record.ENotFound, "there is no page at %s", r.URL.Path))
	})
}
