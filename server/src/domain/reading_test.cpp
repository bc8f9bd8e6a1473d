// Reading records, favourites, required reading, reminders and statistics, on the backend chosen
// by SOTAY_TEST_DB.
#include "domain/reading.h"

#include <gtest/gtest.h>

#include "domain/errors.h"
#include "domain/members.h"
#include "domain/org_tree.h"
#include "store/reading_store.h"
#include "testing/actors.h"
#include "testing/errors.h"
#include "testing/library_fixtures.h"
#include "testing/test_db.h"
#include "util/time.h"

namespace sotay::reading {
namespace {

using testing::admin;
using testing::with_grant;

using store::UnitRow;

using testing::code_of;

// P (province) → S (subordinate) → base A → cells A1 (3 members), A2 (2); base B → cell B1 (1).
struct World {
  std::unique_ptr<db::Database> db = testing::fresh_database();
  UnitRow p, s, a, b, a1, a2, b1;
  std::vector<members::MemberRow> m;  // m[0..2] in A1, m[3..4] in A2, m[5] in B1
  std::int64_t now = timeutil::now_unix();
  std::int64_t published = now - 10 * 86400;
  std::int64_t doc = 0;     // addressed to P
  std::int64_t doc_b1 = 0;  // addressed to B1 only
  std::int64_t draft = 0;   // never published
  std::int64_t news = 0;    // addressed to P

  World() {
    auto root = admin();
    p = org::create(*db, root, {"P", "province", "Đảng bộ tỉnh Thử", std::nullopt, "2020-01-01"});
    s = org::create(*db, root, {"P-S", "subordinate_committee", "Đảng bộ xã Một", p.id, "2020-01-01"});
    a = org::create(*db, root, {"P-S-A", "base_committee", "Đảng bộ thôn A", s.id, "2020-01-01"});
    b = org::create(*db, root, {"P-S-B", "base_committee", "Đảng bộ thôn B", s.id, "2020-01-01"});
    a1 = org::create(*db, root, {"P-S-A-1", "cell", "Chi bộ A1", a.id, "2020-01-01"});
    a2 = org::create(*db, root, {"P-S-A-2", "cell", "Chi bộ A2", a.id, "2020-01-01"});
    b1 = org::create(*db, root, {"P-S-B-1", "cell", "Chi bộ B1", b.id, "2020-01-01"});
    const char* names[] = {"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường",
                           "Phạm Thị Dung", "Hoàng Văn Em",  "Vũ Thị Giang"};
    const UnitRow* cells[] = {&a1, &a1, &a1, &a2, &a2, &b1};
    for (int i = 0; i < 6; ++i) {
      members::MemberInput in;
      in.full_name = names[i];
      in.admitted_on = "2010-01-01";
      in.official_on = "2011-01-01";
      in.card_number = "9000000" + std::to_string(i);
      m.push_back(members::create(*db, root, cells[i]->id, in));
    }
    store::FixtureItem d;
    d.title = "Nghị quyết thử nghiệm";
    d.number = "01-NQ/TU";
    d.owner_unit_id = p.id;
    d.audience_unit_ids = {p.id};
    d.published_at = published;
    d.topics = {"xay_dung_dang"};
    doc = testing::add_document(*db, d);
    doc_b1 = testing::add_published_document(*db, "Kế hoạch của chi bộ B1", {b1.id});
    store::FixtureItem dr;
    dr.title = "Bản nháp";
    dr.owner_unit_id = p.id;
    dr.state = "draft";
    draft = testing::add_document(*db, dr);
    store::FixtureItem n;
    n.title = "Tin thử";
    n.owner_unit_id = p.id;
    news = testing::add_news(*db, n);
  }

  Actor member(int i) const {
    Actor act;
    act.account_id = 100 + i;
    act.member_id = m[i].id;
    act.member_unit_id = m[i].unit_id;
    act.member_unit_path = m[i].unit_path;
    act.grants.push_back({Role::member, m[i].unit_id, m[i].unit_path});
    return act;
  }
  std::optional<store::ReadingRecordRow> record(int i, std::int64_t item, const char* kind = "document") {
    return db->read_value([&](db::Connection& c) { return store::find_reading_record(c, m[i].id, kind, item); });
  }
  EventsResult send(int i, const std::vector<Event>& events) { return record_events(*db, member(i), events, now); }
};

Event ev(std::int64_t item, std::int64_t opened_at, std::int64_t seconds, bool end,
         ItemKind kind = ItemKind::document) {
  return {kind, item, opened_at, seconds, end};
}

void expect_same(const store::ReadingRecordRow& x, const store::ReadingRecordRow& y) {
  EXPECT_EQ(x.first_opened_at, y.first_opened_at);
  EXPECT_EQ(x.last_opened_at, y.last_opened_at);
  EXPECT_EQ(x.seconds, y.seconds);
  EXPECT_EQ(x.reached_end_at, y.reached_end_at);
}

TEST(ReadingEvents, SameBatchTwiceAndReversedOrderGiveTheSameRecord) {
  World w;
  const auto t = w.now - 3600;
  std::vector<Event> batch = {ev(w.doc, t, 30, false), ev(w.doc, t + 600, 120, false), ev(w.doc, t + 900, 300, true),
                              ev(w.doc, t + 1200, 280, true), ev(w.news, t + 60, 15, false, ItemKind::news)};
  auto r = w.send(0, batch);
  EXPECT_EQ(r.accepted, 5);
  EXPECT_EQ(r.skipped, 0);
  auto once = w.record(0, w.doc).value();
  EXPECT_EQ(once.first_opened_at, t);
  EXPECT_EQ(once.last_opened_at, t + 1200);
  EXPECT_EQ(once.seconds, 300);
  EXPECT_EQ(once.reached_end_at, t + 900);
  EXPECT_TRUE(w.record(0, w.news, "news").has_value());

  w.send(0, batch);
  expect_same(w.record(0, w.doc).value(), once);

  // Another member sends the same events one at a time, newest first: the same state.
  for (auto it = batch.rbegin(); it != batch.rend(); ++it) w.send(1, {*it});
  expect_same(w.record(1, w.doc).value(), once);

  // Split into two batches in either order.
  std::vector<Event> first(batch.begin(), batch.begin() + 2), second(batch.begin() + 2, batch.end());
  w.send(2, second);
  w.send(2, first);
  expect_same(w.record(2, w.doc).value(), once);
}

TEST(ReadingEvents, ReachedEndIsTheEarliestAndNeverCleared) {
  World w;
  auto t = w.now - 7200;
  w.send(0, {ev(w.doc, t + 100, 50, true)});
  w.send(0, {ev(w.doc, t + 500, 90, false)});
  EXPECT_EQ(w.record(0, w.doc)->reached_end_at, t + 100);
  w.send(0, {ev(w.doc, t + 10, 20, true)});  // an older event arriving late
  auto r = w.record(0, w.doc).value();
  EXPECT_EQ(r.reached_end_at, t + 10);
  EXPECT_EQ(r.first_opened_at, t + 10);
  EXPECT_EQ(r.last_opened_at, t + 500);
  EXPECT_EQ(r.seconds, 90);  // the running total never goes down
}

TEST(ReadingEvents, OpenedAtAndSecondsAreClamped) {
  World w;
  w.send(0, {ev(w.doc, 1000, 1'000'000'000, true), ev(w.doc, w.now + 86400 * 30, 5, false)});
  auto r = w.record(0, w.doc).value();
  EXPECT_EQ(r.first_opened_at, w.published - 86400);
  EXPECT_EQ(r.reached_end_at, w.published - 86400);
  EXPECT_EQ(r.last_opened_at, w.now + 300);
  EXPECT_EQ(r.seconds, 86400);
}

TEST(ReadingEvents, UnreadableAndUnknownItemsAreSkippedNeverStored) {
  World w;
  auto t = w.now - 60;
  auto r = w.send(0, {ev(w.doc, t, 10, false), ev(w.doc_b1, t, 10, true), ev(w.doc_b1, t + 1, 11, true),
                      ev(w.draft, t, 10, false), ev(999999, t, 10, false), ev(999999, t, 10, false, ItemKind::news)});
  EXPECT_EQ(r.accepted, 1);
  EXPECT_EQ(r.skipped, 5);
  EXPECT_TRUE(w.record(0, w.doc).has_value());
  EXPECT_FALSE(w.record(0, w.doc_b1).has_value());
  EXPECT_FALSE(w.record(0, w.draft).has_value());
  EXPECT_FALSE(w.record(0, 999999).has_value());
  // The member of B1 may read it.
  EXPECT_EQ(w.send(5, {ev(w.doc_b1, t, 10, true)}).accepted, 1);
  // A withdrawn item stops taking events.
  testing::set_item_state(*w.db, "document", w.doc, "withdrawn");
  EXPECT_EQ(w.send(1, {ev(w.doc, t, 10, false)}).skipped, 1);
}

TEST(ReadingEvents, BatchReadabilityIsExactlyCanRead) {
  World w;
  std::vector<Actor> actors = {w.member(0),
                               w.member(5),
                               with_grant(Role::committee, w.a, 1),
                               with_grant(Role::editor, w.b1, 1),
                               with_grant(Role::cell_committee, w.a2, 1),
                               admin()};
  const std::vector<std::int64_t> docs = {w.doc, w.doc_b1, w.draft, 999999, w.doc};
  w.db->read([&](db::Connection& c) {
    for (const auto& actor : actors) {
      auto scope = library::audience_scope(actor);
      for (auto kind : {ItemKind::document, ItemKind::news}) {
        auto ids = kind == ItemKind::document ? docs : std::vector<std::int64_t>{w.news, 999999};
        std::set<std::int64_t> bulk;
        for (const auto& r : store::readable_items(c, scope, library::item_kind_name(kind), ids)) bulk.insert(r.id);
        for (auto id : ids) EXPECT_EQ(bulk.count(id) > 0, library::can_read(c, actor, kind, id)) << id;
      }
    }
  });
}

TEST(ReadingEvents, BatchLimitsAndMembersOnly) {
  World w;
  EXPECT_EQ(code_of([&] { w.send(0, {}); }), ErrorCode::bad_request);
  std::vector<Event> many(kMaxEventsPerBatch + 1, ev(w.doc, w.now, 1, false));
  EXPECT_EQ(code_of([&] { w.send(0, many); }), ErrorCode::bad_request);
  many.pop_back();
  EXPECT_EQ(w.send(0, many).accepted, static_cast<std::int64_t>(kMaxEventsPerBatch));
  auto committee_only = with_grant(Role::committee, w.p, 1);  // an account without a member record
  EXPECT_EQ(code_of([&] { record_events(*w.db, committee_only, {ev(w.doc, w.now, 1, false)}, w.now); }),
            ErrorCode::forbidden);
}

TEST(ReadingEvents, ManyDistinctItemsInOneBatch) {
  World w;
  std::vector<std::int64_t> docs;
  for (int i = 0; i < 37; ++i)
    docs.push_back(testing::add_published_document(*w.db, "VB " + std::to_string(i), {w.p.id}));
  std::vector<Event> batch;
  for (int round = 0; round < 3; ++round)
    for (auto d : docs) batch.push_back(ev(d, w.now - 100 + round, 10 * round, round == 2));
  EXPECT_EQ(w.send(0, batch).accepted, 111);
  auto states = w.db->read_value([&](db::Connection& c) { return read_states(c, w.m[0].id, ItemKind::document); });
  EXPECT_EQ(states.size(), 37u);
  for (auto d : docs) {
    EXPECT_TRUE(states[d].reached_end);
    EXPECT_EQ(w.record(0, d)->seconds, 20);
  }
}

TEST(ReadingFavourites, AddRemoveAndReadableOnly) {
  World w;
  add_favourite(*w.db, w.member(0), ItemKind::document, w.doc, w.now);
  add_favourite(*w.db, w.member(0), ItemKind::document, w.doc, w.now);  // twice is fine
  add_favourite(*w.db, w.member(0), ItemKind::news, w.news, w.now);
  auto ids = w.db->read_value([&](db::Connection& c) { return favourite_ids(c, w.m[0].id, ItemKind::document); });
  EXPECT_EQ(ids, std::set<std::int64_t>{w.doc});
  EXPECT_EQ(code_of([&] { add_favourite(*w.db, w.member(0), ItemKind::document, w.doc_b1, w.now); }),
            ErrorCode::not_found);
  EXPECT_EQ(code_of([&] { add_favourite(*w.db, w.member(0), ItemKind::document, 424242, w.now); }),
            ErrorCode::not_found);
  remove_favourite(*w.db, w.member(0), ItemKind::document, w.doc);
  remove_favourite(*w.db, w.member(0), ItemKind::document, w.doc);
  ids = w.db->read_value([&](db::Connection& c) { return favourite_ids(c, w.m[0].id, ItemKind::document); });
  EXPECT_TRUE(ids.empty());
  ids = w.db->read_value([&](db::Connection& c) { return favourite_ids(c, w.m[0].id, ItemKind::news); });
  EXPECT_EQ(ids, std::set<std::int64_t>{w.news});
}

TEST(ReadingRequired, ScopeRulesAndUpsert) {
  World w;
  auto deadline = timeutil::add_days(timeutil::today(), 7);
  auto base_a = with_grant(Role::committee, w.a, 1);
  auto r = require(*w.db, base_a, w.doc, w.a1.id, deadline, "Đọc trước kỳ sinh hoạt");
  EXPECT_EQ(r.unit_id, w.a1.id);
  EXPECT_EQ(r.deadline, deadline);
  // The same pair again updates it.
  auto later = timeutil::add_days(deadline, 3);
  auto r2 = require(*w.db, base_a, w.doc, w.a1.id, later, "");
  EXPECT_EQ(r2.id, r.id);
  EXPECT_EQ(r2.deadline, later);
  auto audits = w.db->read_value([](db::Connection& c) {
    return c.query("SELECT COUNT(*) FROM audit_log WHERE entity = 'required_reading'").one().integer(0);
  });
  EXPECT_EQ(audits, 2);

  // A cell committee of another cell: the unit is not even visible.
  EXPECT_EQ(code_of([&] { require(*w.db, with_grant(Role::cell_committee, w.b1, 1), w.doc, w.a1.id, deadline, ""); }),
            ErrorCode::not_found);
  // An editor or a plain member may see the unit but not assign.
  EXPECT_EQ(code_of([&] { require(*w.db, with_grant(Role::editor, w.p, 1), w.doc, w.a1.id, deadline, ""); }),
            ErrorCode::forbidden);
  EXPECT_EQ(code_of([&] { require(*w.db, w.member(0), w.doc, w.a1.id, deadline, ""); }), ErrorCode::forbidden);
  // Dates.
  EXPECT_EQ(code_of([&] { require(*w.db, base_a, w.doc, w.a1.id, "2020-01-01", ""); }), ErrorCode::validation_failed);
  EXPECT_EQ(code_of([&] { require(*w.db, base_a, w.doc, w.a1.id, "31/12/2099", ""); }), ErrorCode::validation_failed);
  EXPECT_NO_THROW(require(*w.db, base_a, w.doc, w.a2.id, timeutil::today(), ""));
  // Documents: unknown, a draft, or not addressed to the whole unit.
  EXPECT_EQ(code_of([&] { require(*w.db, base_a, 77777, w.a1.id, deadline, ""); }), ErrorCode::not_found);
  EXPECT_EQ(code_of([&] { require(*w.db, base_a, w.draft, w.a1.id, deadline, ""); }), ErrorCode::not_found);
  auto province = with_grant(Role::committee, w.p, 1);
  EXPECT_EQ(code_of([&] { require(*w.db, province, w.doc_b1, w.b.id, deadline, ""); }), ErrorCode::validation_failed);
  EXPECT_NO_THROW(require(*w.db, province, w.doc_b1, w.b1.id, deadline, ""));
}

TEST(ReadingRequired, MemberSeesRequirementsOfTheirUnitAndAncestors) {
  World w;
  auto deadline = timeutil::add_days(timeutil::today(), 5);
  auto rr = require(*w.db, with_grant(Role::committee, w.a, 1), w.doc, w.a.id, deadline, "Bắt buộc");
  // A stricter requirement on the cell for the same document: one item, the earliest deadline.
  auto cell_deadline = timeutil::add_days(timeutil::today(), 2);
  auto rr_cell = require(*w.db, with_grant(Role::cell_committee, w.a1, 1), w.doc, w.a1.id, cell_deadline, "Chi bộ");
  auto items = required_for_member(*w.db, w.member(0), w.now);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].id, rr_cell.id);
  EXPECT_EQ(items[0].deadline, cell_deadline);
  EXPECT_FALSE(items[0].overdue);
  EXPECT_FALSE(items[0].read.opened);
  EXPECT_EQ(items[0].document.row.title, "Nghị quyết thử nghiệm");
  EXPECT_EQ(items[0].document.row.topics, std::vector<std::string>{"xay_dung_dang"});
  EXPECT_EQ(items[0].document.required_deadline, cell_deadline);

  // A2's member only sees the base committee's requirement; B1's member sees nothing.
  auto a2_items = required_for_member(*w.db, w.member(3), w.now);
  ASSERT_EQ(a2_items.size(), 1u);
  EXPECT_EQ(a2_items[0].id, rr.id);
  EXPECT_TRUE(required_for_member(*w.db, w.member(5), w.now).empty());

  // Reading is the member's own: m0 reads to the end, m1 still sees nothing read.
  w.send(0, {ev(w.doc, w.now - 10, 100, true)});
  EXPECT_TRUE(required_for_member(*w.db, w.member(0), w.now)[0].read.reached_end);
  EXPECT_FALSE(required_for_member(*w.db, w.member(1), w.now)[0].read.opened);

  // Overdue once the deadline has passed and not read to the end.
  auto in_a_week = w.now + 7 * 86400;
  EXPECT_FALSE(required_for_member(*w.db, w.member(0), in_a_week)[0].overdue);
  EXPECT_TRUE(required_for_member(*w.db, w.member(1), in_a_week)[0].overdue);
}

TEST(ReadingStats, CountsRatesPerChildAndWhoSeesNames) {
  World w;
  auto t = w.now - 100;
  w.send(0, {ev(w.doc, t, 60, true)});   // A1: read to the end
  w.send(1, {ev(w.doc, t, 20, false)});  // A1: opened
  w.send(3, {ev(w.doc, t, 60, true)});   // A2: read to the end
  w.send(5, {ev(w.doc, t, 60, true)});   // B1: read to the end

  // The province committee: counts only.
  auto province = with_grant(Role::committee, w.p, 1);
  auto s = stats(*w.db, province, w.doc, w.p.id);
  EXPECT_EQ(s.tally.members, 6);
  EXPECT_EQ(s.tally.opened, 4);
  EXPECT_EQ(s.tally.reached_end, 3);
  EXPECT_DOUBLE_EQ(s.tally.rate(), 0.5);
  ASSERT_EQ(s.children.size(), 1u);
  EXPECT_EQ(s.children[0].id, w.s.id);
  EXPECT_FALSE(s.not_read.has_value());

  auto sub = stats(*w.db, province, w.doc, w.s.id);
  ASSERT_EQ(sub.children.size(), 2u);
  EXPECT_EQ(sub.children[0].id, w.a.id);
  EXPECT_EQ(sub.children[0].tally.members, 5);
  EXPECT_EQ(sub.children[0].tally.opened, 3);
  EXPECT_EQ(sub.children[0].tally.reached_end, 2);
  EXPECT_DOUBLE_EQ(sub.children[0].tally.rate(), 0.4);
  EXPECT_EQ(sub.children[1].id, w.b.id);
  EXPECT_DOUBLE_EQ(sub.children[1].tally.rate(), 1.0);
  // Even over a cell, the province committee gets no names.
  EXPECT_FALSE(stats(*w.db, province, w.doc, w.a1.id).not_read.has_value());

  // The base committee sees who has not read, in its base and its cells.
  auto base_a = with_grant(Role::committee, w.a, 1);
  auto sa = stats(*w.db, base_a, w.doc, std::nullopt);  // defaults to its own unit
  EXPECT_EQ(sa.unit_id, w.a.id);
  ASSERT_EQ(sa.children.size(), 2u);
  EXPECT_EQ(sa.children[0].id, w.a1.id);
  EXPECT_EQ(sa.children[0].tally.members, 3);
  EXPECT_EQ(sa.children[0].tally.reached_end, 1);
  EXPECT_EQ(sa.children[1].tally.members, 2);
  ASSERT_TRUE(sa.not_read.has_value());
  ASSERT_EQ(sa.not_read->size(), 3u);  // m1 (opened only), m2, m4
  std::set<std::int64_t> ids;
  for (const auto& n : *sa.not_read) ids.insert(n.id);
  EXPECT_EQ(ids, (std::set<std::int64_t>{w.m[1].id, w.m[2].id, w.m[4].id}));
  auto sa1 = stats(*w.db, base_a, w.doc, w.a1.id);
  ASSERT_TRUE(sa1.not_read.has_value());
  EXPECT_EQ(sa1.not_read->size(), 2u);
  EXPECT_EQ(sa1.not_read->at(0).unit_name, "Chi bộ A1");

  // The cell committee of A1 sees its own cell's names.
  auto cell_a1 = with_grant(Role::cell_committee, w.a1, 1);
  auto sc = stats(*w.db, cell_a1, w.doc, std::nullopt);
  EXPECT_EQ(sc.unit_id, w.a1.id);
  ASSERT_TRUE(sc.not_read.has_value());
  EXPECT_EQ(sc.not_read->size(), 2u);
  EXPECT_TRUE(sc.children.empty());

  // An editor gets counts, never names.
  auto editor = with_grant(Role::editor, w.a, 1);
  auto se = stats(*w.db, editor, w.doc, w.a.id);
  EXPECT_EQ(se.tally.members, 5);
  EXPECT_FALSE(se.not_read.has_value());
}

TEST(ReadingStats, ScopeRefusals) {
  World w;
  auto cell_b1 = with_grant(Role::cell_committee, w.b1, 1);
  EXPECT_EQ(code_of([&] { stats(*w.db, cell_b1, w.doc, w.a1.id); }), ErrorCode::not_found);
  EXPECT_EQ(code_of([&] { stats(*w.db, cell_b1, w.doc, w.a.id); }), ErrorCode::not_found);
  // A member may see their own cell, but not its reading statistics (nor anyone's record).
  EXPECT_EQ(code_of([&] { stats(*w.db, w.member(0), w.doc, w.a1.id); }), ErrorCode::forbidden);
  EXPECT_EQ(code_of([&] { stats(*w.db, w.member(0), w.doc, std::nullopt); }), ErrorCode::forbidden);
  // Unknown document, a draft, a document the caller may not read.
  auto base_a = with_grant(Role::committee, w.a, 1);
  EXPECT_EQ(code_of([&] { stats(*w.db, base_a, 55555, w.a.id); }), ErrorCode::not_found);
  EXPECT_EQ(code_of([&] { stats(*w.db, base_a, w.draft, w.a.id); }), ErrorCode::not_found);
  EXPECT_EQ(code_of([&] { stats(*w.db, base_a, w.doc_b1, w.a.id); }), ErrorCode::not_found);
  EXPECT_EQ(code_of([&] { stats(*w.db, base_a, w.doc, 987654); }), ErrorCode::not_found);
}

TEST(ReadingStats, OnlyMembersTheDocumentIsAddressedToCount) {
  World w;
  w.send(5, {ev(w.doc_b1, w.now - 5, 10, true)});
  auto s = stats(*w.db, with_grant(Role::committee, w.p, 1), w.doc_b1, w.s.id);
  EXPECT_EQ(s.tally.members, 1);
  EXPECT_EQ(s.tally.reached_end, 1);
  ASSERT_EQ(s.children.size(), 2u);
  EXPECT_EQ(s.children[0].tally.members, 0);  // base A: not addressed
  EXPECT_EQ(s.children[1].tally.members, 1);
}

TEST(ReadingStats, BothCountingStrategiesAgree) {
  World w;
  w.send(0, {ev(w.doc, w.now - 5, 10, true)});
  w.send(1, {ev(w.doc, w.now - 5, 10, false)});
  w.send(5, {ev(w.doc, w.now - 5, 10, false)});
  w.db->read([&](db::Connection& c) {
    auto by_item = store::readers_by_unit_from_item(c, "document", w.doc);
    auto by_members = store::readers_by_unit_from_members(c, "document", w.doc, w.p.path);
    auto key = [](std::vector<store::UnitReadingRow> v) {
      std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> out;
      for (const auto& r : v) out[r.unit_id] = {r.opened, r.reached_end};
      return out;
    };
    EXPECT_EQ(key(by_item), key(by_members));
    EXPECT_EQ(key(by_item)[w.a1.id], std::make_pair(std::int64_t{2}, std::int64_t{1}));
    EXPECT_EQ(store::item_record_count(c, "document", w.doc, 100), 3);
    EXPECT_EQ(store::item_record_count(c, "document", w.doc, 2), 2);
  });
}

TEST(ReadingStats, TableHasAVietnameseHeaderAndTheTotal) {
  World w;
  w.send(0, {ev(w.doc, w.now - 5, 10, true)});
  auto t = stats_table(stats(*w.db, with_grant(Role::committee, w.a, 1), w.doc, w.a.id));
  ASSERT_GE(t.size(), 4u);
  EXPECT_EQ(t[0][0], "Tổ chức đảng");
  EXPECT_EQ(t[1][0], "Chi bộ A1");
  EXPECT_EQ(t[1][2], "3");
  EXPECT_EQ(t[1][5], "33,3");
  EXPECT_EQ(t[3][0], "Cộng: Đảng bộ thôn A");
  EXPECT_EQ(t[5][0], "Đảng viên chưa đọc hết");
}

TEST(ReadingReminders, RemindNonReadersOncePerDayAndAudited) {
  World w;
  auto base_a = with_grant(Role::committee, w.a, 1);
  auto rr = require(*w.db, base_a, w.doc, w.a.id, timeutil::add_days(timeutil::today(), 3), "");
  w.send(0, {ev(w.doc, w.now - 5, 10, true)});
  w.send(1, {ev(w.doc, w.now - 5, 10, false)});
  EXPECT_EQ(remind(*w.db, base_a, rr.id, w.now), 4);  // m1..m4
  EXPECT_EQ(remind(*w.db, base_a, rr.id, w.now + 3600), 0);
  w.send(1, {ev(w.doc, w.now, 10, true)});
  EXPECT_EQ(remind(*w.db, base_a, rr.id, w.now + 86400), 3);  // a day later, those still not done
  auto items = required_for_member(*w.db, w.member(2), w.now);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].reminded_at, w.now + 86400);
  EXPECT_FALSE(required_for_member(*w.db, w.member(0), w.now)[0].reminded_at.has_value());
  auto audits = w.db->read_value([](db::Connection& c) {
    return c.query("SELECT COUNT(*) FROM audit_log WHERE action = 'required_reading.remind'").one().integer(0);
  });
  EXPECT_EQ(audits, 3);

  EXPECT_EQ(code_of([&] { remind(*w.db, with_grant(Role::cell_committee, w.b1, 1), rr.id, w.now); }), ErrorCode::not_found);
  EXPECT_EQ(code_of([&] { remind(*w.db, with_grant(Role::cell_committee, w.a1, 1), rr.id, w.now); }), ErrorCode::not_found);
  EXPECT_EQ(code_of([&] { remind(*w.db, w.member(0), rr.id, w.now); }), ErrorCode::not_found);
  EXPECT_EQ(code_of([&] { remind(*w.db, with_grant(Role::editor, w.p, 1), rr.id, w.now); }), ErrorCode::forbidden);
  EXPECT_EQ(code_of([&] { remind(*w.db, base_a, 123456, w.now); }), ErrorCode::not_found);
  testing::set_item_state(*w.db, "document", w.doc, "withdrawn");
  EXPECT_EQ(code_of([&] { remind(*w.db, base_a, rr.id, w.now); }), ErrorCode::conflict);
}

TEST(ReadingReminders, OverdueRequirementsAreRemindedOnce) {
  World w;
  auto yesterday = timeutil::add_days(timeutil::today(), -1);
  auto tomorrow = timeutil::add_days(timeutil::today(), 1);
  std::int64_t overdue = 0;
  w.db->write([&](db::Connection& c) {
    overdue = store::upsert_required_reading(c, w.doc, w.a1.id, yesterday, "", std::nullopt, w.now);
    store::upsert_required_reading(c, w.doc, w.b1.id, tomorrow, "", std::nullopt, w.now);
  });
  w.send(0, {ev(w.doc, w.now - 5, 10, true)});
  EXPECT_EQ(remind_overdue(*w.db, w.now), 2);  // m1, m2 of A1; B1 is not due yet
  EXPECT_EQ(remind_overdue(*w.db, w.now + 60), 0);
  auto rr = w.db->read_value([&](db::Connection& c) { return store::find_required_reading(c, overdue); });
  EXPECT_EQ(rr->reminded_at, w.now);
  EXPECT_TRUE(required_for_member(*w.db, w.member(1), w.now)[0].overdue);
  EXPECT_TRUE(required_for_member(*w.db, w.member(1), w.now)[0].reminded_at.has_value());
  // Two days on, B1's requirement is overdue too.
  EXPECT_EQ(remind_overdue(*w.db, w.now + 2 * 86400), 1);
}

}  // namespace
}  // namespace sotay::reading
