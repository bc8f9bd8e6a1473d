#include "store/library_store.h"

#include "store/units_store.h"

namespace sotay::store {

namespace {
std::string arg(db::Params& p, db::Value v) {
  p.push_back(std::move(v));
  return "$" + std::to_string(p.size());
}
}  // namespace

void append_audience_condition(std::string& sql, db::Params& params, const AudienceScope& scope,
                               const std::string& kind_sql, const std::string& id_sql) {
  if (scope.everything) {
    sql += " AND 1=1";
    return;
  }
  sql += " AND EXISTS (SELECT 1 FROM item_audiences ia";
  if (!scope.subtree_paths.empty()) sql += " JOIN units au ON au.id = ia.unit_id";
  sql += " WHERE ia.item_kind = " + kind_sql + " AND ia.item_id = " + id_sql + " AND (1=0";
  if (!scope.unit_ids.empty()) {
    sql += " OR ia.unit_id IN (";
    for (std::size_t i = 0; i < scope.unit_ids.size(); ++i) {
      if (i) sql += ",";
      sql += arg(params, scope.unit_ids[i]);
    }
    sql += ")";
  }
  for (const auto& path : scope.subtree_paths) {
    sql += " OR (au.path >= " + arg(params, path) + " AND au.path < " + arg(params, subtree_upper(path)) + ")";
  }
  sql += "))";
}

std::vector<std::int64_t> item_audience(db::Connection& c, const std::string& item_kind, std::int64_t item_id) {
  std::vector<std::int64_t> out;
  for (const auto& r :
       c.query("SELECT unit_id FROM item_audiences WHERE item_kind = $1 AND item_id = $2 ORDER BY unit_id",
               {item_kind, item_id})
           .rows)
    out.push_back(r.integer(0));
  return out;
}

void replace_item_audience(db::Connection& c, const std::string& item_kind, std::int64_t item_id,
                           const std::vector<std::int64_t>& unit_ids) {
  c.query("DELETE FROM item_audiences WHERE item_kind = $1 AND item_id = $2", {item_kind, item_id});
  for (auto unit_id : unit_ids)
    c.query("INSERT INTO item_audiences(item_kind, item_id, unit_id) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING",
            {item_kind, item_id, unit_id});
}

std::string item_state(db::Connection& c, const std::string& item_kind, std::int64_t item_id) {
  const char* sql = item_kind == "news" ? "SELECT state FROM news WHERE id = $1"
                                        : "SELECT state FROM documents WHERE id = $1";
  auto r = c.query(sql, {item_id});
  return r.empty() ? std::string() : r.rows[0].text(0);
}

bool item_visible(db::Connection& c, const AudienceScope& scope, const std::string& item_kind,
                  std::int64_t item_id) {
  std::string sql = item_kind == "news" ? "SELECT 1 FROM news i WHERE i.id = $1 AND i.state = 'published'"
                                        : "SELECT 1 FROM documents i WHERE i.id = $1 AND i.state = 'published'";
  db::Params p{item_id, item_kind};
  append_audience_condition(sql, p, scope, "$2", "i.id");
  return !c.query(sql, p).empty();
}

}  // namespace sotay::store
