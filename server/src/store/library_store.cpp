#include "store/library_store.h"

#include "store/sql_params.h"
#include "store/units_store.h"

namespace sotay::store {

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
  const bool news = item_kind == "news";
  std::string sql = news ? "SELECT 1 FROM news i WHERE i.id = $1 AND i.state = 'published'"
                         : "SELECT 1 FROM documents i WHERE i.id = $1 AND i.state = 'published'";
  db::Params p{item_id};
  append_audience_condition(sql, p, scope, news ? "'news'" : "'document'", "i.id");
  return !c.query(sql, p).empty();
}

}  // namespace sotay::store

namespace sotay::store {
std::vector<NewsText> news_texts(db::Connection& c, const std::vector<std::int64_t>& ids) {
  std::vector<NewsText> out;
  if (ids.empty()) return out;
  db::Params p;
  std::string sql = "SELECT id, title, summary, body FROM news WHERE id IN (";
  for (std::size_t i = 0; i < ids.size(); ++i) sql += (i ? "," : "") + arg(p, ids[i]);
  sql += ")";
  for (const auto& r : c.query(sql, p).rows) out.push_back({r.integer(0), r.text(1), r.text(2), r.text(3)});
  return out;
}
}  // namespace sotay::store

namespace sotay::store {

std::map<std::int64_t, ReadState> read_states(db::Connection& c, std::int64_t member_id, const std::string& item_kind,
                                              const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, ReadState> out;
  if (ids.empty()) return out;
  db::Params p{member_id, item_kind};
  auto sql = "SELECT item_id, reached_end_at IS NOT NULL FROM reading_records WHERE member_id = $1 AND item_kind = $2 "
             "AND item_id IN (" + in_list(p, ids) + ")";
  for (const auto& r : c.query(sql, p).rows) out[r.integer(0)] = {true, r.boolean(1)};
  return out;
}

std::set<std::int64_t> favourite_set(db::Connection& c, std::int64_t member_id, const std::string& item_kind,
                                     const std::vector<std::int64_t>& ids) {
  std::set<std::int64_t> out;
  if (ids.empty()) return out;
  db::Params p{member_id, item_kind};
  auto sql = "SELECT item_id FROM favourites WHERE member_id = $1 AND item_kind = $2 AND item_id IN (" +
             in_list(p, ids) + ")";
  for (const auto& r : c.query(sql, p).rows) out.insert(r.integer(0));
  return out;
}

std::vector<std::int64_t> favourite_ids_all(db::Connection& c, std::int64_t member_id, const std::string& item_kind) {
  std::vector<std::int64_t> out;
  for (const auto& r : c.query("SELECT item_id FROM favourites WHERE member_id = $1 AND item_kind = $2 "
                               "ORDER BY created_at DESC LIMIT 500",
                               {member_id, item_kind})
                           .rows)
    out.push_back(r.integer(0));
  return out;
}

std::map<std::int64_t, std::string> required_deadlines(db::Connection& c, const std::vector<std::int64_t>& unit_ids,
                                                       const std::vector<std::int64_t>& document_ids) {
  std::map<std::int64_t, std::string> out;
  if (unit_ids.empty() || document_ids.empty()) return out;
  db::Params p;
  std::string sql = "SELECT document_id, MIN(deadline) FROM required_readings WHERE unit_id IN (" + in_list(p, unit_ids) +
                    ") AND document_id IN (" + in_list(p, document_ids) + ") GROUP BY document_id";
  for (const auto& r : c.query(sql, p).rows) out[r.integer(0)] = r.text(1);
  return out;
}

std::map<std::int64_t, std::vector<std::string>> topics_of(db::Connection& c, const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, std::vector<std::string>> out;
  if (ids.empty()) return out;
  db::Params p;
  auto sql = "SELECT document_id, topic FROM document_topics WHERE document_id IN (" + in_list(p, ids) +
             ") ORDER BY document_id, topic";
  for (const auto& r : c.query(sql, p).rows) out[r.integer(0)].push_back(r.text(1));
  return out;
}
}  // namespace sotay::store

namespace sotay::store {
std::vector<AttachmentBrief> attachments_of(db::Connection& c, const std::string& item_kind, std::int64_t item_id) {
  std::vector<AttachmentBrief> out;
  for (const auto& r : c.query("SELECT id, file_name, content_type, extract_state, size, extract_done, extract_total, "
                               "extract_error FROM attachments WHERE item_kind = $1 AND item_id = $2 ORDER BY id",
                               {item_kind, item_id})
                           .rows)
    out.push_back({r.integer(0), r.text(1), r.text(2), r.text(3), r.integer(4), r.integer(5), r.integer(6),
                   r.opt_text(7)});
  return out;
}
}  // namespace sotay::store
