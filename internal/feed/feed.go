// Package feed reads the lists that point at documents: RSS, Atom and JSON
// feeds (through gofeed) and XML sitemaps (urlset and sitemapindex, plain or
// gzip-compressed, and plain-text sitemaps). It returns links and what the
// list says about them; fetching them is the capture pipeline's business.
package feed

import (
	"bytes"
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/mmcdole/gofeed"
)

// MaxFeedSize bounds a feed body; real news feeds are under 1 MiB.
const MaxFeedSize = 16 << 20

// Item is one entry of a feed.
type Item struct {
	URL       string    // absolute link to the document; "" when the entry has none
	Title     string    // as the feed gives it, HTML entities decoded
	Published time.Time // publication time, else update time; zero when absent
	Content   string    // full content when the feed carries it, else the summary (HTML)
	GUID      string
	Author    string
}

// Feed is a parsed feed with its own metadata.
type Feed struct {
	Title    string
	Link     string // the site's home page
	Language string
	Items    []Item
}

// ErrNotFeed is wrapped by the error for a body that is no RSS, Atom or
// JSON feed.
var ErrNotFeed = errors.New("not a feed")

// Parse reads an RSS, Atom or JSON feed. Relative links are resolved
// against baseURL (the feed's own URL), or the feed's site link when
// baseURL is empty. Entries are returned in feed order, one per URL.
func Parse(body []byte, baseURL string) ([]Item, error) {
	f, err := ParseFeed(body, baseURL)
	if err != nil {
		return nil, err
	}
	return f.Items, nil
}

// ParseFeed is Parse with the feed's title, site link and language.
func ParseFeed(body []byte, baseURL string) (f *Feed, err error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, record.Errorf(record.EInvalid, "feed %s is empty: nothing to read", name(baseURL))
	}
	if len(body) > MaxFeedSize {
		return nil, record.Errorf(record.EInvalid, "feed %s is %d MiB, over the %d MiB limit", name(baseURL), len(body)>>20, MaxFeedSize>>20)
	}
	defer func() {
		// gofeed is third-party code fed untrusted bytes: a panic in it
		// must be one bad feed, not a dead capture run.
		if r := recover(); r != nil {
			f, err = nil, record.Wrap(record.EInvalid, ErrNotFeed, "feed %s could not be parsed (parser panic: %v)", name(baseURL), r)
		}
	}()
	p := gofeed.NewParser()
	gf, perr := p.Parse(bytes.NewReader(body))
	if perr != nil {
		if errors.Is(perr, gofeed.ErrFeedTypeNotDetected) {
			return nil, record.Wrap(record.EInvalid, ErrNotFeed, "%s is not an RSS, Atom or JSON feed", name(baseURL))
		}
		return nil, record.Wrap(record.EInvalid, perr, "feed %s is malformed", name(baseURL))
	}
	if gf.FeedType == "json" && !bytes.Contains(body[:min(len(body), 4096)], []byte("jsonfeed.org/version")) {
		// gofeed takes any JSON object for a JSON Feed.
		return nil, record.Wrap(record.EInvalid, ErrNotFeed, "%s is not an RSS, Atom or JSON feed (JSON without a jsonfeed.org version)", name(baseURL))
	}
	base, _ := url.Parse(baseURL)
	if base == nil || !base.IsAbs() {
		base, _ = url.Parse(gf.Link)
	}
	if base != nil && !base.IsAbs() {
		base = nil
	}
	out := &Feed{Title: clean(gf.Title), Language: gf.Language, Link: resolve(base, gf.Link)}
	seen := map[string]bool{}
	for _, it := range gf.Items {
		if it == nil {
			continue
		}
		link := resolve(base, it.Link)
		if link == "" && strings.HasPrefix(it.GUID, "http") {
			link = resolve(base, it.GUID)
		}
		if link == "" {
			for _, l := range it.Links {
				if link = resolve(base, l); link != "" {
					break
				}
			}
		}
		if link != "" {
			if seen[link] {
				continue
			}
			seen[link] = true
		}
		item := Item{URL: link, Title: clean(it.Title), GUID: it.GUID, Content: it.Content}
		if item.Content == "" {
			item.Content = it.Description
		}
		switch {
		case it.PublishedParsed != nil:
			item.Published = *it.PublishedParsed
		case it.UpdatedParsed != nil:
			item.Published = *it.UpdatedParsed
		}
		if len(it.Authors) > 0 && it.Authors[0] != nil {
			item.Author = clean(it.Authors[0].Name)
		} else if it.DublinCoreExt != nil && len(it.DublinCoreExt.Creator) > 0 {
			item.Author = clean(it.DublinCoreExt.Creator[0])
		}
		out.Items = append(out.Items, item)
	}
	return out, nil
}

func name(u string) string {
	if u == "" {
		return "(no URL)"
	}
	return u
}

func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// resolve returns ref made absolute against base, or "" when it is not a
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
