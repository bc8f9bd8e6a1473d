// Sign-in, sessions, passwords, two-factor and the account administration a committee does.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "domain/actor.h"
#include "store/accounts_store.h"

namespace sotay::auth {

struct Policy {
  std::int64_t member_session_seconds = 30LL * 24 * 3600;   // phones stay signed in a month (sliding)
  std::int64_t privileged_session_seconds = 12LL * 3600;     // committee work: half a day
  int account_failures = 5;        // failed sign-ins per account…
  int address_failures = 30;       // …and per address…
  std::int64_t window_seconds = 15 * 60;  // …within this window
  std::int64_t lock_seconds = 15 * 60;    // lock this long
  bool fast_hashing = false;       // tests: minimum argon2id cost
};

struct SignInRequest {
  std::string login;
  std::string password;
  std::optional<std::string> totp;
  std::string ip;
  std::string user_agent;
};

struct SignInResult {
  std::string token;       // goes into the HttpOnly cookie; never stored in clear
  std::string csrf_token;  // the client sends it back as X-CSRF-Token
  std::int64_t expires_at = 0;
  std::int64_t account_id = 0;
};

// Who a valid session belongs to, and what the session may do yet.
struct Session {
  Actor actor;
  std::int64_t session_id = 0;
  std::string csrf_token;
  std::int64_t expires_at = 0;
  std::string login;
  bool must_change_password = false;
  bool totp_setup_required = false;  // role needs two-factor; not enrolled yet
  bool totp_enabled = false;
  std::optional<std::string> phone;
  std::vector<store::GrantRow> grants;  // with unit names, for "who am I" screens
};

SignInResult sign_in(db::Database& db, const Policy& policy, const SignInRequest& request);
// nullopt for unknown, expired or forged tokens and disabled accounts.
std::optional<Session> authenticate(db::Database& db, const Policy& policy, const std::string& token,
                                    const std::string& ip);
void sign_out(db::Database& db, const std::string& token);
void sign_out_everywhere(db::Database& db, const Session& session);
std::vector<store::SessionRow> list_sessions(db::Database& db, const Session& session);
void revoke_session(db::Database& db, const Session& session, std::int64_t session_id);

// Checks strength; throws validation_failed with a Vietnamese reason.
void check_password_strength(const std::string& password, const std::string& login);
void change_password(db::Database& db, const Policy& policy, const Session& session, const std::string& current,
                     const std::string& next);

struct TotpEnrollment {
  std::string secret_base32;
  std::string otpauth_uri;
};
TotpEnrollment begin_totp(db::Database& db, const Session& session);
void confirm_totp(db::Database& db, const Session& session, const std::string& code);

// Committee work, within scope (audited).
struct AccountView {
  store::AccountRow account;
  std::string full_name, unit_name, unit_path;
  std::vector<store::GrantRow> grants;
};
std::vector<AccountView> list_accounts(db::Database& db, const Actor& actor, std::int64_t unit_id,
                                       const std::optional<std::string>& query);
// Sets a random temporary password that must be changed at first sign-in; ends the account's sessions.
std::string reset_password(db::Database& db, const Policy& policy, const Actor& actor, std::int64_t account_id);
// Creates an account for a member in scope, with a temporary password (must change at first sign-in).
std::pair<store::AccountRow, std::string> create_for_member(db::Database& db, const Policy& policy, const Actor& actor,
                                                            std::int64_t member_id, const std::string& login);
store::GrantRow grant_role(db::Database& db, const Actor& actor, std::int64_t account_id, Role role,
                           std::int64_t unit_id);
void revoke_role(db::Database& db, const Actor& actor, std::int64_t grant_id);

// Builds the Actor of an account (grants with their unit paths, the member's unit).
Actor load_actor(db::Connection& c, const store::AccountRow& account);
Actor actor_from(const store::AccountRow& account, std::optional<std::int64_t> member_unit_id,
                 const std::string& member_unit_path, const std::vector<store::GrantRow>& grants);

// For `sotay user create` (system context): a ready account (no forced change, no two-factor)
// with a member record of that name in that unit.
struct ReadyAccount {
  std::string login, password, role, full_name;
  std::optional<std::string> unit_code;
  bool allow_admin = false;
};
store::AccountRow create_ready_account(db::Database& db, const ReadyAccount& spec);

}  // namespace sotay::auth
