-- The PostgreSQL schema after every migration: generated, do not edit.
-- go test ./internal/store/postgres -run TestSchema -update rewrites it.

CREATE TABLE citations (
	id text NOT NULL,
	event_id text NOT NULL,
	document_id text NOT NULL,
	document_version integer NOT NULL,
	span_start integer NOT NULL,
	span_end integer NOT NULL,
	evidence text NOT NULL,
	claimed_count bigint,
	count_qualifier text NOT NULL DEFAULT ''::text,
	claimant text NOT NULL DEFAULT ''::text,
	claimant_id text NOT NULL DEFAULT ''::text,
	stance text NOT NULL,
	confidence double precision NOT NULL DEFAULT 0,
	extracted_by text NOT NULL,
	created_at timestamp with time zone NOT NULL,
	CONSTRAINT citations_document_id_document_version_fkey FOREIGN KEY (document_id, document_version) REFERENCES document_versions(document_id, version),
	CONSTRAINT citations_event_id_fkey FOREIGN KEY (event_id) REFERENCES events(id),
	CONSTRAINT citations_pkey PRIMARY KEY (id)
);

CREATE TABLE document_versions (
	document_id text NOT NULL,
	version integer NOT NULL,
	sha256 text NOT NULL,
	size bigint NOT NULL,
	fetched_at timestamp with time zone NOT NULL,
	title text NOT NULL DEFAULT ''::text,
	text text NOT NULL,
	archive_file text NOT NULL DEFAULT ''::text,
	archive_offset bigint NOT NULL DEFAULT 0,
	archive_length bigint NOT NULL DEFAULT 0,
	archive_record_id text NOT NULL DEFAULT ''::text,
	CONSTRAINT document_versions_document_id_fkey FOREIGN KEY (document_id) REFERENCES documents(id) ON DELETE CASCADE,
	CONSTRAINT document_versions_pkey PRIMARY KEY (document_id, version)
);

CREATE TABLE documents (
	id text NOT NULL,
	canonical_url text NOT NULL,
	url text NOT NULL,
	outlet_id text,
	title text NOT NULL DEFAULT ''::text,
	byline text NOT NULL DEFAULT ''::text,
	lang text NOT NULL DEFAULT ''::text,
	published text NOT NULL DEFAULT ''::text,
	published_at timestamp with time zone,
	fetched_at timestamp with time zone NOT NULL,
	sort_time timestamp with time zone NOT NULL,
	content_type text NOT NULL DEFAULT ''::text,
	sha256 text NOT NULL,
	size bigint NOT NULL,
	version integer NOT NULL,
	source_kind text NOT NULL DEFAULT ''::text,
	flags text NOT NULL DEFAULT '[]'::text,
	extractor_version text NOT NULL DEFAULT ''::text,
	CONSTRAINT documents_canonical_url_key UNIQUE (canonical_url),
	CONSTRAINT documents_outlet_id_fkey FOREIGN KEY (outlet_id) REFERENCES outlets(id),
	CONSTRAINT documents_pkey PRIMARY KEY (id)
);

CREATE TABLE event_participants (
	event_id text NOT NULL,
	ord integer NOT NULL,
	role text NOT NULL,
	person_id text,
	org_id text,
	mention text NOT NULL DEFAULT ''::text,
	confidence double precision NOT NULL DEFAULT 0,
	date_start text NOT NULL DEFAULT ''::text,
	CONSTRAINT event_participants_event_id_fkey FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE,
	CONSTRAINT event_participants_org_id_fkey FOREIGN KEY (org_id) REFERENCES organisations(id),
	CONSTRAINT event_participants_person_id_fkey FOREIGN KEY (person_id) REFERENCES people(id),
	CONSTRAINT event_participants_pkey PRIMARY KEY (event_id, ord)
);

CREATE TABLE events (
	id text NOT NULL,
	type text NOT NULL,
	date text NOT NULL DEFAULT ''::text,
	date_start text NOT NULL DEFAULT ''::text,
	date_end text NOT NULL DEFAULT ''::text,
	place_id text,
	count bigint,
	count_qualifier text NOT NULL DEFAULT ''::text,
	from_org_id text,
	to_org_id text,
	role_class text NOT NULL DEFAULT ''::text,
	evidence_grade text NOT NULL DEFAULT ''::text,
	status text NOT NULL,
	created_at timestamp with time zone NOT NULL,
	updated_at timestamp with time zone NOT NULL,
	CONSTRAINT events_from_org_id_fkey FOREIGN KEY (from_org_id) REFERENCES organisations(id),
	CONSTRAINT events_pkey PRIMARY KEY (id),
	CONSTRAINT events_place_id_fkey FOREIGN KEY (place_id) REFERENCES places(id),
	CONSTRAINT events_to_org_id_fkey FOREIGN KEY (to_org_id) REFERENCES organisations(id)
);

CREATE TABLE memberships (
	id text NOT NULL,
	person_id text NOT NULL,
	org_id text NOT NULL,
	role text NOT NULL DEFAULT ''::text,
	post boolean NOT NULL DEFAULT false,
	start_date text NOT NULL DEFAULT ''::text,
	end_date text NOT NULL DEFAULT ''::text,
	start_event_id text,
	end_event_id text,
	CONSTRAINT memberships_end_event_id_fkey FOREIGN KEY (end_event_id) REFERENCES events(id),
	CONSTRAINT memberships_org_id_fkey FOREIGN KEY (org_id) REFERENCES organisations(id),
	CONSTRAINT memberships_person_id_fkey FOREIGN KEY (person_id) REFERENCES people(id),
	CONSTRAINT memberships_pkey PRIMARY KEY (id),
	CONSTRAINT memberships_start_event_id_fkey FOREIGN KEY (start_event_id) REFERENCES events(id)
);

CREATE TABLE org_names (
	org_id text NOT NULL,
	ord integer NOT NULL,
	lang text NOT NULL DEFAULT ''::text,
	script text NOT NULL DEFAULT ''::text,
	value text NOT NULL,
	kind text NOT NULL DEFAULT ''::text,
	name_key text NOT NULL,
	CONSTRAINT org_names_org_id_fkey FOREIGN KEY (org_id) REFERENCES organisations(id) ON DELETE CASCADE,
	CONSTRAINT org_names_pkey PRIMARY KEY (org_id, ord)
);

CREATE TABLE organisations (
	id text NOT NULL,
	kind text NOT NULL,
	dissolved text NOT NULL DEFAULT ''::text,
	status text NOT NULL,
	created_at timestamp with time zone NOT NULL,
	updated_at timestamp with time zone NOT NULL,
	CONSTRAINT organisations_pkey PRIMARY KEY (id)
);

CREATE TABLE outlets (
	id text NOT NULL,
	kind text NOT NULL,
	names text NOT NULL DEFAULT '[]'::text,
	langs text NOT NULL DEFAULT '[]'::text,
	domains text NOT NULL DEFAULT '[]'::text,
	feeds text NOT NULL DEFAULT '[]'::text,
	CONSTRAINT outlets_pkey PRIMARY KEY (id)
);

CREATE TABLE participant_candidates (
	event_id text NOT NULL,
	ord integer NOT NULL,
	person_id text NOT NULL,
	rank integer NOT NULL,
	confidence double precision NOT NULL,
	CONSTRAINT participant_candidates_event_id_ord_fkey FOREIGN KEY (event_id, ord) REFERENCES event_participants(event_id, ord) ON DELETE CASCADE,
	CONSTRAINT participant_candidates_person_id_fkey FOREIGN KEY (person_id) REFERENCES people(id),
	CONSTRAINT participant_candidates_pkey PRIMARY KEY (event_id, ord, person_id)
);

CREATE TABLE people (
	id text NOT NULL,
	title_hints text NOT NULL DEFAULT '[]'::text,
	private boolean NOT NULL DEFAULT false,
	status text NOT NULL,
	created_at timestamp with time zone NOT NULL,
	updated_at timestamp with time zone NOT NULL,
	merged_into text,
	CONSTRAINT people_merged_into_fkey FOREIGN KEY (merged_into) REFERENCES people(id),
	CONSTRAINT people_pkey PRIMARY KEY (id)
);

CREATE TABLE person_merges (
	id text NOT NULL,
	kept_id text NOT NULL,
	merged_id text NOT NULL,
	moved text NOT NULL DEFAULT '{}'::text,
	merged_by text NOT NULL,
	merged_at timestamp with time zone NOT NULL,
	undone_by text NOT NULL DEFAULT ''::text,
	undone_at timestamp with time zone,
	CONSTRAINT person_merges_kept_id_fkey FOREIGN KEY (kept_id) REFERENCES people(id),
	CONSTRAINT person_merges_merged_id_fkey FOREIGN KEY (merged_id) REFERENCES people(id),
	CONSTRAINT person_merges_pkey PRIMARY KEY (id)
);

CREATE TABLE person_names (
	person_id text NOT NULL,
	ord integer NOT NULL,
	lang text NOT NULL DEFAULT ''::text,
	script text NOT NULL DEFAULT ''::text,
	value text NOT NULL,
	kind text NOT NULL DEFAULT ''::text,
	name_key text NOT NULL,
	CONSTRAINT person_names_person_id_fkey FOREIGN KEY (person_id) REFERENCES people(id) ON DELETE CASCADE,
	CONSTRAINT person_names_pkey PRIMARY KEY (person_id, ord)
);

CREATE TABLE place_names (
	place_id text NOT NULL,
	ord integer NOT NULL,
	lang text NOT NULL DEFAULT ''::text,
	script text NOT NULL DEFAULT ''::text,
	value text NOT NULL,
	kind text NOT NULL DEFAULT ''::text,
	name_key text NOT NULL,
	CONSTRAINT place_names_pkey PRIMARY KEY (place_id, ord),
	CONSTRAINT place_names_place_id_fkey FOREIGN KEY (place_id) REFERENCES places(id) ON DELETE CASCADE
);

CREATE TABLE places (
	id text NOT NULL,
	code text NOT NULL DEFAULT ''::text,
	level text NOT NULL,
	parent_id text,
	lat double precision,
	lon double precision,
	CONSTRAINT places_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES places(id),
	CONSTRAINT places_pkey PRIMARY KEY (id)
);

CREATE TABLE schema_migrations (
	version integer NOT NULL,
	name text NOT NULL,
	applied_at timestamp with time zone NOT NULL DEFAULT now(),
	CONSTRAINT schema_migrations_pkey PRIMARY KEY (version)
);

CREATE TABLE source_states (
	url text NOT NULL,
	etag text NOT NULL DEFAULT ''::text,
	last_modified text NOT NULL DEFAULT ''::text,
	last_status integer NOT NULL DEFAULT 0,
	last_error text NOT NULL DEFAULT ''::text,
	failures integer NOT NULL DEFAULT 0,
	next_attempt timestamp with time zone,
	checked_at timestamp with time zone,
	sha256 text NOT NULL DEFAULT ''::text,
	CONSTRAINT source_states_pkey PRIMARY KEY (url)
);

CREATE INDEX citations_document ON citations USING btree (document_id, document_version);
CREATE INDEX citations_event ON citations USING btree (event_id);
CREATE UNIQUE INDEX citations_pkey ON citations USING btree (id);
CREATE UNIQUE INDEX document_versions_pkey ON document_versions USING btree (document_id, version);
CREATE UNIQUE INDEX documents_canonical_url_key ON documents USING btree (canonical_url);
CREATE INDEX documents_lang_sort ON documents USING btree (lang, sort_time, id);
CREATE INDEX documents_outlet_sort ON documents USING btree (outlet_id, sort_time, id);
CREATE UNIQUE INDEX documents_pkey ON documents USING btree (id);
CREATE INDEX documents_sort ON documents USING btree (sort_time, id);
CREATE INDEX event_participants_org ON event_participants USING btree (org_id);
CREATE INDEX event_participants_person ON event_participants USING btree (person_id, date_start, event_id);
CREATE UNIQUE INDEX event_participants_pkey ON event_participants USING btree (event_id, ord);
CREATE INDEX events_date ON events USING btree (date_start, id);
CREATE INDEX events_from_org ON events USING btree (from_org_id);
CREATE UNIQUE INDEX events_pkey ON events USING btree (id);
CREATE INDEX events_place ON events USING btree (place_id);
CREATE INDEX events_status_date ON events USING btree (status, date_start, id);
CREATE INDEX events_to_org ON events USING btree (to_org_id);
CREATE INDEX events_type_date ON events USING btree (type, date_start, id);
CREATE INDEX events_type_precision ON events USING btree (type, length(date), date_start, date_end);
CREATE INDEX memberships_end_event ON memberships USING btree (end_event_id);
CREATE INDEX memberships_org ON memberships USING btree (org_id);
CREATE INDEX memberships_person ON memberships USING btree (person_id);
CREATE UNIQUE INDEX memberships_pkey ON memberships USING btree (id);
CREATE INDEX memberships_start_event ON memberships USING btree (start_event_id);
CREATE INDEX org_names_key ON org_names USING btree (name_key);
CREATE UNIQUE INDEX org_names_pkey ON org_names USING btree (org_id, ord);
CREATE INDEX org_names_value ON org_names USING btree (value);
CREATE UNIQUE INDEX organisations_pkey ON organisations USING btree (id);
CREATE UNIQUE INDEX outlets_pkey ON outlets USING btree (id);
CREATE INDEX participant_candidates_person ON participant_candidates USING btree (person_id);
CREATE UNIQUE INDEX participant_candidates_pkey ON participant_candidates USING btree (event_id, ord, person_id);
CREATE INDEX people_merged_into ON people USING btree (merged_into);
CREATE UNIQUE INDEX people_pkey ON people USING btree (id);
CREATE INDEX person_merges_kept ON person_merges USING btree (kept_id, merged_at);
CREATE INDEX person_merges_merged ON person_merges USING btree (merged_id, merged_at);
CREATE UNIQUE INDEX person_merges_pkey ON person_merges USING btree (id);
CREATE INDEX person_names_key ON person_names USING btree (name_key);
CREATE UNIQUE INDEX person_names_pkey ON person_names USING btree (person_id, ord);
CREATE INDEX person_names_value ON person_names USING btree (value);
CREATE INDEX place_names_key ON place_names USING btree (name_key);
CREATE UNIQUE INDEX place_names_pkey ON place_names USING btree (place_id, ord);
CREATE INDEX place_names_value ON place_names USING btree (value);
CREATE INDEX places_level ON places USING btree (level, id);
CREATE INDEX places_parent ON places USING btree (parent_id);
CREATE UNIQUE INDEX places_pkey ON places USING btree (id);
CREATE UNIQUE INDEX schema_migrations_pkey ON schema_migrations USING btree (version);
CREATE INDEX source_states_next_attempt ON source_states USING btree (next_attempt);
CREATE UNIQUE INDEX source_states_pkey ON source_states USING btree (url);
