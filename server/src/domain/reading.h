// Reading records, favourites, required reading, reminders and reading statistics
// (docs/decisions/0005-library-and-search.md, "Reading records").
//
// Who sees what: a member's own reading record is shown only to that member (GET /reading/required,
// the read flags of the library) and, as names of members who have not read, to the committees of
// the member's cell and base committee (stats.not_read). Higher levels — and editors — see counts.
//
// "Read" means reached_end: the app sends reached_end when the reader got to the end of the text
// (or pressed "Đã đọc xong"). rate = reached_end / members; "opened" is shown beside it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "db/database.h"
#include "domain/actor.h"
#include "domain/library_access.h"
#include "io/table.h"
#include "store/reading_store.h"

namespace sotay::reading {

using library::ItemKind;

// ---- reading events ----------------------------------------------------------------------------

inline constexpr std::size_t kMaxEventsPerBatch = 500;
inline constexpr std::int64_t kMaxSeconds = 24 * 3600;           // one item's running total, at most
inline constexpr std::int64_t kOpenedBeforePublish = 24 * 3600;  // clock skew allowed before publishing
inline constexpr std::int64_t kOpenedInFuture = 5 * 60;          // … and ahead of the server's clock

struct Event {
  ItemKind kind = ItemKind::document;
  std::int64_t item_id = 0;
  std::int64_t opened_at = 0;  // unix seconds, the app's clock
  std::int64_t seconds = 0;    // the app's running total for the item (>= 0)
  bool reached_end = false;
};
struct EventsResult {
  std::int64_t accepted = 0;  // events of readable items, merged
  std::int64_t skipped = 0;   // events of unknown, unpublished or unreadable items, dropped
};

// Merges a batch (1..500 events) into the member's reading records in one transaction:
// first_opened_at = MIN, last_opened_at = MAX, seconds = MAX, reached_end_at = MIN of the opened_at
// of events with reached_end (an event without it never clears it). So the same batch twice, or
// batches in any order, leave the same state. opened_at is clamped to
// [published_at − 1 day, now + 5 min], seconds to [0, 24 h]. Readability is checked once per distinct
// item. Only members record (403 otherwise).
EventsResult record_events(db::Database& db, const Actor& actor, const std::vector<Event>& events, std::int64_t now);

struct ReadState {
  bool opened = false;
  bool reached_end = false;
};
// The member's read flags per item id of one kind (for the library's lists).
std::map<std::int64_t, ReadState> read_states(db::Connection& c, std::int64_t member_id, ItemKind kind);

// ---- favourites ----------------------------------------------------------------------------------

// PUT: the item must be readable (404 otherwise). DELETE: always succeeds (the item may have been
// withdrawn since). Members only.
void add_favourite(db::Database& db, const Actor& actor, ItemKind kind, std::int64_t item_id, std::int64_t now);
void remove_favourite(db::Database& db, const Actor& actor, ItemKind kind, std::int64_t item_id);
std::set<std::int64_t> favourite_ids(db::Connection& c, std::int64_t member_id, ItemKind kind);

// ---- required reading ------------------------------------------------------------------------------

struct RequiredReading {
  std::int64_t id = 0;
  std::int64_t document_id = 0;
  std::int64_t unit_id = 0;
  std::string unit_name;
  std::string deadline;
  std::string note;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> reminded_at;  // when the overdue reminder ran
};

// Committee, cell committee or admin over `unit_id`; the document published and addressed to the
// unit's whole subtree (a member of the unit could read it); deadline today (Vietnam) or later.
// Upserts by (document, unit); audited.
RequiredReading require(db::Database& db, const Actor& actor, std::int64_t document_id, std::int64_t unit_id,
                        const std::string& deadline, const std::string& note);

struct DocumentCard {  // DocumentSummary of the API
  store::DocumentCardRow row;
  ReadState read;
  bool favourite = false;
  std::optional<std::string> required_deadline;
};
struct RequiredItem {
  std::int64_t id = 0;  // the required reading
  DocumentCard document;
  std::string deadline;
  std::string note;
  bool overdue = false;  // deadline passed and not read to the end
  ReadState read;
  std::optional<std::int64_t> reminded_at;  // the last reminder sent to this member
};
// Requirements on the member's unit or an ancestor, one per document (the earliest deadline
// wins), deadline first. Only documents the member can still read.
std::vector<RequiredItem> required_for_member(db::Database& db, const Actor& actor, std::int64_t now);

// ---- reminders ---------------------------------------------------------------------------------------

// A repeated remind within 24 hours reminds no one twice: each member of the subtree who has
// not read gets a reminder when they never had one for this requirement or the last one is at
// least 24 h old. Delivery (push, the notice list) comes with notices; for now reminders are
// rows shown by GET /reading/required (reminded_at).
inline constexpr std::int64_t kRemindAgainAfter = 24 * 3600;

// Committee, cell committee or admin over the requirement's unit; audited. Returns how many
// members were reminded.
std::int64_t remind(db::Database& db, const Actor& actor, std::int64_t required_reading_id, std::int64_t now);
// For the server's scheduler: requirements past their deadline (Vietnam date of `now`) not yet
// reminded — remind the non-readers once and set reminded_at. Returns members reminded.
int remind_overdue(db::Database& db, std::int64_t now);

// ---- statistics --------------------------------------------------------------------------------------

struct Tally {
  std::int64_t members = 0;      // active members (official, probationary) the document is addressed to
  std::int64_t opened = 0;       // … who opened it
  std::int64_t reached_end = 0;  // … who read it to the end
  double rate() const { return members > 0 ? static_cast<double>(reached_end) / static_cast<double>(members) : 0.0; }
};
struct ChildStats {
  std::int64_t id = 0;
  std::string name, kind, code;
  Tally tally;
};
struct NotRead {
  std::int64_t id = 0;
  std::string full_name, unit_name;
};
struct Stats {
  std::int64_t document_id = 0;
  std::string document_title, document_number;
  std::int64_t unit_id = 0;
  std::string unit_name, unit_kind;
  Tally tally;
  std::vector<ChildStats> children;              // open children (and closed ones that still hold members)
  std::optional<std::vector<NotRead>> not_read;  // names only for a cell or base committee's own committees
  std::optional<std::pair<std::int64_t, std::string>> required;  // id, deadline: on the unit or an ancestor
};

// The caller must be cell committee, committee, editor or admin over the unit (default: the
// narrowest unit of those grants) and able to read the document. Members counted: active members
// of the subtree in units the document is addressed to.
Stats stats(db::Database& db, const Actor& actor, std::int64_t document_id, std::optional<std::int64_t> unit_id);
// The children and the total as a sheet (Vietnamese header), and the names when visible.
io::Table stats_table(const Stats& s);

// Names are visible when the unit is a cell, base cell or base committee and one of the actor's
// cell committee / committee / admin grants sits on that unit or on its base committee.
bool names_visible(db::Connection& c, const Actor& actor, const store::StatsUnitRow& unit);

}  // namespace sotay::reading
