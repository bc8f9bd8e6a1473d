// Attachments over HTTP against a real `sotay serve` (its background worker included), on the
// backend chosen by SOTAY_TEST_DB with the small demo province: upload limits and refusals,
// extraction progress through to the document's text, the bytes back with their name.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include "db/migrations.h"
#include "domain/auth.h"
#include "domain/documents.h"
#include "domain/org_tree.h"
#include "io/zip_writer.h"
#include "store/documents_store.h"
#include "test_client.h"
#include "testing/test_db.h"
#include "util/crypto.h"

namespace sotay::testing {
namespace {

namespace fs = std::filesystem;
constexpr const char* kPassword = "SoTay@2026";


std::string docx_of(const std::vector<std::string>& paragraphs) {
  std::string body;
  for (const auto& p : paragraphs) body += "<w:p><w:r><w:t>" + p + "</w:t></w:r></w:p>";
  return io::detail::build_zip(
      {{"[Content_Types].xml", "<Types/>"},
       {"word/document.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document "
        "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" +
            body + "</w:body></w:document>"}});
}

// A valid PDF with a text layer on every page (enough text that no page goes to OCR).
std::string pdf_of(int pages) {
  std::string pdf = "%PDF-1.4\n";
  const int objects = 3 + 2 * pages;
  std::vector<std::size_t> offsets(static_cast<std::size_t>(objects) + 1);
  auto add = [&](int num, const std::string& body) {
    offsets[static_cast<std::size_t>(num)] = pdf.size();
    pdf += std::to_string(num) + " 0 obj\n" + body + "\nendobj\n";
  };
  std::string kids;
  for (int i = 0; i < pages; ++i) kids += std::to_string(4 + 2 * i) + " 0 R ";
  add(1, "<< /Type /Catalog /Pages 2 0 R >>");
  add(2, "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>");
  add(3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  for (int i = 0; i < pages; ++i) {
    std::string content = "BT /F1 11 Tf 72 720 Td 14 TL";
    for (int line = 0; line < 4; ++line)
      content += " (Trang " + std::to_string(i + 1) + " dong " + std::to_string(line + 1) +
                 ": noi dung kiem thu trich xuat van ban tu tep PDF co lop chu.) '";
    content += " ET";
    add(4 + 2 * i, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                   "/Contents " + std::to_string(5 + 2 * i) + " 0 R >>");
    add(5 + 2 * i, "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream");
  }
  const auto xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects + 1) + "\n0000000000 65535 f \n";
  for (int i = 1; i <= objects; ++i) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offsets[static_cast<std::size_t>(i)]);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects + 1) + " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) +
         "\n%%EOF\n";
  return pdf;
}

bool has_vietnamese(const std::string& s) {
  return !s.empty() && std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

class AttachmentsApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    url_ = new std::string(fresh_database_url());
    db_ = db::open(*url_).release();
    db::migrate(*db_);
    files_ = new fs::path(fs::temp_directory_path() / ("sotay-files-" + std::to_string(::getpid())));
    Actor admin;
    admin.grants.push_back({Role::admin, std::nullopt, ""});
    // A small tree of its own: an editor over the province, a member of one of its cells.
    auto p = org::create(*db_, admin, {"SH", "province", "Đảng bộ tỉnh Thử", std::nullopt, "2020-01-01"});
    auto s = org::create(*db_, admin, {"SH-S", "subordinate_committee", "Đảng bộ xã Một", p.id, "2020-01-01"});
    auto b = org::create(*db_, admin, {"SH-S-A", "base_committee", "Đảng bộ thôn A", s.id, "2020-01-01"});
    org::create(*db_, admin, {"SH-S-A-1", "cell", "Chi bộ A1", b.id, "2020-01-01"});
    auth::create_ready_account(*db_, {"bientap", kPassword, "editor", "Biên Tập Viên", "SH", false});
    auth::create_ready_account(*db_, {"dangvien", kPassword, "member", "Đảng Viên Thử", "SH-S-A-1", false});
    documents::DocumentInput in;
    in.owner_unit_id = p.id;
    in.kind = "quy_dinh";
    in.title = "Quy chế thử nghiệm tệp đính kèm";
    published_ = documents::create(*db_, admin, in);
    documents::publish(*db_, admin, published_, std::nullopt);
    in.title = "Dự thảo chưa ban hành";
    draft_ = documents::create(*db_, admin, in);
    server_ = new ServerProcess(*url_, {"--files", files_->string()});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete db_;
    delete url_;
    std::error_code ec;
    fs::remove_all(*files_, ec);
    delete files_;
  }
  Client signed_in(const std::string& login) { return testing::signed_in(server_->port(), login); }
  static std::string uploads(std::int64_t doc) { return "/api/v1/documents/" + std::to_string(doc) + "/attachments"; }
  static HttpResult upload(Client& c, std::int64_t doc, const std::string& name, const std::string& bytes,
                           const std::string& type = "application/octet-stream") {
    return c.request("POST", uploads(doc), bytes,
                     {{"Content-Type", type}, {"X-File-Name", percent_encode(name)}, {"X-CSRF-Token", c.csrf}});
  }
  // Polls the attachment until extraction ends; every state seen on the way.
  static nlohmann::json wait_extracted(Client& c, std::int64_t id, std::vector<nlohmann::json>* seen = nullptr) {
    nlohmann::json a;
    for (int i = 0; i < 400; ++i) {
      a = c.get("/api/v1/attachments/" + std::to_string(id)).json();
      if (seen) seen->push_back(a);
      if (a["extract_state"] == "done" || a["extract_state"] == "failed") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return a;
  }

  static std::string* url_;
  static db::Database* db_;
  static fs::path* files_;
  static ServerProcess* server_;
  static std::int64_t published_, draft_;
};
std::string* AttachmentsApiTest::url_ = nullptr;
db::Database* AttachmentsApiTest::db_ = nullptr;
fs::path* AttachmentsApiTest::files_ = nullptr;
ServerProcess* AttachmentsApiTest::server_ = nullptr;
std::int64_t AttachmentsApiTest::published_ = 0;
std::int64_t AttachmentsApiTest::draft_ = 0;

TEST_F(AttachmentsApiTest, WrongTypeIs415) {
  auto c = signed_in("bientap");
  const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + "not really a pdf";
  auto r = upload(c, published_, "quyet-dinh.pdf", png, "application/pdf");
  EXPECT_EQ(r.status, 415) << r.body;
  EXPECT_TRUE(error_message(r).starts_with("Tệp không đúng định dạng")) << r.body;
  r = upload(c, published_, "ghi-chu.pdf", "chỉ là chữ", "application/pdf");
  EXPECT_EQ(r.status, 415) << r.body;
}

TEST_F(AttachmentsApiTest, TwoHundredMegabytesAreRefusedBeforeTheyAreSent) {
  auto c = signed_in("bientap");
  std::string cookie = "sotay_session=" + c.cookies["sotay_session"];
  std::string head = "POST " + uploads(published_) +
                     " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/pdf\r\nX-File-Name: lon.pdf\r\n"
                     "Cookie: " + cookie + "\r\nX-CSRF-Token: " + c.csrf +
                     "\r\nContent-Length: " + std::to_string(200u << 20) + "\r\n\r\n";
  const auto started = std::chrono::steady_clock::now();
  const std::string response = send_head_only(server_->port(), head);
  const auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_TRUE(response.starts_with("HTTP/1.1 413")) << response.substr(0, 200);
  auto body = response.substr(response.find("\r\n\r\n") + 4);
  auto message = nlohmann::json::parse(body, nullptr, false)["error"]["message"].get<std::string>();
  EXPECT_TRUE(has_vietnamese(message)) << message;
  EXPECT_LT(secs, 5.0);
  // Nothing was stored.
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(*files_, ec))
    EXPECT_FALSE(e.path().filename().string().starts_with(".upload-")) << e.path();
}

TEST_F(AttachmentsApiTest, UnknownDocumentAndMembersAreRefusedInVietnamese) {
  auto editor = signed_in("bientap");
  auto r = upload(editor, 987654, "a.docx", docx_of({"x"}));
  EXPECT_EQ(r.status, 404);
  EXPECT_TRUE(has_vietnamese(error_message(r))) << r.body;
  auto member = signed_in("dangvien");
  r = upload(member, published_, "a.docx", docx_of({"x"}));  // may read it, may not add to it
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_TRUE(has_vietnamese(error_message(r))) << r.body;
  r = upload(member, draft_, "a.docx", docx_of({"x"}));  // may not even see it
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_TRUE(has_vietnamese(error_message(r))) << r.body;
  // No CSRF token, no session.
  r = editor.request("POST", uploads(published_), docx_of({"x"}), {{"X-File-Name", "a.docx"}});
  EXPECT_EQ(r.status, 403);
  Client anonymous(server_->port());
  EXPECT_EQ(anonymous.request("POST", uploads(published_), "x", {{"X-File-Name", "a.docx"}}).status, 401);
  EXPECT_EQ(anonymous.get("/api/v1/attachments/1").status, 401);
}

TEST_F(AttachmentsApiTest, WordFileIsExtractedIntoTheDocumentAndDownloadable) {
  auto editor = signed_in("bientap");
  Actor admin;
  admin.grants.push_back({Role::admin, std::nullopt, ""});
  documents::DocumentInput in;
  in.owner_unit_id = org::find_by_code(*db_, "SH").value().id;
  in.title = "Quy chế làm việc (từ tệp Word)";
  auto doc = documents::create(*db_, admin, in);
  documents::publish(*db_, admin, doc, std::nullopt);

  const auto bytes = docx_of({"QUY CHẾ LÀM VIỆC", "Điều 1. Phạm vi điều chỉnh", "Quy chế này áp dụng cho chi bộ.",
                              "Điều 2. Nguyên tắc", "1. Tập trung dân chủ.", "2. Tập thể lãnh đạo."});
  const std::string name = "Quy chế làm việc \"2026\".docx";
  auto r = upload(editor, doc, name, bytes);
  ASSERT_EQ(r.status, 201) << r.body;
  auto a = r.json();
  EXPECT_EQ(a["extract_state"], "pending");
  EXPECT_EQ(a["file_name"], name);
  EXPECT_EQ(a["size"], bytes.size());
  EXPECT_EQ(a["content_type"], "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  const auto id = a["id"].get<std::int64_t>();
  EXPECT_EQ(a["url"], "/api/v1/attachments/" + std::to_string(id) + "/file");
  EXPECT_TRUE(a["extract_error"].is_null());

  auto done = wait_extracted(editor, id);
  ASSERT_EQ(done["extract_state"], "done") << done.dump();
  EXPECT_EQ(done["extract_done"], 1);
  EXPECT_EQ(done["extract_total"], 1);
  auto sections = db_->read_value([&](db::Connection& c) { return store::document_sections(c, doc); });
  std::set<std::string> labels;
  for (const auto& s : sections) labels.insert(s.label);
  EXPECT_TRUE(labels.count("Điều 1") && labels.count("Điều 2 khoản 2")) << sections.size();

  // A member who may read the document gets the file, under its name.
  auto member = signed_in("dangvien");
  auto file = member.get("/api/v1/attachments/" + std::to_string(id) + "/file");
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_EQ(file.body, bytes);
  EXPECT_EQ(file.headers["content-type"], "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  const auto& disposition = file.headers["content-disposition"];
  EXPECT_TRUE(disposition.starts_with("attachment;")) << disposition;
  EXPECT_NE(disposition.find("filename*=UTF-8''Quy%20ch%E1%BA%BF%20l%C3%A0m%20vi%E1%BB%87c%20%222026%22.docx"),
            std::string::npos)
      << disposition;
  EXPECT_EQ(member.get("/api/v1/attachments/" + std::to_string(id)).status, 200);

  // On a draft the member sees nothing.
  r = upload(editor, draft_, "nhap.docx", docx_of({"Bản nháp"}));
  ASSERT_EQ(r.status, 201) << r.body;
  auto hidden = std::to_string(r.json()["id"].get<std::int64_t>());
  EXPECT_EQ(member.get("/api/v1/attachments/" + hidden).status, 404);
  EXPECT_EQ(member.get("/api/v1/attachments/" + hidden + "/file").status, 404);
  EXPECT_EQ(editor.get("/api/v1/attachments/" + hidden + "/file").status, 200);
}

TEST_F(AttachmentsApiTest, PdfProgressThenDone) {
  auto editor = signed_in("bientap");
  constexpr int kPages = 40;
  auto r = upload(editor, published_, "bao-cao.pdf", pdf_of(kPages), "application/pdf");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["extract_state"], "pending");
  std::vector<nlohmann::json> seen;
  auto done = wait_extracted(editor, r.json()["id"].get<std::int64_t>(), &seen);
  ASSERT_EQ(done["extract_state"], "done") << done.dump();
  EXPECT_EQ(done["extract_done"], kPages);
  EXPECT_EQ(done["extract_total"], kPages);
  for (const auto& s : seen) {
    EXPECT_LE(s["extract_done"].get<int>(), s["extract_total"].get<int>()) << s.dump();
    if (s["extract_state"] == "running" && s["extract_total"].get<int>() > 0) {
      EXPECT_EQ(s["extract_total"], kPages) << s.dump();
    }
  }
  // A broken PDF fails, with the reason in Vietnamese.
  r = upload(editor, published_, "hong.pdf", "%PDF-1.5\n1 0 obj <<", "application/pdf");
  ASSERT_EQ(r.status, 201) << r.body;
  auto failed = wait_extracted(editor, r.json()["id"].get<std::int64_t>());
  EXPECT_EQ(failed["extract_state"], "failed");
  EXPECT_TRUE(failed["extract_error"].is_string() && has_vietnamese(failed["extract_error"].get<std::string>()))
      << failed.dump();
}

TEST_F(AttachmentsApiTest, ZzSigtermStopsTheWorkerToo) {
  // Last in the suite: a fresh server on the same database stops cleanly with its worker.
  ServerProcess other(*url_, {"--files", files_->string()});
  Client c(other.port());
  EXPECT_EQ(c.get("/readyz").status, 200);
  EXPECT_EQ(other.stop(SIGTERM), 0) << other.stderr_text();
}

}  // namespace
}  // namespace sotay::testing
