// Who may read which library item (documents and news). One rule, used by the library, search,
// reading records and statistics: a published item is readable by an actor when one of its
// audience units is the actor's own unit or an ancestor of it, or — for committees, cell
// committees, editors and admins — when an audience unit lies inside the actor's scope.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"
#include "domain/actor.h"
#include "store/library_store.h"

namespace sotay::library {

enum class ItemKind { document, news };
const char* item_kind_name(ItemKind kind);  // "document", "news"
std::optional<ItemKind> parse_item_kind(std::string_view s);

// The ids on a materialized path: '/1/5/23/' → {1, 5, 23}, the unit and its ancestors.
std::vector<std::int64_t> ids_on_path(std::string_view path);

// The actor's audience test as data (store::AudienceScope), so list and search queries filter
// in the database.
store::AudienceScope audience_scope(const Actor& actor);

// True when the item exists, is published and the actor may read it.
bool can_read(db::Connection& c, const Actor& actor, ItemKind kind, std::int64_t id);

}  // namespace sotay::library
