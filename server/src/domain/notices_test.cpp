// Notices on the backend chosen by SOTAY_TEST_DB: audience within scope, fan-out exactly once
// (also after a half-done run), inbox, acknowledgement, correction and recall with history,
// follow-up counts with drill-down, scheduled sending, reminders, push outbox and preferences.
#include "domain/notices.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "domain/errors.h"
#include "domain/members.h"
#include "domain/org_tree.h"
#include "domain/push_delivery.h"
#include "testing/actors.h"
#include "testing/errors.h"
#include "testing/test_db.h"
#include "util/crypto.h"
#include "util/web_push_crypto.h"

namespace sotay::notices {
namespace {

using testing::admin;
using testing::with_grant;

using testing::code_of;

constexpr std::int64_t kNow = 1'800'000'000;

struct World {
  std::unique_ptr<db::Database> db = testing::fresh_database();
  org::UnitRow province, base_a, base_b, cell_a1, cell_a2, cell_b1;
  std::vector<std::int64_t> a1, a2, b1;  // members per cell
  EventSink sink = [this](std::int64_t id) { delivered.push_back(id); };
  std::vector<std::int64_t> delivered;

  World() {
    auto a = admin();
    province = org::create(*db, a, {"P", "province", "Đảng bộ tỉnh Thử", std::nullopt, "2020-01-01"});
    base_a = org::create(*db, a, {"P-A", "base_committee", "Đảng bộ xã A", province.id, "2020-01-01"});
    base_b = org::create(*db, a, {"P-B", "base_committee", "Đảng bộ xã B", province.id, "2020-01-01"});
    cell_a1 = org::create(*db, a, {"P-A-1", "cell", "Chi bộ A1", base_a.id, "2020-01-01"});
    cell_a2 = org::create(*db, a, {"P-A-2", "cell", "Chi bộ A2", base_a.id, "2020-01-01"});
    cell_b1 = org::create(*db, a, {"P-B-1", "cell", "Chi bộ B1", base_b.id, "2020-01-01"});
    const char* names[] = {"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung",
                           "Hoàng Văn Em",  "Vũ Thị Giang",  "Đặng Văn Hùng"};
    int card = 100000, n = 0;
    for (int i = 0; i < 3; ++i) a1.push_back(add_member(cell_a1, names[n++], ++card));
    for (int i = 0; i < 2; ++i) a2.push_back(add_member(cell_a2, names[n++], ++card));
    for (int i = 0; i < 2; ++i) b1.push_back(add_member(cell_b1, names[n++], ++card));
    members::add_position(*db, admin(), cell_a1.id, a1[0], "secretary", "2025-01-01", std::nullopt);
    members::add_position(*db, admin(), cell_b1.id, b1[0], "secretary", "2025-01-01", std::nullopt);
  }
  std::int64_t add_member(const org::UnitRow& cell, const std::string& name, int card) {
    members::MemberInput in;
    in.full_name = name;
    in.admitted_on = "2010-01-01";
    in.official_on = "2011-01-01";
    in.card_number = std::to_string(card);
    return members::create(*db, admin(), cell.id, in).id;
  }
  static Actor member(std::int64_t id, const org::UnitRow& cell) {
    Actor a;
    a.member_id = id;
    a.member_unit_id = cell.id;
    a.member_unit_path = cell.path;
    a.grants.push_back({Role::member, cell.id, cell.path});
    return a;
  }
  Actor committee_a() const { return with_grant(Role::committee, base_a); }
  NoticeInput input(Audience audience, bool urgent = false, bool ack = false) const {
    NoticeInput in;
    in.title = "Họp khẩn cấp ủy";
    in.body = "Đề nghị các đồng chí có mặt lúc 8 giờ.\nMang theo sổ tay.";
    in.priority = urgent ? "urgent" : "normal";
    in.require_ack = ack;
    in.audience = std::move(audience);
    return in;
  }
};

TEST(Notices, ASubtreeNoticeReachesEveryActiveMemberOnce) {
  World w;
  auto d = create(*w.db, w.committee_a(), w.input({.units = {w.base_a.id}}), kNow, w.sink);
  EXPECT_EQ(d.notice.state, "sent");
  EXPECT_EQ(d.notice.recipients, 5);
  EXPECT_EQ(d.counts.recipients, 5);
  EXPECT_EQ(d.notice.sender_unit_id, w.base_a.id);
  ASSERT_EQ(w.delivered.size(), 1u);
  // A second run of the fan-out (as after a crash) adds nobody.
  fan_out(*w.db, d.notice.id, kNow, w.sink);
  EXPECT_EQ(detail(*w.db, w.committee_a(), d.notice.id).counts.recipients, 5);

  auto inbox_a1 = inbox(*w.db, World::member(w.a1[1], w.cell_a1), store::InboxShow::all, std::nullopt, 20, kNow);
  ASSERT_EQ(inbox_a1.items.size(), 1u);
  EXPECT_EQ(inbox_a1.unread, 1);
  EXPECT_EQ(inbox_a1.items[0].notice.title, "Họp khẩn cấp ủy");
  EXPECT_TRUE(inbox(*w.db, World::member(w.b1[0], w.cell_b1), store::InboxShow::all, std::nullopt, 20, kNow).items.empty());
}

TEST(Notices, AHalfDoneFanOutIsFinishedByTheWorkerExactlyOnce) {
  World w;
  // The notice as a process killed after its first window left it: 'sending', one recipient written.
  std::int64_t id = w.db->write_value([&](db::Connection& c) {
    store::NoticeRow n;
    n.sender_unit_id = w.base_a.id;
    n.title = "Thông báo";
    n.body = "Nội dung";
    n.priority = "normal";
    n.audience_json = R"({"units":[)" + std::to_string(w.base_a.id) + R"(],"roles":[],"members":[]})";
    n.state = "sending";
    n.send_at = n.created_at = kNow;
    auto id = store::insert_notice(c, n);
    store::AudienceFilter f;
    f.unit_paths = {w.cell_a1.path};
    store::fan_out_window(c, id, f, 0, w.a1[0]);
    return id;
  });
  EXPECT_EQ(w.db->read_value([&](db::Connection& c) { return store::count_recipients(c, id); }), 1);
  EXPECT_EQ(run_due(*w.db, kNow + 30, w.sink), 1);
  auto d = detail(*w.db, admin(), id);
  EXPECT_EQ(d.notice.state, "sent");
  EXPECT_EQ(d.counts.recipients, 5);
  EXPECT_EQ(w.delivered.size(), 1u);
  EXPECT_EQ(run_due(*w.db, kNow + 60, w.sink), 0);  // nothing left to do
}

TEST(Notices, AudienceOutsideTheSendersScopeIsRefusedWithTheField) {
  World w;
  try {
    create(*w.db, w.committee_a(), w.input({.units = {w.base_b.id}}), kNow, w.sink);
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::validation_failed);
    ASSERT_FALSE(e.fields().empty());
    EXPECT_EQ(e.fields()[0].field, "audience.units");
  }
  EXPECT_EQ(code_of([&] { create(*w.db, w.committee_a(), w.input({.members = {w.b1[1]}}), kNow, w.sink); }),
            ErrorCode::validation_failed);
  EXPECT_EQ(code_of([&] { create(*w.db, w.committee_a(), w.input({.units = {999999}}), kNow, w.sink); }),
            ErrorCode::validation_failed);
  EXPECT_EQ(code_of([&] { create(*w.db, w.committee_a(), w.input({}), kNow, w.sink); }), ErrorCode::validation_failed);
  EXPECT_EQ(code_of([&] { create(*w.db, w.committee_a(), w.input({.roles = {"chu_tich"}}), kNow, w.sink); }),
            ErrorCode::validation_failed);
  // A plain member and an editor may not send.
  EXPECT_EQ(code_of([&] { create(*w.db, World::member(w.a1[0], w.cell_a1), w.input({.units = {w.cell_a1.id}}), kNow, w.sink); }),
            ErrorCode::forbidden);
  EXPECT_EQ(code_of([&] {
              create(*w.db, with_grant(Role::editor, w.province), w.input({.units = {w.cell_a1.id}}), kNow, w.sink);
            }),
            ErrorCode::forbidden);
  auto bad = w.input({.units = {w.cell_a1.id}});
  bad.title = "   ";
  EXPECT_EQ(code_of([&] { create(*w.db, w.committee_a(), bad, kNow, w.sink); }), ErrorCode::validation_failed);
  bad = w.input({.units = {w.cell_a1.id}});
  bad.body = std::string("a\0b", 3);
  EXPECT_EQ(code_of([&] { create(*w.db, w.committee_a(), bad, kNow, w.sink); }), ErrorCode::validation_failed);
  // Nothing was stored by the refusals.
  EXPECT_TRUE(list(*w.db, admin(), std::nullopt, std::nullopt, 50).items.empty());
}

TEST(Notices, RolesAndNamedMembers) {
  World w;
  auto province = with_grant(Role::committee, w.province);
  // Only secretaries across the whole scope.
  EXPECT_EQ(preview(*w.db, province, {.roles = {"secretary"}}), 2);
  // Secretaries of base A, plus one named member of base B.
  auto d = create(*w.db, province, w.input({.units = {w.base_a.id}, .roles = {"secretary"}, .members = {w.b1[1]}}), kNow,
                  w.sink);
  EXPECT_EQ(d.counts.recipients, 2);
  EXPECT_EQ(d.notice.sender_unit_id, w.province.id);
  EXPECT_EQ(inbox(*w.db, World::member(w.b1[1], w.cell_b1), store::InboxShow::all, std::nullopt, 20, kNow).items.size(), 1u);
  EXPECT_TRUE(inbox(*w.db, World::member(w.a1[1], w.cell_a1), store::InboxShow::all, std::nullopt, 20, kNow).items.empty());
}

TEST(Notices, ReadOnOpenAcknowledgeAndFollowUpWithDrillDown) {
  World w;
  auto d = create(*w.db, w.committee_a(), w.input({.units = {w.base_a.id}}, true, true), kNow, w.sink);
  auto reader = World::member(w.a1[0], w.cell_a1);
  auto opened = open(*w.db, reader, d.notice.id, kNow + 5);
  EXPECT_EQ(opened.item.read_at, kNow + 5);
  EXPECT_EQ(opened.history.size(), 1u);
  EXPECT_EQ(acknowledge(*w.db, reader, d.notice.id, kNow + 10), kNow + 10);
  EXPECT_EQ(acknowledge(*w.db, reader, d.notice.id, kNow + 20), kNow + 10);  // idempotent
  // Someone who is not a recipient: 404.
  EXPECT_EQ(code_of([&] { acknowledge(*w.db, World::member(w.b1[0], w.cell_b1), d.notice.id, kNow); }),
            ErrorCode::not_found);

  auto s = stats(*w.db, w.committee_a(), d.notice.id, std::nullopt);
  EXPECT_EQ(s.unit.id, w.base_a.id);
  EXPECT_EQ(s.unit.counts.recipients, 5);
  EXPECT_EQ(s.unit.counts.read, 1);
  EXPECT_EQ(s.unit.counts.acked, 1);
  ASSERT_EQ(s.children.size(), 2u);
  auto drill = stats(*w.db, w.committee_a(), d.notice.id, w.cell_a1.id);
  EXPECT_EQ(drill.unit.counts.recipients, 3);
  EXPECT_EQ(drill.unit.counts.acked, 1);
  ASSERT_EQ(drill.breadcrumbs.size(), 2u);
  auto p = pending(*w.db, w.committee_a(), d.notice.id, w.cell_a1.id, "ack");
  EXPECT_EQ(p.total, 2);
  EXPECT_EQ(p.members.size(), 2u);
  // Another base committee cannot see it; the province can.
  EXPECT_EQ(code_of([&] { stats(*w.db, with_grant(Role::committee, w.base_b), d.notice.id, std::nullopt); }),
            ErrorCode::not_found);
  EXPECT_EQ(stats(*w.db, with_grant(Role::committee, w.province), d.notice.id, std::nullopt).unit.counts.acked, 1);
  // Drill-down outside the notice's audience subtree: 404.
  EXPECT_EQ(code_of([&] { stats(*w.db, w.committee_a(), d.notice.id, w.cell_b1.id); }), ErrorCode::not_found);
}

TEST(Notices, TheInboxShowsAllUnreadOrWhatWaitsForAnAcknowledgement) {
  World w;
  auto reader = World::member(w.a1[0], w.cell_a1);
  auto plain = create(*w.db, w.committee_a(), w.input({.units = {w.cell_a1.id}}), kNow, w.sink);
  auto asks = create(*w.db, w.committee_a(), w.input({.units = {w.cell_a1.id}}, true, true), kNow, w.sink);
  auto answered = create(*w.db, w.committee_a(), w.input({.units = {w.cell_a1.id}}, false, true), kNow, w.sink);
  auto withdrawn = create(*w.db, w.committee_a(), w.input({.units = {w.cell_a1.id}}, false, true), kNow, w.sink);
  open(*w.db, reader, plain.notice.id, kNow + 1);
  acknowledge(*w.db, reader, answered.notice.id, kNow + 2);
  recall(*w.db, w.committee_a(), withdrawn.notice.id, "Gửi nhầm", kNow + 3, w.sink);
  auto ids = [&](store::InboxShow show, std::optional<std::int64_t> before = std::nullopt, int limit = 20) {
    std::vector<std::int64_t> out;
    for (const auto& it : inbox(*w.db, reader, show, before, limit, kNow + 10).items) out.push_back(it.notice.id);
    return out;
  };
  using V = std::vector<std::int64_t>;
  EXPECT_EQ(ids(store::InboxShow::all), (V{withdrawn.notice.id, answered.notice.id, asks.notice.id, plain.notice.id}));
  // Acknowledging opens the notice too, so only the one asking and the recalled one are unread.
  EXPECT_EQ(ids(store::InboxShow::unread), (V{withdrawn.notice.id, asks.notice.id}));
  EXPECT_EQ(ids(store::InboxShow::to_ack), (V{asks.notice.id}));
  auto page = inbox(*w.db, reader, store::InboxShow::to_ack, std::nullopt, 20, kNow + 10);
  EXPECT_EQ(page.to_ack, 1);
  EXPECT_EQ(page.unread, 2);
  // Pages of a filter follow its own cursor.
  auto first = inbox(*w.db, reader, store::InboxShow::unread, std::nullopt, 1, kNow + 10);
  ASSERT_EQ(first.items.size(), 1u);
  ASSERT_TRUE(first.next_before.has_value());
  EXPECT_EQ(ids(store::InboxShow::unread, first.next_before), (V{asks.notice.id}));
  EXPECT_EQ(inbox_show(""), store::InboxShow::all);
  EXPECT_EQ(inbox_show("to_ack"), store::InboxShow::to_ack);
  EXPECT_EQ(code_of([&] { inbox_show("chua-doc"); }), ErrorCode::bad_request);
}

TEST(Notices, AMemberFindsANoticeByItsWordsWithOrWithoutMarks) {
  World w;
  auto reader = World::member(w.a1[0], w.cell_a1);
  auto send = [&](const std::string& title, const std::string& body, bool ack = false, const Actor* from = nullptr) {
    auto in = w.input({.units = {w.cell_a1.id}}, false, ack);
    in.title = title;
    in.body = body;
    return create(*w.db, from ? *from : w.committee_a(), in, kNow, w.sink).notice.id;
  };
  const auto province = with_grant(Role::committee, w.province);
  const auto from_province = send("Kế hoạch năm", "Triển khai nhiệm vụ.", false, &province);
  const auto tet = send("Lịch trực Tết Nguyên đán", "Các đồng chí xem lịch trực tại trụ sở.", true);
  const auto meeting = send("Họp chi bộ thường kỳ", "Đề nghị có mặt lúc 19 giờ.");
  // More than one batch of other notices in between, so the search reads on past them.
  for (int i = 0; i < 205; ++i) send("Thông tin số " + std::to_string(i), "Nội dung thường.");
  const auto coop = send("Hợp tác xã nông nghiệp", "Báo cáo tình hình sản xuất.");
  auto found = [&](std::string_view words, store::InboxShow show = store::InboxShow::all,
                   std::optional<std::int64_t> before = std::nullopt, int limit = 20) {
    std::vector<std::int64_t> out;
    for (const auto& it : inbox(*w.db, reader, show, before, limit, kNow + 10, words).items) out.push_back(it.notice.id);
    return out;
  };
  using V = std::vector<std::int64_t>;
  EXPECT_EQ(found("tet"), V{tet});
  EXPECT_EQ(found("LỊCH TRỰC"), V{tet});
  EXPECT_EQ(found("tru so"), V{tet}) << "the text counts as well as the title";
  EXPECT_EQ(found("tỉnh thử"), V{from_province}) << "so does the sender";
  EXPECT_EQ(found("họp"), V{meeting}) << "marks typed are kept";
  EXPECT_EQ(found("hop"), (V{coop, meeting})) << "marks left out match either";
  EXPECT_TRUE(found("họp tết").empty()) << "every word must be there";
  EXPECT_TRUE(found("không có đâu").empty());
  // With a view and in pages.
  EXPECT_EQ(found("lich", store::InboxShow::to_ack), V{tet});
  EXPECT_TRUE(found("hop", store::InboxShow::to_ack).empty());
  auto first = inbox(*w.db, reader, store::InboxShow::all, std::nullopt, 1, kNow + 10, "hop");
  ASSERT_EQ(first.items.size(), 1u);
  EXPECT_EQ(first.items[0].notice.id, coop);
  ASSERT_TRUE(first.next_before.has_value());
  EXPECT_EQ(found("hop", store::InboxShow::all, first.next_before, 1), V{meeting});
  // Only the member's own notices: another cell's member finds nothing.
  EXPECT_TRUE(inbox(*w.db, World::member(w.b1[0], w.cell_b1), store::InboxShow::all, std::nullopt, 20, kNow, "tet")
                  .items.empty());
}

TEST(Notices, CorrectionAndRecallKeepTheHistoryAndReachOpenApps) {
  World w;
  auto d = create(*w.db, w.committee_a(), w.input({.units = {w.cell_a1.id}}, false, true), kNow, w.sink);
  auto reader = World::member(w.a1[0], w.cell_a1);
  open(*w.db, reader, d.notice.id, kNow + 1);
  auto c = correct(*w.db, w.committee_a(), d.notice.id, {.body = "Đổi giờ họp: 9 giờ.", .note = "Sai giờ"}, kNow + 60, w.sink,
                   /*files_dir=*/{});
  EXPECT_EQ(c.notice.version, 2);
  EXPECT_EQ(c.history.size(), 2u);
  EXPECT_EQ(w.delivered.size(), 2u);
  auto item = inbox(*w.db, reader, store::InboxShow::all, std::nullopt, 20, kNow + 61).items.at(0);
  EXPECT_FALSE(item.read_at.has_value()) << "a correction is read again";
  EXPECT_EQ(item.notice.body, "Đổi giờ họp: 9 giờ.");
  auto r = recall(*w.db, w.committee_a(), d.notice.id, "Đã hoãn cuộc họp", kNow + 120, w.sink);
  EXPECT_EQ(r.notice.recalled_at, kNow + 120);
  EXPECT_EQ(w.delivered.size(), 3u);
  EXPECT_EQ(open(*w.db, reader, d.notice.id, kNow + 130).history.size(), 3u);
  EXPECT_EQ(code_of([&] { acknowledge(*w.db, reader, d.notice.id, kNow + 140); }), ErrorCode::conflict);
  EXPECT_EQ(code_of([&] { correct(*w.db, w.committee_a(), d.notice.id, {.body = "x"}, kNow, w.sink, {}); }),
            ErrorCode::conflict);
}

TEST(Notices, ScheduledNoticesWaitThenGoOutAndCanBeCancelled) {
  World w;
  auto in = w.input({.units = {w.cell_a1.id}});
  in.send_at = kNow + 3600;
  auto d = create(*w.db, w.committee_a(), in, kNow, w.sink);
  EXPECT_EQ(d.notice.state, "scheduled");
  EXPECT_EQ(d.counts.recipients, 0);
  EXPECT_EQ(run_due(*w.db, kNow + 60, w.sink), 0);
  EXPECT_EQ(run_due(*w.db, kNow + 3600, w.sink), 1);
  EXPECT_EQ(detail(*w.db, w.committee_a(), d.notice.id).counts.recipients, 3);

  in.send_at = kNow + 7200;
  auto later = create(*w.db, w.committee_a(), in, kNow, w.sink);
  EXPECT_EQ(cancel(*w.db, w.committee_a(), later.notice.id, kNow).notice.state, "cancelled");
  EXPECT_EQ(run_due(*w.db, kNow + 7200, w.sink), 0);
  EXPECT_EQ(code_of([&] { cancel(*w.db, w.committee_a(), d.notice.id, kNow); }), ErrorCode::conflict);
}

TEST(Notices, UrgentNoticesRemindThoseWhoHaveNotAcknowledgedAtMostThreeTimes) {
  World w;
  auto d = create(*w.db, w.committee_a(), w.input({.units = {w.cell_a1.id}}, true, true), kNow, w.sink);
  acknowledge(*w.db, World::member(w.a1[0], w.cell_a1), d.notice.id, kNow + 10);
  ASSERT_TRUE(d.notice.next_reminder_at);
  EXPECT_EQ(*d.notice.next_reminder_at, kNow + kReminderAfter[0]);
  int rounds = 0;
  for (std::int64_t t = kNow; t <= kNow + 3 * 24 * 3600; t += 1800) rounds += run_due(*w.db, t, w.sink);
  EXPECT_EQ(rounds, 3);
  auto p = pending(*w.db, w.committee_a(), d.notice.id, std::nullopt, "ack");
  ASSERT_EQ(p.members.size(), 2u);
  EXPECT_TRUE(p.members[0].reminded_at.has_value());
  EXPECT_EQ(detail(*w.db, w.committee_a(), d.notice.id).notice.reminders_sent, 3);
}

TEST(Notices, ACommitteeRemindsThoseWhoHaveNotAcknowledgedAtMostOnceAnHour) {
  World w;
  auto d = create(*w.db, w.committee_a(), w.input({.units = {w.cell_a1.id}}, false, true), kNow, w.sink);
  acknowledge(*w.db, World::member(w.a1[0], w.cell_a1), d.notice.id, kNow + 10);
  const auto events = w.delivered.size();
  EXPECT_EQ(remind(*w.db, w.committee_a(), d.notice.id, kNow + 60, w.sink), 2);
  ASSERT_EQ(w.delivered.size(), events + 1) << "the reminder goes to open apps";
  auto p = pending(*w.db, w.committee_a(), d.notice.id, std::nullopt, "ack");
  ASSERT_EQ(p.members.size(), 2u);
  for (const auto& m : p.members) EXPECT_EQ(m.reminded_at, kNow + 60);
  auto audited = w.db->read_value([&](db::Connection& c) {
    return c.query("SELECT COUNT(*) FROM audit_log WHERE action = 'notice.remind' AND entity_id = $1", {d.notice.id})
        .one()
        .integer(0);
  });
  EXPECT_EQ(audited, 1);

  // Within the hour: refused, saying when; after it, again.
  auto soon = code_of([&] { remind(*w.db, w.committee_a(), d.notice.id, kNow + 60 + 600, w.sink); });
  EXPECT_EQ(soon, ErrorCode::conflict);
  try {
    remind(*w.db, w.committee_a(), d.notice.id, kNow + 60 + 600, w.sink);
  } catch (const Error& e) {
    EXPECT_NE(e.message().find("sau 50 phút nữa"), std::string::npos) << e.message();
  }
  EXPECT_EQ(remind(*w.db, w.committee_a(), d.notice.id, kNow + 60 + kRemindEverySeconds, w.sink), 2);

  // Out of scope: as if it did not exist. Nothing to ask, nobody left, recalled: 409.
  EXPECT_EQ(code_of([&] { remind(*w.db, with_grant(Role::committee, w.base_b), d.notice.id, kNow + 9000, w.sink); }),
            ErrorCode::not_found);
  auto plain = create(*w.db, w.committee_a(), w.input({.units = {w.cell_a1.id}}), kNow, w.sink);
  EXPECT_EQ(code_of([&] { remind(*w.db, w.committee_a(), plain.notice.id, kNow + 9000, w.sink); }), ErrorCode::conflict);
  auto few = create(*w.db, w.committee_a(), w.input({.members = {w.a1[1]}}, false, true), kNow, w.sink);
  acknowledge(*w.db, World::member(w.a1[1], w.cell_a1), few.notice.id, kNow + 5);
  EXPECT_EQ(code_of([&] { remind(*w.db, w.committee_a(), few.notice.id, kNow + 9000, w.sink); }), ErrorCode::conflict);
  recall(*w.db, w.committee_a(), d.notice.id, "Hoãn", kNow + 9000, w.sink);
  EXPECT_EQ(code_of([&] { remind(*w.db, w.committee_a(), d.notice.id, kNow + 99000, w.sink); }), ErrorCode::conflict);
}

TEST(Notices, AnAutomaticReminderWaitsAnHourAfterOneByHand) {
  World w;
  auto d = create(*w.db, w.committee_a(), w.input({.units = {w.cell_a1.id}}, true, true), kNow, w.sink);
  // By hand ten minutes before the first automatic round.
  const auto by_hand = kNow + kReminderAfter[0] - 600;
  EXPECT_EQ(remind(*w.db, w.committee_a(), d.notice.id, by_hand, w.sink), 3);
  const auto events = w.delivered.size();
  // The round comes due, but members were reminded ten minutes ago: nothing goes out, it waits.
  EXPECT_EQ(run_due(*w.db, kNow + kReminderAfter[0], w.sink), 1);
  EXPECT_EQ(w.delivered.size(), events);
  auto waiting = detail(*w.db, w.committee_a(), d.notice.id);
  EXPECT_EQ(waiting.last_reminded_at, by_hand);
  EXPECT_EQ(waiting.notice.reminders_sent, 0);
  EXPECT_EQ(waiting.notice.next_reminder_at, by_hand + kRemindEverySeconds);
  EXPECT_EQ(run_due(*w.db, by_hand + kRemindEverySeconds - 1, w.sink), 0);
  // An hour after the one by hand, the round goes out; the next keeps its time.
  EXPECT_EQ(run_due(*w.db, by_hand + kRemindEverySeconds, w.sink), 1);
  EXPECT_EQ(w.delivered.size(), events + 1);
  auto after = detail(*w.db, w.committee_a(), d.notice.id);
  EXPECT_EQ(after.notice.reminders_sent, 1);
  EXPECT_EQ(after.notice.next_reminder_at, kNow + kReminderAfter[1]);
  EXPECT_EQ(after.last_reminded_at, by_hand + kRemindEverySeconds);

  // A round that would have to wait past the deadline is dropped, and with it the later ones.
  auto in = w.input({.units = {w.cell_a1.id}}, true, true);
  in.ack_deadline = kNow + kReminderAfter[0] + 300;
  auto tight = create(*w.db, w.committee_a(), in, kNow, w.sink);
  remind(*w.db, w.committee_a(), tight.notice.id, kNow + kReminderAfter[0] - 600, w.sink);
  run_due(*w.db, kNow + kReminderAfter[0], w.sink);
  auto dropped = detail(*w.db, w.committee_a(), tight.notice.id);
  EXPECT_FALSE(dropped.notice.next_reminder_at.has_value());
  EXPECT_EQ(dropped.notice.reminders_sent, 0);
}

TEST(Notices, ALiveEventReadsTheRowsOfConnectedRecipientsOnly) {
  World w;
  // An account for every member, and one more for the first member of A1 (a second phone).
  std::map<std::int64_t, std::int64_t> account_of;  // member → account
  std::int64_t second_phone = 0;
  w.db->write([&](db::Connection& c) {
    for (const auto* cell : {&w.a1, &w.a2, &w.b1})
      for (auto m : *cell)
        account_of[m] = c.query("INSERT INTO accounts(login, member_id, password_hash, created_at) VALUES ($1,$2,'x',0) "
                                "RETURNING id",
                                {"dv" + std::to_string(m), m})
                            .one()
                            .integer(0);
    second_phone = c.query("INSERT INTO accounts(login, member_id, password_hash, created_at) VALUES ('dv-2',$1,'x',0) "
                           "RETURNING id",
                           {w.a1[0]})
                       .one()
                       .integer(0);
  });
  auto sorted = [](std::vector<std::int64_t> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  auto accounts_in = [](const LiveEvent& e) {
    std::vector<std::int64_t> out;
    for (const auto& [account, row] : e.items) out.push_back(account);
    std::sort(out.begin(), out.end());
    return out;
  };

  // To base A (5 recipients) with 3 apps open, one of them outside the audience: the accounts are
  // looked up among the recipients.
  auto big = create(*w.db, w.committee_a(), w.input({.units = {w.base_a.id}}, true, true), kNow, w.sink);
  auto e = live_event(*w.db, w.delivered.back(), sorted({account_of[w.a1[0]], second_phone, account_of[w.b1[0]]}));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->event.event, "sent");
  EXPECT_EQ(accounts_in(*e), sorted({account_of[w.a1[0]], second_phone}));
  EXPECT_EQ(e->items[0].second.notice.id, big.notice.id);

  // To one member with every app open (more apps than recipients): the recipients, filtered.
  std::vector<std::int64_t> everyone;
  for (const auto& [member, account] : account_of) everyone.push_back(account);
  everyone.push_back(second_phone);
  create(*w.db, w.committee_a(), w.input({.members = {w.a2[1]}}), kNow, w.sink);
  e = live_event(*w.db, w.delivered.back(), sorted(everyone));
  ASSERT_TRUE(e);
  EXPECT_EQ(accounts_in(*e), std::vector<std::int64_t>{account_of[w.a2[1]]});
  EXPECT_EQ(e->items[0].second.member_id, w.a2[1]);

  // A reminder reaches only those who have not acknowledged, on either path.
  acknowledge(*w.db, World::member(w.a1[0], w.cell_a1), big.notice.id, kNow + 5);
  run_due(*w.db, kNow + kReminderAfter[0], w.sink);
  e = live_event(*w.db, w.delivered.back(), sorted({account_of[w.a1[0]], second_phone, account_of[w.a1[1]]}));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->event.event, "reminded");
  EXPECT_EQ(accounts_in(*e), std::vector<std::int64_t>{account_of[w.a1[1]]});
  e = live_event(*w.db, w.delivered.back(), sorted(everyone));
  EXPECT_EQ(accounts_in(*e).size(), 4u);  // the five recipients but the one who acknowledged

  // Nobody connected: the event, no rows.
  e = live_event(*w.db, w.delivered.back(), {});
  ASSERT_TRUE(e);
  EXPECT_TRUE(e->items.empty());
}

TEST(Notices, PushOutboxHonoursPreferencesExceptForUrgentNotices) {
  World w;
  // Accounts with one push subscription each for two members of cell A1.
  std::vector<std::int64_t> accounts;
  w.db->write([&](db::Connection& c) {
    for (int i = 0; i < 2; ++i) {
      auto account = c.query("INSERT INTO accounts(login, member_id, password_hash, created_at) VALUES ($1,$2,'x',0) "
                             "RETURNING id",
                             {"dv" + std::to_string(i), w.a1[static_cast<std::size_t>(i)]})
                         .one()
                         .integer(0);
      accounts.push_back(account);
      auto device = webpush::generate_vapid_keys();  // any P-256 pair serves as a device's keys
      store::save_push_subscription(c,
                                    {0, account, "https://push.example.net/s/" + std::to_string(i),
                                     crypto::base64url_encode(device.public_key),
                                     crypto::base64url_encode(crypto::random_bytes(16)), "test"},
                                    kNow);
    }
    store::replace_notification_prefs(c, accounts[1], {{"notices", "base", false}});
  });
  auto jobs = [&] { return w.db->read_value([](db::Connection& c) { return store::count_push_jobs(c); }); };
  create(*w.db, w.committee_a(), w.input({.units = {w.cell_a1.id}}), kNow, w.sink);
  EXPECT_EQ(jobs(), 1);  // the second account muted notices from base committees
  create(*w.db, w.committee_a(), w.input({.units = {w.cell_a1.id}}, true), kNow, w.sink);
  EXPECT_EQ(jobs(), 3);  // urgent: both

  // The push service accepts device 0's pushes; device 1's answers 503, then 410 (gone).
  int gone_calls = 0;
  push::Sender sender(
      *w.db,
      [&](const push::TransportRequest& r) {
        EXPECT_GT(r.body.size(), webpush::kHeaderBytes);
        EXPECT_EQ(r.authorization.rfind("vapid t=", 0), 0u);
        if (r.endpoint.ends_with("/0")) return push::TransportResult{201, "", std::nullopt};
        return push::TransportResult{gone_calls++ == 0 ? 503 : 410, "", std::nullopt};
      },
      {});
  EXPECT_EQ(sender.run_once(kNow).total(), 0);  // not due yet: an open app may get it live first
  auto first = sender.run_once(kNow + kPushDelaySeconds);
  EXPECT_EQ(first.sent, 2);
  EXPECT_EQ(first.retried, 1);
  EXPECT_EQ(jobs(), 1);
  EXPECT_EQ(sender.run_once(kNow + kPushDelaySeconds + 1).total(), 0);  // waiting for its backoff
  auto second = sender.run_once(kNow + kPushDelaySeconds + 31);
  EXPECT_EQ(second.gone, 1);
  EXPECT_EQ(jobs(), 0);
  EXPECT_EQ(w.db->read_value([&](db::Connection& c) { return store::count_push_subscriptions(c, accounts[1]); }), 0);
  EXPECT_EQ(w.db->read_value([&](db::Connection& c) { return store::count_push_subscriptions(c, accounts[0]); }), 1);
}

TEST(Notices, PreferencesAreValidatedAndKeptPerAccount) {
  World w;
  Actor a = World::member(w.a1[0], w.cell_a1);
  a.account_id = w.db->write_value([&](db::Connection& c) {
    return c.query("INSERT INTO accounts(login, member_id, password_hash, created_at) VALUES ('p', $1, 'x', 0) RETURNING id",
                   {w.a1[0]})
        .one()
        .integer(0);
  });
  auto saved = save_prefs(*w.db, a, {{"news", "province", false}, {"notices", "cell", true}});
  EXPECT_EQ(saved.size(), 2u);
  EXPECT_EQ(prefs(*w.db, a).size(), 2u);
  EXPECT_EQ(code_of([&] { save_prefs(*w.db, a, {{"weather", "cell", true}}); }), ErrorCode::validation_failed);
  EXPECT_EQ(prefs(*w.db, a).size(), 2u);
}

}  // namespace
}  // namespace sotay::notices
