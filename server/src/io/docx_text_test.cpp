#include "io/docx_text.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "io/zip_writer.h"

namespace sotay::io {
namespace {

namespace fs = std::filesystem;
using detail::ZipEntry;

constexpr const char* kCorrupt = "Tệp Word bị hỏng hoặc không đúng định dạng .docx.";
constexpr const char* kTooLarge = "Tệp Word không hợp lệ hoặc quá lớn.";
constexpr const char* kNotDocx = "Tệp này không phải văn bản Word (.docx).";

constexpr const char* kNamespaces =
    " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
    " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"";

std::string document_xml(const std::string& body) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document") +
         kNamespaces + "><w:body>" + body + "<w:sectPr/></w:body></w:document>";
}

std::string paragraph(const std::string& text) {
  return "<w:p><w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
}

std::vector<ZipEntry> package(const std::string& document, std::vector<ZipEntry> extra = {}) {
  std::vector<ZipEntry> entries = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\"?><Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
       "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
       "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
       "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"},
      {"_rels/.rels",
       "<?xml version=\"1.0\"?><Relationships "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
       "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"},
      {"word/document.xml", document},
  };
  for (ZipEntry& entry : extra) entries.push_back(std::move(entry));
  return entries;
}

class DocxTextTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    dir_ = fs::temp_directory_path() /
           ("sotay_docx_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& bytes) {
    const fs::path path = dir_ / ("f" + std::to_string(files_++) + ".docx");
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
  }
  std::string write_docx(const std::vector<ZipEntry>& entries) {
    return write(detail::build_zip(entries));
  }

  static std::string error_of(const std::string& path, const ExtractOptions& options = {}) {
    try {
      extract_docx_text(path, options);
    } catch (const ExtractError& e) {
      return e.what();
    }
    return "(no error)";
  }

  fs::path dir_;
  int files_ = 0;
};

TEST_F(DocxTextTest, ParagraphsBecomeLines) {
  const std::string body =
      paragraph("QUY ĐỊNH") +
      // Runs split anywhere, as Word does after editing.
      "<w:p><w:r><w:t>Điều 1. Đảng viên có </w:t></w:r><w:r><w:rPr><w:b/></w:rPr>"
      "<w:t>nhiệm vụ</w:t></w:r><w:r><w:t xml:space=\"preserve\"> chấp hành</w:t></w:r></w:p>"
      "<w:p/><w:p/><w:p/>" +
      "<w:p><w:r><w:t>Cột 1</w:t><w:tab/><w:t>Cột 2</w:t><w:br/><w:t>dòng mới</w:t></w:r></w:p>"
      "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
      "<w:r><w:t>Không có tab thừa</w:t></w:r></w:p>"
      "<w:p><w:r><w:t>A &amp; B &lt;C&gt;</w:t></w:r></w:p>";
  std::vector<ExtractProgress> progress;
  ExtractOptions options;
  options.on_progress = [&](ExtractProgress p) { progress.push_back(p); };
  const ExtractedText result = extract_docx_text(write_docx(package(document_xml(body))), options);
  EXPECT_EQ(result.text,
            "QUY ĐỊNH\n"
            "Điều 1. Đảng viên có nhiệm vụ chấp hành\n"
            "\n"
            "Cột 1\tCột 2\ndòng mới\n"
            "Không có tab thừa\n"
            "A & B <C>");
  EXPECT_EQ(result.pages, 0);
  EXPECT_EQ(result.ocr_pages, 0);
  ASSERT_EQ(progress.size(), 2u);
  EXPECT_EQ(progress.back().done, 1);
  EXPECT_EQ(progress.back().total, 1);
}

TEST_F(DocxTextTest, LeavesOutDeletionsFieldCodesHiddenTextAndFallbacks) {
  const std::string body =
      "<w:p><w:r><w:t>Nghị quyết </w:t></w:r>"
      "<w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText>cũ </w:delText></w:r></w:del>"
      "<w:ins w:id=\"2\" w:author=\"A\"><w:r><w:t>mới</w:t></w:r></w:ins></w:p>"
      "<w:p><w:r><w:t>Trang </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
      "<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/>"
      "</w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
      "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn </w:t></w:r><w:r><w:t>hiện</w:t></w:r></w:p>"
      "<w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:t>Trước hộp</w:t></w:r>"
      "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>"
      "<w:p><w:r><w:t>Trong hộp văn bản</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>"
      "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Trong hộp văn bản</w:t></w:r></w:p>"
      "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
      "<w:r><w:t> sau hộp</w:t></w:r></w:p>";
  const ExtractedText result = extract_docx_text(write_docx(package(document_xml(body))));
  EXPECT_EQ(result.text,
            "Nghị quyết mới\n"
            "Trang 3\n"
            "hiện\n"
            "Trong hộp văn bản\n"
            "Trước hộp sau hộp");
}

TEST_F(DocxTextTest, TableRowsBecomeTabSeparatedLines) {
  const std::string body =
      paragraph("Danh sách") +
      "<w:tbl><w:tblPr/><w:tr><w:tc><w:p><w:r><w:t>STT</w:t></w:r></w:p></w:tc>"
      "<w:tc><w:p><w:r><w:t>Họ và tên</w:t></w:r></w:p></w:tc></w:tr>"
      "<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>"
      "<w:tc><w:p><w:r><w:t>Nguyễn Văn An</w:t></w:r></w:p><w:p><w:r><w:t>(chi bộ 2)</w:t></w:r>"
      "</w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>" +
      paragraph("Hết");
  EXPECT_EQ(extract_docx_text(write_docx(package(document_xml(body)))).text,
            "Danh sách\nSTT\tHọ và tên\n1\tNguyễn Văn An (chi bộ 2)\nHết");
}

TEST_F(DocxTextTest, AutomaticNumberingIsWrittenAsText) {
  const std::string numbering =
      std::string("<?xml version=\"1.0\"?><w:numbering") + kNamespaces + ">"
      // Legal style: "Điều 1." then "1." and "a)" below it.
      "<w:abstractNum w:abstractNumId=\"0\">"
      "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
      "<w:lvlText w:val=\"Điều %1.\"/></w:lvl>"
      "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
      "<w:lvlText w:val=\"%2.\"/></w:lvl>"
      "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/>"
      "<w:lvlText w:val=\"%3)\"/></w:lvl></w:abstractNum>"
      // Chapters in Roman numerals, and an outline "1.1".
      "<w:abstractNum w:abstractNumId=\"1\">"
      "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"upperRoman\"/>"
      "<w:lvlText w:val=\"Chương %1\"/></w:lvl>"
      "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
      "<w:lvlText w:val=\"%1.%2.\"/><w:isLgl/></w:lvl></w:abstractNum>"
      // Bullets from the Symbol font (a private-use character) and a plain dash.
      "<w:abstractNum w:abstractNumId=\"2\">"
      "<w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\xEF\x82\xB7\"/></w:lvl>"
      "<w:lvl w:ilvl=\"1\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"-\"/></w:lvl>"
      "</w:abstractNum>"
      "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
      "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
      "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"2\"/></w:num>"
      // Restarts the list of abstract 0 at 7.
      "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"0\"/>"
      "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"7\"/></w:lvlOverride></w:num>"
      "</w:numbering>";
  const std::string styles =
      std::string("<?xml version=\"1.0\"?><w:styles") + kNamespaces + ">"
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
      "</w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"DieuBase\"><w:pPr><w:numPr><w:numId w:val=\"1\"/>"
      "</w:numPr></w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Dieu\"><w:basedOn w:val=\"DieuBase\"/></w:style>"
      "</w:styles>";
  const auto numbered = [](const std::string& num_id, int level, const std::string& text) {
    return "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" + std::to_string(level) +
           "\"/><w:numId w:val=\"" + num_id + "\"/></w:numPr></w:pPr><w:r><w:t>" + text +
           "</w:t></w:r></w:p>";
  };
  const std::string body =
      numbered("2", 0, "QUY ĐỊNH CHUNG") +
      "<w:p><w:pPr><w:pStyle w:val=\"Dieu\"/></w:pPr><w:r><w:t>Phạm vi</w:t></w:r></w:p>" +
      numbered("1", 1, "Khoản một") + numbered("1", 2, "điểm một") +
      numbered("1", 2, "điểm hai") + numbered("1", 1, "Khoản hai") +
      numbered("1", 2, "điểm một của khoản hai") +
      "<w:p><w:pPr><w:pStyle w:val=\"Dieu\"/></w:pPr><w:r><w:t>Đối tượng</w:t></w:r></w:p>" +
      // numId 0 removes the style's numbering.
      "<w:p><w:pPr><w:pStyle w:val=\"Dieu\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr></w:pPr>"
      "<w:r><w:t>Không đánh số</w:t></w:r></w:p>" +
      numbered("2", 0, "TỔ CHỨC") + numbered("2", 1, "Chi bộ") + numbered("2", 1, "Đảng bộ") +
      numbered("3", 0, "gạch đầu dòng") + numbered("3", 1, "ý nhỏ") +
      numbered("4", 0, "Điều khởi lại") + numbered("9", 0, "danh sách không có định nghĩa");
  const ExtractedText result = extract_docx_text(write_docx(package(
      document_xml(body), {{"word/numbering.xml", numbering}, {"word/styles.xml", styles}})));
  EXPECT_EQ(result.text,
            "Chương I QUY ĐỊNH CHUNG\n"
            "Điều 1. Phạm vi\n"
            "1. Khoản một\n"
            "a) điểm một\n"
            "b) điểm hai\n"
            "2. Khoản hai\n"
            "a) điểm một của khoản hai\n"
            "Điều 2. Đối tượng\n"
            "Không đánh số\n"
            "Chương II TỔ CHỨC\n"
            "2.1. Chi bộ\n"
            "2.2. Đảng bộ\n"
            "• gạch đầu dòng\n"
            "- ý nhỏ\n"
            "Điều 7. Điều khởi lại\n"
            "danh sách không có định nghĩa");
}

TEST_F(DocxTextTest, RefusesWhatIsNotADocx) {
  EXPECT_EQ(error_of(write_docx({{"xl/workbook.xml", "<workbook/>"}})), kNotDocx);
  EXPECT_EQ(error_of(write("Chỉ là văn bản thường.")), kNotDocx);
  EXPECT_EQ(error_of(write(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'))),
            "Tệp Word có mật khẩu hoặc ở định dạng .doc cũ. Hãy mở bằng Word, gỡ mật khẩu nếu có, "
            "lưu thành .docx rồi tải lên lại.");
  const std::string good = detail::build_zip(package(document_xml(paragraph("Nội dung"))));
  EXPECT_EQ(error_of(write(good.substr(0, good.size() - 30))), kCorrupt);
  EXPECT_EQ(error_of(write(good.substr(0, 2))), kCorrupt);
  EXPECT_EQ(error_of(write_docx(package("<w:document><w:body><w:p>"))), kCorrupt);
  EXPECT_EQ(error_of(write_docx(package("không phải XML"))), kCorrupt);
}

TEST_F(DocxTextTest, RefusesEntityExpansion) {
  std::string laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">";
  laughs += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">";
  for (int i = 2; i <= 9; ++i) {
    laughs += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) laughs += "&lol" + std::to_string(i - 1) + ";";
    laughs += "\">";
  }
  laughs += "]><w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>"
            "</w:body></w:document>";
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(error_of(write_docx(package(laughs))), kCorrupt);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  // An external entity is refused the same way, without touching the file system.
  EXPECT_EQ(error_of(write_docx(package(
                "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                "<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body>"
                "</w:document>"))),
            kCorrupt);
}

// 200 MB of zeros deflates to ~200 KB: the archive is built once for the bomb tests.
const std::string& zeros_bomb() {
  static const std::string archive = [] {
    const std::string zeros(200u << 20, '\0');
    return detail::build_zip(package(document_xml(paragraph("Mồi")),
                                     {{"word/media/image1.png", zeros}}));
  }();
  return archive;
}

// Rewrites the uncompressed size of every entry named `name` in both the local header and the
// central directory, as an attacker would to get past checks made on the entry table.
std::string lie_about_size(std::string zip, const std::string& name, std::uint32_t size) {
  const auto patch = [&](std::size_t at) {
    for (int i = 0; i < 4; ++i) zip[at + i] = static_cast<char>((size >> (8 * i)) & 0xFF);
  };
  const auto u16 = [&](std::size_t at) {
    return static_cast<std::size_t>(static_cast<unsigned char>(zip[at])) |
           static_cast<std::size_t>(static_cast<unsigned char>(zip[at + 1])) << 8;
  };
  int patched = 0;
  for (std::size_t pos = 0; pos + 46 < zip.size(); ++pos) {
    if (zip.compare(pos, 4, "PK\x03\x04") == 0 && zip.compare(pos + 30, name.size(), name) == 0 &&
        u16(pos + 26) == name.size()) {
      patch(pos + 22);
      ++patched;
    } else if (zip.compare(pos, 4, "PK\x01\x02") == 0 && u16(pos + 28) == name.size() &&
               zip.compare(pos + 46, name.size(), name) == 0) {
      patch(pos + 24);
      ++patched;
    }
  }
  EXPECT_EQ(patched, 2);
  return zip;
}

TEST_F(DocxTextTest, RefusesAZipBombFromItsEntryTable) {
  const std::string path = write(zeros_bomb());
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(error_of(path), kTooLarge);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST_F(DocxTextTest, RefusesAZipBombThatLiesAboutItsSize) {
  // The document part itself is the bomb and claims to be 4 KB: reading stops just past that.
  std::string document = document_xml(paragraph("x") + "<!--");
  document.append(200u << 20, ' ');
  document += "-->";
  std::string archive = detail::build_zip(package(document));
  document = std::string();
  const std::string path = write(lie_about_size(std::move(archive), "word/document.xml", 4096));
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(error_of(path), kTooLarge);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST_F(DocxTextTest, RefusesAPartOverFiftyMegabytes) {
  // 60 MB of numbered paragraphs: compresses well, but far below the ratio a bomb needs.
  std::string body;
  body.reserve(61u << 20);
  for (int i = 0; body.size() < (60u << 20); ++i) {
    body += "<w:p><w:r><w:t>Đoạn " + std::to_string(i * 7919LL) + "</w:t></w:r></w:p>";
  }
  const std::string path = write_docx(package(document_xml(body)));
  body = std::string();
  EXPECT_EQ(error_of(path), kTooLarge);
}

TEST_F(DocxTextTest, Cancels) {
  const std::string path = write_docx(package(document_xml(paragraph("Nội dung"))));
  ExtractOptions options;
  options.cancelled = [] { return true; };
  EXPECT_THROW(extract_docx_text(path, options), ExtractCancelled);
}

}  // namespace
}  // namespace sotay::io
