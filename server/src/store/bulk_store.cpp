#include "store/bulk_store.h"

#include <algorithm>

namespace sotay::store {

namespace {

// Bound-parameter ceilings: SQLite's SQLITE_MAX_VARIABLE_NUMBER (32,766 since 3.32) and the
// 16-bit parameter count of PostgreSQL's wire protocol (65,535). Statements stay below both.
constexpr std::size_t kSqliteMaxParams = 32766;
constexpr std::size_t kPostgresMaxParams = 65535;
// Past about a thousand rows a bigger statement saves nothing and only costs memory.
constexpr std::size_t kMaxRowsPerStatement = 1000;

std::size_t rows_per_statement(db::Dialect d, std::size_t columns) {
  std::size_t limit = d == db::Dialect::sqlite ? kSqliteMaxParams : kPostgresMaxParams;
  return std::max<std::size_t>(1, std::min(kMaxRowsPerStatement, limit / columns));
}

// "<head>($1,$2,$3),($4,$5,$6)…": placeholders only, never data.
std::string values_sql(std::string_view head, std::size_t columns, std::size_t rows) {
  std::string sql(head);
  sql.reserve(head.size() + rows * columns * 7);
  std::size_t n = 1;
  for (std::size_t r = 0; r < rows; ++r) {
    sql += r == 0 ? "(" : ",(";
    for (std::size_t col = 0; col < columns; ++col) {
      if (col) sql += ',';
      sql += '$';
      sql += std::to_string(n++);
    }
    sql += ')';
  }
  return sql;
}

std::string placeholder_list(std::size_t count) {
  std::string s;
  for (std::size_t i = 1; i <= count; ++i) {
    if (i > 1) s += ", ";
    s += '$';
    s += std::to_string(i);
  }
  return s;
}

template <class Row, class Fill>
void insert_chunked(db::Connection& c, std::string_view head, std::size_t columns, const std::vector<Row>& rows,
                    Fill&& fill) {
  const std::size_t per = rows_per_statement(c.dialect(), columns);
  std::string sql;
  std::size_t sql_rows = 0;
  db::Params params;
  params.reserve(per * columns);
  for (std::size_t start = 0; start < rows.size(); start += per) {
    const std::size_t n = std::min(per, rows.size() - start);
    if (n != sql_rows) {
      sql = values_sql(head, columns, n);
      sql_rows = n;
    }
    params.clear();
    for (std::size_t i = start; i < start + n; ++i) fill(rows[i], params);
    c.query(sql, params);
  }
}

db::Value opt(const std::optional<std::string>& v) { return v ? db::Value(*v) : db::Value(std::monostate{}); }
db::Value opt(const std::optional<std::int64_t>& v) { return v ? db::Value(*v) : db::Value(std::monostate{}); }

}  // namespace

bool has_units(db::Connection& c) { return !c.query("SELECT 1 FROM units LIMIT 1").empty(); }

std::int64_t count_units(db::Connection& c) { return c.query("SELECT COUNT(*) FROM units").one().integer(0); }

std::int64_t count_members(db::Connection& c) { return c.query("SELECT COUNT(*) FROM members").one().integer(0); }

std::vector<std::string> existing_logins(db::Connection& c, const std::vector<std::string>& logins) {
  std::vector<std::string> out;
  if (logins.empty()) return out;
  db::Params params(logins.begin(), logins.end());
  auto r = c.query("SELECT login FROM accounts WHERE login IN (" + placeholder_list(logins.size()) + ") ORDER BY login",
                   params);
  for (const auto& row : r.rows) out.push_back(row.text(0));
  return out;
}

void insert_units(db::Connection& c, const std::vector<BulkUnit>& units) {
  insert_chunked(c,
                 "INSERT INTO units(id, code, kind, name, name_fold, parent_id, path, depth, valid_from, created_at) "
                 "VALUES ",
                 10, units, [](const BulkUnit& u, db::Params& p) {
                   p.emplace_back(u.id);
                   p.emplace_back(u.code);
                   p.emplace_back(u.kind);
                   p.emplace_back(u.name);
                   p.emplace_back(u.name_fold);
                   p.push_back(opt(u.parent_id));
                   p.emplace_back(u.path);
                   p.emplace_back(u.depth);
                   p.emplace_back(u.valid_from);
                   p.emplace_back(u.created_at);
                 });
}

void insert_unit_versions(db::Connection& c, const std::vector<BulkUnit>& units, const std::string& change,
                          std::int64_t at) {
  insert_chunked(c,
                 "INSERT INTO unit_versions(unit_id, name, kind, parent_id, path, valid_from, change, at) VALUES ", 8,
                 units, [&](const BulkUnit& u, db::Params& p) {
                   p.emplace_back(u.id);
                   p.emplace_back(u.name);
                   p.emplace_back(u.kind);
                   p.push_back(opt(u.parent_id));
                   p.emplace_back(u.path);
                   p.emplace_back(u.valid_from);
                   p.emplace_back(change);
                   p.emplace_back(at);
                 });
}

void insert_members(db::Connection& c, const std::vector<BulkMember>& members) {
  insert_chunked(c,
                 "INSERT INTO members(id, full_name, name_fold, sort_key, birth_date, sex, admitted_on, official_on, "
                 "card_number, citizen_id, phone, email, unit_id, status, status_date, created_at, updated_at) VALUES ",
                 17, members, [](const BulkMember& m, db::Params& p) {
                   p.emplace_back(m.id);
                   p.emplace_back(m.full_name);
                   p.emplace_back(m.name_fold);
                   p.emplace_back(m.sort_key);
                   p.emplace_back(m.birth_date);
                   p.emplace_back(m.sex);
                   p.emplace_back(m.admitted_on);
                   p.push_back(opt(m.official_on));
                   p.emplace_back(m.card_number);
                   p.emplace_back(m.citizen_id);
                   p.push_back(opt(m.phone));
                   p.push_back(opt(m.email));
                   p.emplace_back(m.unit_id);
                   p.emplace_back(m.status);
                   p.push_back(opt(m.status_date));
                   p.emplace_back(m.created_at);
                   p.emplace_back(m.created_at);
                 });
}

void insert_memberships(db::Connection& c, const std::vector<BulkMembership>& memberships) {
  insert_chunked(c, "INSERT INTO memberships(member_id, unit_id, valid_from, valid_to) VALUES ", 4, memberships,
                 [](const BulkMembership& m, db::Params& p) {
                   p.emplace_back(m.member_id);
                   p.emplace_back(m.unit_id);
                   p.emplace_back(m.valid_from);
                   p.push_back(opt(m.valid_to));
                 });
}

void insert_positions(db::Connection& c, const std::vector<BulkPosition>& positions) {
  insert_chunked(c, "INSERT INTO positions(member_id, unit_id, position, term_from, term_to) VALUES ", 5, positions,
                 [](const BulkPosition& x, db::Params& p) {
                   p.emplace_back(x.member_id);
                   p.emplace_back(x.unit_id);
                   p.emplace_back(x.position);
                   p.emplace_back(x.term_from);
                   p.push_back(opt(x.term_to));
                 });
}

std::int64_t insert_account(db::Connection& c, const BulkAccount& a) {
  return c
      .query(
          "INSERT INTO accounts(login, phone, member_id, password_hash, must_change_password, totp_enabled, "
          "twofactor_waived, created_at) VALUES ($1, $2, $3, $4, $5, 0, $6, $7) RETURNING id",
          {a.login, opt(a.phone), opt(a.member_id), a.password_hash, std::int64_t{a.must_change_password ? 1 : 0},
           std::int64_t{a.twofactor_waived ? 1 : 0}, a.created_at})
      .one()
      .integer(0);
}

void insert_role_grant(db::Connection& c, std::int64_t account_id, const std::string& role,
                       std::optional<std::int64_t> unit_id, std::int64_t granted_at) {
  c.query("INSERT INTO role_grants(account_id, role, unit_id, granted_at) VALUES ($1, $2, $3, $4)",
          {account_id, role, opt(unit_id), granted_at});
}

std::optional<MemberContact> member_contact(db::Connection& c, std::int64_t member_id) {
  auto r = c.query("SELECT id, full_name, phone FROM members WHERE id = $1", {member_id});
  if (r.empty()) return std::nullopt;
  return MemberContact{r.rows[0].integer(0), r.rows[0].text(1), r.rows[0].opt_text(2)};
}

std::vector<AccountGrant> account_grants(db::Connection& c, const std::vector<std::string>& logins) {
  std::vector<AccountGrant> out;
  if (logins.empty()) return out;
  db::Params params(logins.begin(), logins.end());
  auto r = c.query(
      "SELECT a.login, a.phone, g.role, COALESCE(m.full_name, ''), COALESCE(u.name, '') FROM accounts a "
      "JOIN role_grants g ON g.account_id = a.id LEFT JOIN members m ON m.id = a.member_id "
      "LEFT JOIN units u ON u.id = g.unit_id WHERE a.login IN (" +
          placeholder_list(logins.size()) + ") ORDER BY a.id, g.id",
      params);
  for (const auto& row : r.rows) out.push_back({row.text(0), row.opt_text(1), row.text(2), row.text(3), row.text(4)});
  return out;
}

void advance_identity_sequences(db::Connection& c) {
  if (c.dialect() != db::Dialect::postgres) return;  // SQLite's rowids follow MAX(id) by themselves
  // Only the tables the bulk loaders fill with explicit ids; the others draw from their sequence.
  c.exec_script(
      "SELECT setval(pg_get_serial_sequence('units', 'id'), COALESCE((SELECT MAX(id) FROM units), 1), "
      "(SELECT COUNT(*) > 0 FROM units));"
      "SELECT setval(pg_get_serial_sequence('members', 'id'), COALESCE((SELECT MAX(id) FROM members), 1), "
      "(SELECT COUNT(*) > 0 FROM members));");
}

void suspend_member_count_trigger(db::Connection& c) {
  if (c.dialect() != db::Dialect::postgres) return;
  // USER leaves the internal foreign-key triggers alone: references are still checked.
  c.exec_script("ALTER TABLE members DISABLE TRIGGER USER");
}

void rebuild_member_counts_and_resume_trigger(db::Connection& c) {
  if (c.dialect() != db::Dialect::postgres) return;
  // ALTER TABLE first: its exclusive lock keeps member writes out until the counts are rebuilt
  // and this transaction commits, so no change can slip between the rebuild and the trigger.
  c.exec_script("ALTER TABLE members ENABLE TRIGGER USER");
  c.query("DELETE FROM unit_member_counts");
  c.query(
      "INSERT INTO unit_member_counts(unit_id, official, probationary) "
      "SELECT unit_id, COUNT(*) FILTER (WHERE status = 'official'), COUNT(*) FILTER (WHERE status = 'probationary') "
      "FROM members GROUP BY unit_id");
}

bool member_count_trigger_suspended(db::Connection& c) {
  if (c.dialect() != db::Dialect::postgres) return false;
  auto r = c.query(
      "SELECT tgenabled FROM pg_trigger WHERE tgrelid = 'members'::regclass AND tgname = 'members_count_insert'");
  return !r.empty() && r.rows[0].text(0) == "D";
}

}  // namespace sotay::store
