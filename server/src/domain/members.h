// Member records: reads and writes, scope-checked; writes by committees are audited.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "domain/actor.h"
#include "domain/member_record.h"
#include "store/members_store.h"

namespace sotay::members {

using store::MemberRow;
using store::PositionRow;

struct ListRequest {
  std::int64_t unit_id = 0;
  bool subtree = false;
  std::vector<std::string> statuses;
  std::optional<std::string> position;
  std::optional<std::string> query;   // name, with or without diacritics
  std::optional<std::string> cursor;  // opaque, from the previous page
  int limit = 50;
};
struct Page {
  std::vector<MemberRow> members;
  std::optional<std::string> next_cursor;
};

MemberRow get(db::Database& db, const Actor& actor, std::int64_t id);
Page list(db::Database& db, const Actor& actor, const ListRequest& request);
MemberRow create(db::Database& db, const Actor& actor, std::int64_t unit_id, const MemberInput& input);
// Fields absent from `patch` keep their value; an empty string clears an optional field.
MemberRow update(db::Database& db, const Actor& actor, std::int64_t id, const MemberInput& patch);
// A member edits their own phone and email.
MemberRow update_own_contact(db::Database& db, const Actor& actor, const std::optional<std::string>& phone,
                             const std::optional<std::string>& email);
MemberRow transfer(db::Database& db, const Actor& actor, std::int64_t id, std::int64_t to_unit_id,
                   const std::optional<std::string>& date);

std::vector<PositionRow> unit_positions(db::Database& db, const Actor& actor, std::int64_t unit_id, bool include_ended);
std::vector<PositionRow> member_positions(db::Database& db, const Actor& actor, std::int64_t member_id);
PositionRow add_position(db::Database& db, const Actor& actor, std::int64_t unit_id, std::int64_t member_id,
                         const std::string& position, const std::optional<std::string>& term_from,
                         const std::optional<std::string>& term_to);
PositionRow end_position(db::Database& db, const Actor& actor, std::int64_t position_id,
                         const std::optional<std::string>& date);

// Units that may hold members directly.
bool may_hold_members(std::string_view unit_kind);

}  // namespace sotay::members
