#include "domain/notices.h"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "domain/audit.h"
#include "domain/errors.h"
#include "domain/library_access.h"
#include "domain/library_editing.h"
#include "domain/notice_files.h"
#include "io/utf8.h"
#include "search/query.h"
#include "search/text_index.h"
#include "store/accounts_store.h"
#include "store/members_store.h"
#include "store/reading_store.h"
#include "store/units_store.h"

namespace sotay::notices {

namespace {

constexpr std::initializer_list<Role> kSenderRoles = {Role::committee, Role::cell_committee, Role::admin};

Error invalid(const std::string& field, const std::string& message, const std::string& hint) {
  return Error(ErrorCode::validation_failed, message, {{field, hint}});
}

std::string clean_text(const std::string& field, std::string text, std::size_t max_chars, const char* what) {
  if (text.find('\0') != std::string::npos || !io::detail::is_valid_utf8(text))
    throw invalid(field, std::string(what) + " chứa ký tự không hợp lệ.", "Hãy gõ lại nội dung.");
  text = library::trimmed(std::move(text));
  if (text.empty()) throw invalid(field, std::string("Hãy nhập ") + what + ".", "Bắt buộc.");
  if (library::utf8_length(text) > max_chars)
    throw invalid(field, std::string(what) + " dài quá " + std::to_string(max_chars) + " ký tự.",
                  "Tối đa " + std::to_string(max_chars) + " ký tự.");
  return text;
}

std::int64_t require_member(const Actor& actor) {
  if (!actor.member_id) throw Error(ErrorCode::forbidden, "Chỉ đảng viên mới có hộp thông báo.");
  return *actor.member_id;
}

// The actor's sender grants, deepest first.
std::vector<const Grant*> sender_grants(const Actor& actor) {
  std::vector<const Grant*> out;
  for (const auto& g : actor.grants)
    if (g.role == Role::committee || g.role == Role::cell_committee || g.role == Role::admin) out.push_back(&g);
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->unit_path.size() > b->unit_path.size(); });
  return out;
}

std::vector<DocumentLink> document_links(db::Connection& c, const std::string& documents_json);

// The documents and files of each notice (one query for the files of all of them).
std::vector<Attached> attached_to(db::Connection& c, const std::vector<const store::NoticeRow*>& notices) {
  std::vector<std::int64_t> ids;
  for (const auto* n : notices) ids.push_back(n->id);
  auto files = store::files_of_notices(c, ids);
  std::vector<Attached> out;
  for (const auto* n : notices) {
    Attached a;
    a.documents = document_links(c, n->documents_json);
    if (auto it = files.find(n->id); it != files.end()) a.files = std::move(it->second);
    out.push_back(std::move(a));
  }
  return out;
}

Attached attached_to(db::Connection& c, const store::NoticeRow& n) { return std::move(attached_to(c, {&n}).front()); }

std::vector<DocumentLink> document_links(db::Connection& c, const std::string& documents_json) {
  std::vector<DocumentLink> out;
  auto ids = nlohmann::json::parse(documents_json, nullptr, false);
  if (!ids.is_array()) return out;
  for (const auto& id : ids) {
    if (!id.is_number_integer()) continue;
    if (auto card = store::find_document_card(c, id.get<std::int64_t>()); card && card->state == "published")
      out.push_back({card->id, card->number, card->title});
  }
  return out;
}

AudienceView audience_view(db::Connection& c, const std::string& audience_json) {
  AudienceView v;
  auto j = nlohmann::json::parse(audience_json, nullptr, false);
  if (!j.is_object()) return v;
  for (const auto& id : j.value("units", nlohmann::json::array()))
    if (auto u = store::find_unit(c, id.get<std::int64_t>())) v.units.emplace_back(u->id, u->name);
  for (const auto& r : j.value("roles", nlohmann::json::array())) v.roles.push_back(r.get<std::string>());
  std::vector<std::int64_t> ids;
  for (const auto& id : j.value("members", nlohmann::json::array())) ids.push_back(id.get<std::int64_t>());
  for (const auto& m : store::members_with_paths(c, ids)) v.members.emplace_back(m.id, m.full_name);
  return v;
}

store::AudienceFilter filter_of(db::Connection& c, const std::string& audience_json) {
  store::AudienceFilter f;
  auto j = nlohmann::json::parse(audience_json);
  for (const auto& id : j.value("units", nlohmann::json::array()))
    if (auto u = store::find_unit(c, id.get<std::int64_t>())) f.unit_paths.push_back(u->path);
  for (const auto& r : j.value("roles", nlohmann::json::array())) f.positions.push_back(r.get<std::string>());
  for (const auto& id : j.value("members", nlohmann::json::array())) f.member_ids.push_back(id.get<std::int64_t>());
  return f;
}

struct Resolved {
  store::UnitRow sender_unit;
  nlohmann::json audience_json;  // as stored: units (roles alone → the sender's unit), roles, members
  store::AudienceFilter filter;
};

// Checks every unit and member against the actor's sender grants; picks the deepest grant that
// covers them all as the sending unit.
Resolved resolve(db::Connection& c, const Actor& actor, const Audience& a) {
  auto grants = sender_grants(actor);
  if (grants.empty()) throw Error(ErrorCode::forbidden, "Bạn không có quyền gửi thông báo.");
  if (a.units.empty() && a.roles.empty() && a.members.empty())
    throw invalid("audience", "Hãy chọn người nhận: tổ chức đảng, chức vụ hoặc đảng viên.", "Chưa chọn người nhận.");
  if (a.units.size() > kMaxAudienceUnits)
    throw invalid("audience.units", "Chọn quá nhiều tổ chức đảng.", "Tối đa " + std::to_string(kMaxAudienceUnits) + ".");
  if (a.members.size() > kMaxAudienceMembers)
    throw invalid("audience.members", "Chọn quá nhiều đảng viên.", "Tối đa " + std::to_string(kMaxAudienceMembers) + ".");
  for (const auto& r : a.roles)
    if (!is_role(r))
      throw invalid("audience.roles", "Chức vụ \"" + r + "\" không hợp lệ.", "Bí thư, phó bí thư hoặc cấp ủy viên.");

  std::vector<std::string> paths;  // every path the sender must cover
  std::vector<store::UnitRow> units;
  std::set<std::int64_t> seen_units;
  for (auto id : a.units) {
    if (!seen_units.insert(id).second) continue;
    auto u = store::find_unit(c, id);
    if (!u)
      throw invalid("audience.units", "Không tìm thấy tổ chức đảng số " + std::to_string(id) + ".",
                    "Hãy chọn lại trong cây tổ chức.");
    if (!actor.covers(u->path, kSenderRoles)) {
      // The name only when the sender may see the unit at all.
      auto which = actor.can_view_unit(u->path) ? "\"" + u->name + "\"" : "Tổ chức đảng số " + std::to_string(id);
      throw invalid("audience.units", which + " nằm ngoài phạm vi bạn được gửi thông báo.",
                    "Chỉ gửi tới tổ chức đảng trực thuộc cấp ủy của bạn.");
    }
    if (u->valid_to) throw invalid("audience.units", "\"" + u->name + "\" đã giải thể hoặc hợp nhất.", "Hãy bỏ chọn.");
    paths.push_back(u->path);
    units.push_back(std::move(*u));
  }
  std::vector<std::int64_t> member_ids(a.members.begin(), a.members.end());
  std::sort(member_ids.begin(), member_ids.end());
  member_ids.erase(std::unique(member_ids.begin(), member_ids.end()), member_ids.end());
  auto found = store::members_with_paths(c, member_ids);
  std::map<std::int64_t, const store::MemberScopeRow*> by_id;
  for (const auto& m : found) by_id[m.id] = &m;
  for (auto id : member_ids) {
    auto it = by_id.find(id);
    if (it == by_id.end() || !actor.can_view_members(it->second->unit_path))
      throw invalid("audience.members", "Không tìm thấy đảng viên số " + std::to_string(id) + ".",
                    "Hãy chọn lại đảng viên.");
    if (!actor.covers(it->second->unit_path, kSenderRoles))
      throw invalid("audience.members", "Đảng viên " + it->second->full_name + " nằm ngoài phạm vi bạn được gửi thông báo.",
                    "Chỉ gửi tới đảng viên thuộc cấp ủy của bạn.");
    paths.push_back(it->second->unit_path);
  }

  const Grant* chosen = nullptr;
  for (const auto* g : grants) {
    bool all = std::all_of(paths.begin(), paths.end(), [&](const auto& p) { return path_within(p, g->unit_path); });
    if (all) {
      chosen = g;
      break;
    }
  }
  if (!chosen)
    throw invalid("audience", "Người nhận thuộc nhiều phạm vi khác nhau của bạn.",
                  "Hãy gửi riêng một thông báo cho từng phạm vi.");
  Resolved r;
  if (chosen->unit_id) {
    auto u = store::find_unit(c, *chosen->unit_id);
    if (!u) throw not_found("Không tìm thấy tổ chức đảng của bạn.");
    r.sender_unit = std::move(*u);
  } else {
    auto roots = store::list_roots(c);
    if (roots.empty()) throw not_found("Chưa có tổ chức đảng nào.");
    r.sender_unit = roots.front();
  }
  // Positions without units: across the sender's whole scope.
  std::vector<std::int64_t> unit_ids;
  for (const auto& u : units) unit_ids.push_back(u.id);
  if (unit_ids.empty() && !a.roles.empty()) {
    unit_ids.push_back(r.sender_unit.id);
    r.filter.unit_paths.push_back(r.sender_unit.path);
  }
  for (const auto& u : units) r.filter.unit_paths.push_back(u.path);
  r.filter.positions = a.roles;
  r.filter.member_ids = member_ids;
  r.audience_json = {{"units", unit_ids}, {"roles", a.roles}, {"members", member_ids}};
  return r;
}

std::vector<std::int64_t> checked_documents(db::Connection& c, const Actor& actor, const std::vector<std::int64_t>& ids) {
  if (ids.size() > kMaxDocuments)
    throw invalid("documents", "Đính kèm quá nhiều văn bản.", "Tối đa " + std::to_string(kMaxDocuments) + " văn bản.");
  std::vector<std::int64_t> out;
  for (auto id : ids) {
    if (std::find(out.begin(), out.end(), id) != out.end()) continue;
    auto card = store::find_document_card(c, id);
    if (!card || card->state != "published" || !library::can_read(c, actor, library::ItemKind::document, id))
      throw invalid("documents", "Không tìm thấy văn bản số " + std::to_string(id) + " đã phát hành.",
                    "Chỉ đính kèm văn bản đã phát hành.");
    out.push_back(id);
  }
  return out;
}

nlohmann::json notice_audit_json(const store::NoticeRow& n) {
  return {{"title", n.title},
          {"priority", n.priority},
          {"require_ack", n.require_ack},
          {"ack_deadline", n.ack_deadline ? nlohmann::json(*n.ack_deadline) : nlohmann::json()},
          {"audience", nlohmann::json::parse(n.audience_json, nullptr, false)},
          {"send_at", n.send_at},
          {"state", n.state},
          {"version", n.version}};
}

std::optional<std::int64_t> first_reminder(const store::NoticeRow& n, std::int64_t sent_at) {
  if (n.priority != "urgent" || !n.require_ack) return std::nullopt;
  auto at = sent_at + kReminderAfter[0];
  if (n.ack_deadline && at > *n.ack_deadline) return std::nullopt;
  return at;
}

// The notice the actor may follow up: the sender, or a sender role covering the sender's unit.
store::NoticeRow followed_notice(db::Connection& c, const Actor& actor, std::int64_t id) {
  auto n = store::find_notice(c, id);
  if (!n || !may_follow(actor, *n)) throw not_found("Không tìm thấy thông báo này.");
  return *n;
}

NoticeDetail detail_of(db::Connection& c, store::NoticeRow n) {
  NoticeDetail d;
  d.counts = store::notice_counts(c, n.id);
  d.audience = audience_view(c, n.audience_json);
  d.attached = attached_to(c, n);
  d.history = store::notice_versions(c, n.id);
  d.last_reminded_at = store::last_notice_event_at(c, n.id, "reminded");
  if (auto a = store::find_account(c, n.sender_account_id); a && a->member_id)
    if (auto m = store::find_member(c, *a->member_id)) d.sender_name = m->full_name;
  d.notice = std::move(n);
  return d;
}

void deliver(const EventSink& sink, const std::vector<std::int64_t>& events) {
  if (!sink) return;
  for (auto id : events) sink(id);
}

// When the notice's last reminder (by hand or automatic) went out, if that was less than
// kRemindEverySeconds before `now`: the one rule both kinds of reminder keep to.
std::optional<std::int64_t> reminded_within_the_hour(db::Connection& c, std::int64_t notice_id, std::int64_t now) {
  auto last = store::last_notice_event_at(c, notice_id, "reminded");
  if (last && now - *last < kRemindEverySeconds) return last;
  return std::nullopt;
}

// One reminder round of an urgent notice; returns the event id (or nothing when all acknowledged).
std::optional<std::int64_t> remind_round(db::Connection& c, const store::NoticeRow& n, std::int64_t now) {
  const auto round = n.reminders_sent + 1;
  std::optional<std::int64_t> next;
  constexpr auto kRounds = static_cast<std::int64_t>(std::size(kReminderAfter));
  if (round < kRounds && n.sent_at) {
    next = *n.sent_at + kReminderAfter[round];
    if (n.ack_deadline && *next > *n.ack_deadline) next.reset();
  }
  store::set_notice_reminder(c, n.id, round, next);
  if (store::remind_unacked(c, n.id, now) == 0) return std::nullopt;
  store::queue_notice_pushes(c, n.id, sender_level(n.sender_unit_kind), true, now, now + kPushDelaySeconds, now);
  return store::insert_notice_event(c, n.id, "reminded", now);
}

// "Đổi giờ." + "Gửi kèm thêm tệp: " + [a, b] → "Đổi giờ. Gửi kèm thêm tệp: a, b."
void add_files_sentence(std::string& note, std::string_view lead, const std::vector<store::NoticeFileRow>& files) {
  if (files.empty()) return;
  std::string names;
  for (const auto& f : files) names += (names.empty() ? "" : ", ") + f.file_name;
  if (!note.empty() && std::string_view(".!?").find(note.back()) == std::string_view::npos) note += '.';
  note += (note.empty() ? "" : " ") + std::string(lead) + names + ".";
}

nlohmann::json files_json(const std::vector<store::NoticeFileRow>& files) {
  auto out = nlohmann::json::array();
  for (const auto& f : files) out.push_back({{"id", f.id}, {"file_name", f.file_name}});
  return out;
}

}  // namespace

bool may_send(const Actor& actor) { return !sender_grants(actor).empty(); }

bool may_follow(const Actor& actor, const store::NoticeRow& n) {
  const bool sender = actor.account_id != 0 && n.sender_account_id == actor.account_id;
  return sender || actor.covers(n.sender_unit_path, kSenderRoles);
}

bool is_role(const std::string& role) {
  return role == "secretary" || role == "deputy_secretary" || role == "committee_member";
}

std::string sender_level(const std::string& kind) {
  if (kind == "central") return "central";
  if (kind == "province" || kind == "subordinate_committee") return "province";
  if (kind == "base_committee" || kind == "base_cell") return "base";
  return "cell";
}

NoticeDetail create(db::Database& db, const Actor& actor, const NoticeInput& in, std::int64_t now,
                    const EventSink& sink) {
  store::NoticeRow n;
  n.title = clean_text("title", in.title, kMaxTitleChars, "Tiêu đề");
  n.body = clean_text("body", in.body, kMaxBodyChars, "Nội dung");
  if (in.priority != "normal" && in.priority != "urgent")
    throw invalid("priority", "Mức độ phải là \"thường\" hoặc \"khẩn\".", "normal hoặc urgent.");
  n.priority = in.priority;
  n.require_ack = in.require_ack;
  n.send_at = in.send_at.value_or(now);
  if (n.send_at < now) n.send_at = now;  // a time in the past means now
  if (n.send_at > now + kMaxScheduleAhead)
    throw invalid("send_at", "Chỉ hẹn giờ gửi trong vòng một năm.", "Hãy chọn thời điểm gần hơn.");
  if (in.ack_deadline) {
    if (!in.require_ack)
      throw invalid("ack_deadline", "Hạn xác nhận chỉ dùng khi yêu cầu xác nhận đã nhận.", "Hãy bật yêu cầu xác nhận.");
    if (*in.ack_deadline <= n.send_at)
      throw invalid("ack_deadline", "Hạn xác nhận phải sau thời điểm gửi.", "Hãy chọn thời điểm muộn hơn.");
    n.ack_deadline = in.ack_deadline;
  }
  n.state = n.send_at > now ? "scheduled" : "sending";
  n.created_at = now;
  n.sender_account_id = actor.account_id;

  auto id = db.write_value([&](db::Connection& c) {
    auto r = resolve(c, actor, in.audience);
    if (store::count_audience(c, r.filter) == 0)
      throw invalid("audience", "Không có đảng viên nào trong phạm vi đã chọn.", "Hãy chọn người nhận khác.");
    n.sender_unit_id = r.sender_unit.id;
    n.audience_json = r.audience_json.dump();
    n.documents_json = nlohmann::json(checked_documents(c, actor, in.documents)).dump();
    auto id = store::insert_notice(c, n);
    store::insert_notice_version(c, id, {1, "sent", n.title, n.body, "", n.send_at}, actor.account_id);
    n.id = id;
    notice_files::attach(c, actor, id, in.files);
    auto after = notice_audit_json(n);
    if (!in.files.empty()) after["files"] = in.files;
    audit::record(c, actor, n.state == "scheduled" ? "notice.schedule" : "notice.send", "notice", id, r.sender_unit.id,
                  nullptr, after);
    return id;
  });
  if (n.state == "sending") fan_out(db, id, now, sink);
  return db.read_value([&](db::Connection& c) { return detail_of(c, *store::find_notice(c, id)); });
}

std::int64_t preview(db::Database& db, const Actor& actor, const Audience& audience) {
  return db.read_value([&](db::Connection& c) { return store::count_audience(c, resolve(c, actor, audience).filter); });
}

void fan_out(db::Database& db, std::int64_t notice_id, std::int64_t now, const EventSink& sink) {
  auto plan = db.read_value([&](db::Connection& c) {
    auto n = store::find_notice(c, notice_id);
    std::optional<std::pair<store::AudienceFilter, std::int64_t>> out;
    if (n && n->state == "sending") out.emplace(filter_of(c, n->audience_json), store::max_member_id(c));
    return out;
  });
  if (!plan) return;
  // Named, not a structured binding: clang 14 (the fuzz build) refuses to capture those.
  const store::AudienceFilter& filter = plan->first;
  const std::int64_t max_id = plan->second;
  for (std::int64_t after = 0; after < max_id; after += kFanOutWindow)
    db.write([&](db::Connection& c) { store::fan_out_window(c, notice_id, filter, after, after + kFanOutWindow); });
  std::optional<std::int64_t> event;
  db.write([&](db::Connection& c) {
    auto n = store::find_notice(c, notice_id);
    if (!n || n->state != "sending") return;  // another server finished it
    const auto recipients = store::count_recipients(c, notice_id);
    store::mark_notice_sent(c, notice_id, now, recipients, first_reminder(*n, now));
    store::queue_notice_pushes(c, notice_id, sender_level(n->sender_unit_kind), n->priority == "urgent", std::nullopt,
                               now + kPushDelaySeconds, now);
    event = store::insert_notice_event(c, notice_id, "sent", now);
  });
  if (event) deliver(sink, {*event});
}

int run_due(db::Database& db, std::int64_t now, const EventSink& sink) {
  int acted = 0;
  // Fan-outs a dead process left half-way, then scheduled notices whose time has come.
  for (auto id : db.read_value([](db::Connection& c) { return store::notices_sending(c); })) {
    fan_out(db, id, now, sink);
    ++acted;
  }
  for (auto id : db.read_value([&](db::Connection& c) { return store::scheduled_notices_due(c, now); })) {
    if (!db.write_value([&](db::Connection& c) { return store::claim_scheduled_notice(c, id); })) continue;
    fan_out(db, id, now, sink);
    ++acted;
  }
  for (auto id : db.read_value([&](db::Connection& c) { return store::notice_reminders_due(c, now); })) {
    auto event = db.write_value([&](db::Connection& c) -> std::optional<std::int64_t> {
      auto n = store::find_notice(c, id);
      // Re-checked inside the transaction so two servers never remind twice.
      if (!n || !n->next_reminder_at || *n->next_reminder_at > now || n->recalled_at) return std::nullopt;
      // The committee reminded by hand within the hour: this round waits until the hour is up
      // (or is dropped if that would be after the deadline, as every later round would be too).
      if (auto last = reminded_within_the_hour(c, n->id, now)) {
        std::optional<std::int64_t> later = *last + kRemindEverySeconds;
        if (n->ack_deadline && *later > *n->ack_deadline) later.reset();
        store::set_notice_reminder(c, n->id, n->reminders_sent, later);
        return std::nullopt;
      }
      return remind_round(c, *n, now);
    });
    if (event) deliver(sink, {*event});
    ++acted;
  }
  return acted;
}

// ---- the member's side -------------------------------------------------------------------------

store::InboxShow inbox_show(const std::string& show) {
  if (show.empty() || show == "all") return store::InboxShow::all;
  if (show == "unread") return store::InboxShow::unread;
  if (show == "to_ack") return store::InboxShow::to_ack;
  throw bad_request("Tham số \"show\" phải là all, unread hoặc to_ack.");
}

namespace {
// The member's notices older than `before` whose sender, title or text has every word of the
// query, up to `wanted`. A member's inbox is small (a few hundred notices a year), so it is read
// in batches and matched here rather than kept in a full-text index.
std::vector<store::InboxRow> inbox_matching(db::Connection& c, std::int64_t member_id, store::InboxShow show,
                                            std::optional<std::int64_t> before, const search::ParsedQuery& query,
                                            std::size_t wanted) {
  constexpr int kBatch = 200;
  std::vector<store::InboxRow> found;
  for (;;) {
    auto batch = store::inbox(c, member_id, show, before, kBatch);
    if (batch.empty()) break;
    before = batch.back().notice.id;
    for (auto& it : batch) {
      const auto& n = it.notice;
      if (!search::words_begin_words(query, search::index_text(n.sender_unit_name + "\n" + n.title + "\n" + n.body)))
        continue;
      found.push_back(std::move(it));
      if (found.size() == wanted) return found;
    }
    if (batch.size() < static_cast<std::size_t>(kBatch)) break;
  }
  return found;
}
}  // namespace

InboxPage inbox(db::Database& db, const Actor& actor, store::InboxShow show, std::optional<std::int64_t> before,
                int limit, std::int64_t now, std::string_view words) {
  const auto member_id = require_member(actor);
  limit = std::clamp(limit, 1, kMaxInboxLimit);
  const auto query = search::parse_query(words);
  InboxPage page = db.read_value([&](db::Connection& c) {
    InboxPage p;
    p.unread = store::unread_count(c, member_id);
    p.to_ack = store::to_ack_count(c, member_id);
    p.items = query.empty() ? store::inbox(c, member_id, show, before, limit + 1)
                            : inbox_matching(c, member_id, show, before, query, static_cast<std::size_t>(limit) + 1);
    if (static_cast<int>(p.items.size()) > limit) {
      p.items.resize(static_cast<std::size_t>(limit));
      p.next_before = p.items.back().notice.id;
    }
    std::vector<const store::NoticeRow*> shown;
    for (const auto& it : p.items) shown.push_back(&it.notice);
    p.attached = attached_to(c, shown);
    return p;
  });
  std::vector<std::int64_t> undelivered;
  for (const auto& it : page.items)
    if (!it.delivered_at) undelivered.push_back(it.notice.id);
  if (!undelivered.empty())
    db.write([&](db::Connection& c) { store::mark_listed_delivered(c, member_id, undelivered, now); });
  return page;
}

InboxDetail open(db::Database& db, const Actor& actor, std::int64_t notice_id, std::int64_t now) {
  const auto member_id = require_member(actor);
  return db.write_value([&](db::Connection& c) {
    if (!store::inbox_item(c, member_id, notice_id)) throw not_found("Không tìm thấy thông báo này.");
    store::mark_notice_read(c, notice_id, member_id, now);
    InboxDetail d;
    d.item = *store::inbox_item(c, member_id, notice_id);
    d.attached = attached_to(c, d.item.notice);
    d.history = store::notice_versions(c, notice_id);
    return d;
  });
}

std::int64_t acknowledge(db::Database& db, const Actor& actor, std::int64_t notice_id, std::int64_t now) {
  const auto member_id = require_member(actor);
  return db.write_value([&](db::Connection& c) {
    auto item = store::inbox_item(c, member_id, notice_id);
    if (!item) throw not_found("Không tìm thấy thông báo này.");
    if (item->acked_at) return *item->acked_at;
    if (!item->notice.require_ack) throw Error(ErrorCode::conflict, "Thông báo này không cần xác nhận.");
    if (item->notice.recalled_at) throw Error(ErrorCode::conflict, "Thông báo này đã được thu hồi.");
    store::mark_notice_acked(c, notice_id, member_id, now);
    return now;
  });
}

// ---- the committee's side ----------------------------------------------------------------------

NoticeDetail detail(db::Database& db, const Actor& actor, std::int64_t notice_id) {
  return db.read_value([&](db::Connection& c) { return detail_of(c, followed_notice(c, actor, notice_id)); });
}

NoticeDetail correct(db::Database& db, const Actor& actor, std::int64_t notice_id, const CorrectionInput& in,
                     std::int64_t now, const EventSink& sink, const std::filesystem::path& files_dir) {
  auto new_body = clean_text("body", in.body, kMaxBodyChars, "Nội dung");
  std::optional<std::string> new_title;
  if (in.title) new_title = clean_text("title", *in.title, kMaxTitleChars, "Tiêu đề");
  std::optional<std::int64_t> event;
  std::vector<store::NoticeFileRow> removed;
  db.write([&](db::Connection& c) {
    auto n = followed_notice(c, actor, notice_id);
    if (n.recalled_at) throw Error(ErrorCode::conflict, "Thông báo đã thu hồi thì không đính chính được.");
    if (n.state == "cancelled") throw Error(ErrorCode::conflict, "Thông báo này đã hủy.");
    auto before = notice_audit_json(n);
    const auto version = n.version + 1;
    n.title = new_title.value_or(n.title);
    n.body = new_body;
    n.version = version;
    // The history says which files came with the correction and which were taken back, so a
    // member who saw the first version knows to look again. Removed first: the limit on files
    // counts what the notice keeps.
    auto note = in.note;
    removed = notice_files::detach(c, n.id, in.remove_files);
    auto added = notice_files::attach(c, actor, n.id, in.files);
    add_files_sentence(note, "Gửi kèm thêm tệp: ", added);
    add_files_sentence(note, "Đã gỡ tệp: ", removed);
    store::update_notice_text(c, n.id, n.title, n.body, version);
    store::insert_notice_version(c, n.id, {version, "corrected", n.title, n.body, note, now}, actor.account_id);
    if (n.state == "sent") {
      store::reset_notice_read(c, n.id);
      event = store::insert_notice_event(c, n.id, "corrected", now);
    }
    auto after = notice_audit_json(n);
    if (!added.empty()) after["files_added"] = files_json(added);
    if (!removed.empty()) after["files_removed"] = files_json(removed);
    audit::record(c, actor, "notice.correct", "notice", n.id, n.sender_unit_id, before, after);
  });
  notice_files::remove_bytes_if_unused(db, files_dir, removed);
  if (event) deliver(sink, {*event});
  return detail(db, actor, notice_id);
}

NoticeDetail recall(db::Database& db, const Actor& actor, std::int64_t notice_id, const std::string& reason,
                    std::int64_t now, const EventSink& sink) {
  auto why = clean_text("reason", reason, 1000, "Lý do thu hồi");
  std::optional<std::int64_t> event;
  db.write([&](db::Connection& c) {
    auto n = followed_notice(c, actor, notice_id);
    if (n.recalled_at) return;  // already recalled: idempotent
    if (n.state != "sent") throw Error(ErrorCode::conflict, "Chỉ thu hồi được thông báo đã gửi; thông báo hẹn giờ thì hủy.");
    auto before = notice_audit_json(n);
    store::set_notice_recalled(c, n.id, now, why);
    store::insert_notice_version(c, n.id, {n.version, "recalled", n.title, n.body, why, now}, actor.account_id);
    event = store::insert_notice_event(c, n.id, "recalled", now);
    auto after = before;
    after["recalled_at"] = now;
    after["recall_reason"] = why;
    audit::record(c, actor, "notice.recall", "notice", n.id, n.sender_unit_id, before, after);
  });
  if (event) deliver(sink, {*event});
  return detail(db, actor, notice_id);
}

std::int64_t remind(db::Database& db, const Actor& actor, std::int64_t notice_id, std::int64_t now, const EventSink& sink) {
  std::optional<std::int64_t> event;
  std::int64_t reminded = 0;
  db.write([&](db::Connection& c) {
    auto n = followed_notice(c, actor, notice_id);
    if (n.recalled_at) throw Error(ErrorCode::conflict, "Thông báo đã thu hồi thì không nhắc được.");
    if (n.state != "sent") throw Error(ErrorCode::conflict, "Thông báo chưa được gửi đi nên chưa nhắc được.");
    if (!n.require_ack) throw Error(ErrorCode::conflict, "Thông báo này không yêu cầu xác nhận.");
    if (auto last = reminded_within_the_hour(c, n.id, now)) {
      const auto minutes = (kRemindEverySeconds - (now - *last) + 59) / 60;
      throw Error(ErrorCode::conflict, "Vừa nhắc cách đây " + std::to_string(std::max<std::int64_t>(1, (now - *last) / 60)) +
                                           " phút. Mỗi giờ chỉ nhắc một lần để không làm phiền đảng viên; có thể nhắc lại sau " +
                                           std::to_string(minutes) + " phút nữa.");
    }
    reminded = store::remind_unacked(c, n.id, now);
    if (reminded == 0) throw Error(ErrorCode::conflict, "Mọi người nhận đã xác nhận, không còn ai để nhắc.");
    store::queue_notice_pushes(c, n.id, sender_level(n.sender_unit_kind), n.priority == "urgent", now,
                               now + kPushDelaySeconds, now);
    event = store::insert_notice_event(c, n.id, "reminded", now);
    audit::record(c, actor, "notice.remind", "notice", n.id, n.sender_unit_id, nullptr, {{"reminded", reminded}});
  });
  if (event) deliver(sink, {*event});
  return reminded;
}

NoticeDetail cancel(db::Database& db, const Actor& actor, std::int64_t notice_id, std::int64_t now) {
  db.write([&](db::Connection& c) {
    auto n = followed_notice(c, actor, notice_id);
    if (!store::cancel_scheduled_notice(c, n.id))
      throw Error(ErrorCode::conflict, "Chỉ hủy được thông báo đang chờ đến giờ gửi.");
    auto after = notice_audit_json(n);
    after["state"] = "cancelled";
    after["cancelled_at"] = now;
    audit::record(c, actor, "notice.cancel", "notice", n.id, n.sender_unit_id, notice_audit_json(n), after);
  });
  return detail(db, actor, notice_id);
}

NoticePage list(db::Database& db, const Actor& actor, std::optional<std::int64_t> unit,
                std::optional<std::int64_t> before, int limit) {
  limit = std::clamp(limit, 1, 50);
  return db.read_value([&](db::Connection& c) {
    std::vector<std::string> scope;
    if (unit) {
      auto u = store::find_unit(c, *unit);
      if (!u || !actor.covers(u->path, kSenderRoles)) throw not_found("Không tìm thấy tổ chức đảng này.");
      scope.push_back(u->path);
    } else {
      for (const auto* g : sender_grants(actor)) scope.push_back(g->unit_path);
      if (scope.empty()) throw Error(ErrorCode::forbidden, "Bạn không có quyền xem thông báo đã gửi.");
    }
    NoticePage p;
    p.items = store::notices_in_scope(c, scope, before, limit + 1);
    if (static_cast<int>(p.items.size()) > limit) {
      p.items.resize(static_cast<std::size_t>(limit));
      p.next_before = p.items.back().notice.id;
    }
    return p;
  });
}

Stats stats(db::Database& db, const Actor& actor, std::int64_t notice_id, std::optional<std::int64_t> unit_id) {
  return db.read_value([&](db::Connection& c) {
    auto n = followed_notice(c, actor, notice_id);
    auto unit = store::find_unit(c, unit_id.value_or(n.sender_unit_id));
    if (!unit || !path_within(unit->path, n.sender_unit_path) || !actor.can_view_unit(unit->path))
      throw not_found("Không tìm thấy tổ chức đảng này.");
    Stats s;
    s.notice_id = n.id;
    s.unit = {unit->id, unit->name, unit->kind, {}};
    // Sum each recipient unit into the child of `unit` on its path (or into the unit itself).
    std::map<std::int64_t, store::NoticeCountsRow> by_child;
    auto add = [](store::NoticeCountsRow& into, const store::NoticeCountsRow& v) {
      into.recipients += v.recipients;
      into.delivered += v.delivered;
      into.read += v.read;
      into.acked += v.acked;
    };
    for (const auto& row : store::notice_counts_by_unit(c, n.id)) {
      if (!path_within(row.path, unit->path)) continue;
      add(s.unit.counts, row.counts);
      auto rest = std::string_view(row.path).substr(unit->path.size());  // "12/40/" below the unit
      if (rest.empty()) continue;
      auto child = std::stoll(std::string(rest.substr(0, rest.find('/'))));
      add(by_child[child], row.counts);
    }
    for (const auto& [id, counts] : by_child)
      if (auto u = store::find_unit(c, id)) s.children.push_back({u->id, u->name, u->kind, counts});
    std::sort(s.children.begin(), s.children.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    // Breadcrumbs: the sender's unit down to this one.
    auto ids = library::ids_on_path(unit->path);
    bool inside = false;
    for (auto id : ids) {
      if (id == n.sender_unit_id) inside = true;
      if (!inside) continue;
      if (auto u = store::find_unit(c, id)) s.breadcrumbs.emplace_back(u->id, u->name);
    }
    return s;
  });
}

Pending pending(db::Database& db, const Actor& actor, std::int64_t notice_id, std::optional<std::int64_t> unit_id,
                const std::string& what) {
  if (what != "ack" && what != "read") throw bad_request("Tham số \"what\" phải là ack hoặc read.");
  return db.read_value([&](db::Connection& c) {
    auto n = followed_notice(c, actor, notice_id);
    auto unit = store::find_unit(c, unit_id.value_or(n.sender_unit_id));
    if (!unit || !path_within(unit->path, n.sender_unit_path) || !actor.can_view_members(unit->path))
      throw not_found("Không tìm thấy tổ chức đảng này.");
    Pending p;
    p.unit_id = unit->id;
    p.unit_name = unit->name;
    p.what = what;
    p.total = store::count_pending(c, n.id, unit->path, what);
    p.members = store::pending_recipients(c, n.id, unit->path, what, kMaxPendingNames);
    return p;
  });
}

// ---- live delivery -----------------------------------------------------------------------------

std::optional<LiveEvent> live_event(db::Database& db, std::int64_t event_id, const std::vector<std::int64_t>& connected) {
  return db.read_value([&](db::Connection& c) -> std::optional<LiveEvent> {
    auto event = store::find_notice_event(c, event_id);
    if (!event) return std::nullopt;
    LiveEvent out;
    out.event = *event;
    if (connected.empty()) return out;
    auto notice = store::find_notice(c, event->notice_id);
    if (!notice) return out;
    std::optional<std::int64_t> reminded;
    if (event->event == "reminded") reminded = event->at;
    if (static_cast<std::int64_t>(connected.size()) <= notice->recipients) {
      // Fewer open apps than recipients (a notice to a province): each connected account is looked
      // up among the recipients by key. The plan does not depend on statistics, which know nothing
      // yet of a notice fanned out a moment ago.
      out.items = store::inbox_items_of_accounts(c, notice->id, connected, reminded);
    } else {
      // A notice to a few: its recipients' accounts, those connected here kept.
      std::map<std::int64_t, std::vector<std::int64_t>> accounts_of;  // member → accounts online
      std::vector<std::int64_t> members;
      for (const auto& t : store::notice_targets(c, notice->id, reminded)) {
        if (!std::binary_search(connected.begin(), connected.end(), t.account_id)) continue;
        auto& list = accounts_of[t.member_id];
        if (list.empty()) members.push_back(t.member_id);
        list.push_back(t.account_id);
      }
      for (auto& row : store::inbox_items(c, members, notice->id))
        for (auto account : accounts_of[row.member_id]) out.items.emplace_back(account, row);
    }
    if (!out.items.empty()) out.attached = attached_to(c, out.items.front().second.notice);
    return out;
  });
}

void mark_delivered(db::Database& db, std::int64_t notice_id, const std::vector<std::int64_t>& member_ids,
                    std::int64_t now) {
  if (member_ids.empty()) return;
  db.write([&](db::Connection& c) { store::mark_delivered(c, notice_id, member_ids, now); });
}

std::vector<std::int64_t> event_ids_since(db::Database& db, std::int64_t since, std::int64_t after_id) {
  return db.read_value([&](db::Connection& c) {
    std::vector<std::int64_t> ids;
    for (const auto& e : store::notice_events_since(c, since))
      if (e.id > after_id) ids.push_back(e.id);
    return ids;
  });
}

std::int64_t last_event_id(db::Database& db) {
  return db.read_value([](db::Connection& c) { return store::last_notice_event_id(c); });
}

// ---- push preferences --------------------------------------------------------------------------

std::vector<store::NotificationPrefRow> prefs(db::Database& db, const Actor& actor) {
  return db.read_value([&](db::Connection& c) { return store::notification_prefs(c, actor.account_id); });
}

std::vector<store::NotificationPrefRow> save_prefs(db::Database& db, const Actor& actor,
                                                   const std::vector<store::NotificationPrefRow>& prefs) {
  static const std::set<std::string> topics = {"notices", "news", "reading"};
  static const std::set<std::string> levels = {"central", "province", "base", "cell"};
  if (prefs.size() > topics.size() * levels.size()) throw bad_request("Quá nhiều mục cài đặt thông báo.");
  for (const auto& p : prefs) {
    if (!topics.count(p.topic)) throw invalid("items", "Loại thông báo \"" + p.topic + "\" không hợp lệ.", "notices, news hoặc reading.");
    if (!levels.count(p.level)) throw invalid("items", "Cấp \"" + p.level + "\" không hợp lệ.", "central, province, base hoặc cell.");
  }
  return db.write_value([&](db::Connection& c) {
    store::replace_notification_prefs(c, actor.account_id, prefs);
    return store::notification_prefs(c, actor.account_id);
  });
}

}  // namespace sotay::notices
