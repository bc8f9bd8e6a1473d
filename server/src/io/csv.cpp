// CSV import and export. The reader validates the whole input as UTF-8 first (so the parser can
// work byte by byte: every byte it treats specially is ASCII) and then runs a small RFC 4180 state
// machine that enforces ReadLimits as it goes, so memory stays proportional to the input.
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "io/table.h"
#include "io/table_errors.h"
#include "io/utf8.h"

namespace sotay::io {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
// In order of preference when two are equally frequent: comma is the RFC 4180 default.
constexpr std::array<char, 3> kCandidateDelimiters = {',', ';', '\t'};
constexpr char kDefaultDelimiter = ',';
constexpr std::string_view kNotUtf8Message =
    "Tệp không phải mã UTF-8. Hãy lưu tệp CSV với mã hoá UTF-8.";

bool is_line_end(char c) { return c == '\r' || c == '\n'; }

// Excel writes ';' instead of ',' in locales whose decimal separator is a comma (Vietnamese is
// one), and "Unicode text" exports use tabs, so the delimiter is guessed from the header line:
// the candidate that occurs most often there outside quotes.
char detect_delimiter(std::string_view data) {
  std::size_t i = 0;
  // Leading blank lines carry no information; look at the first line with content.
  while (i < data.size() && is_line_end(data[i])) ++i;

  std::array<std::size_t, kCandidateDelimiters.size()> counts{};
  bool quoted = false;
  bool at_field_start = true;
  for (; i < data.size(); ++i) {
    const char c = data[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < data.size() && data[i + 1] == '"') {
          ++i;  // an escaped quote stays inside the field
        } else {
          quoted = false;
        }
      }
      continue;
    }
    if (is_line_end(c)) break;
    // As in the parser, only a quote at the start of a field opens a quoted field; the delimiter
    // is unknown yet, so "start" means after any candidate.
    if (c == '"' && at_field_start) {
      quoted = true;
      at_field_start = false;
      continue;
    }
    at_field_start = false;
    for (std::size_t k = 0; k < kCandidateDelimiters.size(); ++k) {
      if (c == kCandidateDelimiters[k]) {
        ++counts[k];
        at_field_start = true;
      }
    }
  }

  char best = kDefaultDelimiter;
  std::size_t best_count = 0;
  for (std::size_t k = 0; k < kCandidateDelimiters.size(); ++k) {
    if (counts[k] > best_count) {  // strict: earlier candidates win ties
      best = kCandidateDelimiters[k];
      best_count = counts[k];
    }
  }
  return best;
}

class CsvReader {
 public:
  CsvReader(std::string_view data, char delimiter, const ReadLimits& limits)
      : data_(data), delimiter_(delimiter), limits_(limits) {}

  Table read() {
    enum class State { field_start, unquoted, quoted, after_quote };
    State state = State::field_start;
    bool row_started = false;  // false right after a line end: EOF there adds no row
    std::size_t line = 1;      // physical line, for the unterminated-quote message
    std::size_t quote_line = 0;
    const std::size_t n = data_.size();

    for (std::size_t i = 0; i < n; ++i) {
      const char c = data_[i];
      if (state == State::quoted) {
        if (c == '"') {
          if (i + 1 < n && data_[i + 1] == '"') {
            append('"');
            ++i;
          } else {
            state = State::after_quote;
          }
        } else if (is_line_end(c)) {
          // Line breaks inside a cell become "\n" whatever the file used, so a cell's text does
          // not depend on the operating system that saved the file.
          if (c == '\r' && i + 1 < n && data_[i + 1] == '\n') ++i;
          append('\n');
          ++line;
        } else {
          append(c);
        }
        continue;
      }

      if (c == delimiter_) {
        end_cell();
        state = State::field_start;
        row_started = true;
        continue;
      }
      if (is_line_end(c)) {
        if (c == '\r' && i + 1 < n && data_[i + 1] == '\n') ++i;  // CRLF is one line end
        end_cell();
        end_row();
        state = State::field_start;
        row_started = false;
        ++line;
        continue;
      }
      row_started = true;
      if (c == '"' && state == State::field_start) {
        state = State::quoted;
        quote_line = line;
        continue;
      }
      // A quote in the middle of an unquoted field, or text after a closing quote ("a"b), is kept
      // literally rather than refused: that is what spreadsheets do with such files.
      append(c);
      state = State::unquoted;
    }

    if (state == State::quoted) {
      throw TableError("Dấu ngoặc kép không được đóng ở dòng " + std::to_string(quote_line) + ".");
    }
    if (row_started) {  // the last line had no line end
      end_cell();
      end_row();
    }
    // pending_empty_ now holds only trailing empty rows, which are dropped.
    return std::move(table_);
  }

 private:
  // The row number a spreadsheet would show for the row being read.
  std::size_t row_number() const { return table_.size() + pending_empty_.size() + 1; }

  void append(char c) {
    if (cell_.size() >= limits_.max_cell_bytes) {
      detail::throw_cell_too_long(row_.size(), row_number(), limits_.max_cell_bytes);
    }
    cell_ += c;
  }

  void end_cell() {
    if (row_.size() >= limits_.max_columns) detail::throw_too_many_columns(limits_.max_columns);
    if (!cell_.empty()) row_has_content_ = true;
    row_.push_back(std::move(cell_));
    cell_.clear();
  }

  void end_row() {
    if (!row_has_content_) {
      // Only the width is remembered: whether this row is kept depends on whether content
      // follows, and a file of blank lines must not cost a vector per line.
      pending_empty_.push_back(row_.size());
    } else {
      if (table_.size() + pending_empty_.size() >= limits_.max_rows) {
        detail::throw_too_many_rows(limits_.max_rows);
      }
      for (const std::size_t width : pending_empty_) table_.emplace_back(width);
      pending_empty_.clear();
      table_.push_back(std::move(row_));
    }
    row_.clear();
    row_has_content_ = false;
  }

  std::string_view data_;
  char delimiter_;
  const ReadLimits& limits_;
  Table table_;
  std::vector<std::size_t> pending_empty_;  // widths of all-empty rows not yet known to be inner
  std::vector<std::string> row_;
  std::string cell_;
  bool row_has_content_ = false;
};

// Spreadsheets treat a cell starting with one of these as a formula (tab and CR too, per OWASP's
// CSV injection advice), so an exported name like "=HYPERLINK(…)" could run when opened.
bool needs_formula_guard(const std::string& cell) {
  if (cell.empty()) return false;
  switch (cell.front()) {
    case '=': case '+': case '-': case '@': case '\t': case '\r': return true;
    default: return false;
  }
}

void write_cell(std::string& out, const std::string& cell) {
  const bool guard = needs_formula_guard(cell);
  // ';' and tab are quoted as well as ',' so that our own reader, guessing the delimiter from
  // the first line, always finds commas and nothing else outside quotes.
  const bool quote = cell.find_first_of(",;\t\"\r\n") != std::string::npos;
  if (!quote) {
    if (guard) out += '\'';
    out += cell;
    return;
  }
  out += '"';
  if (guard) out += '\'';
  for (const char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

Table read_csv(std::string_view data, const ReadLimits& limits) {
  if (data.starts_with(kUtf8Bom)) data.remove_prefix(kUtf8Bom.size());
  // Checked up front so a legacy-encoded file is refused with a clear message instead of being
  // imported as mojibake; it also lets the parser treat the text byte by byte.
  if (!detail::is_valid_utf8(data)) throw TableError(std::string(kNotUtf8Message));
  return CsvReader(data, detect_delimiter(data), limits).read();
}

std::string write_csv(const Table& table) {
  std::string out(kUtf8Bom);
  for (const auto& row : table) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out += ',';
      write_cell(out, row[i]);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace sotay::io
