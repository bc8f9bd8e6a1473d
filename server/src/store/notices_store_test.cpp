// Store-level checks for notices that the domain tests do not reach, on the backend chosen by
// SOTAY_TEST_DB.
#include "store/notices_store.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace sotay::store
