// SQL for loading large generated data sets (the demo and the scale benchmarks): multi-row
// INSERT batches, the "is this database empty" check, and the PostgreSQL housekeeping a bulk
// load with explicit ids needs. Every value travels as a parameter; statements are built only
// from placeholders.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace sotay::store {

struct BulkUnit {
  std::int64_t id = 0;  // explicit: the loader builds materialized paths from ids it assigns
  std::string code, kind, name, name_fold;
  std::optional<std::int64_t> parent_id;
  std::string path;
  std::int64_t depth = 0;
  std::string valid_from;
  std::int64_t created_at = 0;
};

struct BulkMember {
  std::int64_t id = 0;  // explicit, so memberships and positions can refer to it without a round trip
  std::string full_name, name_fold, sort_key;
  std::string birth_date, sex, admitted_on;
  std::optional<std::string> official_on;
  std::string card_number, citizen_id;
  std::optional<std::string> phone, email;
  std::int64_t unit_id = 0;
  std::string status;
  std::optional<std::string> status_date;
  std::int64_t created_at = 0;  // also updated_at
};

struct BulkMembership {
  std::int64_t member_id = 0, unit_id = 0;
  std::string valid_from;
  std::optional<std::string> valid_to;
};

struct BulkPosition {
  std::int64_t member_id = 0, unit_id = 0;
  std::string position;  // secretary | deputy_secretary | committee_member
  std::string term_from;
  std::optional<std::string> term_to;
};

struct BulkAccount {
  std::string login;
  std::optional<std::string> phone;
  std::optional<std::int64_t> member_id;
  std::string password_hash;
  bool must_change_password = true;
  bool twofactor_waived = false;
  std::int64_t created_at = 0;
};

bool has_units(db::Connection& c);
std::int64_t count_units(db::Connection& c);
std::int64_t count_members(db::Connection& c);
// Which of `logins` already name an account.
std::vector<std::string> existing_logins(db::Connection& c, const std::vector<std::string>& logins);

// Multi-row inserts, chunked under both backends' bound-parameter limits.
void insert_units(db::Connection& c, const std::vector<BulkUnit>& units);
// One open unit_versions row per unit (its state from valid_from on), `change` e.g. 'created'.
void insert_unit_versions(db::Connection& c, const std::vector<BulkUnit>& units, const std::string& change,
                          std::int64_t at);
void insert_members(db::Connection& c, const std::vector<BulkMember>& members);
void insert_memberships(db::Connection& c, const std::vector<BulkMembership>& memberships);
void insert_positions(db::Connection& c, const std::vector<BulkPosition>& positions);
std::int64_t insert_account(db::Connection& c, const BulkAccount& a);
void insert_role_grant(db::Connection& c, std::int64_t account_id, const std::string& role,
                       std::optional<std::int64_t> unit_id, std::int64_t granted_at);

struct MemberContact {
  std::int64_t id = 0;
  std::string full_name;
  std::optional<std::string> phone;
};
std::optional<MemberContact> member_contact(db::Connection& c, std::int64_t member_id);

// Accounts with their role grants (one row per grant), for reprinting demo sign-ins.
struct AccountGrant {
  std::string login;
  std::optional<std::string> phone;
  std::string role;
  std::string full_name;  // "" when the account has no member record
  std::string unit_name;  // "" for a grant on the whole tree
};
std::vector<AccountGrant> account_grants(db::Connection& c, const std::vector<std::string>& logins);

// PostgreSQL: rows inserted with explicit ids leave the identity sequences behind; move them
// past MAX(id) of units and members so later inserts do not collide. No-op on SQLite.
void advance_identity_sequences(db::Connection& c);

// PostgreSQL bulk mode for the per-row member-count trigger: suspend it for a big load, then
// rebuild unit_member_counts with one INSERT … SELECT and resume it in one transaction.
// No-ops on SQLite (its triggers cannot be switched off, and it does not need it).
void suspend_member_count_trigger(db::Connection& c);
void rebuild_member_counts_and_resume_trigger(db::Connection& c);
// True if a bulk load died between suspend and resume (the counts are then stale).
bool member_count_trigger_suspended(db::Connection& c);

}  // namespace sotay::store
