#include "testing/library_fixtures.h"

#include "util/time.h"

namespace sotay::testing {

namespace {
void defaults(store::FixtureItem& item, std::int64_t now) {
  if (item.audience_unit_ids.empty()) item.audience_unit_ids.push_back(item.owner_unit_id);
  if (item.state == "published" && !item.published_at) item.published_at = now - 24 * 3600;
}
}  // namespace

std::int64_t add_document(db::Database& db, store::FixtureItem item) {
  auto now = timeutil::now_unix();
  defaults(item, now);
  return db.write_value([&](db::Connection& c) { return store::insert_fixture_document(c, item, now); });
}

std::int64_t add_news(db::Database& db, store::FixtureItem item) {
  auto now = timeutil::now_unix();
  defaults(item, now);
  return db.write_value([&](db::Connection& c) { return store::insert_fixture_news(c, item, now); });
}

std::int64_t add_published_document(db::Database& db, const std::string& title,
                                    const std::vector<std::int64_t>& units) {
  store::FixtureItem item;
  item.title = title;
  item.owner_unit_id = units.at(0);
  item.audience_unit_ids = units;
  return add_document(db, item);
}

void set_item_state(db::Database& db, const std::string& item_kind, std::int64_t id, const std::string& state) {
  db.write([&](db::Connection& c) { store::set_fixture_state(c, item_kind, id, state); });
}

}  // namespace sotay::testing
