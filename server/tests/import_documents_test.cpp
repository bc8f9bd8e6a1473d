// `sotay import documents DIR` run as the real binary: a small folder (progress, summary, exit
// codes, re-import), and — when ../shared/corpus is beside the repository — the whole corpus.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include "db/database.h"
#include "db/migrations.h"
#include "domain/library_search.h"
#include "domain/org_tree.h"
#include "store/documents_store.h"
#include "test_client.h"
#include "testing/actors.h"
#include "testing/corpus.h"
#include "testing/test_db.h"
#include "util/crypto.h"

namespace sotay::testing {
namespace {

namespace fs = std::filesystem;

// A migrated database with a province and one of its cells.
std::string database_with_tree() {
  auto url = fresh_database_url();
  auto d = db::open(url, {.pool_size = 1});
  db::migrate(*d);
  Actor admin;
  admin.grants.push_back({Role::admin, std::nullopt, ""});
  auto p = org::create(*d, admin, {"P", "province", "Đảng bộ tỉnh Thử", std::nullopt, "2020-01-01"});
  auto s = org::create(*d, admin, {"P-S", "subordinate_committee", "Đảng bộ xã Một", p.id, "2020-01-01"});
  org::create(*d, admin, {"P-S-C", "base_cell", "Chi bộ Trạm Y tế", s.id, "2020-01-01"});
  return url;
}

std::int64_t count(const std::string& url, const std::string& sql) {
  auto d = db::open(url, {.pool_size = 1});
  return d->read_value([&](db::Connection& c) { return c.query(sql).one().integer(0); });
}

struct Folder {
  fs::path dir = fs::temp_directory_path() /
                 ("sotay-import-cli-" + std::to_string(::getpid()) + "-" + crypto::random_token(6));
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

TEST(ImportDocuments, FolderImportsWithProgressAndReimportUpdates) {
  auto url = database_with_tree();
  Folder f;
  f.write("quy-dinh-9.txt",
          "SOURCE: bộ kiểm thử\n\nBAN CHẤP HÀNH TRUNG ƯƠNG\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 9-QĐ/TW Hà Nội, ngày 1 tháng 2 "
          "năm 2025\nQUY ĐỊNH\nVỀ THỬ NGHIỆM NHẬP VĂN BẢN\nĐiều 1. Phạm vi\nNội dung một.\nĐiều 2. Đối tượng\nNội dung hai.\n");
  f.write("ke-hoach.txt", "KẾ HOẠCH\nSINH HOẠT CHUYÊN ĐỀ NĂM 2026\n1. Mục đích\nNâng cao.\n2. Yêu cầu\nThiết thực.\n");
  f.write("metadata.csv", "file,number,title,kind,level,issued\nke-hoach.txt,05-KH/CB,,ke_hoach,cell,2026-01-15\n");
  f.write("ghi-chu.md", "không nhập");

  std::string out;
  ASSERT_EQ(run_sotay({"import", "documents", f.dir.string(), "--owner", "P", "--audience", "P-S", "--db", url}, &out), 0)
      << out;
  EXPECT_NE(out.find("[1/2] ke-hoach.txt: thêm mới, "), std::string::npos) << out;
  EXPECT_NE(out.find("[2/2] quy-dinh-9.txt: thêm mới, "), std::string::npos) << out;
  EXPECT_NE(out.find("ghi-chu.md"), std::string::npos) << out;  // named as skipped
  EXPECT_NE(out.find("2 tệp: 2 thêm mới, 0 cập nhật, 0 không đổi, 0 lỗi"), std::string::npos) << out;
  EXPECT_EQ(count(url, "SELECT COUNT(*) FROM documents WHERE state = 'published'"), 2);
  EXPECT_EQ(count(url, "SELECT COUNT(*) FROM documents WHERE number = '9-QĐ/TW' AND level = 'central' AND "
                       "kind = 'quy_dinh' AND issued_on = '2025-02-01'"),
            1);
  EXPECT_EQ(count(url, "SELECT COUNT(*) FROM documents WHERE number = '05-KH/CB' AND level = 'cell'"), 1);
  EXPECT_EQ(count(url, "SELECT COUNT(*) FROM item_audiences ia JOIN units u ON u.id = ia.unit_id "
                       "WHERE ia.item_kind = 'document' AND u.code = 'P-S'"),
            2);
  EXPECT_GT(count(url, "SELECT COUNT(*) FROM search_entries WHERE item_kind = 'document'"), 4);

  // Again: nothing changes; then one file changes and one is broken.
  ASSERT_EQ(run_sotay({"import", "documents", f.dir.string(), "--db", url}, &out), 0) << out;
  EXPECT_NE(out.find("2 tệp: 0 thêm mới, 0 cập nhật, 2 không đổi, 0 lỗi"), std::string::npos) << out;
  f.write("ke-hoach.txt", "KẾ HOẠCH\nSINH HOẠT CHUYÊN ĐỀ NĂM 2026\n1. Mục đích\nNâng cao.\n3. Tổ chức\nHằng quý.\n");
  f.write("hong.txt", std::string("Ti\xEA\xAA ng Vi\xEA\xAA t"));
  ASSERT_EQ(run_sotay({"import", "documents", f.dir.string(), "--db", url}, &out), 1) << out;
  EXPECT_NE(out.find("hong.txt: LỖI — Tệp không phải văn bản UTF-8"), std::string::npos) << out;
  EXPECT_NE(out.find("ke-hoach.txt: cập nhật"), std::string::npos) << out;
  EXPECT_NE(out.find("3 tệp: 0 thêm mới, 1 cập nhật, 1 không đổi, 1 lỗi"), std::string::npos) << out;
  EXPECT_EQ(count(url, "SELECT COUNT(*) FROM documents"), 2);
  EXPECT_EQ(count(url, "SELECT COUNT(*) FROM item_audiences ia JOIN units u ON u.id = ia.unit_id "
                       "WHERE ia.item_kind = 'document' AND u.code = 'P-S'"),
            2);  // the audience given the first time is kept

  // A dry run writes nothing; unknown options and codes are refused.
  fs::remove(f.dir / "hong.txt");
  f.write("moi.txt", "THÔNG BÁO\nVỀ LỊCH SINH HOẠT\nNội dung.\n");
  ASSERT_EQ(run_sotay({"import", "documents", f.dir.string(), "--dry-run", "--db", url}, &out), 0) << out;
  EXPECT_NE(out.find("moi.txt: sẽ thêm mới"), std::string::npos) << out;
  EXPECT_EQ(count(url, "SELECT COUNT(*) FROM documents"), 2);
  EXPECT_NE(run_sotay({"import", "documents", f.dir.string(), "--owner", "KHONG-CO", "--db", url}, &out), 0);
  EXPECT_NE(out.find("KHONG-CO"), std::string::npos) << out;
  EXPECT_EQ(run_sotay({"import", "documents", "--help"}, &out), 0);
  EXPECT_NE(out.find("metadata.csv"), std::string::npos) << out;
}

TEST(ImportDocuments, TheCorpusFolder) {
  auto corpus = corpus_dir();
  if (!corpus) GTEST_SKIP() << "../shared/corpus not found (set SOTAY_CORPUS_DIR)";
  auto url = database_with_tree();
  std::string out;
  const auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(run_sotay({"import", "documents", corpus->string(), "--db", url}, &out), 0) << out;
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(*corpus))
    if (e.is_regular_file() && e.path().extension() == ".txt") ++files;
  std::cout << "[ info     ] corpus: " << files << " files imported in " << secs << " s\n" << out;
  EXPECT_EQ(count(url, "SELECT COUNT(*) FROM documents WHERE state = 'published'"), static_cast<std::int64_t>(files));

  auto d = db::open(url, {.pool_size = 1});
  auto charter = d->read_value([](db::Connection& c) {
    auto id = store::find_document_by_source_key(c, "dieu-le-dang-2011.txt");
    return id ? store::find_document(c, *id) : std::nullopt;
  });
  ASSERT_TRUE(charter);
  EXPECT_EQ(charter->title, "Điều lệ Đảng Cộng sản Việt Nam");
  EXPECT_EQ(charter->level, "central");
  EXPECT_EQ(charter->issued_on, "2011-01-19");
  auto sections = d->read_value([&](db::Connection& c) { return store::document_sections(c, charter->id); });
  std::multiset<std::string> labels;
  for (const auto& s : sections) labels.insert(s.label);
  for (int i = 1; i <= 48; ++i) EXPECT_EQ(labels.count("Điều " + std::to_string(i)), 1u) << "Điều " << i;
  EXPECT_EQ(labels.count("Điều 49"), 0u);

  // A member types the question without diacritics and lands on the Charter's article on
  // probationary members (Điều 5), with its anchor for the deep link.
  library::SearchRequest question;
  question.q = "dieu le dang vien du bi";
  auto found = library::search(*d, admin(), question);
  ASSERT_FALSE(found.results.empty());
  const auto& top = found.results.front();
  EXPECT_EQ(top.item_id, charter->id) << top.title;
  ASSERT_TRUE(top.section_label.has_value()) << top.title;
  EXPECT_TRUE(*top.section_label == "Điều 5" || top.section_label->rfind("Điều 5 ", 0) == 0) << *top.section_label;
  ASSERT_TRUE(top.section_anchor.has_value());
  EXPECT_EQ(top.section_anchor->rfind("dieu-5", 0), 0u) << *top.section_anchor;
  EXPECT_NE(top.snippet.find("<mark>"), std::string::npos) << top.snippet;

  auto qd294 = d->read_value([](db::Connection& c) {
    auto id = store::find_document_by_source_key(c, "quy-dinh-294-qd-tw-2025-thi-hanh-dieu-le-dang.txt");
    return id ? store::find_document(c, *id, false) : std::nullopt;
  });
  ASSERT_TRUE(qd294);
  EXPECT_EQ(qd294->number, "294-QĐ/TW");
  EXPECT_EQ(qd294->kind, "quy_dinh");
  EXPECT_EQ(qd294->title, "Quy định thi hành Điều lệ Đảng");
  EXPECT_EQ(qd294->issued_on, "2025-05-26");

  // A second run finds every document unchanged.
  ASSERT_EQ(run_sotay({"import", "documents", corpus->string(), "--db", url}, &out), 0) << out;
  EXPECT_NE(out.find(std::to_string(files) + " tệp: 0 thêm mới, 0 cập nhật, " + std::to_string(files) + " không đổi"),
            std::string::npos)
      << out;
}

}  // namespace
}  // namespace sotay::testing
