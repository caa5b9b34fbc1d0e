package feed

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"github.com/kamnotra/kamnotra/internal/record"
	"golang.org/x/net/html/charset"
)

// Sitemap limits. The protocol allows 50,000 URLs and 50 MB uncompressed
// per file; a little room is left for sites that overstep.
const (
	MaxSitemapSize = 64 << 20 // uncompressed bytes
	MaxSitemapURLs = 100000
)

// ErrNotSitemap is wrapped by the error for a body that is no sitemap.
var ErrNotSitemap = errors.New("not a sitemap")

// ParseSitemap reads a sitemap: the page URLs of a <urlset>, or the child
// sitemap URLs of a <sitemapindex>, each the trimmed text of a <loc>
// directly inside <url> or <sitemap> (so image:loc and video:loc are not
// taken). A gzip body is decompressed first. A plain-text sitemap (one
// absolute URL a line) is accepted too.
func ParseSitemap(body []byte) (urls []string, children []string, err error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, nil, record.Errorf(record.EInvalid, "sitemap is empty: nothing to read")
	}
	if len(body) >= 2 && body[0] == 0x1f && body[1] == 0x8b {
		body, err = gunzip(body)
		if err != nil {
			return nil, nil, err
		}
	}
	if len(body) > MaxSitemapSize {
		return nil, nil, record.Errorf(record.EInvalid, "sitemap is %d MiB, over the %d MiB limit: split it into a sitemap index", len(body)>>20, MaxSitemapSize>>20)
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] != '<' {
		return textSitemap(trimmed)
	}
	return xmlSitemap(body)
}

func gunzip(body []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, record.Wrap(record.EInvalid, err, "sitemap is not valid gzip")
	}
	out, err := io.ReadAll(io.LimitReader(zr, MaxSitemapSize+1))
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, record.Wrap(record.EInvalid, err, "sitemap gzip stream is truncated: the download was cut off, fetch it again")
		}
		return nil, record.Wrap(record.EInvalid, err, "sitemap gzip stream is corrupt")
	}
	if len(out) > MaxSitemapSize {
		return nil, record.Errorf(record.EInvalid, "sitemap decompresses to more than %d MiB: refusing it", MaxSitemapSize>>20)
	}
	return out, nil
}

func xmlSitemap(body []byte) (urls, children []string, err error) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.CharsetReader = charset.NewReaderLabel
	dec.Strict = false
	var (
		root  string
		stack []string
		loc   strings.Builder
	)
	count := 0
	for {
		tok, terr := dec.Token()
		if terr == io.EOF {
			break
		}
		if terr != nil {
			if root == "" {
				return nil, nil, record.Wrap(record.EInvalid, ErrNotSitemap, "sitemap is not XML (%v)", terr)
			}
			return nil, nil, record.Wrap(record.EInvalid, terr, "sitemap XML is malformed after %d entries", count)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if root == "" {
				root = name
				if root != "urlset" && root != "sitemapindex" {
					return nil, nil, record.Wrap(record.EInvalid, ErrNotSitemap, "XML with root <%s> is not a sitemap (want <urlset> or <sitemapindex>)", t.Name.Local)
				}
			}
			stack = append(stack, name)
			if len(stack) > 64 {
				return nil, nil, record.Errorf(record.EInvalid, "sitemap XML nests deeper than 64 elements: not a sitemap")
			}
			if name == "loc" {
				loc.Reset()
			}
		case xml.CharData:
			if n := len(stack); n > 0 && stack[n-1] == "loc" && loc.Len() < 8192 {
				loc.Write(t)
			}
		case xml.EndElement:
			n := len(stack)
			if n == 0 {
				continue
			}
			// A <loc> counts only as the child of an entry directly under
			// the root: urlset/url/loc or sitemapindex/sitemap/loc.
			if stack[n-1] == "loc" && n == 3 {
				u := strings.TrimSpace(loc.String())
				switch {
				case u == "":
				case root == "urlset" && stack[1] == "url":
					urls = append(urls, u)
					count++
				case root == "sitemapindex" && stack[1] == "sitemap":
					children = append(children, u)
					count++
				}
				if count > MaxSitemapURLs {
					return nil, nil, record.Errorf(record.EInvalid, "sitemap lists more than %d URLs: refusing it", MaxSitemapURLs)
				}
			}
			stack = stack[:n-1]
		}
	}
	if root == "" {
		return nil, nil, record.Wrap(record.EInvalid, ErrNotSitemap, "sitemap holds no XML element")
	}
	return urls, children, nil
}

// textSitemap reads one absolute http(s) URL a line; anything else on a
// line means it is not a text sitemap.
func textSitemap(body []byte) (urls, children []string, err error) {
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 0, 64<<10), 64<<10)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" {
			continue
		}
		if (!strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://")) || strings.ContainsAny(l, " \t<>\"") {
			return nil, nil, record.Wrap(record.EInvalid, ErrNotSitemap, "not a sitemap: line %q is not a URL", truncate(l, 60))
		}
		urls = append(urls, l)
		if len(urls) > MaxSitemapURLs {
			return nil, nil, record.Errorf(record.EInvalid, "sitemap lists more than %d URLs: refusing it", MaxSitemapURLs)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, record.Wrap(record.EInvalid, err, "text sitemap has a line over 64 KB: not a sitemap")
	}
	return urls, nil, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}
