-- A committee may remind, by hand, the members who have not acknowledged a notice
-- (notices::remind), at most once an hour per notice: the last 'reminded' event of the notice is
-- found by this index instead of a walk over every notice's events.
CREATE INDEX notice_events_notice ON notice_events(notice_id, event, at);
