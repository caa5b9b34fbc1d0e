package document

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"mime"
	"strings"
	"unicode/utf8"

	"github.com/kamnotra/kamnotra/internal/corpus"
)

// Kind names what a body is, for dispatch.
type Kind string

const (
	KindHTML         Kind = "html"
	KindText         Kind = "text"
	KindPDF          Kind = "pdf"
	KindCorpusJSON   Kind = "corpus-json"
	KindTelegramJSON Kind = "telegram-json"
	KindFeed         Kind = "feed" // RSS, Atom or JSON Feed
	KindSitemap      Kind = "sitemap"
	KindUnknown      Kind = "unknown"
)

// sniffLen is how much of a body Sniff looks at for markup; the root element
// of a feed or sitemap comes after at most an XML declaration, a few
// comments and a stylesheet instruction.
const sniffLen = 4096

// Sniff names the kind of a body from its content first and its content
// type second: servers label feeds text/html and pages text/plain often
// enough that the bytes are the better witness. A gzip body is looked into
// (sitemap.xml.gz). JSON is told apart by its top-level keys.
func Sniff(contentType string, body []byte) Kind {
	return sniff(contentType, body, 0)
}

func sniff(contentType string, body []byte, depth int) Kind {
	b := body
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if len(b) >= 2 && ((b[0] == 0xfe && b[1] == 0xff) || (b[0] == 0xff && b[1] == 0xfe)) {
		// UTF-16 is rare enough to trust the label, else assume a page.
		if k := fromContentType(contentType); k != KindUnknown {
			return k
		}
		return KindHTML
	}
	b = trimLeftSpace(b)
	switch {
	case len(b) == 0:
		return KindUnknown
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return KindPDF
	case len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b:
		if depth > 0 {
			return KindUnknown
		}
		return sniff("", gunzipPrefix(b), depth+1)
	case b[0] == '{':
		return sniffJSON(b)
	case b[0] == '<':
		k, xml := sniffMarkup(b)
		if k != KindUnknown {
			return k
		}
		if xml && fromContentType(contentType) != KindHTML {
			// Some other XML vocabulary (SVG, a WARC index…): not ours.
			return KindUnknown
		}
	}
	if depth > 0 {
		// Inside gzip only a definite answer counts: a truncated stream
		// gives a few bytes that look like anything.
		return KindUnknown
	}
	if k := fromContentType(contentType); k != KindUnknown {
		if k == KindText && !looksLikeText(b) {
			return KindUnknown
		}
		return k
	}
	if looksLikeText(b) {
		if b[0] == '<' {
			// Markup we could not place: HTML is the most forgiving reader.
			return KindHTML
		}
		return KindText
	}
	return KindUnknown
}

func trimLeftSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\n' || b[0] == '\r' || b[0] == '\f') {
		b = b[1:]
	}
	return b
}

func gunzipPrefix(b []byte) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil
	}
	out, _ := io.ReadAll(io.LimitReader(zr, sniffLen))
	return out
}

// sniffMarkup looks at the first element name after declarations,
// comments and processing instructions. xml reports an XML declaration or
// namespace, which makes an unknown root "some other XML".
func sniffMarkup(b []byte) (kind Kind, xml bool) {
	if len(b) > sniffLen {
		b = b[:sniffLen]
	}
	s := lowerMarkup(b)
	xml = strings.HasPrefix(s, "<?xml")
	for i := 0; i < 64; i++ {
		s = strings.TrimLeft(s, " \t\r\n\f")
		if !strings.HasPrefix(s, "<") {
			return KindUnknown, xml
		}
		switch {
		case strings.HasPrefix(s, "<!--"):
			end := strings.Index(s, "-->")
			if end < 0 {
				return KindUnknown, xml
			}
			s = s[end+3:]
			continue
		case strings.HasPrefix(s, "<!doctype html"):
			return KindHTML, xml
		case strings.HasPrefix(s, "<?"), strings.HasPrefix(s, "<!"):
			end := strings.IndexByte(s, '>')
			if end < 0 {
				return KindUnknown, xml
			}
			s = s[end+1:]
			continue
		}
		name := s[1:]
		if end := strings.IndexAny(name, " \t\r\n/>"); end >= 0 {
			name = name[:end]
		}
		switch name {
		case "rss", "feed", "rdf:rdf", "rdf":
			return KindFeed, xml
		case "urlset", "sitemapindex":
			return KindSitemap, xml
		case "html", "head", "body", "meta", "title", "div", "p", "article", "script", "link", "style", "table", "h1", "span", "main", "header", "section":
			return KindHTML, xml
		}
		return KindUnknown, xml || strings.Contains(s[:min(len(s), 300)], "xmlns")
	}
	return KindUnknown, xml
}

// lowerMarkup lower-cases b for matching ASCII names, as strings.ToLower
// would for that purpose, without case-mapping every letter of a page's
// text: ASCII letters fold, the two runes whose lower case is ASCII (U+0130
// İ → i, U+212A Kelvin sign → k; TestLowerToASCII checks there are no
// others) become that letter, and every other byte is copied as it is: no
// other rune can match an ASCII name whatever its case.
func lowerMarkup(b []byte) string {
	out := make([]byte, len(b))
	if bytes.IndexByte(b, 0xC4) < 0 && bytes.IndexByte(b, 0xE2) < 0 {
		// Neither rune can be there: fold byte by byte.
		for i, c := range b {
			out[i] = lowerASCII[c]
		}
		return string(out)
	}
	out = out[:0]
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == 0xC4 && i+1 < len(b) && b[i+1] == 0xB0:
			c = 'i'
			i++
		case c == 0xE2 && i+2 < len(b) && b[i+1] == 0x84 && b[i+2] == 0xAA:
			c = 'k'
			i += 2
		}
		out = append(out, c)
	}
	return string(out)
}

// lowerASCII maps each byte to itself but A–Z to a–z.
var lowerASCII = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] += 'a' - 'A'
		}
	}
	return t
}()

// sniffJSON reads top-level keys with a streaming decoder, skipping values
// without keeping them, so a 300 MB Telegram export costs no memory here.
// It stops at the first key that decides.
func sniffJSON(body []byte) Kind {
	dec := json.NewDecoder(bytes.NewReader(body))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return KindUnknown
	}
	var keys = map[string]bool{}
	var version string
	for i := 0; i < 64 && dec.More(); i++ {
		t, err := dec.Token()
		if err != nil {
			break
		}
		key, ok := t.(string)
		if !ok {
			break
		}
		keys[key] = true
		switch key {
		case "messages":
			return KindTelegramJSON
		case "version":
			var v any
			if dec.Decode(&v) != nil {
				return KindUnknown
			}
			version, _ = v.(string)
			if strings.Contains(version, "jsonfeed.org") {
				return KindFeed
			}
			continue
		}
		if err := skipValue(dec); err != nil {
			break
		}
	}
	if keys["text"] && (keys["id"] || keys["events"]) && corpus.LooksLikeItem(body) {
		return KindCorpusJSON
	}
	return KindUnknown
}

// skipValue consumes one JSON value token by token.
func skipValue(dec *json.Decoder) error {
	depth := 0
	for {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		if d, ok := t.(json.Delim); ok {
			switch d {
			case '{', '[':
				depth++
			case '}', ']':
				depth--
			}
		}
		if depth == 0 {
			return nil
		}
	}
}

func fromContentType(ct string) Kind {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(ct, ";")[0]))
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return KindHTML
	case "text/plain", "text/markdown":
		return KindText
	case "application/pdf", "application/x-pdf":
		return KindPDF
	case "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json":
		return KindFeed
	}
	return KindUnknown
}

// looksLikeText reports whether the start of b is text in some encoding:
// no NUL bytes and few C0 controls. It accepts invalid UTF-8, because
// legacy 8-bit pages are text too.
func looksLikeText(b []byte) bool {
	if len(b) > sniffLen {
		b = b[:sniffLen]
	}
	if len(b) == 0 {
		return false
	}
	bad := 0
	for _, c := range b {
		switch {
		case c == 0:
			return false
		case c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b:
			bad++
		}
	}
	if bad*20 > len(b) {
		return false
	}
	// Mostly valid UTF-8, or mostly ASCII with some 8-bit letters.
	invalid := 0
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 && i < len(b)-3 {
			invalid++
		}
		i += n
	}
	return invalid*3 < len(b)
}
