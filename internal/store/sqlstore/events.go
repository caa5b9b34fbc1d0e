package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

// prepareEvent checks an event and fills its defaults.
func (s *Store) prepareEvent(e *record.Event) error {
	if e == nil {
		return record.Errorf(record.EInvalid, "no event to save")
	}
	if e.ID == "" {
		e.ID = store.NewID("e")
	}
	if e.Type == "" {
		return record.Errorf(record.EInvalid, "event %s has no type", e.ID)
	}
	if e.Status == "" {
		e.Status = record.StatusExtracted
	}
	if err := checkStatus(e.Status); err != nil {
		return err
	}
	for i, p := range e.Participants {
		if p.Role == "" {
			return record.Errorf(record.EInvalid, "event %s participant %d has no role", e.ID, i)
		}
		if err := checkText(fmt.Sprintf("event %s participant %d mention", e.ID, i), p.Mention); err != nil {
			return err
		}
	}
	return nil
}

// putEvent inserts or replaces e and its participants. now stamps
// UpdatedAt, and created CreatedAt when the event is new; e.CreatedAt is
// set to the stored one.
func (s *Store) putEvent(t *tx, e *record.Event, created, now time.Time) error {
	parts, cands, err := participantRows(e)
	if err != nil {
		return err
	}
	createdAt := e.CreatedAt
	err = t.queryRow(eventInsert+values(eventCols)+eventUpsert+` RETURNING created_at`, s.eventRow(e, created, now)...).Scan(timeCol{&createdAt})
	if err != nil {
		return err
	}
	e.CreatedAt = createdAt
	if _, err := t.exec(`DELETE FROM event_participants WHERE event_id = ?`, e.ID); err != nil {
		return err
	}
	for _, r := range parts {
		if _, err := t.exec(participantInsert+values(participantCols), r...); err != nil {
			return err
		}
	}
	for _, r := range cands {
		if _, err := t.exec(candidateInsert+values(candidateCols), r...); err != nil {
			return err
		}
	}
	return nil
}

// PutEvent implements store.Store.
func (s *Store) PutEvent(ctx context.Context, e *record.Event) error {
	if err := s.prepareEvent(e); err != nil {
		return err
	}
	now := s.nowUTC()
	created := e.CreatedAt
	if created.IsZero() {
		created = now
	}
	saved := *e
	err := s.transact(ctx, func(t *tx) error {
		saved.CreatedAt = created
		return s.putEvent(t, &saved, created, now)
	})
	if err != nil {
		return s.fail(err, "save event %s", e.ID)
	}
	e.CreatedAt, e.UpdatedAt = saved.CreatedAt, now
	return nil
}

const eventColumns = `e.id, e.type, e.date, e.place_id, e.count, e.count_qualifier, e.from_org_id, e.to_org_id,
	e.role_class, e.evidence_grade, e.status, e.created_at, e.updated_at FROM events e`

func scanEvent(sc scanner) (record.Event, error) {
	var e record.Event
	err := sc.Scan(&e.ID, &e.Type, dateCol{&e.Date}, strCol{&e.PlaceID}, intPtrCol{&e.Count}, &e.CountQualifier,
		strCol{&e.FromOrgID}, strCol{&e.ToOrgID}, &e.RoleClass, &e.EvidenceGrade, &e.Status,
		timeCol{&e.CreatedAt}, timeCol{&e.UpdatedAt})
	return e, err
}

// events runs a query for events and attaches their participants.
func (s *Store) events(ctx context.Context, what, q string, args ...any) ([]record.Event, error) {
	es, err := queryAll(s, ctx, what, scanEvent, q, args...)
	if err != nil || len(es) == 0 {
		return es, err
	}
	byID := make(map[string]*record.Event, len(es))
	ids := make([]any, len(es))
	for i := range es {
		byID[es[i].ID] = &es[i]
		ids[i] = es[i].ID
	}
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), 500)]
		ids = ids[len(chunk):]
		rows, err := s.query(ctx, `SELECT event_id, role, person_id, org_id, mention, confidence FROM event_participants
			WHERE event_id IN (`+placeholders(len(chunk))+`) ORDER BY event_id, ord`, chunk...)
		if err != nil {
			return nil, s.fail(err, "%s", what)
		}
		for rows.Next() {
			var (
				id string
				p  record.Participant
			)
			if err := rows.Scan(&id, &p.Role, strCol{&p.PersonID}, strCol{&p.OrgID}, &p.Mention, &p.Confidence); err != nil {
				rows.Close()
				return nil, s.fail(err, "%s", what)
			}
			e := byID[id]
			e.Participants = append(e.Participants, p)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, s.fail(err, "%s", what)
		}
	}
	if err := s.readCandidates(ctx, byID); err != nil {
		return nil, s.fail(err, "%s", what)
	}
	return es, nil
}

// Event implements store.Store.
func (s *Store) Event(ctx context.Context, id string) (*record.Event, error) {
	es, err := s.events(ctx, "read event "+id, `SELECT `+eventColumns+` WHERE e.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return nil, record.Errorf(record.ENotFound, "no event with ID %q", id)
	}
	return &es[0], nil
}

// shortWindow is the longest date filter Events looks up precision by
// precision; longer ones walk the date index in order and stop at the
// page's end.
const shortWindow = 92 * 24 * time.Hour

// Events implements store.Store.
func (s *Store) Events(ctx context.Context, f store.EventFilter) ([]record.Event, error) {
	limit, err := pageLimit(f.Limit)
	if err != nil {
		return nil, err
	}
	var (
		where []string
		args  []any
	)
	add := func(cond string, a ...any) { where = append(where, cond); args = append(args, a...) }
	typeArgs := make([]any, len(f.Types))
	for i, t := range f.Types {
		typeArgs[i] = string(t)
	}
	if len(f.Types) > 0 {
		col := "e.type"
		if f.PersonID != "" {
			// A person's events are few: let the participants' index
			// find them. Without statistics SQLite would rather walk
			// every event of the type and test each.
			col = s.d.Unindexed(col)
		}
		add(col+" IN ("+placeholders(len(typeArgs))+")", typeArgs...)
	}
	if len(f.Statuses) > 0 {
		a := make([]any, len(f.Statuses))
		for i, t := range f.Statuses {
			a[i] = string(t)
		}
		col := "e.status"
		if f.PersonID != "" {
			col = s.d.Unindexed(col) // as for the type: start from the person
		}
		add(col+" IN ("+placeholders(len(a))+")", a...)
	}
	if len(f.Types) > 0 && !f.From.IsZero() && !f.To.IsZero() && f.PersonID == "" &&
		f.To.End().Sub(f.From.Start()) <= shortWindow {
		// A short window of some types, as resolving asks to find other
		// reports of an event: each precision in its own index range
		// (events_type_precision) instead of a year of the types'
		// events. The conditions below still apply.
		start, end := f.From.Start(), f.To.End()
		in := placeholders(len(typeArgs))
		var parts []string
		var a []any
		for _, p := range []struct {
			length, days int
		}{{10, 0}, {7, 31}, {4, 366}} {
			parts = append(parts, `SELECT id FROM events WHERE type IN (`+in+`) AND length(date) = ? AND date_start BETWEEN ? AND ?`)
			a = append(a, typeArgs...)
			a = append(a, p.length, start.AddDate(0, 0, -p.days).Format(time.DateOnly), end.Format(time.DateOnly))
		}
		add("e.id IN ("+strings.Join(parts, " UNION ALL ")+")", a...)
	}
	if !f.From.IsZero() {
		start, _ := dateRange(f.From)
		// No date spans more than a year, so an event ending after From
		// starts at most 366 days before it: the bound is redundant but
		// lets the date indexes start there rather than at the first
		// event ever recorded.
		lower := f.From.Start().AddDate(0, 0, -366).Format(time.DateOnly)
		add("e.date_end >= ? AND e.date_start >= ?", start, lower)
	}
	if !f.To.IsZero() {
		_, end := dateRange(f.To)
		add("e.date_start <= ? AND e.date_start <> ''", end)
	}
	// A person's events are walked from the participants, newest first
	// (event_participants_person holds the event's first day), taking
	// each event at the person's first part in it. NOT EXISTS on the
	// primary key (event_id, ord) reads the event's few earlier parts;
	// PostgreSQL ran min(ord) through the person's index instead, every
	// part of the person for each row (1 s for a person in 4,000 events).
	from, dateCol, idCol := " FROM events e", "e.date_start", "e.id"
	if f.PersonID != "" {
		from, dateCol, idCol = " FROM event_participants ep CROSS JOIN events e", "ep.date_start", "ep.event_id"
		add(`ep.person_id = ? AND e.id = ep.event_id AND NOT EXISTS (SELECT 1 FROM event_participants x
			WHERE x.event_id = ep.event_id AND x.ord < ep.ord AND x.person_id = ep.person_id)`, f.PersonID)
	}
	if f.OrgID != "" {
		add(`(e.from_org_id = ? OR e.to_org_id = ?
			OR EXISTS (SELECT 1 FROM event_participants ep WHERE ep.event_id = e.id AND ep.org_id = ?))`, f.OrgID, f.OrgID, f.OrgID)
	}
	if f.PlaceID != "" {
		add(`e.place_id IN (WITH RECURSIVE inside (id) AS (
				SELECT ? UNION SELECT pl.id FROM places pl JOIN inside ON pl.parent_id = inside.id)
			SELECT id FROM inside)`, f.PlaceID)
	}
	if f.DocumentID != "" {
		add("EXISTS (SELECT 1 FROM citations c WHERE c.event_id = e.id AND c.document_id = ?)", f.DocumentID)
	}
	if f.OutletID != "" {
		add(`EXISTS (SELECT 1 FROM citations c JOIN documents d ON d.id = c.document_id
			WHERE c.event_id = e.id AND d.outlet_id = ?)`, f.OutletID)
	}
	if f.After != "" {
		var after string
		err := s.queryRow(ctx, `SELECT date_start FROM events WHERE id = ?`, f.After).Scan(&after)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, record.Errorf(record.EInvalid, "page cursor %q is not an event ID: pass the last ID of the previous page", f.After)
		}
		if err != nil {
			return nil, s.fail(err, "read page cursor %s", f.After)
		}
		add("("+dateCol+" < ? OR ("+dateCol+" = ? AND "+idCol+" < ?))", after, after, f.After)
	}
	q := `SELECT ` + strings.TrimSuffix(eventColumns, " FROM events e") + from
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	q += ` ORDER BY ` + dateCol + ` DESC, ` + idCol + ` DESC LIMIT ?`
	args = append(args, limit)
	return s.events(ctx, "list events", q, args...)
}

// prepareCitation checks a citation and fills its defaults.
func (s *Store) prepareCitation(c *record.Citation) error {
	if c == nil {
		return record.Errorf(record.EInvalid, "no citation to save")
	}
	if c.ID == "" {
		c.ID = store.NewID("c")
	}
	if c.EventID == "" || c.DocumentID == "" || c.DocumentVersion <= 0 {
		return record.Errorf(record.EInvalid, "citation %s needs an event, a document and a document version", c.ID)
	}
	if c.Span.Start < 0 || c.Span.End < c.Span.Start {
		return record.Errorf(record.EInvalid, "citation %s has span [%d, %d): want 0 <= start <= end", c.ID, c.Span.Start, c.Span.End)
	}
	if c.Stance == "" {
		c.Stance = record.StanceAsserts
	}
	if c.ExtractedBy == "" {
		return record.Errorf(record.EInvalid, "citation %s has no ExtractedBy: set extractor/VERSION or editor/ACCOUNT", c.ID)
	}
	for _, f := range []string{c.Evidence, c.Claimant, c.ClaimantID, c.ExtractedBy} {
		if err := checkText("citation "+c.ID, f); err != nil {
			return err
		}
	}
	return nil
}

// putCitation inserts c, or replaces the citation with its ID when
// replace is set.
func (s *Store) putCitation(t *tx, c *record.Citation, created time.Time, replace bool) error {
	// The span must lie inside the version's text: checked against the
	// stored text, so that a citation never points past its evidence.
	var n int
	err := t.queryRow(`SELECT octet_length(text) FROM document_versions WHERE document_id = ? AND version = ?`,
		c.DocumentID, c.DocumentVersion).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return record.Errorf(record.EInvalid, "citation %s cites version %d of document %s, which is not stored", c.ID, c.DocumentVersion, c.DocumentID)
	}
	if err != nil {
		return err
	}
	if !c.Span.Valid(n) {
		return record.Errorf(record.EInvalid, "citation %s has span [%d, %d) outside the %d bytes of version %d of document %s",
			c.ID, c.Span.Start, c.Span.End, n, c.DocumentVersion, c.DocumentID)
	}
	upsert := citationUpsert
	if !replace {
		upsert = ""
	}
	createdAt := c.CreatedAt
	err = t.queryRow(citationInsert+values(citationCols)+upsert+` RETURNING created_at`, s.citationRow(c, created)...).Scan(timeCol{&createdAt})
	if err != nil {
		return err
	}
	c.CreatedAt = createdAt
	return nil
}

// PutCitation implements store.Store.
func (s *Store) PutCitation(ctx context.Context, c *record.Citation) error {
	if err := s.prepareCitation(c); err != nil {
		return err
	}
	created := c.CreatedAt
	if created.IsZero() {
		created = s.nowUTC()
	}
	saved := *c
	err := s.transact(ctx, func(t *tx) error {
		saved.CreatedAt = created
		return s.putCitation(t, &saved, created, true)
	})
	if err != nil {
		return s.fail(err, "save citation %s of event %s", c.ID, c.EventID)
	}
	c.CreatedAt = saved.CreatedAt
	return nil
}

const citationColumns = `c.id, c.event_id, c.document_id, c.document_version, c.span_start, c.span_end, c.evidence,
	c.claimed_count, c.count_qualifier, c.claimant, c.claimant_id, c.stance, c.confidence, c.extracted_by, c.created_at
	FROM citations c`

func scanCitation(sc scanner) (record.Citation, error) {
	var c record.Citation
	err := sc.Scan(&c.ID, &c.EventID, &c.DocumentID, &c.DocumentVersion, &c.Span.Start, &c.Span.End, &c.Evidence,
		intPtrCol{&c.ClaimedCount}, &c.CountQualifier, &c.Claimant, &c.ClaimantID, &c.Stance, &c.Confidence,
		&c.ExtractedBy, timeCol{&c.CreatedAt})
	return c, err
}

// Citations implements store.Store.
func (s *Store) Citations(ctx context.Context, eventID string) ([]record.Citation, error) {
	return queryAll(s, ctx, "list citations of event "+eventID, scanCitation,
		`SELECT `+citationColumns+` WHERE c.event_id = ? ORDER BY c.document_id, c.span_start, c.id`, eventID)
}

// DocumentCitations implements store.Store.
func (s *Store) DocumentCitations(ctx context.Context, documentID string) ([]record.Citation, error) {
	return queryAll(s, ctx, "list citations of document "+documentID, scanCitation,
		`SELECT `+citationColumns+` WHERE c.document_id = ? ORDER BY c.document_version, c.span_start, c.id`, documentID)
}

// CitationLinks implements store.Store.
func (s *Store) CitationLinks(ctx context.Context, fn func(eventID, documentID string, machine bool) error) error {
	type link struct {
		id, event, doc string
		machine        bool
	}
	after := ""
	for {
		rows, err := s.query(ctx, `SELECT id, event_id, document_id, extracted_by LIKE 'extractor/%' FROM citations
			WHERE id > ? ORDER BY id LIMIT 5000`, after)
		if err != nil {
			return s.fail(err, "list citation links")
		}
		var page []link
		for rows.Next() {
			var l link
			if err := rows.Scan(&l.id, &l.event, &l.doc, &l.machine); err != nil {
				rows.Close()
				return s.fail(err, "list citation links")
			}
			page = append(page, l)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return s.fail(err, "list citation links")
		}
		if len(page) == 0 {
			return nil
		}
		// fn runs with no rows open: it may read the store itself.
		for _, l := range page {
			if err := fn(l.event, l.doc, l.machine); err != nil {
				return err
			}
		}
		after = page[len(page)-1].id
	}
}

// ReplaceExtraction implements store.Store. Events named in x that exist
// already are replaced only while no editor has touched them (status
// extracted); an editor's event keeps its fields and gains the citations.
func (s *Store) ReplaceExtraction(ctx context.Context, x store.Extraction) error {
	return s.ReplaceExtractions(ctx, []store.Extraction{x})
}

// ReplaceExtractions implements store.Store: the extractions in turn, in
// one transaction.
func (s *Store) ReplaceExtractions(ctx context.Context, xs []store.Extraction) error {
	ps := make([]preparedExtraction, len(xs))
	for i, x := range xs {
		p, err := s.prepareExtraction(x)
		if err != nil {
			return err
		}
		ps[i] = p
	}
	if len(ps) == 0 {
		return nil
	}
	now := s.nowUTC()
	err := s.transact(ctx, func(t *tx) error {
		// Set by set, in runs of distinct documents: a document named
		// twice has its second extraction replace its first.
		for rest := ps; len(rest) > 0; {
			n, seen := 0, map[string]bool{}
			for n < len(rest) && !seen[rest[n].x.DocumentID] {
				seen[rest[n].x.DocumentID] = true
				n++
			}
			if err := s.replaceBatch(t, rest[:n], now); err != nil {
				return err
			}
			rest = rest[n:]
		}
		return nil
	})
	if len(ps) == 1 {
		return s.fail(err, "replace the extraction of document %s", xs[0].DocumentID)
	}
	return s.fail(err, "replace the extractions of %d documents", len(ps))
}

// preparedExtraction is an extraction checked and with its defaults
// filled, ready to be written.
type preparedExtraction struct {
	x      store.Extraction
	people []record.Person
	events []record.Event
	cites  []record.Citation
}

func (s *Store) prepareExtraction(x store.Extraction) (preparedExtraction, error) {
	if x.DocumentID == "" {
		return preparedExtraction{}, record.Errorf(record.EInvalid, "extraction names no document")
	}
	if x.ExtractorVersion == "" {
		return preparedExtraction{}, record.Errorf(record.EInvalid, "extraction of %s has no extractor version", x.DocumentID)
	}
	by := "extractor/" + x.ExtractorVersion
	events := make([]record.Event, len(x.Events))
	for i := range x.Events {
		events[i] = x.Events[i]
		if err := s.prepareEvent(&events[i]); err != nil {
			return preparedExtraction{}, err
		}
	}
	cites := make([]record.Citation, len(x.Citations))
	for i := range x.Citations {
		c := x.Citations[i]
		if c.ExtractedBy == "" {
			c.ExtractedBy = by
		}
		if !c.MachineExtracted() {
			return preparedExtraction{}, record.Errorf(record.EInvalid, "citation %d of the extraction of %s is by %q: an extraction holds only extractor/… citations", i, x.DocumentID, c.ExtractedBy)
		}
		if c.DocumentID == "" {
			c.DocumentID = x.DocumentID
		}
		if c.DocumentID != x.DocumentID {
			return preparedExtraction{}, record.Errorf(record.EInvalid, "citation %d of the extraction of %s cites document %s", i, x.DocumentID, c.DocumentID)
		}
		if c.DocumentVersion == 0 {
			c.DocumentVersion = x.DocumentVersion
		}
		cites[i] = c
	}
	people := make([]record.Person, len(x.People))
	for i := range x.People {
		people[i] = x.People[i]
		if err := preparePerson(&people[i]); err != nil {
			return preparedExtraction{}, err
		}
	}
	return preparedExtraction{x: x, people: people, events: events, cites: cites}, nil
}
