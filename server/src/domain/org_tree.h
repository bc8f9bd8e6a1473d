// The organization tree: any depth, effective-dated history, scope-checked on every call.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "domain/actor.h"
#include "store/units_store.h"

namespace sotay::org {

using store::UnitRow;
using store::UnitVersionRow;

// Kinds, top to bottom. A child must sit strictly below its parent.
bool is_valid_kind(std::string_view kind);
const char* kind_label_vi(std::string_view kind);
bool may_contain(std::string_view parent_kind, std::string_view child_kind);

struct NewUnit {
  std::string code;
  std::string kind;
  std::string name;
  std::optional<std::int64_t> parent_id;
  std::optional<std::string> valid_from;  // default today
};

// Reads (404 when outside the actor's scope, never revealing the unit exists).
UnitRow get_unit(db::Database& db, const Actor& actor, std::int64_t id);
std::vector<UnitRow> children(db::Database& db, const Actor& actor, std::int64_t id, bool include_closed = false);
// The units the actor's grants are rooted at (the top of what they may see).
std::vector<UnitRow> scope_roots(db::Database& db, const Actor& actor);
std::vector<UnitRow> search(db::Database& db, const Actor& actor, const std::string& query, int limit = 30);
std::vector<UnitVersionRow> history(db::Database& db, const Actor& actor, std::int64_t id);
std::vector<UnitVersionRow> tree_on(db::Database& db, const Actor& actor, std::int64_t id, const std::string& date);
store::MemberCounts subtree_counts(db::Database& db, const Actor& actor, std::int64_t id);
// Ancestors from the root down to the unit's parent, limited to what the actor may see.
std::vector<UnitRow> breadcrumbs(db::Database& db, const Actor& actor, std::int64_t id);

// Writes (committee or admin over the unit; audited).
UnitRow create(db::Database& db, const Actor& actor, const NewUnit& unit);
UnitRow rename(db::Database& db, const Actor& actor, std::int64_t id, const std::string& name,
               const std::optional<std::string>& date);
UnitRow move(db::Database& db, const Actor& actor, std::int64_t id, std::int64_t new_parent_id,
             const std::optional<std::string>& date);
// A's members and open children move to B; A's open positions end; A closes, merged into B.
UnitRow merge(db::Database& db, const Actor& actor, std::int64_t from_id, std::int64_t into_id,
              const std::optional<std::string>& date);
UnitRow close(db::Database& db, const Actor& actor, std::int64_t id, const std::optional<std::string>& date);

// Without scope checks, for the CLI and the demo loader (system context).
std::optional<UnitRow> find_by_code(db::Database& db, const std::string& code);

}  // namespace sotay::org
