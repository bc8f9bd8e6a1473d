#include "store/accounts_store.h"

#include "store/units_store.h"

namespace sotay::store {

namespace {

constexpr const char* kAccountSelect =
    "SELECT id, login, phone, member_id, password_hash, must_change_password, totp_secret, totp_enabled, "
    "totp_last_step, twofactor_waived, disabled, created_at FROM accounts ";

AccountRow account_from(const db::Row& r, std::size_t o = 0) {
  AccountRow a;
  a.id = r.integer(o + 0);
  a.login = r.text(o + 1);
  a.phone = r.opt_text(o + 2);
  a.member_id = r.opt_integer(o + 3);
  a.password_hash = r.text(o + 4);
  a.must_change_password = r.boolean(o + 5);
  a.totp_secret = r.opt_text(o + 6);
  a.totp_enabled = r.boolean(o + 7);
  a.totp_last_step = r.integer(o + 8);
  a.twofactor_waived = r.boolean(o + 9);
  a.disabled = r.boolean(o + 10);
  a.created_at = r.integer(o + 11);
  return a;
}

std::optional<AccountRow> one_account(db::Connection& c, const std::string& where, const db::Params& p) {
  auto r = c.query(kAccountSelect + where, p);
  if (r.empty()) return std::nullopt;
  return account_from(r.rows[0]);
}

SessionRow session_from(const db::Row& r) {
  SessionRow s;
  s.id = r.integer(0);
  s.account_id = r.integer(1);
  s.csrf_token = r.text(2);
  s.created_at = r.integer(3);
  s.expires_at = r.integer(4);
  s.last_seen_at = r.integer(5);
  s.user_agent = r.text(6);
  s.ip = r.text(7);
  s.mfa = r.boolean(8);
  return s;
}

constexpr const char* kGrantSelect =
    "SELECT g.id, g.account_id, g.role, g.unit_id, COALESCE(u.path, ''), COALESCE(u.name, ''), g.granted_at "
    "FROM role_grants g LEFT JOIN units u ON u.id = g.unit_id ";

GrantRow grant_from(const db::Row& r) {
  return {r.integer(0), r.integer(1), r.text(2), r.opt_integer(3), r.text(4), r.text(5), r.integer(6)};
}

}  // namespace

std::optional<AccountRow> find_account_by_login(db::Connection& c, const std::string& login_or_phone) {
  static const std::string where = "WHERE login = $1 OR phone = $1 ORDER BY (login = $1) DESC LIMIT 1";
  return one_account(c, where, {login_or_phone});
}

std::optional<AccountRow> find_account(db::Connection& c, std::int64_t id) {
  return one_account(c, "WHERE id = $1", {id});
}

std::optional<AccountRow> find_account_by_member(db::Connection& c, std::int64_t member_id) {
  return one_account(c, "WHERE member_id = $1 ORDER BY id LIMIT 1", {member_id});
}

std::int64_t insert_account(db::Connection& c, const AccountRow& a) {
  return c.query(
              "INSERT INTO accounts(login, phone, member_id, password_hash, must_change_password, totp_secret, "
              "totp_enabled, twofactor_waived, disabled, created_at, password_changed_at) "
              "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10) RETURNING id",
              {a.login, db::nullable(a.phone), db::nullable(a.member_id), a.password_hash,
               std::int64_t{a.must_change_password}, db::nullable(a.totp_secret), std::int64_t{a.totp_enabled},
               std::int64_t{a.twofactor_waived}, std::int64_t{a.disabled}, a.created_at})
      .one()
      .integer(0);
}

void set_password(db::Connection& c, std::int64_t id, const std::string& hash, bool must_change, std::int64_t now) {
  c.query("UPDATE accounts SET password_hash = $1, must_change_password = $2, password_changed_at = $3 WHERE id = $4",
          {hash, std::int64_t{must_change}, now, id});
}

void set_totp(db::Connection& c, std::int64_t id, const std::optional<std::string>& secret, bool enabled) {
  c.query("UPDATE accounts SET totp_secret = $1, totp_enabled = $2, totp_last_step = 0 WHERE id = $3",
          {db::nullable(secret), std::int64_t{enabled}, id});
}

bool advance_totp_step(db::Connection& c, std::int64_t id, std::int64_t step) {
  return c.query("UPDATE accounts SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1", {step, id})
             .affected == 1;
}

std::vector<GrantRow> grants_of(db::Connection& c, std::int64_t account_id) {
  static const std::string sql = std::string(kGrantSelect) + "WHERE g.account_id = $1 ORDER BY g.id";
  std::vector<GrantRow> out;
  for (const auto& r : c.query(sql, {account_id}).rows) out.push_back(grant_from(r));
  return out;
}

std::optional<GrantRow> find_grant(db::Connection& c, std::int64_t grant_id) {
  static const std::string sql = std::string(kGrantSelect) + "WHERE g.id = $1";
  auto r = c.query(sql, {grant_id});
  if (r.empty()) return std::nullopt;
  return grant_from(r.rows[0]);
}

std::int64_t insert_grant(db::Connection& c, std::int64_t account_id, const std::string& role,
                          std::optional<std::int64_t> unit_id, std::optional<std::int64_t> granted_by,
                          std::int64_t now) {
  return c.query(
              "INSERT INTO role_grants(account_id, role, unit_id, granted_by, granted_at) VALUES ($1,$2,$3,$4,$5) "
              "RETURNING id",
              {account_id, role, db::nullable(unit_id), db::nullable(granted_by), now})
      .one()
      .integer(0);
}

void delete_grant(db::Connection& c, std::int64_t grant_id) {
  c.query("DELETE FROM role_grants WHERE id = $1", {grant_id});
}

std::vector<AccountListItem> list_accounts(db::Connection& c, const std::string& unit_path,
                                           const std::optional<std::string>& name_fold, int limit) {
  std::string sql =
      "SELECT a.id, a.login, a.phone, a.member_id, a.password_hash, a.must_change_password, a.totp_secret, "
      "a.totp_enabled, a.totp_last_step, a.twofactor_waived, a.disabled, a.created_at, m.full_name, u.name, u.path "
      "FROM accounts a JOIN members m ON m.id = a.member_id JOIN units u ON u.id = m.unit_id "
      "WHERE u.path >= $1 AND u.path < $2";
  db::Params p{unit_path, unit_path.empty() ? std::string("\x7f") : subtree_upper(unit_path)};
  if (name_fold) {
    p.push_back("%" + *name_fold + "%");
    sql += " AND (m.name_fold LIKE $3 OR a.login LIKE $3)";
  }
  p.push_back(std::int64_t{limit});
  sql += " ORDER BY m.sort_key, a.id LIMIT $" + std::to_string(p.size());
  std::vector<AccountListItem> out;
  for (const auto& r : c.query(sql, p).rows) {
    AccountListItem item{account_from(r), r.text(12), r.text(13), r.text(14)};
    item.account.password_hash.clear();  // never leaves the store for listings
    item.account.totp_secret.reset();
    out.push_back(std::move(item));
  }
  return out;
}

void insert_session(db::Connection& c, const std::string& token_hash, const SessionRow& s) {
  c.query(
      "INSERT INTO sessions(token_hash, account_id, csrf_token, created_at, expires_at, last_seen_at, user_agent, ip, "
      "mfa) VALUES ($1,$2,$3,$4,$5,$4,$6,$7,$8)",
      {token_hash, s.account_id, s.csrf_token, s.created_at, s.expires_at, s.user_agent, s.ip, std::int64_t{s.mfa}});
}

std::optional<SessionLookup> find_session_with_account(db::Connection& c, const std::string& token_hash) {
  auto r = c.query(
      "SELECT s.id, s.account_id, s.csrf_token, s.created_at, s.expires_at, s.last_seen_at, "
      "COALESCE(s.user_agent, ''), COALESCE(s.ip, ''), s.mfa, "
      "a.id, a.login, a.phone, a.member_id, a.password_hash, a.must_change_password, a.totp_secret, a.totp_enabled, "
      "a.totp_last_step, a.twofactor_waived, a.disabled, a.created_at, m.unit_id, u.path "
      "FROM sessions s JOIN accounts a ON a.id = s.account_id LEFT JOIN members m ON m.id = a.member_id "
      "LEFT JOIN units u ON u.id = m.unit_id WHERE s.token_hash = $1",
      {token_hash});
  if (r.empty()) return std::nullopt;
  const auto& row = r.rows[0];
  SessionLookup out;
  out.session = session_from(row);
  out.account = account_from(row, 9);
  out.member_unit_id = row.opt_integer(21);
  out.member_unit_path = row.text(22);
  return out;
}

void touch_session(db::Connection& c, std::int64_t session_id, std::int64_t now, std::int64_t expires_at) {
  c.query("UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE id = $3", {now, expires_at, session_id});
}

void delete_session(db::Connection& c, const std::string& token_hash) {
  c.query("DELETE FROM sessions WHERE token_hash = $1", {token_hash});
}

void delete_session_by_id(db::Connection& c, std::int64_t account_id, std::int64_t session_id) {
  c.query("DELETE FROM sessions WHERE id = $1 AND account_id = $2", {session_id, account_id});
}

void delete_sessions_of(db::Connection& c, std::int64_t account_id) {
  c.query("DELETE FROM sessions WHERE account_id = $1", {account_id});
}

void delete_other_sessions(db::Connection& c, std::int64_t account_id, std::int64_t keep) {
  c.query("DELETE FROM sessions WHERE account_id = $1 AND id <> $2", {account_id, keep});
}

void mark_session_mfa(db::Connection& c, std::int64_t session_id) {
  c.query("UPDATE sessions SET mfa = 1 WHERE id = $1", {session_id});
}

std::vector<SessionRow> sessions_of(db::Connection& c, std::int64_t account_id, std::int64_t now) {
  std::vector<SessionRow> out;
  for (const auto& r :
       c.query("SELECT id, account_id, csrf_token, created_at, expires_at, last_seen_at, COALESCE(user_agent, ''), "
               "COALESCE(ip, ''), mfa FROM sessions WHERE account_id = $1 AND expires_at > $2 "
               "ORDER BY last_seen_at DESC",
               {account_id, now})
           .rows)
    out.push_back(session_from(r));
  return out;
}

void delete_expired_sessions(db::Connection& c, std::int64_t now) {
  c.query("DELETE FROM sessions WHERE expires_at <= $1", {now});
}

std::optional<ThrottleRow> find_throttle(db::Connection& c, const std::string& key) {
  auto r = c.query("SELECT failures, window_start, locked_until FROM login_throttle WHERE key = $1", {key});
  if (r.empty()) return std::nullopt;
  return ThrottleRow{r.one().integer(0), r.one().integer(1), r.one().integer(2)};
}

void save_throttle(db::Connection& c, const std::string& key, const ThrottleRow& t) {
  c.query(
      "INSERT INTO login_throttle(key, failures, window_start, locked_until) VALUES ($1,$2,$3,$4) "
      "ON CONFLICT (key) DO UPDATE SET failures = $2, window_start = $3, locked_until = $4",
      {key, t.failures, t.window_start, t.locked_until});
}

void clear_throttle(db::Connection& c, const std::string& key) {
  c.query("DELETE FROM login_throttle WHERE key = $1", {key});
}

}  // namespace sotay::store
