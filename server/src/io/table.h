// Reading and writing simple tables (CSV and XLSX) for member import and export.
// Everything is UTF-8. Readers are defensive: they run on files uploaded by people and are
// fuzzed (io/*_fuzz.cpp); a bad file raises TableError with a Vietnamese message, never crashes.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sotay::io {

using Table = std::vector<std::vector<std::string>>;  // rows of cells; row 0 is usually the header

struct ReadLimits {
  std::size_t max_rows = 1'000'000;
  std::size_t max_columns = 100;
  std::size_t max_cell_bytes = 10'000;
  std::size_t max_uncompressed_bytes = 256u << 20;  // XLSX: refuse zip bombs
};

class TableError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;  // what() is Vietnamese, shown to the user
};

// CSV: optional UTF-8 BOM; delimiter detected from the first line (',' ';' or tab); RFC 4180
// quotes; CRLF/LF. Invalid UTF-8 is refused (TableError). Trailing empty rows are dropped.
Table read_csv(std::string_view data, const ReadLimits& limits = {});
// CSV with a UTF-8 BOM (so Excel shows Vietnamese correctly), CRLF, quoting as needed. Cells
// starting with = + - @ are prefixed with ' so a spreadsheet never runs them as formulas.
std::string write_csv(const Table& table);

// XLSX: the first worksheet; shared strings, inline strings, numbers and booleans. Cells whose
// style is a date format are turned into ISO dates (YYYY-MM-DD). Empty cells keep their column.
Table read_xlsx(std::string_view data, const ReadLimits& limits = {});
// A minimal valid XLSX (one sheet, header row bold, all cells as inline strings).
std::string write_xlsx(const Table& table, std::string_view sheet_name = "Sheet1");

// Picks the reader by content: a zip (PK\x03\x04) is XLSX, anything else CSV.
Table read_table(std::string_view data, const ReadLimits& limits = {});

}  // namespace sotay::io
