#include "domain/member_import.h"

#include <unordered_map>
#include <unordered_set>

#include "domain/audit.h"
#include "domain/errors.h"
#include "domain/member_record.h"
#include "domain/members.h"
#include "search/normalizer.h"
#include "store/members_store.h"
#include "store/units_store.h"
#include "util/time.h"

namespace sotay::members {

namespace {

constexpr std::size_t kMaxErrorsReported = 1000;

const char* field_header(const std::string& field) {
  for (const auto& c : template_columns())
    if (field == c.key) return c.header;
  return "";
}

std::string fold_header(const std::string& h) {
  std::string f = search::fold(search::squeeze_spaces(h));
  std::string out;
  for (char ch : f)
    if (ch != '*' && ch != ':' && ch != '(' && ch != ')') out.push_back(ch);
  return search::squeeze_spaces(out);
}

// Header aliases people actually write (folded).
std::string column_key(const std::string& header) {
  static const std::unordered_map<std::string, std::string> kAliases = {
      {"ho va ten", "full_name"},        {"ho ten", "full_name"},          {"full_name", "full_name"},
      {"ngay sinh", "birth_date"},       {"birth_date", "birth_date"},     {"gioi tinh", "sex"},
      {"sex", "sex"},                    {"ngay vao dang", "admitted_on"}, {"ngay ket nap", "admitted_on"},
      {"admitted_on", "admitted_on"},    {"ngay chinh thuc", "official_on"}, {"official_on", "official_on"},
      {"so the dang vien", "card_number"}, {"so the", "card_number"},     {"card_number", "card_number"},
      {"so cccd", "citizen_id"},         {"so can cuoc cong dan", "citizen_id"}, {"cccd", "citizen_id"},
      {"so can cuoc", "citizen_id"},     {"citizen_id", "citizen_id"},     {"dien thoai", "phone"},
      {"so dien thoai", "phone"},        {"phone", "phone"},               {"email", "email"},
      {"tinh trang", "status"},          {"status", "status"},             {"ngay thay doi tinh trang", "status_date"},
      {"status_date", "status_date"},    {"ma chi bo", "unit_code"},       {"ma don vi", "unit_code"},
      {"unit_code", "unit_code"},        {"chi bo", "unit_name"},          {"ten chi bo", "unit_name"},
      {"stt", "row_number"},             {"so thu tu", "row_number"},
  };
  auto it = kAliases.find(fold_header(header));
  return it == kAliases.end() ? "" : it->second;
}

nlohmann::json summary_json(const ImportReport& r) {
  return {{"rows", r.total_rows}, {"inserted", r.to_insert}, {"updated", r.to_update}};
}

}  // namespace

const std::vector<TemplateColumn>& template_columns() {
  static const std::vector<TemplateColumn> kColumns = {
      {"full_name", "Họ và tên", "Họ, chữ đệm và tên, có dấu", true},
      {"birth_date", "Ngày sinh", "ngày/tháng/năm, ví dụ 15/03/1980", false},
      {"sex", "Giới tính", "Nam hoặc Nữ", false},
      {"admitted_on", "Ngày vào Đảng", "ngày/tháng/năm", true},
      {"official_on", "Ngày chính thức", "ngày/tháng/năm; bỏ trống nếu còn dự bị", false},
      {"card_number", "Số thẻ đảng viên", "6–12 chữ số; dùng để cập nhật khi nhập lại", false},
      {"citizen_id", "Số CCCD", "12 chữ số", false},
      {"phone", "Điện thoại", "ví dụ 0912345678", false},
      {"email", "Email", "", false},
      {"status", "Tình trạng", "Chính thức, Dự bị, Ra khỏi Đảng, Đã chuyển sinh hoạt, Từ trần", false},
      {"status_date", "Ngày thay đổi tình trạng", "bắt buộc khi ra khỏi Đảng, chuyển đi hoặc từ trần", false},
      {"unit_code", "Mã chi bộ", "bỏ trống để nhập vào chi bộ đang chọn", false},
  };
  return kColumns;
}

io::Table template_table() {
  io::Table t;
  std::vector<std::string> header;
  for (const auto& c : template_columns()) header.push_back(c.header);
  t.push_back(header);
  // A fictional example row; the importer skips nothing, so users delete or overwrite it.
  t.push_back({"Nguyễn Văn Mẫu", "15/03/1980", "Nam", "20/05/2005", "20/05/2006", "01234567", "034080001234",
               "0912345678", "nguyenvanmau@example.vn", "Chính thức", "", ""});
  return t;
}

ImportReport import_members(db::Database& db, const Actor& actor, std::int64_t unit_id, std::string_view bytes,
                            bool dry_run, const Progress& progress) {
  ImportReport report;
  report.dry_run = dry_run;
  io::Table table;
  try {
    table = io::read_table(bytes);
  } catch (const io::TableError& e) {
    throw Error(ErrorCode::validation_failed, e.what(), {{"file", e.what()}});
  }
  if (table.empty()) throw Error(ErrorCode::validation_failed, "Tệp trống.", {{"file", "Tệp không có dòng nào."}});

  // Map columns by header.
  std::vector<std::string> keys;
  bool has_name = false;
  for (const auto& h : table[0]) {
    auto k = column_key(h);
    if (k.empty() && !search::squeeze_spaces(h).empty()) report.ignored_columns.push_back(h);
    has_name = has_name || k == "full_name";
    keys.push_back(k);
  }
  if (!has_name)
    throw Error(ErrorCode::validation_failed, "Tệp không đúng mẫu: thiếu cột \"Họ và tên\".",
                {{"file", "Hãy tải tệp mẫu và giữ nguyên dòng tiêu đề."}});

  const std::string today = timeutil::today();
  const std::int64_t now = timeutil::now_unix();

  auto run = [&](db::Connection& c) {
    auto target = store::find_unit(c, unit_id);
    if (!target || !actor.can_view_unit(target->path)) throw not_found("Không tìm thấy tổ chức đảng này.");
    if (!actor.can_edit_members(target->path))
      throw Error(ErrorCode::forbidden, "Bạn không có quyền nhập đảng viên vào tổ chức đảng này.");

    std::unordered_map<std::string, std::optional<store::UnitRow>> unit_cache;
    std::unordered_set<std::string> cards_in_file, cids_in_file;
    struct Pending {
      store::MemberFields fields;
      std::optional<std::int64_t> existing_id;
    };
    std::vector<Pending> pending;
    pending.reserve(table.size());
    const std::size_t total = table.size() - 1;
    report.total_rows = 0;

    for (std::size_t i = 1; i < table.size(); ++i) {
      const auto& row = table[i];
      bool blank = true;
      for (const auto& cell : row) blank = blank && search::squeeze_spaces(cell).empty();
      if (blank) continue;
      ++report.total_rows;
      MemberInput in;
      std::string unit_code;
      for (std::size_t col = 0; col < row.size() && col < keys.size(); ++col) {
        const auto& k = keys[col];
        const auto& v = row[col];
        if (k == "full_name") in.full_name = v;
        else if (k == "birth_date") in.birth_date = v;
        else if (k == "sex") in.sex = v;
        else if (k == "admitted_on") in.admitted_on = v;
        else if (k == "official_on") in.official_on = v;
        else if (k == "card_number") in.card_number = v;
        else if (k == "citizen_id") in.citizen_id = v;
        else if (k == "phone") in.phone = v;
        else if (k == "email") in.email = v;
        else if (k == "status") in.status = v;
        else if (k == "status_date") in.status_date = v;
        else if (k == "unit_code") unit_code = search::squeeze_spaces(v);
      }
      auto add_error = [&](std::string column, std::string message) {
        if (report.errors.size() < kMaxErrorsReported) report.errors.push_back({i + 1, std::move(column), std::move(message)});
      };
      bool row_bad = false;

      Pending p;
      for (auto& e : check(in, today, &p.fields)) {
        add_error(field_header(e.field), e.message);
        row_bad = true;
      }
      // The unit of this row.
      std::optional<store::UnitRow> unit = target;
      if (!unit_code.empty()) {
        for (auto& ch : unit_code) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        auto it = unit_cache.find(unit_code);
        if (it == unit_cache.end()) it = unit_cache.emplace(unit_code, store::find_unit_by_code(c, unit_code)).first;
        unit = it->second;
        if (!unit || !actor.can_edit_members(unit->path)) {
          add_error("Mã chi bộ", "Không có chi bộ mã \"" + unit_code + "\" trong phạm vi bạn quản lý.");
          row_bad = true;
          unit.reset();
        }
      }
      if (unit) {
        if (unit->valid_to) {
          add_error("Mã chi bộ", "Chi bộ \"" + unit->name + "\" đã giải thể hoặc hợp nhất.");
          row_bad = true;
        } else if (!may_hold_members(unit->kind)) {
          add_error("Mã chi bộ", "\"" + unit->name + "\" không phải chi bộ; hãy ghi mã chi bộ ở cột \"Mã chi bộ\".");
          row_bad = true;
        } else {
          p.fields.unit_id = unit->id;
        }
      }
      if (p.fields.card_number) {
        if (!cards_in_file.insert(*p.fields.card_number).second) {
          add_error("Số thẻ đảng viên", "Số thẻ " + *p.fields.card_number + " bị lặp trong tệp.");
          row_bad = true;
        } else if (auto existing = store::find_member_by_card(c, *p.fields.card_number)) {
          if (!actor.can_edit_members(existing->unit_path)) {
            add_error("Số thẻ đảng viên", "Số thẻ " + *p.fields.card_number +
                                             " đã thuộc về một đảng viên ngoài phạm vi bạn quản lý.");
            row_bad = true;
          } else {
            p.existing_id = existing->id;
          }
        }
      }
      if (p.fields.citizen_id) {
        if (!cids_in_file.insert(*p.fields.citizen_id).second) {
          add_error("Số CCCD", "Số CCCD bị lặp trong tệp.");
          row_bad = true;
        } else if (auto other = store::member_id_by_citizen_id(c, *p.fields.citizen_id);
                   other && (!p.existing_id || *other != *p.existing_id)) {
          add_error("Số CCCD", "Số CCCD đã thuộc về một đảng viên khác trong hệ thống.");
          row_bad = true;
        }
      }
      if (row_bad) continue;  // counted; listed while the report is under its cap
      ++report.valid_rows;
      if (p.existing_id) ++report.to_update; else ++report.to_insert;
      pending.push_back(std::move(p));
      if (progress && report.total_rows % 500 == 0) progress("check", report.total_rows, total);
    }

    bool any_error = report.valid_rows != report.total_rows;
    if (dry_run || any_error) {
      if (progress) progress("check", total, total);
      return;
    }
    if (progress) progress("check", total, total);
    std::size_t written = 0;
    for (auto& p : pending) {
      if (p.existing_id) {
        auto before = *store::find_member(c, *p.existing_id);
        if (before.unit_id != p.fields.unit_id) store::transfer_member(c, before.id, p.fields.unit_id, today);
        store::update_member(c, before.id, p.fields, now);
      } else {
        store::insert_member(c, p.fields, now, p.fields.admitted_on.value_or(today));
      }
      if (progress && ++written % 1000 == 0) progress("write", written, pending.size());
    }
    audit::record(c, actor, "member.import", "unit", unit_id, unit_id, nullptr, summary_json(report));
    report.applied = true;
    if (progress) progress("write", pending.size(), pending.size());
  };

  if (dry_run)
    db.read(run);
  else
    db.write(run);
  return report;
}

io::Table export_members(db::Database& db, const Actor& actor, std::int64_t unit_id) {
  io::Table t;
  std::vector<std::string> header;
  for (const auto& c : template_columns()) header.push_back(c.header);
  header.push_back("Tên chi bộ");
  t.push_back(header);
  db.read([&](db::Connection& c) {
    auto u = store::find_unit(c, unit_id);
    if (!u || !actor.can_view_unit(u->path)) throw not_found("Không tìm thấy tổ chức đảng này.");
    if (!actor.can_view_members(u->path))
      throw Error(ErrorCode::forbidden, "Bạn không có quyền xuất danh sách đảng viên của tổ chức đảng này.");
    store::MemberListQuery q;
    q.subtree = true;
    q.unit_path = u->path;
    q.statuses = {"official", "probationary", "left", "transferred", "deceased"};
    q.limit = 5000;
    auto vi_date = [](const std::optional<std::string>& iso) -> std::string {
      if (!iso || iso->size() != 10) return "";
      return iso->substr(8, 2) + "/" + iso->substr(5, 2) + "/" + iso->substr(0, 4);
    };
    for (;;) {
      auto page = store::list_members(c, q);
      for (const auto& m : page) {
        t.push_back({m.full_name, vi_date(m.birth_date), m.sex ? (*m.sex == "nam" ? "Nam" : "Nữ") : "",
                     vi_date(m.admitted_on), vi_date(m.official_on), m.card_number.value_or(""),
                     m.citizen_id.value_or(""), m.phone.value_or(""), m.email.value_or(""),
                     status_label_vi(m.status), vi_date(m.status_date), m.unit_code, m.unit_name});
      }
      if (static_cast<int>(page.size()) < q.limit) break;
      q.after_sort_key = page.back().sort_key;
      q.after_id = page.back().id;
    }
  });
  return t;
}

}  // namespace sotay::members
