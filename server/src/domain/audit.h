// Every write by a committee, editor or admin lands here: who, what, when, from where, before
// and after. Written inside the same transaction as the change it records.
#pragma once

#include <nlohmann/json.hpp>

#include "db/database.h"
#include "domain/actor.h"
#include "store/audit_store.h"

namespace sotay::audit {

void record(db::Connection& c, const Actor& actor, std::string_view action, std::string_view entity,
            std::optional<std::int64_t> entity_id, std::optional<std::int64_t> unit_id,
            const nlohmann::json& before, const nlohmann::json& after);

// Entries the actor may read (admins, within their scope), newest first.
std::vector<store::AuditEntry> list(db::Database& db, const Actor& actor, store::AuditFilter filter);

}  // namespace sotay::audit
