#include "io/file_type.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "io/zip_writer.h"

namespace sotay::io {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;

std::string minimal_docx() {
  return detail::build_zip({
      {"[Content_Types].xml", "<Types/>"},
      {"word/document.xml", "<w:document xmlns:w=\"w\"><w:body/></w:document>"},
  });
}

struct Case {
  const char* name;
  std::string bytes;
  FileType expected;
};

TEST(FileTypeTest, SniffsFromContent) {
  const std::vector<Case> cases = {
      {"pdf", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"s, FileType::pdf},
      {"png", "\x89PNG\r\n\x1A\n\0\0\0\rIHDR"s, FileType::png},
      {"jpeg", "\xFF\xD8\xFF\xE0\0\x10JFIF"s, FileType::jpeg},
      {"webp", "RIFF\x24\0\0\0WEBPVP8 "s, FileType::webp},
      {"riff but not webp", "RIFF\x24\0\0\0WAVEfmt "s, FileType::unknown},
      {"whole docx", minimal_docx(), FileType::docx},
      {"zip without a Word document", detail::build_zip({{"xl/workbook.xml", "<workbook/>"}}),
       FileType::unknown},
      {"prefix of a zip", minimal_docx().substr(0, 40), FileType::unknown},
      {"vietnamese text", "Điều 1. Đảng viên có nhiệm vụ\r\n\tchấp hành\f", FileType::text},
      {"text with a BOM", "\xEF\xBB\xBFNghị quyết", FileType::text},
      {"text cut inside a character", std::string("Đảng").substr(0, 4), FileType::text},
      {"text cut after a lead byte", "Vi\xE1\xBB"s, FileType::text},
      {"latin-1", "Vi\xEAt Nam"s, FileType::unknown},
      {"bad continuation at the end", "Vi\xE1" "A"s, FileType::unknown},
      {"NUL byte", "abc\0def"s, FileType::unknown},
      {"escape character", "abc\x1B[0m"s, FileType::unknown},
      {"C1 control", "abc\xC2\x85"s, FileType::unknown},
      {"OLE (old .doc)", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"s, FileType::unknown},
      {"empty", "", FileType::unknown},
      {"pdf magic later", "xx%PDF-1.4", FileType::text},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(sniff_file_type(c.bytes), c.expected) << c.name;
  }
}

TEST(FileTypeTest, ContentTypes) {
  EXPECT_EQ(content_type_of(FileType::pdf), "application/pdf");
  EXPECT_EQ(content_type_of(FileType::docx),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(content_type_of(FileType::png), "image/png");
  EXPECT_EQ(content_type_of(FileType::jpeg), "image/jpeg");
  EXPECT_EQ(content_type_of(FileType::webp), "image/webp");
  EXPECT_EQ(content_type_of(FileType::text), "text/plain; charset=utf-8");
  EXPECT_EQ(content_type_of(FileType::unknown), "application/octet-stream");
}

class FileTypeFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sotay_file_type_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& bytes) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
  }

  fs::path dir_;
};

TEST_F(FileTypeFileTest, DocxNeedsTheWholeFile) {
  // A big first entry pushes the central directory far beyond the sniffed prefix.
  std::string filler(20'000, 'x');
  for (std::size_t i = 0; i < filler.size(); ++i) filler[i] = static_cast<char>('a' + i * 7919 % 26);
  const std::string docx = detail::build_zip({
      {"word/media/filler.txt", filler},
      {"word/document.xml", "<w:document xmlns:w=\"w\"/>"},
  });
  const std::string path = write("bai-viet.docx", docx);
  EXPECT_TRUE(is_docx(path));
  EXPECT_EQ(sniff_file(path), FileType::docx);

  const std::string xlsx = write("bang.docx", detail::build_zip({{"xl/workbook.xml", "<x/>"}}));
  EXPECT_FALSE(is_docx(xlsx));
  EXPECT_EQ(sniff_file(xlsx), FileType::unknown);

  const std::string truncated = write("cut.docx", docx.substr(0, docx.size() / 2));
  EXPECT_FALSE(is_docx(truncated));
  EXPECT_EQ(sniff_file(truncated), FileType::unknown);

  EXPECT_FALSE(is_docx((dir_ / "missing.docx").string()));
  EXPECT_EQ(sniff_file((dir_ / "missing.docx").string()), FileType::unknown);
}

TEST_F(FileTypeFileTest, ExtensionIsIgnored) {
  EXPECT_EQ(sniff_file(write("anh.pdf", "\x89PNG\r\n\x1A\n\0\0\0\rIHDR"s)), FileType::png);
  EXPECT_EQ(sniff_file(write("tai-lieu.jpg", "%PDF-1.4\n")), FileType::pdf);
  EXPECT_EQ(sniff_file(write("ghi-chu.bin", "Chi bộ họp ngày 5 hằng tháng.\n")), FileType::text);
}

}  // namespace
}  // namespace sotay::io
