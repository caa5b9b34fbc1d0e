// Package document turns captured bytes into a document: the main text
// without boilerplate, its title, byline, canonical URL, publication date,
// outlet and language, and flags for what went wrong on the way (a legacy
// 8-bit charset, invalid UTF-8, a page typed in a non-Unicode Khmer font, a
// PDF without a text layer).
//
// Read handles HTML pages, plain text, PDF (through poppler's pdftotext)
// and items of the shared corpus JSON format. Feeds, sitemaps and Telegram
// exports hold many documents: Sniff names them so that the capture
// pipeline can hand them to the feed and telegram packages instead.
//
// Nothing here touches the network or the archive; Read is a pure function
// of its Input except for running pdftotext.
package document

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/kamnotra/kamnotra/internal/outlet"
	"github.com/kamnotra/kamnotra/internal/record"
)

// Limits on input. A body over MaxBodySize is refused before any parsing;
// HTML and text over MaxMarkupSize likewise, because readability's cost
// grows faster than the page.
const (
	MaxBodySize   = 64 << 20 // PDFs with scans run large
	MaxMarkupSize = 16 << 20 // the biggest real news pages are ~2 MiB
	MaxTextSize   = 8 << 20  // text kept from one document
)

// Source kinds as stored in record.Document.SourceKind.
const (
	SourceHTML   = "html"
	SourceText   = "text"
	SourcePDF    = "pdf"
	SourceCorpus = "corpus-json"
)

// Input is one captured body and what the fetch knows about it.
type Input struct {
	URL         string // where it was fetched, or a file:// URL
	ContentType string // the Content-Type header, or "" for files
	Body        []byte
	FetchedAt   time.Time    // bounds plausible publication dates; zero means now
	Outlets     *outlet.List // nil means outlet.Default()
}

// Result is what Read found in a body.
type Result struct {
	Title        string
	Byline       string
	Lang         string // record.LangKhmer, record.LangEnglish, record.LangMixed, or "" for too little text
	Text         string // main text, paragraphs separated by blank lines
	CanonicalURL string // tracking parameters stripped; Input.URL cleaned when the page names none
	Published    record.Date
	PublishedAt  time.Time // set only when the source gives a time of day
	OutletID     string    // "" when the outlet is unknown
	SourceKind   string    // SourceHTML, SourceText, SourcePDF or SourceCorpus
	Flags        []string  // record.Flag* values, sorted, no duplicates

	// DateSource says where Published came from: "meta", "json-ld",
	// "time", "url", "text", "corpus" or "" — for editors who doubt it.
	DateSource string
	// SiteName is the site's own name (og:site_name, JSON-LD publisher),
	// kept even when it matched no outlet.
	SiteName string
	// LegacyText is the text as typed in a legacy Khmer font (Latin-1
	// letters) when Text holds its conversion to Unicode; empty otherwise.
	LegacyText string
	// Charset is the encoding the body was decoded from ("utf-8",
	// "windows-1252"…); empty for PDF.
	Charset string
}

// Errors for input Read cannot make a document of. Each is wrapped in a
// *record.Error with code EInvalid and a message saying what to do.
var (
	ErrEmpty      = errors.New("empty body")
	ErrTooLarge   = errors.New("body too large")
	ErrNotOneDoc  = errors.New("body holds many documents")
	ErrUnknownFmt = errors.New("unknown format")
)

// Read makes a document of one captured body. It dispatches on Sniff; a
// feed, sitemap or Telegram export is an error wrapping ErrNotOneDoc, since
// each of those holds many documents.
func Read(ctx context.Context, in Input) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(in.Body) > MaxBodySize {
		return nil, record.Wrap(record.EInvalid, ErrTooLarge, "%s: body is %d MiB, over the %d MiB limit for one document", describe(in.URL), len(in.Body)>>20, MaxBodySize>>20)
	}
	if isBlank(in.Body) {
		return nil, record.Wrap(record.EInvalid, ErrEmpty, "%s: the body is empty: nothing to read (was the download cut off?)", describe(in.URL))
	}
	if len(in.Body) >= 2 && in.Body[0] == 0x1f && in.Body[1] == 0x8b {
		// A saved page.html.gz, or a server that compressed twice.
		b, err := gunzip(in.Body)
		if err != nil {
			return nil, record.Wrap(record.EInvalid, err, "%s", describe(in.URL))
		}
		in.Body = b
		if isBlank(in.Body) {
			return nil, record.Wrap(record.EInvalid, ErrEmpty, "%s: the gzip body is empty: nothing to read", describe(in.URL))
		}
	}
	if in.Outlets == nil {
		in.Outlets = outlet.Default()
	}
	if in.FetchedAt.IsZero() {
		in.FetchedAt = time.Now()
	}
	kind := Sniff(in.ContentType, in.Body)
	if kind == KindHTML || kind == KindText {
		if len(in.Body) > MaxMarkupSize {
			return nil, record.Wrap(record.EInvalid, ErrTooLarge, "%s: %s body is %d MiB, over the %d MiB limit for a page", describe(in.URL), kind, len(in.Body)>>20, MaxMarkupSize>>20)
		}
	}
	var (
		res *Result
		err error
	)
	switch kind {
	case KindHTML:
		res, err = readHTML(ctx, in)
	case KindText:
		res, err = readText(in)
	case KindPDF:
		res, err = readPDF(ctx, in)
	case KindCorpusJSON:
		res, err = readCorpus(in)
	case KindFeed, KindSitemap, KindTelegramJSON:
		return nil, record.Wrap(record.EInvalid, ErrNotOneDoc, "%s is a %s, which holds many documents: parse it with the %s package", describe(in.URL), kind, packageFor(kind))
	default:
		return nil, record.Wrap(record.EInvalid, ErrUnknownFmt, "%s: cannot read content of type %q: not HTML, text, PDF or a corpus item", describe(in.URL), in.ContentType)
	}
	if err != nil {
		return nil, err
	}
	finish(res, in)
	return res, nil
}

func packageFor(k Kind) string {
	switch k {
	case KindFeed, KindSitemap:
		return "feed"
	case KindTelegramJSON:
		return "telegram"
	}
	return "document"
}

func describe(u string) string {
	if u == "" {
		return "document"
	}
	return u
}

func isBlank(b []byte) bool {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\n', '\r', '\f', '\v':
		default:
			return false
		}
	}
	return true
}

// finish fills what every kind shares: canonical URL, outlet, language,
// the text limit and tidy flags.
func finish(res *Result, in Input) {
	if res.CanonicalURL == "" {
		res.CanonicalURL = CleanURL(in.URL)
	}
	if res.OutletID == "" {
		res.OutletID = outletFor(in.Outlets, res.CanonicalURL, in.URL, res.SiteName)
	}
	if len(res.Text) > MaxTextSize {
		cut := MaxTextSize
		for cut > 0 && !isRuneStart(res.Text[cut]) {
			cut--
		}
		res.Text = res.Text[:cut]
		res.Flags = append(res.Flags, record.FlagTruncated)
	}
	if res.Lang == "" {
		res.Lang = Lang(res.Text)
	}
	if hasFlag(res.Flags, record.FlagLegacyFont) {
		// Letter soup in a legacy font is Khmer to the reader, whatever its
		// code points say.
		res.Lang = record.LangKhmer
	}
	if strings.TrimSpace(res.Text) == "" {
		res.Flags = append(res.Flags, record.FlagNoText)
	}
	res.Flags = tidyFlags(res.Flags)
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

func hasFlag(fs []string, f string) bool {
	for _, x := range fs {
		if x == f {
			return true
		}
	}
	return false
}

func tidyFlags(fs []string) []string {
	if len(fs) == 0 {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, f := range fs {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return out
}

func outletFor(l *outlet.List, urls ...string) string {
	// The last argument is a site name, the others URLs.
	for _, u := range urls[:len(urls)-1] {
		if h := hostOf(u); h != "" {
			if o, ok := l.ByHost(h); ok {
				return o.ID
			}
		}
	}
	if name := urls[len(urls)-1]; name != "" {
		if o, ok := l.ByName(name); ok {
			return o.ID
		}
	}
	return ""
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	return u.Hostname()
}

// trackingParams are query parameters that say who linked, not what is
// linked; two URLs differing only in them are the same document.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "yclid": true,
	"igshid": true, "mc_cid": true, "mc_eid": true, "_ga": true, "_gl": true,
	"mkt_tok": true, "oly_anon_id": true, "oly_enc_id": true, "vero_id": true,
	"wt_mc": true, "cmpid": true, "ref_src": true, "s_cid": true, "__twitter_impression": true,
}

// CleanURL returns raw with the fragment and tracking parameters (utm_*,
// fbclid, gclid…) removed, the scheme and host lower-cased and a default
// port dropped. It returns raw unchanged when it does not parse as an
// absolute http(s) URL.
func CleanURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "HTTP" && u.Scheme != "HTTPS") || u.Host == "" {
		return raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	if (u.Scheme == "http" && u.Port() == "80") || (u.Scheme == "https" && u.Port() == "443") {
		u.Host = u.Hostname()
	}
	u.Fragment, u.RawFragment = "", ""
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			lk := strings.ToLower(k)
			if strings.HasPrefix(lk, "utm_") || trackingParams[lk] {
				q.Del(k)
			}
		}
		u.RawQuery = q.Encode()
	}
	if u.Path == "" {
		u.Path = "/"
	}
	return u.String()
}

// resolve returns ref resolved against base, or "" when ref is not a
// usable http(s) link.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		r = base.ResolveReference(r)
	}
	if (r.Scheme != "http" && r.Scheme != "https") || r.Host == "" {
		return ""
	}
	return r.String()
}

// gunzip decompresses a gzip body up to MaxBodySize.
func gunzip(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("body is not valid gzip (%v)", err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, MaxBodySize+1))
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return nil, fmt.Errorf("gzip body is truncated: the download was cut off, fetch it again")
	case err != nil:
		return nil, fmt.Errorf("gzip body is corrupt (%v)", err)
	case len(out) > MaxBodySize:
		return nil, fmt.Errorf("gzip body expands past the %d MiB limit: refusing it", MaxBodySize>>20)
	}
	return out, nil
}
