-- A window of days meets an event whose date is a day, a month or a year
-- only if it starts at most that long before the window: filed under the
-- date's precision (the length of its text), each precision's events are
-- found in a range of a few days, a month or a year. One index over every
-- precision had to read a year of events of the type for a week's window.
DROP INDEX events_type_dates;
CREATE INDEX events_type_precision ON events (type, (length(date)), date_start, date_end);
