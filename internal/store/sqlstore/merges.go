package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

// Candidates of mentions, in participant_candidates.

// readCandidates attaches the stored candidates to the participants of
// the events, whose participants are read already in ord order.
func (s *Store) readCandidates(ctx context.Context, byID map[string]*record.Event) error {
	ids := make([]any, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), 500)]
		ids = ids[len(chunk):]
		rows, err := s.query(ctx, `SELECT event_id, ord, person_id, confidence FROM participant_candidates
			WHERE event_id IN (`+placeholders(len(chunk))+`) ORDER BY event_id, ord, rank`, chunk...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var (
				id  string
				ord int
				c   record.Candidate
			)
			if err := rows.Scan(&id, &ord, &c.PersonID, &c.Confidence); err != nil {
				rows.Close()
				return err
			}
			if e := byID[id]; e != nil && ord < len(e.Participants) {
				e.Participants[ord].Candidates = append(e.Participants[ord].Candidates, c)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// CandidateEvents implements store.Store.
func (s *Store) CandidateEvents(ctx context.Context, personID string, limit int) ([]record.Event, error) {
	limit, err := pageLimit(limit)
	if err != nil {
		return nil, err
	}
	return s.events(ctx, "list events with candidate "+personID, `SELECT `+eventColumns+`
		WHERE e.id IN (SELECT event_id FROM participant_candidates WHERE person_id = ?)
		ORDER BY e.date_start DESC, e.id DESC LIMIT ?`, personID, limit)
}

// People implements store.Store.
func (s *Store) People(ctx context.Context, after string, limit int) ([]record.Person, error) {
	limit, err := pageLimit(limit)
	if err != nil {
		return nil, err
	}
	return s.people(ctx, "list people", `SELECT `+personColumns+` WHERE p.id > ? ORDER BY p.id LIMIT ?`, after, limit)
}

// Merges.

// lockPerson reads the fields of a person that a merge changes, locking
// the row where the database needs it.
func (s *Store) lockPerson(t *tx, id string) (hints []string, mergedInto string, err error) {
	err = t.queryRow(`SELECT title_hints, merged_into FROM people WHERE id = ?`+s.d.ForUpdate(), id).
		Scan(jsonCol{&hints}, strCol{&mergedInto})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", record.Errorf(record.ENotFound, "no person with ID %q", id)
	}
	return hints, mergedInto, err
}

func (s *Store) txNames(t *tx, id string) (record.Names, error) {
	rows, err := t.query(`SELECT lang, script, value, kind FROM person_names WHERE person_id = ? ORDER BY ord`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ns record.Names
	for rows.Next() {
		var n record.Name
		if err := rows.Scan(&n.Lang, &n.Script, &n.Value, &n.Kind); err != nil {
			return nil, err
		}
		ns = append(ns, n)
	}
	return ns, rows.Err()
}

func scanRefs[T any](t *tx, scan func(*sql.Rows) (T, error), q string, args ...any) ([]T, error) {
	rows, err := t.query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func scanParticipantRef(r *sql.Rows) (record.ParticipantRef, error) {
	var p record.ParticipantRef
	err := r.Scan(&p.EventID, &p.Ord)
	return p, err
}

// MergePeople implements store.Store.
func (s *Store) MergePeople(ctx context.Context, keepID, otherID, by string) (string, error) {
	if keepID == "" || otherID == "" {
		return "", record.Errorf(record.EInvalid, "a merge needs the person to keep and the person to merge into it")
	}
	if keepID == otherID {
		return "", record.Errorf(record.EConflict, "person %s cannot be merged into itself", keepID)
	}
	if by == "" {
		return "", record.Errorf(record.EInvalid, "a merge needs who made it: editor/ACCOUNT")
	}
	if err := checkText("merge author", by); err != nil {
		return "", err
	}
	id := store.NewID("pm")
	now := s.nowUTC()
	err := s.transact(ctx, func(t *tx) error {
		keepHints, keepInto, err := s.lockPerson(t, keepID)
		if err != nil {
			return err
		}
		otherHints, otherInto, err := s.lockPerson(t, otherID)
		if err != nil {
			return err
		}
		if keepInto != "" {
			return record.Errorf(record.EConflict, "person %s was merged into %s: merge into %s instead", keepID, keepInto, keepInto)
		}
		if otherInto != "" {
			return record.Errorf(record.EConflict, "person %s was merged into %s already", otherID, otherInto)
		}
		var mv record.MergeMove
		if err := t.queryRow(`SELECT status FROM people WHERE id = ?`, otherID).Scan(&mv.Status); err != nil {
			return err
		}
		keepNames, err := s.txNames(t, keepID)
		if err != nil {
			return err
		}
		if mv.Names, err = s.txNames(t, otherID); err != nil {
			return err
		}
		for _, n := range mv.Names {
			if !keepNames.Has(n.Value) {
				keepNames = append(keepNames, n)
				mv.AddedNames = append(mv.AddedNames, n.Value)
			}
		}
		if err := s.writeNames(t, personNames, keepID, keepNames); err != nil {
			return err
		}
		if err := s.writeNames(t, personNames, otherID, nil); err != nil {
			return err
		}
		mv.TitleHints = otherHints
		for _, h := range otherHints {
			if !slices.Contains(keepHints, h) {
				keepHints = append(keepHints, h)
				mv.AddedHints = append(mv.AddedHints, h)
			}
		}
		if mv.Participations, err = scanRefs(t, scanParticipantRef,
			`SELECT event_id, ord FROM event_participants WHERE person_id = ? ORDER BY event_id, ord`, otherID); err != nil {
			return err
		}
		if _, err := t.exec(`UPDATE event_participants SET person_id = ? WHERE person_id = ?`, keepID, otherID); err != nil {
			return err
		}
		// Candidacies: where both were candidates of one mention, the
		// merged person's entry goes (the kept one stands for both).
		cands, err := scanRefs(t, func(r *sql.Rows) (record.CandidateRef, error) {
			var c record.CandidateRef
			var both int
			err := r.Scan(&c.EventID, &c.Ord, &c.Rank, &c.Confidence, &both)
			if both > 0 {
				c.Rank = -1 - c.Rank // marks a drop; undone below
			}
			return c, err
		}, `SELECT c.event_id, c.ord, c.rank, c.confidence,
			(SELECT count(*) FROM participant_candidates k WHERE k.event_id = c.event_id AND k.ord = c.ord AND k.person_id = ?)
			FROM participant_candidates c WHERE c.person_id = ? ORDER BY c.event_id, c.ord`, keepID, otherID)
		if err != nil {
			return err
		}
		for _, c := range cands {
			if c.Rank < 0 {
				c.Rank = -1 - c.Rank
				mv.DroppedCandidacies = append(mv.DroppedCandidacies, c)
				if _, err := t.exec(`DELETE FROM participant_candidates WHERE event_id = ? AND ord = ? AND person_id = ?`, c.EventID, c.Ord, otherID); err != nil {
					return err
				}
				continue
			}
			mv.Candidacies = append(mv.Candidacies, c.ParticipantRef)
			if _, err := t.exec(`UPDATE participant_candidates SET person_id = ? WHERE event_id = ? AND ord = ? AND person_id = ?`, keepID, c.EventID, c.Ord, otherID); err != nil {
				return err
			}
		}
		if mv.Memberships, err = scanRefs(t, func(r *sql.Rows) (string, error) {
			var id string
			return id, r.Scan(&id)
		}, `SELECT id FROM memberships WHERE person_id = ? ORDER BY id`, otherID); err != nil {
			return err
		}
		if _, err := t.exec(`UPDATE memberships SET person_id = ? WHERE person_id = ?`, keepID, otherID); err != nil {
			return err
		}
		if _, err := t.exec(`UPDATE people SET title_hints = ?, updated_at = ? WHERE id = ?`, jsonText(keepHints), s.timeArg(now), keepID); err != nil {
			return err
		}
		if _, err := t.exec(`UPDATE people SET merged_into = ?, title_hints = '[]', updated_at = ? WHERE id = ?`, keepID, s.timeArg(now), otherID); err != nil {
			return err
		}
		moved, err := json.Marshal(mv)
		if err != nil {
			return err
		}
		_, err = t.exec(`INSERT INTO person_merges (id, kept_id, merged_id, moved, merged_by, merged_at) VALUES (?, ?, ?, ?, ?, ?)`,
			id, keepID, otherID, string(moved), by, s.timeArg(now))
		return err
	})
	if err != nil {
		return "", s.fail(err, "merge person %s into %s", otherID, keepID)
	}
	return id, nil
}

// UnmergePeople implements store.Store.
func (s *Store) UnmergePeople(ctx context.Context, mergeID, by string) error {
	if by == "" {
		return record.Errorf(record.EInvalid, "undoing a merge needs who does it: editor/ACCOUNT")
	}
	if err := checkText("unmerge author", by); err != nil {
		return err
	}
	now := s.nowUTC()
	err := s.transact(ctx, func(t *tx) error {
		m, err := scanMerge(t.queryRow(`SELECT `+mergeColumns+` WHERE id = ?`+s.d.ForUpdate(), mergeID))
		if errors.Is(err, sql.ErrNoRows) {
			return record.Errorf(record.ENotFound, "no merge with ID %q", mergeID)
		}
		if err != nil {
			return err
		}
		if m.Undone() {
			return record.Errorf(record.EConflict, "merge %s was undone already, by %s", mergeID, m.UndoneBy)
		}
		keepHints, keepInto, err := s.lockPerson(t, m.KeptID)
		if err != nil {
			return err
		}
		if keepInto != "" {
			return record.Errorf(record.EConflict, "person %s has since been merged into %s: undo that merge first", m.KeptID, keepInto)
		}
		_, otherInto, err := s.lockPerson(t, m.MergedID)
		if err != nil {
			return err
		}
		if otherInto != m.KeptID {
			return record.Errorf(record.EConflict, "person %s is no longer merged into %s", m.MergedID, m.KeptID)
		}
		mv := m.Moved
		for _, p := range mv.Participations {
			if _, err := t.exec(`UPDATE event_participants SET person_id = ? WHERE event_id = ? AND ord = ? AND person_id = ?`,
				m.MergedID, p.EventID, p.Ord, m.KeptID); err != nil {
				return err
			}
		}
		for _, p := range mv.Candidacies {
			if _, err := t.exec(`UPDATE participant_candidates SET person_id = ? WHERE event_id = ? AND ord = ? AND person_id = ?`,
				m.MergedID, p.EventID, p.Ord, m.KeptID); err != nil {
				return err
			}
		}
		for _, c := range mv.DroppedCandidacies {
			// Only where the mention is still there (reextraction may have
			// replaced it) and does not list the person again.
			if _, err := t.exec(`INSERT INTO participant_candidates (event_id, ord, person_id, rank, confidence)
				SELECT ep.event_id, ep.ord, ?, ?, ? FROM event_participants ep WHERE ep.event_id = ? AND ep.ord = ?
				AND NOT EXISTS (SELECT 1 FROM participant_candidates k WHERE k.event_id = ep.event_id AND k.ord = ep.ord AND k.person_id = ?)`,
				m.MergedID, c.Rank, c.Confidence, c.EventID, c.Ord, m.MergedID); err != nil {
				return err
			}
		}
		for _, id := range mv.Memberships {
			if _, err := t.exec(`UPDATE memberships SET person_id = ? WHERE id = ? AND person_id = ?`, m.MergedID, id, m.KeptID); err != nil {
				return err
			}
		}
		keepNames, err := s.txNames(t, m.KeptID)
		if err != nil {
			return err
		}
		keepNames = slices.DeleteFunc(keepNames, func(n record.Name) bool { return slices.Contains(mv.AddedNames, n.Value) })
		if err := s.writeNames(t, personNames, m.KeptID, keepNames); err != nil {
			return err
		}
		if err := s.writeNames(t, personNames, m.MergedID, mv.Names); err != nil {
			return err
		}
		keepHints = slices.DeleteFunc(keepHints, func(h string) bool { return slices.Contains(mv.AddedHints, h) })
		if _, err := t.exec(`UPDATE people SET title_hints = ?, updated_at = ? WHERE id = ?`, jsonText(keepHints), s.timeArg(now), m.KeptID); err != nil {
			return err
		}
		status := mv.Status
		if status == "" {
			status = record.StatusExtracted
		}
		if _, err := t.exec(`UPDATE people SET merged_into = NULL, title_hints = ?, status = ?, updated_at = ? WHERE id = ?`,
			jsonText(mv.TitleHints), string(status), s.timeArg(now), m.MergedID); err != nil {
			return err
		}
		_, err = t.exec(`UPDATE person_merges SET undone_by = ?, undone_at = ? WHERE id = ?`, by, s.timeArg(now), mergeID)
		return err
	})
	return s.fail(err, "undo merge %s", mergeID)
}

const mergeColumns = `id, kept_id, merged_id, moved, merged_by, merged_at, undone_by, undone_at FROM person_merges`

func scanMerge(sc scanner) (record.PersonMerge, error) {
	var m record.PersonMerge
	err := sc.Scan(&m.ID, &m.KeptID, &m.MergedID, jsonCol{&m.Moved}, &m.By, timeCol{&m.At}, &m.UndoneBy, timeCol{&m.UndoneAt})
	return m, err
}

// PersonMerge implements store.Store.
func (s *Store) PersonMerge(ctx context.Context, mergeID string) (*record.PersonMerge, error) {
	m, err := scanMerge(s.queryRow(ctx, `SELECT `+mergeColumns+` WHERE id = ?`, mergeID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, record.Errorf(record.ENotFound, "no merge with ID %q", mergeID)
	}
	if err != nil {
		return nil, s.fail(err, "read merge %s", mergeID)
	}
	return &m, nil
}

// PersonMerges implements store.Store.
func (s *Store) PersonMerges(ctx context.Context, personID string) ([]record.PersonMerge, error) {
	return queryAll(s, ctx, fmt.Sprintf("list the merges of person %s", personID), scanMerge,
		`SELECT `+mergeColumns+` WHERE kept_id = ? OR merged_id = ? ORDER BY merged_at, id`, personID, personID)
}
