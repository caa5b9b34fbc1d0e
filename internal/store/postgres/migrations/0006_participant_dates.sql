-- A person's events, newest first, are read from the participants: with
-- the event's first day copied beside the person, the index returns them
-- in order and a page stops after its last row, where reading every event
-- of a person named eleven thousand times and sorting them took 50 ms.
-- The copy is written with the participants, which are rewritten
-- whenever their event is.
ALTER TABLE event_participants ADD COLUMN date_start TEXT NOT NULL DEFAULT '';
UPDATE event_participants SET date_start = (SELECT e.date_start FROM events e WHERE e.id = event_participants.event_id);
DROP INDEX event_participants_person;
CREATE INDEX event_participants_person ON event_participants (person_id, date_start, event_id);
