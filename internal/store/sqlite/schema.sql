-- The SQLite schema after every migration: generated, do not edit.
-- go test ./internal/store/sqlite -run TestSchema -update rewrites it.

CREATE TABLE citations (
	id               TEXT PRIMARY KEY,
	event_id         TEXT NOT NULL REFERENCES events (id),
	document_id      TEXT NOT NULL,
	document_version INTEGER NOT NULL,
	span_start       INTEGER NOT NULL,
	span_end         INTEGER NOT NULL,
	evidence         TEXT NOT NULL,
	claimed_count    INTEGER,
	count_qualifier  TEXT NOT NULL DEFAULT '',
	claimant         TEXT NOT NULL DEFAULT '',
	claimant_id      TEXT NOT NULL DEFAULT '',
	stance           TEXT NOT NULL,
	confidence       REAL NOT NULL DEFAULT 0,
	extracted_by     TEXT NOT NULL,
	created_at       TEXT NOT NULL,
	FOREIGN KEY (document_id, document_version) REFERENCES document_versions (document_id, version)
) STRICT;

CREATE TABLE document_versions (
	document_id       TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	version           INTEGER NOT NULL,
	sha256            TEXT NOT NULL,
	size              INTEGER NOT NULL,
	fetched_at        TEXT NOT NULL,
	title             TEXT NOT NULL DEFAULT '',
	text              TEXT NOT NULL,
	archive_file      TEXT NOT NULL DEFAULT '',
	archive_offset    INTEGER NOT NULL DEFAULT 0,
	archive_length    INTEGER NOT NULL DEFAULT 0,
	archive_record_id TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (document_id, version)
) STRICT;

CREATE TABLE documents (
	id                TEXT PRIMARY KEY,
	canonical_url     TEXT NOT NULL UNIQUE,
	url               TEXT NOT NULL,
	outlet_id         TEXT REFERENCES outlets (id),
	title             TEXT NOT NULL DEFAULT '',
	byline            TEXT NOT NULL DEFAULT '',
	lang              TEXT NOT NULL DEFAULT '',
	published         TEXT NOT NULL DEFAULT '',
	published_at      TEXT,
	fetched_at        TEXT NOT NULL,
	-- sort_time is published_at, else the first day of published, else
	-- fetched_at: what listings order and filter by.
	sort_time         TEXT NOT NULL,
	content_type      TEXT NOT NULL DEFAULT '',
	sha256            TEXT NOT NULL,
	size              INTEGER NOT NULL,
	version           INTEGER NOT NULL,
	source_kind       TEXT NOT NULL DEFAULT '',
	flags             TEXT NOT NULL DEFAULT '[]',
	extractor_version TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE event_participants (
	event_id  TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	ord       INTEGER NOT NULL,
	role      TEXT NOT NULL,
	person_id TEXT REFERENCES people (id),
	org_id    TEXT REFERENCES organisations (id),
	mention   TEXT NOT NULL DEFAULT '', confidence REAL NOT NULL DEFAULT 0, date_start TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (event_id, ord)
) STRICT;

CREATE TABLE events (
	id              TEXT PRIMARY KEY,
	type            TEXT NOT NULL,
	date            TEXT NOT NULL DEFAULT '',
	date_start      TEXT NOT NULL DEFAULT '',
	date_end        TEXT NOT NULL DEFAULT '',
	place_id        TEXT REFERENCES places (id),
	count           INTEGER,
	count_qualifier TEXT NOT NULL DEFAULT '',
	from_org_id     TEXT REFERENCES organisations (id),
	to_org_id       TEXT REFERENCES organisations (id),
	role_class      TEXT NOT NULL DEFAULT '',
	evidence_grade  TEXT NOT NULL DEFAULT '',
	status          TEXT NOT NULL,
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL
) STRICT;

CREATE TABLE memberships (
	id             TEXT PRIMARY KEY,
	person_id      TEXT NOT NULL REFERENCES people (id),
	org_id         TEXT NOT NULL REFERENCES organisations (id),
	role           TEXT NOT NULL DEFAULT '',
	post           INTEGER NOT NULL DEFAULT 0,
	start_date     TEXT NOT NULL DEFAULT '',
	end_date       TEXT NOT NULL DEFAULT '',
	start_event_id TEXT REFERENCES events (id),
	end_event_id   TEXT REFERENCES events (id)
) STRICT;

CREATE TABLE org_names (
	org_id   TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
	ord      INTEGER NOT NULL,
	lang     TEXT NOT NULL DEFAULT '',
	script   TEXT NOT NULL DEFAULT '',
	value    TEXT NOT NULL,
	kind     TEXT NOT NULL DEFAULT '',
	name_key TEXT NOT NULL,
	PRIMARY KEY (org_id, ord)
) STRICT;

CREATE TABLE organisations (
	id         TEXT PRIMARY KEY,
	kind       TEXT NOT NULL,
	dissolved  TEXT NOT NULL DEFAULT '',
	status     TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE outlets (
	id      TEXT PRIMARY KEY,
	kind    TEXT NOT NULL,
	names   TEXT NOT NULL DEFAULT '[]',
	langs   TEXT NOT NULL DEFAULT '[]',
	domains TEXT NOT NULL DEFAULT '[]',
	feeds   TEXT NOT NULL DEFAULT '[]'
) STRICT;

CREATE TABLE participant_candidates (
	event_id   TEXT NOT NULL,
	ord        INTEGER NOT NULL,
	person_id  TEXT NOT NULL REFERENCES people (id),
	rank       INTEGER NOT NULL,
	confidence REAL NOT NULL,
	PRIMARY KEY (event_id, ord, person_id),
	FOREIGN KEY (event_id, ord) REFERENCES event_participants (event_id, ord) ON DELETE CASCADE
) STRICT;

CREATE TABLE people (
	id          TEXT PRIMARY KEY,
	title_hints TEXT NOT NULL DEFAULT '[]',
	private     INTEGER NOT NULL DEFAULT 0,
	status      TEXT NOT NULL,
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL
, merged_into TEXT REFERENCES people (id)) STRICT;

CREATE TABLE person_merges (
	id        TEXT PRIMARY KEY,
	kept_id   TEXT NOT NULL REFERENCES people (id),
	merged_id TEXT NOT NULL REFERENCES people (id),
	moved     TEXT NOT NULL DEFAULT '{}',
	merged_by TEXT NOT NULL,
	merged_at TEXT NOT NULL,
	undone_by TEXT NOT NULL DEFAULT '',
	undone_at TEXT
) STRICT;

CREATE TABLE person_names (
	person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
	ord       INTEGER NOT NULL,
	lang      TEXT NOT NULL DEFAULT '',
	script    TEXT NOT NULL DEFAULT '',
	value     TEXT NOT NULL,
	kind      TEXT NOT NULL DEFAULT '',
	name_key  TEXT NOT NULL,
	PRIMARY KEY (person_id, ord)
) STRICT;

CREATE TABLE place_names (
	place_id TEXT NOT NULL REFERENCES places (id) ON DELETE CASCADE,
	ord      INTEGER NOT NULL,
	lang     TEXT NOT NULL DEFAULT '',
	script   TEXT NOT NULL DEFAULT '',
	value    TEXT NOT NULL,
	kind     TEXT NOT NULL DEFAULT '',
	name_key TEXT NOT NULL,
	PRIMARY KEY (place_id, ord)
) STRICT;

CREATE TABLE places (
	id        TEXT PRIMARY KEY,
	code      TEXT NOT NULL DEFAULT '',
	level     TEXT NOT NULL,
	parent_id TEXT REFERENCES places (id),
	lat       REAL,
	lon       REAL
) STRICT;

CREATE TABLE schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE source_states (
	url           TEXT PRIMARY KEY,
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	last_status   INTEGER NOT NULL DEFAULT 0,
	last_error    TEXT NOT NULL DEFAULT '',
	failures      INTEGER NOT NULL DEFAULT 0,
	next_attempt  TEXT,
	checked_at    TEXT,
	sha256        TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX citations_document ON citations (document_id, document_version);

CREATE INDEX citations_event ON citations (event_id);

CREATE INDEX documents_lang_sort ON documents (lang, sort_time, id);

CREATE INDEX documents_outlet_sort ON documents (outlet_id, sort_time, id);

CREATE INDEX documents_sort ON documents (sort_time, id);

CREATE INDEX event_participants_org ON event_participants (org_id);

CREATE INDEX event_participants_person ON event_participants (person_id, date_start, event_id);

CREATE INDEX events_date ON events (date_start, id);

CREATE INDEX events_from_org ON events (from_org_id);

CREATE INDEX events_place ON events (place_id);

CREATE INDEX events_status_date ON events (status, date_start, id);

CREATE INDEX events_to_org ON events (to_org_id);

CREATE INDEX events_type_date ON events (type, date_start, id);

CREATE INDEX events_type_precision ON events (type, (length(date)), date_start, date_end);

CREATE INDEX memberships_end_event ON memberships (end_event_id);

CREATE INDEX memberships_org ON memberships (org_id);

CREATE INDEX memberships_person ON memberships (person_id);

CREATE INDEX memberships_start_event ON memberships (start_event_id);

CREATE INDEX org_names_key ON org_names (name_key);

CREATE INDEX org_names_value ON org_names (value);

CREATE INDEX participant_candidates_person ON participant_candidates (person_id);

CREATE INDEX people_merged_into ON people (merged_into);

CREATE INDEX person_merges_kept ON person_merges (kept_id, merged_at);

CREATE INDEX person_merges_merged ON person_merges (merged_id, merged_at);

CREATE INDEX person_names_key ON person_names (name_key);

CREATE INDEX person_names_value ON person_names (value);

CREATE INDEX place_names_key ON place_names (name_key);

CREATE INDEX place_names_value ON place_names (value);

CREATE INDEX places_level ON places (level, id);

CREATE INDEX places_parent ON places (parent_id);

CREATE INDEX source_states_next_attempt ON source_states (next_attempt);
