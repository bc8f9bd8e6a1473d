-- Reading records and required reading (domain/reading): indexes for the statistics, the
-- member's required-reading list and the overdue-reminder scheduler.

-- The readers of one item with what the statistics count (member, finished or not), read from
-- the index alone. It starts with the columns of reading_records_item, which it replaces.
CREATE INDEX reading_records_item_reader ON reading_records(item_kind, item_id, member_id, reached_end_at);
DROP INDEX reading_records_item;
-- Active members with their unit, narrow: the statistics join the readers of a document to it
-- (a merge join of two index-only scans) instead of reading the wide members table. SQLite
-- looks members up by rowid and does not need it.
CREATE INDEX members_active_unit ON members(id, unit_id) WHERE status IN ('official','probationary');

-- Requirements on a member's unit and its ancestors.
CREATE INDEX required_readings_unit ON required_readings(unit_id);
-- Past their deadline and not yet reminded.
CREATE INDEX required_readings_due ON required_readings(deadline) WHERE reminded_at IS NULL;
