#include "store/library_fixtures_store.h"

namespace sotay::store {

namespace {
void insert_audience(db::Connection& c, const std::string& kind, std::int64_t id,
                     const std::vector<std::int64_t>& units) {
  for (auto unit : units)
    c.query("INSERT INTO item_audiences(item_kind, item_id, unit_id) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING",
            {kind, id, unit});
}
}  // namespace

std::int64_t insert_fixture_document(db::Connection& c, const FixtureItem& item, std::int64_t now) {
  auto id = c.query(
                 "INSERT INTO documents(kind, number, title, level, state, published_at, owner_unit_id, created_at, "
                 "updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$8) RETURNING id",
                 {item.kind, item.number, item.title, item.level, item.state, db::nullable(item.published_at),
                  item.owner_unit_id, now})
                .one()
                .integer(0);
  for (const auto& t : item.topics) c.query("INSERT INTO document_topics(document_id, topic) VALUES ($1,$2)", {id, t});
  insert_audience(c, "document", id, item.audience_unit_ids);
  return id;
}

std::int64_t insert_fixture_news(db::Connection& c, const FixtureItem& item, std::int64_t now) {
  auto id = c.query(
                 "INSERT INTO news(title, category, state, published_at, owner_unit_id, created_at, updated_at) "
                 "VALUES ($1,'tin_tuc',$2,$3,$4,$5,$5) RETURNING id",
                 {item.title, item.state, db::nullable(item.published_at), item.owner_unit_id, now})
                .one()
                .integer(0);
  insert_audience(c, "news", id, item.audience_unit_ids);
  return id;
}

void set_fixture_state(db::Connection& c, const std::string& item_kind, std::int64_t id, const std::string& state) {
  c.query(item_kind == "news" ? "UPDATE news SET state = $1 WHERE id = $2"
                              : "UPDATE documents SET state = $1 WHERE id = $2",
          {state, id});
}

}  // namespace sotay::store
