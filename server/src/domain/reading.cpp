#include "domain/reading.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "domain/audit.h"
#include "domain/errors.h"
#include "domain/org_tree.h"
#include "store/library_store.h"
#include "store/units_store.h"
#include "util/time.h"

namespace sotay::reading {

namespace {

// Subtrees of at most this many members are counted from their members (one record probe each)
// without first counting the document's readers.
constexpr std::int64_t kSmallSubtree = 5000;

const char* kind_name(ItemKind k) { return library::item_kind_name(k); }

std::int64_t require_member(const Actor& actor) {
  if (!actor.member_id)
    throw Error(ErrorCode::forbidden, "Chỉ tài khoản của đảng viên mới ghi nhận được việc đọc và mục yêu thích.");
  return *actor.member_id;
}

// The calendar day in Vietnam at `now`.
std::string vietnam_date(std::int64_t now) {
  return timeutil::iso_timestamp(now + timeutil::kVietnamUtcOffsetSeconds).substr(0, 10);
}

// A plain member of `unit`: "could every member of this unit's subtree read the document?"
Actor member_of(const store::UnitRow& unit) {
  Actor a;
  a.member_unit_id = unit.id;
  a.member_unit_path = unit.path;
  return a;
}

store::UnitRow visible_unit(db::Connection& c, const Actor& actor, std::int64_t id) {
  auto u = store::find_unit(c, id);
  if (!u || !actor.can_view_unit(u->path)) throw not_found("Không tìm thấy tổ chức đảng này.");
  return *u;
}

void require_readable_document(db::Connection& c, const Actor& actor, std::int64_t document_id) {
  if (!library::can_read(c, actor, ItemKind::document, document_id)) throw not_found("Không tìm thấy văn bản này.");
}

nlohmann::json required_json(const store::RequiredReadingRow& r) {
  return {
      {"id", r.id}, {"document_id", r.document_id}, {"unit_id", r.unit_id}, {"deadline", r.deadline}, {"note", r.note}};
}

RequiredReading required_from(const store::RequiredReadingRow& r) {
  return {r.id, r.document_id, r.unit_id, r.unit_name, r.deadline, r.note, r.created_at, r.reminded_at};
}

ReadState state_of(const std::optional<store::ReadingRecordRow>& r) {
  if (!r) return {};
  return {true, r->reached_end_at.has_value()};
}

// The unit stats default to: the deepest unit among the actor's statistics grants.
store::UnitRow default_stats_unit(db::Connection& c, const Actor& actor) {
  const Grant* best = nullptr;
  for (const auto& g : actor.grants) {
    if (g.role == Role::member) continue;
    if (!best || g.unit_path.size() > best->unit_path.size()) best = &g;
  }
  if (!best) throw Error(ErrorCode::forbidden, "Bạn không có quyền xem thống kê đọc.");
  if (best->unit_id) {
    if (auto u = store::find_unit(c, *best->unit_id)) return *u;
  } else if (auto roots = store::list_roots(c); !roots.empty()) {
    return roots.front();
  }
  throw not_found("Không tìm thấy tổ chức đảng này.");
}

std::string percent_vi(double rate) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", rate * 100.0);
  std::string s = buf;
  std::replace(s.begin(), s.end(), '.', ',');  // Vietnamese decimal comma
  return s;
}

}  // namespace

// ---- reading events ----------------------------------------------------------------------------

EventsResult record_events(db::Database& db, const Actor& actor, const std::vector<Event>& events, std::int64_t now) {
  const auto member_id = require_member(actor);
  if (events.empty()) throw bad_request("Cần gửi ít nhất một sự kiện đọc.");
  if (events.size() > kMaxEventsPerBatch)
    throw bad_request("Mỗi lần gửi tối đa " + std::to_string(kMaxEventsPerBatch) + " sự kiện đọc.");

  // One merged row per distinct item (the batch itself merged with MIN/MAX).
  struct Pending {
    ItemKind kind;
    store::ReadingMerge row;
    std::int64_t events = 0;
  };
  std::vector<Pending> items;
  std::map<std::pair<int, std::int64_t>, std::size_t> index;
  for (const auto& e : events) {
    auto key = std::make_pair(static_cast<int>(e.kind), e.item_id);
    auto seconds = std::clamp<std::int64_t>(e.seconds, 0, kMaxSeconds);
    std::optional<std::int64_t> end = e.reached_end ? std::optional(e.opened_at) : std::nullopt;
    auto [it, fresh] = index.emplace(key, items.size());
    if (fresh) {
      items.push_back({e.kind, {kind_name(e.kind), e.item_id, e.opened_at, e.opened_at, seconds, end}, 0});
    } else {
      auto& r = items[it->second].row;
      r.first_opened_at = std::min(r.first_opened_at, e.opened_at);
      r.last_opened_at = std::max(r.last_opened_at, e.opened_at);
      r.seconds = std::max(r.seconds, seconds);
      if (end && (!r.reached_end_at || *end < *r.reached_end_at)) r.reached_end_at = end;
    }
    ++items[it->second].events;
  }

  // Readability once per distinct item: library::can_read's condition (audience_scope) applied to
  // all of the batch's items of a kind in one query.
  std::vector<std::int64_t> ids[2];
  for (const auto& p : items) ids[static_cast<int>(p.kind)].push_back(p.row.item_id);
  const auto scope = library::audience_scope(actor);

  EventsResult result;
  db.write([&](db::Connection& c) {
    result = {};
    std::map<std::pair<int, std::int64_t>, std::optional<std::int64_t>> readable;  // → published_at
    for (auto kind : {ItemKind::document, ItemKind::news}) {
      const auto& wanted = ids[static_cast<int>(kind)];
      if (wanted.empty()) continue;
      for (const auto& r : store::readable_items(c, scope, kind_name(kind), wanted))
        readable.emplace(std::make_pair(static_cast<int>(kind), r.id), r.published_at);
    }
    std::vector<store::ReadingMerge> rows;
    rows.reserve(items.size());
    for (const auto& p : items) {
      auto found = readable.find({static_cast<int>(p.kind), p.row.item_id});
      if (found == readable.end()) {
        result.skipped += p.events;
        continue;
      }
      // Clamping is monotonic, so clamping the merged MIN/MAX equals merging the clamped events.
      std::int64_t hi = now + kOpenedInFuture;
      std::int64_t lo = std::numeric_limits<std::int64_t>::min();
      if (found->second) lo = std::min(*found->second - kOpenedBeforePublish, hi);
      auto row = p.row;
      row.first_opened_at = std::clamp(row.first_opened_at, lo, hi);
      row.last_opened_at = std::clamp(row.last_opened_at, lo, hi);
      if (row.reached_end_at) row.reached_end_at = std::clamp(*row.reached_end_at, lo, hi);
      rows.push_back(std::move(row));
      result.accepted += p.events;
    }
    store::merge_reading_records(c, member_id, rows);
  });
  return result;
}

std::map<std::int64_t, ReadState> read_states(db::Connection& c, std::int64_t member_id, ItemKind kind) {
  std::map<std::int64_t, ReadState> out;
  for (const auto& r : store::member_reading_records(c, member_id, kind_name(kind)))
    out[r.item_id] = {true, r.reached_end_at.has_value()};
  return out;
}

// ---- favourites ----------------------------------------------------------------------------------

void add_favourite(db::Database& db, const Actor& actor, ItemKind kind, std::int64_t item_id, std::int64_t now) {
  const auto member_id = require_member(actor);
  db.write([&](db::Connection& c) {
    if (!library::can_read(c, actor, kind, item_id))
      throw not_found(kind == ItemKind::news ? "Không tìm thấy tin này." : "Không tìm thấy văn bản này.");
    store::insert_favourite(c, member_id, kind_name(kind), item_id, now);
  });
}

void remove_favourite(db::Database& db, const Actor& actor, ItemKind kind, std::int64_t item_id) {
  const auto member_id = require_member(actor);
  db.write([&](db::Connection& c) { store::delete_favourite(c, member_id, kind_name(kind), item_id); });
}

std::set<std::int64_t> favourite_ids(db::Connection& c, std::int64_t member_id, ItemKind kind) {
  auto ids = store::favourite_ids(c, member_id, kind_name(kind));
  return {ids.begin(), ids.end()};
}

// ---- required reading ------------------------------------------------------------------------------

RequiredReading require(db::Database& db, const Actor& actor, std::int64_t document_id, std::int64_t unit_id,
                        const std::string& deadline, const std::string& note) {
  if (!timeutil::is_valid_date(deadline))
    throw Error(ErrorCode::validation_failed, "Hạn đọc không hợp lệ.", {{"deadline", "Ngày phải có dạng YYYY-MM-DD."}});
  if (deadline < timeutil::today())
    throw Error(ErrorCode::validation_failed, "Hạn đọc không được trước hôm nay.",
                {{"deadline", "Hãy chọn hôm nay hoặc một ngày sau."}});
  return db.write_value([&](db::Connection& c) {
    auto unit = visible_unit(c, actor, unit_id);
    if (!actor.covers(unit.path, {Role::committee, Role::cell_committee, Role::admin}))
      throw Error(ErrorCode::forbidden, "Bạn không có quyền giao văn bản bắt buộc đọc cho tổ chức đảng này.");
    if (unit.valid_to) throw Error(ErrorCode::conflict, "Tổ chức đảng này đã giải thể hoặc hợp nhất.");
    require_readable_document(c, actor, document_id);
    if (!library::can_read(c, member_of(unit), ItemKind::document, document_id))
      throw Error(ErrorCode::validation_failed, "Văn bản này không được gửi tới toàn bộ tổ chức đảng đã chọn.",
                  {{"unit_id", "Hãy chọn tổ chức đảng nằm trong phạm vi phát hành của văn bản."}});
    auto before = store::find_required_reading_for(c, document_id, unit_id);
    auto id = store::upsert_required_reading(c, document_id, unit_id, deadline, note,
                                             actor.account_id ? std::optional(actor.account_id) : std::nullopt,
                                             timeutil::now_unix());
    auto after = *store::find_required_reading(c, id);
    audit::record(c, actor, before ? "required_reading.update" : "required_reading.create", "required_reading", id,
                  unit_id, before ? required_json(*before) : nlohmann::json(), required_json(after));
    return required_from(after);
  });
}

std::vector<RequiredItem> required_for_member(db::Database& db, const Actor& actor, std::int64_t now) {
  if (!actor.member_id) return {};
  const auto member_id = *actor.member_id;
  const auto today = vietnam_date(now);
  return db.read_value([&](db::Connection& c) {
    auto rows = store::required_readings_on_units(c, library::ids_on_path(actor.member_unit_path));
    std::map<std::int64_t, std::int64_t> sent;  // required reading → last reminder to this member
    for (auto [rr, at] : store::member_reminders(c, member_id)) sent[rr] = at;
    auto favourites = favourite_ids(c, member_id, ItemKind::document);

    std::vector<RequiredItem> out;
    std::map<std::int64_t, std::size_t> by_document;
    for (const auto& r : rows) {  // deadline order: the first requirement of a document is the strictest
      auto reminded = sent.count(r.id) ? std::optional(sent[r.id]) : std::nullopt;
      if (auto it = by_document.find(r.document_id); it != by_document.end()) {
        auto& item = out[it->second];
        if (reminded && (!item.reminded_at || *reminded > *item.reminded_at)) item.reminded_at = reminded;
        continue;
      }
      if (!library::can_read(c, actor, ItemKind::document, r.document_id)) continue;
      auto card = store::find_document_card(c, r.document_id);
      if (!card) continue;
      RequiredItem item;
      item.id = r.id;
      item.deadline = r.deadline;
      item.note = r.note;
      item.read = state_of(store::find_reading_record(c, member_id, "document", r.document_id));
      item.overdue = r.deadline < today && !item.read.reached_end;
      item.reminded_at = reminded;
      item.document.row = std::move(*card);
      item.document.read = item.read;
      item.document.favourite = favourites.count(r.document_id) > 0;
      item.document.required_deadline = r.deadline;
      by_document.emplace(r.document_id, out.size());
      out.push_back(std::move(item));
    }
    return out;
  });
}

// ---- reminders ---------------------------------------------------------------------------------------

std::int64_t remind(db::Database& db, const Actor& actor, std::int64_t required_reading_id, std::int64_t now) {
  return db.write_value([&](db::Connection& c) {
    auto rr = store::find_required_reading(c, required_reading_id);
    if (!rr || !actor.can_view_unit(rr->unit_path)) throw not_found("Không tìm thấy yêu cầu đọc này.");
    if (!actor.covers(rr->unit_path, {Role::committee, Role::cell_committee, Role::admin}))
      throw Error(ErrorCode::forbidden, "Bạn không có quyền nhắc đọc trong tổ chức đảng này.");
    if (store::item_state(c, "document", rr->document_id) != "published")
      throw Error(ErrorCode::conflict, "Văn bản này không còn được phát hành nên không thể nhắc đọc.");
    require_readable_document(c, actor, rr->document_id);
    auto n = store::remind_non_readers(c, rr->id, rr->document_id, rr->unit_path, now, now - kRemindAgainAfter);
    audit::record(c, actor, "required_reading.remind", "required_reading", rr->id, rr->unit_id, nullptr,
                  {{"document_id", rr->document_id}, {"reminded", n}});
    return n;
  });
}

int remind_overdue(db::Database& db, std::int64_t now) {
  const auto today = vietnam_date(now);
  auto due = db.read_value([&](db::Connection& c) { return store::overdue_unreminded(c, today); });
  std::int64_t total = 0;
  for (const auto& candidate : due) {
    // One transaction per requirement; re-checked inside it, so two servers never both remind.
    db.write([&](db::Connection& c) {
      auto rr = store::find_required_reading(c, candidate.id);
      if (!rr || rr->reminded_at || rr->deadline != candidate.deadline) return;
      total += store::remind_non_readers(c, rr->id, rr->document_id, rr->unit_path, now, now - kRemindAgainAfter);
      store::set_required_reading_reminded(c, rr->id, now);
    });
  }
  return static_cast<int>(std::min<std::int64_t>(total, std::numeric_limits<int>::max()));
}

// ---- statistics --------------------------------------------------------------------------------------

bool names_visible(db::Connection& c, const Actor& actor, const store::StatsUnitRow& unit) {
  if (unit.kind != "cell" && unit.kind != "base_cell" && unit.kind != "base_committee") return false;
  for (const auto& g : actor.grants) {
    if (g.role != Role::cell_committee && g.role != Role::committee && g.role != Role::admin) continue;
    if (!g.unit_id || !path_within(unit.path, g.unit_path)) continue;
    if (g.unit_path == unit.path) return true;
    // A grant above the unit: only the base committee's own committee sees names.
    if (auto holder = store::find_unit(c, *g.unit_id); holder && holder->kind == "base_committee") return true;
  }
  return false;
}

Stats stats(db::Database& db, const Actor& actor, std::int64_t document_id, std::optional<std::int64_t> unit_id) {
  return db.read_value([&](db::Connection& c) {
    auto unit = unit_id ? visible_unit(c, actor, *unit_id) : default_stats_unit(c, actor);
    if (!actor.can_view_unit(unit.path)) throw not_found("Không tìm thấy tổ chức đảng này.");
    if (!actor.covers(unit.path, {Role::cell_committee, Role::committee, Role::editor, Role::admin}))
      throw Error(ErrorCode::forbidden, "Bạn không có quyền xem thống kê đọc của tổ chức đảng này.");
    require_readable_document(c, actor, document_id);
    auto card = store::find_document_card(c, document_id);
    if (!card) throw not_found("Không tìm thấy văn bản này.");

    Stats s;
    s.document_id = document_id;
    s.document_title = card->title;
    s.document_number = card->number;
    s.unit_id = unit.id;
    s.unit_name = unit.name;
    s.unit_kind = unit.kind;

    // Members the document is addressed to: units under one of its audience units.
    auto audience = store::item_audience_paths(c, "document", document_id);
    auto addressed = [&](const std::string& path) {
      return std::any_of(audience.begin(), audience.end(), [&](const std::string& a) { return path_within(path, a); });
    };
    auto units = store::subtree_units(c, unit.path);
    std::unordered_map<std::int64_t, std::size_t> at;
    std::vector<Tally> tallies(units.size());
    std::int64_t members = 0;
    for (std::size_t i = 0; i < units.size(); ++i) {
      at.emplace(units[i].id, i);
      if (!addressed(units[i].path)) continue;
      tallies[i].members = units[i].members;
      members += units[i].members;
    }

    // The cheaper side drives: the subtree's members, or the document's readers. When the whole
    // audience lies inside the unit, its readers are at most its members: no need to count them.
    const bool audience_inside =
        !audience.empty() &&
        std::all_of(audience.begin(), audience.end(), [&](const std::string& a) { return path_within(a, unit.path); });
    const bool from_members =
        members <= kSmallSubtree ||
        (!audience_inside && store::item_record_count(c, "document", document_id, members + 1) > members);
    auto readers = from_members ? store::readers_by_unit_from_members(c, "document", document_id, unit.path)
                                : store::readers_by_unit_from_item(c, "document", document_id);
    for (const auto& r : readers) {
      auto it = at.find(r.unit_id);
      if (it == at.end() || !addressed(units[it->second].path)) continue;
      tallies[it->second].opened += r.opened;
      tallies[it->second].reached_end += r.reached_end;
    }

    // Roll up: each unit counts for the subtree and for the child of `unit` it lies under.
    std::unordered_map<std::int64_t, std::size_t> child_at;
    for (std::size_t i = 0; i < units.size(); ++i)
      if (units[i].path.size() > unit.path.size() &&
          units[i].path.find('/', unit.path.size()) == units[i].path.size() - 1) {
        child_at.emplace(units[i].id, s.children.size());
        s.children.push_back({units[i].id, units[i].name, units[i].kind, units[i].code, {}});
      }
    for (std::size_t i = 0; i < units.size(); ++i) {
      const auto& t = tallies[i];
      s.tally.members += t.members;
      s.tally.opened += t.opened;
      s.tally.reached_end += t.reached_end;
      if (units[i].path.size() <= unit.path.size()) continue;
      auto end = units[i].path.find('/', unit.path.size());
      std::int64_t child = 0;
      std::from_chars(units[i].path.data() + unit.path.size(), units[i].path.data() + end, child);
      if (auto it = child_at.find(child); it != child_at.end()) {
        auto& ct = s.children[it->second].tally;
        ct.members += t.members;
        ct.opened += t.opened;
        ct.reached_end += t.reached_end;
      }
    }
    std::vector<ChildStats> shown;
    for (auto& ch : s.children) {
      bool open = units[at.at(ch.id)].open;
      if (open || ch.tally.members > 0 || ch.tally.opened > 0) shown.push_back(std::move(ch));
    }
    std::sort(shown.begin(), shown.end(),
              [](const ChildStats& a, const ChildStats& b) { return std::tie(a.name, a.id) < std::tie(b.name, b.id); });
    s.children = std::move(shown);

    store::StatsUnitRow self{unit.id, unit.code, unit.name, unit.kind, unit.path, !unit.valid_to, 0};
    if (names_visible(c, actor, self)) {
      std::vector<NotRead> names;
      for (auto& m : store::not_read_members(c, "document", document_id, unit.path))
        if (addressed(m.unit_path)) names.push_back({m.id, std::move(m.full_name), std::move(m.unit_name)});
      s.not_read = std::move(names);
    }

    // The requirement that applies to the unit: on it or on its nearest ancestor.
    const store::RequiredReadingRow* nearest = nullptr;
    auto requirements = store::required_readings_of_document(c, document_id);
    for (const auto& r : requirements)
      if (path_within(unit.path, r.unit_path) && (!nearest || r.unit_path.size() > nearest->unit_path.size()))
        nearest = &r;
    if (nearest) s.required = std::make_pair(nearest->id, nearest->deadline);
    return s;
  });
}

io::Table stats_table(const Stats& s) {
  io::Table t;
  t.push_back({"Tổ chức đảng", "Loại", "Số đảng viên", "Đã mở", "Đã đọc hết", "Tỷ lệ đọc hết (%)"});
  auto row = [&](const std::string& name, const std::string& kind, const Tally& x) {
    t.push_back({name, kind, std::to_string(x.members), std::to_string(x.opened), std::to_string(x.reached_end),
                 percent_vi(x.rate())});
  };
  for (const auto& ch : s.children) row(ch.name, org::kind_label_vi(ch.kind), ch.tally);
  row("Cộng: " + s.unit_name, org::kind_label_vi(s.unit_kind), s.tally);
  if (s.not_read) {
    t.push_back({});
    t.push_back({"Đảng viên chưa đọc hết", "Chi bộ"});
    for (const auto& m : *s.not_read) t.push_back({m.full_name, m.unit_name});
  }
  return t;
}

}  // namespace sotay::reading
