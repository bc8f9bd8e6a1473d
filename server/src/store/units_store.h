// SQL for the organization tree: units, their effective-dated versions and member counts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace sotay::store {

struct UnitRow {
  std::int64_t id = 0;
  std::string code;
  std::string kind;
  std::string name;
  std::optional<std::int64_t> parent_id;
  std::string path;
  int depth = 0;
  std::string valid_from;
  std::optional<std::string> valid_to;
  std::optional<std::int64_t> merged_into;
  std::int64_t official = 0;      // members directly in this unit
  std::int64_t probationary = 0;
  std::int64_t child_count = 0;   // open children (filled by list queries)
};

struct UnitVersionRow {
  std::int64_t unit_id = 0;
  std::string code;
  std::string name;
  std::string kind;
  std::optional<std::int64_t> parent_id;
  std::string path;
  std::string valid_from;
  std::optional<std::string> valid_to;
  std::string change;
  std::string note;
  std::optional<std::int64_t> actor_account_id;
  std::int64_t at = 0;
};

// Upper bound for a range scan of the subtree under `path` ('/1/5/' → '/1/50').
std::string subtree_upper(const std::string& path);

std::optional<UnitRow> find_unit(db::Connection& c, std::int64_t id);
std::optional<UnitRow> find_unit_by_code(db::Connection& c, const std::string& code);
std::vector<UnitRow> list_children(db::Connection& c, std::int64_t parent_id, bool include_closed);
std::vector<UnitRow> list_roots(db::Connection& c);
// Open units in the subtree whose folded name contains `fold_query`, at most `limit`.
std::vector<UnitRow> search_units(db::Connection& c, const std::string& root_path, const std::string& fold_query,
                                  int limit);

std::int64_t insert_unit(db::Connection& c, const std::string& code, const std::string& kind,
                         const std::string& name, const std::string& name_fold,
                         std::optional<std::int64_t> parent_id, const std::string& parent_path, int parent_depth,
                         const std::string& valid_from);
void update_unit_name(db::Connection& c, std::int64_t id, const std::string& name, const std::string& name_fold);
// Rewrites the path prefix of a whole subtree and shifts depths (a move).
void move_subtree(db::Connection& c, const std::string& old_path, const std::string& new_path, int depth_delta);
void set_parent(db::Connection& c, std::int64_t id, std::int64_t parent_id);
void close_unit(db::Connection& c, std::int64_t id, const std::string& date, std::optional<std::int64_t> merged_into);

// History: closes the open versions of the subtree and opens new ones from the units' current state.
void close_open_versions(db::Connection& c, const std::string& root_path, const std::string& date);
void open_versions(db::Connection& c, const std::string& root_path, const std::string& date, std::int64_t changed_id,
                   const std::string& change, const std::string& note, std::optional<std::int64_t> actor,
                   std::int64_t at);
void close_unit_version(db::Connection& c, std::int64_t unit_id, const std::string& date);
void insert_version(db::Connection& c, const UnitVersionRow& v);
std::vector<UnitVersionRow> unit_history(db::Connection& c, std::int64_t unit_id);
// The subtree of `root_id` as it was on `date` (using the root's path on that date).
std::vector<UnitVersionRow> tree_on(db::Connection& c, std::int64_t root_id, const std::string& date);

struct MemberCounts {
  std::int64_t official = 0;
  std::int64_t probationary = 0;
  std::int64_t units = 0;
};
MemberCounts subtree_counts(db::Connection& c, const std::string& path);
// Members per unit for a subtree on a date, from membership history (reports before a merge).
std::vector<std::pair<std::int64_t, std::int64_t>> member_counts_on(db::Connection& c, const std::string& root_path,
                                                                    const std::string& date);
std::int64_t open_children_count(db::Connection& c, std::int64_t id);

}  // namespace sotay::store
