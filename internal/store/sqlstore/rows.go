package sqlstore

import (
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
)

// The tables written both a row at a time (PutEvent, PutPerson,
// PutCitation) and set by set (ReplaceExtractions) have one text for their
// columns and upsert and one function making a row's values, so that the
// two ways of writing cannot drift apart.

const (
	eventInsert = `INSERT INTO events (id, type, date, date_start, date_end, place_id, count, count_qualifier,
		from_org_id, to_org_id, role_class, evidence_grade, status, created_at, updated_at)`
	eventCols   = 15
	eventUpsert = ` ON CONFLICT (id) DO UPDATE SET type = excluded.type, date = excluded.date, date_start = excluded.date_start,
		date_end = excluded.date_end, place_id = excluded.place_id, count = excluded.count,
		count_qualifier = excluded.count_qualifier, from_org_id = excluded.from_org_id, to_org_id = excluded.to_org_id,
		role_class = excluded.role_class, evidence_grade = excluded.evidence_grade, status = excluded.status,
		updated_at = excluded.updated_at`

	participantInsert = `INSERT INTO event_participants (event_id, ord, role, person_id, org_id, mention, confidence, date_start)`
	participantCols   = 8
	candidateInsert   = `INSERT INTO participant_candidates (event_id, ord, person_id, rank, confidence)`
	candidateCols     = 5

	personInsert = `INSERT INTO people (id, title_hints, private, status, created_at, updated_at)`
	personCols   = 6
	personUpsert = ` ON CONFLICT (id) DO UPDATE SET title_hints = excluded.title_hints, private = excluded.private,
		status = excluded.status, updated_at = excluded.updated_at`

	citationInsert = `INSERT INTO citations (id, event_id, document_id, document_version, span_start, span_end, evidence,
		claimed_count, count_qualifier, claimant, claimant_id, stance, confidence, extracted_by, created_at)`
	citationCols   = 15
	citationUpsert = ` ON CONFLICT (id) DO UPDATE SET event_id = excluded.event_id, document_id = excluded.document_id,
		document_version = excluded.document_version, span_start = excluded.span_start, span_end = excluded.span_end,
		evidence = excluded.evidence, claimed_count = excluded.claimed_count, count_qualifier = excluded.count_qualifier,
		claimant = excluded.claimant, claimant_id = excluded.claimant_id, stance = excluded.stance,
		confidence = excluded.confidence, extracted_by = excluded.extracted_by`
)

// values is " VALUES (?, …)" for one row of n columns.
func values(n int) string { return " VALUES (" + placeholders(n) + ")" }

// orNow is t, or now when t is zero: the created_at of a new row.
func orNow(t, now time.Time) time.Time {
	if t.IsZero() {
		return now
	}
	return t
}

func (s *Store) eventRow(e *record.Event, created, now time.Time) []any {
	start, end := dateRange(e.Date)
	return []any{e.ID, string(e.Type), e.Date.String(), start, end, nullString(e.PlaceID), nullInt(e.Count), string(e.CountQualifier),
		nullString(e.FromOrgID), nullString(e.ToOrgID), string(e.RoleClass), string(e.EvidenceGrade), string(e.Status),
		s.timeArg(created), s.timeArg(now)}
}

// participantRows makes the participant and candidate rows of e, checking
// the candidates. Each participant carries the event's first day, which
// event_participants_person orders a person's events by.
func participantRows(e *record.Event) (parts, cands [][]any, err error) {
	start, _ := dateRange(e.Date)
	for i, p := range e.Participants {
		parts = append(parts, []any{e.ID, i, p.Role, nullString(p.PersonID), nullString(p.OrgID), p.Mention, p.Confidence, start})
		for r, c := range p.Candidates {
			if c.PersonID == "" {
				return nil, nil, record.Errorf(record.EInvalid, "event %s participant %d candidate %d names no person", e.ID, i, r)
			}
			for _, prev := range p.Candidates[:r] {
				if prev.PersonID == c.PersonID {
					return nil, nil, record.Errorf(record.EInvalid, "event %s participant %d lists candidate %s twice", e.ID, i, c.PersonID)
				}
			}
			cands = append(cands, []any{e.ID, i, c.PersonID, r, c.Confidence})
		}
	}
	return parts, cands, nil
}

func (s *Store) personRow(p *record.Person, created, now time.Time) []any {
	return []any{p.ID, jsonText(p.TitleHints), p.Private, string(p.Status), s.timeArg(created), s.timeArg(now)}
}

const personNameCols = 7

// personNameRows makes the person_names rows of p, as writeNames writes
// them one by one.
func personNameRows(p *record.Person) [][]any {
	rows := make([][]any, len(p.Names))
	for j, n := range p.Names {
		rows[j] = []any{p.ID, j, n.Lang, n.Script, n.Value, string(n.Kind), personNames.key(n.Value)}
	}
	return rows
}

func (s *Store) citationRow(c *record.Citation, created time.Time) []any {
	return []any{c.ID, c.EventID, c.DocumentID, c.DocumentVersion, c.Span.Start, c.Span.End, c.Evidence,
		nullInt(c.ClaimedCount), string(c.CountQualifier), c.Claimant, c.ClaimantID, string(c.Stance), c.Confidence,
		c.ExtractedBy, s.timeArg(created)}
}
