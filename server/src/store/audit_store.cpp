#include "store/audit_store.h"

#include <string>

namespace sotay::store {

void insert_audit(db::Connection& c, const AuditEntry& e) {
  c.query(
      "INSERT INTO audit_log(at, actor_account_id, actor_ip, action, entity, entity_id, unit_id, before_json, "
      "after_json) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
      {e.at, db::nullable(e.actor_account_id), e.actor_ip, e.action, e.entity, db::nullable(e.entity_id),
       db::nullable(e.unit_id), e.before_json.empty() ? db::Value{} : db::Value{e.before_json},
       e.after_json.empty() ? db::Value{} : db::Value{e.after_json}});
}

std::vector<AuditEntry> list_audit(db::Connection& c, const AuditFilter& f) {
  // The filter set is small and fixed: build the WHERE clause from fixed fragments, values
  // always as parameters.
  std::string sql =
      "SELECT a.id, a.at, a.actor_account_id, COALESCE(ac.login, ''), COALESCE(a.actor_ip, ''), a.action, "
      "a.entity, a.entity_id, a.unit_id, COALESCE(a.before_json, ''), COALESCE(a.after_json, '') "
      "FROM audit_log a LEFT JOIN accounts ac ON ac.id = a.actor_account_id "
      "LEFT JOIN units u ON u.id = a.unit_id WHERE 1=1";
  db::Params p;
  auto arg = [&](db::Value v) {
    p.push_back(std::move(v));
    return "$" + std::to_string(p.size());
  };
  bool whole_tree = false;
  for (const auto& path : f.unit_paths)
    if (path.empty()) whole_tree = true;
  if (!whole_tree) {
    if (f.unit_paths.empty()) return {};
    sql += " AND (";
    for (std::size_t i = 0; i < f.unit_paths.size(); ++i) {
      if (i) sql += " OR ";
      std::string upper = f.unit_paths[i];
      upper.back() = '0';
      sql += "(u.path >= " + arg(f.unit_paths[i]) + " AND u.path < " + arg(upper) + ")";
    }
    sql += ")";
  }
  if (f.actor_account_id) sql += " AND a.actor_account_id = " + arg(*f.actor_account_id);
  if (f.action) sql += " AND a.action = " + arg(*f.action);
  if (f.entity) sql += " AND a.entity = " + arg(*f.entity);
  if (f.since) sql += " AND a.at >= " + arg(*f.since);
  if (f.until) sql += " AND a.at < " + arg(*f.until);
  if (f.before_id) sql += " AND a.id < " + arg(*f.before_id);
  sql += " ORDER BY a.id DESC LIMIT " + arg(std::int64_t{f.limit});
  std::vector<AuditEntry> out;
  for (const auto& r : c.query(sql, p).rows) {
    AuditEntry e;
    e.id = r.integer(0);
    e.at = r.integer(1);
    e.actor_account_id = r.opt_integer(2);
    e.actor_login = r.text(3);
    e.actor_ip = r.text(4);
    e.action = r.text(5);
    e.entity = r.text(6);
    e.entity_id = r.opt_integer(7);
    e.unit_id = r.opt_integer(8);
    e.before_json = r.text(9);
    e.after_json = r.text(10);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace sotay::store
