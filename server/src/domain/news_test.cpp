// News on the backend chosen by SOTAY_TEST_DB: workflow, scope, audience, versions, scheduling,
// the member feed, covers.
#include "domain/news.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>
#include <map>
#include <set>

#include "domain/errors.h"
#include "domain/markdown.h"
#include "domain/members.h"
#include "domain/org_tree.h"
#include "testing/actors.h"
#include "testing/errors.h"
#include "testing/test_db.h"
#include "util/time.h"

namespace sotay::news {
namespace {

using testing::admin;
using testing::with_grant;

// A 4×3 RGB PNG.
const std::string kPng(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x04\x00\x00\x00\x03\x08\x02\x00\x00"
    "\x00\x3b\x96\x39\x91\x00\x00\x00\x10\x49\x44\x41\x54\x78\x9c\x63\x38\xa3\xa4\x04\x47\x0c\x38\x39\x00\x00\xce\x0c"
    "\xc1\x8d\xf7\x9b\x7d\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
    73);

using testing::code_of;

std::string message_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.message();
  }
  return "";
}

struct World {
  std::unique_ptr<db::Database> db = testing::fresh_database();
  org::UnitRow province, sub, base_a, base_b, cell_a1, cell_b1;
  std::int64_t member_a1 = 0, member_b1 = 0;
  World() {
    auto a = admin();
    province = org::create(*db, a, {"P", "province", "Đảng bộ tỉnh Thử", std::nullopt, "2020-01-01"});
    sub = org::create(*db, a, {"P-S", "subordinate_committee", "Đảng bộ xã Một", province.id, "2020-01-01"});
    base_a = org::create(*db, a, {"P-S-A", "base_committee", "Đảng bộ thôn A", sub.id, "2020-01-01"});
    base_b = org::create(*db, a, {"P-S-B", "base_committee", "Đảng bộ thôn B", sub.id, "2020-01-01"});
    cell_a1 = org::create(*db, a, {"P-S-A-1", "cell", "Chi bộ A1", base_a.id, "2020-01-01"});
    cell_b1 = org::create(*db, a, {"P-S-B-1", "cell", "Chi bộ B1", base_b.id, "2020-01-01"});
    member_a1 = add_member(cell_a1, "Nguyễn Văn An", "100001");
    member_b1 = add_member(cell_b1, "Trần Thị Bình", "100002");
  }
  std::int64_t add_member(const org::UnitRow& cell, const std::string& name, const std::string& card) {
    members::MemberInput in;
    in.full_name = name;
    in.admitted_on = "2010-01-01";
    in.official_on = "2011-01-01";
    in.card_number = card;
    return members::create(*db, admin(), cell.id, in).id;
  }
  Actor member(std::int64_t member_id, const org::UnitRow& cell) const {
    Actor a;
    a.member_id = member_id;
    a.member_unit_id = cell.id;
    a.member_unit_path = cell.path;
    a.grants.push_back({Role::member, cell.id, cell.path});
    return a;
  }
  Actor reader_a1() const { return member(member_a1, cell_a1); }
  Actor reader_b1() const { return member(member_b1, cell_b1); }

  NewsInput input(const std::string& title, std::int64_t owner, std::vector<std::int64_t> audience = {}) const {
    NewsInput in;
    in.title = title;
    in.summary = "Tóm tắt " + title;
    in.body = "## " + title + "\n\nNội dung **chính**.";
    in.category = "Thời sự";
    in.owner_unit_id = owner;
    in.audience_unit_ids = std::move(audience);
    return in;
  }
  std::int64_t published(const Actor& editor, NewsInput in) {
    auto id = create(*db, editor, std::move(in));
    publish(*db, editor, id, std::nullopt);
    return id;
  }
  void set_published_at(std::int64_t id, std::int64_t at) {
    db->write([&](db::Connection& c) { c.query("UPDATE news SET published_at = $1 WHERE id = $2", {at, id}); });
  }
  std::vector<std::string> audit_actions(std::int64_t id) {
    return db->read_value([&](db::Connection& c) {
      std::vector<std::string> out;
      for (const auto& r :
           c.query("SELECT action FROM audit_log WHERE entity = 'news' AND entity_id = $1 ORDER BY id", {id}).rows)
        out.push_back(r.text(0));
      return out;
    });
  }
  std::int64_t search_entries(std::int64_t id) {
    return db->read_value([&](db::Connection& c) {
      return c.query("SELECT COUNT(*) FROM search_entries WHERE item_kind = 'news' AND item_id = $1", {id}).one().integer(0);
    });
  }
  std::vector<std::int64_t> feed_ids(const Actor& actor, FeedRequest r = {}) {
    std::vector<std::int64_t> out;
    for (const auto& row : feed(*db, actor, r).items) out.push_back(row.news.id);
    return out;
  }
};

TEST(News, CategoriesAreOneList) {
  EXPECT_EQ(std::size(kCategories), 6u);
  EXPECT_TRUE(is_category("Học tập và làm theo Bác"));
  EXPECT_TRUE(is_category("Chuyển đổi số"));
  EXPECT_FALSE(is_category("Thể thao"));
  EXPECT_FALSE(is_category(""));
}

TEST(News, WorkflowWithAuditAndIndex) {
  World w;
  auto editor = with_grant(Role::editor, w.base_a);
  auto id = create(*w.db, editor, w.input("Hội nghị chi bộ", w.base_a.id));
  auto v = get(*w.db, editor, id);
  EXPECT_EQ(v.news.state, "draft");
  EXPECT_EQ(v.news.version, 1);
  EXPECT_TRUE(v.can_edit);
  ASSERT_EQ(v.audience.size(), 1u);  // no audience given: the owner unit's subtree
  EXPECT_EQ(v.audience[0].id, w.base_a.id);
  EXPECT_EQ(v.audience[0].name, "Đảng bộ thôn A");
  // A draft is invisible to members.
  EXPECT_EQ(code_of([&] { get(*w.db, w.reader_a1(), id); }), ErrorCode::not_found);
  EXPECT_EQ(w.search_entries(id), 0);

  submit(*w.db, editor, id);
  EXPECT_EQ(code_of([&] { submit(*w.db, editor, id); }), ErrorCode::conflict);
  publish(*w.db, editor, id, std::nullopt);
  v = get(*w.db, w.reader_a1(), id);
  EXPECT_EQ(v.news.state, "published");
  EXPECT_TRUE(v.news.published_at.has_value());
  EXPECT_FALSE(v.can_edit);
  EXPECT_EQ(w.search_entries(id), 1);

  withdraw(*w.db, editor, id);
  EXPECT_EQ(code_of([&] { get(*w.db, w.reader_a1(), id); }), ErrorCode::not_found);
  EXPECT_EQ(w.search_entries(id), 0);
  return_to_draft(*w.db, editor, id, "Sửa lại tiêu đề");
  EXPECT_EQ(get(*w.db, editor, id).news.state, "draft");
  EXPECT_EQ(code_of([&] { withdraw(*w.db, editor, id); }), ErrorCode::conflict);

  EXPECT_EQ(w.audit_actions(id), (std::vector<std::string>{"news.create", "news.submit", "news.publish",
                                                            "news.withdraw", "news.return"}));
}

TEST(News, UpdateKeepsVersionsAndRefusesStaleSaves) {
  World w;
  auto editor = with_grant(Role::editor, w.base_a);
  auto id = w.published(editor, w.input("Bản đầu", w.base_a.id));
  auto in = w.input("Bản hai", w.base_a.id);
  in.body = "Nội dung mới về chuyển đổi số";
  update(*w.db, editor, id, in, 1);
  auto v = get(*w.db, editor, id);
  EXPECT_EQ(v.news.version, 2);
  EXPECT_EQ(v.news.title, "Bản hai");
  EXPECT_EQ(v.news.state, "published");  // editing a published article keeps it published …
  auto indexed = w.db->read_value([&](db::Connection& c) {
    return c.query("SELECT exact FROM search_entries WHERE item_kind = 'news' AND item_id = $1", {id}).one().text(0);
  });
  EXPECT_NE(indexed.find("chuyển đổi số"), std::string::npos) << indexed;  // … and re-indexed

  // Someone else saved version 2 first.
  auto stale = w.input("Bản ba", w.base_a.id);
  auto err = [&] { update(*w.db, editor, id, stale, 1); };
  EXPECT_EQ(code_of(err), ErrorCode::conflict);
  EXPECT_NE(message_of(err).find("Người khác vừa sửa"), std::string::npos);

  auto vs = versions(*w.db, editor, id);
  ASSERT_EQ(vs.size(), 1u);
  EXPECT_EQ(vs[0].version, 1);
  EXPECT_NE(vs[0].snapshot_json.find("Bản đầu"), std::string::npos);
  // Members do not see the history.
  EXPECT_EQ(code_of([&] { versions(*w.db, w.reader_a1(), id); }), ErrorCode::forbidden);
}

TEST(News, ValidationNamesTheFields) {
  World w;
  auto editor = with_grant(Role::editor, w.base_a);
  auto in = w.input("  ", w.base_a.id);
  in.category = "Thể thao";
  in.summary = std::string(1001, 'x');
  try {
    create(*w.db, editor, in);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::validation_failed);
    std::set<std::string> fields;
    for (const auto& f : e.fields()) fields.insert(f.field);
    EXPECT_EQ(fields, (std::set<std::string>{"title", "summary", "category"}));
  }
  auto long_title = w.input(std::string(300, 'a'), w.base_a.id);
  EXPECT_NO_THROW(create(*w.db, editor, long_title));
  // 300 Vietnamese letters are 300 characters, not 600+ bytes.
  std::string vi;
  for (int i = 0; i < 300; ++i) vi += "ệ";
  EXPECT_NO_THROW(create(*w.db, editor, w.input(vi, w.base_a.id)));
  EXPECT_EQ(code_of([&] { create(*w.db, editor, w.input(vi + "ệ", w.base_a.id)); }), ErrorCode::validation_failed);
  auto big = w.input("Dài", w.base_a.id);
  big.body = std::string(kMaxBodyBytes + 1, 'x');
  EXPECT_EQ(code_of([&] { create(*w.db, editor, big); }), ErrorCode::validation_failed);
  EXPECT_EQ(code_of([&] { create(*w.db, editor, w.input("Không có đơn vị", 999999)); }), ErrorCode::validation_failed);
}

TEST(News, EditorsStayInTheirScope) {
  World w;
  auto editor_a = with_grant(Role::editor, w.base_a);
  auto editor_b = with_grant(Role::editor, w.base_b);
  // Owner or audience outside the editor's subtree is refused, in Vietnamese.
  EXPECT_EQ(code_of([&] { create(*w.db, editor_a, w.input("Của B", w.base_b.id)); }), ErrorCode::forbidden);
  auto outside = [&] { create(*w.db, editor_a, w.input("Gửi B", w.base_a.id, {w.base_a.id, w.base_b.id})); };
  EXPECT_EQ(code_of(outside), ErrorCode::forbidden);
  EXPECT_EQ(message_of(outside), "Chỉ được gửi tin bài tới các tổ chức đảng trong phạm vi của bạn: Đảng bộ thôn B.");

  // Another unit's draft: unknown (404).
  auto draft_a = create(*w.db, editor_a, w.input("Nháp A", w.base_a.id));
  EXPECT_EQ(code_of([&] { get(*w.db, editor_b, draft_a); }), ErrorCode::not_found);
  EXPECT_EQ(code_of([&] { update(*w.db, editor_b, draft_a, w.input("Sửa", w.base_b.id), 1); }), ErrorCode::not_found);
  EXPECT_EQ(code_of([&] { publish(*w.db, editor_b, draft_a, std::nullopt); }), ErrorCode::not_found);
  EXPECT_EQ(message_of([&] { submit(*w.db, editor_b, draft_a); }), "Không tìm thấy tin bài.");

  // An article of the province that editor_b can read but not edit: 403.
  auto province_editor = with_grant(Role::editor, w.province);
  auto wide = w.published(province_editor, w.input("Tin toàn tỉnh", w.province.id));
  EXPECT_FALSE(get(*w.db, editor_b, wide).can_edit);
  auto edit_wide = [&] { update(*w.db, editor_b, wide, w.input("Sửa", w.province.id), 1); };
  EXPECT_EQ(code_of(edit_wide), ErrorCode::forbidden);
  EXPECT_EQ(message_of(edit_wide), "Bạn không có quyền sửa tin bài của tổ chức đảng khác.");
  EXPECT_EQ(code_of([&] { withdraw(*w.db, editor_b, wide); }), ErrorCode::forbidden);
  // A base committee edits its own subtree's news; a plain member edits nothing.
  auto committee_a = with_grant(Role::committee, w.base_a);
  EXPECT_NO_THROW(update(*w.db, committee_a, draft_a, w.input("Đảng ủy sửa", w.cell_a1.id), 1));
  EXPECT_EQ(code_of([&] { create(*w.db, w.reader_a1(), w.input("Tự đăng", w.cell_a1.id)); }), ErrorCode::forbidden);
  EXPECT_EQ(code_of([&] { list_for_editor(*w.db, w.reader_a1(), {}); }), ErrorCode::forbidden);
}

TEST(News, AudienceDecidesWhoReads) {
  World w;
  auto editor = with_grant(Role::editor, w.sub);
  auto only_a = w.published(editor, w.input("Chỉ thôn A", w.sub.id, {w.base_a.id}));
  auto everyone = w.published(editor, w.input("Cả xã", w.sub.id));
  EXPECT_NO_THROW(get(*w.db, w.reader_a1(), only_a));
  EXPECT_EQ(code_of([&] { get(*w.db, w.reader_b1(), only_a); }), ErrorCode::not_found);
  EXPECT_NO_THROW(get(*w.db, w.reader_b1(), everyone));
  auto feed_b = w.feed_ids(w.reader_b1());
  EXPECT_EQ(feed_b, std::vector<std::int64_t>{everyone});
  auto feed_a = w.feed_ids(w.reader_a1());
  EXPECT_EQ(std::set<std::int64_t>(feed_a.begin(), feed_a.end()), (std::set<std::int64_t>{only_a, everyone}));
  // The committee of base B oversees its subtree only.
  auto committee_b = with_grant(Role::committee, w.base_b);
  EXPECT_EQ(code_of([&] { get(*w.db, committee_b, only_a); }), ErrorCode::not_found);
}

TEST(News, ScheduledPublishing) {
  World w;
  auto editor = with_grant(Role::editor, w.base_a);
  auto id = create(*w.db, editor, w.input("Hẹn giờ", w.base_a.id));
  const auto now = timeutil::now_unix();
  publish(*w.db, editor, id, now + 3600);
  auto v = get(*w.db, editor, id);
  EXPECT_EQ(v.news.state, "submitted");
  EXPECT_EQ(v.news.publish_at, now + 3600);
  EXPECT_EQ(code_of([&] { get(*w.db, w.reader_a1(), id); }), ErrorCode::not_found);
  EXPECT_EQ(publish_due(*w.db, now + 10), 0);
  EXPECT_EQ(publish_due(*w.db, now + 3600), 1);
  EXPECT_EQ(publish_due(*w.db, now + 3600), 0);  // once
  v = get(*w.db, w.reader_a1(), id);
  EXPECT_EQ(v.news.state, "published");
  EXPECT_EQ(v.news.published_at, now + 3600);
  EXPECT_FALSE(v.news.publish_at.has_value());
  EXPECT_EQ(w.search_entries(id), 1);
  EXPECT_EQ(w.audit_actions(id).back(), "news.publish_scheduled");
  // Withdrawing a scheduled article cancels the schedule.
  auto later = create(*w.db, editor, w.input("Hủy hẹn", w.base_a.id));
  publish(*w.db, editor, later, now + 7200);
  withdraw(*w.db, editor, later);
  EXPECT_EQ(publish_due(*w.db, now + 9000), 0);
  EXPECT_EQ(get(*w.db, editor, later).news.state, "withdrawn");
  // A time in the past publishes at once.
  auto past = create(*w.db, editor, w.input("Quá giờ", w.base_a.id));
  publish(*w.db, editor, past, now - 60);
  EXPECT_EQ(get(*w.db, editor, past).news.state, "published");
}

TEST(News, FeedPutsPinnedFirstThenNewest) {
  World w;
  auto editor = with_grant(Role::editor, w.base_a);
  const auto now = timeutil::now_unix();
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    auto in = w.input("Tin " + std::to_string(i), w.base_a.id);
    in.pinned = i == 1;  // an older pinned article
    if (i == 4) in.category = "Gương sáng";
    ids.push_back(w.published(editor, in));
    w.set_published_at(ids.back(), now - 86400 * (10 - i));  // older first
  }
  auto reader = w.reader_a1();
  EXPECT_EQ(w.feed_ids(reader), (std::vector<std::int64_t>{ids[1], ids[4], ids[3], ids[2], ids[0]}));
  // Pages of two: the pinned one leads the first page only.
  auto p1 = feed(*w.db, reader, {std::nullopt, std::nullopt, 2});
  ASSERT_EQ(p1.items.size(), 3u);
  EXPECT_EQ(p1.items[0].news.id, ids[1]);
  EXPECT_EQ(p1.items[1].news.id, ids[4]);
  EXPECT_EQ(p1.items[2].news.id, ids[3]);
  ASSERT_TRUE(p1.next_before);
  auto p2 = feed(*w.db, reader, {std::nullopt, p1.next_before, 2});
  ASSERT_EQ(p2.items.size(), 2u);
  EXPECT_EQ(p2.items[0].news.id, ids[2]);
  EXPECT_EQ(p2.items[1].news.id, ids[0]);
  EXPECT_FALSE(p2.next_before);
  // By category.
  EXPECT_EQ(w.feed_ids(reader, {std::string("Gương sáng"), std::nullopt, 20}), std::vector<std::int64_t>{ids[4]});
  EXPECT_EQ(code_of([&] { feed(*w.db, reader, {std::string("Thể thao"), std::nullopt, 20}); }),
            ErrorCode::validation_failed);
}

TEST(News, FeedPagesNeverSplitOneSecond) {
  World w;
  auto editor = with_grant(Role::editor, w.base_a);
  const auto now = timeutil::now_unix();
  // 3 articles at t1, 4 at t2 (newer), 1 at t3 (newest): pages of 2 and of 3.
  std::vector<std::int64_t> all;
  auto add = [&](std::int64_t at) {
    auto id = w.published(editor, w.input("Tin " + std::to_string(all.size()), w.base_a.id));
    w.set_published_at(id, at);
    all.push_back(id);
  };
  for (int i = 0; i < 3; ++i) add(now - 300);
  for (int i = 0; i < 4; ++i) add(now - 200);
  add(now - 100);
  for (int limit : {1, 2, 3, 5, 50}) {
    std::vector<std::int64_t> seen;
    std::optional<std::int64_t> before;
    for (int guard = 0; guard < 20; ++guard) {
      auto page = feed(*w.db, w.reader_a1(), {std::nullopt, before, limit});
      EXPECT_FALSE(page.items.empty()) << limit;
      for (const auto& r : page.items) seen.push_back(r.news.id);
      if (!page.next_before) break;
      before = page.next_before;
    }
    std::vector<std::int64_t> expected{all[7], all[6], all[5], all[4], all[3], all[2], all[1], all[0]};
    EXPECT_EQ(seen, expected) << "limit " << limit;
  }
}

TEST(News, FeedShowsTheMembersOwnReadingState) {
  World w;
  auto editor = with_grant(Role::editor, w.base_a);
  const auto now = timeutil::now_unix();
  auto fresh = w.published(editor, w.input("Mới", w.base_a.id));
  auto opened = w.published(editor, w.input("Đã mở", w.base_a.id));
  auto old = w.published(editor, w.input("Cũ", w.base_a.id));
  w.set_published_at(old, now - kNewForSeconds - 60);
  w.db->write([&](db::Connection& c) {
    c.query("INSERT INTO reading_records(member_id, item_kind, item_id, first_opened_at, last_opened_at, seconds, "
            "reached_end_at) VALUES ($1, 'news', $2, $3, $3, 30, $3)",
            {w.member_a1, opened, now});
    c.query("INSERT INTO favourites(member_id, item_kind, item_id, created_at) VALUES ($1, 'news', $2, $3)",
            {w.member_a1, fresh, now});
  });
  std::map<std::int64_t, store::NewsListRow> rows;
  for (auto& r : feed(*w.db, w.reader_a1(), {}).items) rows[r.news.id] = r;
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_TRUE(is_new(rows[fresh], now));
  EXPECT_FALSE(rows[fresh].opened);
  EXPECT_TRUE(rows[fresh].favourite);
  EXPECT_FALSE(is_new(rows[opened], now));
  EXPECT_TRUE(rows[opened].opened);
  EXPECT_TRUE(rows[opened].reached_end);
  EXPECT_FALSE(is_new(rows[old], now));
  EXPECT_FALSE(rows[old].opened);
  auto v = get(*w.db, w.reader_a1(), opened);
  EXPECT_TRUE(v.opened);
  EXPECT_TRUE(v.reached_end);
  EXPECT_FALSE(v.favourite);
  // Another member's records are not theirs.
  auto ca = w.add_member(w.cell_a1, "Lê Văn Cường", "100003");
  for (auto& r : feed(*w.db, w.member(ca, w.cell_a1), {}).items) {
    EXPECT_FALSE(r.opened);
    EXPECT_FALSE(r.favourite);
  }
}

TEST(News, ScriptInTheBodyNeverComesBackAsScript) {
  World w;
  auto editor = with_grant(Role::editor, w.base_a);
  auto in = w.input("Thử mã độc", w.base_a.id);
  in.body = "Chào <script>alert('x')</script> bạn\n\n<img src=x onerror=alert(1)>\n\n[bấm](javascript:alert(1))";
  auto id = w.published(editor, in);
  auto v = get(*w.db, w.reader_a1(), id);
  EXPECT_EQ(v.news.body, in.body);  // the source is kept as written
  auto html = render_markdown(v.news.body);
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("onerror"), std::string::npos) << html;
  EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
}

TEST(News, EditorListPagesThroughTheScope) {
  World w;
  auto editor_a = with_grant(Role::editor, w.base_a);
  auto editor_b = with_grant(Role::editor, w.base_b);
  for (int i = 0; i < 5; ++i) create(*w.db, editor_a, w.input("A" + std::to_string(i), i % 2 ? w.cell_a1.id : w.base_a.id));
  auto b = create(*w.db, editor_b, w.input("B", w.base_b.id));
  submit(*w.db, editor_b, b);
  std::vector<std::int64_t> seen;
  std::optional<std::string> cursor;
  for (int guard = 0; guard < 10; ++guard) {
    auto page = list_for_editor(*w.db, editor_a, {std::nullopt, cursor, 2});
    for (const auto& r : page.items) seen.push_back(r.news.id);
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  EXPECT_EQ(seen.size(), 5u);
  EXPECT_EQ(std::set<std::int64_t>(seen.begin(), seen.end()).size(), 5u);
  EXPECT_TRUE(list_for_editor(*w.db, editor_b, {std::string("draft"), std::nullopt, 50}).items.empty());
  EXPECT_EQ(list_for_editor(*w.db, editor_b, {std::string("submitted"), std::nullopt, 50}).items.size(), 1u);
  EXPECT_EQ(list_for_editor(*w.db, admin(), {}).items.size(), 6u);
  EXPECT_EQ(code_of([&] { list_for_editor(*w.db, editor_a, {std::string("xoá"), std::nullopt, 50}); }),
            ErrorCode::validation_failed);
  EXPECT_EQ(code_of([&] { list_for_editor(*w.db, editor_a, {std::nullopt, std::string("abc"), 50}); }),
            ErrorCode::bad_request);
}

TEST(News, CoverIsResizedAndStoredByContent) {
  World w;
  auto editor = with_grant(Role::editor, w.base_a);
  auto id = w.published(editor, w.input("Có ảnh", w.base_a.id));
  auto dir = std::filesystem::temp_directory_path() / ("sotay-news-" + std::to_string(::getpid()) + "-" +
                                                       std::to_string(timeutil::now_unix()));
  auto key = set_cover(*w.db, editor, id, kPng, dir);
  EXPECT_EQ(key.size(), 68u);
  EXPECT_EQ(key.substr(64), ".jpg");
  auto path = cover_path(*w.db, w.reader_a1(), id, dir);
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  ASSERT_GE(bytes.size(), 3u);
  EXPECT_EQ(bytes.substr(0, 3), "\xFF\xD8\xFF");  // JPEG
  EXPECT_EQ(get(*w.db, editor, id).news.cover_key, key);
  EXPECT_EQ(w.audit_actions(id).back(), "news.cover");
  // The same image again: the same key, one file.
  EXPECT_EQ(set_cover(*w.db, editor, id, kPng, dir), key);
  // Not an image by its bytes; too big; someone else's article; a reader outside the audience.
  EXPECT_EQ(code_of([&] { set_cover(*w.db, editor, id, "Đây không phải ảnh JPEG", dir); }),
            ErrorCode::unsupported_media_type);
  EXPECT_EQ(code_of([&] { set_cover(*w.db, editor, id, std::string(kMaxCoverBytes + 1, '\xFF'), dir); }),
            ErrorCode::payload_too_large);
  EXPECT_EQ(code_of([&] { set_cover(*w.db, with_grant(Role::editor, w.base_b), id, kPng, dir); }),
            ErrorCode::not_found);
  EXPECT_EQ(code_of([&] { cover_path(*w.db, w.reader_b1(), id, dir); }), ErrorCode::not_found);
  // A truncated PNG is an image by its first bytes but cannot be decoded: 422.
  EXPECT_EQ(code_of([&] { set_cover(*w.db, editor, id, kPng.substr(0, 40), dir); }), ErrorCode::validation_failed);
  // No cover yet: 404.
  auto bare = w.published(editor, w.input("Không ảnh", w.base_a.id));
  EXPECT_EQ(code_of([&] { cover_path(*w.db, w.reader_a1(), bare, dir); }), ErrorCode::not_found);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sotay::news
