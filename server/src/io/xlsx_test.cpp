#include <gtest/gtest.h>
#include <zip.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "io/table.h"
#include "io/zip_writer.h"

namespace sotay::io {
namespace {

using detail::ZipEntry;

constexpr std::string_view kCorrupt = "Tệp Excel bị hỏng hoặc không đúng định dạng .xlsx.";
constexpr std::string_view kTooLarge = "Tệp Excel không hợp lệ hoặc quá lớn.";
constexpr std::string_view kEncrypted = "Tệp Excel đang được đặt mật khẩu hoặc không phải .xlsx.";

constexpr std::string_view kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kRelationshipType =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string read_error(std::string_view data, const ReadLimits& limits = {}) {
  try {
    read_xlsx(data, limits);
  } catch (const TableError& e) {
    return e.what();
  }
  return {};
}

// ---- Building packages by hand --------------------------------------------------------------

std::string relationship(std::string_view id, std::string_view type, std::string_view target) {
  return "<Relationship Id=\"" + std::string(id) + "\" Type=\"" + std::string(kRelationshipType) +
         "/" + std::string(type) + "\" Target=\"" + std::string(target) + "\"/>";
}

std::string workbook_rels(std::string_view extra = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
         relationship("rId1", "worksheet", "worksheets/sheet1.xml") +
         relationship("rId2", "styles", "styles.xml") +
         relationship("rId3", "sharedStrings", "sharedStrings.xml") + std::string(extra) +
         "</Relationships>";
}

std::string workbook(std::string_view workbook_pr = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + std::string(kMain) +
         "\" xmlns:r=\"" + std::string(kRelationshipType) + "\">" + std::string(workbook_pr) +
         "<sheets><sheet name=\"Hội viên\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
}

std::string sheet(std::string_view rows) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + std::string(kMain) +
         "\"><sheetData>" + std::string(rows) + "</sheetData></worksheet>";
}

std::string shared_strings(std::string_view items) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"" + std::string(kMain) + "\">" +
         std::string(items) + "</sst>";
}

// Custom formats 164 (a date) and 165 (a time); cellXfs: 0 General, 1 → 164, 2 → built-in 14,
// 3 → 165, 4 → built-in 4 ("#,##0.00"). The <xf> in cellStyleXfs is a date format that cells do
// not refer to by s, and must not shift the indexes.
std::string styles() {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"" + std::string(kMain) +
         "\"><numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
         "<numFmt numFmtId=\"165\" formatCode=\"[$-42A]h:mm;@\"/></numFmts>"
         "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
         "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\" applyNumberFormat=\"1\"/>"
         "<xf numFmtId=\"14\"/><xf numFmtId=\"165\"/><xf numFmtId=\"4\"/></cellXfs></styleSheet>";
}

// A package as Excel lays it out, with the given sheet and shared strings.
std::vector<ZipEntry> parts(const std::string& sheet_xml, const std::string& strings_xml = "",
                            const std::string& workbook_xml = workbook()) {
  std::vector<ZipEntry> entries{
      {"[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                              "content-types\"/>"},
      {"_rels/.rels",
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
           relationship("rId1", "officeDocument", "xl/workbook.xml") + "</Relationships>"},
      {"xl/workbook.xml", workbook_xml},
      {"xl/_rels/workbook.xml.rels", workbook_rels()},
      {"xl/styles.xml", styles()},
      {"xl/worksheets/sheet1.xml", sheet_xml},
  };
  if (!strings_xml.empty()) entries.push_back({"xl/sharedStrings.xml", strings_xml});
  return entries;
}

std::string package(const std::string& sheet_xml, const std::string& strings_xml = "",
                    const std::string& workbook_xml = workbook()) {
  return detail::build_zip(parts(sheet_xml, strings_xml, workbook_xml));
}

// ---- libzip helpers for what build_zip cannot do --------------------------------------------

struct ArchiveCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};

std::unique_ptr<zip_t, ArchiveCloser> open_archive(const std::string& bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source != nullptr ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  zip_error_fini(&error);
  if (archive == nullptr) {
    zip_source_free(source);
    throw std::runtime_error("not a zip");
  }
  return std::unique_ptr<zip_t, ArchiveCloser>(archive);
}

std::vector<std::string> entry_names(const std::string& bytes) {
  const auto archive = open_archive(bytes);
  std::vector<std::string> names;
  for (zip_int64_t i = 0; i < zip_get_num_entries(archive.get(), 0); ++i) {
    names.emplace_back(zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), 0));
  }
  return names;
}

std::string entry(const std::string& bytes, const char* name) {
  const auto archive = open_archive(bytes);
  zip_stat_t stat;
  if (zip_stat(archive.get(), name, 0, &stat) != 0) throw std::runtime_error("no such entry");
  zip_file_t* file = zip_fopen(archive.get(), name, 0);
  std::string data(stat.size, '\0');
  const zip_int64_t n = zip_fread(file, data.data(), data.size());
  zip_fclose(file);
  if (n != static_cast<zip_int64_t>(stat.size)) throw std::runtime_error("short read");
  return data;
}

// A zip entry of `size` zero bytes produced on the fly, so a 300 MB entry costs no memory.
struct ZeroStream {
  zip_uint64_t size = 0;
  zip_uint64_t offset = 0;
};

zip_int64_t zero_source(void* state, void* data, zip_uint64_t length, zip_source_cmd_t command) {
  auto* stream = static_cast<ZeroStream*>(state);
  switch (command) {
    case ZIP_SOURCE_OPEN:
      stream->offset = 0;
      return 0;
    case ZIP_SOURCE_READ: {
      const zip_uint64_t n = std::min(length, stream->size - stream->offset);
      std::memset(data, 0, n);
      stream->offset += n;
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_STAT: {
      auto* stat = static_cast<zip_stat_t*>(data);
      zip_stat_init(stat);
      stat->size = stream->size;
      stat->valid |= ZIP_STAT_SIZE;
      return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR: {
      auto* codes = static_cast<int*>(data);
      codes[0] = codes[1] = 0;
      return 2 * sizeof(int);
    }
    case ZIP_SOURCE_CLOSE:
    case ZIP_SOURCE_FREE:
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                            ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                            -1);
    default:
      return -1;
  }
}

// build_zip plus one deflated entry of `zero_bytes` zeros.
std::string zip_with_zero_entry(const std::vector<ZipEntry>& entries, const char* name,
                                zip_uint64_t zero_bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  zip_error_fini(&error);
  if (archive == nullptr) throw std::runtime_error("zip_open_from_source");
  zip_source_keep(buffer);
  for (const ZipEntry& e : entries) {
    zip_file_add(archive, e.name.c_str(),
                 zip_source_buffer(archive, e.data.data(), e.data.size(), 0), 0);
  }
  ZeroStream stream{zero_bytes, 0};
  zip_file_add(archive, name, zip_source_function(archive, zero_source, &stream), 0);
  if (zip_close(archive) != 0) throw std::runtime_error("zip_close");
  zip_stat_t stat;
  zip_source_stat(buffer, &stat);
  std::string out(stat.size, '\0');
  zip_source_open(buffer);
  zip_source_read(buffer, out.data(), out.size());
  zip_source_close(buffer);
  zip_source_free(buffer);
  return out;
}

// Rewrites the uncompressed size an archive declares for one entry, in both its local header
// and the central directory, without touching the data: a zip that lies about its size.
void patch_declared_size(std::string& zip, std::string_view name, std::uint32_t size) {
  const auto put32 = [&](std::size_t at) {
    for (int i = 0; i < 4; ++i) zip[at + i] = static_cast<char>((size >> (8 * i)) & 0xFF);
  };
  int patched = 0;
  for (const auto& [signature, name_offset, size_offset] :
       {std::tuple{std::string_view("PK\x03\x04"), 30u, 22u},
        std::tuple{std::string_view("PK\x01\x02"), 46u, 24u}}) {
    for (std::size_t at = zip.find(signature); at != std::string::npos;
         at = zip.find(signature, at + 1)) {
      if (std::string_view(zip).substr(at + name_offset, name.size()) == name) {
        put32(at + size_offset);
        ++patched;
      }
    }
  }
  ASSERT_EQ(patched, 2);
}

// ---- Reading --------------------------------------------------------------------------------

TEST(XlsxRead, SharedStringsNumbersDatesAndGaps) {
  const std::string strings = shared_strings(
      "<si><t>Họ và tên</t></si>"
      "<si><t>Ngày sinh</t></si>"
      "<si><r><rPr><b/></rPr><t>Nguyễn </t></r><r><t xml:space=\"preserve\">Văn Ấn</t></r></si>");
  const std::string rows =
      // B1 is missing: the gap keeps its column.
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"s\"><v>1</v></c></row>"
      "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\"><v>42</v></c>"
      "<c r=\"C2\" s=\"1\"><v>45000</v></c><c r=\"D2\" s=\"2\"><v>36526.75</v></c></row>"
      // Row 3 is missing altogether.
      "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>Lê &amp; Phạm</t></is></c>"
      "<c r=\"B4\"><v>3.5</v></c><c r=\"C4\" t=\"b\"><v>1</v></c><c r=\"D4\" "
      "t=\"e\"><v>#N/A</v></c>"
      "<c r=\"E4\" t=\"str\"><f>A1</f><v>công thức</v></c></row>"
      // A time-of-day format is not a date; the 1900 leap-year bug around serial 60.
      "<row r=\"5\"><c r=\"A5\" s=\"3\"><v>0.5</v></c><c r=\"B5\" s=\"4\"><v>1234.0</v></c>"
      "<c r=\"C5\" s=\"2\"><v>60</v></c><c r=\"D5\" s=\"2\"><v>61</v></c>"
      "<c r=\"E5\" s=\"2\"><v>59</v></c><c r=\"F5\" s=\"2\"><v>1</v></c></row>"
      // Styled but empty cells, as a formatted template has: not data, row dropped.
      "<row r=\"6\"><c r=\"A6\" s=\"1\"/><c r=\"B6\" s=\"2\"><v></v></c></row>";
  const Table table = read_xlsx(package(sheet(rows), strings));
  EXPECT_EQ(table,
            (Table{{"Họ và tên", "", "Ngày sinh"},
                   {"Nguyễn Văn Ấn", "42", "2023-03-15", "2000-01-01"},
                   {},
                   {"Lê & Phạm", "3.5", "TRUE", "", "công thức"},
                   {"0.5", "1234", "1900-02-29", "1900-03-01", "1900-02-28", "1900-01-01"}}));
}

TEST(XlsxRead, NumbersAreWrittenPlainly) {
  const Table table = read_xlsx(package(sheet(
      "<row r=\"1\"><c><v>1.0</v></c><c><v>-0</v></c><c><v>0.1</v></c><c><v>1E-3</v></c>"
      "<c><v>012345678901234567890</v></c><c><v>1.5E+3</v></c><c><v>abc</v></c></row>")));
  EXPECT_EQ(table, (Table{{"1", "-0", "0.1", "0.001", "012345678901234567890", "1500", "abc"}}));
}

TEST(XlsxRead, CellsAndRowsWithoutReferencesFollowThePreviousOne) {
  const Table table = read_xlsx(package(sheet(
      "<row><c><v>1</v></c><c><v>2</v></c></row>"
      "<row><c r=\"C2\"><v>3</v></c><c><v>4</v></c></row>")));
  EXPECT_EQ(table, (Table{{"1", "2"}, {"", "", "3", "4"}}));
}

TEST(XlsxRead, DecodesEscapesAndSkipsPhoneticHints) {
  const std::string strings = shared_strings(
      "<si><t>Dòng 1_x000D_\nDòng 2</t></si>"
      "<si><t>_x005F_x0041_ và _x0041_</t></si>"
      "<si><t>Trần</t><rPh sb=\"0\" eb=\"1\"><t>とらん</t></rPh></si>");
  const Table table = read_xlsx(package(
      sheet("<row r=\"1\"><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c><c t=\"s\"><v>2</v></c>"
            "<c t=\"inlineStr\"><is><r><t>a_x0009_</t></r><r><t>b</t></r></is></c></row>"),
      strings));
  EXPECT_EQ(table, (Table{{"Dòng 1\r\nDòng 2", "_x0041_ và A", "Trần", "a\tb"}}));
}

TEST(XlsxRead, Date1904System) {
  const Table table = read_xlsx(package(sheet("<row r=\"1\"><c s=\"1\"><v>1462</v></c></row>"), "",
                                        workbook("<workbookPr date1904=\"1\"/>")));
  EXPECT_EQ(table, (Table{{"1908-01-02"}}));
}

TEST(XlsxRead, FirstSheetComesFromWorkbookOrder) {
  // The first tab points at sheet2.xml, through an absolute target and a namespace prefix other
  // than "r"; a chart sheet before it is skipped.
  std::vector<ZipEntry> entries =
      parts(sheet("<row><c t=\"inlineStr\"><is><t>sai</t></is></c></row>"));
  entries[2].data =
      "<workbook xmlns=\"" + std::string(kMain) + "\" xmlns:x=\"" + std::string(kRelationshipType) +
      "\"><sheets><sheet name=\"Biểu đồ\" sheetId=\"3\" x:id=\"rId9\"/>"
      "<sheet name=\"Danh sách\" sheetId=\"2\" x:id=\"rId5\"/>"
      "<sheet name=\"Khác\" sheetId=\"1\" x:id=\"rId1\"/></sheets></workbook>";
  entries[3].data = workbook_rels(relationship("rId5", "worksheet", "/xl/worksheets/sheet2.xml") +
                                  relationship("rId9", "chartsheet", "chartsheets/sheet1.xml"));
  entries.push_back({"xl/worksheets/sheet2.xml",
                     sheet("<row><c t=\"inlineStr\"><is><t>đúng</t></is></c></row>")});
  EXPECT_EQ(read_xlsx(detail::build_zip(entries)), (Table{{"đúng"}}));
}

TEST(XlsxRead, FallsBackToSheet1WithoutWorkbook) {
  const std::string bytes = detail::build_zip(
      {{"xl/worksheets/sheet1.xml", sheet("<row><c><v>7</v></c></row>")}});
  EXPECT_EQ(read_xlsx(bytes), (Table{{"7"}}));
  EXPECT_EQ(read_error(detail::build_zip({{"xl/other.xml", "<a/>"}})), kCorrupt);
}

TEST(XlsxRead, RowLimit) {
  ReadLimits limits;
  limits.max_rows = 2;
  const std::string rows = "<row r=\"1\"><c><v>1</v></c></row><row r=\"2\"><c><v>2</v></c></row>";
  EXPECT_EQ(read_error(package(sheet(rows)), limits), "");
  EXPECT_EQ(read_error(package(sheet(rows + "<row r=\"3\"><c><v>3</v></c></row>")), limits),
            "Tệp có quá nhiều dòng (tối đa 2).");
  // A far-away row counts by its number, but only if it holds something.
  EXPECT_EQ(read_error(package(sheet(rows + "<row r=\"1000000\"><c s=\"1\"/></row>")), limits), "");
  EXPECT_EQ(read_error(package(sheet("<row r=\"1000000\"><c><v>1</v></c></row>")), limits),
            "Tệp có quá nhiều dòng (tối đa 2).");
}

TEST(XlsxRead, ColumnLimit) {
  ReadLimits limits;
  limits.max_columns = 2;
  EXPECT_EQ(
      read_error(package(sheet("<row><c r=\"B1\"><v>1</v></c><c r=\"XFD1\"/></row>")), limits), "");
  EXPECT_EQ(read_error(package(sheet("<row><c r=\"C1\"><v>1</v></c></row>")), limits),
            "Tệp có quá nhiều cột (tối đa 2).");
}

TEST(XlsxRead, CellLimit) {
  ReadLimits limits;
  limits.max_cell_bytes = 6;
  const std::string strings = shared_strings("<si><t>Nguyễn</t></si><si><t>An</t></si>");
  EXPECT_EQ(
      read_error(package(sheet("<row r=\"3\"><c r=\"B3\" t=\"s\"><v>1</v></c></row>"), strings),
                 limits),
      "");
  EXPECT_EQ(
      read_error(package(sheet("<row r=\"3\"><c r=\"B3\" t=\"s\"><v>0</v></c></row>"), strings),
                 limits),
      "Ô B3 có nội dung quá dài (tối đa 6 byte).");
  EXPECT_EQ(read_error(package(sheet("<row><c t=\"inlineStr\"><is><t>" + std::string(100000, 'x') +
                                     "</t></is></c></row>")),
                       limits),
            "Ô A1 có nội dung quá dài (tối đa 6 byte).");
}

TEST(XlsxRead, SharedStringReusedEverywhereCannotAmplify) {
  // One 1000-byte string in 3000 cells: 3 MB of table from a tiny file.
  std::string rows;
  for (int r = 1; r <= 300; ++r) {
    rows += "<row>";
    for (int c = 0; c < 10; ++c) rows += "<c t=\"s\"><v>0</v></c>";
    rows += "</row>";
  }
  const std::string bytes =
      package(sheet(rows), shared_strings("<si><t>" + std::string(1000, 'a') + "</t></si>"));
  ReadLimits limits;
  limits.max_uncompressed_bytes = 256 << 10;
  EXPECT_EQ(read_error(bytes, limits), kTooLarge);
  EXPECT_EQ(read_xlsx(bytes).size(), 300u);  // fine with the default allowance
}

// A workbook carrying one entry of 300 MB of zeros, about 300 KB compressed. Built once: deflating
// 300 MB takes a second.
const std::string& zip_bomb() {
  static const std::string bytes =
      zip_with_zero_entry(parts(sheet("<row><c><v>1</v></c></row>")), "xl/media/bomb.bin",
                          300u << 20);
  return bytes;
}

TEST(XlsxRead, ZipBombIsRefusedBeforeInflating) {
  ASSERT_LT(zip_bomb().size(), 2u << 20);
  // With a 1 MiB allowance the entry table alone condemns it; nothing is inflated.
  ReadLimits limits;
  limits.max_uncompressed_bytes = 1 << 20;
  EXPECT_EQ(read_error(zip_bomb(), limits), kTooLarge);
  EXPECT_EQ(read_error(zip_bomb()), kTooLarge);  // over the default 256 MiB too
}

TEST(XlsxRead, ExtremeCompressionRatioIsRefused) {
  // 20 MiB is within the default allowance, but 1000:1 is no spreadsheet.
  const std::string bytes = zip_with_zero_entry(parts(sheet("")), "xl/media/big.bin", 20u << 20);
  EXPECT_EQ(read_error(bytes), kTooLarge);
}

TEST(XlsxRead, TotalUncompressedSizeIsLimited) {
  std::vector<ZipEntry> entries = parts(sheet("<row><c><v>1</v></c></row>"));
  for (int i = 0; i < 4; ++i) {
    entries.push_back({"xl/media/" + std::to_string(i) + ".txt", std::string(300 << 10, 'x')});
  }
  ReadLimits limits;
  limits.max_uncompressed_bytes = 1 << 20;
  EXPECT_EQ(read_error(detail::build_zip(entries), limits), kTooLarge);
  entries.pop_back();
  EXPECT_EQ(read_error(detail::build_zip(entries), limits), "");
}

TEST(XlsxRead, TooManyEntriesIsRefused) {
  std::vector<ZipEntry> entries = parts(sheet(""));
  while (entries.size() <= 10'000) {
    entries.push_back({"xl/media/" + std::to_string(entries.size()), "x"});
  }
  EXPECT_EQ(read_error(detail::build_zip(entries)), kTooLarge);
}

TEST(XlsxRead, EntryLyingAboutItsSizeIsRefused) {
  // The sheet inflates to 2 MiB but claims 1000 bytes, slipping under every declared-size check.
  std::string padded_sheet = sheet("<row><c><v>1</v></c></row>");
  padded_sheet.insert(padded_sheet.size() - std::string_view("</worksheet>").size(),
                      std::string(2 << 20, ' '));
  std::string bytes = package(padded_sheet);
  patch_declared_size(bytes, "xl/worksheets/sheet1.xml", 1000);
  ReadLimits limits;
  limits.max_uncompressed_bytes = 64 << 10;
  const std::string error = read_error(bytes, limits);
  EXPECT_TRUE(error == kTooLarge || error == kCorrupt) << error;
}

TEST(XlsxRead, NestedArchiveIsNeverExpanded) {
  // An embedded workbook that is itself a bomb counts only as its compressed ~300 KB: embedded
  // archives are never opened.
  std::vector<ZipEntry> entries = parts(sheet("<row><c><v>1</v></c></row>"));
  entries.push_back({"xl/embeddings/Microsoft_Excel_Worksheet.xlsx", zip_bomb()});
  ReadLimits limits;
  limits.max_uncompressed_bytes = 1 << 20;
  EXPECT_EQ(read_xlsx(detail::build_zip(entries), limits), (Table{{"1"}}));
}

TEST(XlsxRead, CorruptBytes) {
  EXPECT_EQ(read_error(""), kCorrupt);
  EXPECT_EQ(read_error("PK\x03\x04 this is not really a zip at all"), kCorrupt);

  const std::string good = write_xlsx({{"Họ tên"}, {"Nguyễn Văn Ấn"}});
  EXPECT_EQ(read_error(good.substr(0, good.size() / 2)), kCorrupt);  // cut off

  // Damage the compressed sheet data: inflate fails or the CRC does not match.
  std::string damaged = good;
  const std::string_view name = "xl/worksheets/sheet1.xml";
  const std::size_t header = damaged.find(name) - 30;  // the local header comes first
  ASSERT_EQ(damaged.substr(header, 4), "PK\x03\x04");
  const auto extra_length = static_cast<unsigned char>(damaged[header + 28]) |
                            static_cast<unsigned char>(damaged[header + 29]) << 8;
  const std::size_t data = header + 30 + name.size() + extra_length;
  for (std::size_t i = 0; i < 16; ++i) damaged[data + 20 + i] ^= 0x5A;
  EXPECT_EQ(read_error(damaged), kCorrupt);
}

TEST(XlsxRead, BrokenXmlIsCorrupt) {
  EXPECT_EQ(read_error(package("<worksheet><sheetData><row><c><v>1</v></row>")), kCorrupt);
  EXPECT_EQ(read_error(package(sheet("<row><c t=\"s\"><v>5</v></c></row>"),
                               shared_strings("<si><t>a</t></si>"))),
            kCorrupt);  // shared string index out of range
  EXPECT_EQ(read_error(package(sheet("<row r=\"0\"><c><v>1</v></c></row>"))), kCorrupt);
  EXPECT_EQ(read_error(package(sheet("<row><c r=\"ABCDE1\"><v>1</v></c></row>"))), kCorrupt);
}

TEST(XlsxRead, DoctypeIsRefused) {
  const std::string laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
      "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
      "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&lol2;</t></is></c></row>"
      "</sheetData></worksheet>";
  EXPECT_EQ(read_error(package(laughs)), kCorrupt);
}

TEST(XlsxRead, PasswordProtectedOrOldExcelFile) {
  std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  ole += std::string(504, '\0');
  EXPECT_EQ(read_error(ole), kEncrypted);
  try {
    read_table(ole);
    FAIL() << "read_table accepted an OLE file";
  } catch (const TableError& e) {
    EXPECT_EQ(e.what(), kEncrypted);
  }
}

// ---- Writing --------------------------------------------------------------------------------

TEST(XlsxWrite, RoundTrip) {
  const Table table{{"Họ và tên", "Ngày sinh", "Ghi chú"},
                    {"Nguyễn Văn Ấn", "1990-05-01", "nói \"xin chào\", <b>đậm</b> & nhạt"},
                    {"Trần Thị Ưng", "", "dòng 1\ndòng 2\r\ndòng 3"},
                    {},
                    {"  khoảng trắng  ", "=1+2", "_x0041_ giữ nguyên\tvà tab"},
                    {"", "", "chỉ cột C"}};
  const std::string bytes = write_xlsx(table);
  ASSERT_TRUE(bytes.starts_with("PK\x03\x04"));
  EXPECT_EQ(read_xlsx(bytes), table);
  EXPECT_EQ(read_table(bytes), table);
}

TEST(XlsxWrite, PackageLayoutAndStyles) {
  const std::string bytes = write_xlsx({{"Họ tên", "Địa chỉ"}, {"An", std::string(80, 'x')}});
  EXPECT_EQ(entry_names(bytes),
            (std::vector<std::string>{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                                      "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                                      "xl/worksheets/sheet1.xml"}));
  const std::string styles_xml = entry(bytes, "xl/styles.xml");
  EXPECT_NE(styles_xml.find("<font><b/>"), std::string::npos);
  const std::string sheet_xml = entry(bytes, "xl/worksheets/sheet1.xml");
  // The header row uses the bold style; the rest do not.
  EXPECT_NE(sheet_xml.find("<c r=\"A1\" s=\"1\" t=\"inlineStr\">"), std::string::npos);
  EXPECT_NE(sheet_xml.find("<c r=\"A2\" t=\"inlineStr\">"), std::string::npos);
  // Columns are wider than Excel's default, and follow their content within bounds.
  EXPECT_NE(sheet_xml.find("<col min=\"1\" max=\"1\" width=\"12\" customWidth=\"1\"/>"),
            std::string::npos);
  EXPECT_NE(sheet_xml.find("<col min=\"2\" max=\"2\" width=\"60\" customWidth=\"1\"/>"),
            std::string::npos);
}

TEST(XlsxWrite, DropsCharactersXmlCannotCarry) {
  const Table table{{"a\x01" "b\x1F" "c", "bad \xFF utf8", "x\xEF\xBF\xBEy", "\x02"}};
  EXPECT_EQ(read_xlsx(write_xlsx(table)), (Table{{"abc", "bad  utf8", "xy"}}));
}

TEST(XlsxWrite, SheetNameIsCleanedAndEscaped) {
  const auto sheet_name = [](std::string_view requested) {
    const std::string xml = entry(write_xlsx({{"a"}}, requested), "xl/workbook.xml");
    const std::size_t start = xml.find("<sheet name=\"") + 13;
    return xml.substr(start, xml.find('"', start) - start);
  };
  EXPECT_EQ(sheet_name("Hội viên"), "Hội viên");
  EXPECT_EQ(sheet_name("A&B <C> \"D\""), "A&amp;B &lt;C&gt; &quot;D&quot;");
  EXPECT_EQ(sheet_name("[2024/2025]: a*b?c\\d"), "_2024_2025__ a_b_c_d");
  // 31 characters at most, counted as characters, not bytes.
  EXPECT_EQ(sheet_name("Danh sách hội viên đầy đủ của chi hội phường"),
            "Danh sách hội viên đầy đủ của c");
  EXPECT_EQ(sheet_name("'trích'"), "trích");
  EXPECT_EQ(sheet_name(""), "Sheet1");
  EXPECT_EQ(sheet_name("history"), "Sheet1");
}

TEST(XlsxWrite, EmptyTable) {
  EXPECT_EQ(read_xlsx(write_xlsx({})), Table{});
  EXPECT_EQ(read_xlsx(write_xlsx({{}, {"", ""}})), Table{});
}

}  // namespace
}  // namespace sotay::io
