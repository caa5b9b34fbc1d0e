-- Editors' merges of people, kept as history and undoable, and the
-- candidates of mentions that linking could not decide.

-- merged_into is the person a merged-away person became part of.
ALTER TABLE people ADD COLUMN merged_into text REFERENCES people (id);
CREATE INDEX people_merged_into ON people (merged_into);

-- moved is a JSON record.MergeMove: exactly what the merge moved, so
-- that undoing it restores that and nothing else.
CREATE TABLE person_merges (
	id        text PRIMARY KEY,
	kept_id   text NOT NULL REFERENCES people (id),
	merged_id text NOT NULL REFERENCES people (id),
	moved     text NOT NULL DEFAULT '{}',
	merged_by text NOT NULL,
	merged_at timestamptz NOT NULL,
	undone_by text NOT NULL DEFAULT '',
	undone_at timestamptz
);
CREATE INDEX person_merges_kept ON person_merges (kept_id, merged_at);
CREATE INDEX person_merges_merged ON person_merges (merged_id, merged_at);

-- One row per person a mention may be; the rows go with their participant.
CREATE TABLE participant_candidates (
	event_id   text NOT NULL,
	ord        integer NOT NULL,
	person_id  text NOT NULL REFERENCES people (id),
	rank       integer NOT NULL,
	confidence double precision NOT NULL,
	PRIMARY KEY (event_id, ord, person_id),
	FOREIGN KEY (event_id, ord) REFERENCES event_participants (event_id, ord) ON DELETE CASCADE
);
CREATE INDEX participant_candidates_person ON participant_candidates (person_id);
