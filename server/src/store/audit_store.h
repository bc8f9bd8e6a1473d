#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace sotay::store {

struct AuditEntry {
  std::int64_t id = 0;
  std::int64_t at = 0;
  std::optional<std::int64_t> actor_account_id;
  std::string actor_login;
  std::string actor_ip;
  std::string action;
  std::string entity;
  std::optional<std::int64_t> entity_id;
  std::optional<std::int64_t> unit_id;
  std::string before_json;
  std::string after_json;
};

struct AuditFilter {
  std::vector<std::string> unit_paths;  // scope: entries whose unit lies in one of these ("" = all)
  std::optional<std::int64_t> actor_account_id;
  std::optional<std::string> action;
  std::optional<std::string> entity;
  std::optional<std::int64_t> since, until;  // unix seconds
  std::optional<std::int64_t> before_id;     // cursor: newest first
  int limit = 50;
};

void insert_audit(db::Connection& c, const AuditEntry& e);
std::vector<AuditEntry> list_audit(db::Connection& c, const AuditFilter& f);

}  // namespace sotay::store
