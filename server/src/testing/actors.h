// Actors for unit tests and benchmarks, built by hand (no accounts or sessions needed).
#pragma once

#include <cstdint>
#include <optional>

#include "domain/actor.h"
#include "store/units_store.h"

namespace sotay::testing {

// An admin over the whole tree (as the CLI acts).
inline Actor admin() {
  Actor a;
  a.grants.push_back({Role::admin, std::nullopt, ""});
  return a;
}

// `role` granted on `unit` (and so its subtree).
inline Actor with_grant(Role role, const store::UnitRow& unit, std::int64_t account_id = 0) {
  Actor a;
  a.account_id = account_id;
  a.grants.push_back({role, unit.id, unit.path});
  return a;
}

// A plain member of `unit`, with member and account id `id`.
inline Actor member_of(const store::UnitRow& unit, std::int64_t id = 1) {
  Actor a;
  a.account_id = id;
  a.member_id = id;
  a.member_unit_id = unit.id;
  a.member_unit_path = unit.path;
  a.grants.push_back({Role::member, unit.id, unit.path});
  return a;
}

}  // namespace sotay::testing
