package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

const (
	defaultLimit = 100
	maxLimit     = 1000
)

func pageLimit(n int) (int, error) {
	switch {
	case n < 0:
		return 0, record.Errorf(record.EInvalid, "limit %d is negative: use 0 for the default of %d", n, defaultLimit)
	case n == 0:
		return defaultLimit, nil
	case n > maxLimit:
		return maxLimit, nil
	}
	return n, nil
}

// prepareDoc checks a captured document and fills what the store derives,
// before any transaction starts.
func (s *Store) prepareDoc(doc *record.Document) error {
	if doc == nil {
		return record.Errorf(record.EInvalid, "no document to save")
	}
	if doc.CanonicalURL == "" {
		doc.CanonicalURL = doc.URL
	}
	if doc.CanonicalURL == "" {
		return record.Errorf(record.EInvalid, "document has neither a canonical URL nor a URL: set at least URL")
	}
	if doc.URL == "" {
		doc.URL = doc.CanonicalURL
	}
	if doc.SHA256 == "" {
		return record.Errorf(record.EInvalid, "document %s has no SHA-256: set it to the hex digest of the archived payload", doc.CanonicalURL)
	}
	if doc.ID == "" {
		doc.ID = store.DocumentID(doc.CanonicalURL)
	}
	if doc.FetchedAt.IsZero() {
		doc.FetchedAt = s.nowUTC()
	}
	for _, f := range []struct{ name, v string }{
		{"URL", doc.URL}, {"canonical URL", doc.CanonicalURL}, {"title", doc.Title},
		{"byline", doc.Byline}, {"text", doc.Text}, {"content type", doc.ContentType},
	} {
		if err := checkText("document "+doc.CanonicalURL+": "+f.name, f.v); err != nil {
			return err
		}
	}
	return nil
}

// sortTime is what listings order documents by.
func sortTime(doc *record.Document) time.Time {
	switch {
	case !doc.PublishedAt.IsZero():
		return doc.PublishedAt
	case !doc.Published.IsZero():
		return doc.Published.Start()
	}
	return doc.FetchedAt
}

// SaveCapture implements store.Store.
func (s *Store) SaveCapture(ctx context.Context, doc *record.Document) (store.SaveOutcome, error) {
	out, err := s.SaveCaptures(ctx, []*record.Document{doc})
	if err != nil {
		return "", err
	}
	return out[0], nil
}

// SaveCaptures implements store.Store.
func (s *Store) SaveCaptures(ctx context.Context, docs []*record.Document) ([]store.SaveOutcome, error) {
	cs := make([]store.Capture, len(docs))
	for i, d := range docs {
		if d == nil {
			return nil, record.Errorf(record.EInvalid, "no document to save")
		}
		cs[i].Doc = d
	}
	return s.SaveCapturesWithStates(ctx, cs)
}

// SaveCapturesWithStates implements store.Store.
func (s *Store) SaveCapturesWithStates(ctx context.Context, cs []store.Capture) ([]store.SaveOutcome, error) {
	var docs, states []int // indexes into cs
	for i, c := range cs {
		if c.Doc == nil && c.State == nil {
			return nil, record.Errorf(record.EInvalid, "capture %d has neither a document nor a capture state", i)
		}
		if c.Doc != nil {
			if err := s.prepareDoc(c.Doc); err != nil {
				return nil, err
			}
			docs = append(docs, i)
		}
		if c.State != nil {
			if err := checkState(c.State); err != nil {
				return nil, err
			}
			states = append(states, i)
		}
	}
	if len(cs) == 0 {
		return nil, nil
	}
	outs := make([]store.SaveOutcome, len(cs))
	versions := make([]int, len(cs))
	// Saved in ID order, then the ledger in URL order (stable, so the same
	// document or URL twice keeps its order and the last one wins), so
	// that concurrent batches take row locks in one order and cannot
	// deadlock each other.
	sort.SliceStable(docs, func(a, b int) bool { return cs[docs[a]].Doc.ID < cs[docs[b]].Doc.ID })
	sort.SliceStable(states, func(a, b int) bool { return cs[states[a]].State.URL < cs[states[b]].State.URL })
	what := "" // what was being saved when an error struck
	err := s.transact(ctx, func(t *tx) error {
		if len(docs) > 0 {
			batch := make([]*record.Document, len(docs))
			for k, i := range docs {
				batch[k] = cs[i].Doc
			}
			what = "capture of " + batch[0].CanonicalURL
			known, err := s.lookupDocs(t, batch)
			if err != nil {
				return err
			}
			for _, i := range docs {
				doc := cs[i].Doc
				what = "capture of " + doc.CanonicalURL
				out, v, err := s.saveCapture(t, doc, known)
				if err != nil {
					return err
				}
				outs[i], versions[i] = out, v
			}
		}
		for _, i := range states {
			what = "capture state of " + cs[i].State.URL
			if err := s.putState(t, cs[i].State); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, s.fail(err, "save %s", what)
	}
	for _, i := range docs {
		cs[i].Doc.Version = versions[i]
	}
	return outs, nil
}

// docHead is what SaveCapture compares a capture with: the stored
// document's canonical URL and latest version.
type docHead struct {
	canonical, sha string
	version        int
	locked         bool // read FOR UPDATE, or written, in this transaction
}

// lookupDocs reads the stored heads of docs in one query per 500, so that
// a batch of unchanged captures costs one round trip rather than one each
// and locks nothing.
func (s *Store) lookupDocs(t *tx, docs []*record.Document) (map[string]docHead, error) {
	known := make(map[string]docHead, len(docs))
	seen := make(map[string]bool, len(docs))
	var ids []any
	for _, d := range docs {
		if !seen[d.ID] {
			seen[d.ID] = true
			ids = append(ids, d.ID)
		}
	}
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), 500)]
		ids = ids[len(chunk):]
		rows, err := t.query(`SELECT id, canonical_url, version, sha256 FROM documents WHERE id IN (`+placeholders(len(chunk))+`)`, chunk...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var (
				id string
				h  docHead
			)
			if err := rows.Scan(&id, &h.canonical, &h.version, &h.sha); err != nil {
				rows.Close()
				return nil, err
			}
			// Where the database has no row locks, the transaction
			// holds the whole database.
			h.locked = s.d.ForUpdate() == ""
			known[id] = h
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return known, nil
}

// saveCapture saves one capture given the heads of the documents stored
// so far, which it keeps up to date for the rest of the batch.
func (s *Store) saveCapture(t *tx, doc *record.Document, known map[string]docHead) (store.SaveOutcome, int, error) {
	h, ok := known[doc.ID]
	if !ok {
		inserted, err := s.insertDocument(t, doc)
		if err != nil {
			return "", 0, err
		}
		if inserted {
			known[doc.ID] = docHead{canonical: doc.CanonicalURL, sha: doc.SHA256, version: 1, locked: true}
			return store.SavedNew, 1, s.insertVersion(t, doc, 1)
		}
		// Another writer made it since the lookup: compare with theirs.
	}
	if !ok || (h.sha != doc.SHA256 && !h.locked) {
		// About to add a version: read the head again, locked, so that
		// concurrent writers number their versions one after another.
		err := t.queryRow(`SELECT canonical_url, version, sha256 FROM documents WHERE id = ?`+s.d.ForUpdate(), doc.ID).
			Scan(&h.canonical, &h.version, &h.sha)
		if errors.Is(err, sql.ErrNoRows) {
			return "", 0, fmt.Errorf("document %s vanished while being saved", doc.ID)
		}
		if err != nil {
			return "", 0, err
		}
		h.locked = true
		known[doc.ID] = h
	}
	if h.canonical != doc.CanonicalURL {
		return "", 0, record.Errorf(record.EConflict, "document ID %s belongs to %s already, not to %s", doc.ID, h.canonical, doc.CanonicalURL)
	}
	if h.sha == doc.SHA256 {
		return store.SavedUnchanged, h.version, nil
	}
	h.version++
	h.sha = doc.SHA256
	known[doc.ID] = h
	if err := s.updateDocument(t, doc, h.version); err != nil {
		return "", 0, err
	}
	return store.SavedNewVersion, h.version, s.insertVersion(t, doc, h.version)
}

// insertDocument inserts the first version's documents row; it reports
// false when a row with the ID appeared since the caller looked.
func (s *Store) insertDocument(t *tx, doc *record.Document) (bool, error) {
	res, err := t.exec(`INSERT INTO documents (id, canonical_url, url, outlet_id, title, byline, lang, published, published_at,
		fetched_at, sort_time, content_type, sha256, size, version, source_kind, flags, extractor_version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, '')
		ON CONFLICT (id) DO NOTHING`,
		doc.ID, doc.CanonicalURL, doc.URL, nullString(doc.OutletID), doc.Title, doc.Byline, doc.Lang, doc.Published.String(),
		s.timeArg(doc.PublishedAt), s.timeArg(doc.FetchedAt), s.timeArg(sortTime(doc)),
		doc.ContentType, doc.SHA256, doc.Size, doc.SourceKind, jsonText(doc.Flags))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// updateDocument points the documents row at a new version. The new text
// has not been through the extractor, so its extractor version is cleared.
func (s *Store) updateDocument(t *tx, doc *record.Document, version int) error {
	_, err := t.exec(`UPDATE documents SET url = ?, outlet_id = ?, title = ?, byline = ?, lang = ?, published = ?,
		published_at = ?, fetched_at = ?, sort_time = ?, content_type = ?, sha256 = ?, size = ?, version = ?,
		source_kind = ?, flags = ?, extractor_version = ''
		WHERE id = ?`,
		doc.URL, nullString(doc.OutletID), doc.Title, doc.Byline, doc.Lang, doc.Published.String(),
		s.timeArg(doc.PublishedAt), s.timeArg(doc.FetchedAt), s.timeArg(sortTime(doc)), doc.ContentType,
		doc.SHA256, doc.Size, version, doc.SourceKind, jsonText(doc.Flags), doc.ID)
	return err
}

func (s *Store) insertVersion(t *tx, doc *record.Document, version int) error {
	_, err := t.exec(`INSERT INTO document_versions (document_id, version, sha256, size, fetched_at, title, text,
		archive_file, archive_offset, archive_length, archive_record_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		doc.ID, version, doc.SHA256, doc.Size, s.timeArg(doc.FetchedAt), doc.Title, doc.Text,
		doc.Archive.File, doc.Archive.Offset, doc.Archive.Length, doc.Archive.RecordID)
	return err
}

const documentColumns = `d.id, d.url, d.canonical_url, d.outlet_id, d.title, d.byline, d.lang, d.published,
	d.published_at, d.fetched_at, d.content_type, d.sha256, d.size, d.version, d.source_kind, d.flags,
	d.extractor_version, v.text, v.archive_file, v.archive_offset, v.archive_length, v.archive_record_id
	FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.version = d.version`

type scanner interface{ Scan(dest ...any) error }

func scanDocument(sc scanner) (record.Document, error) {
	var d record.Document
	err := sc.Scan(&d.ID, &d.URL, &d.CanonicalURL, strCol{&d.OutletID}, &d.Title, &d.Byline, &d.Lang,
		dateCol{&d.Published}, timeCol{&d.PublishedAt}, timeCol{&d.FetchedAt}, &d.ContentType, &d.SHA256,
		&d.Size, &d.Version, &d.SourceKind, jsonCol{&d.Flags}, &d.ExtractorVersion, &d.Text,
		&d.Archive.File, &d.Archive.Offset, &d.Archive.Length, &d.Archive.RecordID)
	return d, err
}

// Document implements store.Store.
func (s *Store) Document(ctx context.Context, id string) (*record.Document, error) {
	d, err := scanDocument(s.queryRow(ctx, `SELECT `+documentColumns+` WHERE d.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, record.Errorf(record.ENotFound, "no document with ID %q", id)
	}
	if err != nil {
		return nil, s.fail(err, "read document %s", id)
	}
	return &d, nil
}

// DocumentByURL implements store.Store.
func (s *Store) DocumentByURL(ctx context.Context, canonicalURL string) (*record.Document, error) {
	d, err := scanDocument(s.queryRow(ctx, `SELECT `+documentColumns+` WHERE d.canonical_url = ?`, canonicalURL))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, record.Errorf(record.ENotFound, "no document with canonical URL %q", canonicalURL)
	}
	if err != nil {
		return nil, s.fail(err, "read document %s", canonicalURL)
	}
	return &d, nil
}

// DocumentVersions implements store.Store.
func (s *Store) DocumentVersions(ctx context.Context, id string) ([]record.DocumentVersion, error) {
	rows, err := s.query(ctx, `SELECT document_id, version, sha256, size, fetched_at, title, text,
		archive_file, archive_offset, archive_length, archive_record_id
		FROM document_versions WHERE document_id = ? ORDER BY version`, id)
	if err != nil {
		return nil, s.fail(err, "read versions of document %s", id)
	}
	defer rows.Close()
	var vs []record.DocumentVersion
	for rows.Next() {
		var v record.DocumentVersion
		if err := rows.Scan(&v.DocumentID, &v.Version, &v.SHA256, &v.Size, timeCol{&v.FetchedAt}, &v.Title, &v.Text,
			&v.Archive.File, &v.Archive.Offset, &v.Archive.Length, &v.Archive.RecordID); err != nil {
			return nil, s.fail(err, "read versions of document %s", id)
		}
		vs = append(vs, v)
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail(err, "read versions of document %s", id)
	}
	if len(vs) == 0 {
		return nil, record.Errorf(record.ENotFound, "no document with ID %q", id)
	}
	return vs, nil
}

// Documents implements store.Store.
func (s *Store) Documents(ctx context.Context, f store.DocumentFilter) ([]record.Document, error) {
	limit, err := pageLimit(f.Limit)
	if err != nil {
		return nil, err
	}
	var (
		where []string
		args  []any
	)
	add := func(cond string, a ...any) { where = append(where, cond); args = append(args, a...) }
	if f.OutletID != "" {
		add("d.outlet_id = ?", f.OutletID)
	}
	if f.Lang != "" {
		add("d.lang = ?", f.Lang)
	}
	if !f.From.IsZero() {
		add("d.sort_time >= ?", s.timeArg(f.From))
	}
	if !f.To.IsZero() {
		add("d.sort_time < ?", s.timeArg(f.To))
	}
	if f.ExtractorVersionNot != "" {
		add("d.extractor_version <> ?", f.ExtractorVersionNot)
	}
	if f.After != "" {
		var after time.Time
		err := s.queryRow(ctx, `SELECT sort_time FROM documents WHERE id = ?`, f.After).Scan(timeCol{&after})
		if errors.Is(err, sql.ErrNoRows) {
			return nil, record.Errorf(record.EInvalid, "page cursor %q is not a document ID: pass the last ID of the previous page", f.After)
		}
		if err != nil {
			return nil, s.fail(err, "read page cursor %s", f.After)
		}
		add("(d.sort_time < ? OR (d.sort_time = ? AND d.id < ?))", s.timeArg(after), s.timeArg(after), f.After)
	}
	q := `SELECT ` + documentColumns
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	q += ` ORDER BY d.sort_time DESC, d.id DESC LIMIT ?`
	args = append(args, limit)
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, s.fail(err, "list documents")
	}
	defer rows.Close()
	var docs []record.Document
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, s.fail(err, "list documents")
		}
		docs = append(docs, d)
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail(err, "list documents")
	}
	return docs, nil
}

// ArchiveRefs implements store.Store. It reads in pages so that fn may use
// the store (even write to it) without holding a read open across calls.
func (s *Store) ArchiveRefs(ctx context.Context, fn func(docID string, version int, sha256 string, ref record.ArchiveRef) error) error {
	type item struct {
		id      string
		version int
		sha     string
		ref     record.ArchiveRef
	}
	var (
		afterID      string
		afterVersion int
	)
	for {
		rows, err := s.query(ctx, `SELECT document_id, version, sha256, archive_file, archive_offset, archive_length, archive_record_id
			FROM document_versions WHERE document_id > ? OR (document_id = ? AND version > ?)
			ORDER BY document_id, version LIMIT 1000`, afterID, afterID, afterVersion)
		if err != nil {
			return s.fail(err, "list archive references")
		}
		var page []item
		for rows.Next() {
			var it item
			if err := rows.Scan(&it.id, &it.version, &it.sha, &it.ref.File, &it.ref.Offset, &it.ref.Length, &it.ref.RecordID); err != nil {
				rows.Close()
				return s.fail(err, "list archive references")
			}
			page = append(page, it)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return s.fail(err, "list archive references")
		}
		for _, it := range page {
			if err := fn(it.id, it.version, it.sha, it.ref); err != nil {
				return err
			}
		}
		if len(page) < 1000 {
			return nil
		}
		afterID, afterVersion = page[len(page)-1].id, page[len(page)-1].version
	}
}
