// Attachments on the backend chosen by SOTAY_TEST_DB: the type comes from the bytes, names are
// cleaned, refusals and failures leave neither a row nor a file, who may upload and see.
#include "domain/attachments.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "domain/documents.h"
#include "domain/errors.h"
#include "domain/org_tree.h"
#include "io/zip_writer.h"
#include "store/jobs_store.h"
#include "testing/actors.h"
#include "testing/errors.h"
#include "testing/test_db.h"
#include "util/crypto.h"

namespace sotay::attachments {
namespace {

using testing::admin;
using testing::member_of;
using testing::with_grant;

namespace fs = std::filesystem;

const std::string kPng = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0", 29) + "rest";
const std::string kJpeg = std::string("\xFF\xD8\xFF\xE0\0\x10JFIF\0", 11) + "rest of a jpeg";

std::string docx_bytes(const std::string& paragraph) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
      "<w:p><w:r><w:t>" + paragraph + "</w:t></w:r></w:p></w:body></w:document>";
  return io::detail::build_zip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", xml}});
}

struct Fixture {
  std::unique_ptr<db::Database> db = testing::fresh_database();
  fs::path files = fs::temp_directory_path() /
                   ("sotay-attach-" + std::to_string(::getpid()) + "-" + crypto::random_token(6));
  org::UnitRow province, sub, base, cell;
  std::int64_t published = 0, draft = 0;
  Fixture() {
    auto a = admin();
    province = org::create(*db, a, {"P", "province", "Đảng bộ tỉnh Thử", std::nullopt, "2020-01-01"});
    sub = org::create(*db, a, {"P-S", "subordinate_committee", "Đảng bộ xã Một", province.id, "2020-01-01"});
    base = org::create(*db, a, {"P-S-A", "base_committee", "Đảng bộ thôn A", sub.id, "2020-01-01"});
    cell = org::create(*db, a, {"P-S-A-1", "cell", "Chi bộ A1", base.id, "2020-01-01"});
    documents::DocumentInput in;
    in.title = "Quy chế làm việc";
    in.owner_unit_id = province.id;
    published = documents::create(*db, a, in);
    documents::publish(*db, a, published, std::nullopt);
    in.title = "Dự thảo";
    draft = documents::create(*db, a, in);
  }
  ~Fixture() {
    std::error_code ec;
    fs::remove_all(files, ec);
  }
  std::int64_t count(const std::string& sql) {
    return db->read_value([&](db::Connection& c) { return c.query(sql).one().integer(0); });
  }
  // Every file in the folder, temporary ones included.
  std::vector<std::string> stored_files() {
    std::vector<std::string> out;
    std::error_code ec;
    if (!fs::exists(files, ec)) return out;
    for (const auto& e : fs::directory_iterator(files)) out.push_back(e.path().filename().string());
    return out;
  }
};

using testing::code_of;

TEST(Attachments, FileNamesAreCleaned) {
  EXPECT_EQ(sanitize_file_name("../../etc/passwd.png"), "passwd.png");
  EXPECT_EQ(sanitize_file_name("C:\\fakepath\\Quyết định số 5.pdf"), "Quyết định số 5.pdf");
  EXPECT_EQ(sanitize_file_name("  ..ẩn\x01\x1f.pdf  "), "ẩn.pdf");
  EXPECT_EQ(sanitize_file_name("tên\u202Efdp.exe"), "tênfdp.exe");
  EXPECT_EQ(sanitize_file_name(""), "tep-dinh-kem");
  EXPECT_EQ(sanitize_file_name("/"), "tep-dinh-kem");
  std::string long_name;
  for (int i = 0; i < 300; ++i) long_name += "ệ";
  auto cut = sanitize_file_name(long_name + ".docx");
  EXPECT_TRUE(cut.ends_with("ệ.docx")) << cut;
  std::size_t chars = 0;
  for (unsigned char c : cut) chars += (c & 0xC0) != 0x80;
  EXPECT_EQ(chars, kMaxFileNameChars);
  try {
    sanitize_file_name("bad\xC3(.pdf");
    ADD_FAILURE() << "invalid UTF-8 accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::bad_request);
  }
}

TEST(Attachments, TheTypeComesFromTheBytes) {
  Fixture f;
  auto a = admin();
  auto upload = [&](const std::string& name, const std::string& bytes) {
    return add_to_document(*f.db, a, f.files, f.published, name, bytes);
  };
  // A picture renamed to .pdf, text renamed to .pdf, an old Word file, an empty body.
  for (auto [name, bytes] : std::vector<std::pair<std::string, std::string>>{
           {"bao-cao.pdf", kPng},
           {"bao-cao.pdf", "Chỉ là chữ, không phải PDF"},
           {"bao-cao.docx", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "old word"},
           {"bao-cao.docx", std::string("PK\x03\x04", 4) + "a zip without word/document.xml"},
           {"anh.png", kJpeg}}) {
    try {
      upload(name, bytes);
      ADD_FAILURE() << name << " accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::unsupported_media_type) << name;
      EXPECT_TRUE(e.message().starts_with("Tệp không đúng định dạng")) << e.message();
    }
  }
  EXPECT_EQ(code_of([&] { upload("rong.pdf", ""); }), ErrorCode::validation_failed);
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM attachments"), 0);
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM jobs"), 0);
  EXPECT_TRUE(f.stored_files().empty());

  // The right types: PDF and Word are queued for extraction, pictures are not.
  auto pdf = upload("Quy định 5.PDF", "%PDF-1.4\n% a pdf\n");
  EXPECT_EQ(pdf.content_type, "application/pdf");
  EXPECT_EQ(pdf.extract_state, "pending");
  EXPECT_EQ(pdf.file_name, "Quy định 5.PDF");
  auto docx = upload("quy-che.docx", docx_bytes("Điều 1. Thử"));
  EXPECT_EQ(docx.extract_state, "pending");
  EXPECT_EQ(docx.content_type, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  auto png = upload("scan", kPng);  // no extension: the right one is added
  EXPECT_EQ(png.file_name, "scan.png");
  EXPECT_EQ(png.extract_state, "none");
  auto jpeg = upload("anh.JPEG", kJpeg);
  EXPECT_EQ(jpeg.content_type, "image/jpeg");
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM jobs WHERE kind = 'extract' AND state = 'pending'"), 2);
  f.db->read([&](db::Connection& c) {
    auto jobs = store::jobs_for_target(c, "extract", pdf.id);
    ASSERT_EQ(jobs.size(), 1u);
    EXPECT_EQ(jobs[0].attempts, 0);
  });
  // Stored under the hash of the bytes, complete, and nothing else lies around.
  std::ifstream in(file_path(f.files, png), std::ios::binary);
  std::stringstream got;
  got << in.rdbuf();
  EXPECT_EQ(got.str(), kPng);
  EXPECT_EQ(png.storage_key, crypto::sha256_hex(kPng));
  EXPECT_EQ(f.stored_files().size(), 4u);
  // The same bytes again: a second row, the same file.
  auto again = upload("scan-2.png", kPng);
  EXPECT_NE(again.id, png.id);
  EXPECT_EQ(again.storage_key, png.storage_key);
  EXPECT_EQ(f.stored_files().size(), 4u);
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM audit_log WHERE action = 'attachment.upload'"), 5);
}

TEST(Attachments, AFailedUploadLeavesNoRowAndNoFile) {
  Fixture f;
  // The job cannot be written: the whole upload is rolled back, the file taken away.
  f.db->write([](db::Connection& c) { c.exec_script("DROP TABLE jobs"); });
  EXPECT_ANY_THROW(add_to_document(*f.db, admin(), f.files, f.published, "a.pdf", "%PDF-1.4\nx"));
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM attachments"), 0);
  EXPECT_TRUE(f.stored_files().empty()) << f.stored_files().front();
  // A picture needs no job: it goes in.
  auto png = add_to_document(*f.db, admin(), f.files, f.published, "a.png", kPng);
  EXPECT_EQ(f.stored_files(), std::vector<std::string>{png.storage_key});
}

TEST(Attachments, OnlyEditorsUploadAndOnlyReadersSee) {
  Fixture f;
  auto member = member_of(f.cell, 77);
  // A member who can read the document may not add to it; one who cannot read it is told nothing.
  EXPECT_EQ(code_of([&] { add_to_document(*f.db, member, f.files, f.published, "a.png", kPng); }),
            ErrorCode::forbidden);
  EXPECT_EQ(code_of([&] { add_to_document(*f.db, member, f.files, f.draft, "a.png", kPng); }), ErrorCode::not_found);
  EXPECT_EQ(code_of([&] { add_to_document(*f.db, admin(), f.files, 999999, "a.png", kPng); }), ErrorCode::not_found);
  // An editor below the owner unit cannot edit the province's document.
  EXPECT_EQ(code_of([&] { add_to_document(*f.db, with_grant(Role::editor, f.base, 78), f.files, f.draft, "a.png", kPng); }),
            ErrorCode::not_found);
  EXPECT_TRUE(f.stored_files().empty());

  auto editor = with_grant(Role::editor, f.province, 78);
  auto on_published = add_to_document(*f.db, editor, f.files, f.published, "a.png", kPng);
  auto on_draft = add_to_document(*f.db, editor, f.files, f.draft, "b.png", kPng);
  EXPECT_EQ(get(*f.db, member, on_published.id).id, on_published.id);
  EXPECT_EQ(code_of([&] { get(*f.db, member, on_draft.id); }), ErrorCode::not_found);
  EXPECT_EQ(get(*f.db, editor, on_draft.id).id, on_draft.id);
  EXPECT_EQ(code_of([&] { get(*f.db, member, 424242); }), ErrorCode::not_found);
  f.db->read([&](db::Connection& c) { EXPECT_EQ(of_item(c, "document", f.published).size(), 1u); });
}

}  // namespace
}  // namespace sotay::attachments
