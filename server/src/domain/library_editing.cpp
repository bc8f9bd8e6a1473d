#include "domain/library_editing.h"

#include <span>

#include <algorithm>

#include "domain/errors.h"

namespace sotay::library {

bool can_edit(const Actor& actor, const std::string& owner_unit_path) {
  return actor.covers(owner_unit_path, {Role::editor, Role::committee, Role::admin});
}

std::vector<std::string> editing_paths(const Actor& actor) {
  std::vector<std::string> paths;
  for (const auto& g : actor.grants)
    if (g.role == Role::editor || g.role == Role::committee || g.role == Role::admin) paths.push_back(g.unit_path);
  return paths;
}

std::int64_t default_owner(db::Connection& c, const Actor& actor) {
  for (const auto& g : actor.grants)
    if ((g.role == Role::editor || g.role == Role::committee || g.role == Role::admin) && g.unit_id) return *g.unit_id;
  auto roots = store::list_roots(c);
  if (roots.empty()) throw Error(ErrorCode::validation_failed, "Chưa có tổ chức đảng nào.");
  return roots.front().id;
}

store::UnitRow unit_or_fail(db::Connection& c, std::int64_t id, const char* field) {
  auto u = store::find_unit(c, id);
  if (!u) throw Error(ErrorCode::validation_failed, "Không tìm thấy tổ chức đảng.", {{field, "Không tìm thấy tổ chức đảng."}});
  return *u;
}

void check_owner_and_audience(db::Connection& c, const Actor& actor, const store::UnitRow& owner,
                              std::vector<std::int64_t>& audience, std::string_view noun) {
  if (!can_edit(actor, owner.path))
    throw Error(ErrorCode::forbidden, "Bạn không có quyền biên tập " + std::string(noun) + " của tổ chức đảng này.");
  if (audience.empty()) audience.push_back(owner.id);
  std::sort(audience.begin(), audience.end());
  audience.erase(std::unique(audience.begin(), audience.end()), audience.end());
  for (auto unit_id : audience) {
    auto u = unit_or_fail(c, unit_id, "audience_unit_ids");
    if (!can_edit(actor, u.path))
      throw Error(ErrorCode::forbidden,
                  "Chỉ được gửi " + std::string(noun) + " tới các tổ chức đảng trong phạm vi của bạn: " + u.name + ".",
                  {{"audience_unit_ids", "Ngoài phạm vi của bạn: " + u.name + "."}});
  }
}

StateChange next_state(Step step, std::string_view current, std::optional<std::int64_t> publish_at, std::int64_t now,
                       const std::string& refusal) {
  // Static lists: a braced list assigned to an initializer_list would dangle after the statement.
  static constexpr std::string_view kFromDraft[] = {"draft"};
  static constexpr std::string_view kFromAnyButPublished[] = {"draft", "submitted", "withdrawn"};
  static constexpr std::string_view kFromLive[] = {"published", "submitted"};
  static constexpr std::string_view kFromPending[] = {"submitted", "withdrawn"};
  std::span<const std::string_view> from;
  const char* to = "";
  switch (step) {
    case Step::submit:
      from = kFromDraft;
      to = "submitted";
      break;
    case Step::publish:
      from = kFromAnyButPublished;
      to = "published";
      break;
    case Step::withdraw:
      from = kFromLive;
      to = "withdrawn";
      break;
    case Step::to_draft:
      from = kFromPending;
      to = "draft";
      break;
  }
  if (std::find(from.begin(), from.end(), current) == from.end()) throw Error(ErrorCode::conflict, refusal);
  StateChange out{to, std::nullopt, std::nullopt};
  if (step == Step::publish) {
    if (publish_at && *publish_at > now) {
      out.state = "submitted";  // the scheduler publishes it at publish_at
      out.publish_at = publish_at;
    } else {
      out.published_at = now;
    }
  }
  return out;
}

const char* step_name(Step step) {
  switch (step) {
    case Step::submit: return "submit";
    case Step::publish: return "publish";
    case Step::withdraw: return "withdraw";
    case Step::to_draft: return "return";
  }
  return "";
}

std::string trimmed(std::string s) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

std::size_t utf8_length(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace sotay::library
