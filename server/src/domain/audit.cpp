#include "domain/audit.h"

#include "domain/errors.h"
#include "util/time.h"

namespace sotay::audit {

void record(db::Connection& c, const Actor& actor, std::string_view action, std::string_view entity,
            std::optional<std::int64_t> entity_id, std::optional<std::int64_t> unit_id,
            const nlohmann::json& before, const nlohmann::json& after) {
  store::AuditEntry e;
  e.at = timeutil::now_unix();
  if (actor.account_id) e.actor_account_id = actor.account_id;
  e.actor_ip = actor.ip;
  e.action = action;
  e.entity = entity;
  e.entity_id = entity_id;
  e.unit_id = unit_id;
  if (!before.is_null()) e.before_json = before.dump();
  if (!after.is_null()) e.after_json = after.dump();
  store::insert_audit(c, e);
}

std::vector<store::AuditEntry> list(db::Database& db, const Actor& actor, store::AuditFilter filter) {
  filter.unit_paths.clear();
  for (const auto& g : actor.grants)
    if (g.role == Role::admin) filter.unit_paths.push_back(g.unit_path);
  if (filter.unit_paths.empty())
    throw Error(ErrorCode::forbidden, "Chỉ quản trị hệ thống mới được xem nhật ký thao tác.");
  filter.limit = std::clamp(filter.limit, 1, 200);
  return db.read_value([&](db::Connection& c) { return store::list_audit(c, filter); });
}

}  // namespace sotay::audit
