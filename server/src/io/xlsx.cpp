// XLSX import and export.
//
// Reading: the upload is opened in memory with libzip, its entry table is checked against zip
// bombs before anything is decompressed, and the few XML parts we need are streamed through expat
// in chunks (io/ooxml_reader), so neither a huge part nor a huge table is ever held whole beyond
// what ReadLimits allows.
//
// Writing: a minimal package with one sheet of inline strings; no shared-string table is needed
// and no cell can ever be taken for a formula.
#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <initializer_list>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "io/ooxml_reader.h"
#include "io/table.h"
#include "io/table_errors.h"
#include "io/utf8.h"
#include "io/xml_text.h"
#include "io/zip_writer.h"

namespace sotay::io {
namespace {

constexpr std::string_view kCorruptMessage = "Tệp Excel bị hỏng hoặc không đúng định dạng .xlsx.";
constexpr std::string_view kTooLargeMessage = "Tệp Excel không hợp lệ hoặc quá lớn.";
constexpr std::string_view kEncryptedMessage =
    "Tệp Excel đang được đặt mật khẩu hoặc không phải .xlsx.";
constexpr std::string_view kTooBigToWriteMessage = "Bảng quá lớn để lưu thành tệp Excel.";

// Excel saves a password-protected workbook (and old .xls files) as an OLE compound document,
// not a zip; the header lets us say so instead of calling the file corrupt.
constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0";

// A workbook has a dozen parts, a rich one a few hundred; ten thousand is only ever an attack on
// the entry table.
constexpr std::size_t kMaxEntries = 10'000;

// Excel's own sheet bounds.
constexpr std::size_t kMaxSheetRows = 1'048'576;
constexpr std::size_t kMaxSheetColumns = 16'384;
// Excel refuses cells longer than this many UTF-16 code units.
constexpr std::size_t kMaxCellUtf16Units = 32'767;
constexpr std::size_t kMaxSheetNameUtf16Units = 31;

[[noreturn]] void fail_corrupt() { throw TableError(std::string(kCorruptMessage)); }
[[noreturn]] void fail_too_large() { throw TableError(std::string(kTooLargeMessage)); }
[[noreturn]] void fail_encrypted() { throw TableError(std::string(kEncryptedMessage)); }

std::size_t saturating_multiply(std::size_t a, std::size_t b) {
  if (a != 0 && b > std::numeric_limits<std::size_t>::max() / a) {
    return std::numeric_limits<std::size_t>::max();
  }
  return a * b;
}

std::size_t saturating_add(std::size_t a, std::size_t b) {
  return b > std::numeric_limits<std::size_t>::max() - a ? std::numeric_limits<std::size_t>::max()
                                                         : a + b;
}

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim_xml_space(std::string_view s) {
  while (!s.empty() && is_xml_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_xml_space(s.back())) s.remove_suffix(1);
  return s;
}

// Non-negative decimal integer, surrounding XML whitespace allowed; nothing else.
std::optional<std::size_t> parse_index(std::string_view s) {
  s = trim_xml_space(s);
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || error != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

using detail::find_attribute;
using detail::PackageError;
using detail::PackageProblem;
using detail::XmlHandler;
using detail::ZipPackage;

// ---------------------------------------------------------------------------------------------
// Text of string cells

// Collects the text of one element, refusing to grow past a cap so a single enormous string
// cannot exhaust memory before the cell limit is checked.
class TextBuffer {
 public:
  explicit TextBuffer(std::size_t max_cell_bytes)
      // "_xHHHH_" decodes 7 bytes into at least 1, so raw text beyond 7 × the cell limit is
      // certainly too long once decoded; keeping that much is enough to report it.
      : cap_(saturating_add(saturating_multiply(max_cell_bytes, 7), 7)) {}

  void append(std::string_view text) {
    const std::size_t room = cap_ - raw_.size();
    raw_.append(text.substr(0, room));
  }
  void clear() { raw_.clear(); }
  std::string_view raw() const { return raw_; }

 private:
  std::size_t cap_;
  std::string raw_;
};

// Undoes SpreadsheetML's "_xHHHH_" escapes (Excel stores a CR inside a cell as "_x000D_").
std::string decode_ooxml_escapes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (detail::is_ooxml_escape_at(text, i)) {
      unsigned value = 0;
      std::from_chars(text.data() + i + 2, text.data() + i + 6, value, 16);
      const auto code_point = static_cast<char32_t>(value);
      if (code_point < 0xD800 || code_point > 0xDFFF) {  // a lone surrogate is not a character
        detail::append_utf8(out, code_point);
        i += 7;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

// All shared strings in one buffer: a sheet may have millions of them, and a std::string each
// would cost several times the XML they came from.
class SharedStrings {
 public:
  void add(std::string_view s) {
    starts_.push_back(pool_.size());
    pool_.append(s);
  }
  std::size_t size() const { return starts_.size(); }
  std::string_view get(std::size_t i) const {
    const std::size_t end = i + 1 < starts_.size() ? starts_[i + 1] : pool_.size();
    return std::string_view(pool_).substr(starts_[i], end - starts_[i]);
  }

 private:
  std::string pool_;
  std::vector<std::size_t> starts_;
};

// xl/sharedStrings.xml: <si> holds either one <t> or rich-text runs <r><t>…</t></r>, whose texts
// are concatenated. <rPh> holds phonetic hints (furigana), which are not part of the text.
class SharedStringsHandler : public XmlHandler {
 public:
  SharedStringsHandler(SharedStrings& out, std::size_t max_cell_bytes)
      : out_(out), max_cell_bytes_(max_cell_bytes), text_(max_cell_bytes) {}

  void on_start(std::string_view name, const XML_Char**) override {
    if (name == "si") {
      in_item_ = true;
      phonetic_depth_ = 0;
      text_.clear();
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t") {
      in_text_ = in_item_ && phonetic_depth_ == 0;
    }
  }
  void on_end(std::string_view name) override {
    if (name == "si") {
      std::string decoded = decode_ooxml_escapes(text_.raw());
      // An over-long string is kept just long enough to fail the cell check if a cell uses it.
      if (decoded.size() > max_cell_bytes_) decoded.resize(saturating_add(max_cell_bytes_, 1));
      out_.add(decoded);
      in_item_ = false;
    } else if (name == "rPh") {
      if (phonetic_depth_ > 0) --phonetic_depth_;
    } else if (name == "t") {
      in_text_ = false;
    }
  }
  void on_text(std::string_view text) override {
    if (in_text_) text_.append(text);
  }

 private:
  SharedStrings& out_;
  std::size_t max_cell_bytes_;
  TextBuffer text_;
  bool in_item_ = false;
  bool in_text_ = false;
  int phonetic_depth_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Styles: which cell formats are dates

bool is_builtin_date_format(std::size_t id) {
  return (id >= 14 && id <= 22) || (id >= 45 && id <= 47);
}

// A custom format is a date if it shows a day, month or year. "m" alone is ambiguous: next to
// h or s it means minutes ("h:mm", "mm:ss"), otherwise months ("mmm yyyy").
bool is_date_format_code(std::string_view code) {
  bool has_day_or_year = false;
  bool has_m = false;
  bool has_time = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    switch (const char c = code[i]) {
      case '"': {  // quoted literal text
        const std::size_t close = code.find('"', i + 1);
        i = close == std::string_view::npos ? code.size() : close;
        break;
      }
      case '\\':  // escaped literal character
      case '_':   // padding the width of the next character
      case '*':   // repeat the next character
        ++i;
        break;
      case '[': {  // colour, condition, locale ([$-42A]) or elapsed time ([h], [mm], [ss])
        const std::size_t close = code.find(']', i + 1);
        const std::string_view inside =
            code.substr(i + 1, (close == std::string_view::npos ? code.size() : close) - i - 1);
        if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) {
          has_time = true;
        }
        i = close == std::string_view::npos ? code.size() : close;
        break;
      }
      default:
        switch (c) {
          case 'd': case 'D': case 'y': case 'Y': has_day_or_year = true; break;
          case 'm': case 'M': has_m = true; break;
          case 'h': case 'H': case 's': case 'S': has_time = true; break;
          default: break;
        }
    }
  }
  return has_day_or_year || (has_m && !has_time);
}

class Styles {
 public:
  void add_format(std::size_t id, bool is_date) { custom_formats_[id] = is_date; }
  void add_cell_format(std::size_t number_format_id) { cell_formats_.push_back(number_format_id); }

  bool is_date(std::size_t style_index) const {
    if (style_index >= cell_formats_.size()) return false;
    const std::size_t id = cell_formats_[style_index];
    const auto custom = custom_formats_.find(id);
    return custom != custom_formats_.end() ? custom->second : is_builtin_date_format(id);
  }

 private:
  std::map<std::size_t, bool> custom_formats_;  // numFmtId → is a date format
  std::vector<std::size_t> cell_formats_;       // cellXfs index (a cell's s) → numFmtId
};

// xl/styles.xml: <numFmts> defines custom formats; <cellXfs> lists the formats cells refer to.
// <cellStyleXfs> also holds <xf> elements, which cells do not refer to.
class StylesHandler : public XmlHandler {
 public:
  explicit StylesHandler(Styles& out) : out_(out) {}

  void on_start(std::string_view name, const XML_Char** attributes) override {
    if (name == "numFmt") {
      const XML_Char* id = find_attribute(attributes, "numFmtId");
      const XML_Char* code = find_attribute(attributes, "formatCode");
      if (id != nullptr && code != nullptr) {
        if (const auto parsed = parse_index(id)) {
          out_.add_format(*parsed, is_date_format_code(code));
        }
      }
    } else if (name == "cellXfs") {
      in_cell_formats_ = true;
    } else if (name == "xf" && in_cell_formats_) {
      const XML_Char* id = find_attribute(attributes, "numFmtId");
      out_.add_cell_format(id != nullptr ? parse_index(id).value_or(0) : 0);
    }
  }
  void on_end(std::string_view name) override {
    if (name == "cellXfs") in_cell_formats_ = false;
  }

 private:
  Styles& out_;
  bool in_cell_formats_ = false;
};

// ---------------------------------------------------------------------------------------------
// Workbook and relationships

struct WorkbookInfo {
  std::vector<std::string> sheet_relationship_ids;  // in the order the tabs appear
  bool date1904 = false;                            // dates count from 1904 (old Mac Excel)
};

class WorkbookHandler : public XmlHandler {
 public:
  explicit WorkbookHandler(WorkbookInfo& out) : out_(out) {}

  void on_start(std::string_view name, const XML_Char** attributes) override {
    if (name == "sheet") {
      // Each sheet is a part of the archive, so there cannot be more sheets than entries.
      if (out_.sheet_relationship_ids.size() >= kMaxEntries) fail_too_large();
      // r:id; matched by local name since the prefix is the writer's choice.
      if (const XML_Char* id = find_attribute(attributes, "id")) {
        out_.sheet_relationship_ids.emplace_back(id);
      }
    } else if (name == "workbookPr") {
      if (const XML_Char* value = find_attribute(attributes, "date1904")) {
        const std::string_view v(value);
        out_.date1904 = v == "1" || v == "true";
      }
    }
  }
  void on_end(std::string_view) override {}

 private:
  WorkbookInfo& out_;
};

struct Relationship {
  std::string id;
  std::string type;
  std::string target;
};

class RelationshipsHandler : public XmlHandler {
 public:
  explicit RelationshipsHandler(std::vector<Relationship>& out) : out_(out) {}

  void on_start(std::string_view name, const XML_Char** attributes) override {
    if (name != "Relationship") return;
    const XML_Char* id = find_attribute(attributes, "Id");
    const XML_Char* type = find_attribute(attributes, "Type");
    const XML_Char* target = find_attribute(attributes, "Target");
    const XML_Char* mode = find_attribute(attributes, "TargetMode");
    if (id == nullptr || type == nullptr || target == nullptr) return;
    if (mode != nullptr && std::string_view(mode) == "External") return;  // a URL, not a part
    // Internal targets are parts, so more of them than entries is only an attempt to make us
    // hold three strings per tiny element.
    if (out_.size() >= kMaxEntries) fail_too_large();
    out_.push_back({id, type, target});
  }
  void on_end(std::string_view) override {}

 private:
  std::vector<Relationship>& out_;
};

bool has_type(const Relationship& relationship, std::string_view suffix) {
  // Transitional and Strict OOXML use different URIs that end the same way.
  return std::string_view(relationship.type).ends_with(suffix);
}

std::string_view directory_of(std::string_view part) {
  const std::size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : part.substr(0, slash + 1);
}

// "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"
std::string relationships_part(std::string_view part) {
  const std::string_view directory = directory_of(part);
  return std::string(directory) + "_rels/" + std::string(part.substr(directory.size())) + ".rels";
}

// Resolves a relationship target against the directory of the part that declared it; targets
// are relative ("worksheets/sheet1.xml", "../media/x.png") or absolute from the package root.
std::string resolve_target(std::string_view directory, std::string_view target) {
  const std::string joined = target.starts_with('/')
                                 ? std::string(target.substr(1))
                                 : std::string(directory) + std::string(target);
  std::vector<std::string_view> segments;
  std::string_view rest(joined);
  while (!rest.empty()) {
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
      continue;
    }
    segments.push_back(segment);
  }
  std::string path;
  for (const std::string_view segment : segments) {
    if (!path.empty()) path += '/';
    path += segment;
  }
  return path;
}

// ---------------------------------------------------------------------------------------------
// Cell values

// Numbers as a person would type them: integers without ".0", others in the shortest form that
// reads back as the same double. A plain integer is returned verbatim so long identifiers keep
// every digit.
std::string format_number(std::string_view raw) {
  const std::string_view s = trim_xml_space(raw);
  const std::string_view digits = s.starts_with('-') ? s.substr(1) : s;
  if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos) {
    return std::string(s);
  }
  double value = 0;
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || error != std::errc() || end != s.data() + s.size() || !std::isfinite(value)) {
    return std::string(raw);  // not a number after all: keep what the file says
  }
  char buffer[64];
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    const auto [out, e] =
        std::to_chars(buffer, buffer + sizeof buffer, static_cast<long long>(value));
    return std::string(buffer, out);
  }
  const auto [out, e] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, out);
}

// A date-formatted number counts days from the workbook's epoch; it becomes ISO text like every
// calendar date in sotay (docs/decisions/0001). Values below one day are a time of day, not a
// date, and values past 9999-12-31 are not dates Excel can show; both stay numbers.
std::optional<std::string> date_from_serial(std::string_view raw, bool date1904) {
  const std::string_view s = trim_xml_space(raw);
  double value = 0;
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || error != std::errc() || end != s.data() + s.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  if (value < 1 || value > 3'000'000) return std::nullopt;
  const auto serial = static_cast<long long>(std::floor(value));  // drop the time of day
  long long unix_days = 0;
  if (date1904) {
    unix_days = serial - 24'107;  // serial 1 is 1904-01-02
  } else if (serial == 60) {
    // Excel keeps Lotus 1-2-3's bug: 1900 is treated as a leap year, so serial 60 is a
    // 29 February that never was. Show it as Excel does.
    return "1900-02-29";
  } else if (serial < 60) {
    unix_days = serial - 25'568;  // serial 1 is 1900-01-01
  } else {
    unix_days = serial - 25'569;  // the fake leap day shifts later serials by one
  }
  const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{unix_days}}};
  const int year = static_cast<int>(date.year());
  if (year > 9999) return std::nullopt;
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", year, static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()));
  return std::string(buffer);
}

enum class CellType {
  number,
  shared_string,
  inline_string,
  formula_string,
  boolean,
  error,
  date,
  other
};

CellType parse_cell_type(const XML_Char* t) {
  if (t == nullptr) return CellType::number;
  const std::string_view type(t);
  if (type == "n") return CellType::number;
  if (type == "s") return CellType::shared_string;
  if (type == "inlineStr") return CellType::inline_string;
  if (type == "str") return CellType::formula_string;
  if (type == "b") return CellType::boolean;
  if (type == "e") return CellType::error;
  if (type == "d") return CellType::date;  // ISO 8601 text, used by Strict OOXML
  return CellType::other;
}

// Column of a reference like "C7" (0-based), or nothing if it does not start with letters.
std::optional<std::size_t> column_of_reference(std::string_view reference) {
  std::size_t column = 0;
  std::size_t letters = 0;
  for (const char c : reference) {
    if (c >= 'A' && c <= 'Z') {
      column = column * 26 + static_cast<std::size_t>(c - 'A' + 1);
    } else if (c >= 'a' && c <= 'z') {
      column = column * 26 + static_cast<std::size_t>(c - 'a' + 1);
    } else {
      break;
    }
    if (++letters > 3) fail_corrupt();  // Excel stops at XFD
  }
  if (letters == 0) return std::nullopt;
  return column - 1;
}

// ---------------------------------------------------------------------------------------------
// The worksheet

// Builds the table from <sheetData>. Only cells with a value occupy space: Excel writes styled
// but empty cells (a bordered template, a formatted column), which must not widen a row or keep
// trailing empty rows alive.
class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const SharedStrings& strings, const Styles& styles, bool date1904,
               const ReadLimits& limits)
      : strings_(strings),
        styles_(styles),
        date1904_(date1904),
        limits_(limits),
        // Shared strings let a small file name one long text in many cells, and sparse
        // references make many empty slots. A real sheet's XML takes a few dozen bytes per cell,
        // about what the cell costs in memory, so twice the uncompressed allowance stops
        // amplification without refusing real files.
        memory_budget_(saturating_multiply(limits.max_uncompressed_bytes, 2)),
        value_(limits.max_cell_bytes),
        inline_text_(limits.max_cell_bytes) {}

  Table take_table() { return std::move(table_); }

  void on_start(std::string_view name, const XML_Char** attributes) override {
    if (name == "sheetData") {
      in_sheet_data_ = true;
    } else if (!in_sheet_data_) {
      return;
    } else if (name == "row") {
      const XML_Char* r = find_attribute(attributes, "r");
      if (r != nullptr) {
        const auto parsed = parse_index(r);
        if (!parsed || *parsed == 0 || *parsed > kMaxSheetRows) fail_corrupt();
        row_ = *parsed;
      } else {
        row_ = next_row_;
      }
      next_row_ = row_ + 1;
      next_column_ = 0;
    } else if (name == "c") {
      if (row_ == 0) row_ = next_row_++;  // a cell outside any <row>: be lenient
      const XML_Char* r = find_attribute(attributes, "r");
      const auto column = r != nullptr ? column_of_reference(r) : std::nullopt;
      column_ = column.value_or(next_column_);
      type_ = parse_cell_type(find_attribute(attributes, "t"));
      const XML_Char* s = find_attribute(attributes, "s");
      style_ = s != nullptr ? parse_index(s).value_or(0) : 0;
      in_cell_ = true;
      has_inline_ = false;
      value_.clear();
      inline_text_.clear();
    } else if (!in_cell_) {
      return;
    } else if (name == "v") {
      in_value_ = true;
    } else if (name == "is") {
      in_inline_ = true;
      has_inline_ = true;
      phonetic_depth_ = 0;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t") {
      in_inline_text_ = in_inline_ && phonetic_depth_ == 0;
    }
  }

  void on_end(std::string_view name) override {
    if (name == "sheetData") {
      in_sheet_data_ = false;
    } else if (name == "c" && in_cell_) {
      in_cell_ = in_value_ = in_inline_ = in_inline_text_ = false;
      place(row_, column_, cell_text());
      next_column_ = column_ + 1;
    } else if (name == "row") {
      row_ = 0;
    } else if (name == "v") {
      in_value_ = false;
    } else if (name == "is") {
      in_inline_ = in_inline_text_ = false;
    } else if (name == "rPh") {
      if (phonetic_depth_ > 0) --phonetic_depth_;
    } else if (name == "t") {
      in_inline_text_ = false;
    }
  }

  void on_text(std::string_view text) override {
    if (in_value_) {
      value_.append(text);
    } else if (in_inline_text_) {
      inline_text_.append(text);
    }
  }

 private:
  std::string cell_text() const {
    const std::string_view v = value_.raw();
    switch (type_) {
      case CellType::number:
        if (trim_xml_space(v).empty()) return {};
        if (styles_.is_date(style_)) {
          if (auto date = date_from_serial(v, date1904_)) return *date;
        }
        return format_number(v);
      case CellType::shared_string: {
        const auto index = parse_index(v);
        if (!index || *index >= strings_.size()) fail_corrupt();
        return std::string(strings_.get(*index));
      }
      case CellType::inline_string:
        return decode_ooxml_escapes(has_inline_ ? inline_text_.raw() : v);
      case CellType::boolean: {
        const std::string_view b = trim_xml_space(v);
        if (b == "1") return "TRUE";
        if (b == "0") return "FALSE";
        return std::string(b);
      }
      case CellType::error:
        return {};  // #N/A, #DIV/0! … are not data
      case CellType::date: {
        const std::string_view d = trim_xml_space(v);
        return std::string(d.substr(0, d.find('T')));  // keep the date of a date-time
      }
      case CellType::formula_string:
      case CellType::other:
        break;
    }
    return decode_ooxml_escapes(v);
  }

  void charge(std::size_t bytes) {
    if (bytes > memory_budget_) fail_too_large();
    memory_budget_ -= bytes;
  }

  void place(std::size_t row, std::size_t column, std::string value) {
    if (value.empty()) return;
    if (column >= limits_.max_columns) detail::throw_too_many_columns(limits_.max_columns);
    if (row > limits_.max_rows) detail::throw_too_many_rows(limits_.max_rows);
    if (value.size() > limits_.max_cell_bytes) {
      detail::throw_cell_too_long(column, row, limits_.max_cell_bytes);
    }
    if (table_.size() < row) {
      charge(saturating_multiply(row - table_.size(), sizeof(std::vector<std::string>)));
      table_.resize(row);
    }
    auto& cells = table_[row - 1];
    if (cells.size() <= column) {
      charge(saturating_multiply(column + 1 - cells.size(), sizeof(std::string)));
      cells.resize(column + 1);
    }
    charge(value.size());
    cells[column] = std::move(value);
  }

  const SharedStrings& strings_;
  const Styles& styles_;
  const bool date1904_;
  const ReadLimits& limits_;
  std::size_t memory_budget_;
  Table table_;

  bool in_sheet_data_ = false;
  std::size_t row_ = 0;  // 1-based; 0 between rows
  std::size_t next_row_ = 1;
  std::size_t next_column_ = 0;

  bool in_cell_ = false;
  std::size_t column_ = 0;
  CellType type_ = CellType::number;
  std::size_t style_ = 0;
  bool in_value_ = false;
  bool in_inline_ = false;
  bool in_inline_text_ = false;
  bool has_inline_ = false;
  int phonetic_depth_ = 0;
  TextBuffer value_;
  TextBuffer inline_text_;
};

// ---------------------------------------------------------------------------------------------
// Writing

// Cell text as XML can carry it, cut at Excel's cell length so Excel does not reject the file.
std::string cell_text_for_xml(std::string_view text) {
  std::string clean = detail::strip_xml_illegal(text);
  std::size_t units = 0;
  for (std::size_t pos = 0; pos < clean.size();) {
    char32_t c = 0;
    const std::size_t length = detail::decode_utf8(clean, pos, c);  // valid after stripping
    units += c >= 0x10000 ? 2 : 1;
    if (units > kMaxCellUtf16Units) {
      clean.resize(pos);
      break;
    }
    pos += length;
  }
  return clean;
}

// Excel's rules for tab names: no []:*?/\ or control characters, no leading or trailing
// apostrophe, at most 31 characters, not empty and not the reserved "History".
std::string clean_sheet_name(std::string_view requested) {
  const std::string text = detail::strip_xml_illegal(requested);
  std::string name;
  std::size_t units = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    char32_t c = 0;
    const std::size_t length = detail::decode_utf8(text, pos, c);
    const std::string_view piece = std::string_view(text).substr(pos, length);
    pos += length;
    if (c < 0x20) continue;
    const std::size_t piece_units = c >= 0x10000 ? 2 : 1;
    if (units + piece_units > kMaxSheetNameUtf16Units) break;
    units += piece_units;
    if (c < 0x80 &&
        std::string_view("[]:*?/\\").find(static_cast<char>(c)) != std::string_view::npos) {
      name += '_';
    } else {
      name.append(piece);
    }
  }
  while (!name.empty() && name.front() == '\'') name.erase(0, 1);
  while (!name.empty() && name.back() == '\'') name.pop_back();
  std::string lowered = name;
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](char ch) { return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch + 32) : ch; });
  if (name.empty() || lowered == "history") return "Sheet1";
  return name;
}

// Column width in characters: the longest text in the column plus a margin, within bounds, so
// names and addresses are readable when the file is opened without resizing anything.
std::vector<std::size_t> column_widths(const Table& table, std::size_t columns) {
  constexpr std::size_t kMinWidth = 12;  // Excel's default is 8.43
  constexpr std::size_t kMaxWidth = 60;
  constexpr std::size_t kMargin = 2;
  std::vector<std::size_t> widths(columns, kMinWidth);
  for (const auto& row : table) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      std::size_t characters = 0;
      for (const char c : row[i]) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++characters;  // count lead bytes
      }
      widths[i] = std::max(widths[i], std::min(characters + kMargin, kMaxWidth));
    }
  }
  return widths;
}

constexpr std::string_view kXmlDeclaration =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr std::string_view kMainNamespace =
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kRelationshipsNamespace =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view kPackageRelationshipsNamespace =
    "http://schemas.openxmlformats.org/package/2006/relationships";

// Joins pieces in one allocation. (Chains of std::string operator+ also trip a GCC 12
// -Warray-bounds false positive.)
std::string concat(std::initializer_list<std::string_view> pieces) {
  std::size_t size = 0;
  for (const std::string_view piece : pieces) size += piece.size();
  std::string out;
  out.reserve(size);
  for (const std::string_view piece : pieces) out.append(piece);
  return out;
}

std::string content_types_xml() {
  return concat({
      kXmlDeclaration,
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" "
      "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
      "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
      "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/"
      "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
      "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/"
      "vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
      "</Types>",
  });
}

std::string root_relationships_xml() {
  return concat({
      kXmlDeclaration, "<Relationships xmlns=\"", kPackageRelationshipsNamespace, "\">",
      "<Relationship Id=\"rId1\" Type=\"", kRelationshipsNamespace,
      "/officeDocument\" Target=\"xl/workbook.xml\"/>", "</Relationships>",
  });
}

std::string workbook_xml(std::string_view sheet_name) {
  std::string escaped_name;
  detail::append_xml_escaped(escaped_name, sheet_name);
  return concat({
      kXmlDeclaration, "<workbook xmlns=\"", kMainNamespace, "\" xmlns:r=\"",
      kRelationshipsNamespace, "\">", "<bookViews><workbookView/></bookViews>",
      "<sheets><sheet name=\"", escaped_name, "\" sheetId=\"1\" r:id=\"rId1\"/></sheets>",
      "</workbook>",
  });
}

std::string workbook_relationships_xml() {
  return concat({
      kXmlDeclaration, "<Relationships xmlns=\"", kPackageRelationshipsNamespace, "\">",
      "<Relationship Id=\"rId1\" Type=\"", kRelationshipsNamespace,
      "/worksheet\" Target=\"worksheets/sheet1.xml\"/>",
      "<Relationship Id=\"rId2\" Type=\"", kRelationshipsNamespace,
      "/styles\" Target=\"styles.xml\"/>", "</Relationships>",
  });
}

// Style 0 is the default; style 1 (font 1) is bold, for the header row. Excel requires the two
// fills, the border and the cell style even when nothing uses them.
std::string styles_xml() {
  return concat({
      kXmlDeclaration, "<styleSheet xmlns=\"", kMainNamespace, "\">",
      "<fonts count=\"2\">"
      "<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
      "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
      "</fonts>"
      "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
      "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
      "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border>"
      "</borders>"
      "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
      "</cellStyleXfs>"
      "<cellXfs count=\"2\">"
      "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
      "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
      "</cellXfs>"
      "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>"
      "</cellStyles>"
      "</styleSheet>",
  });
}

std::string sheet_xml(const Table& table, std::size_t columns) {
  std::string xml = concat({kXmlDeclaration, "<worksheet xmlns=\"", kMainNamespace,
                            "\" xmlns:r=\"", kRelationshipsNamespace, "\">"});
  if (!table.empty() && columns > 0) {
    xml += "<dimension ref=\"A1:";
    xml += detail::cell_name(columns - 1, table.size());
    xml += "\"/>";
    // The header stays visible while scrolling through a long member list.
    xml += "<sheetViews><sheetView workbookViewId=\"0\">"
           "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
           "</sheetView></sheetViews>";
  }
  xml += "<sheetFormatPr defaultRowHeight=\"15\"/>";
  if (columns > 0) {
    xml += "<cols>";
    const std::vector<std::size_t> widths = column_widths(table, columns);
    for (std::size_t i = 0; i < columns; ++i) {
      const std::string n = std::to_string(i + 1);
      xml += concat({"<col min=\"", n, "\" max=\"", n, "\" width=\"", std::to_string(widths[i]),
                     "\" customWidth=\"1\"/>"});
    }
    xml += "</cols>";
  }
  xml += "<sheetData>";
  std::string row_xml;
  for (std::size_t r = 0; r < table.size(); ++r) {
    const std::string row_number = std::to_string(r + 1);
    row_xml.clear();
    for (std::size_t c = 0; c < table[r].size(); ++c) {
      const std::string text = cell_text_for_xml(table[r][c]);
      if (text.empty()) continue;  // a missing cell reads back as "" anyway
      // Without xml:space="preserve" spreadsheets may drop leading and trailing whitespace; Excel
      // itself marks only such texts, which keeps big sheets noticeably smaller.
      const bool preserve = is_xml_space(text.front()) || is_xml_space(text.back());
      row_xml += concat({"<c r=\"", detail::column_name(c), row_number, "\"",
                         r == 0 ? " s=\"1\"" : "", " t=\"inlineStr\"><is>",
                         preserve ? "<t xml:space=\"preserve\">" : "<t>"});
      detail::append_xml_escaped(row_xml, text);
      row_xml += "</t></is></c>";
    }
    if (row_xml.empty()) continue;
    xml += concat({"<row r=\"", row_number, "\">", row_xml, "</row>"});
  }
  xml += "</sheetData></worksheet>";
  return xml;
}

}  // namespace

namespace {

Table read_package(std::string_view data, const ReadLimits& limits) {
  detail::PackageLimits package_limits;
  package_limits.max_entries = kMaxEntries;
  package_limits.max_total_uncompressed = limits.max_uncompressed_bytes;
  ZipPackage archive = ZipPackage::from_buffer(data, package_limits);

  // The package root says where the workbook is; virtually always xl/workbook.xml.
  std::string workbook_part = "xl/workbook.xml";
  if (const auto index = archive.find("_rels/.rels")) {
    std::vector<Relationship> relationships;
    RelationshipsHandler handler(relationships);
    archive.parse(*index, handler);
    for (const Relationship& relationship : relationships) {
      if (has_type(relationship, "/officeDocument")) {
        workbook_part = resolve_target("", relationship.target);
        break;
      }
    }
  }
  const std::string directory(directory_of(workbook_part));

  WorkbookInfo workbook;
  std::string sheet_part;
  std::string strings_part = directory + "sharedStrings.xml";
  std::string styles_part = directory + "styles.xml";
  if (const auto index = archive.find(workbook_part)) {
    WorkbookHandler handler(workbook);
    archive.parse(*index, handler);
    if (const auto rels_index = archive.find(relationships_part(workbook_part))) {
      std::vector<Relationship> relationships;
      RelationshipsHandler handler(relationships);
      archive.parse(*rels_index, handler);
      for (const Relationship& relationship : relationships) {
        if (has_type(relationship, "/sharedStrings")) {
          strings_part = resolve_target(directory, relationship.target);
        } else if (has_type(relationship, "/styles")) {
          styles_part = resolve_target(directory, relationship.target);
        }
      }
      // The first tab that is a worksheet (a chart sheet has no cells).
      for (const std::string& id : workbook.sheet_relationship_ids) {
        const auto found = std::find_if(relationships.begin(), relationships.end(),
                                        [&](const Relationship& r) { return r.id == id; });
        if (found != relationships.end() && has_type(*found, "/worksheet")) {
          sheet_part = resolve_target(directory, found->target);
          break;
        }
      }
    }
  }
  if (sheet_part.empty()) sheet_part = directory + "worksheets/sheet1.xml";
  const auto sheet_index = archive.find(sheet_part);
  if (!sheet_index) fail_corrupt();

  Styles styles;
  if (const auto index = archive.find(styles_part)) {
    StylesHandler handler(styles);
    archive.parse(*index, handler);
  }
  SharedStrings strings;
  if (const auto index = archive.find(strings_part)) {
    SharedStringsHandler handler(strings, limits.max_cell_bytes);
    archive.parse(*index, handler);
  }
  SheetHandler sheet(strings, styles, workbook.date1904, limits);
  archive.parse(*sheet_index, sheet);
  return sheet.take_table();
}

}  // namespace

Table read_xlsx(std::string_view data, const ReadLimits& limits) {
  if (data.starts_with(kOleMagic)) fail_encrypted();
  try {
    return read_package(data, limits);
  } catch (const PackageError& e) {
    switch (e.problem()) {
      case PackageProblem::too_large: fail_too_large();
      case PackageProblem::encrypted: fail_encrypted();
      case PackageProblem::corrupt: break;
    }
    fail_corrupt();
  }
}

std::string write_xlsx(const Table& table, std::string_view sheet_name) {
  std::size_t columns = 0;
  for (const auto& row : table) columns = std::max(columns, row.size());
  if (table.size() > kMaxSheetRows || columns > kMaxSheetColumns) {
    throw TableError(std::string(kTooBigToWriteMessage));
  }
  // [Content_Types].xml first, as Office writes it; some readers sniff for it there.
  return detail::build_zip({
      {"[Content_Types].xml", content_types_xml()},
      {"_rels/.rels", root_relationships_xml()},
      {"xl/workbook.xml", workbook_xml(clean_sheet_name(sheet_name))},
      {"xl/_rels/workbook.xml.rels", workbook_relationships_xml()},
      {"xl/styles.xml", styles_xml()},
      {"xl/worksheets/sheet1.xml", sheet_xml(table, columns)},
  });
}

}  // namespace sotay::io
