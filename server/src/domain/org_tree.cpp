#include "domain/org_tree.h"

#include <nlohmann/json.hpp>
#include <regex>

#include "domain/audit.h"
#include "domain/errors.h"
#include "search/normalizer.h"
#include "store/members_store.h"
#include "util/time.h"

namespace sotay::org {

namespace {

struct KindInfo {
  const char* kind;
  int rank;
  const char* label;
};
constexpr KindInfo kKinds[] = {
    {"central", 0, "Trung ương"},
    {"province", 1, "Đảng bộ tỉnh/thành phố"},
    {"subordinate_committee", 2, "Đảng bộ cấp trên cơ sở"},
    {"base_committee", 3, "Đảng bộ cơ sở"},
    {"base_cell", 3, "Chi bộ cơ sở"},
    {"cell", 4, "Chi bộ"},
    {"group", 5, "Tổ đảng"},
};

const KindInfo* kind_info(std::string_view kind) {
  for (const auto& k : kKinds)
    if (kind == k.kind) return &k;
  return nullptr;
}

nlohmann::json unit_json(const UnitRow& u) {
  return {{"id", u.id},     {"code", u.code},     {"kind", u.kind},         {"name", u.name},
          {"parent_id", u.parent_id ? nlohmann::json(*u.parent_id) : nlohmann::json()},
          {"path", u.path}, {"valid_from", u.valid_from}, {"valid_to", u.valid_to ? nlohmann::json(*u.valid_to) : nlohmann::json()}};
}

std::string effective_date(const std::optional<std::string>& date, const UnitRow& unit) {
  std::string d = date.value_or(timeutil::today());
  if (!timeutil::is_valid_date(d))
    throw Error(ErrorCode::validation_failed, "Ngày hiệu lực không hợp lệ.",
                {{"date", "Ngày phải có dạng YYYY-MM-DD và là một ngày có thật."}});
  if (d < unit.valid_from)
    throw Error(ErrorCode::validation_failed, "Ngày hiệu lực không hợp lệ.",
                {{"date", "Ngày hiệu lực không được trước ngày thành lập đơn vị (" + unit.valid_from + ")."}});
  if (d > timeutil::add_days(timeutil::today(), 366))
    throw Error(ErrorCode::validation_failed, "Ngày hiệu lực không hợp lệ.",
                {{"date", "Ngày hiệu lực không được quá một năm kể từ hôm nay."}});
  return d;
}

// A unit the actor may see, or 404.
UnitRow visible_unit(db::Connection& c, const Actor& actor, std::int64_t id) {
  auto u = store::find_unit(c, id);
  if (!u || !actor.can_view_unit(u->path)) throw not_found("Không tìm thấy tổ chức đảng này.");
  return *u;
}

// A unit the actor may manage, or 404 (not visible) / 403 (visible, not manageable).
UnitRow manageable_unit(db::Connection& c, const Actor& actor, std::int64_t id) {
  auto u = visible_unit(c, actor, id);
  if (!actor.can_manage_units(u.path))
    throw Error(ErrorCode::forbidden, "Bạn không có quyền thay đổi tổ chức đảng này.");
  return u;
}

void require_open(const UnitRow& u) {
  if (u.valid_to)
    throw Error(ErrorCode::conflict, "Tổ chức đảng \"" + u.name + "\" đã giải thể hoặc hợp nhất, không thể thay đổi.");
}

std::string clean_name(const std::string& raw) {
  std::string name = search::squeeze_spaces(raw);
  if (name.size() < 2 || name.size() > 200)
    throw Error(ErrorCode::validation_failed, "Tên tổ chức đảng không hợp lệ.",
                {{"name", "Tên phải có từ 2 đến 200 ký tự."}});
  return name;
}

// Actor's grant roots for committee/admin over the unit — a committee may not move, merge or
// close the unit its own grant sits on (only something strictly inside its scope).
void require_strictly_inside(const Actor& actor, const UnitRow& u) {
  for (const auto& g : actor.grants) {
    if (g.role != Role::committee && g.role != Role::admin) continue;
    if (path_within(u.path, g.unit_path) && u.path != g.unit_path) return;
  }
  throw Error(ErrorCode::forbidden,
              "Chỉ cấp ủy cấp trên mới được di chuyển, hợp nhất hoặc giải thể tổ chức đảng này.");
}

}  // namespace

bool is_valid_kind(std::string_view kind) { return kind_info(kind) != nullptr; }

const char* kind_label_vi(std::string_view kind) {
  auto k = kind_info(kind);
  return k ? k->label : "";
}

bool may_contain(std::string_view parent_kind, std::string_view child_kind) {
  auto p = kind_info(parent_kind), c = kind_info(child_kind);
  if (!p || !c) return false;
  if (c->rank <= p->rank) return false;
  if (parent_kind == "base_cell" || parent_kind == "cell") return child_kind == "group";
  return true;
}

UnitRow get_unit(db::Database& db, const Actor& actor, std::int64_t id) {
  return db.read_value([&](db::Connection& c) { return visible_unit(c, actor, id); });
}

std::vector<UnitRow> children(db::Database& db, const Actor& actor, std::int64_t id, bool include_closed) {
  return db.read_value([&](db::Connection& c) {
    auto u = visible_unit(c, actor, id);
    if (!actor.can_view_members(u.path) && !actor.covers(u.path, {Role::editor}))
      return std::vector<UnitRow>{};  // a member sees their own unit, not what hangs below it
    return store::list_children(c, id, include_closed);
  });
}

std::vector<UnitRow> scope_roots(db::Database& db, const Actor& actor) {
  return db.read_value([&](db::Connection& c) {
    std::vector<UnitRow> out;
    for (const auto& g : actor.grants) {
      if (g.role == Role::member) continue;
      if (!g.unit_id) {
        for (auto& r : store::list_roots(c)) out.push_back(std::move(r));
        continue;
      }
      // Skip grants nested inside another grant of the same actor.
      bool nested = false;
      for (const auto& other : actor.grants)
        if (other.role != Role::member && &other != &g && other.unit_path != g.unit_path &&
            path_within(g.unit_path, other.unit_path))
          nested = true;
      if (nested) continue;
      if (auto u = store::find_unit(c, *g.unit_id)) {
        bool dup = false;
        for (const auto& o : out) dup = dup || o.id == u->id;
        if (!dup) out.push_back(*u);
      }
    }
    return out;
  });
}

std::vector<UnitRow> search(db::Database& db, const Actor& actor, const std::string& query, int limit) {
  std::string q = search::fold(search::squeeze_spaces(query));
  if (q.size() < 2) return {};
  limit = std::clamp(limit, 1, 100);
  return db.read_value([&](db::Connection& c) {
    std::vector<UnitRow> out;
    for (const auto& g : actor.grants) {
      if (g.role == Role::member) continue;
      for (auto& u : store::search_units(c, g.unit_path, q, limit)) {
        bool dup = false;
        for (const auto& o : out) dup = dup || o.id == u.id;
        if (!dup && static_cast<int>(out.size()) < limit) out.push_back(std::move(u));
      }
    }
    return out;
  });
}

std::vector<UnitVersionRow> history(db::Database& db, const Actor& actor, std::int64_t id) {
  return db.read_value([&](db::Connection& c) {
    visible_unit(c, actor, id);
    return store::unit_history(c, id);
  });
}

std::vector<UnitVersionRow> tree_on(db::Database& db, const Actor& actor, std::int64_t id, const std::string& date) {
  if (!timeutil::is_valid_date(date))
    throw Error(ErrorCode::validation_failed, "Ngày không hợp lệ.", {{"date", "Ngày phải có dạng YYYY-MM-DD."}});
  return db.read_value([&](db::Connection& c) {
    auto u = visible_unit(c, actor, id);
    if (!actor.can_view_members(u.path) && !actor.covers(u.path, {Role::editor}))
      throw not_found("Không tìm thấy tổ chức đảng này.");
    return store::tree_on(c, id, date);
  });
}

store::MemberCounts subtree_counts(db::Database& db, const Actor& actor, std::int64_t id) {
  return db.read_value([&](db::Connection& c) {
    auto u = visible_unit(c, actor, id);
    return store::subtree_counts(c, u.path);
  });
}

std::vector<UnitRow> breadcrumbs(db::Database& db, const Actor& actor, std::int64_t id) {
  return db.read_value([&](db::Connection& c) {
    auto u = visible_unit(c, actor, id);
    std::vector<UnitRow> out;
    // path '/1/5/23/' → ancestors 1 and 5
    std::size_t start = 1;
    while (true) {
      auto slash = u.path.find('/', start);
      if (slash == std::string::npos) break;
      auto ancestor_id = std::stoll(u.path.substr(start, slash - start));
      start = slash + 1;
      if (ancestor_id == u.id) break;
      auto a = store::find_unit(c, ancestor_id);
      if (a && actor.can_view_unit(a->path)) out.push_back(*a);
    }
    return out;
  });
}

UnitRow create(db::Database& db, const Actor& actor, const NewUnit& in) {
  std::vector<FieldError> errors;
  static const std::regex code_re("^[A-Z0-9][A-Z0-9._-]{0,39}$");
  std::string code = in.code;
  for (auto& ch : code) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (!std::regex_match(code, code_re))
    errors.push_back({"code", "Mã đơn vị gồm 1–40 chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới."});
  if (!is_valid_kind(in.kind)) errors.push_back({"kind", "Loại tổ chức đảng không hợp lệ."});
  std::string name;
  try {
    name = clean_name(in.name);
  } catch (const Error& e) {
    errors.push_back(e.fields().at(0));
  }
  std::string date = in.valid_from.value_or(timeutil::today());
  if (!timeutil::is_valid_date(date)) errors.push_back({"valid_from", "Ngày thành lập phải có dạng YYYY-MM-DD."});
  if (!errors.empty()) throw Error(ErrorCode::validation_failed, "Thông tin tổ chức đảng chưa hợp lệ.", errors);

  return db.write_value([&](db::Connection& c) {
    std::optional<UnitRow> parent;
    if (in.parent_id) {
      parent = visible_unit(c, actor, *in.parent_id);
      if (!actor.can_manage_units(parent->path))
        throw Error(ErrorCode::forbidden, "Bạn không có quyền thêm tổ chức đảng vào đơn vị này.");
      require_open(*parent);
      if (!may_contain(parent->kind, in.kind))
        throw Error(ErrorCode::validation_failed, "Loại tổ chức đảng không phù hợp với đơn vị cấp trên.",
                    {{"kind", std::string(kind_label_vi(in.kind)) + " không thể trực thuộc " +
                                  kind_label_vi(parent->kind) + "."}});
      if (date < parent->valid_from)
        throw Error(ErrorCode::validation_failed, "Ngày thành lập không hợp lệ.",
                    {{"valid_from", "Ngày thành lập không được trước ngày thành lập đơn vị cấp trên."}});
    } else {
      bool whole_tree = false;
      for (const auto& g : actor.grants) whole_tree = whole_tree || (g.role == Role::admin && g.unit_path.empty());
      if (!whole_tree)
        throw Error(ErrorCode::forbidden, "Chỉ quản trị toàn hệ thống mới được tạo tổ chức đảng cấp cao nhất.");
      if (in.kind != "central" && in.kind != "province")
        throw Error(ErrorCode::validation_failed, "Tổ chức đảng cấp cao nhất phải là Trung ương hoặc Đảng bộ tỉnh.",
                    {{"kind", "Chọn Trung ương hoặc Đảng bộ tỉnh/thành phố."}});
    }
    if (store::find_unit_by_code(c, code))
      throw Error(ErrorCode::conflict, "Mã đơn vị đã được dùng.", {{"code", "Mã \"" + code + "\" đã có đơn vị khác dùng."}});
    auto id = store::insert_unit(c, code, in.kind, name, search::fold(name), in.parent_id,
                                 parent ? parent->path : "", parent ? parent->depth : 0, date);
    auto unit = *store::find_unit(c, id);
    store::insert_version(c, {id, code, name, in.kind, in.parent_id, unit.path, date, std::nullopt, "created", "",
                              actor.account_id ? std::optional<std::int64_t>(actor.account_id) : std::nullopt,
                              timeutil::now_unix()});
    audit::record(c, actor, "unit.create", "unit", id, id, nullptr, unit_json(unit));
    return unit;
  });
}

UnitRow rename(db::Database& db, const Actor& actor, std::int64_t id, const std::string& raw_name,
               const std::optional<std::string>& date_in) {
  std::string name = clean_name(raw_name);
  return db.write_value([&](db::Connection& c) {
    auto before = manageable_unit(c, actor, id);
    require_open(before);
    std::string date = effective_date(date_in, before);
    if (before.name == name) return before;
    store::update_unit_name(c, id, name, search::fold(name));
    store::close_unit_version(c, id, date);
    auto after = *store::find_unit(c, id);
    store::insert_version(c, {id, after.code, name, after.kind, after.parent_id, after.path, date, std::nullopt,
                              "renamed", "Tên cũ: " + before.name, actor.account_id, timeutil::now_unix()});
    audit::record(c, actor, "unit.rename", "unit", id, id, unit_json(before), unit_json(after));
    return after;
  });
}

UnitRow move(db::Database& db, const Actor& actor, std::int64_t id, std::int64_t new_parent_id,
             const std::optional<std::string>& date_in) {
  return db.write_value([&](db::Connection& c) {
    auto before = manageable_unit(c, actor, id);
    require_open(before);
    require_strictly_inside(actor, before);
    auto parent = visible_unit(c, actor, new_parent_id);
    if (!actor.can_manage_units(parent.path))
      throw Error(ErrorCode::forbidden, "Bạn không có quyền chuyển tổ chức đảng vào đơn vị này.");
    require_open(parent);
    if (path_within(parent.path, before.path))
      throw Error(ErrorCode::validation_failed, "Không thể chuyển một tổ chức đảng vào chính nó hoặc đơn vị cấp dưới của nó.",
                  {{"parent_id", "Hãy chọn một đơn vị cấp trên khác."}});
    if (before.parent_id && *before.parent_id == new_parent_id) return before;
    if (!may_contain(parent.kind, before.kind))
      throw Error(ErrorCode::validation_failed, "Loại tổ chức đảng không phù hợp với đơn vị cấp trên mới.",
                  {{"parent_id", std::string(kind_label_vi(before.kind)) + " không thể trực thuộc " +
                                     kind_label_vi(parent.kind) + "."}});
    std::string date = effective_date(date_in, before);
    std::string new_path = parent.path + std::to_string(id) + "/";
    store::close_open_versions(c, before.path, date);
    store::move_subtree(c, before.path, new_path, parent.depth + 1 - before.depth);
    store::set_parent(c, id, new_parent_id);
    std::string old_parent_name;
    if (before.parent_id)
      if (auto op = store::find_unit(c, *before.parent_id)) old_parent_name = op->name;
    store::open_versions(c, new_path, date, id, "moved",
                         "Từ \"" + old_parent_name + "\" sang \"" + parent.name + "\"", actor.account_id,
                         timeutil::now_unix());
    auto after = *store::find_unit(c, id);
    audit::record(c, actor, "unit.move", "unit", id, id, unit_json(before), unit_json(after));
    return after;
  });
}

UnitRow merge(db::Database& db, const Actor& actor, std::int64_t from_id, std::int64_t into_id,
              const std::optional<std::string>& date_in) {
  if (from_id == into_id)
    throw Error(ErrorCode::validation_failed, "Không thể hợp nhất một tổ chức đảng vào chính nó.",
                {{"into_id", "Hãy chọn đơn vị khác."}});
  return db.write_value([&](db::Connection& c) {
    auto from = manageable_unit(c, actor, from_id);
    require_open(from);
    require_strictly_inside(actor, from);
    auto into = manageable_unit(c, actor, into_id);
    require_open(into);
    if (path_within(into.path, from.path))
      throw Error(ErrorCode::validation_failed, "Không thể hợp nhất vào đơn vị cấp dưới của chính nó.",
                  {{"into_id", "Hãy chọn đơn vị khác."}});
    if (from.kind != into.kind && !(from.kind == "base_cell" && into.kind == "base_committee") &&
        !(from.kind == "base_committee" && into.kind == "base_cell") &&
        !(from.kind == "subordinate_committee" && into.kind == "province"))
      throw Error(ErrorCode::validation_failed, "Chỉ hợp nhất các tổ chức đảng cùng cấp.",
                  {{"into_id", std::string("Không thể hợp nhất ") + kind_label_vi(from.kind) + " vào " +
                                   kind_label_vi(into.kind) + "."}});
    std::string date = effective_date(date_in, from);
    if (date < into.valid_from) date = into.valid_from;
    auto moved_members = store::move_unit_members(c, from_id, into_id, date);
    store::end_unit_positions(c, from_id, date);
    auto kids = store::list_children(c, from_id, false);
    for (const auto& k : kids) {
      if (!may_contain(into.kind, k.kind)) continue;
      std::string new_path = into.path + std::to_string(k.id) + "/";
      store::close_open_versions(c, k.path, date);
      store::move_subtree(c, k.path, new_path, into.depth + 1 - k.depth);
      store::set_parent(c, k.id, into_id);
      store::open_versions(c, new_path, date, k.id, "moved",
                           "Theo việc hợp nhất \"" + from.name + "\" vào \"" + into.name + "\"", actor.account_id,
                           timeutil::now_unix());
    }
    if (store::open_children_count(c, from_id) > 0)
      throw Error(ErrorCode::conflict, "Còn đơn vị trực thuộc không thể chuyển sang đơn vị nhận hợp nhất.");
    store::close_unit_version(c, from_id, date);
    store::close_unit(c, from_id, date, into_id);
    store::insert_version(c, {from_id, from.code, from.name, from.kind, from.parent_id, from.path, date, date, "merged",
                              "Hợp nhất vào \"" + into.name + "\"", actor.account_id, timeutil::now_unix()});
    auto after = *store::find_unit(c, into_id);
    audit::record(c, actor, "unit.merge", "unit", from_id, from_id, unit_json(from),
                  {{"merged_into", into_id}, {"members_moved", moved_members}, {"children_moved", kids.size()}});
    return after;
  });
}

UnitRow close(db::Database& db, const Actor& actor, std::int64_t id, const std::optional<std::string>& date_in) {
  return db.write_value([&](db::Connection& c) {
    auto u = manageable_unit(c, actor, id);
    require_open(u);
    require_strictly_inside(actor, u);
    auto kids = store::open_children_count(c, id);
    auto active = u.official + u.probationary;
    if (kids > 0 || active > 0)
      throw Error(ErrorCode::conflict, "Đơn vị còn " + std::to_string(active) + " đảng viên và " +
                                           std::to_string(kids) +
                                           " tổ chức trực thuộc. Hãy chuyển hoặc hợp nhất trước khi giải thể.");
    std::string date = effective_date(date_in, u);
    store::end_unit_positions(c, id, date);
    store::close_unit_version(c, id, date);
    store::close_unit(c, id, date, std::nullopt);
    store::insert_version(c, {id, u.code, u.name, u.kind, u.parent_id, u.path, date, date, "closed", "Giải thể",
                              actor.account_id, timeutil::now_unix()});
    auto after = *store::find_unit(c, id);
    audit::record(c, actor, "unit.close", "unit", id, id, unit_json(u), unit_json(after));
    return after;
  });
}

std::optional<UnitRow> find_by_code(db::Database& db, const std::string& code) {
  return db.read_value([&](db::Connection& c) { return store::find_unit_by_code(c, code); });
}

}  // namespace sotay::org
