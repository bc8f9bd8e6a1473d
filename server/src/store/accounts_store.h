// SQL for accounts, role grants, sessions and sign-in throttling.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace sotay::store {

struct AccountRow {
  std::int64_t id = 0;
  std::string login;
  std::optional<std::string> phone;
  std::optional<std::int64_t> member_id;
  std::string password_hash;
  bool must_change_password = false;
  std::optional<std::string> totp_secret;
  bool totp_enabled = false;
  std::int64_t totp_last_step = 0;
  bool twofactor_waived = false;
  bool disabled = false;
  std::int64_t created_at = 0;
};

struct GrantRow {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::string role;
  std::optional<std::int64_t> unit_id;
  std::string unit_path;  // "" for the whole tree
  std::string unit_name;
  std::int64_t granted_at = 0;
};

struct SessionRow {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::string csrf_token;
  std::int64_t created_at = 0, expires_at = 0, last_seen_at = 0;
  std::string user_agent, ip;
  bool mfa = false;
};

// By lowercase login or normalized phone.
std::optional<AccountRow> find_account_by_login(db::Connection& c, const std::string& login_or_phone);
std::optional<AccountRow> find_account(db::Connection& c, std::int64_t id);
std::optional<AccountRow> find_account_by_member(db::Connection& c, std::int64_t member_id);
std::int64_t insert_account(db::Connection& c, const AccountRow& a);
void set_password(db::Connection& c, std::int64_t id, const std::string& hash, bool must_change, std::int64_t now);
void set_totp(db::Connection& c, std::int64_t id, const std::optional<std::string>& secret, bool enabled);
// Records the last accepted TOTP step; false if `step` is not newer (a replayed code).
bool advance_totp_step(db::Connection& c, std::int64_t id, std::int64_t step);

std::vector<GrantRow> grants_of(db::Connection& c, std::int64_t account_id);
std::optional<GrantRow> find_grant(db::Connection& c, std::int64_t grant_id);
std::int64_t insert_grant(db::Connection& c, std::int64_t account_id, const std::string& role,
                          std::optional<std::int64_t> unit_id, std::optional<std::int64_t> granted_by, std::int64_t now);
void delete_grant(db::Connection& c, std::int64_t grant_id);

struct AccountListItem {
  AccountRow account;
  std::string full_name;
  std::string unit_name;
  std::string unit_path;
};
// Accounts whose member record lies in the subtree (scope paths; "" = all).
std::vector<AccountListItem> list_accounts(db::Connection& c, const std::string& unit_path,
                                           const std::optional<std::string>& name_fold, int limit);

void insert_session(db::Connection& c, const std::string& token_hash, const SessionRow& s);

// One round trip for every request's authentication: the session, its account and the unit of
// the account's member record.
struct SessionLookup {
  SessionRow session;
  AccountRow account;
  std::optional<std::int64_t> member_unit_id;
  std::string member_unit_path;
};
std::optional<SessionLookup> find_session_with_account(db::Connection& c, const std::string& token_hash);
void touch_session(db::Connection& c, std::int64_t session_id, std::int64_t now, std::int64_t expires_at);
void delete_session(db::Connection& c, const std::string& token_hash);
void delete_session_by_id(db::Connection& c, std::int64_t account_id, std::int64_t session_id);
void delete_sessions_of(db::Connection& c, std::int64_t account_id);
// Every session of the account but `keep` (after a password change on that device).
void delete_other_sessions(db::Connection& c, std::int64_t account_id, std::int64_t keep);
// The session proved the second factor (two-factor set up from it).
void mark_session_mfa(db::Connection& c, std::int64_t session_id);
std::vector<SessionRow> sessions_of(db::Connection& c, std::int64_t account_id, std::int64_t now);
void delete_expired_sessions(db::Connection& c, std::int64_t now);

struct ThrottleRow {
  std::int64_t failures = 0;
  std::int64_t window_start = 0;
  std::int64_t locked_until = 0;
};
std::optional<ThrottleRow> find_throttle(db::Connection& c, const std::string& key);
void save_throttle(db::Connection& c, const std::string& key, const ThrottleRow& t);
void clear_throttle(db::Connection& c, const std::string& key);

}  // namespace sotay::store
