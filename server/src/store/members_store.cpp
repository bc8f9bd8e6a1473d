#include "store/members_store.h"

#include "store/units_store.h"

namespace sotay::store {

namespace {

constexpr const char* kMemberSelect =
    "SELECT m.id, m.full_name, m.birth_date, m.sex, m.admitted_on, m.official_on, m.card_number, m.citizen_id, "
    "m.phone, m.email, m.unit_id, u.name, u.code, u.path, m.status, m.status_date, m.sort_key, m.created_at, "
    "m.updated_at FROM members m JOIN units u ON u.id = m.unit_id ";

MemberRow member_from(const db::Row& r) {
  MemberRow m;
  m.id = r.integer(0);
  m.full_name = r.text(1);
  m.birth_date = r.opt_text(2);
  m.sex = r.opt_text(3);
  m.admitted_on = r.opt_text(4);
  m.official_on = r.opt_text(5);
  m.card_number = r.opt_text(6);
  m.citizen_id = r.opt_text(7);
  m.phone = r.opt_text(8);
  m.email = r.opt_text(9);
  m.unit_id = r.integer(10);
  m.unit_name = r.text(11);
  m.unit_code = r.text(12);
  m.unit_path = r.text(13);
  m.status = r.text(14);
  m.status_date = r.opt_text(15);
  m.sort_key = r.text(16);
  m.created_at = r.integer(17);
  m.updated_at = r.integer(18);
  return m;
}

db::Params field_params(const MemberFields& f) {
  return {f.full_name,
          f.name_fold,
          f.sort_key,
          db::nullable(f.birth_date),
          db::nullable(f.sex),
          db::nullable(f.admitted_on),
          db::nullable(f.official_on),
          db::nullable(f.card_number),
          db::nullable(f.citizen_id),
          db::nullable(f.phone),
          db::nullable(f.email),
          f.unit_id,
          f.status,
          db::nullable(f.status_date)};
}

PositionRow position_from(const db::Row& r) {
  return {r.integer(0), r.integer(1), r.text(2), r.integer(3), r.text(4), r.text(5), r.text(6), r.opt_text(7)};
}

constexpr const char* kPositionSelect =
    "SELECT p.id, p.member_id, m.full_name, p.unit_id, u.name, p.position, p.term_from, p.term_to "
    "FROM positions p JOIN members m ON m.id = p.member_id JOIN units u ON u.id = p.unit_id ";

}  // namespace

std::optional<MemberRow> find_member(db::Connection& c, std::int64_t id) {
  static const std::string sql = std::string(kMemberSelect) + "WHERE m.id = $1";
  auto r = c.query(sql, {id});
  if (r.empty()) return std::nullopt;
  return member_from(r.rows[0]);
}

std::optional<MemberRow> find_member_by_card(db::Connection& c, const std::string& card_number) {
  static const std::string sql = std::string(kMemberSelect) + "WHERE m.card_number = $1";
  auto r = c.query(sql, {card_number});
  if (r.empty()) return std::nullopt;
  return member_from(r.rows[0]);
}

std::optional<std::int64_t> member_id_by_citizen_id(db::Connection& c, const std::string& citizen_id) {
  auto r = c.query("SELECT id FROM members WHERE citizen_id = $1", {citizen_id});
  if (r.empty()) return std::nullopt;
  return r.one().integer(0);
}

std::vector<MemberRow> list_members(db::Connection& c, const MemberListQuery& q) {
  // Fixed fragments only; every value is a parameter.
  std::string sql = kMemberSelect;
  db::Params p;
  auto arg = [&](db::Value v) {
    p.push_back(std::move(v));
    return "$" + std::to_string(p.size());
  };
  if (q.subtree) {
    sql += "WHERE u.path >= " + arg(q.unit_path) + " AND u.path < " + arg(subtree_upper(q.unit_path));
  } else {
    sql += "WHERE m.unit_id = " + arg(q.unit_id);
  }
  if (q.statuses.empty()) {
    sql += " AND m.status IN ('official','probationary')";
  } else {
    sql += " AND m.status IN (";
    for (std::size_t i = 0; i < q.statuses.size(); ++i) sql += (i ? "," : "") + arg(q.statuses[i]);
    sql += ")";
  }
  if (q.position) {
    sql += " AND EXISTS (SELECT 1 FROM positions p WHERE p.member_id = m.id AND p.term_to IS NULL AND p.position = " +
           arg(*q.position) + ")";
  }
  if (q.name_fold) sql += " AND m.name_fold LIKE " + arg("%" + *q.name_fold + "%");
  if (q.after_sort_key) {
    auto k = arg(*q.after_sort_key);
    sql += " AND (m.sort_key > " + k + " OR (m.sort_key = " + k + " AND m.id > " + arg(q.after_id) + "))";
  }
  sql += " ORDER BY m.sort_key, m.id LIMIT " + arg(std::int64_t{q.limit});
  std::vector<MemberRow> out;
  auto r = c.query(sql, p);
  out.reserve(r.rows.size());
  for (const auto& row : r.rows) out.push_back(member_from(row));
  return out;
}

std::int64_t insert_member(db::Connection& c, const MemberFields& f, std::int64_t now, const std::string& joined_on) {
  auto p = field_params(f);
  p.push_back(now);
  auto id = c.query(
                 "INSERT INTO members(full_name, name_fold, sort_key, birth_date, sex, admitted_on, official_on, "
                 "card_number, citizen_id, phone, email, unit_id, status, status_date, created_at, updated_at) "
                 "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$15) RETURNING id",
                 p)
                .one()
                .integer(0);
  c.query("INSERT INTO memberships(member_id, unit_id, valid_from) VALUES ($1, $2, $3)", {id, f.unit_id, joined_on});
  return id;
}

void update_member(db::Connection& c, std::int64_t id, const MemberFields& f, std::int64_t now) {
  auto p = field_params(f);
  p.push_back(now);
  p.push_back(id);
  c.query(
      "UPDATE members SET full_name=$1, name_fold=$2, sort_key=$3, birth_date=$4, sex=$5, admitted_on=$6, "
      "official_on=$7, card_number=$8, citizen_id=$9, phone=$10, email=$11, unit_id=$12, status=$13, "
      "status_date=$14, updated_at=$15 WHERE id=$16",
      p);
}

void update_member_contact(db::Connection& c, std::int64_t id, const std::optional<std::string>& phone,
                           const std::optional<std::string>& email, std::int64_t now) {
  c.query("UPDATE members SET phone = $1, email = $2, updated_at = $3 WHERE id = $4",
          {db::nullable(phone), db::nullable(email), now, id});
}

void transfer_member(db::Connection& c, std::int64_t id, std::int64_t to_unit, const std::string& date) {
  c.query("UPDATE memberships SET valid_to = $1 WHERE member_id = $2 AND valid_to IS NULL", {date, id});
  c.query("INSERT INTO memberships(member_id, unit_id, valid_from) VALUES ($1, $2, $3)", {id, to_unit, date});
  c.query("UPDATE members SET unit_id = $1 WHERE id = $2", {to_unit, id});
}

std::int64_t move_unit_members(db::Connection& c, std::int64_t from_unit, std::int64_t to_unit,
                               const std::string& date) {
  c.query(
      "UPDATE memberships SET valid_to = $1 WHERE unit_id = $2 AND valid_to IS NULL",
      {date, from_unit});
  c.query(
      "INSERT INTO memberships(member_id, unit_id, valid_from) SELECT id, CAST($1 AS BIGINT), CAST($2 AS TEXT) "
      "FROM members WHERE unit_id = $3",
      {to_unit, date, from_unit});
  return c.query("UPDATE members SET unit_id = $1 WHERE unit_id = $2", {to_unit, from_unit}).affected;
}

std::vector<PositionRow> unit_positions(db::Connection& c, std::int64_t unit_id, bool include_ended) {
  static const std::string open_sql =
      std::string(kPositionSelect) + "WHERE p.unit_id = $1 AND p.term_to IS NULL ORDER BY p.position DESC, p.term_from, p.id";
  static const std::string all_sql =
      std::string(kPositionSelect) + "WHERE p.unit_id = $1 ORDER BY p.term_to IS NULL DESC, p.term_from DESC, p.id";
  std::vector<PositionRow> out;
  for (const auto& r : c.query(include_ended ? all_sql : open_sql, {unit_id}).rows) out.push_back(position_from(r));
  return out;
}

std::vector<PositionRow> member_positions(db::Connection& c, std::int64_t member_id) {
  static const std::string sql = std::string(kPositionSelect) + "WHERE p.member_id = $1 ORDER BY p.term_from DESC, p.id";
  std::vector<PositionRow> out;
  for (const auto& r : c.query(sql, {member_id}).rows) out.push_back(position_from(r));
  return out;
}

std::optional<PositionRow> find_position(db::Connection& c, std::int64_t id) {
  static const std::string sql = std::string(kPositionSelect) + "WHERE p.id = $1";
  auto r = c.query(sql, {id});
  if (r.empty()) return std::nullopt;
  return position_from(r.rows[0]);
}

std::int64_t insert_position(db::Connection& c, std::int64_t member_id, std::int64_t unit_id,
                             const std::string& position, const std::string& term_from,
                             const std::optional<std::string>& term_to) {
  return c.query(
              "INSERT INTO positions(member_id, unit_id, position, term_from, term_to) VALUES ($1,$2,$3,$4,$5) "
              "RETURNING id",
              {member_id, unit_id, position, term_from, db::nullable(term_to)})
      .one()
      .integer(0);
}

void end_position(db::Connection& c, std::int64_t id, const std::string& term_to) {
  c.query("UPDATE positions SET term_to = $1 WHERE id = $2", {term_to, id});
}

void end_unit_positions(db::Connection& c, std::int64_t unit_id, const std::string& date) {
  c.query("UPDATE positions SET term_to = $1 WHERE unit_id = $2 AND term_to IS NULL", {date, unit_id});
}

}  // namespace sotay::store
