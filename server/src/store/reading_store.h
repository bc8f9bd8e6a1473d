// SQL for reading records, favourites, required reading, reminders and reading statistics.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "store/library_store.h"

namespace sotay::store {

// ---- reading records --------------------------------------------------------------------------

// One member's events for one item, already merged in C++ (MIN/MAX) and clamped by the domain.
struct ReadingMerge {
  std::string item_kind;  // "document" | "news"
  std::int64_t item_id = 0;
  std::int64_t first_opened_at = 0;
  std::int64_t last_opened_at = 0;
  std::int64_t seconds = 0;
  std::optional<std::int64_t> reached_end_at;
};

// Upserts every row into reading_records with MIN(first_opened_at), MAX(last_opened_at),
// MAX(seconds) and the earliest non-null reached_end_at, so applying the same rows twice or in any
// order gives the same state. Rows must name distinct items (one statement may not touch a row
// twice on PostgreSQL). Multi-row statements of power-of-two sizes, so at most a handful of
// statement shapes are prepared and cached.
void merge_reading_records(db::Connection& c, std::int64_t member_id, const std::vector<ReadingMerge>& rows);

struct ReadingRecordRow {
  std::int64_t member_id = 0;
  std::string item_kind;
  std::int64_t item_id = 0;
  std::int64_t first_opened_at = 0, last_opened_at = 0, seconds = 0;
  std::optional<std::int64_t> reached_end_at;
};
std::optional<ReadingRecordRow> find_reading_record(db::Connection& c, std::int64_t member_id,
                                                    const std::string& item_kind, std::int64_t item_id);
// All of a member's records of one kind (the library marks what was read).
std::vector<ReadingRecordRow> member_reading_records(db::Connection& c, std::int64_t member_id,
                                                     const std::string& item_kind);

struct ReadableItem {
  std::int64_t id = 0;
  std::optional<std::int64_t> published_at;
};
// Which of `ids` (one kind) exist, are published and pass the audience test of `scope`
// (library::audience_scope: the same condition as library::can_read, for many items in one
// query per 256 ids), with their published_at.
std::vector<ReadableItem> readable_items(db::Connection& c, const AudienceScope& scope, const std::string& item_kind,
                                         const std::vector<std::int64_t>& ids);

// published_at of a document or news item (nullopt when unknown or never published).
std::optional<std::int64_t> item_published_at(db::Connection& c, const std::string& item_kind, std::int64_t item_id);

// ---- favourites -------------------------------------------------------------------------------

void insert_favourite(db::Connection& c, std::int64_t member_id, const std::string& item_kind, std::int64_t item_id,
                      std::int64_t now);
void delete_favourite(db::Connection& c, std::int64_t member_id, const std::string& item_kind, std::int64_t item_id);
std::vector<std::int64_t> favourite_ids(db::Connection& c, std::int64_t member_id, const std::string& item_kind);

// ---- documents as the reading screens show them ---------------------------------------------

struct DocumentCardRow {
  std::int64_t id = 0;
  std::string kind, number, title, summary, issuer, level, legal_status, state;
  std::optional<std::string> issued_on, effective_on;
  std::optional<std::int64_t> published_at;
  std::vector<std::string> topics;
};
std::optional<DocumentCardRow> find_document_card(db::Connection& c, std::int64_t id);

// ---- required reading -------------------------------------------------------------------------

struct RequiredReadingRow {
  std::int64_t id = 0;
  std::int64_t document_id = 0;
  std::int64_t unit_id = 0;
  std::string unit_name, unit_path;
  std::string deadline;  // 'YYYY-MM-DD'
  std::string note;
  std::optional<std::int64_t> created_by;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> reminded_at;
};
std::optional<RequiredReadingRow> find_required_reading(db::Connection& c, std::int64_t id);
std::optional<RequiredReadingRow> find_required_reading_for(db::Connection& c, std::int64_t document_id,
                                                            std::int64_t unit_id);
// Insert, or update deadline and note of the (document, unit) pair; a changed deadline clears
// reminded_at so the overdue reminder can run again. Returns the id.
std::int64_t upsert_required_reading(db::Connection& c, std::int64_t document_id, std::int64_t unit_id,
                                     const std::string& deadline, const std::string& note,
                                     std::optional<std::int64_t> created_by, std::int64_t now);
// Requirements set on any of `unit_ids` (a member's unit and its ancestors), deadline first.
std::vector<RequiredReadingRow> required_readings_on_units(db::Connection& c,
                                                           const std::vector<std::int64_t>& unit_ids);
std::vector<RequiredReadingRow> required_readings_of_document(db::Connection& c, std::int64_t document_id);
// Past their deadline (deadline < today) and not yet reminded, for published documents.
std::vector<RequiredReadingRow> overdue_unreminded(db::Connection& c, const std::string& today);
void set_required_reading_reminded(db::Connection& c, std::int64_t id, std::int64_t now);

// Records a reminder for each active member (official, probationary) of the subtree at `unit_path`
// who has not reached the end of the document: new rows, and rows whose last reminder was sent at or
// before `resend_if_sent_before` (sent_at moves to `now`). Returns how many members were reminded.
std::int64_t remind_non_readers(db::Connection& c, std::int64_t required_reading_id, std::int64_t document_id,
                                const std::string& unit_path, std::int64_t now, std::int64_t resend_if_sent_before);
// required_reading_id → sent_at of the member's reminders.
std::vector<std::pair<std::int64_t, std::int64_t>> member_reminders(db::Connection& c, std::int64_t member_id);

// ---- statistics -------------------------------------------------------------------------------

struct StatsUnitRow {
  std::int64_t id = 0;
  std::string code, name, kind, path;
  bool open = true;
  std::int64_t members = 0;  // active members directly in the unit (unit_member_counts)
};
// Every unit of the subtree at `path` (itself included) with its live member count.
std::vector<StatsUnitRow> subtree_units(db::Connection& c, const std::string& path);

struct UnitReadingRow {
  std::int64_t unit_id = 0;
  std::int64_t opened = 0;       // active members with a record for the item
  std::int64_t reached_end = 0;  // … whose record has reached_end_at
};
// Readers of the item per unit, driven by the item's records (index-only scan of the item's
// readers, one member lookup each). Units outside the wanted subtree are left for the caller to drop.
std::vector<UnitReadingRow> readers_by_unit_from_item(db::Connection& c, const std::string& item_kind,
                                                      std::int64_t item_id);
// Readers of the item per unit of the subtree, driven by the subtree's members (one record probe
// per member): cheaper when the subtree is small next to the item's readership.
std::vector<UnitReadingRow> readers_by_unit_from_members(db::Connection& c, const std::string& item_kind,
                                                         std::int64_t item_id, const std::string& path);
// min(records of the item, limit): whether the item has more readers than a subtree has members
// (picks the cheaper of the two above) without counting past that.
std::int64_t item_record_count(db::Connection& c, const std::string& item_kind, std::int64_t item_id,
                               std::int64_t limit);

struct NotReadRow {
  std::int64_t id = 0;
  std::string full_name, unit_name, unit_path;
};
// Active members of the subtree who have not reached the end of the item, by unit then name.
std::vector<NotReadRow> not_read_members(db::Connection& c, const std::string& item_kind, std::int64_t item_id,
                                         const std::string& path);

// Paths of the units the item is addressed to (item_audiences).
std::vector<std::string> item_audience_paths(db::Connection& c, const std::string& item_kind, std::int64_t item_id);

}  // namespace sotay::store
