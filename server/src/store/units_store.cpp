#include "store/units_store.h"

namespace sotay::store {

namespace {

constexpr const char* kUnitColumns =
    "u.id, u.code, u.kind, u.name, u.parent_id, u.path, u.depth, u.valid_from, u.valid_to, u.merged_into, "
    "COALESCE(mc.official, 0), COALESCE(mc.probationary, 0), "
    "(SELECT COUNT(*) FROM units k WHERE k.parent_id = u.id AND k.valid_to IS NULL)";

UnitRow unit_from(const db::Row& r) {
  UnitRow u;
  u.id = r.integer(0);
  u.code = r.text(1);
  u.kind = r.text(2);
  u.name = r.text(3);
  u.parent_id = r.opt_integer(4);
  u.path = r.text(5);
  u.depth = static_cast<int>(r.integer(6));
  u.valid_from = r.text(7);
  u.valid_to = r.opt_text(8);
  u.merged_into = r.opt_integer(9);
  u.official = r.integer(10);
  u.probationary = r.integer(11);
  u.child_count = r.integer(12);
  return u;
}

std::string select_units(const char* where_and_order) {
  return std::string("SELECT ") + kUnitColumns +
         " FROM units u LEFT JOIN unit_member_counts mc ON mc.unit_id = u.id " + where_and_order;
}

UnitVersionRow version_from(const db::Row& r) {
  UnitVersionRow v;
  v.unit_id = r.integer(0);
  v.code = r.text(1);
  v.name = r.text(2);
  v.kind = r.text(3);
  v.parent_id = r.opt_integer(4);
  v.path = r.text(5);
  v.valid_from = r.text(6);
  v.valid_to = r.opt_text(7);
  v.change = r.text(8);
  v.note = r.text(9);
  v.actor_account_id = r.opt_integer(10);
  v.at = r.integer(11);
  return v;
}

constexpr const char* kVersionColumns =
    "v.unit_id, u.code, v.name, v.kind, v.parent_id, v.path, v.valid_from, v.valid_to, v.change, "
    "COALESCE(v.note, ''), v.actor_account_id, v.at";

}  // namespace

std::string subtree_upper(const std::string& path) {
  if (path.empty()) return "\x7f";  // the whole tree: every path starts with '/'
  std::string upper = path;
  upper.back() = '0';  // '/' + 1 == '0'
  return upper;
}

std::optional<UnitRow> find_unit(db::Connection& c, std::int64_t id) {
  static const std::string sql = select_units("WHERE u.id = $1");
  auto r = c.query(sql, {id});
  if (r.empty()) return std::nullopt;
  return unit_from(r.rows[0]);
}

std::optional<UnitRow> find_unit_by_code(db::Connection& c, const std::string& code) {
  static const std::string sql = select_units("WHERE u.code = $1");
  auto r = c.query(sql, {code});
  if (r.empty()) return std::nullopt;
  return unit_from(r.rows[0]);
}

std::vector<UnitRow> list_children(db::Connection& c, std::int64_t parent_id, bool include_closed) {
  static const std::string open_sql =
      "SELECT " + std::string(kUnitColumns) +
      " FROM units u LEFT JOIN unit_member_counts mc ON mc.unit_id = u.id "
      "WHERE u.parent_id = $1 AND u.valid_to IS NULL ORDER BY u.name, u.id";
  static const std::string all_sql =
      "SELECT " + std::string(kUnitColumns) +
      " FROM units u LEFT JOIN unit_member_counts mc ON mc.unit_id = u.id "
      "WHERE u.parent_id = $1 ORDER BY u.valid_to IS NOT NULL, u.name, u.id";
  std::vector<UnitRow> out;
  for (const auto& r : c.query(include_closed ? all_sql : open_sql, {parent_id}).rows) out.push_back(unit_from(r));
  return out;
}

std::vector<UnitRow> list_roots(db::Connection& c) {
  static const std::string sql = select_units("WHERE u.parent_id IS NULL AND u.valid_to IS NULL ORDER BY u.id");
  std::vector<UnitRow> out;
  for (const auto& r : c.query(sql).rows) out.push_back(unit_from(r));
  return out;
}

std::vector<UnitRow> search_units(db::Connection& c, const std::string& root_path, const std::string& fold_query,
                                  int limit) {
  static const std::string sql = select_units(
      "WHERE u.path >= $1 AND u.path < $2 AND u.valid_to IS NULL AND u.name_fold LIKE $3 "
      "ORDER BY u.depth, u.name LIMIT $4");
  std::string pattern = "%";
  for (char ch : fold_query) {
    if (ch == '%' || ch == '_') continue;  // LIKE wildcards are not part of a name
    pattern.push_back(ch);
  }
  pattern += "%";
  std::vector<UnitRow> out;
  for (const auto& r : c.query(sql, {root_path, subtree_upper(root_path), pattern, std::int64_t{limit}}).rows)
    out.push_back(unit_from(r));
  return out;
}

std::int64_t insert_unit(db::Connection& c, const std::string& code, const std::string& kind,
                         const std::string& name, const std::string& name_fold,
                         std::optional<std::int64_t> parent_id, const std::string& parent_path, int parent_depth,
                         const std::string& valid_from) {
  auto id = c.query(
                 "INSERT INTO units(code, kind, name, name_fold, parent_id, path, depth, valid_from, created_at) "
                 "VALUES ($1,$2,$3,$4,$5,'',$6,$7,$8) RETURNING id",
                 {code, kind, name, name_fold, db::nullable(parent_id),
                  std::int64_t{parent_id ? parent_depth + 1 : 0}, valid_from,
                  static_cast<std::int64_t>(std::time(nullptr))})
                .one()
                .integer(0);
  std::string path = (parent_id ? parent_path : std::string("/")) + std::to_string(id) + "/";
  c.query("UPDATE units SET path = $1 WHERE id = $2", {path, id});
  return id;
}

void update_unit_name(db::Connection& c, std::int64_t id, const std::string& name, const std::string& name_fold) {
  c.query("UPDATE units SET name = $1, name_fold = $2 WHERE id = $3", {name, name_fold, id});
}

void move_subtree(db::Connection& c, const std::string& old_path, const std::string& new_path, int depth_delta) {
  c.query(
      "UPDATE units SET path = $1 || substr(path, $2), depth = depth + $3 WHERE path >= $4 AND path < $5",
      {new_path, static_cast<std::int64_t>(old_path.size() + 1), std::int64_t{depth_delta}, old_path,
       subtree_upper(old_path)});
}

void set_parent(db::Connection& c, std::int64_t id, std::int64_t parent_id) {
  c.query("UPDATE units SET parent_id = $1 WHERE id = $2", {parent_id, id});
}

void close_unit(db::Connection& c, std::int64_t id, const std::string& date, std::optional<std::int64_t> merged_into) {
  c.query("UPDATE units SET valid_to = $1, merged_into = $2 WHERE id = $3", {date, db::nullable(merged_into), id});
}

void close_open_versions(db::Connection& c, const std::string& root_path, const std::string& date) {
  c.query(
      "UPDATE unit_versions SET valid_to = $1 WHERE valid_to IS NULL AND unit_id IN "
      "(SELECT id FROM units WHERE path >= $2 AND path < $3 AND valid_to IS NULL)",
      {date, root_path, subtree_upper(root_path)});
}

void open_versions(db::Connection& c, const std::string& root_path, const std::string& date, std::int64_t changed_id,
                   const std::string& change, const std::string& note, std::optional<std::int64_t> actor,
                   std::int64_t at) {
  c.query(
      "INSERT INTO unit_versions(unit_id, name, kind, parent_id, path, valid_from, valid_to, change, note, "
      "actor_account_id, at) "
      "SELECT id, name, kind, parent_id, path, CAST($1 AS TEXT), NULL, "
      "CASE WHEN id = $2 THEN CAST($3 AS TEXT) ELSE 'parent_moved' END, "
      "CASE WHEN id = $2 THEN CAST($4 AS TEXT) ELSE NULL END, CAST($5 AS BIGINT), CAST($6 AS BIGINT) FROM units "
      "WHERE path >= $7 AND path < $8 AND valid_to IS NULL",
      {date, changed_id, change, note, db::nullable(actor), at, root_path, subtree_upper(root_path)});
}

void close_unit_version(db::Connection& c, std::int64_t unit_id, const std::string& date) {
  c.query("UPDATE unit_versions SET valid_to = $1 WHERE unit_id = $2 AND valid_to IS NULL", {date, unit_id});
}

void insert_version(db::Connection& c, const UnitVersionRow& v) {
  c.query(
      "INSERT INTO unit_versions(unit_id, name, kind, parent_id, path, valid_from, valid_to, change, note, "
      "actor_account_id, at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)",
      {v.unit_id, v.name, v.kind, db::nullable(v.parent_id), v.path, v.valid_from, db::nullable(v.valid_to),
       v.change, v.note.empty() ? db::Value{} : db::Value{v.note}, db::nullable(v.actor_account_id), v.at});
}

std::vector<UnitVersionRow> unit_history(db::Connection& c, std::int64_t unit_id) {
  static const std::string sql = "SELECT " + std::string(kVersionColumns) +
                                 " FROM unit_versions v JOIN units u ON u.id = v.unit_id WHERE v.unit_id = $1 "
                                 "ORDER BY v.valid_from, v.id";
  std::vector<UnitVersionRow> out;
  for (const auto& r : c.query(sql, {unit_id}).rows) out.push_back(version_from(r));
  return out;
}

std::vector<UnitVersionRow> tree_on(db::Connection& c, std::int64_t root_id, const std::string& date) {
  auto root = c.query(
      "SELECT path FROM unit_versions WHERE unit_id = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2) "
      "ORDER BY id DESC LIMIT 1",
      {root_id, date});
  if (root.empty()) return {};
  std::string path = root.one().text(0);
  static const std::string sql = "SELECT " + std::string(kVersionColumns) +
                                 " FROM unit_versions v JOIN units u ON u.id = v.unit_id "
                                 "WHERE v.path >= $1 AND v.path < $2 AND v.valid_from <= $3 "
                                 "AND (v.valid_to IS NULL OR v.valid_to > $3) ORDER BY v.path";
  std::vector<UnitVersionRow> out;
  for (const auto& r : c.query(sql, {path, subtree_upper(path), date}).rows) out.push_back(version_from(r));
  return out;
}

MemberCounts subtree_counts(db::Connection& c, const std::string& path) {
  auto r = c.query(
                "SELECT COALESCE(SUM(mc.official), 0), COALESCE(SUM(mc.probationary), 0), COUNT(*) FROM units u "
                "LEFT JOIN unit_member_counts mc ON mc.unit_id = u.id WHERE u.path >= $1 AND u.path < $2 "
                "AND u.valid_to IS NULL",
                {path, subtree_upper(path)})
               .one();
  return {r.integer(0), r.integer(1), r.integer(2)};
}

std::vector<std::pair<std::int64_t, std::int64_t>> member_counts_on(db::Connection& c, const std::string& root_path,
                                                                    const std::string& date) {
  auto r = c.query(
      "SELECT m.unit_id, COUNT(*) FROM memberships m JOIN unit_versions v ON v.unit_id = m.unit_id "
      "AND v.valid_from <= $3 AND (v.valid_to IS NULL OR v.valid_to > $3) "
      "WHERE v.path >= $1 AND v.path < $2 AND m.valid_from <= $3 AND (m.valid_to IS NULL OR m.valid_to > $3) "
      "GROUP BY m.unit_id ORDER BY m.unit_id",
      {root_path, subtree_upper(root_path), date});
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  for (const auto& row : r.rows) out.emplace_back(row.integer(0), row.integer(1));
  return out;
}

std::int64_t open_children_count(db::Connection& c, std::int64_t id) {
  return c.query("SELECT COUNT(*) FROM units WHERE parent_id = $1 AND valid_to IS NULL", {id}).one().integer(0);
}

}  // namespace sotay::store
