// Store-level checks for notices that the domain tests do not reach, on the backend chosen by
// SOTAY_TEST_DB.
#include "store/notices_store.h"

#include <gtest/gtest.h>

#include "domain/members.h"
#include "domain/org_tree.h"
#include "testing/actors.h"
#include "testing/test_db.h"

namespace sotay::store {
namespace {

// The demo loads its notices only when this says the table is empty, so a second `sotay demo`
// must see the first one's notices.
TEST(NoticesStore, HasNoticesIsFalseOnAnEmptyTableAndTrueOnceOneIsStored) {
  auto db = testing::fresh_database();
  EXPECT_FALSE(db->read_value([](db::Connection& c) { return has_notices(c); }));
  auto unit = org::create(*db, testing::admin(), {"P", "province", "Đảng bộ tỉnh Thử", std::nullopt, "2020-01-01"});
  db->write([&](db::Connection& c) {
    NoticeRow n;
    n.sender_unit_id = unit.id;
    n.title = "Họp";
    n.body = "Nội dung";
    n.priority = "normal";
    n.state = "sent";
    insert_notice(c, n);
  });
  EXPECT_TRUE(db->read_value([](db::Connection& c) { return has_notices(c); }));
}

// A notice from `sender` to every active member under `audience`, fanned out; its id.
std::int64_t sent_notice(db::Database& db, const UnitRow& sender, const UnitRow& audience, const std::string& title) {
  return db.write_value([&](db::Connection& c) {
    NoticeRow n;
    n.sender_unit_id = sender.id;
    n.title = title;
    n.body = "Nội dung";
    n.priority = "normal";
    n.state = "sent";
    auto id = insert_notice(c, n);
    AudienceFilter everyone;
    everyone.unit_paths = {audience.path};
    fan_out_window(c, id, everyone, 0, max_member_id(c));
    return id;
  });
}

// The follow-up list: only notices sent from inside the scope's subtrees, newest first, each with
// its own counts (also none for a notice nobody received).
TEST(NoticesStore, NoticesInScopeKeepToTheSubtreesAndCountEachNotice) {
  auto db = testing::fresh_database();
  auto a = testing::admin();
  auto province = org::create(*db, a, {"P", "province", "Đảng bộ tỉnh Thử", std::nullopt, "2020-01-01"});
  auto base_a = org::create(*db, a, {"P-A", "base_committee", "Đảng bộ xã A", province.id, "2020-01-01"});
  auto base_b = org::create(*db, a, {"P-B", "base_committee", "Đảng bộ xã B", province.id, "2020-01-01"});
  auto base_c = org::create(*db, a, {"P-C", "base_committee", "Đảng bộ xã C", province.id, "2020-01-01"});
  auto cell_a = org::create(*db, a, {"P-A-1", "cell", "Chi bộ A1", base_a.id, "2020-01-01"});
  std::vector<std::int64_t> in_a;
  const char* names[] = {"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"};
  for (int i = 0; i < 3; ++i) {
    members::MemberInput m;
    m.full_name = names[i];
    m.admitted_on = "2010-01-01";
    m.official_on = "2011-01-01";
    m.card_number = std::to_string(200000 + i);
    in_a.push_back(members::create(*db, a, cell_a.id, m).id);
  }

  auto from_a = sent_notice(*db, base_a, base_a, "Từ xã A");
  auto from_b = sent_notice(*db, base_b, base_b, "Từ xã B");  // nobody in B: no recipients
  auto from_c = sent_notice(*db, base_c, base_a, "Từ xã C");  // sent by C to A: not in A's list
  auto newer_from_a = sent_notice(*db, base_a, base_a, "Lần hai từ xã A");
  db->write([&](db::Connection& c) {
    mark_delivered(c, from_a, {in_a[0], in_a[1]}, 10);
    mark_notice_read(c, from_a, in_a[0], 11);
    mark_notice_acked(c, from_a, in_a[1], 12);
  });

  auto list = [&](const std::vector<std::string>& scope, std::optional<std::int64_t> before = std::nullopt) {
    return db->read_value([&](db::Connection& c) { return notices_in_scope(c, scope, before, 50); });
  };
  auto only_a = list({base_a.path});
  ASSERT_EQ(only_a.size(), 2u);
  EXPECT_EQ(only_a[0].notice.id, newer_from_a);
  EXPECT_EQ(only_a[1].notice.id, from_a);
  EXPECT_EQ(only_a[0].counts.recipients, 3);
  EXPECT_EQ(only_a[0].counts.delivered, 0);
  EXPECT_EQ(only_a[1].counts.recipients, 3);
  EXPECT_EQ(only_a[1].counts.delivered, 2);
  EXPECT_EQ(only_a[1].counts.read, 2);
  EXPECT_EQ(only_a[1].counts.acked, 1);

  auto a_and_b = list({base_a.path, base_b.path});
  ASSERT_EQ(a_and_b.size(), 3u);
  EXPECT_EQ(a_and_b[1].notice.id, from_b);
  EXPECT_EQ(a_and_b[1].counts.recipients, 0);
  EXPECT_EQ(a_and_b[2].counts.acked, 1);

  auto everything = list({province.path});
  ASSERT_EQ(everything.size(), 4u);
  EXPECT_EQ(everything[1].notice.id, from_c);
  EXPECT_EQ(everything[1].counts.recipients, 3);
  EXPECT_EQ(list({province.path}, from_c).size(), 2u);  // the id cursor
  EXPECT_TRUE(list({}).empty());
}

}  // namespace
}  // namespace sotay::store
