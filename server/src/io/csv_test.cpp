#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "io/table.h"

namespace sotay::io {
namespace {

using namespace std::literals;

// The message a refused read produced, or "" if it succeeded.
std::string read_error(std::string_view data, const ReadLimits& limits = {}) {
  try {
    read_csv(data, limits);
  } catch (const TableError& e) {
    return e.what();
  }
  return {};
}

TEST(CsvRead, VietnameseText) {
  const Table table = read_csv(
      "Họ và tên,Ngày sinh,Địa chỉ\n"
      "Nguyễn Văn Ấn,1990-05-01,Hà Nội\n"
      "Trần Thị Ưng,,Đà Nẵng\n");
  EXPECT_EQ(table, (Table{{"Họ và tên", "Ngày sinh", "Địa chỉ"},
                          {"Nguyễn Văn Ấn", "1990-05-01", "Hà Nội"},
                          {"Trần Thị Ưng", "", "Đà Nẵng"}}));
}

TEST(CsvRead, QuotedFieldsWithCommasQuotesAndNewlines) {
  const Table table = read_csv(
      "\"Nguyễn, Văn A\",\"Số 5 \"\"Hoa Hồng\"\"\",\"dòng 1\ndòng 2\"\r\n"
      "x,\"\",y\r\n");
  EXPECT_EQ(table, (Table{{"Nguyễn, Văn A", "Số 5 \"Hoa Hồng\"", "dòng 1\ndòng 2"},
                          {"x", "", "y"}}));
}

TEST(CsvRead, LineBreaksInsideQuotesBecomeLf) {
  EXPECT_EQ(read_csv("\"a\r\nb\rc\nd\",e\r\n"), (Table{{"a\nb\nc\nd", "e"}}));
}

TEST(CsvRead, SemicolonFile) {
  // What Excel writes in a Vietnamese locale: ';' separates, ',' is the decimal mark.
  EXPECT_EQ(read_csv("Họ tên;Điểm\nAn;8,5\nBình;9\n"),
            (Table{{"Họ tên", "Điểm"}, {"An", "8,5"}, {"Bình", "9"}}));
}

TEST(CsvRead, TabFile) {
  EXPECT_EQ(read_csv("Họ tên\tGhi chú\nAn\tcó, dấu; phẩy\n"),
            (Table{{"Họ tên", "Ghi chú"}, {"An", "có, dấu; phẩy"}}));
}

TEST(CsvRead, DelimitersInsideQuotesDoNotCountForDetection) {
  EXPECT_EQ(read_csv("\"a,b,c\";\"d,e\";f\n1;2;3\n"),
            (Table{{"a,b,c", "d,e", "f"}, {"1", "2", "3"}}));
}

TEST(CsvRead, DetectionUsesFirstLineOnlyAndPrefersCommaOnTies) {
  EXPECT_EQ(read_csv("a,b;c\nd;e;f;g\n"), (Table{{"a", "b;c"}, {"d;e;f;g"}}));
  EXPECT_EQ(read_csv("\n\na;b\n"), (Table{{""}, {""}, {"a", "b"}}));  // blank lines skipped
  EXPECT_EQ(read_csv("chỉ một cột\nhai, cột\n"), (Table{{"chỉ một cột"}, {"hai", " cột"}}));
}

TEST(CsvRead, StripsBom) {
  const Table table = read_csv("\xEF\xBB\xBFHọ tên,Tuổi\nAn,30\n");
  ASSERT_EQ(table.size(), 2u);
  EXPECT_EQ(table[0][0], "Họ tên");
  EXPECT_EQ(read_csv("\xEF\xBB\xBF"), Table{});
}

TEST(CsvRead, CrLfLfAndCrLineEnds) {
  EXPECT_EQ(read_csv("a,b\r\nc,d\re,f\ng,h"),
            (Table{{"a", "b"}, {"c", "d"}, {"e", "f"}, {"g", "h"}}));
}

TEST(CsvRead, DropsTrailingEmptyRowsKeepsInnerOnes) {
  EXPECT_EQ(read_csv("a,b\n\n,\nc,d\n\n,\n\r\n\r\n"),
            (Table{{"a", "b"}, {""}, {"", ""}, {"c", "d"}}));
  EXPECT_EQ(read_csv(""), Table{});
  EXPECT_EQ(read_csv("\n\r\n,,\n"), Table{});
}

TEST(CsvRead, KeepsSpacesAndStrayQuotes) {
  // Callers trim; the reader keeps cells as written. A quote inside an unquoted field and text
  // after a closing quote are kept, as spreadsheets do.
  EXPECT_EQ(read_csv(" a , b\"c ,\"d\"e\n"), (Table{{" a ", " b\"c ", "de"}}));
}

TEST(CsvRead, TrailingDelimiterMakesEmptyCell) {
  EXPECT_EQ(read_csv("a,b,\nc,d,"), (Table{{"a", "b", ""}, {"c", "d", ""}}));
}

TEST(CsvRead, RefusesInvalidUtf8) {
  const std::string expected = "Tệp không phải mã UTF-8. Hãy lưu tệp CSV với mã hoá UTF-8.";
  EXPECT_EQ(read_error("Nguy\xEAn V\xE3n A\n"), expected);  // Windows-1258 / Latin-1 bytes
  EXPECT_EQ(read_error("\xC3\x28"), expected);                // bad continuation byte
  EXPECT_EQ(read_error("\xC0\xAF"), expected);                // overlong "/"
  EXPECT_EQ(read_error("\xED\xA0\x80"), expected);            // UTF-16 surrogate
  EXPECT_EQ(read_error("\xF4\x90\x80\x80"), expected);        // above U+10FFFF
  EXPECT_EQ(read_error("abc\xE1\xBB"), expected);             // cut short at the end
  EXPECT_EQ(read_error("\xFF\xFEH\0i\0"sv), expected);        // UTF-16 with its BOM
  EXPECT_EQ(read_error("ok \xF0\x9F\x98\x80 \xE1\xBB\x87"), "");  // 4- and 3-byte forms are fine
}

TEST(CsvRead, UnterminatedQuoteNamesTheLineItOpensOn) {
  EXPECT_EQ(read_error("a,b\nc,\"d\ne\nf\n"), "Dấu ngoặc kép không được đóng ở dòng 2.");
  // Lines inside an earlier quoted cell still count as lines of the file.
  EXPECT_EQ(read_error("\"x\r\ny\",1\r\n2,\"mở"), "Dấu ngoặc kép không được đóng ở dòng 3.");
  EXPECT_EQ(read_error("\""), "Dấu ngoặc kép không được đóng ở dòng 1.");
}

TEST(CsvRead, RowLimit) {
  ReadLimits limits;
  limits.max_rows = 2;
  EXPECT_EQ(read_error("a\nb\n", limits), "");
  EXPECT_EQ(read_error("a\nb\nc\n", limits), "Tệp có quá nhiều dòng (tối đa 2).");
  // Trailing blank lines are dropped, so they do not count; inner ones do.
  EXPECT_EQ(read_error("a\nb\n\n\n\n\n", limits), "");
  EXPECT_EQ(read_error("a\n\nb\n", limits), "Tệp có quá nhiều dòng (tối đa 2).");

  limits.max_rows = 1000;
  std::string many;
  for (int i = 0; i < 1001; ++i) many += "x\n";
  EXPECT_EQ(read_error(many, limits), "Tệp có quá nhiều dòng (tối đa 1.000).");
}

TEST(CsvRead, ColumnLimit) {
  ReadLimits limits;
  limits.max_columns = 3;
  EXPECT_EQ(read_error("a,b,c\n1,2,3\n", limits), "");
  EXPECT_EQ(read_error("a,b,c\n1,2,3,4\n", limits), "Tệp có quá nhiều cột (tối đa 3).");
  EXPECT_EQ(read_error("a,b,c,\n", limits), "Tệp có quá nhiều cột (tối đa 3).");
}

TEST(CsvRead, CellLimit) {
  ReadLimits limits;
  limits.max_cell_bytes = 6;
  EXPECT_EQ(read_error("abcdef,\"ab\"\"cd\"\n", limits), "");  // exactly 6 bytes, "" counts once
  EXPECT_EQ(read_error("x,Nguyễn\n", limits), "Ô B1 có nội dung quá dài (tối đa 6 byte).");
  EXPECT_EQ(read_error("ab\nx,y,\"abcdefg\"\n", limits),
            "Ô C2 có nội dung quá dài (tối đa 6 byte).");
}

TEST(CsvWrite, BomCrlfAndQuoting) {
  const Table table{{"Họ tên", "Ghi chú"},
                    {"Nguyễn, An", "nói \"xin chào\""},
                    {"a;b", "dòng 1\ndòng 2"},
                    {"tab\there", ""}};
  EXPECT_EQ(write_csv(table),
            "\xEF\xBB\xBF"
            "Họ tên,Ghi chú\r\n"
            "\"Nguyễn, An\",\"nói \"\"xin chào\"\"\"\r\n"
            "\"a;b\",\"dòng 1\ndòng 2\"\r\n"
            "\"tab\there\",\r\n");
  EXPECT_EQ(write_csv({}), "\xEF\xBB\xBF");
}

TEST(CsvWrite, EscapesFormulaInjection) {
  EXPECT_EQ(write_csv({{"=HYPERLINK(\"http://x\")"}}),
            "\xEF\xBB\xBF\"'=HYPERLINK(\"\"http://x\"\")\"\r\n");
  EXPECT_EQ(write_csv({{"+84912345678", "-5", "@SUM(A1)", "=1+1"}}),
            "\xEF\xBB\xBF'+84912345678,'-5,'@SUM(A1),'=1+1\r\n");
  EXPECT_EQ(write_csv({{"\t=1"}}), "\xEF\xBB\xBF\"'\t=1\"\r\n");
  // Only the first character matters.
  EXPECT_EQ(write_csv({{"a=b", " =x", "", "1-2"}}), "\xEF\xBB\xBF" "a=b, =x,,1-2\r\n");
}

TEST(CsvRoundTrip, ReadBackEqualsTable) {
  const Table table{{"Họ; tên", "Ghi\tchú", "Địa chỉ, số nhà"},
                    {"Nguyễn Văn Ấn", "nói \"chào\"", "dòng 1\ndòng 2"},
                    {"", "", ""},
                    {"  khoảng trắng  ", "", "\"\""},
                    {"Trần Thị Ưng"}};
  EXPECT_EQ(read_csv(write_csv(table)), table);
}

TEST(CsvRoundTrip, FormulaGuardStaysVisible) {
  EXPECT_EQ(read_csv(write_csv({{"=1+1", "-5"}})), (Table{{"'=1+1", "'-5"}}));
}

TEST(CsvReadTable, TextIsReadAsCsv) {
  EXPECT_EQ(read_table("a;b\n1;2\n"), (Table{{"a", "b"}, {"1", "2"}}));
}

}  // namespace
}  // namespace sotay::io
