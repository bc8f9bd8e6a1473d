// Who is calling, and what their role grants cover. Every domain call takes an Actor and checks
// scope itself: a role granted on a unit covers that unit's whole subtree (materialized path).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sotay {

enum class Role { member, cell_committee, committee, editor, admin };

const char* role_name(Role r);
std::optional<Role> parse_role(std::string_view s);
const char* role_label_vi(Role r);

struct Grant {
  Role role;
  std::optional<std::int64_t> unit_id;  // nullopt: the whole tree (admin from the CLI)
  std::string unit_path;                // "" for the whole tree, else '/1/5/'
};

// True when `path` lies in the subtree rooted at `root_path` ("" = everything).
inline bool path_within(std::string_view path, std::string_view root_path) {
  return root_path.empty() || path.substr(0, root_path.size()) == root_path;
}

struct Actor {
  std::int64_t account_id = 0;
  std::optional<std::int64_t> member_id;
  std::optional<std::int64_t> member_unit_id;
  std::string member_unit_path;
  std::vector<Grant> grants;
  std::string ip;  // for the audit log

  // Any of `roles` granted on a unit whose subtree contains `path`.
  bool covers(std::string_view path, std::initializer_list<Role> roles) const;
  bool has_role(Role r) const;
  // Roles above plain member must use two-factor sign-in.
  bool needs_second_factor() const;

  // Capabilities used across the domain.
  bool can_view_unit(std::string_view path) const;      // committees, editors, admins; a member's own unit
  bool can_view_members(std::string_view path) const;   // cell committee and above
  bool can_edit_members(std::string_view path) const;   // cell committee and above
  bool can_manage_units(std::string_view path) const;   // committee, admin
  bool can_manage_accounts(std::string_view path) const;  // committee, admin
  bool can_read_audit(std::string_view path) const;     // admin
  // Writes by these roles go to the audit log.
  bool is_privileged() const;

  // The narrowest set of subtree roots the actor may list members of (for queries).
  std::vector<std::string> member_scope_paths() const;
};

}  // namespace sotay
