package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

// Outlets.

// PutOutlet implements store.Store.
func (s *Store) PutOutlet(ctx context.Context, o *record.Outlet) error {
	if o == nil {
		return record.Errorf(record.EInvalid, "no outlet to save")
	}
	if o.ID == "" {
		o.ID = store.NewID("out")
	}
	if o.Kind == "" {
		o.Kind = record.OutletUnknown
	}
	if err := checkNames("outlet "+o.ID+" names", o.Names); err != nil {
		return err
	}
	err := s.transact(ctx, func(t *tx) error {
		_, err := t.exec(`INSERT INTO outlets (id, kind, names, langs, domains, feeds) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, names = excluded.names, langs = excluded.langs,
			domains = excluded.domains, feeds = excluded.feeds`,
			o.ID, string(o.Kind), jsonText(o.Names), jsonText(o.Langs), jsonText(o.Domains), jsonText(o.Feeds))
		return err
	})
	return s.fail(err, "save outlet %s", o.ID)
}

const outletColumns = `id, kind, names, langs, domains, feeds FROM outlets`

func scanOutlet(sc scanner) (record.Outlet, error) {
	var o record.Outlet
	err := sc.Scan(&o.ID, &o.Kind, jsonCol{&o.Names}, jsonCol{&o.Langs}, jsonCol{&o.Domains}, jsonCol{&o.Feeds})
	return o, err
}

// Outlet implements store.Store.
func (s *Store) Outlet(ctx context.Context, id string) (*record.Outlet, error) {
	o, err := scanOutlet(s.queryRow(ctx, `SELECT `+outletColumns+` WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, record.Errorf(record.ENotFound, "no outlet with ID %q", id)
	}
	if err != nil {
		return nil, s.fail(err, "read outlet %s", id)
	}
	return &o, nil
}

// Outlets implements store.Store.
func (s *Store) Outlets(ctx context.Context) ([]record.Outlet, error) {
	return queryAll(s, ctx, "list outlets", scanOutlet, `SELECT `+outletColumns+` ORDER BY id`)
}

// queryAll runs a read and scans every row.
func queryAll[T any](s *Store, ctx context.Context, what string, scan func(scanner) (T, error), q string, args ...any) ([]T, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, s.fail(err, "%s", what)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, s.fail(err, "%s", what)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail(err, "%s", what)
	}
	return out, nil
}

// Capture ledger.

// SourceState implements store.Store.
func (s *Store) SourceState(ctx context.Context, url string) (*record.SourceState, error) {
	var st record.SourceState
	err := s.queryRow(ctx, `SELECT url, etag, last_modified, last_status, last_error, failures, next_attempt, checked_at, sha256
		FROM source_states WHERE url = ?`, url).
		Scan(&st.URL, &st.ETag, &st.LastModified, &st.LastStatus, &st.LastError, &st.Failures,
			timeCol{&st.NextAttempt}, timeCol{&st.CheckedAt}, &st.SHA256)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, record.Errorf(record.ENotFound, "no capture state for %s: it was never fetched", url)
	}
	if err != nil {
		return nil, s.fail(err, "read capture state of %s", url)
	}
	return &st, nil
}

// SourceStates implements store.Store: one query per 500 URLs.
func (s *Store) SourceStates(ctx context.Context, urls []string) (map[string]*record.SourceState, error) {
	out := make(map[string]*record.SourceState, len(urls))
	seen := make(map[string]bool, len(urls))
	var args []any
	for _, u := range urls {
		if !seen[u] {
			seen[u] = true
			args = append(args, u)
		}
	}
	for len(args) > 0 {
		chunk := args[:min(len(args), 500)]
		args = args[len(chunk):]
		rows, err := s.query(ctx, `SELECT url, etag, last_modified, last_status, last_error, failures, next_attempt, checked_at, sha256
			FROM source_states WHERE url IN (`+placeholders(len(chunk))+`)`, chunk...)
		if err != nil {
			return nil, s.fail(err, "read capture states of %d URLs", len(urls))
		}
		for rows.Next() {
			var st record.SourceState
			if err := rows.Scan(&st.URL, &st.ETag, &st.LastModified, &st.LastStatus, &st.LastError, &st.Failures,
				timeCol{&st.NextAttempt}, timeCol{&st.CheckedAt}, &st.SHA256); err != nil {
				rows.Close()
				return nil, s.fail(err, "read capture states of %d URLs", len(urls))
			}
			out[st.URL] = &st
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, s.fail(err, "read capture states of %d URLs", len(urls))
		}
	}
	return out, nil
}

// checkState refuses a ledger entry before any transaction starts.
func checkState(st *record.SourceState) error {
	if st == nil || st.URL == "" {
		return record.Errorf(record.EInvalid, "capture state without a URL")
	}
	for _, f := range []string{st.URL, st.ETag, st.LastModified, st.LastError} {
		if err := checkText("capture state of "+st.URL, f); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) putState(t *tx, st *record.SourceState) error {
	_, err := t.exec(`INSERT INTO source_states (url, etag, last_modified, last_status, last_error, failures, next_attempt, checked_at, sha256)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
		last_status = excluded.last_status, last_error = excluded.last_error, failures = excluded.failures,
		next_attempt = excluded.next_attempt, checked_at = excluded.checked_at, sha256 = excluded.sha256`,
		st.URL, st.ETag, st.LastModified, st.LastStatus, st.LastError, st.Failures,
		s.timeArg(st.NextAttempt), s.timeArg(st.CheckedAt), st.SHA256)
	return err
}

// PutSourceState implements store.Store.
func (s *Store) PutSourceState(ctx context.Context, st *record.SourceState) error {
	if err := checkState(st); err != nil {
		return err
	}
	err := s.transact(ctx, func(t *tx) error { return s.putState(t, st) })
	return s.fail(err, "save capture state of %s", st.URL)
}

// Names, kept in person_names, org_names and place_names.

type nameTable struct {
	table, owner string
	key          func(string) string // the name_key column
}

var (
	personNames = nameTable{"person_names", "person_id", store.PersonNameKey}
	orgNames    = nameTable{"org_names", "org_id", store.NameKey}
	placeNames  = nameTable{"place_names", "place_id", store.NameKey}
)

func (s *Store) writeNames(t *tx, nt nameTable, id string, ns record.Names) error {
	if _, err := t.exec(`DELETE FROM `+nt.table+` WHERE `+nt.owner+` = ?`, id); err != nil {
		return err
	}
	for i, n := range ns {
		if _, err := t.exec(`INSERT INTO `+nt.table+` (`+nt.owner+`, ord, lang, script, value, kind, name_key) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			id, i, n.Lang, n.Script, n.Value, string(n.Kind), nt.key(n.Value)); err != nil {
			return err
		}
	}
	return nil
}

// readNames returns the names of each of ids.
func (s *Store) readNames(ctx context.Context, nt nameTable, ids []string) (map[string]record.Names, error) {
	out := make(map[string]record.Names, len(ids))
	err := inChunks(ids, func(in string, args []any) error {
		rows, err := s.query(ctx, `SELECT `+nt.owner+`, lang, script, value, kind FROM `+nt.table+`
			WHERE `+nt.owner+` IN (`+in+`) ORDER BY `+nt.owner+`, ord`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				id string
				n  record.Name
			)
			if err := rows.Scan(&id, &n.Lang, &n.Script, &n.Value, &n.Kind); err != nil {
				return err
			}
			out[id] = append(out[id], n)
		}
		return rows.Err()
	})
	return out, err
}

// People.

// PutPerson implements store.Store.
func (s *Store) PutPerson(ctx context.Context, p *record.Person) error {
	if err := preparePerson(p); err != nil {
		return err
	}
	now := s.nowUTC()
	saved := *p
	err := s.transact(ctx, func(t *tx) error {
		saved.CreatedAt, saved.MergedInto = p.CreatedAt, ""
		return s.putPerson(t, &saved, now)
	})
	if err != nil {
		return s.fail(err, "save person %s", p.ID)
	}
	p.CreatedAt, p.UpdatedAt, p.MergedInto = saved.CreatedAt, now, saved.MergedInto
	return nil
}

// preparePerson checks a person and fills its defaults.
func preparePerson(p *record.Person) error {
	if p == nil {
		return record.Errorf(record.EInvalid, "no person to save")
	}
	if p.ID == "" {
		p.ID = store.NewID("p")
	}
	if p.Status == "" {
		p.Status = record.StatusExtracted
	}
	if err := checkStatus(p.Status); err != nil {
		return err
	}
	return checkNames("person "+p.ID+" names", p.Names)
}

// putPerson inserts or replaces p and its names, setting its stored
// CreatedAt (now when new and left zero) and MergedInto.
func (s *Store) putPerson(t *tx, p *record.Person, now time.Time) error {
	created := orNow(p.CreatedAt, now)
	var mergedInto string
	err := t.queryRow(personInsert+values(personCols)+personUpsert+` RETURNING created_at, merged_into`,
		s.personRow(p, created, now)...).Scan(timeCol{&created}, strCol{&mergedInto})
	if err != nil {
		return err
	}
	p.CreatedAt, p.MergedInto = created, mergedInto
	return s.writeNames(t, personNames, p.ID, p.Names)
}

func checkStatus(st record.Status) error {
	switch st {
	case record.StatusExtracted, record.StatusReviewed, record.StatusPublished, record.StatusRejected:
		return nil
	}
	return record.Errorf(record.EInvalid, "status %q is not one of extracted, reviewed, published, rejected", st)
}

const personColumns = `p.id, p.title_hints, p.private, p.merged_into, p.status, p.created_at, p.updated_at FROM people p`

func scanPerson(sc scanner) (record.Person, error) {
	var p record.Person
	err := sc.Scan(&p.ID, jsonCol{&p.TitleHints}, &p.Private, strCol{&p.MergedInto}, &p.Status, timeCol{&p.CreatedAt}, timeCol{&p.UpdatedAt})
	return p, err
}

// people runs a query for people and attaches their names.
func (s *Store) people(ctx context.Context, what, q string, args ...any) ([]record.Person, error) {
	ps, err := queryAll(s, ctx, what, scanPerson, q, args...)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(ps))
	for i := range ps {
		ids[i] = ps[i].ID
	}
	names, err := s.readNames(ctx, personNames, ids)
	if err != nil {
		return nil, s.fail(err, "%s", what)
	}
	for i := range ps {
		ps[i].Names = names[ps[i].ID]
	}
	return ps, nil
}

// Person implements store.Store.
func (s *Store) Person(ctx context.Context, id string) (*record.Person, error) {
	ps, err := s.people(ctx, "read person "+id, `SELECT `+personColumns+` WHERE p.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, record.Errorf(record.ENotFound, "no person with ID %q", id)
	}
	return &ps[0], nil
}

// PeopleByName implements store.Store.
func (s *Store) PeopleByName(ctx context.Context, value string) ([]record.Person, error) {
	return s.people(ctx, "find people named "+value, `SELECT `+personColumns+`
		WHERE p.id IN (SELECT person_id FROM person_names WHERE value = ?) ORDER BY p.id`, value)
}

// PeopleByNameKey implements store.Store.
func (s *Store) PeopleByNameKey(ctx context.Context, name string) ([]record.Person, error) {
	key := store.PersonNameKey(name)
	if key == "" {
		return nil, nil
	}
	return s.people(ctx, "find people named like "+name, `SELECT `+personColumns+`
		WHERE p.id IN (SELECT person_id FROM person_names WHERE name_key = ?) ORDER BY p.id`, key)
}

// Organisations.

// PutOrganisation implements store.Store.
func (s *Store) PutOrganisation(ctx context.Context, o *record.Organisation) error {
	if o == nil {
		return record.Errorf(record.EInvalid, "no organisation to save")
	}
	if o.ID == "" {
		o.ID = store.NewID("o")
	}
	if o.Kind == "" {
		o.Kind = record.OrgUnknown
	}
	if o.Status == "" {
		o.Status = record.StatusExtracted
	}
	if err := checkStatus(o.Status); err != nil {
		return err
	}
	if err := checkNames("organisation "+o.ID+" names", o.Names); err != nil {
		return err
	}
	now := s.nowUTC()
	created := o.CreatedAt
	if created.IsZero() {
		created = now
	}
	err := s.transact(ctx, func(t *tx) error {
		err := t.queryRow(`INSERT INTO organisations (id, kind, dissolved, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, dissolved = excluded.dissolved,
			status = excluded.status, updated_at = excluded.updated_at
			RETURNING created_at`,
			o.ID, string(o.Kind), o.Dissolved.String(), string(o.Status), s.timeArg(created), s.timeArg(now)).Scan(timeCol{&created})
		if err != nil {
			return err
		}
		return s.writeNames(t, orgNames, o.ID, o.Names)
	})
	if err != nil {
		return s.fail(err, "save organisation %s", o.ID)
	}
	o.CreatedAt, o.UpdatedAt = created, now
	return nil
}

const orgColumns = `o.id, o.kind, o.dissolved, o.status, o.created_at, o.updated_at FROM organisations o`

func scanOrg(sc scanner) (record.Organisation, error) {
	var o record.Organisation
	err := sc.Scan(&o.ID, &o.Kind, dateCol{&o.Dissolved}, &o.Status, timeCol{&o.CreatedAt}, timeCol{&o.UpdatedAt})
	return o, err
}

func (s *Store) orgs(ctx context.Context, what, q string, args ...any) ([]record.Organisation, error) {
	os, err := queryAll(s, ctx, what, scanOrg, q, args...)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(os))
	for i := range os {
		ids[i] = os[i].ID
	}
	names, err := s.readNames(ctx, orgNames, ids)
	if err != nil {
		return nil, s.fail(err, "%s", what)
	}
	for i := range os {
		os[i].Names = names[os[i].ID]
	}
	return os, nil
}

// Organisation implements store.Store.
func (s *Store) Organisation(ctx context.Context, id string) (*record.Organisation, error) {
	os, err := s.orgs(ctx, "read organisation "+id, `SELECT `+orgColumns+` WHERE o.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(os) == 0 {
		return nil, record.Errorf(record.ENotFound, "no organisation with ID %q", id)
	}
	return &os[0], nil
}

// Organisations implements store.Store.
func (s *Store) Organisations(ctx context.Context) ([]record.Organisation, error) {
	return s.orgs(ctx, "list organisations", `SELECT `+orgColumns+` ORDER BY o.id`)
}

// OrganisationsByNameKey implements store.Store.
func (s *Store) OrganisationsByNameKey(ctx context.Context, name string) ([]record.Organisation, error) {
	key := store.NameKey(name)
	if key == "" {
		return nil, nil
	}
	return s.orgs(ctx, "find organisations named like "+name, `SELECT `+orgColumns+`
		WHERE o.id IN (SELECT org_id FROM org_names WHERE name_key = ?) ORDER BY o.id`, key)
}

// Places.

// PutPlace implements store.Store.
func (s *Store) PutPlace(ctx context.Context, p *record.Place) error {
	if p == nil {
		return record.Errorf(record.EInvalid, "no place to save")
	}
	if p.ID == "" {
		p.ID = store.NewID("pl")
	}
	if p.Level == "" {
		return record.Errorf(record.EInvalid, "place %s has no level: set country, province, district or commune", p.ID)
	}
	if p.ParentID == p.ID {
		return record.Errorf(record.EInvalid, "place %s cannot be its own parent", p.ID)
	}
	if err := checkNames("place "+p.ID+" names", p.Names); err != nil {
		return err
	}
	err := s.transact(ctx, func(t *tx) error {
		_, err := t.exec(`INSERT INTO places (id, code, level, parent_id, lat, lon) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET code = excluded.code, level = excluded.level, parent_id = excluded.parent_id,
			lat = excluded.lat, lon = excluded.lon`,
			p.ID, p.Code, string(p.Level), nullString(p.ParentID), nullFloat(p.Lat), nullFloat(p.Lon))
		if err != nil {
			return err
		}
		return s.writeNames(t, placeNames, p.ID, p.Names)
	})
	if err != nil && p.ParentID != "" && record.ErrorCode(s.fail(err, "")) == record.EInvalid {
		return s.fail(err, "save place %s (its parent %s must be saved first)", p.ID, p.ParentID)
	}
	return s.fail(err, "save place %s", p.ID)
}

const placeColumns = `p.id, p.code, p.level, p.parent_id, p.lat, p.lon FROM places p`

func scanPlace(sc scanner) (record.Place, error) {
	var p record.Place
	err := sc.Scan(&p.ID, &p.Code, &p.Level, strCol{&p.ParentID}, floatCol{&p.Lat}, floatCol{&p.Lon})
	return p, err
}

func (s *Store) places(ctx context.Context, what, q string, args ...any) ([]record.Place, error) {
	ps, err := queryAll(s, ctx, what, scanPlace, q, args...)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(ps))
	for i := range ps {
		ids[i] = ps[i].ID
	}
	names, err := s.readNames(ctx, placeNames, ids)
	if err != nil {
		return nil, s.fail(err, "%s", what)
	}
	for i := range ps {
		ps[i].Names = names[ps[i].ID]
	}
	return ps, nil
}

// Place implements store.Store.
func (s *Store) Place(ctx context.Context, id string) (*record.Place, error) {
	ps, err := s.places(ctx, "read place "+id, `SELECT `+placeColumns+` WHERE p.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, record.Errorf(record.ENotFound, "no place with ID %q", id)
	}
	return &ps[0], nil
}

// Places implements store.Store.
func (s *Store) Places(ctx context.Context, level record.PlaceLevel) ([]record.Place, error) {
	if level == "" {
		return s.places(ctx, "list places", `SELECT `+placeColumns+` ORDER BY p.id`)
	}
	return s.places(ctx, "list places", `SELECT `+placeColumns+` WHERE p.level = ? ORDER BY p.id`, string(level))
}

// Memberships.

// PutMembership implements store.Store.
func (s *Store) PutMembership(ctx context.Context, m *record.Membership) error {
	if m == nil {
		return record.Errorf(record.EInvalid, "no membership to save")
	}
	if m.PersonID == "" || m.OrgID == "" {
		return record.Errorf(record.EInvalid, "membership needs both a person and an organisation")
	}
	if m.ID == "" {
		m.ID = store.NewID("m")
	}
	if err := checkText("membership role", m.Role); err != nil {
		return err
	}
	err := s.transact(ctx, func(t *tx) error {
		_, err := t.exec(`INSERT INTO memberships (id, person_id, org_id, role, post, start_date, end_date, start_event_id, end_event_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET person_id = excluded.person_id, org_id = excluded.org_id, role = excluded.role,
			post = excluded.post, start_date = excluded.start_date, end_date = excluded.end_date,
			start_event_id = excluded.start_event_id, end_event_id = excluded.end_event_id`,
			m.ID, m.PersonID, m.OrgID, m.Role, m.Post, m.Start.String(), m.End.String(),
			nullString(m.StartEventID), nullString(m.EndEventID))
		return err
	})
	return s.fail(err, "save membership %s of %s in %s", m.ID, m.PersonID, m.OrgID)
}

// Memberships implements store.Store.
func (s *Store) Memberships(ctx context.Context, personID, orgID string) ([]record.Membership, error) {
	var (
		where []string
		args  []any
	)
	if personID != "" {
		where, args = append(where, "person_id = ?"), append(args, personID)
	}
	if orgID != "" {
		where, args = append(where, "org_id = ?"), append(args, orgID)
	}
	q := `SELECT id, person_id, org_id, role, post, start_date, end_date, start_event_id, end_event_id FROM memberships`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	q += ` ORDER BY start_date, id`
	return queryAll(s, ctx, "list memberships", func(sc scanner) (record.Membership, error) {
		var m record.Membership
		err := sc.Scan(&m.ID, &m.PersonID, &m.OrgID, &m.Role, &m.Post, dateCol{&m.Start}, dateCol{&m.End},
			strCol{&m.StartEventID}, strCol{&m.EndEventID})
		return m, err
	}, q, args...)
}
