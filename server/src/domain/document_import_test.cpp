// `sotay import documents` on the backend chosen by SOTAY_TEST_DB: metadata guessed from the
// letterhead or read from metadata.csv, re-import updates instead of duplicating, one bad file
// does not stop the others.
#include "domain/document_import.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "domain/documents.h"
#include "domain/errors.h"
#include "domain/org_tree.h"
#include "store/documents_store.h"
#include "testing/actors.h"
#include "testing/test_db.h"
#include "util/crypto.h"

namespace sotay::document_import {
namespace {

namespace fs = std::filesystem;

// As `sotay import documents` acts.
Actor admin() {
  Actor a = testing::admin();
  a.ip = "cli";
  return a;
}

const char* kQuyDinh =
    "BAN CHẤP HÀNH TRUNG ƯƠNG\n"
    "*\n"
    "ĐẢNG CỘNG SẢN VIỆT NAM\n"
    "---------------\n"
    "Số 901-QĐ/TW Hà Nội, ngày 5 tháng 3 năm 2024\n"
    "\n"
    "QUY ĐỊNH\n"
    "VỀ CÔNG TÁC THỬ NGHIỆM SỔ TAY CỦA ĐẢNG CỘNG SẢN VIỆT NAM\n"
    "- Căn cứ Điều lệ Đảng;\n"
    "Chương I\n"
    "QUY ĐỊNH CHUNG\n"
    "Điều 1. Phạm vi\n"
    "Quy định này áp dụng cho việc thử nghiệm.\n"
    "Điều 2. Đối tượng\n"
    "1. Đảng viên.\n"
    "2. Tổ chức đảng.\n";

const char* kHuongDan =
    "ĐẢNG BỘ TỈNH THỬ\n"
    "\n"
    "Số 12-HD/TU\n"
    "\n"
    "HƯỚNG DẪN\n"
    "\n"
    "THỰC HIỆN NGHỊ QUYẾT SỐ 34-NQ/TW VỀ SINH HOẠT CHI BỘ\n"
    "\n"
    "I. MỤC ĐÍCH\n"
    "1. Nâng cao chất lượng sinh hoạt.\n";

struct Folder {
  fs::path dir = fs::temp_directory_path() /
                 ("sotay-import-" + std::to_string(::getpid()) + "-" + crypto::random_token(6));
  Folder() { fs::create_directories(dir); }
  ~Folder() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  void write(const std::string& name, const std::string& text) {
    std::ofstream out(dir / name, std::ios::binary);
    out << text;
  }
};

TEST(DocumentImport, GuessesMetadataFromTheLetterhead) {
  auto m = guess_metadata(kQuyDinh, "qd-901.txt");
  EXPECT_EQ(m.number, "901-QĐ/TW");
  EXPECT_EQ(m.title, "Quy định về công tác thử nghiệm sổ tay của Đảng Cộng sản Việt Nam");
  EXPECT_EQ(m.kind, "quy_dinh");
  EXPECT_EQ(m.level, "central");
  EXPECT_EQ(m.issued_on, "2024-03-05");
  EXPECT_EQ(m.issuer, "Ban Chấp hành Trung ương");

  auto h = guess_metadata(kHuongDan, "hd-12.txt");
  EXPECT_EQ(h.number, "12-HD/TU");
  EXPECT_EQ(h.title, "Hướng dẫn thực hiện nghị quyết số 34-NQ/TW về sinh hoạt chi bộ");
  EXPECT_EQ(h.kind, "huong_dan");
  EXPECT_EQ(h.level, "province");
  EXPECT_FALSE(h.issued_on);

  // No letterhead: the first line, a bare number, the kind from the number's code.
  auto n = guess_metadata("[Ghi chú của người chép: Kết luận số 7-KL/TW về học tập]\n\nNội dung.\n", "kl.txt");
  EXPECT_EQ(n.title, "Kết luận số 7-KL/TW về học tập");
  EXPECT_EQ(n.number, "7-KL/TW");
  EXPECT_EQ(n.kind, "ket_luan");
  EXPECT_EQ(n.level, "central");
  auto bare = guess_metadata("45-CT/TW\nVề việc thử\n", "ct.txt");
  EXPECT_EQ(bare.number, "45-CT/TW");
  EXPECT_EQ(bare.kind, "chi_thi");
  // Nothing to go on: the file name.
  auto empty = guess_metadata("\n\n", "tai-lieu_sinh-hoat.txt");
  EXPECT_EQ(empty.title, "Tai lieu sinh hoat");
  EXPECT_EQ(empty.kind, "khac");
  EXPECT_EQ(empty.level, "base");
}

TEST(DocumentImport, TextFilesAreCleaned) {
  EXPECT_EQ(clean_text_file("SOURCE: somewhere | LICENSE: x\n\nĐiều 1. A\r\nB\n"), "Điều 1. A\nB\n");
  EXPECT_EQ(clean_text_file("\xEF\xBB\xBFSOURCE: x\nDòng 2\n"), "Dòng 2\n");
  EXPECT_EQ(clean_text_file("Không có nguồn\n"), "Không có nguồn\n");
  EXPECT_THROW(clean_text_file("Ti\xEA\xAA"), Error);  // Windows-1258, not UTF-8
}

TEST(DocumentImport, AFolderBecomesDocumentsAndReimportUpdates) {
  auto db = testing::fresh_database();
  auto root = org::create(*db, admin(), {"P", "province", "Đảng bộ tỉnh Thử", std::nullopt, "2020-01-01"});
  Folder f;
  f.write("qd-901.txt", std::string("SOURCE: test\n\n") + kQuyDinh);
  f.write("hd-12.txt", kHuongDan);
  f.write("anh.jpg", "not imported");
  f.write("metadata.csv",
          "file,number,title,kind,level,issued,ghi chú\n"
          "hd-12.txt,12-HD/TU,Hướng dẫn thực hiện Nghị quyết 34 về sinh hoạt chi bộ,Hướng dẫn,Tỉnh,20/11/2025,x\n"
          "khong-co.txt,,,,,,\n");

  std::vector<std::string> progress;
  auto r = import_directory(*db, admin(), f.dir, {}, [&](std::size_t i, std::size_t n, const FileResult& fr) {
    progress.push_back(std::to_string(i) + "/" + std::to_string(n) + " " + fr.file + " " + fr.action);
  });
  ASSERT_TRUE(r.ok()) << (r.files.empty() ? "" : r.files[0].error);
  EXPECT_EQ(progress, (std::vector<std::string>{"1/2 hd-12.txt created", "2/2 qd-901.txt created"}));
  EXPECT_EQ(r.skipped, std::vector<std::string>{"anh.jpg"});
  EXPECT_EQ(r.warnings.size(), 2u);  // the unknown column, the missing file

  auto find = [&](const std::string& key) {
    return db->read_value([&](db::Connection& c) {
      auto id = store::find_document_by_source_key(c, key);
      return store::find_document(c, id.value()).value();
    });
  };
  auto qd = find("qd-901.txt");
  EXPECT_EQ(qd.number, "901-QĐ/TW");
  EXPECT_EQ(qd.kind, "quy_dinh");
  EXPECT_EQ(qd.state, "published");
  EXPECT_EQ(qd.owner_unit_id, root.id);
  EXPECT_TRUE(qd.body.starts_with("BAN CHẤP HÀNH TRUNG ƯƠNG\n")) << qd.body.substr(0, 80);  // SOURCE line gone
  auto hd = find("hd-12.txt");
  EXPECT_EQ(hd.title, "Hướng dẫn thực hiện Nghị quyết 34 về sinh hoạt chi bộ");  // from metadata.csv
  EXPECT_EQ(hd.level, "province");
  EXPECT_EQ(hd.issued_on, "2025-11-20");
  auto sections = db->read_value([&](db::Connection& c) { return store::document_sections(c, qd.id); });
  EXPECT_EQ(r.files[1].sections, sections.size());
  EXPECT_TRUE(std::any_of(sections.begin(), sections.end(), [](const auto& s) { return s.label == "Điều 2 khoản 1"; }));

  // Again, unchanged: nothing new, no new version.
  r = import_directory(*db, admin(), f.dir, {});
  EXPECT_EQ(r.count("unchanged"), 2u);
  auto count = [&] {
    return db->read_value([](db::Connection& c) { return c.query("SELECT COUNT(*) FROM documents").one().integer(0); });
  };
  EXPECT_EQ(count(), 2);
  EXPECT_EQ(find("qd-901.txt").version, qd.version);

  // An editor's changes the import does not know about survive an update of the text.
  {
    auto view = documents::get(*db, admin(), qd.id);
    documents::DocumentInput in;
    in.kind = view.doc.kind;
    in.number = view.doc.number;
    in.title = view.doc.title;
    in.level = view.doc.level;
    in.issuer = view.doc.issuer;
    in.issued_on = view.doc.issued_on;
    in.body = view.doc.body;
    in.summary = "Tóm tắt do biên tập viên viết.";
    in.topics = {"Thử nghiệm"};
    in.owner_unit_id = view.doc.owner_unit_id;
    documents::update(*db, admin(), qd.id, in, view.doc.version);
  }
  f.write("qd-901.txt", std::string(kQuyDinh) + "Điều 3. Hiệu lực\nQuy định có hiệu lực từ ngày ký.\n");
  r = import_directory(*db, admin(), f.dir, {});
  EXPECT_EQ(r.count("updated"), 1u);
  EXPECT_EQ(r.count("unchanged"), 1u);
  EXPECT_EQ(count(), 2);
  auto updated = find("qd-901.txt");
  EXPECT_EQ(updated.version, qd.version + 2);
  EXPECT_EQ(updated.summary, "Tóm tắt do biên tập viên viết.");
  EXPECT_EQ(updated.state, "published");
  EXPECT_NE(updated.body.find("Điều 3. Hiệu lực"), std::string::npos);
  EXPECT_EQ(documents::get(*db, admin(), qd.id).topics, std::vector<std::string>{"Thử nghiệm"});
}

TEST(DocumentImport, OneBadFileDoesNotStopTheOthers) {
  auto db = testing::fresh_database();
  org::create(*db, admin(), {"P", "province", "Đảng bộ tỉnh Thử", std::nullopt, "2020-01-01"});
  Folder f;
  f.write("a-hong.txt", "Ti\xEA\xAA ng Vi\xEA\xAA t");  // not UTF-8
  f.write("b-hong.pdf", "%PDF-1.4 cut");
  f.write("c-tot.txt", kQuyDinh);
  f.write("metadata.csv", "file,kind\nd-sai.txt,khong-biet\n");
  f.write("d-sai.txt", "Văn bản có loại sai trong metadata.csv\n");
  auto r = import_directory(*db, admin(), f.dir, {});
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(r.files.size(), 4u);
  EXPECT_EQ(r.files[0].action, "failed");
  EXPECT_NE(r.files[0].error.find("UTF-8"), std::string::npos) << r.files[0].error;
  EXPECT_EQ(r.files[1].action, "failed");
  EXPECT_FALSE(r.files[1].error.empty());
  EXPECT_EQ(r.files[2].action, "created");
  EXPECT_EQ(r.files[3].action, "failed");
  EXPECT_NE(r.files[3].error.find("khong-biet"), std::string::npos) << r.files[3].error;
  EXPECT_EQ(db->read_value([](db::Connection& c) { return c.query("SELECT COUNT(*) FROM documents").one().integer(0); }),
            1);
}

TEST(DocumentImport, DryRunWritesNothingAndDraftsStayDrafts) {
  auto db = testing::fresh_database();
  org::create(*db, admin(), {"P", "province", "Đảng bộ tỉnh Thử", std::nullopt, "2020-01-01"});
  Folder f;
  f.write("qd.txt", kQuyDinh);
  Options dry;
  dry.dry_run = true;
  auto r = import_directory(*db, admin(), f.dir, dry);
  ASSERT_EQ(r.files.size(), 1u);
  EXPECT_EQ(r.files[0].action, "create");
  EXPECT_GT(r.files[0].sections, 3u);
  auto count = [&] {
    return db->read_value([](db::Connection& c) { return c.query("SELECT COUNT(*) FROM documents").one().integer(0); });
  };
  EXPECT_EQ(count(), 0);
  Options draft;
  draft.publish = false;
  r = import_directory(*db, admin(), f.dir, draft);
  EXPECT_EQ(r.files[0].state, "draft");
  EXPECT_EQ(count(), 1);
}

}  // namespace
}  // namespace sotay::document_import
