#include "domain/actor.h"

#include <algorithm>

namespace sotay {

const char* role_name(Role r) {
  switch (r) {
    case Role::member: return "member";
    case Role::cell_committee: return "cell_committee";
    case Role::committee: return "committee";
    case Role::editor: return "editor";
    case Role::admin: return "admin";
  }
  return "member";
}

const char* role_label_vi(Role r) {
  switch (r) {
    case Role::member: return "Đảng viên";
    case Role::cell_committee: return "Chi ủy";
    case Role::committee: return "Cấp ủy";
    case Role::editor: return "Biên tập viên";
    case Role::admin: return "Quản trị hệ thống";
  }
  return "";
}

std::optional<Role> parse_role(std::string_view s) {
  for (Role r : {Role::member, Role::cell_committee, Role::committee, Role::editor, Role::admin})
    if (s == role_name(r)) return r;
  return std::nullopt;
}

bool Actor::covers(std::string_view path, std::initializer_list<Role> roles) const {
  for (const auto& g : grants) {
    if (std::find(roles.begin(), roles.end(), g.role) == roles.end()) continue;
    if (path_within(path, g.unit_path)) return true;
  }
  return false;
}

bool Actor::has_role(Role r) const {
  return std::any_of(grants.begin(), grants.end(), [&](const Grant& g) { return g.role == r; });
}

bool Actor::needs_second_factor() const {
  return std::any_of(grants.begin(), grants.end(), [](const Grant& g) { return g.role != Role::member; });
}

bool Actor::can_view_unit(std::string_view path) const {
  if (covers(path, {Role::cell_committee, Role::committee, Role::editor, Role::admin})) return true;
  return !member_unit_path.empty() && path == member_unit_path;
}

bool Actor::can_view_members(std::string_view path) const {
  return covers(path, {Role::cell_committee, Role::committee, Role::admin});
}

bool Actor::can_edit_members(std::string_view path) const { return can_view_members(path); }

bool Actor::can_manage_units(std::string_view path) const { return covers(path, {Role::committee, Role::admin}); }

bool Actor::can_manage_accounts(std::string_view path) const {
  return covers(path, {Role::committee, Role::admin});
}

bool Actor::can_read_audit(std::string_view path) const { return covers(path, {Role::admin}); }

bool Actor::is_privileged() const { return needs_second_factor(); }

std::vector<std::string> Actor::member_scope_paths() const {
  std::vector<std::string> out;
  for (const auto& g : grants)
    if (g.role == Role::cell_committee || g.role == Role::committee || g.role == Role::admin)
      out.push_back(g.unit_path);
  return out;
}

}  // namespace sotay
