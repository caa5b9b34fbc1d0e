// Package capture runs Kamnotra's capture pipeline: sources (URLs, feeds,
// sitemaps, local files and directories, Telegram exports) → polite fetch →
// WARC archive → document reading → store.
//
// Work flows through three stages. Several workers fetch or read items and
// make documents of them; one archive goroutine appends their WARC records
// and fsyncs once per batch (group commit); one store goroutine saves the
// batch's documents and their capture-ledger entries in one transaction.
// Because a record is on disk before the store refers to it, and a document
// and its ledger entry are committed together, a process killed at any point
// leaves a consistent store and archive: at worst an archived record that
// nothing refers to yet, which the next run makes again and verify reports
// as unreferenced.
//
// Idempotency: a conditional GET answered 304, or a payload whose SHA-256
// equals the ledger's, writes nothing — no WARC record and no document
// version (rather than a revisit record: a revisit would say only "seen
// again", which the ledger's CheckedAt already says, and would grow the
// archive on every polling run). Changed bytes become a new version of the
// same document, with their own record.
package capture

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/kamnotra/kamnotra/internal/capture/fetch"
	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
	"github.com/kamnotra/kamnotra/internal/warc"
)

// Store is what capture needs of the record store.
type Store interface {
	// SaveCapturesWithStates saves documents as store.Store.SaveCapture
	// does, and their ledger entries, all in one transaction.
	SaveCapturesWithStates(ctx context.Context, cs []store.Capture) ([]store.SaveOutcome, error)
	SourceState(ctx context.Context, url string) (*record.SourceState, error)
	// SourceStates reads the ledger entries of several URLs; those never
	// fetched are absent from the map.
	SourceStates(ctx context.Context, urls []string) (map[string]*record.SourceState, error)
	PutSourceState(ctx context.Context, s *record.SourceState) error
}

// Kinds of content, as Parsers.Sniff names them.
const (
	KindHTML     = "html"
	KindText     = "text"
	KindPDF      = "pdf"
	KindCorpus   = "corpus-json"
	KindTelegram = "telegram-json"
	KindFeed     = "feed"
	KindSitemap  = "sitemap"
	KindUnknown  = "unknown"
)

// ReadInput is one body to make a document of.
type ReadInput struct {
	URL         string
	ContentType string
	Body        []byte
	FetchedAt   time.Time
}

// Message is one message of a Telegram export, a document of its own.
type Message struct {
	URI  string    // https://t.me/CHANNEL/ID, or kamnotra:telegram/CHANNEL/ID for channels without a public name
	Date time.Time // when it was posted
	Text string
	Raw  []byte // the message as JSON: archived as its own resource record

	exportRecordID string // the export's record, when archived in this run
}

// Parsers are the readers the pipeline hands bytes to (packages document,
// feed and telegram; see DefaultParsers).
type Parsers struct {
	Sniff    func(contentType string, body []byte) string
	Read     func(ctx context.Context, in ReadInput) (*record.Document, error)
	Feed     func(body []byte, baseURL string) ([]string, error)
	Sitemap  func(body []byte) (urls, children []string, err error)
	Telegram func(body []byte) ([]Message, error)
}

// Options configure a capture run.
type Options struct {
	// Store must already hold the outlets that Parsers.Read attributes
	// documents to (see PutOutlets): documents refer to them.
	Store   Store
	Archive *warc.Writer
	Fetcher *fetch.Fetcher // nil refuses URL sources
	Parsers Parsers

	Workers     int           // parallel fetch/read workers; 2×CPUs when 0
	BatchSize   int           // documents per store transaction; 200 when 0
	Force       bool          // fetch even when the ledger says to back off
	MaxFileSize int64         // local files larger than this are refused; 64 MiB when 0
	BaseBackoff time.Duration // first wait after a failure (1m); doubles up to MaxBackoff (24h)
	MaxBackoff  time.Duration
	Logger      *slog.Logger
	Progress    *Progress // nil for none
	Now         func() time.Time
}

// Failure is one item that could not be captured.
type Failure struct {
	Source string
	Reason string
}

// Summary counts what a run did.
type Summary struct {
	New          int // documents seen for the first time
	NewVersions  int // documents whose source changed
	Unchanged    int // same bytes as last time (304, same SHA-256, or stored already)
	Deferred     int // skipped: the ledger says to wait after earlier failures
	Containers   int // feeds, sitemaps and exports expanded into items
	Failed       int
	Records      int   // WARC records written
	ArchiveBytes int64 // compressed bytes appended to the archive
	Failures     []Failure
	Elapsed      time.Duration
}

// Documents is the number of items that ended as a stored document.
func (s *Summary) Documents() int { return s.New + s.NewVersions + s.Unchanged }

type itemKind int

const (
	kindURL itemKind = iota
	kindFile
	kindMessage
)

type item struct {
	kind   itemKind
	source string // URL, path or message URI: for logs and failures
	msg    *Message
	depth  int // sitemap nesting
}

// job is one item's archive records and document on their way to the
// archive and the store.
type job struct {
	source  string
	records []*warc.Record
	members []warc.Member    // records compressed by the worker
	main    int              // index of the record the document refers to
	doc     *record.Document // nil for a feed or sitemap: archived, not a document
	state   *record.SourceState
}

type runner struct {
	opts    Options
	q       *queue
	log     *slog.Logger
	archive chan *job

	mu  sync.Mutex
	sum Summary

	ledgerMu sync.Mutex
	ledger   map[string]*prefetched // ledger entries read ahead, by key; taken once
}

// prefetched is a ledger entry read ahead of its item, or being read.
type prefetched struct {
	done chan struct{} // closed once st and err are set
	st   *record.SourceState
	err  error
}

// prefetchAhead is how many queued items' ledger entries one query reads.
const prefetchAhead = 256

const maxSitemapDepth = 3

// Run captures sources and returns what it did. The error is for what
// stopped the whole run (a failed archive write, a store that is gone,
// cancellation); items that failed are in Summary.Failures.
func Run(ctx context.Context, opts Options, sources []string) (*Summary, error) {
	start := time.Now()
	if opts.Workers <= 0 {
		opts.Workers = 2 * runtime.NumCPU()
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = 200
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = 64 << 20
	}
	if opts.BaseBackoff <= 0 {
		opts.BaseBackoff = time.Minute
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = 24 * time.Hour
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Store == nil || opts.Archive == nil || opts.Parsers.Sniff == nil || opts.Parsers.Read == nil {
		return nil, errors.New("capture: Store, Archive, Parsers.Sniff and Parsers.Read are required")
	}
	// The queue between workers and the archive bounds the captured bodies
	// held in memory while still letting a batch gather behind a commit.
	r := &runner{opts: opts, q: newQueue(), log: opts.Logger, archive: make(chan *job, max(64, 2*opts.Workers)),
		ledger: map[string]*prefetched{}}
	if opts.Progress != nil {
		opts.Progress.total = r.q.size
		opts.Progress.start()
		defer opts.Progress.stop()
	}

	for _, s := range sources {
		if err := r.addSource(s); err != nil {
			r.fail(s, err)
		}
	}

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	go func() {
		<-ctx.Done()
		r.q.stop()
	}()

	var workers sync.WaitGroup
	for range opts.Workers {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for {
				it, ok := r.q.pop()
				if !ok {
					return
				}
				r.handle(ctx, it)
				r.q.done()
			}
		}()
	}
	stored := make(chan []*job, 2)
	var fatal error
	var fatalOnce sync.Once
	setFatal := func(err error) {
		fatalOnce.Do(func() { fatal = err; cancel(err) })
	}
	var stages sync.WaitGroup
	stages.Add(2)
	go func() { defer stages.Done(); defer close(stored); r.archiveStage(stored, setFatal) }()
	// The store stage finishes what was archived even after cancellation,
	// so that no synced record waits for a run that will not come.
	go func() { defer stages.Done(); r.storeStage(context.WithoutCancel(ctx), stored, setFatal) }()
	workers.Wait()
	close(r.archive)
	stages.Wait()

	r.sum.Elapsed = time.Since(start)
	if fatal != nil {
		return &r.sum, fatal
	}
	if err := context.Cause(ctx); err != nil && ctx.Err() != nil {
		return &r.sum, err
	}
	return &r.sum, nil
}

// addSource queues one command-line source: a URL, a file, or every file
// under a directory.
func (r *runner) addSource(s string) error {
	if strings.Contains(s, "://") {
		if strings.HasPrefix(strings.ToLower(s), "file://") {
			u, err := url.Parse(s)
			if err != nil {
				return record.Wrap(record.EInvalid, err, "bad file URL %q", s)
			}
			s = u.Path
		} else {
			r.q.push(item{kind: kindURL, source: s})
			return nil
		}
	}
	st, err := os.Stat(s)
	if err != nil {
		return record.Wrap(record.EInvalid, err, "%s is neither a URL nor a readable file", s)
	}
	if !st.IsDir() {
		r.q.push(item{kind: kindFile, source: s})
		return nil
	}
	return filepath.WalkDir(s, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			r.fail(p, err)
			return nil
		}
		if p != s && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			r.q.push(item{kind: kindFile, source: p})
		}
		return nil
	})
}

func (r *runner) fail(source string, err error) {
	reason := err.Error()
	r.mu.Lock()
	r.sum.Failed++
	r.sum.Failures = append(r.sum.Failures, Failure{Source: source, Reason: reason})
	r.mu.Unlock()
	r.log.Warn("capture failed", "source", source, "err", reason)
	if p := r.opts.Progress; p != nil {
		p.failed.Add(1)
	}
}

func (r *runner) count(f func(s *Summary)) {
	r.mu.Lock()
	f(&r.sum)
	r.mu.Unlock()
}

func (r *runner) handle(ctx context.Context, it item) {
	if ctx.Err() != nil {
		return
	}
	switch it.kind {
	case kindFile:
		r.handleFile(ctx, it)
	case kindMessage:
		r.handleMessage(ctx, it)
	case kindURL:
		r.handleURL(ctx, it)
	}
}

// loadState returns the ledger entry for key, or a fresh one. It reads the
// entries of the items queued next with it, in one query, rather than one
// query per item.
func (r *runner) loadState(ctx context.Context, key string) (*record.SourceState, error) {
	r.ledgerMu.Lock()
	p, ok := r.ledger[key]
	if ok {
		delete(r.ledger, key)
		r.ledgerMu.Unlock()
		<-p.done
	} else {
		p = &prefetched{done: make(chan struct{})}
		keys := []string{key}
		mine := []*prefetched{p}
		for _, it := range r.q.peek(prefetchAhead) {
			k, ok := ledgerKey(it)
			if _, seen := r.ledger[k]; !ok || seen || k == key {
				continue
			}
			q := &prefetched{done: make(chan struct{})}
			r.ledger[k] = q
			keys = append(keys, k)
			mine = append(mine, q)
		}
		r.ledgerMu.Unlock()
		sts, err := r.opts.Store.SourceStates(ctx, keys)
		for i, q := range mine {
			q.st, q.err = sts[keys[i]], err
			close(q.done)
		}
	}
	if p.err != nil {
		// The read ahead failed; this item's own read says why, or works.
		return r.loadOne(ctx, key)
	}
	if p.st == nil {
		return &record.SourceState{URL: key}, nil
	}
	return p.st, nil
}

func (r *runner) loadOne(ctx context.Context, key string) (*record.SourceState, error) {
	st, err := r.opts.Store.SourceState(ctx, key)
	if record.IsNotFound(err) {
		return &record.SourceState{URL: key}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read capture ledger for %s: %w", key, err)
	}
	return st, nil
}

// ledgerKey is the key under which the item's ledger entry is kept.
func ledgerKey(it item) (string, bool) {
	switch it.kind {
	case kindURL:
		return it.source, true
	case kindMessage:
		return it.msg.URI, true
	case kindFile:
		uri, err := fileURI(it.source)
		return uri, err == nil
	}
	return "", false
}

func fileURI(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(), nil
}

func contentTypeFor(kind string) string {
	switch kind {
	case KindHTML:
		return "text/html"
	case KindText:
		return "text/plain"
	case KindPDF:
		return "application/pdf"
	case KindCorpus, KindTelegram:
		return "application/json"
	case KindFeed, KindSitemap:
		return "application/xml"
	}
	return "application/octet-stream"
}

func readFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Sized from the file, so that reading does not grow the buffer step
	// by step (one byte more to see EOF, or a file grown meanwhile).
	var buf bytes.Buffer
	if fi, err := f.Stat(); err == nil && fi.Size() <= limit {
		buf.Grow(int(fi.Size()) + bytes.MinRead)
	}
	_, err = buf.ReadFrom(io.LimitReader(f, limit+1))
	b := buf.Bytes()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if int64(len(b)) > limit {
		return nil, record.Errorf(record.EInvalid, "%s is larger than the %d MiB limit for one file: refused (raise --max-size to capture it)", path, limit>>20)
	}
	return b, nil
}

func (r *runner) handleFile(ctx context.Context, it item) {
	body, err := readFile(it.source, r.opts.MaxFileSize)
	if err != nil {
		r.fail(it.source, err)
		return
	}
	uri, err := fileURI(it.source)
	if err != nil {
		r.fail(it.source, err)
		return
	}
	kind := r.opts.Parsers.Sniff("", body)
	switch kind {
	case KindTelegram:
		r.expandTelegram(ctx, it, uri, body)
		return
	case KindFeed, KindSitemap:
		// A saved feed or sitemap: its items are fetched from the web.
		r.expandContainer(it, kind, body, "")
		return
	case KindUnknown:
		r.fail(it.source, record.Errorf(record.EInvalid, "%s: not HTML, text, PDF, a corpus item, a feed, a sitemap or a Telegram export", it.source))
		return
	}
	r.captureResource(ctx, it.source, uri, contentTypeFor(kind), body, nil)
}

// expandTelegram archives an export file as it is (once per distinct
// content) and queues each of its messages as a document of its own. The
// messages keep their own ledger entries, so an export that grew captures
// only its new messages, and a run killed midway completes on the next.
func (r *runner) expandTelegram(ctx context.Context, it item, uri string, body []byte) {
	if r.opts.Parsers.Telegram == nil {
		r.fail(it.source, errors.New("Telegram exports are not supported by this build"))
		return
	}
	msgs, err := r.opts.Parsers.Telegram(body)
	if err != nil {
		r.fail(it.source, err)
		return
	}
	r.count(func(s *Summary) { s.Containers++ })
	st, err := r.loadState(ctx, uri)
	if err != nil {
		r.fail(it.source, err)
		return
	}
	exportID := ""
	if sha := warc.DigestHex(body); st.SHA256 != sha {
		now := r.opts.Now().UTC()
		exportID = warc.NewRecordID()
		rec := &warc.Record{Header: warc.Fields(
			"WARC-Type", warc.TypeResource,
			"WARC-Record-ID", exportID,
			"WARC-Date", warc.FormatDate(now),
			"WARC-Target-URI", uri,
			"Content-Type", "application/json",
			"WARC-Payload-Digest", warc.Digest(body),
		), Block: body}
		st.SHA256, st.CheckedAt, st.LastError, st.Failures, st.NextAttempt = sha, now, "", 0, time.Time{}
		r.send(&job{source: it.source, records: []*warc.Record{rec}, state: st})
	}
	for i := range msgs {
		msgs[i].exportRecordID = exportID
		r.q.push(item{kind: kindMessage, source: msgs[i].URI, msg: &msgs[i]})
	}
}

// expandContainer queues the items of a feed or sitemap.
func (r *runner) expandContainer(it item, kind string, body []byte, base string) {
	var urls, children []string
	var err error
	switch kind {
	case KindFeed:
		if r.opts.Parsers.Feed == nil {
			err = errors.New("feeds are not supported by this build")
		} else {
			urls, err = r.opts.Parsers.Feed(body, base)
		}
	case KindSitemap:
		if r.opts.Parsers.Sitemap == nil {
			err = errors.New("sitemaps are not supported by this build")
		} else {
			urls, children, err = r.opts.Parsers.Sitemap(body)
		}
	}
	if err != nil {
		r.fail(it.source, err)
		return
	}
	r.count(func(s *Summary) { s.Containers++ })
	for _, u := range urls {
		r.q.push(item{kind: kindURL, source: u, depth: it.depth})
	}
	for _, c := range children {
		if it.depth+1 > maxSitemapDepth {
			r.fail(c, record.Errorf(record.EInvalid, "sitemap nested more than %d deep: not followed", maxSitemapDepth))
			continue
		}
		r.q.push(item{kind: kindURL, source: c, depth: it.depth + 1})
	}
}

func (r *runner) handleMessage(ctx context.Context, it item) {
	r.captureResource(ctx, it.source, it.msg.URI, "application/json", it.msg.Raw, it.msg)
}

// captureResource captures bytes that did not come over HTTP: a local file
// or one message of an export, archived as a WARC resource record.
func (r *runner) captureResource(ctx context.Context, source, uri, contentType string, body []byte, msg *Message) {
	st, err := r.loadState(ctx, uri)
	if err != nil {
		r.fail(source, err)
		return
	}
	now := r.opts.Now().UTC()
	// One hash serves the ledger, the store and the record's payload and
	// block digests: the block of a resource record is the payload.
	digest, sha := warc.Digests(body)
	if st.SHA256 == sha {
		r.unchanged()
		return
	}
	var doc *record.Document
	if msg != nil {
		doc, err = r.opts.Parsers.Read(ctx, ReadInput{URL: uri, ContentType: "text/plain; charset=utf-8", Body: []byte(msg.Text), FetchedAt: now})
		if err == nil {
			doc.CanonicalURL = uri
			doc.SourceKind = "telegram"
			if !msg.Date.IsZero() {
				doc.PublishedAt = msg.Date.UTC()
				doc.Published = record.DateOf(msg.Date)
			}
			if doc.Title == "" {
				doc.Title = firstLine(msg.Text, 120)
			}
		}
	} else {
		doc, err = r.opts.Parsers.Read(ctx, ReadInput{URL: uri, ContentType: contentType, Body: body, FetchedAt: now})
	}
	if err != nil {
		r.fail(source, err)
		return
	}
	doc.URL, doc.FetchedAt, doc.ContentType = uri, now, contentType
	doc.SHA256, doc.Size = sha, int64(len(body))
	rec := &warc.Record{Header: warc.Fields(
		"WARC-Type", warc.TypeResource,
		"WARC-Record-ID", warc.NewRecordID(),
		"WARC-Date", warc.FormatDate(now),
		"WARC-Target-URI", uri,
		"Content-Type", contentType,
		"WARC-Payload-Digest", digest,
		"WARC-Block-Digest", digest,
	), Block: body}
	if msg != nil && msg.exportRecordID != "" {
		// The message was taken out of the export archived in the same
		// run. (WARC-Refers-To is not allowed on resource records.)
		rec.Header.Set("WARC-Concurrent-To", msg.exportRecordID)
	}
	st.SHA256, st.CheckedAt, st.LastError, st.Failures, st.NextAttempt = sha, now, "", 0, time.Time{}
	r.send(&job{source: source, records: []*warc.Record{rec}, main: 0, doc: doc, state: st})
}

func firstLine(s string, n int) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	rs := []rune(strings.TrimSpace(s))
	if len(rs) > n {
		return string(rs[:n]) + "…"
	}
	return string(rs)
}

func (r *runner) unchanged() {
	r.count(func(s *Summary) { s.Unchanged++ })
	if p := r.opts.Progress; p != nil {
		p.unchanged.Add(1)
	}
}

// send compresses the job's records here, in the worker, so that the one
// archive goroutine only appends bytes.
func (r *runner) send(j *job) {
	j.members = make([]warc.Member, len(j.records))
	for i, rec := range j.records {
		m, err := warc.Encode(rec)
		if err != nil {
			r.fail(j.source, fmt.Errorf("encode WARC record: %w", err))
			return
		}
		j.members[i] = m
	}
	j.records = nil
	r.archive <- j
}

func (r *runner) handleURL(ctx context.Context, it item) {
	if r.opts.Fetcher == nil {
		r.fail(it.source, errors.New("URL sources need a fetcher"))
		return
	}
	st, err := r.loadState(ctx, it.source)
	if err != nil {
		r.fail(it.source, err)
		return
	}
	now := r.opts.Now().UTC()
	if !r.opts.Force && st.NextAttempt.After(now) {
		r.count(func(s *Summary) { s.Deferred++ })
		r.log.Info("capture deferred after earlier failures", "url", it.source, "failures", st.Failures, "next_attempt", st.NextAttempt, "last_error", st.LastError)
		return
	}
	resp, err := r.opts.Fetcher.Fetch(ctx, fetch.Request{URL: it.source, ETag: st.ETag, LastModified: st.LastModified})
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		r.backoff(ctx, st, err.Error(), 0, 0)
		r.fail(it.source, err)
		return
	}
	st.CheckedAt, st.LastStatus = now, resp.Status
	switch {
	case resp.Status == 304:
		st.Failures, st.NextAttempt, st.LastError = 0, time.Time{}, ""
		if err := r.opts.Store.PutSourceState(ctx, st); err != nil {
			r.fail(it.source, err)
			return
		}
		r.unchanged()
		return
	case resp.Status < 200 || resp.Status > 299:
		msg := fmt.Sprintf("HTTP %d from %s", resp.Status, resp.URL)
		if resp.RetryAfter > 0 {
			msg += fmt.Sprintf(" (Retry-After %s)", resp.RetryAfter)
		}
		r.backoff(ctx, st, msg, resp.Status, resp.RetryAfter)
		r.fail(it.source, errors.New(msg))
		return
	}
	recs, main, payload, sha := httpRecords(resp)
	st.ETag, st.LastModified = resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	st.Failures, st.NextAttempt, st.LastError = 0, time.Time{}, ""
	body, err := decodeContent(resp.Header.Get("Content-Encoding"), resp.Body)
	if err != nil {
		r.backoff(ctx, st, err.Error(), resp.Status, 0)
		r.fail(it.source, err)
		return
	}
	ct := resp.Header.Get("Content-Type")
	kind := r.opts.Parsers.Sniff(ct, body)
	if kind == KindFeed || kind == KindSitemap {
		if st.SHA256 == sha {
			// Same feed as last time: its items were queued then.
			r.putState(ctx, it.source, st)
			r.unchanged()
			return
		}
		st.SHA256 = sha
		r.expandContainer(it, kind, body, resp.URL)
		r.send(&job{source: it.source, records: recs, main: main, state: st})
		return
	}
	if st.SHA256 == sha {
		r.putState(ctx, it.source, st)
		r.unchanged()
		return
	}
	doc, err := r.opts.Parsers.Read(ctx, ReadInput{URL: resp.URL, ContentType: ct, Body: body, FetchedAt: now})
	if err != nil {
		r.putState(ctx, it.source, st)
		r.fail(it.source, err)
		return
	}
	doc.URL, doc.FetchedAt, doc.ContentType = resp.URL, now, ct
	doc.SHA256, doc.Size = sha, int64(len(payload))
	if resp.Truncated {
		doc.Flags = appendFlag(doc.Flags, record.FlagTruncated)
	}
	st.SHA256 = sha
	r.send(&job{source: it.source, records: recs, main: main, doc: doc, state: st})
}

func (r *runner) putState(ctx context.Context, source string, st *record.SourceState) {
	if err := r.opts.Store.PutSourceState(ctx, st); err != nil {
		r.log.Warn("could not update the capture ledger", "source", source, "err", err)
	}
}

func appendFlag(fs []string, f string) []string {
	for _, x := range fs {
		if x == f {
			return fs
		}
	}
	return append(fs, f)
}

// backoff records a failure: the wait before the next attempt doubles with
// each failure in a row, and a server's Retry-After is honoured when longer.
func (r *runner) backoff(ctx context.Context, st *record.SourceState, reason string, status int, retryAfter time.Duration) {
	now := r.opts.Now().UTC()
	st.Failures++
	st.LastError, st.LastStatus, st.CheckedAt = reason, status, now
	wait := r.opts.BaseBackoff
	for i := 1; i < st.Failures && wait < r.opts.MaxBackoff; i++ {
		wait *= 2
	}
	wait = min(wait, r.opts.MaxBackoff)
	if retryAfter > wait {
		wait = retryAfter
	}
	st.NextAttempt = now.Add(wait)
	r.putState(ctx, st.URL, st)
}

// decodeContent undoes a gzip content coding for reading; the archive keeps
// the bytes as sent.
func decodeContent(enc string, body []byte) ([]byte, error) {
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "", "identity":
		return body, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, record.Wrap(record.EInvalid, err, "the server said gzip but sent something else")
		}
		out, err := io.ReadAll(io.LimitReader(zr, 256<<20))
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, record.Wrap(record.EInvalid, err, "corrupt gzip body")
		}
		return out, nil
	}
	return nil, record.Errorf(record.EInvalid, "unsupported Content-Encoding %q", enc)
}

// httpRecords makes the response and request records of every exchange of
// a fetch, redirects first. main is the final response's index; payload is
// that response's payload, and sha its hex SHA-256, which the store keeps.
func httpRecords(resp *fetch.Response) (recs []*warc.Record, main int, payload []byte, sha string) {
	exs := append(append([]*fetch.Exchange{}, resp.Redirects...), resp.Exchange)
	for i, ex := range exs {
		p, _ := warc.HTTPPayload(ex.RawResponse, true)
		digest, hexSum := warc.Digests(p)
		respID, reqID := warc.NewRecordID(), warc.NewRecordID()
		date := warc.FormatDate(ex.Started)
		rh := warc.Fields(
			"WARC-Type", warc.TypeResponse,
			"WARC-Record-ID", respID,
			"WARC-Date", date,
			"WARC-Target-URI", ex.URL,
			"WARC-IP-Address", ex.IP,
			"WARC-Concurrent-To", reqID,
			"Content-Type", warc.ContentTypeHTTPResponse,
			"WARC-Payload-Digest", digest,
		)
		if ex.Truncated {
			rh = append(rh, warc.Field{Name: "WARC-Truncated", Value: "length"})
		}
		if i == len(exs)-1 {
			main, payload, sha = len(recs), p, hexSum
		}
		recs = append(recs, &warc.Record{Header: rh, Block: ex.RawResponse})
		recs = append(recs, &warc.Record{Header: warc.Fields(
			"WARC-Type", warc.TypeRequest,
			"WARC-Record-ID", reqID,
			"WARC-Date", date,
			"WARC-Target-URI", ex.URL,
			"WARC-IP-Address", ex.IP,
			"WARC-Concurrent-To", respID,
			"Content-Type", warc.ContentTypeHTTPRequest,
		), Block: ex.RawRequest})
	}
	return recs, main, payload, sha
}

// archiveStage appends the records of whatever jobs are waiting, fsyncs
// once for all of them, and passes them on.
func (r *runner) archiveStage(out chan<- []*job, setFatal func(error)) {
	var broken error
	for j := range r.archive {
		batch := []*job{j}
	drain:
		for len(batch) < r.opts.BatchSize {
			select {
			case j, ok := <-r.archive:
				if !ok {
					break drain
				}
				batch = append(batch, j)
			default:
				break drain
			}
		}
		if broken != nil {
			for _, j := range batch {
				r.fail(j.source, fmt.Errorf("not archived: %w", broken))
			}
			continue
		}
		var bytes int64
		records := 0
		for _, j := range batch {
			refs, err := r.opts.Archive.WriteMembers(j.members...)
			if err != nil {
				broken = err
				break
			}
			ref := refs[j.main]
			if j.doc != nil {
				j.doc.Archive = record.ArchiveRef{File: ref.File, Offset: ref.Offset, Length: ref.Length, RecordID: ref.RecordID}
			}
			for _, rf := range refs {
				bytes += rf.Length
			}
			records += len(refs)
		}
		if broken == nil {
			broken = r.opts.Archive.Sync()
		}
		if broken != nil {
			// Nothing of this batch is known to be on disk: store none of it.
			for _, j := range batch {
				r.fail(j.source, fmt.Errorf("not archived: %w", broken))
			}
			setFatal(fmt.Errorf("archive write failed, capture stopped: %w", broken))
			continue
		}
		r.count(func(s *Summary) { s.Records += records; s.ArchiveBytes += bytes })
		if p := r.opts.Progress; p != nil {
			p.bytes.Add(bytes)
		}
		out <- batch
	}
}

// storeStage saves each batch's documents and ledger entries in one
// transaction.
func (r *runner) storeStage(ctx context.Context, in <-chan []*job, setFatal func(error)) {
	brokenBatches := 0 // batches in a row of which every document failed
	for batch := range in {
		var docs []*record.Document
		var withDoc []*job
		for _, j := range batch {
			if j.doc != nil {
				docs = append(docs, j.doc)
				withDoc = append(withDoc, j)
			}
		}
		// Each document goes with its ledger entry, and a feed's entry
		// alone: all in the batch's one transaction.
		cs := make([]store.Capture, 0, len(batch))
		for _, j := range batch {
			if j.doc != nil || j.state != nil {
				cs = append(cs, store.Capture{Doc: j.doc, State: j.state})
			}
		}
		outcomes := make([]store.SaveOutcome, len(docs))
		errs := make([]error, len(docs))
		if len(cs) > 0 {
			got, err := r.opts.Store.SaveCapturesWithStates(ctx, cs)
			if err != nil || len(got) != len(cs) {
				// One bad document must not sink the batch: save one by one
				// to find it.
				got = make([]store.SaveOutcome, len(cs))
				k := 0
				for i, c := range cs {
					o, err := r.opts.Store.SaveCapturesWithStates(ctx, []store.Capture{c})
					switch {
					case err == nil && len(o) == 1:
						got[i] = o[0]
					case c.Doc != nil:
						errs[k] = fmt.Errorf("store document: %w", err)
					default:
						// A stale ledger only means the next run reads
						// these bytes again and finds them unchanged.
						r.log.Warn("could not update the capture ledger", "source", c.State.URL, "err", err)
					}
					if c.Doc != nil {
						k++
					}
				}
			}
			k := 0
			for i, c := range cs {
				if c.Doc != nil {
					outcomes[k] = got[i]
					k++
				}
			}
		}
		if len(docs) > 0 {
			internal := 0
			for _, err := range errs {
				if err != nil && record.ErrorCode(err) == record.EInternal {
					internal++
				}
			}
			if internal == len(docs) {
				brokenBatches++
			} else {
				brokenBatches = 0
			}
			if len(docs) > 1 && brokenBatches > 0 || brokenBatches >= 3 {
				// Not one bad document but a store that does not work: stop
				// rather than fail every item that follows.
				setFatal(fmt.Errorf("the store refuses every document: %w", errs[0]))
			}
		}
		for i, j := range withDoc {
			if errs[i] != nil {
				r.fail(j.source, errs[i])
				continue
			}
			r.count(func(s *Summary) {
				switch outcomes[i] {
				case store.SavedNew:
					s.New++
				case store.SavedNewVersion:
					s.NewVersions++
				default:
					s.Unchanged++
				}
			})
			if p := r.opts.Progress; p != nil {
				switch outcomes[i] {
				case store.SavedUnchanged:
					p.unchanged.Add(1)
				default:
					p.captured.Add(1)
				}
			}
		}
	}
}
