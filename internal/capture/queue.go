package capture

import (
	"fmt"
	"sync"
)

// queue is an unbounded work queue whose consumers may add work: a feed
// fetched by a worker adds its items. pop reports false once the queue is
// empty and no item is still being worked on, so nothing can add more.
type queue struct {
	mu      sync.Mutex
	cond    *sync.Cond
	items   []item
	pending int // pushed and not yet done
	total   int // ever pushed
	stopped bool
	seen    map[string]bool
}

func newQueue() *queue {
	q := &queue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

// push queues it unless an item with the same kind and source was queued
// before in this run: a page named by a feed and a sitemap, or twice on
// the command line, is captured once (and never by two workers at once).
func (q *queue) push(it item) {
	q.mu.Lock()
	key := fmt.Sprint(it.kind, " ", it.source)
	if q.seen[key] {
		q.mu.Unlock()
		return
	}
	if q.seen == nil {
		q.seen = map[string]bool{}
	}
	q.seen[key] = true
	q.items = append(q.items, it)
	q.pending++
	q.total++
	q.mu.Unlock()
	q.cond.Signal()
}

func (q *queue) pop() (item, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 && q.pending > 0 && !q.stopped {
		q.cond.Wait()
	}
	if len(q.items) == 0 || q.stopped {
		return item{}, false
	}
	it := q.items[0]
	q.items[0] = item{}
	q.items = q.items[1:]
	return it, true
}

// peek returns up to n of the items waiting, next first, without taking
// them: the ledger entries of what comes next are read in one query.
func (q *queue) peek(n int) []item {
	q.mu.Lock()
	defer q.mu.Unlock()
	return append([]item(nil), q.items[:min(n, len(q.items))]...)
}

func (q *queue) done() {
	q.mu.Lock()
	q.pending--
	if q.pending == 0 {
		q.cond.Broadcast()
	}
	q.mu.Unlock()
}

// stop wakes every consumer and makes pop report false (cancellation).
func (q *queue) stop() {
	q.mu.Lock()
	q.stopped = true
	q.mu.Unlock()
	q.cond.Broadcast()
}

func (q *queue) size() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.total
}
