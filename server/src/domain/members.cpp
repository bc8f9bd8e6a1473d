#include "domain/members.h"

#include <nlohmann/json.hpp>

#include "domain/audit.h"
#include "domain/errors.h"
#include "search/normalizer.h"
#include "store/units_store.h"
#include "util/crypto.h"
#include "util/time.h"

namespace sotay::members {

namespace {

nlohmann::json opt(const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }

nlohmann::json member_json(const MemberRow& m) {
  return {{"id", m.id},
          {"full_name", m.full_name},
          {"birth_date", opt(m.birth_date)},
          {"sex", opt(m.sex)},
          {"admitted_on", opt(m.admitted_on)},
          {"official_on", opt(m.official_on)},
          {"card_number", opt(m.card_number)},
          {"citizen_id", opt(m.citizen_id)},
          {"phone", opt(m.phone)},
          {"email", opt(m.email)},
          {"unit_id", m.unit_id},
          {"status", m.status},
          {"status_date", opt(m.status_date)}};
}

bool can_see_member(const Actor& actor, const MemberRow& m) {
  return actor.can_view_members(m.unit_path) || (actor.member_id && *actor.member_id == m.id);
}

MemberRow visible_member(db::Connection& c, const Actor& actor, std::int64_t id) {
  auto m = store::find_member(c, id);
  if (!m || !can_see_member(actor, *m)) throw not_found("Không tìm thấy đảng viên này.");
  return *m;
}

MemberRow editable_member(db::Connection& c, const Actor& actor, std::int64_t id) {
  auto m = visible_member(c, actor, id);
  if (!actor.can_edit_members(m.unit_path))
    throw Error(ErrorCode::forbidden, "Bạn không có quyền sửa hồ sơ đảng viên này.");
  return m;
}

store::UnitRow member_unit(db::Connection& c, const Actor& actor, std::int64_t unit_id) {
  auto u = store::find_unit(c, unit_id);
  if (!u || !actor.can_view_unit(u->path)) throw not_found("Không tìm thấy tổ chức đảng này.");
  if (!actor.can_edit_members(u->path))
    throw Error(ErrorCode::forbidden, "Bạn không có quyền quản lý đảng viên của tổ chức đảng này.");
  if (u->valid_to) throw Error(ErrorCode::conflict, "Tổ chức đảng này đã giải thể hoặc hợp nhất.");
  if (!may_hold_members(u->kind))
    throw Error(ErrorCode::validation_failed, "Đảng viên sinh hoạt tại chi bộ.",
                {{"unit_id", "Hãy chọn một chi bộ hoặc chi bộ cơ sở."}});
  return *u;
}

// Checked before writing so the message can name the duplicated field (after a failed statement
// PostgreSQL refuses further queries in the transaction, so the check cannot wait for the error).
void check_unique(db::Connection& c, const store::MemberFields& f, std::int64_t self_id) {
  if (f.card_number)
    if (auto other = store::find_member_by_card(c, *f.card_number); other && other->id != self_id)
      throw Error(ErrorCode::conflict, "Số thẻ đảng viên đã có trong hệ thống.",
                  {{"card_number", "Số thẻ " + *f.card_number + " đã thuộc về đảng viên khác."}});
  if (f.citizen_id)
    if (auto other = store::member_id_by_citizen_id(c, *f.citizen_id); other && *other != self_id)
      throw Error(ErrorCode::conflict, "Số căn cước công dân đã có trong hệ thống.",
                  {{"citizen_id", "Số căn cước này đã thuộc về đảng viên khác."}});
}

// A concurrent writer won the race between check_unique and the write.
[[noreturn]] void duplicate() { throw Error(ErrorCode::conflict, "Dữ liệu bị trùng với một hồ sơ khác. Vui lòng thử lại."); }

std::string encode_cursor(const MemberRow& m) {
  return crypto::base64url_encode(m.sort_key + '\x1f' + std::to_string(m.id));
}

std::optional<std::pair<std::string, std::int64_t>> decode_cursor(const std::string& cursor) {
  auto raw = crypto::base64url_decode(cursor);
  if (!raw) return std::nullopt;
  auto sep = raw->rfind('\x1f');
  if (sep == std::string::npos) return std::nullopt;
  try {
    std::size_t used = 0;
    auto id = std::stoll(raw->substr(sep + 1), &used);
    if (used != raw->size() - sep - 1) return std::nullopt;
    return std::make_pair(raw->substr(0, sep), id);
  } catch (...) {
    return std::nullopt;
  }
}

MemberInput input_from(const MemberRow& m) {
  MemberInput in;
  in.full_name = m.full_name;
  in.birth_date = m.birth_date;
  in.sex = m.sex;
  in.admitted_on = m.admitted_on;
  in.official_on = m.official_on;
  in.card_number = m.card_number;
  in.citizen_id = m.citizen_id;
  in.phone = m.phone;
  in.email = m.email;
  in.status = m.status;
  in.status_date = m.status_date;
  return in;
}

void overlay(std::optional<std::string>& base, const std::optional<std::string>& patch) {
  if (patch) base = patch;
}

std::string check_date(const std::optional<std::string>& d, const char* field) {
  std::string v = d.value_or(timeutil::today());
  if (!timeutil::is_valid_date(v))
    throw Error(ErrorCode::validation_failed, "Ngày không hợp lệ.", {{field, "Ngày phải có dạng YYYY-MM-DD."}});
  return v;
}

}  // namespace

bool may_hold_members(std::string_view kind) { return kind == "cell" || kind == "base_cell" || kind == "group"; }

MemberRow get(db::Database& db, const Actor& actor, std::int64_t id) {
  return db.read_value([&](db::Connection& c) { return visible_member(c, actor, id); });
}

Page list(db::Database& db, const Actor& actor, const ListRequest& r) {
  store::MemberListQuery q;
  q.unit_id = r.unit_id;
  q.subtree = r.subtree;
  q.limit = std::clamp(r.limit, 1, 200);
  for (const auto& s : r.statuses) {
    if (!is_valid_status(s))
      throw Error(ErrorCode::validation_failed, "Bộ lọc tình trạng không hợp lệ.", {{"status", "Tình trạng không hợp lệ."}});
    q.statuses.push_back(s);
  }
  if (r.position) {
    if (!is_valid_position(*r.position))
      throw Error(ErrorCode::validation_failed, "Bộ lọc chức vụ không hợp lệ.", {{"position", "Chức vụ không hợp lệ."}});
    q.position = r.position;
  }
  if (r.query) {
    auto f = search::fold(search::squeeze_spaces(*r.query));
    std::string cleaned;
    for (char ch : f)
      if (ch != '%' && ch != '_') cleaned.push_back(ch);
    if (!cleaned.empty()) q.name_fold = cleaned;
  }
  if (r.cursor) {
    auto c = decode_cursor(*r.cursor);
    if (!c) throw bad_request("Tham số phân trang (cursor) không hợp lệ.");
    q.after_sort_key = c->first;
    q.after_id = c->second;
  }
  return db.read_value([&](db::Connection& c) {
    auto u = store::find_unit(c, r.unit_id);
    if (!u || !actor.can_view_unit(u->path)) throw not_found("Không tìm thấy tổ chức đảng này.");
    if (!actor.can_view_members(u->path))
      throw Error(ErrorCode::forbidden, "Bạn không có quyền xem danh sách đảng viên của tổ chức đảng này.");
    q.unit_path = u->path;
    ++q.limit;  // one extra row tells whether there is a next page
    Page page;
    page.members = store::list_members(c, q);
    if (static_cast<int>(page.members.size()) == q.limit) {
      page.members.pop_back();
      page.next_cursor = encode_cursor(page.members.back());
    }
    return page;
  });
}

MemberRow create(db::Database& db, const Actor& actor, std::int64_t unit_id, const MemberInput& input) {
  auto fields = validate(input, unit_id, timeutil::today());
  return db.write_value([&](db::Connection& c) {
    member_unit(c, actor, unit_id);
    check_unique(c, fields, 0);
    std::int64_t id;
    try {
      id = store::insert_member(c, fields, timeutil::now_unix(),
                                fields.admitted_on.value_or(timeutil::today()));
    } catch (const db::DbError& e) {
      if (e.kind() != db::DbError::Kind::unique_violation) throw;
      duplicate();
    }
    auto m = *store::find_member(c, id);
    audit::record(c, actor, "member.create", "member", id, unit_id, nullptr, member_json(m));
    return m;
  });
}

MemberRow update(db::Database& db, const Actor& actor, std::int64_t id, const MemberInput& patch) {
  return db.write_value([&](db::Connection& c) {
    auto before = editable_member(c, actor, id);
    auto in = input_from(before);
    overlay(in.full_name, patch.full_name);
    overlay(in.birth_date, patch.birth_date);
    overlay(in.sex, patch.sex);
    overlay(in.admitted_on, patch.admitted_on);
    overlay(in.official_on, patch.official_on);
    overlay(in.card_number, patch.card_number);
    overlay(in.citizen_id, patch.citizen_id);
    overlay(in.phone, patch.phone);
    overlay(in.email, patch.email);
    overlay(in.status, patch.status);
    overlay(in.status_date, patch.status_date);
    auto fields = validate(in, before.unit_id, timeutil::today());
    check_unique(c, fields, id);
    try {
      store::update_member(c, id, fields, timeutil::now_unix());
    } catch (const db::DbError& e) {
      if (e.kind() != db::DbError::Kind::unique_violation) throw;
      duplicate();
    }
    auto after = *store::find_member(c, id);
    bool status_changed = after.status != before.status;
    audit::record(c, actor, status_changed ? "member.status" : "member.update", "member", id, after.unit_id,
                  member_json(before), member_json(after));
    return after;
  });
}

MemberRow update_own_contact(db::Database& db, const Actor& actor, const std::optional<std::string>& phone,
                             const std::optional<std::string>& email) {
  if (!actor.member_id) throw not_found("Tài khoản này chưa gắn với hồ sơ đảng viên.");
  return db.write_value([&](db::Connection& c) {
    auto before = *store::find_member(c, *actor.member_id);
    auto in = input_from(before);
    overlay(in.phone, phone);
    overlay(in.email, email);
    store::MemberFields fields;
    auto errors = check(in, timeutil::today(), &fields);
    // A member may only fix their contact details; other fields stay as the committee set them.
    std::vector<FieldError> contact_errors;
    for (auto& e : errors)
      if (e.field == "phone" || e.field == "email") contact_errors.push_back(e);
    if (!contact_errors.empty())
      throw Error(ErrorCode::validation_failed, "Thông tin liên hệ chưa hợp lệ.", contact_errors);
    store::update_member_contact(c, before.id, fields.phone, fields.email, timeutil::now_unix());
    auto after = *store::find_member(c, before.id);
    audit::record(c, actor, "member.contact", "member", before.id, before.unit_id, member_json(before),
                  member_json(after));
    return after;
  });
}

MemberRow transfer(db::Database& db, const Actor& actor, std::int64_t id, std::int64_t to_unit_id,
                   const std::optional<std::string>& date_in) {
  std::string date = check_date(date_in, "date");
  return db.write_value([&](db::Connection& c) {
    auto before = editable_member(c, actor, id);
    if (before.status != "official" && before.status != "probationary")
      throw Error(ErrorCode::conflict, "Chỉ chuyển sinh hoạt được cho đảng viên đang sinh hoạt.");
    member_unit(c, actor, to_unit_id);
    if (before.unit_id == to_unit_id) return before;
    store::transfer_member(c, id, to_unit_id, date);
    auto after = *store::find_member(c, id);
    audit::record(c, actor, "member.transfer", "member", id, to_unit_id, member_json(before), member_json(after));
    return after;
  });
}

std::vector<PositionRow> unit_positions(db::Database& db, const Actor& actor, std::int64_t unit_id,
                                        bool include_ended) {
  return db.read_value([&](db::Connection& c) {
    auto u = store::find_unit(c, unit_id);
    if (!u || !actor.can_view_unit(u->path)) throw not_found("Không tìm thấy tổ chức đảng này.");
    return store::unit_positions(c, unit_id, include_ended);
  });
}

std::vector<PositionRow> member_positions(db::Database& db, const Actor& actor, std::int64_t member_id) {
  return db.read_value([&](db::Connection& c) {
    visible_member(c, actor, member_id);
    return store::member_positions(c, member_id);
  });
}

PositionRow add_position(db::Database& db, const Actor& actor, std::int64_t unit_id, std::int64_t member_id,
                         const std::string& position, const std::optional<std::string>& term_from_in,
                         const std::optional<std::string>& term_to) {
  if (!is_valid_position(position))
    throw Error(ErrorCode::validation_failed, "Chức vụ không hợp lệ.",
                {{"position", "Chọn Bí thư, Phó Bí thư hoặc Cấp ủy viên."}});
  std::string term_from = check_date(term_from_in, "term_from");
  if (term_to && (!timeutil::is_valid_date(*term_to) || *term_to < term_from))
    throw Error(ErrorCode::validation_failed, "Ngày kết thúc nhiệm kỳ không hợp lệ.",
                {{"term_to", "Ngày kết thúc phải sau ngày bắt đầu nhiệm kỳ."}});
  return db.write_value([&](db::Connection& c) {
    auto u = store::find_unit(c, unit_id);
    if (!u || !actor.can_view_unit(u->path)) throw not_found("Không tìm thấy tổ chức đảng này.");
    if (!actor.can_manage_units(u->path) && !(actor.can_edit_members(u->path) && may_hold_members(u->kind)))
      throw Error(ErrorCode::forbidden, "Bạn không có quyền phân công chức vụ trong tổ chức đảng này.");
    auto m = visible_member(c, actor, member_id);
    if (!path_within(m.unit_path, u->path))
      throw Error(ErrorCode::validation_failed, "Đảng viên phải sinh hoạt trong tổ chức đảng này.",
                  {{"member_id", "Chọn đảng viên thuộc tổ chức đảng này hoặc cấp dưới."}});
    if (position == "secretary" && !term_to)
      for (const auto& p : store::unit_positions(c, unit_id, false))
        if (p.position == "secretary")
          throw Error(ErrorCode::conflict, "Tổ chức đảng đã có Bí thư (" + p.member_name +
                                               "). Hãy kết thúc nhiệm kỳ của người đó trước.");
    auto id = store::insert_position(c, member_id, unit_id, position, term_from, term_to);
    auto p = *store::find_position(c, id);
    audit::record(c, actor, "position.add", "position", id, unit_id, nullptr,
                  {{"member_id", member_id}, {"position", position}, {"term_from", term_from}});
    return p;
  });
}

PositionRow end_position(db::Database& db, const Actor& actor, std::int64_t position_id,
                         const std::optional<std::string>& date_in) {
  std::string date = check_date(date_in, "term_to");
  return db.write_value([&](db::Connection& c) {
    auto p = store::find_position(c, position_id);
    if (!p) throw not_found("Không tìm thấy chức vụ này.");
    auto u = store::find_unit(c, p->unit_id);
    if (!u || !actor.can_view_unit(u->path)) throw not_found("Không tìm thấy chức vụ này.");
    if (!actor.can_manage_units(u->path) && !(actor.can_edit_members(u->path) && may_hold_members(u->kind)))
      throw Error(ErrorCode::forbidden, "Bạn không có quyền thay đổi chức vụ trong tổ chức đảng này.");
    if (p->term_to) throw Error(ErrorCode::conflict, "Nhiệm kỳ này đã kết thúc.");
    if (date < p->term_from)
      throw Error(ErrorCode::validation_failed, "Ngày kết thúc nhiệm kỳ không hợp lệ.",
                  {{"term_to", "Ngày kết thúc phải sau ngày bắt đầu nhiệm kỳ (" + p->term_from + ")."}});
    store::end_position(c, position_id, date);
    auto after = *store::find_position(c, position_id);
    audit::record(c, actor, "position.end", "position", position_id, p->unit_id, {{"term_to", nullptr}},
                  {{"term_to", date}});
    return after;
  });
}

}  // namespace sotay::members
