// News over HTTP against a real `sotay serve`, with the small demo province: the editors'
// workflow, the member feed and article, covers, and every response checked against the contract.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "db/migrations.h"
#include "demo/demo.h"
#include "domain/org_tree.h"
#include "schema_validator.h"
#include "test_client.h"
#include "testing/test_db.h"
#include "util/time.h"

namespace sotay::testing {
namespace {

using nlohmann::json;


// A 4×3 RGB PNG.
const std::string kPng(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x04\x00\x00\x00\x03\x08\x02\x00\x00"
    "\x00\x3b\x96\x39\x91\x00\x00\x00\x10\x49\x44\x41\x54\x78\x9c\x63\x38\xa3\xa4\x04\x47\x0c\x38\x39\x00\x00\xce\x0c"
    "\xc1\x8d\xf7\x9b\x7d\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
    73);

class NewsApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    url_ = new std::string(fresh_database_url());
    db_ = db::open(*url_).release();
    db::migrate(*db_);
    demo::load_demo(*db_, demo::Scale::small);
    files_ = new std::string((std::filesystem::temp_directory_path() /
                              ("sotay-news-api-" + std::to_string(::getpid()) + "-" +
                               std::to_string(timeutil::now_unix())))
                                 .string());
    server_ = new ServerProcess(*url_, {"--files", *files_});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete db_;
    delete url_;
    std::error_code ec;
    std::filesystem::remove_all(*files_, ec);
    delete files_;
  }
  static std::int64_t unit(const std::string& code) { return org::find_by_code(*db_, code).value().id; }
  Client signed_in(const std::string& login) { return testing::signed_in(server_->port(), login); }
  // Sends and checks the answer against the contract.
  HttpResult call(Client& c, const std::string& method, const std::string& target, const std::string& path,
                  const json& body = nullptr) {
    auto r = method == "GET" ? c.get("/api/v1" + target) : c.send(method, "/api/v1" + target, body);
    EXPECT_EQ(contract_.check_response(r, path, method), "") << r.body.substr(0, 400);
    return r;
  }
  json article(const std::string& title, std::int64_t owner, std::vector<std::int64_t> audience = {}) {
    json j{{"title", title},
           {"summary", "Tóm tắt: " + title},
           {"body", "## " + title + "\n\nNội dung **quan trọng**."},
           {"category", "Xây dựng Đảng"},
           {"owner_unit_id", owner}};
    if (!audience.empty()) j["audience_unit_ids"] = audience;
    return j;
  }
  // A published article by bientap (editor over the province).
  std::int64_t published(Client& editor, json body) {
    auto r = call(editor, "POST", "/news", "/news", body);
    EXPECT_EQ(r.status, 201) << r.body;
    auto id = r.json()["id"].get<std::int64_t>();
    auto p = call(editor, "POST", "/news/" + std::to_string(id) + "/publish", "/news/{id}/publish", json::object());
    EXPECT_EQ(p.status, 200) << p.body;
    return id;
  }
  static std::set<std::int64_t> feed_ids(Client& c, const std::string& query = "") {
    std::set<std::int64_t> out;
    auto r = c.get("/api/v1/news?limit=50" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    auto j = r.json();
    for (const auto& item : j["items"]) out.insert(item["id"].get<std::int64_t>());
    return out;
  }

  SchemaValidator contract_;
  static std::string* url_;
  static std::string* files_;
  static db::Database* db_;
  static ServerProcess* server_;
};
std::string* NewsApiTest::url_ = nullptr;
std::string* NewsApiTest::files_ = nullptr;
db::Database* NewsApiTest::db_ = nullptr;
ServerProcess* NewsApiTest::server_ = nullptr;

TEST_F(NewsApiTest, EditorWritesSubmitsAndPublishes) {
  auto editor = signed_in("bientap");
  auto root = unit("SH");
  auto created = call(editor, "POST", "/news", "/news", article("Hội nghị tổng kết năm", root));
  ASSERT_EQ(created.status, 201) << created.body;
  auto a = created.json();
  const auto id = a["id"].get<std::int64_t>();
  const auto path = "/news/" + std::to_string(id);
  EXPECT_EQ(a["state"], "draft");
  EXPECT_EQ(a["version"], 1);
  EXPECT_EQ(a["can_edit"], true);
  EXPECT_EQ(a["owner_unit_id"], root);
  EXPECT_EQ(a["audience"].size(), 1u);
  EXPECT_EQ(a["body"], "## Hội nghị tổng kết năm\n\nNội dung **quan trọng**.");
  EXPECT_EQ(a["body_html"], "<h2>Hội nghị tổng kết năm</h2>\n<p>Nội dung <strong>quan trọng</strong>.</p>\n");
  EXPECT_TRUE(a["cover_url"].is_null());

  auto reader = signed_in("dangvien");
  EXPECT_EQ(reader.get("/api/v1" + path).status, 404);  // a draft is not there for members

  auto body = article("Hội nghị tổng kết năm 2026", root);
  body["version"] = 1;
  auto saved = call(editor, "PUT", path, "/news/{id}", body);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["version"], 2);
  auto stale = call(editor, "PUT", path, "/news/{id}", body);  // still says version 1
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(error_code(stale), "conflict");
  auto versions = call(editor, "GET", path + "/versions", "/news/{id}/versions");
  ASSERT_EQ(versions.status, 200);
  ASSERT_EQ(versions.json()["versions"].size(), 1u);
  EXPECT_EQ(versions.json()["versions"][0]["title"], "Hội nghị tổng kết năm");
  EXPECT_EQ(versions.json()["versions"][0]["actor_login"], "bientap");

  EXPECT_EQ(call(editor, "POST", path + "/submit", "/news/{id}/submit", json::object()).json()["state"], "submitted");
  auto drafts = call(editor, "GET", "/editor/news?state=submitted", "/editor/news");
  ASSERT_EQ(drafts.status, 200);
  bool listed = false;
  const auto draft_list = drafts.json();  // range-for over a temporary's member would dangle
  for (const auto& item : draft_list["items"]) listed = listed || item["id"] == id;
  EXPECT_TRUE(listed);
  auto pub = call(editor, "POST", path + "/publish", "/news/{id}/publish", json::object());
  ASSERT_EQ(pub.status, 200);
  EXPECT_EQ(pub.json()["state"], "published");
  EXPECT_TRUE(pub.json()["published_at"].is_number_integer());

  // The member sees it in the feed, new and unread, and opens it.
  auto feed = call(reader, "GET", "/news?limit=50", "/news");
  ASSERT_EQ(feed.status, 200);
  bool found = false;
  const auto feed_json = feed.json();
  for (const auto& item : feed_json["items"])
    if (item["id"] == id) {
      found = true;
      EXPECT_EQ(item["is_new"], true);
      EXPECT_EQ(item["read"]["opened"], false);
      EXPECT_EQ(item["category"], "Xây dựng Đảng");
    }
  EXPECT_TRUE(found);
  auto view = call(reader, "GET", path, "/news/{id}");
  ASSERT_EQ(view.status, 200);
  EXPECT_EQ(view.json()["can_edit"], false);
  EXPECT_FALSE(view.json().contains("body"));  // the Markdown source is for editors

  auto withdrawn = call(editor, "POST", path + "/withdraw", "/news/{id}/withdraw", json::object());
  EXPECT_EQ(withdrawn.json()["state"], "withdrawn");
  EXPECT_EQ(reader.get("/api/v1" + path).status, 404);
  EXPECT_FALSE(feed_ids(reader).count(id));
  auto back = call(editor, "POST", path + "/return", "/news/{id}/return", json{{"note", "Bổ sung ảnh"}});
  EXPECT_EQ(back.json()["state"], "draft");
  EXPECT_EQ(call(editor, "POST", path + "/withdraw", "/news/{id}/withdraw", json::object()).status, 409);
}

TEST_F(NewsApiTest, ScheduledPublishingWaits) {
  auto editor = signed_in("bientap");
  auto created = call(editor, "POST", "/news", "/news", article("Tin hẹn giờ", unit("SH")));
  const auto id = created.json()["id"].get<std::int64_t>();
  const auto at = timeutil::now_unix() + 3600;
  auto r = call(editor, "POST", "/news/" + std::to_string(id) + "/publish", "/news/{id}/publish", json{{"publish_at", at}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["state"], "submitted");
  EXPECT_EQ(r.json()["publish_at"], at);
  auto reader = signed_in("dangvien");
  EXPECT_FALSE(feed_ids(reader).count(id));
}

TEST_F(NewsApiTest, AudienceAndScope) {
  auto editor = signed_in("bientap");
  auto reader = signed_in("dangvien");  // a member of SH-TP-01-C01
  auto other_base = published(editor, article("Chỉ cho SH-TP-02", unit("SH"), {unit("SH-TP-02")}));
  auto everyone = published(editor, article("Toàn tỉnh", unit("SH")));
  auto r = reader.get("/api/v1/news/" + std::to_string(other_base));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(error_code(r), "not_found");
  EXPECT_FALSE(error_message(r).empty());
  auto ids = feed_ids(reader);
  EXPECT_FALSE(ids.count(other_base));
  EXPECT_TRUE(ids.count(everyone));

  // The base committee of SH-TP-01 reads the province's article but may not change it …
  auto committee = signed_in("danguy");
  auto body = article("Sửa trộm", unit("SH"));
  body["version"] = 1;
  auto forbidden = committee.send("PUT", "/api/v1/news/" + std::to_string(everyone), body);
  EXPECT_EQ(forbidden.status, 403);
  EXPECT_EQ(error_message(forbidden), "Bạn không có quyền sửa tin bài của tổ chức đảng khác.");
  // … nor see another base's article at all, nor address its own news beyond its subtree.
  EXPECT_EQ(committee.post("/api/v1/news/" + std::to_string(other_base) + "/withdraw", json::object()).status, 404);
  auto outside = committee.post("/api/v1/news", article("Gửi ra ngoài", unit("SH-TP-01"), {unit("SH-TP-02")}));
  EXPECT_EQ(outside.status, 403);
  EXPECT_NE(error_message(outside).find("trong phạm vi của bạn"), std::string::npos) << outside.body;
  auto own = committee.post("/api/v1/news", article("Tin của đảng ủy", unit("SH-TP-01")));
  EXPECT_EQ(own.status, 201) << own.body;
  // Members neither write nor list drafts.
  EXPECT_EQ(reader.post("/api/v1/news", article("Tự đăng", unit("SH-TP-01-C01"))).status, 403);
  EXPECT_EQ(reader.get("/api/v1/editor/news").status, 403);
}

TEST_F(NewsApiTest, FeedPinsAndPages) {
  auto editor = signed_in("bientap");
  auto reader = signed_in("dangvien");
  auto pinned_body = article("Tin ghim đầu trang", unit("SH"));
  pinned_body["pinned"] = true;
  pinned_body["category"] = "Chuyển đổi số";
  auto pinned = published(editor, pinned_body);
  for (int i = 0; i < 3; ++i) published(editor, article("Tin thường " + std::to_string(i), unit("SH")));
  auto first = call(reader, "GET", "/news?limit=2", "/news");
  ASSERT_EQ(first.status, 200);
  auto j = first.json();
  ASSERT_GE(j["items"].size(), 1u);
  EXPECT_EQ(j["items"][0]["id"], pinned);
  EXPECT_EQ(j["items"][0]["pinned"], true);
  // Walk every page: no article twice, the pinned one only on the first page.
  std::set<std::int64_t> seen;
  json page = j;
  for (int guard = 0; guard < 100; ++guard) {
    for (const auto& item : page["items"]) EXPECT_TRUE(seen.insert(item["id"].get<std::int64_t>()).second) << item;
    if (page["next_before"].is_null()) break;
    auto next = call(reader, "GET", "/news?limit=2&before=" + std::to_string(page["next_before"].get<std::int64_t>()), "/news");
    ASSERT_EQ(next.status, 200);
    page = next.json();
    for (const auto& item : page["items"]) EXPECT_EQ(item["pinned"], false);
  }
  EXPECT_EQ(seen, feed_ids(reader));
  auto by_category = feed_ids(reader, "&category=Chuy%E1%BB%83n%20%C4%91%E1%BB%95i%20s%E1%BB%91");
  EXPECT_TRUE(by_category.count(pinned));
  EXPECT_EQ(reader.get("/api/v1/news?category=Th%E1%BB%83%20thao").status, 422);
  EXPECT_EQ(reader.get("/api/v1/news?limit=abc").status, 400);
  EXPECT_EQ(reader.get("/api/v1/news?before=x").status, 400);
}

TEST_F(NewsApiTest, InjectedScriptNeverComesBack) {
  auto editor = signed_in("bientap");
  auto body = article("Thử chèn mã", unit("SH"));
  body["body"] = "Xin chào <script>alert(document.cookie)</script>\n\n<img src=x onerror=alert(1)>\n\n"
                 "[bấm vào đây](javascript:alert(1)) và [trang chính thức](https://dangcongsan.vn)";
  body["title"] = "<script>alert(1)</script>";
  auto id = published(editor, body);
  auto reader = signed_in("dangvien");
  auto r = reader.get("/api/v1/news/" + std::to_string(id));
  ASSERT_EQ(r.status, 200);
  auto html = r.json()["body_html"].get<std::string>();
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("onerror"), std::string::npos) << html;
  EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
  EXPECT_NE(html.find("bấm vào đây"), std::string::npos) << html;
  EXPECT_NE(html.find("href=\"https://dangcongsan.vn\""), std::string::npos) << html;
  // Plain-text fields are data in JSON; the app escapes them when it shows them.
  EXPECT_EQ(r.json()["title"], "<script>alert(1)</script>");
  EXPECT_EQ(r.headers["content-type"].find("application/json"), 0u);
}

TEST_F(NewsApiTest, MalformedRequestsGet4xx) {
  auto editor = signed_in("bientap");
  auto post = [&](const std::string& raw, const std::string& type = "application/json") {
    return editor.request("POST", "/api/v1/news", raw, {{"Content-Type", type}, {"X-CSRF-Token", editor.csrf}});
  };
  EXPECT_EQ(post("{not json").status, 400);
  EXPECT_EQ(post("[1,2]").status, 400);
  EXPECT_EQ(post(R"({"title":5,"category":"Thời sự"})").status, 400);
  EXPECT_EQ(post(R"({"title":"A","category":"Thời sự","pinned":"có"})").status, 400);
  EXPECT_EQ(post(R"({"title":"A","category":"Thời sự","audience_unit_ids":"SH"})").status, 400);
  EXPECT_EQ(post(R"({"title":"A","category":"Thời sự","audience_unit_ids":[1.5]})").status, 400);
  EXPECT_EQ(post(R"({"title":"A","category":"Thời sự","admin":true})").status, 400);
  EXPECT_EQ(post(R"({"title":"A","category":"Thời sự"})", "text/plain").status, 415);
  auto invalid = post(R"({"title":"","category":"Thể thao"})");
  EXPECT_EQ(invalid.status, 422);
  EXPECT_EQ(error_code(invalid), "validation_failed");
  EXPECT_EQ(contract_.check_response(invalid, "/news", "post"), "");
  auto no_csrf = editor.request("POST", "/api/v1/news", R"({"title":"A","category":"Thời sự"})",
                                {{"Content-Type", "application/json"}});
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_EQ(error_code(no_csrf), "csrf_failed");
  // Unknown ids, whatever their form.
  EXPECT_EQ(editor.get("/api/v1/news/999999").status, 404);
  EXPECT_EQ(editor.get("/api/v1/news/abc").status, 404);
  EXPECT_EQ(editor.get("/api/v1/news/-1").status, 404);
  EXPECT_EQ(editor.post("/api/v1/news/999999/submit", json::object()).status, 404);
  EXPECT_EQ(editor.get("/api/v1/news/999999/versions").status, 404);
  auto put_missing_version = editor.send("PUT", "/api/v1/news/999999", article("X", unit("SH")));
  EXPECT_EQ(put_missing_version.status, 400);
  auto id = call(editor, "POST", "/news", "/news", article("Để thử", unit("SH"))).json()["id"].get<std::int64_t>();
  auto path = "/api/v1/news/" + std::to_string(id);
  EXPECT_EQ(editor.post(path + "/publish", json{{"publish_at", "mai"}}).status, 400);
  EXPECT_EQ(editor.post(path + "/publish", json{{"when", 1}}).status, 400);
  EXPECT_EQ(editor.get("/api/v1/editor/news?state=xoa").status, 422);
  EXPECT_EQ(editor.get("/api/v1/editor/news?cursor=abc").status, 400);
  EXPECT_EQ(signed_in("dangvien").get("/api/v1/news?limit=1").status, 200);
  Client anonymous(server_->port());
  EXPECT_EQ(anonymous.get("/api/v1/news").status, 401);
}

TEST_F(NewsApiTest, CoverUploadChecksSizeAndBytes) {
  auto editor = signed_in("bientap");
  auto id = published(editor, article("Có ảnh bìa", unit("SH")));
  const auto cover = "/api/v1/news/" + std::to_string(id) + "/cover";
  auto upload = [&](const std::string& bytes, const std::string& type = "image/jpeg") {
    return editor.request("POST", cover, bytes,
                          {{"Content-Type", type}, {"X-File-Name", "anh-bia.jpg"}, {"X-CSRF-Token", editor.csrf}});
  };
  auto too_big = upload(std::string(10 * 1024 * 1024 + 1, '\xFF'));
  EXPECT_EQ(too_big.status, 413);
  EXPECT_EQ(error_code(too_big), "payload_too_large");
  auto not_image = upload("Đây là văn bản, không phải ảnh, dù tên là .jpg");
  EXPECT_EQ(not_image.status, 415);
  EXPECT_EQ(error_code(not_image), "unsupported_media_type");
  EXPECT_EQ(upload("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n").status, 415);
  EXPECT_EQ(upload("").status, 400);
  EXPECT_EQ(upload(kPng.substr(0, 40)).status, 422);  // a PNG by its first bytes, but broken

  auto ok = upload(kPng, "image/png");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(contract_.check_response(ok, "/news/{id}/cover", "post"), "");
  auto url = ok.json()["cover_url"];
  ASSERT_TRUE(url.is_string());
  auto reader = signed_in("dangvien");
  auto image = reader.get(url.get<std::string>());
  ASSERT_EQ(image.status, 200);
  EXPECT_EQ(image.headers["content-type"], "image/jpeg");
  EXPECT_NE(image.headers["cache-control"].find("max-age=31536000"), std::string::npos);
  EXPECT_EQ(image.body.substr(0, 3), "\xFF\xD8\xFF");
  bool in_feed = false;
  const auto reader_feed = reader.get("/api/v1/news?limit=50").json();
  for (const auto& item : reader_feed["items"])
    if (item["id"] == id) in_feed = item["cover_url"] == url;
  EXPECT_TRUE(in_feed);
  // Only editors of the article upload; only its readers download.
  auto committee = signed_in("danguy");
  EXPECT_EQ(committee.request("POST", cover, kPng, {{"Content-Type", "image/png"}, {"X-CSRF-Token", committee.csrf}}).status,
            403);
  auto hidden = published(editor, article("Ảnh riêng SH-TP-02", unit("SH"), {unit("SH-TP-02")}));
  const auto hidden_cover = "/api/v1/news/" + std::to_string(hidden) + "/cover";
  ASSERT_EQ(editor.request("POST", hidden_cover, kPng, {{"Content-Type", "image/png"}, {"X-CSRF-Token", editor.csrf}}).status,
            200);
  EXPECT_EQ(reader.get(hidden_cover).status, 404);
  EXPECT_EQ(editor.get(hidden_cover).status, 200);
  EXPECT_EQ(reader.get("/api/v1/news/999999/cover").status, 404);
}

}  // namespace
}  // namespace sotay::testing
