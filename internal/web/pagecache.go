package web

import (
	"bytes"
	"context"
	"sync"
)

// pageCache keeps rendered pages until the record changes. Every reader of
// the site sees the same public view, so a page is a function of its URL,
// the UI language and the format alone; those make the key. Pages that
// read anything else (the search index, the archive, the request's host)
// are not cached: routes opt in.
//
// A page is stored under the version read before its data was, so that a
// change committed while it was being built makes it stale at once rather
// than hiding behind it; and served only to a request that read the same
// version, so nothing outlives the change.
type pageCache struct {
	version func(context.Context) (uint64, error)
	limit   int // bytes of bodies kept

	mu      sync.Mutex
	ver     uint64
	entries map[pageKey]*cachedPage
	size    int
}

type pageKey struct {
	lang  string
	json  bool
	path  string
	query string
}

type cachedPage struct {
	body  []byte
	ctype string
	etag  string
}

func newPageCache(version func(context.Context) (uint64, error), limit int) *pageCache {
	return &pageCache{version: version, limit: limit, entries: map[pageKey]*cachedPage{}}
}

func keyOf(rq *req) pageKey {
	return pageKey{lang: rq.L.Lang, json: rq.JSON, path: rq.URL.Path, query: rq.URL.RawQuery}
}

// get returns the page rendered at version ver, or nil.
func (c *pageCache) get(ver uint64, k pageKey) *cachedPage {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.advance(ver)
	if ver != c.ver {
		return nil
	}
	return c.entries[k]
}

// put keeps a page rendered from data read after version ver was.
func (c *pageCache) put(ver uint64, k pageKey, p *cachedPage) {
	n := len(p.body)
	if n > c.limit/64 {
		// One huge page would push out many ordinary ones.
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.advance(ver)
	if ver != c.ver {
		return // built before a change another request has already seen
	}
	if old, ok := c.entries[k]; ok {
		c.size -= len(old.body)
	}
	c.entries[k] = p
	c.size += n
	if c.size > c.limit {
		// Map order is random enough to make this a random eviction, which
		// keeps popular pages in proportion to their popularity.
		for key, e := range c.entries {
			if c.size <= c.limit*3/4 {
				break
			}
			delete(c.entries, key)
			c.size -= len(e.body)
		}
	}
}

// advance forgets everything when the record has moved to a later
// version; the caller holds mu.
func (c *pageCache) advance(ver uint64) {
	if ver > c.ver {
		clear(c.entries)
		c.size = 0
		c.ver = ver
	}
}

// bufPool holds the buffers pages are rendered into.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuf() *bytes.Buffer {
	b := bufPool.Get().(*bytes.Buffer)
	b.Reset()
	return b
}

func putBuf(b *bytes.Buffer) {
	if b.Cap() > 1<<20 {
		return // let an outsized buffer go rather than pin it
	}
	bufPool.Put(b)
}
