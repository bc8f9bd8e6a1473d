// Published documents and news for tests and benchmarks, written directly with their audience
// rows (store/library_fixtures_store), so reading tests do not depend on the editor workflow.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "db/database.h"
#include "store/library_fixtures_store.h"

namespace sotay::testing {

// Defaults: published a day ago; audience = the owner unit when none is given.
std::int64_t add_document(db::Database& db, store::FixtureItem item);
std::int64_t add_news(db::Database& db, store::FixtureItem item);
// A published document addressed to `units` (the first also owns it).
std::int64_t add_published_document(db::Database& db, const std::string& title, const std::vector<std::int64_t>& units);
void set_item_state(db::Database& db, const std::string& item_kind, std::int64_t id, const std::string& state);

}  // namespace sotay::testing
