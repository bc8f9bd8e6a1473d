// Library items written directly, already in their final state, for tests and benchmarks (the
// product writes documents and news through the editor workflow). Not used by the server.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace sotay::store {

struct FixtureItem {
  std::string title;
  std::int64_t owner_unit_id = 0;
  std::vector<std::int64_t> audience_unit_ids;  // item_audiences rows
  std::string state = "published";
  std::optional<std::int64_t> published_at;
  // Documents only.
  std::string kind = "nghi_quyet";
  std::string level = "province";
  std::string number;
  std::vector<std::string> topics;
};

std::int64_t insert_fixture_document(db::Connection& c, const FixtureItem& item, std::int64_t now);
std::int64_t insert_fixture_news(db::Connection& c, const FixtureItem& item, std::int64_t now);
void set_fixture_state(db::Connection& c, const std::string& item_kind, std::int64_t id, const std::string& state);

}  // namespace sotay::store
