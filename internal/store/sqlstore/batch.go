package sqlstore

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
)

// Writing extractions set by set: a batch of documents costs a dozen
// statements whatever its size, where one statement a row cost a round
// trip each on PostgreSQL (20 a document, 800,000 for the benchmark's
// 40,000 documents).

// maxParams bounds the parameters of one statement, well below SQLite's
// 32,766 and PostgreSQL's 65,535.
const maxParams = 30000

// execRows runs head VALUES (…), (…) tail for rows of cols values, as
// many rows a statement as maxParams allows. The texts vary with the
// number of rows, so they are not kept prepared.
func (t *tx) execRows(head, tail string, cols int, rows [][]any) error {
	one := "(" + placeholders(cols) + ")"
	per := max(1, min(500, maxParams/cols))
	for len(rows) > 0 {
		chunk := rows[:min(len(rows), per)]
		rows = rows[len(chunk):]
		var b strings.Builder
		b.WriteString(head)
		b.WriteString(" VALUES ")
		args := make([]any, 0, len(chunk)*cols)
		for i, r := range chunk {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(one)
			args = append(args, r...)
		}
		b.WriteString(tail)
		if _, err := t.ExecContext(t.ctx, t.s.d.Rebind(b.String()), args...); err != nil {
			return err
		}
	}
	return nil
}

// inChunks runs fn with the IDs a chunk at a time, as "?, ?, …" and its
// arguments: chunks keep the parameter count far below SQLite's limit.
func inChunks(ids []string, fn func(in string, args []any) error) error {
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), 500)]
		ids = ids[len(chunk):]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		if err := fn(placeholders(len(chunk)), args); err != nil {
			return err
		}
	}
	return nil
}

// queryPairs calls fn with the first column of each row a query returns,
// and the second when there is one.
func (t *tx) queryPairs(q string, args []any, fn func(a, b string)) error {
	rows, err := t.QueryContext(t.ctx, t.s.d.Rebind(q), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	for rows.Next() {
		var a, b string
		dst := []any{&a}
		if len(cols) > 1 {
			dst = append(dst, &b)
		}
		if err := rows.Scan(dst...); err != nil {
			return err
		}
		fn(a, b)
	}
	return rows.Err()
}

// replaceBatch writes prepared extractions of distinct documents in t,
// as replacing each in turn would: every document's old machine
// citations go, then the events left with no citation that no editor
// touched (an event a later document of the batch cites stays, as it
// would have), then the batch's people, events and citations come.
func (s *Store) replaceBatch(t *tx, ps []preparedExtraction, now time.Time) error {
	docs := make([]string, len(ps))
	for i := range ps {
		docs[i] = ps[i].x.DocumentID
	}
	// The documents, locked, and their latest versions.
	versions := map[string]int{}
	err := inChunks(docs, func(in string, args []any) error {
		rows, err := t.QueryContext(t.ctx, s.d.Rebind(`SELECT id, version FROM documents WHERE id IN (`+in+`)`+s.d.ForUpdate()), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var v int
			if err := rows.Scan(&id, &v); err != nil {
				return err
			}
			versions[id] = v
		}
		return rows.Err()
	})
	if err != nil {
		return err
	}
	for _, d := range docs {
		if _, ok := versions[d]; !ok {
			return record.Errorf(record.ENotFound, "no document with ID %q to record an extraction of", d)
		}
	}

	// Old machine citations, and the events they supported.
	var orphans []string
	err = inChunks(docs, func(in string, args []any) error {
		err := t.queryPairs(`SELECT DISTINCT event_id FROM citations WHERE document_id IN (`+in+`) AND extracted_by LIKE 'extractor/%'`,
			args, func(id, _ string) { orphans = append(orphans, id) })
		if err != nil {
			return err
		}
		_, err = t.ExecContext(t.ctx, s.d.Rebind(`DELETE FROM citations WHERE document_id IN (`+in+`) AND extracted_by LIKE 'extractor/%'`), args...)
		return err
	})
	if err != nil {
		return err
	}

	// What the batch writes, the last version of each person and event
	// winning as it would in turn.
	var (
		people    []record.Person
		personAt  = map[string]int{}
		events    []record.Event
		eventAt   = map[string]int{}
		cites     []record.Citation
		citedByUs = map[string]bool{}
	)
	for i := range ps {
		p := &ps[i]
		for _, pe := range p.people {
			people = lastWins(people, personAt, pe.ID, pe)
		}
		for _, e := range p.events {
			events = lastWins(events, eventAt, e.ID, e)
		}
		for _, c := range p.cites {
			if c.DocumentVersion == 0 {
				c.DocumentVersion = versions[c.DocumentID]
			}
			if err := s.prepareCitation(&c); err != nil {
				return err
			}
			cites = append(cites, c)
			citedByUs[c.EventID] = true
		}
	}

	// Left alone: events an editor reviewed, published or rejected,
	// events another citation still supports or the batch cites or
	// writes, and events a membership starts or ends with.
	orphans = slices.DeleteFunc(orphans, func(id string) bool {
		_, written := eventAt[id]
		return citedByUs[id] || written
	})
	err = inChunks(orphans, func(in string, args []any) error {
		// The status as an expression keeps SQLite, which has no
		// statistics, from walking every extracted event by the status
		// index to find the few named: 7 ms a document at 45,000 events.
		_, err := t.ExecContext(t.ctx, s.d.Rebind(`DELETE FROM events WHERE id IN (`+in+`)
			AND `+s.d.Unindexed("status")+` = 'extracted'
			AND NOT EXISTS (SELECT 1 FROM citations c WHERE c.event_id = events.id)
			AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.start_event_id = events.id OR m.end_event_id = events.id)`), args...)
		return err
	})
	if err != nil {
		return err
	}

	if err := s.writePeople(t, people, now); err != nil {
		return err
	}
	if err := s.writeEvents(t, events, now); err != nil {
		return err
	}
	if err := s.writeCitations(t, cites, now); err != nil {
		return err
	}
	byVersion := map[string][]string{}
	for _, p := range ps {
		byVersion[p.x.ExtractorVersion] = append(byVersion[p.x.ExtractorVersion], p.x.DocumentID)
	}
	for v, ids := range byVersion {
		err := inChunks(ids, func(in string, args []any) error {
			_, err := t.ExecContext(t.ctx, s.d.Rebind(`UPDATE documents SET extractor_version = ? WHERE id IN (`+in+`)`), append([]any{v}, args...)...)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// lastWins keeps one item an ID in list, where it was first met, with
// the value met last; at maps IDs to their places in list.
func lastWins[T any](list []T, at map[string]int, id string, v T) []T {
	if j, ok := at[id]; ok {
		list[j] = v
		return list
	}
	at[id] = len(list)
	return append(list, v)
}

// writePeople inserts or replaces people and their names.
func (s *Store) writePeople(t *tx, people []record.Person, now time.Time) error {
	if len(people) == 0 {
		return nil
	}
	ids := make([]string, len(people))
	rows := make([][]any, len(people))
	var names [][]any
	for i := range people {
		p := &people[i]
		ids[i] = p.ID
		rows[i] = s.personRow(p, orNow(p.CreatedAt, now), now)
		names = append(names, personNameRows(p)...)
	}
	err := t.execRows(personInsert, personUpsert, personCols, rows)
	if err != nil {
		return fmt.Errorf("people: %w", err)
	}
	err = inChunks(ids, func(in string, args []any) error {
		_, err := t.ExecContext(t.ctx, s.d.Rebind(`DELETE FROM person_names WHERE person_id IN (`+in+`)`), args...)
		return err
	})
	if err != nil {
		return err
	}
	if err := t.execRows(`INSERT INTO person_names (person_id, ord, lang, script, value, kind, name_key)`, "", personNameCols, names); err != nil {
		return fmt.Errorf("names of people: %w", err)
	}
	return nil
}

// writeEvents inserts events, or replaces those no editor has touched,
// with their participants and candidates.
func (s *Store) writeEvents(t *tx, events []record.Event, now time.Time) error {
	if len(events) == 0 {
		return nil
	}
	ids := make([]string, len(events))
	for i, e := range events {
		ids[i] = e.ID
	}
	touched := map[string]bool{}
	err := inChunks(ids, func(in string, args []any) error {
		return t.queryPairs(`SELECT id, status FROM events WHERE id IN (`+in+`)`+s.d.ForUpdate(), args, func(id, status string) {
			touched[id] = status != string(record.StatusExtracted)
		})
	})
	if err != nil {
		return err
	}
	var rows, parts, cands [][]any
	var replaced []string
	for i := range events {
		e := &events[i]
		if touched[e.ID] {
			continue // an editor's event keeps its fields and gains the citations
		}
		replaced = append(replaced, e.ID)
		rows = append(rows, s.eventRow(e, orNow(e.CreatedAt, now), now))
		ps, cs, err := participantRows(e)
		if err != nil {
			return err
		}
		parts, cands = append(parts, ps...), append(cands, cs...)
	}
	if err := t.execRows(eventInsert, eventUpsert, eventCols, rows); err != nil {
		return fmt.Errorf("events: %w", err)
	}
	err = inChunks(replaced, func(in string, args []any) error {
		_, err := t.ExecContext(t.ctx, s.d.Rebind(`DELETE FROM event_participants WHERE event_id IN (`+in+`)`), args...)
		return err
	})
	if err != nil {
		return err
	}
	if err := t.execRows(participantInsert, "", participantCols, parts); err != nil {
		return fmt.Errorf("participants of events: %w", err)
	}
	if err := t.execRows(candidateInsert, "", candidateCols, cands); err != nil {
		return fmt.Errorf("candidates of participants: %w", err)
	}
	return nil
}

// writeCitations inserts citations, checking first that each cites a
// stored event and lies inside the text of the version it cites.
func (s *Store) writeCitations(t *tx, cites []record.Citation, now time.Time) error {
	if len(cites) == 0 {
		return nil
	}
	var eventIDs, docIDs, ids []string
	for _, c := range cites {
		eventIDs = append(eventIDs, c.EventID)
		docIDs = append(docIDs, c.DocumentID)
		ids = append(ids, c.ID)
	}
	// The document's old machine citations are gone by now: an ID still
	// taken is someone else's, an editor's most likely.
	var taken string
	err := inChunks(ids, func(in string, args []any) error {
		return t.queryPairs(`SELECT id FROM citations WHERE id IN (`+in+`)`, args, func(id, _ string) { taken = id })
	})
	if err != nil {
		return err
	}
	if taken != "" {
		return record.Errorf(record.EConflict, "citation ID %s is taken by another citation: leave the ID empty to make a new one", taken)
	}
	slices.Sort(eventIDs)
	slices.Sort(docIDs)
	stored := map[string]bool{}
	err = inChunks(slices.Compact(eventIDs), func(in string, args []any) error {
		return t.queryPairs(`SELECT id FROM events WHERE id IN (`+in+`)`, args, func(id, _ string) { stored[id] = true })
	})
	if err != nil {
		return err
	}
	lengths := map[string]int{} // document@version → bytes of text
	err = inChunks(slices.Compact(docIDs), func(in string, args []any) error {
		rows, err := t.QueryContext(t.ctx, s.d.Rebind(`SELECT document_id, version, octet_length(text) FROM document_versions WHERE document_id IN (`+in+`)`), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var v, n int
			if err := rows.Scan(&id, &v, &n); err != nil {
				return err
			}
			lengths[fmt.Sprint(id, "@", v)] = n
		}
		return rows.Err()
	})
	if err != nil {
		return err
	}
	rows := make([][]any, len(cites))
	for i, c := range cites {
		if !stored[c.EventID] {
			return record.Errorf(record.EInvalid, "citation %s cites event %s, which is not stored", c.ID, c.EventID)
		}
		n, ok := lengths[fmt.Sprint(c.DocumentID, "@", c.DocumentVersion)]
		if !ok {
			return record.Errorf(record.EInvalid, "citation %s cites version %d of document %s, which is not stored", c.ID, c.DocumentVersion, c.DocumentID)
		}
		if !c.Span.Valid(n) {
			return record.Errorf(record.EInvalid, "citation %s has span [%d, %d) outside the %d bytes of version %d of document %s",
				c.ID, c.Span.Start, c.Span.End, n, c.DocumentVersion, c.DocumentID)
		}
		rows[i] = s.citationRow(&c, orNow(c.CreatedAt, now))
	}
	err = t.execRows(citationInsert, "", citationCols, rows)
	if err != nil {
		return fmt.Errorf("citations: %w", err)
	}
	return nil
}
