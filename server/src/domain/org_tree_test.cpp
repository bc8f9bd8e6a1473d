// Org tree operations on the backend chosen by SOTAY_TEST_DB.
#include "domain/org_tree.h"

#include <gtest/gtest.h>

#include "domain/errors.h"
#include "domain/members.h"
#include "testing/actors.h"
#include "testing/test_db.h"

namespace sotay::org {
namespace {

using testing::admin;
using testing::with_grant;

struct Tree {
  std::unique_ptr<db::Database> db = testing::fresh_database();
  UnitRow province, sub, base_a, base_b, cell_a1, cell_a2, cell_b1;
  Tree() {
    auto a = admin();
    province = create(*db, a, {"P", "province", "Đảng bộ tỉnh Thử", std::nullopt, "2020-01-01"});
    sub = create(*db, a, {"P-S", "subordinate_committee", "Đảng bộ xã Một", province.id, "2020-01-01"});
    base_a = create(*db, a, {"P-S-A", "base_committee", "Đảng bộ thôn A", sub.id, "2020-01-01"});
    base_b = create(*db, a, {"P-S-B", "base_committee", "Đảng bộ thôn B", sub.id, "2020-01-01"});
    cell_a1 = create(*db, a, {"P-S-A-1", "cell", "Chi bộ A1", base_a.id, "2020-01-01"});
    cell_a2 = create(*db, a, {"P-S-A-2", "cell", "Chi bộ A2", base_a.id, "2020-01-01"});
    cell_b1 = create(*db, a, {"P-S-B-1", "cell", "Chi bộ B1", base_b.id, "2020-01-01"});
  }
  members::MemberRow add_member(const UnitRow& cell, const std::string& name, const std::string& card) {
    members::MemberInput in;
    in.full_name = name;
    in.admitted_on = "2010-01-01";
    in.official_on = "2011-01-01";
    in.card_number = card;
    return members::create(*db, admin(), cell.id, in);
  }
};

TEST(OrgTree, PathsAndKindsAreEnforced) {
  Tree t;
  EXPECT_EQ(t.cell_a1.path, "/" + std::to_string(t.province.id) + "/" + std::to_string(t.sub.id) + "/" +
                                std::to_string(t.base_a.id) + "/" + std::to_string(t.cell_a1.id) + "/");
  EXPECT_THROW(create(*t.db, admin(), {"X", "base_committee", "Sai cấp", t.cell_a1.id, std::nullopt}), Error);
  EXPECT_THROW(create(*t.db, admin(), {"P-S-A-1", "cell", "Trùng mã", t.base_a.id, std::nullopt}), Error);
}

TEST(OrgTree, ScopeHidesOtherSubtrees) {
  Tree t;
  auto a = with_grant(Role::committee, t.base_a);
  EXPECT_NO_THROW(get_unit(*t.db, a, t.cell_a1.id));
  try {
    get_unit(*t.db, a, t.cell_b1.id);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::not_found);
  }
  // A committee may not move its own root, nor move a cell out of its scope.
  EXPECT_THROW(move(*t.db, a, t.base_a.id, t.base_b.id, std::nullopt), Error);
  EXPECT_THROW(move(*t.db, a, t.cell_a1.id, t.base_b.id, std::nullopt), Error);
}

TEST(OrgTree, MoveRewritesTheSubtreeAndKeepsThePast) {
  Tree t;
  auto group = create(*t.db, admin(), {"P-S-A-1-T", "group", "Tổ đảng 1", t.cell_a1.id, "2020-01-01"});
  auto moved = move(*t.db, admin(), t.cell_a1.id, t.base_b.id, "2024-01-01");
  EXPECT_EQ(moved.path, t.base_b.path + std::to_string(t.cell_a1.id) + "/");
  EXPECT_EQ(get_unit(*t.db, admin(), group.id).path, moved.path + std::to_string(group.id) + "/");
  auto before = tree_on(*t.db, admin(), t.base_a.id, "2023-12-31");
  auto after = tree_on(*t.db, admin(), t.base_a.id, "2024-01-01");
  EXPECT_EQ(before.size(), 4u);  // base A, A1, its group, A2
  EXPECT_EQ(after.size(), 2u);   // base A, A2
  EXPECT_EQ(tree_on(*t.db, admin(), t.base_b.id, "2024-06-01").size(), 4u);
}

TEST(OrgTree, MergeMovesMembersAndClosesTheSource) {
  Tree t;
  t.add_member(t.cell_a1, "Nguyễn Văn Một", "10000001");
  t.add_member(t.cell_a1, "Trần Thị Hai", "10000002");
  t.add_member(t.cell_a2, "Lê Văn Ba", "10000003");
  auto into = merge(*t.db, admin(), t.cell_a1.id, t.cell_a2.id, std::nullopt);
  EXPECT_EQ(into.official, 3);
  auto closed = get_unit(*t.db, admin(), t.cell_a1.id);
  EXPECT_TRUE(closed.valid_to.has_value());
  EXPECT_EQ(closed.merged_into, t.cell_a2.id);
  EXPECT_EQ(subtree_counts(*t.db, admin(), t.base_a.id).official, 3);
  EXPECT_THROW(rename(*t.db, admin(), t.cell_a1.id, "Tên mới", std::nullopt), Error);
}

TEST(OrgTree, CloseRefusesAUnitWithMembers) {
  Tree t;
  t.add_member(t.cell_b1, "Phạm Văn Bốn", "10000004");
  try {
    close(*t.db, admin(), t.cell_b1.id, std::nullopt);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::conflict);
  }
  EXPECT_NO_THROW(close(*t.db, admin(), t.cell_a2.id, std::nullopt));
  EXPECT_EQ(children(*t.db, admin(), t.base_a.id).size(), 1u);
}

TEST(OrgTree, SearchFindsNamesWithoutDiacritics) {
  Tree t;
  auto found = search(*t.db, admin(), "dang bo thon", 10);
  EXPECT_EQ(found.size(), 2u);
  EXPECT_EQ(search(*t.db, with_grant(Role::committee, t.base_a), "chi bo", 10).size(), 2u);
}

}  // namespace
}  // namespace sotay::org
