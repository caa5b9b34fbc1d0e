package web

import (
	"bytes"
	"context"
	"sync"

	"github.com/kamnotra/kamnotra/internal/record"
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

// entityCache keeps the people, organisations, places and outlets that
// pages name, between changes of the record, as pageCache keeps pages: a
// person page names a hundred people and a search page its outlets, and a
// page the cache has not seen need not read them all again. Records are
// shared between requests and never changed by pages.
type entityCache struct {
	mu      sync.Mutex
	ver     uint64
	n       int
	people  map[string]*record.Person
	orgs    map[string]*record.Organisation
	places  map[string]*record.Place
	outlets map[string]*record.Outlet
}

// maxEntities bounds the records kept: a few KB each.
const maxEntities = 50000

func newEntityCache() *entityCache {
	c := &entityCache{}
	c.reset(0)
	return c
}

func (c *entityCache) reset(ver uint64) {
	c.ver, c.n = ver, 0
	c.people, c.orgs = map[string]*record.Person{}, map[string]*record.Organisation{}
	c.places, c.outlets = map[string]*record.Place{}, map[string]*record.Outlet{}
}

// cached returns the record from the entity cache, or fetches it and keeps
// it (a missing one as nil) under the version read before the fetch.
func cached[T any](lk *lookup, id string, of func(*entityCache) map[string]*T, fetch func(context.Context, string) (*T, error)) (*T, error) {
	c := lk.shared
	if c == nil {
		return fetch(lk.ctx, id)
	}
	c.mu.Lock()
	if lk.ver > c.ver {
		c.reset(lk.ver)
	}
	if lk.ver == c.ver {
		if v, ok := of(c)[id]; ok {
			c.mu.Unlock()
			if v == nil {
				return nil, record.Errorf(record.ENotFound, "no record %s", id)
			}
			return v, nil
		}
	}
	c.mu.Unlock()
	v, err := fetch(lk.ctx, id)
	if err != nil && !record.IsNotFound(err) {
		return nil, err
	}
	c.mu.Lock()
	if lk.ver == c.ver {
		if c.n >= maxEntities {
			c.reset(c.ver)
		}
		of(c)[id] = v
		c.n++
	}
	c.mu.Unlock()
	return v, err
}
