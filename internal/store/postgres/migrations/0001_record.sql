-- The record: outlets and their documents, the capture ledger, people,
-- organisations and places with their names, events with participants and
-- citations, memberships. The same tables as the SQLite store's, in
-- PostgreSQL's types: dates of varying precision are text "YYYY",
-- "YYYY-MM" or "YYYY-MM-DD" with '' for unknown; lists that are always read
-- whole are JSON text, so that both stores share their SQL.

CREATE TABLE outlets (
	id      text PRIMARY KEY,
	kind    text NOT NULL,
	names   text NOT NULL DEFAULT '[]',
	langs   text NOT NULL DEFAULT '[]',
	domains text NOT NULL DEFAULT '[]',
	feeds   text NOT NULL DEFAULT '[]'
);

-- documents holds each document's latest metadata; its text and archive
-- location live with each version in document_versions.
CREATE TABLE documents (
	id                text PRIMARY KEY,
	canonical_url     text NOT NULL UNIQUE,
	url               text NOT NULL,
	outlet_id         text REFERENCES outlets (id),
	title             text NOT NULL DEFAULT '',
	byline            text NOT NULL DEFAULT '',
	lang              text NOT NULL DEFAULT '',
	published         text NOT NULL DEFAULT '',
	published_at      timestamptz,
	fetched_at        timestamptz NOT NULL,
	-- sort_time is published_at, else the first day of published, else
	-- fetched_at: what listings order and filter by.
	sort_time         timestamptz NOT NULL,
	content_type      text NOT NULL DEFAULT '',
	sha256            text NOT NULL,
	size              bigint NOT NULL,
	version           integer NOT NULL,
	source_kind       text NOT NULL DEFAULT '',
	flags             text NOT NULL DEFAULT '[]',
	extractor_version text NOT NULL DEFAULT ''
);
CREATE INDEX documents_sort ON documents (sort_time, id);
CREATE INDEX documents_outlet_sort ON documents (outlet_id, sort_time, id);
CREATE INDEX documents_lang_sort ON documents (lang, sort_time, id);

CREATE TABLE document_versions (
	document_id       text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	version           integer NOT NULL,
	sha256            text NOT NULL,
	size              bigint NOT NULL,
	fetched_at        timestamptz NOT NULL,
	title             text NOT NULL DEFAULT '',
	text              text NOT NULL,
	archive_file      text NOT NULL DEFAULT '',
	archive_offset    bigint NOT NULL DEFAULT 0,
	archive_length    bigint NOT NULL DEFAULT 0,
	archive_record_id text NOT NULL DEFAULT '',
	PRIMARY KEY (document_id, version)
);

CREATE TABLE source_states (
	url           text PRIMARY KEY,
	etag          text NOT NULL DEFAULT '',
	last_modified text NOT NULL DEFAULT '',
	last_status   integer NOT NULL DEFAULT 0,
	last_error    text NOT NULL DEFAULT '',
	failures      integer NOT NULL DEFAULT 0,
	next_attempt  timestamptz,
	checked_at    timestamptz,
	sha256        text NOT NULL DEFAULT ''
);
CREATE INDEX source_states_next_attempt ON source_states (next_attempt);

CREATE TABLE people (
	id          text PRIMARY KEY,
	title_hints text NOT NULL DEFAULT '[]',
	private     boolean NOT NULL DEFAULT false,
	status      text NOT NULL,
	created_at  timestamptz NOT NULL,
	updated_at  timestamptz NOT NULL
);

-- Names of people, organisations and places: one row per way of writing
-- the name, in the order given; name_key is store.NameKey(value), what
-- name matching looks up.
CREATE TABLE person_names (
	person_id text NOT NULL REFERENCES people (id) ON DELETE CASCADE,
	ord       integer NOT NULL,
	lang      text NOT NULL DEFAULT '',
	script    text NOT NULL DEFAULT '',
	value     text NOT NULL,
	kind      text NOT NULL DEFAULT '',
	name_key  text NOT NULL,
	PRIMARY KEY (person_id, ord)
);
CREATE INDEX person_names_value ON person_names (value);
CREATE INDEX person_names_key ON person_names (name_key);

CREATE TABLE organisations (
	id         text PRIMARY KEY,
	kind       text NOT NULL,
	dissolved  text NOT NULL DEFAULT '',
	status     text NOT NULL,
	created_at timestamptz NOT NULL,
	updated_at timestamptz NOT NULL
);

CREATE TABLE org_names (
	org_id   text NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
	ord      integer NOT NULL,
	lang     text NOT NULL DEFAULT '',
	script   text NOT NULL DEFAULT '',
	value    text NOT NULL,
	kind     text NOT NULL DEFAULT '',
	name_key text NOT NULL,
	PRIMARY KEY (org_id, ord)
);
CREATE INDEX org_names_value ON org_names (value);
CREATE INDEX org_names_key ON org_names (name_key);

CREATE TABLE places (
	id        text PRIMARY KEY,
	code      text NOT NULL DEFAULT '',
	level     text NOT NULL,
	parent_id text REFERENCES places (id),
	lat       double precision,
	lon       double precision
);
CREATE INDEX places_parent ON places (parent_id);
CREATE INDEX places_level ON places (level, id);

CREATE TABLE place_names (
	place_id text NOT NULL REFERENCES places (id) ON DELETE CASCADE,
	ord      integer NOT NULL,
	lang     text NOT NULL DEFAULT '',
	script   text NOT NULL DEFAULT '',
	value    text NOT NULL,
	kind     text NOT NULL DEFAULT '',
	name_key text NOT NULL,
	PRIMARY KEY (place_id, ord)
);
CREATE INDEX place_names_value ON place_names (value);
CREATE INDEX place_names_key ON place_names (name_key);

-- date_start and date_end are the first and last day the date can mean
-- ('' when undated), for range filters and ordering.
CREATE TABLE events (
	id              text PRIMARY KEY,
	type            text NOT NULL,
	date            text NOT NULL DEFAULT '',
	date_start      text NOT NULL DEFAULT '',
	date_end        text NOT NULL DEFAULT '',
	place_id        text REFERENCES places (id),
	count           bigint,
	count_qualifier text NOT NULL DEFAULT '',
	from_org_id     text REFERENCES organisations (id),
	to_org_id       text REFERENCES organisations (id),
	role_class      text NOT NULL DEFAULT '',
	evidence_grade  text NOT NULL DEFAULT '',
	status          text NOT NULL,
	created_at      timestamptz NOT NULL,
	updated_at      timestamptz NOT NULL
);
CREATE INDEX events_date ON events (date_start, id);
CREATE INDEX events_type_date ON events (type, date_start, id);
CREATE INDEX events_status_date ON events (status, date_start, id);
CREATE INDEX events_place ON events (place_id);
CREATE INDEX events_from_org ON events (from_org_id);
CREATE INDEX events_to_org ON events (to_org_id);

CREATE TABLE event_participants (
	event_id  text NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	ord       integer NOT NULL,
	role      text NOT NULL,
	person_id text REFERENCES people (id),
	org_id    text REFERENCES organisations (id),
	mention   text NOT NULL DEFAULT '',
	PRIMARY KEY (event_id, ord)
);
CREATE INDEX event_participants_person ON event_participants (person_id);
CREATE INDEX event_participants_org ON event_participants (org_id);

CREATE TABLE citations (
	id               text PRIMARY KEY,
	event_id         text NOT NULL REFERENCES events (id),
	document_id      text NOT NULL,
	document_version integer NOT NULL,
	span_start       integer NOT NULL,
	span_end         integer NOT NULL,
	evidence         text NOT NULL,
	claimed_count    bigint,
	count_qualifier  text NOT NULL DEFAULT '',
	claimant         text NOT NULL DEFAULT '',
	claimant_id      text NOT NULL DEFAULT '',
	stance           text NOT NULL,
	confidence       double precision NOT NULL DEFAULT 0,
	extracted_by     text NOT NULL,
	created_at       timestamptz NOT NULL,
	FOREIGN KEY (document_id, document_version) REFERENCES document_versions (document_id, version)
);
CREATE INDEX citations_event ON citations (event_id);
CREATE INDEX citations_document ON citations (document_id, document_version);

CREATE TABLE memberships (
	id             text PRIMARY KEY,
	person_id      text NOT NULL REFERENCES people (id),
	org_id         text NOT NULL REFERENCES organisations (id),
	role           text NOT NULL DEFAULT '',
	post           boolean NOT NULL DEFAULT false,
	start_date     text NOT NULL DEFAULT '',
	end_date       text NOT NULL DEFAULT '',
	start_event_id text REFERENCES events (id),
	end_event_id   text REFERENCES events (id)
);
CREATE INDEX memberships_person ON memberships (person_id);
CREATE INDEX memberships_org ON memberships (org_id);
CREATE INDEX memberships_start_event ON memberships (start_event_id);
CREATE INDEX memberships_end_event ON memberships (end_event_id);
