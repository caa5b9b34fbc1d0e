package web

import (
	"errors"
	"net/http"

	"github.com/kamnotra/kamnotra/internal/record"
)

// httpError is an error the web layer itself raises for a status that has
// no record.Error code (405, 429, 503); MsgID is its catalogue message.
type httpError struct {
	Status int
	MsgID  string
}

func (e *httpError) Error() string { return http.StatusText(e.Status) }

// redirectError sends the reader elsewhere (a merged record's new home).
type redirectError struct{ URL string }

func (e *redirectError) Error() string { return "moved to " + e.URL }

func statusError(status int, msgID string) error { return &httpError{Status: status, MsgID: msgID} }

// errorStatus maps an error to its HTTP status. It is the only place that
// knows the mapping.
func errorStatus(err error) int {
	var he *httpError
	if errors.As(err, &he) {
		return he.Status
	}
	switch record.ErrorCode(err) {
	case record.EInvalid:
		return http.StatusBadRequest
	case record.ENotFound:
		return http.StatusNotFound
	case record.EConflict:
		return http.StatusConflict
	case record.EUnauthorized:
		return http.StatusForbidden
	}
	return http.StatusInternalServerError
}

// errorBody is the JSON shape of every error.
type errorBody struct {
	Error struct {
		Status  int    `json:"status"`
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// errorPage is what the error template shows.
type errorPage struct {
	Heading string
	Message string // the safe message of a record.Error, in English
	Hint    string
}

// fail answers with the error page or JSON for err. Internal details go to
// the log only; the reader sees record.ErrorMessage or a translated line.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	var re *redirectError
	if errors.As(err, &re) {
		// Temporary: an editor can undo a merge.
		http.Redirect(w, r, re.URL, http.StatusFound)
		return
	}
	status := errorStatus(err)
	if status >= 500 && status != http.StatusServiceUnavailable {
		h.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
	} else {
		h.log.Debug("request refused", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
	}
	rq := h.newReq(w, r)
	code := record.ErrorCode(err)
	msg := record.ErrorMessage(err)
	var he *httpError
	if errors.As(err, &he) {
		code = he.MsgID
		msg = h.ui.cats[record.LangEnglish][he.MsgID]
	}
	var body errorBody
	body.Error.Status, body.Error.Code, body.Error.Message = status, code, msg

	ep := errorPage{Heading: rq.L.T(statusMsgID(status))}
	switch {
	case he != nil:
		ep.Message = rq.L.T(he.MsgID)
	case status == http.StatusInternalServerError:
		ep.Message = rq.L.T("error.internal.hint")
	default:
		// Store messages are English; a Khmer reader still gets the
		// heading and hint in Khmer.
		ep.Message = msg
	}
	ep.Hint = rq.L.T("error.hint")
	p := &page{Template: "error", Title: ep.Heading, Data: ep, JSON: body}
	buf := getBuf()
	defer putBuf(buf)
	ctype, rerr := h.encode(buf, rq, p, status)
	hd := w.Header()
	hd.Set("Cache-Control", "no-store")
	hd.Del("ETag")
	if rerr != nil {
		h.log.Error("rendering the error page failed", "err", rerr)
		hd.Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		w.Write([]byte(http.StatusText(status) + "\n"))
		return
	}
	hd.Set("Content-Type", ctype)
	hd.Set("Vary", "Accept, Accept-Language, Cookie")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func statusMsgID(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "error.400"
	case http.StatusForbidden:
		return "error.403"
	case http.StatusNotFound:
		return "error.404"
	case http.StatusMethodNotAllowed:
		return "error.405"
	case http.StatusConflict:
		return "error.409"
	case http.StatusTooManyRequests:
		return "error.429"
	case http.StatusServiceUnavailable:
		return "error.503"
	}
	return "error.500"
}
