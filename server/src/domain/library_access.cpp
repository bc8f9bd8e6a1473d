#include "domain/library_access.h"

#include <charconv>

namespace sotay::library {

const char* item_kind_name(ItemKind kind) { return kind == ItemKind::news ? "news" : "document"; }

std::optional<ItemKind> parse_item_kind(std::string_view s) {
  if (s == "document") return ItemKind::document;
  if (s == "news") return ItemKind::news;
  return std::nullopt;
}

// '/1/5/23/' → {1, 5, 23}: the unit and its ancestors.
std::vector<std::int64_t> ids_on_path(std::string_view path) {
  std::vector<std::int64_t> out;
  std::size_t i = 0;
  while (i < path.size()) {
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::int64_t id = 0;
    if (j > i && std::from_chars(path.data() + i, path.data() + j, id).ec == std::errc()) out.push_back(id);
    i = j + 1;
  }
  return out;
}

store::AudienceScope audience_scope(const Actor& actor) {
  store::AudienceScope scope;
  scope.unit_ids = ids_on_path(actor.member_unit_path);
  for (const auto& g : actor.grants) {
    if (g.role == Role::member) continue;
    if (g.unit_path.empty()) {
      scope.everything = true;
      continue;
    }
    // Items addressed to the grant's unit or above reach it; items addressed inside it are overseen.
    for (auto id : ids_on_path(g.unit_path))
      if (std::find(scope.unit_ids.begin(), scope.unit_ids.end(), id) == scope.unit_ids.end())
        scope.unit_ids.push_back(id);
    scope.subtree_paths.push_back(g.unit_path);
  }
  return scope;
}

bool can_read(db::Connection& c, const Actor& actor, ItemKind kind, std::int64_t id) {
  return store::item_visible(c, audience_scope(actor), item_kind_name(kind), id);
}

}  // namespace sotay::library
