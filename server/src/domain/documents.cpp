#include "domain/documents.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "domain/audit.h"
#include "domain/document_structure.h"
#include "domain/errors.h"
#include "domain/library_access.h"
#include "domain/library_editing.h"
#include "domain/library_index.h"
#include "io/utf8.h"
#include "search/query.h"
#include "store/units_store.h"
#include "util/time.h"

namespace sotay::documents {

namespace {

constexpr std::size_t kMaxBodyBytes = 8 * 1024 * 1024;

using library::trimmed;
using library::utf8_length;

template <class List>
bool one_of(std::string_view v, const List& list) {
  return std::any_of(std::begin(list), std::end(list), [&](const char* x) { return v == x; });
}

// Field-level checks, all reported at once.
void validate(DocumentInput& in) {
  std::vector<FieldError> errors;
  in.title = trimmed(in.title);
  in.number = trimmed(in.number);
  in.issuer = trimmed(in.issuer);
  in.summary = trimmed(in.summary);
  // Text from files can hold anything; PostgreSQL refuses NUL and broken UTF-8, so both backends
  // refuse them here, with a message instead of a database error.
  for (auto [field, text] : {std::pair{"title", &in.title}, {"number", &in.number}, {"issuer", &in.issuer},
                             {"summary", &in.summary}, {"body", &in.body}})
    if (text->find('\0') != std::string::npos || !io::detail::is_valid_utf8(*text))
      errors.push_back({field, "Văn bản có ký tự không đọc được (không phải mã UTF-8). Vui lòng lưu lại tệp ở dạng UTF-8."});
  if (!one_of(in.kind, kKinds)) errors.push_back({"kind", "Loại văn bản không hợp lệ."});
  if (!one_of(in.level, kLevels)) errors.push_back({"level", "Cấp ban hành phải là Trung ương, tỉnh, cơ sở hoặc chi bộ."});
  if (!one_of(in.legal_status, kLegalStatuses)) errors.push_back({"legal_status", "Tình trạng hiệu lực không hợp lệ."});
  if (in.title.empty()) errors.push_back({"title", "Vui lòng nhập tên văn bản."});
  if (utf8_length(in.title) > 500) errors.push_back({"title", "Tên văn bản dài quá 500 ký tự."});
  if (utf8_length(in.number) > 60) errors.push_back({"number", "Số hiệu dài quá 60 ký tự."});
  if (utf8_length(in.issuer) > 300) errors.push_back({"issuer", "Tên cơ quan ban hành dài quá 300 ký tự."});
  if (utf8_length(in.summary) > 3000) errors.push_back({"summary", "Trích yếu dài quá 3.000 ký tự."});
  if (in.body.size() > kMaxBodyBytes) errors.push_back({"body", "Nội dung văn bản quá dài (tối đa 8 MB)."});
  for (auto* date : {&in.issued_on, &in.effective_on}) {
    if (*date && date->value().empty()) date->reset();
    if (*date && !timeutil::is_valid_date(**date))
      errors.push_back({date == &in.issued_on ? "issued_on" : "effective_on", "Ngày phải có dạng YYYY-MM-DD."});
  }
  if (in.topics.size() > 20) errors.push_back({"topics", "Tối đa 20 chủ đề."});
  for (auto& t : in.topics) {
    t = trimmed(t);
    if (t.empty() || utf8_length(t) > 80) errors.push_back({"topics", "Mỗi chủ đề dài từ 1 đến 80 ký tự."});
  }
  std::sort(in.topics.begin(), in.topics.end());
  in.topics.erase(std::unique(in.topics.begin(), in.topics.end()), in.topics.end());
  for (const auto& r : in.relations)
    if (r.relation != "replaces" && r.relation != "amends" && r.relation != "implements")
      errors.push_back({"relations", "Quan hệ phải là thay thế, sửa đổi hoặc thực hiện."});
  if (in.legal_status != "superseded") in.superseded_by.reset();
  if (!errors.empty()) throw Error(ErrorCode::validation_failed, "Thông tin văn bản chưa hợp lệ.", std::move(errors));
}

// Resolves owner and audience, checks the actor may publish there, and checks linked documents.
store::DocumentRow to_row(db::Connection& c, const Actor& actor, DocumentInput& in, std::int64_t self_id) {
  store::DocumentRow d;
  d.kind = in.kind;
  d.number = in.number;
  d.number_key = search::document_number_key(in.number);
  d.title = in.title;
  d.summary = in.summary;
  d.issuer = in.issuer;
  d.level = in.level;
  d.issued_on = in.issued_on;
  d.effective_on = in.effective_on;
  d.legal_status = in.legal_status;
  d.superseded_by = in.superseded_by;
  d.body = in.body;
  d.source_key = in.source_key;
  d.owner_unit_id = in.owner_unit_id ? *in.owner_unit_id : library::default_owner(c, actor);
  auto owner = library::unit_or_fail(c, d.owner_unit_id, "owner_unit_id");
  d.owner_unit_path = owner.path;
  library::check_owner_and_audience(c, actor, owner, in.audience_unit_ids, "văn bản");
  auto check_target = [&](std::int64_t target, const char* field) {
    if (target == self_id || !store::find_document(c, target, false))
      throw Error(ErrorCode::validation_failed, "Văn bản liên quan không tồn tại.", {{field, "Không tìm thấy văn bản liên quan."}});
  };
  if (d.superseded_by) check_target(*d.superseded_by, "superseded_by");
  for (const auto& r : in.relations) check_target(r.target_id, "relations");
  return d;
}

nlohmann::json snapshot(const store::DocumentRow& d) {
  return {{"kind", d.kind},       {"number", d.number},     {"title", d.title},
          {"summary", d.summary}, {"issuer", d.issuer},     {"level", d.level},
          {"issued_on", d.issued_on ? nlohmann::json(*d.issued_on) : nlohmann::json()},
          {"effective_on", d.effective_on ? nlohmann::json(*d.effective_on) : nlohmann::json()},
          {"legal_status", d.legal_status}, {"state", d.state}, {"version", d.version},
          {"owner_unit_id", d.owner_unit_id}, {"body", d.body}};
}

nlohmann::json brief(const store::DocumentRow& d) {
  return {{"number", d.number}, {"title", d.title}, {"state", d.state}, {"version", d.version}};
}

// Cuts the text into sections and stores them; re-indexes when the document is published.
void store_structure(db::Connection& c, const store::DocumentRow& d) {
  std::vector<store::SectionRow> rows;
  for (auto& s : split_structure(d.body)) {
    store::SectionRow r;
    r.ord = s.ord;
    r.parent_ord = s.parent_ord;
    r.depth = s.depth;
    r.kind = section_kind_name(s.kind);
    r.label = std::move(s.label);
    r.anchor = std::move(s.anchor);
    r.heading = std::move(s.heading);
    r.body = std::move(s.body);
    rows.push_back(std::move(r));
  }
  auto ids = store::replace_document_sections(c, d.id, rows);
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].id = ids[i];
  if (d.state == "published") library::index_document(c, d, rows);
}

store::DocumentRow editable_or_404(db::Connection& c, const Actor& actor, std::int64_t id) {
  auto d = store::find_document(c, id);
  if (!d || !can_edit(actor, d->owner_unit_path)) throw not_found("Không tìm thấy văn bản.");
  return *d;
}

void transition(db::Database& db, const Actor& actor, std::int64_t id, library::Step step,
                std::optional<std::int64_t> publish_at, const std::string& note = "") {
  db.write([&](db::Connection& c) {
    auto d = editable_or_404(c, actor, id);
    const auto now = timeutil::now_unix();
    auto next = library::next_state(step, d.state, publish_at, now,
                                    "Không thể thực hiện thao tác này với văn bản đang ở trạng thái hiện tại.");
    const auto before = brief(d);
    const std::string& state = next.state;
    publish_at = next.publish_at;
    const auto published_at = next.published_at;
    store::set_document_state(c, id, state, publish_at, published_at, now);
    d.state = state;
    if (published_at) d.published_at = published_at;
    if (state == "published") {
      auto sections = store::document_sections(c, id);
      library::index_document(c, d, sections);
    } else {
      library::unindex(c, library::ItemKind::document, id);
    }
    auto after = brief(d);
    if (publish_at) after["publish_at"] = *publish_at;
    if (!note.empty()) after["note"] = note;  // why an editor sent it back
    audit::record(c, actor, std::string("document.") + library::step_name(step), "document", id, d.owner_unit_id,
                  before, after);
  });
}

void save_relations_and_topics(db::Connection& c, std::int64_t id, const DocumentInput& in) {
  store::replace_document_topics(c, id, in.topics);
  std::vector<store::RelationRow> rels;
  for (const auto& r : in.relations) rels.push_back({r.relation, r.target_id, "", ""});
  store::replace_document_relations(c, id, rels);
  store::replace_item_audience(c, "document", id, in.audience_unit_ids);
}

}  // namespace

const char* kind_label_vi(std::string_view kind) {
  static const std::pair<const char*, const char*> labels[] = {
      {"nghi_quyet", "Nghị quyết"}, {"quy_dinh", "Quy định"},     {"chi_thi", "Chỉ thị"},
      {"ket_luan", "Kết luận"},     {"huong_dan", "Hướng dẫn"},   {"ke_hoach", "Kế hoạch"},
      {"quyet_dinh", "Quyết định"}, {"thong_bao", "Thông báo"},   {"cong_van", "Công văn"},
      {"tai_lieu_hoc_tap", "Tài liệu học tập"}, {"khac", "Khác"}};
  for (auto [k, v] : labels)
    if (kind == k) return v;
  return "Khác";
}

const char* level_label_vi(std::string_view level) {
  if (level == "central") return "Trung ương";
  if (level == "province") return "Tỉnh";
  if (level == "base") return "Cơ sở";
  if (level == "cell") return "Chi bộ";
  return "";
}

const char* legal_status_label_vi(std::string_view status) {
  if (status == "in_force") return "Còn hiệu lực";
  if (status == "superseded") return "Đã được thay thế";
  if (status == "expired") return "Hết hiệu lực";
  return "";
}

bool can_edit(const Actor& actor, const std::string& owner_unit_path) { return library::can_edit(actor, owner_unit_path); }

std::int64_t create(db::Database& db, const Actor& actor, DocumentInput in) {
  validate(in);
  return db.write_value([&](db::Connection& c) {
    auto d = to_row(c, actor, in, 0);
    d.state = "draft";
    d.created_by = actor.account_id ? std::optional<std::int64_t>(actor.account_id) : std::nullopt;
    d.created_at = d.updated_at = timeutil::now_unix();
    d.id = store::insert_document(c, d);
    save_relations_and_topics(c, d.id, in);
    store_structure(c, d);
    audit::record(c, actor, "document.create", "document", d.id, d.owner_unit_id, nullptr, brief(d));
    return d.id;
  });
}

void update(db::Database& db, const Actor& actor, std::int64_t id, DocumentInput in, std::int64_t version) {
  validate(in);
  db.write([&](db::Connection& c) {
    auto old = editable_or_404(c, actor, id);
    auto d = to_row(c, actor, in, id);
    d.id = id;
    d.state = old.state;
    d.published_at = old.published_at;
    d.source_key = in.source_key ? in.source_key : old.source_key;
    d.updated_at = timeutil::now_unix();
    if (old.version != version || !store::update_document(c, d, version))
      throw Error(ErrorCode::conflict, "Người khác vừa sửa văn bản này. Vui lòng tải lại để xem bản mới nhất.");
    store::insert_document_version(c, id, old.version, snapshot(old).dump(),
                                   actor.account_id ? std::optional<std::int64_t>(actor.account_id) : std::nullopt,
                                   d.updated_at);
    d.version = old.version + 1;
    save_relations_and_topics(c, id, in);
    store_structure(c, d);
    audit::record(c, actor, "document.update", "document", id, d.owner_unit_id, brief(old), brief(d));
  });
}

void submit(db::Database& db, const Actor& actor, std::int64_t id) {
  transition(db, actor, id, library::Step::submit, std::nullopt);
}
void publish(db::Database& db, const Actor& actor, std::int64_t id, std::optional<std::int64_t> publish_at) {
  transition(db, actor, id, library::Step::publish, publish_at);
}
void withdraw(db::Database& db, const Actor& actor, std::int64_t id) {
  transition(db, actor, id, library::Step::withdraw, std::nullopt);
}
void return_to_draft(db::Database& db, const Actor& actor, std::int64_t id, const std::string& note) {
  transition(db, actor, id, library::Step::to_draft, std::nullopt, note);
}

int publish_due(db::Database& db, std::int64_t now) {
  auto due = db.read_value([&](db::Connection& c) { return store::documents_due(c, now); });
  int count = 0;
  for (auto id : due) {
    db.write([&](db::Connection& c) {
      auto d = store::find_document(c, id);
      if (!d || d->state != "submitted" || !d->publish_at || *d->publish_at > now) return;
      store::set_document_state(c, id, "published", std::nullopt, now, now);
      d->state = "published";
      d->published_at = now;
      library::index_document(c, *d, store::document_sections(c, id));
      Actor system;
      audit::record(c, system, "document.publish_scheduled", "document", id, d->owner_unit_id, nullptr, brief(*d));
      ++count;
    });
  }
  return count;
}

void set_body_from_extraction(db::Connection& c, std::int64_t id, const std::string& text) {
  auto d = store::find_document(c, id);
  if (!d) return;
  d->body = io::detail::sanitize_utf8(text.size() > kMaxBodyBytes ? std::string_view(text).substr(0, kMaxBodyBytes)
                                                                   : std::string_view(text));
  store::set_document_body(c, id, d->body, timeutil::now_unix());
  store_structure(c, *d);
}

DocumentView get(db::Database& db, const Actor& actor, std::int64_t id) {
  return db.read_value([&](db::Connection& c) {
    auto d = store::find_document(c, id);
    if (!d) throw not_found("Không tìm thấy văn bản.");
    DocumentView v;
    v.can_edit = can_edit(actor, d->owner_unit_path);
    if (!v.can_edit && !library::can_read(c, actor, library::ItemKind::document, id))
      throw not_found("Không tìm thấy văn bản.");
    v.sections = store::document_sections(c, id);
    v.topics = store::document_topics(c, id);
    v.relations = store::document_relations(c, id);
    if (d->superseded_by)
      if (auto s = store::find_document(c, *d->superseded_by, false)) v.superseded_by = store::RelationRow{"", s->id, s->number, s->title};
    for (auto unit_id : store::item_audience(c, "document", id))
      if (auto u = store::find_unit(c, unit_id)) v.audience.push_back({u->id, u->name});
    v.doc = std::move(*d);
    return v;
  });
}

std::vector<store::VersionRow> versions(db::Database& db, const Actor& actor, std::int64_t id) {
  return db.read_value([&](db::Connection& c) {
    editable_or_404(c, actor, id);
    return store::document_versions(c, id);
  });
}

std::vector<store::DocumentRow> list_for_editor(db::Database& db, const Actor& actor,
                                                const std::optional<std::string>& state) {
  auto paths = library::editing_paths(actor);
  if (paths.empty()) throw Error(ErrorCode::forbidden, "Bạn không có quyền biên tập văn bản.");
  return db.read_value([&](db::Connection& c) { return store::list_documents_for_editor(c, paths, state, 200); });
}

}  // namespace sotay::documents
