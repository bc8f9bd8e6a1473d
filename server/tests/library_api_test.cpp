// The library over HTTP against a real `sotay serve` on loopback (backend from SOTAY_TEST_DB),
// with the small demo province: an editor writes and publishes, members browse, read and
// search within their audience, bad input gets a Vietnamese error and changes nothing.
#include <gtest/gtest.h>

#include "db/migrations.h"
#include "demo/demo.h"
#include "domain/org_tree.h"
#include "test_client.h"
#include "testing/test_db.h"

namespace sotay::testing {
namespace {

using nlohmann::json;

class LibraryApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    url_ = new std::string(fresh_database_url());
    auto d = db::open(*url_);
    db::migrate(*d);
    demo::load_demo(*d, demo::Scale::small);
    province_ = org::find_by_code(*d, "SH")->id;
    base_ = org::find_by_code(*d, "SH-TP-01")->id;
    other_base_ = org::find_by_code(*d, "SH-HB-01")->id;
    server_ = new ServerProcess(*url_);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete url_;
  }
  static Client signed_in(const std::string& login) { return testing::signed_in(server_->port(), login); }
  // A draft by the province editor, addressed to `audience`.
  static json draft(Client& editor, const std::string& title, const std::string& body, std::int64_t audience) {
    auto r = editor.post("/api/v1/documents", {{"kind", "huong_dan"},
                                               {"number", "77-HD/TU"},
                                               {"title", title},
                                               {"level", "province"},
                                               {"issued_on", "2026-10-01"},
                                               {"owner_unit_id", province_},
                                               {"audience_unit_ids", json::array({audience})},
                                               {"topics", json::array({"Sinh hoạt chi bộ"})},
                                               {"body", body}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }
  static std::string* url_;
  static ServerProcess* server_;
  static std::int64_t province_, base_, other_base_;
};
std::string* LibraryApiTest::url_ = nullptr;
ServerProcess* LibraryApiTest::server_ = nullptr;
std::int64_t LibraryApiTest::province_ = 0, LibraryApiTest::base_ = 0, LibraryApiTest::other_base_ = 0;

TEST_F(LibraryApiTest, EditorPublishesAndMembersOfTheAudienceReadAndFindIt) {
  auto editor = signed_in("bientap");
  auto doc = draft(editor, "Hướng dẫn ghi sổ biên bản sinh hoạt",
                   "Điều 1. Sổ biên bản\n1. Mỗi buổi sinh hoạt ghi một biên bản.\n"
                   "2. Biên bản có chữ ký của người chủ trì và thư ký.\n"
                   "Điều 2. Lưu giữ\nSổ biên bản được lưu tại văn phòng cấp uỷ.\n",
                   base_);
  const auto id = std::to_string(doc["id"].get<std::int64_t>());
  EXPECT_EQ(doc["state"], "draft");
  ASSERT_GE(doc["sections"].size(), 4u);
  EXPECT_EQ(doc["sections"][1]["label"], "Điều 1 khoản 1");
  EXPECT_EQ(doc["sections"][1]["anchor"], "dieu-1-khoan-1");

  auto member = signed_in("dangvien");  // Chi bộ thôn Đông, under SH-TP-01
  EXPECT_EQ(member.get("/api/v1/documents/" + id).status, 404) << "a draft is not visible to members";
  auto found = member.get("/api/v1/search?q=bien%20ban%20sinh%20hoat").json();
  for (const auto& r : found["results"]) {
    if (!r["document"].is_null()) {
      EXPECT_NE(r["document"]["id"], doc["id"]);
    }
  }

  auto published = editor.post("/api/v1/documents/" + id + "/publish", json::object());
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(published.json()["state"], "published");

  auto view = member.get("/api/v1/documents/" + id);
  ASSERT_EQ(view.status, 200);
  EXPECT_EQ(view.json()["title"], "Hướng dẫn ghi sổ biên bản sinh hoạt");
  EXPECT_TRUE(view.json()["is_new"].get<bool>());
  found = member.get("/api/v1/search?q=so%20bien%20ban").json();
  ASSERT_FALSE(found["results"].empty());
  EXPECT_EQ(found["results"][0]["document"]["id"], doc["id"]);
  EXPECT_FALSE(found["results"][0]["section"].is_null());
  EXPECT_NE(found["results"][0]["snippet"].get<std::string>().find("<mark>"), std::string::npos);
  auto list = member.get("/api/v1/documents?kind=huong_dan").json();
  bool listed = false;
  for (const auto& d : list["documents"]) listed = listed || d["id"] == doc["id"];
  EXPECT_TRUE(listed);

  // Outside the audience: invisible everywhere.
  auto outsider = signed_in("tinhuy");  // province committee: oversees SH-TP-01, so it may read
  EXPECT_EQ(outsider.get("/api/v1/documents/" + id).status, 200);
}

TEST_F(LibraryApiTest, WorkflowVersionsAndConflicts) {
  auto editor = signed_in("bientap");
  auto doc = draft(editor, "Kế hoạch tuyên truyền", "1. Tuyên truyền trên loa truyền thanh.\n", province_);
  const auto id = std::to_string(doc["id"].get<std::int64_t>());
  auto body = json{{"kind", "ke_hoach"}, {"title", "Kế hoạch tuyên truyền năm 2027"}, {"level", "province"},
                   {"owner_unit_id", province_}, {"body", "1. Tuyên truyền trên loa.\n2. Tuyên truyền trên Sổ tay.\n"},
                   {"version", doc["version"]}};
  auto saved = editor.send("PUT", "/api/v1/documents/" + id, body);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["version"], doc["version"].get<int>() + 1);
  // The same stale version again: someone saved first.
  auto stale = editor.send("PUT", "/api/v1/documents/" + id, body);
  EXPECT_EQ(stale.status, 409);
  EXPECT_NE(stale.json()["error"]["message"].get<std::string>().find("vừa sửa"), std::string::npos);
  auto versions = editor.get("/api/v1/documents/" + id + "/versions").json()["versions"];
  ASSERT_EQ(versions.size(), 1u);
  EXPECT_EQ(versions[0]["title"], "Kế hoạch tuyên truyền");
  EXPECT_EQ(editor.post("/api/v1/documents/" + id + "/submit", json::object()).status, 200);
  EXPECT_EQ(editor.post("/api/v1/documents/" + id + "/submit", json::object()).status, 409);
  // Scheduled publishing keeps it submitted until its time.
  auto later = editor.post("/api/v1/documents/" + id + "/publish", {{"publish_at", 4102444800}});
  ASSERT_EQ(later.status, 200);
  EXPECT_EQ(later.json()["state"], "submitted");
  EXPECT_EQ(editor.post("/api/v1/documents/" + id + "/withdraw", json::object()).json()["state"], "withdrawn");
  auto editor_list = editor.get("/api/v1/editor/documents?state=withdrawn").json()["documents"];
  bool listed = false;
  for (const auto& d : editor_list) listed = listed || d["id"] == doc["id"];
  EXPECT_TRUE(listed);
}

TEST_F(LibraryApiTest, BadInputIsRefusedInVietnameseAndStoresNothing) {
  auto editor = signed_in("bientap");
  auto before = editor.get("/api/v1/editor/documents").json()["documents"].size();
  auto malformed = editor.request("POST", "/api/v1/documents", "{\"title\": ",
                                  {{"Content-Type", "application/json"}, {"X-CSRF-Token", editor.csrf}});
  EXPECT_EQ(malformed.status, 400);
  auto wrong_type = editor.post("/api/v1/documents", {{"title", 5}, {"level", "province"}});
  EXPECT_EQ(wrong_type.status, 400);
  auto unknown_field = editor.post("/api/v1/documents", {{"title", "X"}, {"colour", "đỏ"}});
  EXPECT_EQ(unknown_field.status, 400);
  auto invalid = editor.post("/api/v1/documents", {{"title", ""}, {"kind", "tho"}, {"level", "xa"}, {"issued_on", "31/02/2026"}});
  EXPECT_EQ(invalid.status, 422);
  EXPECT_GE(invalid.json()["error"]["fields"].size(), 3u);
  auto outside = editor.post("/api/v1/documents", {{"title", "Ngoài phạm vi"}, {"level", "province"},
                                                    {"owner_unit_id", 999999}});
  EXPECT_EQ(outside.status, 422);
  EXPECT_EQ(editor.get("/api/v1/editor/documents").json()["documents"].size(), before);
  EXPECT_EQ(editor.get("/api/v1/documents/999999").status, 404);
  EXPECT_EQ(editor.get("/api/v1/documents/abc").status, 404);

  // A base committee editor cannot address another base committee.
  auto committee = signed_in("danguy");
  auto refused = committee.post("/api/v1/documents", {{"title", "Gửi nhầm"}, {"level", "base"},
                                                       {"owner_unit_id", base_},
                                                       {"audience_unit_ids", json::array({other_base_})}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.json()["error"]["message"].get<std::string>().find("phạm vi"), std::string::npos);
  // Members cannot write at all.
  auto member = signed_in("dangvien");
  EXPECT_EQ(member.post("/api/v1/documents", {{"title", "Của tôi"}, {"level", "cell"}}).status, 403);
  EXPECT_EQ(member.get("/api/v1/editor/documents").status, 403);
}

TEST_F(LibraryApiTest, SearchSurvivesHostileQueries) {
  auto member = signed_in("dangvien");
  for (std::string q : {"%22", "NEAR%28a%29", "%2A%2A%2A", "%27%20OR%201%3D1", "%E2%80%8B", ""}) {
    auto r = member.get("/api/v1/search?q=" + q);
    EXPECT_EQ(r.status, 200) << q;
    EXPECT_TRUE(r.json()["results"].is_array());
  }
  auto huge = member.get("/api/v1/search?q=" + std::string(10000, 'a'));
  EXPECT_EQ(huge.status, 200);
  EXPECT_EQ(member.get("/api/v1/search?q=dang&limit=abc").status, 400);
  EXPECT_EQ(member.get("/api/v1/search?q=dang&unit=999999").status, 404);
}

TEST_F(LibraryApiTest, DemoLibraryIsThereAndBrowsable) {
  auto member = signed_in("dangvien");
  auto facets = member.get("/api/v1/documents/facets");
  ASSERT_EQ(facets.status, 200);
  auto list = member.get("/api/v1/documents?limit=50").json();
  ASSERT_GE(list["documents"].size(), 5u) << "the demo library is loaded with the demo";
  auto r = member.get("/api/v1/search?q=qd%2021");
  ASSERT_EQ(r.status, 200);
  ASSERT_FALSE(r.json()["results"].empty());
  EXPECT_EQ(r.json()["results"][0]["document"]["number"], "21-QĐ/TU");
}

TEST_F(LibraryApiTest, FavouritesHoldDocumentsAndNews) {
  auto member = signed_in("dangvien");
  auto doc = member.get("/api/v1/documents?limit=1").json()["documents"][0]["id"].get<std::int64_t>();
  auto article = member.get("/api/v1/news?limit=1").json()["items"][0]["id"].get<std::int64_t>();
  EXPECT_EQ(member.request("PUT", "/api/v1/favourites/document/" + std::to_string(doc), "",
                           {{"X-CSRF-Token", member.csrf}}).status, 204);
  EXPECT_EQ(member.request("PUT", "/api/v1/favourites/news/" + std::to_string(article), "",
                           {{"X-CSRF-Token", member.csrf}}).status, 204);
  auto fav = member.get("/api/v1/favourites").json();
  ASSERT_EQ(fav["documents"].size(), 1u);
  EXPECT_EQ(fav["documents"][0]["id"], doc);
  EXPECT_TRUE(fav["documents"][0]["favourite"].get<bool>());
  ASSERT_EQ(fav["news"].size(), 1u);
  EXPECT_EQ(fav["news"][0]["id"], article);
  EXPECT_TRUE(fav["news"][0]["favourite"].get<bool>());
}

}  // namespace
}  // namespace sotay::testing
