-- Reports of one event are found by type and a date window: the window's
-- query bounds date_start on both sides and tests date_end, which this
-- index lets the database test without reading each event's row.
CREATE INDEX events_type_dates ON events (type, date_start, date_end);
