-- Editors' merges of people, kept as history and undoable, and the
-- candidates of mentions that linking could not decide.

-- merged_into is the person a merged-away person became part of.
ALTER TABLE people ADD COLUMN merged_into TEXT REFERENCES people (id);
CREATE INDEX people_merged_into ON people (merged_into);

-- moved is a JSON record.MergeMove: exactly what the merge moved, so
-- that undoing it restores that and nothing else.
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
CREATE INDEX person_merges_kept ON person_merges (kept_id, merged_at);
CREATE INDEX person_merges_merged ON person_merges (merged_id, merged_at);

-- One row per person a mention may be; the rows go with their participant.
CREATE TABLE participant_candidates (
	event_id   TEXT NOT NULL,
	ord        INTEGER NOT NULL,
	person_id  TEXT NOT NULL REFERENCES people (id),
	rank       INTEGER NOT NULL,
	confidence REAL NOT NULL,
	PRIMARY KEY (event_id, ord, person_id),
	FOREIGN KEY (event_id, ord) REFERENCES event_participants (event_id, ord) ON DELETE CASCADE
) STRICT;
CREATE INDEX participant_candidates_person ON participant_candidates (person_id);
