-- How sure linking was that a participant's mention is its person: 1 for
-- the same name or an editor's word, less for a spelling that meets by
-- key or a part of a name met in the same document; 0 where unknown.
ALTER TABLE event_participants ADD COLUMN confidence REAL NOT NULL DEFAULT 0;
