// SQL shared by the library's items (documents and news): audiences and the visibility filter.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "db/database.h"

namespace sotay::store {

// Who is asking, as the audience test needs it (built by library::audience_scope).
struct AudienceScope {
  bool everything = false;                 // admin over the whole tree
  std::vector<std::int64_t> unit_ids;      // the actor's unit and its ancestors: audiences that cover them
  std::vector<std::string> subtree_paths;  // privileged scopes: audiences inside these count too
};

// Appends to `sql` a condition true when the item (columns `kind_sql`, `id_sql` of the outer
// query) has an audience unit the scope reaches. Values go to `params` as $n.
void append_audience_condition(std::string& sql, db::Params& params, const AudienceScope& scope,
                               const std::string& kind_sql, const std::string& id_sql);

std::vector<std::int64_t> item_audience(db::Connection& c, const std::string& item_kind, std::int64_t item_id);
void replace_item_audience(db::Connection& c, const std::string& item_kind, std::int64_t item_id,
                           const std::vector<std::int64_t>& unit_ids);

// 'published' state of an item, or "" when it does not exist.
std::string item_state(db::Connection& c, const std::string& item_kind, std::int64_t item_id);
bool item_visible(db::Connection& c, const AudienceScope& scope, const std::string& item_kind, std::int64_t item_id);

}  // namespace sotay::store
