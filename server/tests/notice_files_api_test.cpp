// Files attached to notices over HTTP, against a real `sotay serve` on the backend chosen by
// SOTAY_TEST_DB with the small demo province: a committee uploads a file, sends the notice with
// it, the member's open app gets the notice with the file listed, the member downloads the same
// bytes under the Vietnamese name; uploads by members, of the wrong type, too big or badly named
// are refused in Vietnamese and store nothing; a file is only for the notice's recipients and
// those who follow it up.
#include <gtest/gtest.h>

#include <filesystem>

#include "demo_server_fixture.h"
#include "live_socket.h"
#include "schema_validator.h"
#include "test_client.h"
#include "util/crypto.h"

namespace sotay::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const std::string kPng = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0", 29) + "plan";

class NoticeFilesApiTest : public DemoServerTest {
 protected:
  static void SetUpTestSuite() {
    files_ = fs::temp_directory_path() / ("sotay-notice-files-api-" + crypto::random_token(6));
    start_demo_server({"--files", files_.string()});
  }
  static void TearDownTestSuite() {
    stop_demo_server();
    std::error_code ec;
    fs::remove_all(files_, ec);
  }
  static HttpResult upload(Client& c, const std::string& name, const std::string& bytes) {
    return c.request("POST", "/api/v1/notice-files", bytes,
                     {{"Content-Type", "application/octet-stream"}, {"X-File-Name", percent_encode(name)},
                      {"X-CSRF-Token", c.csrf}});
  }
  static std::int64_t count_files() { return scalar("SELECT COUNT(*) FROM notice_files"); }

  static inline fs::path files_;
};

TEST_F(NoticeFilesApiTest, AFileGoesOutWithItsNoticeAndComesBackTheSame) {
  auto committee = signed_in("danguy");
  auto member = signed_in("dangvien");
  LiveSocket app(port(), member);
  SchemaValidator contract;

  auto up = upload(committee, "Kế hoạch đại hội chi bộ.png", kPng);
  ASSERT_EQ(up.status, 201) << up.body;
  EXPECT_EQ(contract.check_response(up, "/notice-files", "POST", "upload"), "");
  const auto file = up.json();
  EXPECT_EQ(file["file_name"], "Kế hoạch đại hội chi bộ.png");
  EXPECT_EQ(file["content_type"], "image/png");
  EXPECT_EQ(file["size"], static_cast<std::int64_t>(kPng.size()));

  auto sent = committee.post("/api/v1/notices", {{"title", "Kế hoạch đại hội chi bộ"},
                                                 {"body", "Gửi các đồng chí kế hoạch kèm theo."},
                                                 {"audience", {{"units", {grant_unit(committee)}}}},
                                                 {"files", {file["id"]}}});
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_EQ(contract.check_response(sent, "/notices", "POST", "send"), "");
  ASSERT_EQ(sent.json()["files"].size(), 1u);
  const auto notice_id = sent.json()["id"].get<std::int64_t>();

  // The open app gets the notice with its file.
  auto message = app.next_notice(std::chrono::seconds(10));
  ASSERT_EQ(message["notice"]["id"], notice_id) << message.dump();
  ASSERT_EQ(message["notice"]["files"].size(), 1u);
  const std::string url = message["notice"]["files"][0]["url"];

  auto opened = member.get("/api/v1/inbox/" + std::to_string(notice_id));
  ASSERT_EQ(opened.status, 200);
  EXPECT_EQ(contract.check_response(opened, "/inbox/{id}", "GET", "open"), "");
  EXPECT_EQ(opened.json()["files"][0]["url"], url);

  auto bytes = member.get(url);
  ASSERT_EQ(bytes.status, 200);
  EXPECT_EQ(bytes.body, kPng);
  EXPECT_EQ(bytes.headers["content-type"], "image/png");
  EXPECT_NE(bytes.headers["content-disposition"].find("filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch"), std::string::npos)
      << bytes.headers["content-disposition"];
  EXPECT_EQ(committee.get(url).body, kPng);  // the sender follows it up

  // Not a recipient, not following it up: as if it did not exist.
  auto editor = signed_in("bientap");
  EXPECT_EQ(editor.get(url).status, 404);
  Client anonymous(port());
  EXPECT_EQ(anonymous.get(url).status, 401);

  // Sent once: the same upload cannot go with a second notice.
  auto again = committee.post("/api/v1/notices", {{"title", "Nhắc lại"},
                                                  {"body", "Nhắc lại kế hoạch."},
                                                  {"audience", {{"units", {grant_unit(committee)}}}},
                                                  {"files", {file["id"]}}});
  EXPECT_EQ(again.status, 422);
  EXPECT_TRUE(again.json()["error"].contains("fields")) << again.body;
}

TEST_F(NoticeFilesApiTest, ACorrectionTakesAFileBackFromTheOpenAppAndTheDisk) {
  auto committee = signed_in("danguy");
  auto member = signed_in("dangvien");
  SchemaValidator contract;
  const std::string wrong_bytes = kPng + "danh-sach-sai";
  auto wrong = upload(committee, "Danh sách (nhầm).png", wrong_bytes).json();
  auto sent = committee.post("/api/v1/notices", {{"title", "Danh sách dự đại hội"},
                                                 {"body", "Gửi các đồng chí danh sách."},
                                                 {"audience", {{"units", {grant_unit(committee)}}}},
                                                 {"files", {wrong["id"]}}});
  ASSERT_EQ(sent.status, 201) << sent.body;
  const auto path = "/api/v1/notices/" + std::to_string(sent.json()["id"].get<std::int64_t>()) + "/correct";
  const std::string url = sent.json()["files"][0]["url"];
  ASSERT_EQ(member.get(url).status, 200);
  const auto on_disk = files_ / crypto::sha256_hex(wrong_bytes);  // content-addressed
  ASSERT_TRUE(fs::exists(on_disk));

  // Refused in Vietnamese, nothing changed: wrong type, a file not this notice's.
  auto typed = committee.post(path, {{"body", "Mới"}, {"note", "Gỡ"}, {"remove_files", "tat-ca"}});
  EXPECT_EQ(typed.status, 400) << typed.body;
  auto other = committee.post(path, {{"body", "Mới"}, {"note", "Gỡ"}, {"remove_files", {wrong["id"].get<std::int64_t>() + 1000}}});
  EXPECT_EQ(other.status, 422) << other.body;
  EXPECT_EQ(other.json()["error"]["fields"][0]["field"], "remove_files") << other.body;
  EXPECT_EQ(member.get(url).status, 200);

  LiveSocket app(port(), member);
  auto fixed = committee.post(path, {{"body", "Danh sách đúng sẽ gửi sau."}, {"note", "Gửi nhầm danh sách"}, {"remove_files", {wrong["id"]}}});
  ASSERT_EQ(fixed.status, 200) << fixed.body;
  EXPECT_EQ(contract.check_response(fixed, "/notices/{id}/correct", "POST", "correct"), "");
  EXPECT_TRUE(fixed.json()["files"].empty()) << fixed.body;
  auto message = app.next_notice(std::chrono::seconds(10));
  ASSERT_EQ(message["event"], "corrected") << message.dump();
  EXPECT_TRUE(message["notice"]["files"].empty()) << message.dump();
  EXPECT_EQ(member.get(url).status, 404);
  EXPECT_FALSE(fs::exists(on_disk));
}

TEST_F(NoticeFilesApiTest, RefusedUploadsAreExplainedAndStoreNothing) {
  auto committee = signed_in("danguy");
  auto member = signed_in("dangvien");
  const auto before = count_files();

  auto r = upload(member, "anh.png", kPng);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(error_message(r), "Bạn không có quyền gửi thông báo.");

  r = upload(committee, "ke-hoach.png", "không phải ảnh");
  EXPECT_EQ(r.status, 415);
  EXPECT_NE(error_message(r).find("Tệp không đúng định dạng"), std::string::npos) << r.body;

  r = upload(committee, "", "");
  EXPECT_EQ(r.status, 422) << r.body;

  r = committee.request("POST", "/api/v1/notice-files", kPng,
                        {{"X-File-Name", "K%E1%BA"}, {"X-CSRF-Token", committee.csrf}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(error_message(r), "Tên tệp không hợp lệ.");

  // Over 50 MB: refused from Content-Length, before the body is sent.
  auto response = send_head_only(port(),
                                 "POST /api/v1/notice-files HTTP/1.1\r\nHost: 127.0.0.1\r\nX-File-Name: lon.pdf\r\n"
                                 "Cookie: sotay_session=" + committee.cookies["sotay_session"] +
                                     "\r\nX-CSRF-Token: " + committee.csrf +
                                     "\r\nContent-Length: " + std::to_string((50u << 20) + 1) + "\r\n\r\n");
  EXPECT_TRUE(response.starts_with("HTTP/1.1 413")) << response.substr(0, 200);

  // A notice naming a file that does not exist is refused whole.
  auto sent = committee.post("/api/v1/notices", {{"title", "Thông báo"},
                                                 {"body", "Nội dung."},
                                                 {"audience", {{"units", {grant_unit(committee)}}}},
                                                 {"files", {987654}}});
  EXPECT_EQ(sent.status, 422);
  EXPECT_EQ(count_files(), before);
}

}  // namespace
}  // namespace sotay::testing
