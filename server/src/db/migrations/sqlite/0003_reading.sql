-- Reading records and required reading (domain/reading): indexes for the statistics, the
-- member's required-reading list and the overdue-reminder scheduler.

-- The readers of one item with what the statistics count (member, finished or not), read from
-- the index alone. It starts with the columns of reading_records_item, which it replaces.
CREATE INDEX reading_records_item_reader ON reading_records(item_kind, item_id, member_id, reached_end_at);
DROP INDEX reading_records_item;

-- Requirements on a member's unit and its ancestors.
CREATE INDEX required_readings_unit ON required_readings(unit_id);
-- Past their deadline and not yet reminded.
CREATE INDEX required_readings_due ON required_readings(deadline) WHERE reminded_at IS NULL;
