// Domain rows → the JSON the API promises (see docs/api.md). Field names here are the contract.
#pragma once

#include <nlohmann/json.hpp>

#include "api/json_writer.h"

#include "domain/auth.h"
#include "store/accounts_store.h"
#include "store/audit_store.h"
#include "store/members_store.h"
#include "store/units_store.h"

namespace sotay::api {

void write_unit(JsonWriter& w, const store::UnitRow& u);
nlohmann::json unit_json(const store::UnitRow& u);
nlohmann::json unit_version_json(const store::UnitVersionRow& v);
// Members are written by the streaming writer (hot list endpoint); member_json parses that
// output so there is one encoding of a member.
void write_member(JsonWriter& w, const store::MemberRow& m);
nlohmann::json member_json(const store::MemberRow& m);
nlohmann::json position_json(const store::PositionRow& p);
void write_grant(JsonWriter& w, const store::GrantRow& g);
nlohmann::json grant_json(const store::GrantRow& g);
nlohmann::json audit_json(const store::AuditEntry& e);
nlohmann::json session_row_json(const store::SessionRow& s, std::int64_t current_session_id);

}  // namespace sotay::api
