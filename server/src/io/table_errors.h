// Messages for ReadLimits violations, shared by the CSV and XLSX readers so a user sees the same
// wording whichever format they upload. Cells are named the way a spreadsheet shows them ("C7").
#pragma once

#include <cstddef>
#include <string>

#include "io/table.h"

namespace sotay::io::detail {

// 0 → "A", 25 → "Z", 26 → "AA": bijective base 26, as spreadsheets label columns.
inline std::string column_name(std::size_t column) {
  std::string reversed;
  std::size_t n = column + 1;
  while (n > 0) {
    --n;
    reversed += static_cast<char>('A' + n % 26);
    n /= 26;
  }
  return {reversed.rbegin(), reversed.rend()};
}

// column is 0-based, row is 1-based (the row number the user sees).
inline std::string cell_name(std::size_t column, std::size_t row) {
  return column_name(column) + std::to_string(row);
}

// 1000000 → "1.000.000": Vietnamese groups thousands with dots.
inline std::string format_count(std::size_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out;
}

[[noreturn]] inline void throw_too_many_rows(std::size_t max_rows) {
  throw TableError("Tệp có quá nhiều dòng (tối đa " + format_count(max_rows) + ").");
}

[[noreturn]] inline void throw_too_many_columns(std::size_t max_columns) {
  throw TableError("Tệp có quá nhiều cột (tối đa " + format_count(max_columns) + ").");
}

[[noreturn]] inline void throw_cell_too_long(std::size_t column, std::size_t row,
                                             std::size_t max_cell_bytes) {
  throw TableError("Ô " + cell_name(column, row) + " có nội dung quá dài (tối đa " +
                   format_count(max_cell_bytes) + " byte).");
}

}  // namespace sotay::io::detail
