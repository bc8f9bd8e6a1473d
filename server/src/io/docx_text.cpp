// DOCX text: word/numbering.xml and word/styles.xml are read first for automatic numbering,
// then word/document.xml is streamed through expat (io/ooxml_reader), which guards against zip
// bombs and DTDs. Only the three parts are ever inflated.
#include "io/docx_text.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "io/ooxml_reader.h"
#include "io/utf8.h"

namespace sotay::io {
namespace {

using detail::find_attribute;
using detail::PackageError;
using detail::PackageProblem;
using detail::XmlHandler;
using detail::ZipPackage;

constexpr const char* kCorrupt = "Tệp Word bị hỏng hoặc không đúng định dạng .docx.";
constexpr const char* kTooLarge = "Tệp Word không hợp lệ hoặc quá lớn.";
constexpr const char* kEncrypted =
    "Tệp Word có mật khẩu, không đọc được. Hãy gỡ mật khẩu rồi tải lên lại.";
constexpr const char* kOleFile =
    "Tệp Word có mật khẩu hoặc ở định dạng .doc cũ. Hãy mở bằng Word, gỡ mật khẩu nếu có, "
    "lưu thành .docx rồi tải lên lại.";
constexpr const char* kNotDocx = "Tệp này không phải văn bản Word (.docx).";

// Word saves a password-protected document (and every .doc) as an OLE compound file.
constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0";
constexpr std::string_view kZipMagic = "PK";

// A 1,000-page document is a few MB of XML; 50 MB is far beyond any real part.
constexpr std::uint64_t kMaxPartBytes = 50u << 20;
// Images and embedded files count against this although they are never inflated.
constexpr std::uint64_t kMaxDeclaredBytes = 1ull << 30;
// Numbering and style definitions: real documents have dozens, bloated ones thousands.
constexpr std::size_t kMaxDefinitions = 50'000;
constexpr int kLevels = 9;  // ilvl 0..8
constexpr int kMaxStyleChain = 16;

std::optional<int> parse_int(const XML_Char* value) {
  if (value == nullptr) return std::nullopt;
  const std::string_view s(value);
  int out = 0;
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (s.empty() || error != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return out;
}

std::optional<int> parse_level(const XML_Char* value) {
  const auto level = parse_int(value);
  if (!level || *level < 0 || *level >= kLevels) return std::nullopt;
  return level;
}

// "true" unless w:val says otherwise (OOXML on/off properties).
bool on_off(const XML_Char** attributes) {
  const XML_Char* value = find_attribute(attributes, "val");
  if (value == nullptr) return true;
  const std::string_view v(value);
  return !(v == "0" || v == "false" || v == "off");
}

// Open elements as small codes, so a handler can ask what encloses the current one.
template <typename Tag>
class ElementStack {
 public:
  void push(Tag tag) { tags_.push_back(tag); }
  Tag pop() {
    const Tag tag = tags_.back();
    tags_.pop_back();
    return tag;
  }
  // parent(0) is the innermost open element.
  Tag parent(std::size_t up = 0) const {
    return up < tags_.size() ? tags_[tags_.size() - 1 - up] : Tag::other;
  }

 private:
  std::vector<Tag> tags_;
};

// ---- Numbering definitions --------------------------------------------------------------------

enum class NumberFormat { decimal, decimal_zero, upper_roman, lower_roman, upper_letter,
                          lower_letter, bullet, none };

NumberFormat parse_format(std::string_view value) {
  if (value == "decimalZero") return NumberFormat::decimal_zero;
  if (value == "upperRoman") return NumberFormat::upper_roman;
  if (value == "lowerRoman") return NumberFormat::lower_roman;
  if (value == "upperLetter") return NumberFormat::upper_letter;
  if (value == "lowerLetter") return NumberFormat::lower_letter;
  if (value == "bullet") return NumberFormat::bullet;
  if (value == "none") return NumberFormat::none;
  return NumberFormat::decimal;  // decimal and the many rarer formats
}

struct Level {
  int start = 1;  // Word always writes w:start; 1 is what it means when absent in practice
  NumberFormat format = NumberFormat::decimal;
  std::string text;          // w:lvlText, e.g. "Điều %1." or "%1.%2."
  std::string suffix = " ";  // after the number: a tab or a space in Word, written as a space
  bool legal = false;        // w:isLgl: every level shown as decimal
};

struct AbstractNumbering {
  std::map<int, Level> levels;
};

struct Numbering {
  std::string abstract_id;
  std::map<int, int> start_overrides;  // level → start
};

struct StyleNumbering {
  std::string based_on;
  std::optional<std::string> num_id;
  std::optional<int> level;
};

struct NumberingModel {
  std::map<std::string, AbstractNumbering> abstracts;
  std::map<std::string, Numbering> nums;
  std::map<std::string, StyleNumbering> styles;
  std::string default_style;
};

void check_definitions(std::size_t count) {
  if (count >= kMaxDefinitions) throw PackageError(PackageProblem::too_large);
}

// word/numbering.xml
class NumberingHandler : public XmlHandler {
 public:
  explicit NumberingHandler(NumberingModel& out) : out_(out) {}

  void on_start(std::string_view name, const XML_Char** attributes) override {
    const Tag parent = stack_.parent();
    Tag tag = Tag::other;
    if (name == "abstractNum") {
      tag = Tag::abstract_num;
      const XML_Char* id = find_attribute(attributes, "abstractNumId");
      check_definitions(out_.abstracts.size());
      abstract_ = id != nullptr ? &out_.abstracts[id] : nullptr;
    } else if (name == "num") {
      tag = Tag::num;
      const XML_Char* id = find_attribute(attributes, "numId");
      check_definitions(out_.nums.size());
      num_ = id != nullptr ? &out_.nums[id] : nullptr;
    } else if (name == "lvl" && parent == Tag::abstract_num && abstract_ != nullptr) {
      tag = Tag::lvl;
      const auto level = parse_level(find_attribute(attributes, "ilvl"));
      level_ = level ? &abstract_->levels[*level] : nullptr;
    } else if (parent == Tag::lvl && level_ != nullptr) {
      const XML_Char* value = find_attribute(attributes, "val");
      if (name == "start") {
        if (const auto start = parse_int(value)) level_->start = *start;
      } else if (name == "numFmt" && value != nullptr) {
        level_->format = parse_format(value);
      } else if (name == "lvlText" && value != nullptr) {
        level_->text = value;
      } else if (name == "suff" && value != nullptr) {
        level_->suffix = std::string_view(value) == "nothing" ? "" : " ";
      } else if (name == "isLgl") {
        level_->legal = on_off(attributes);
      }
    } else if (name == "abstractNumId" && parent == Tag::num && num_ != nullptr) {
      if (const XML_Char* value = find_attribute(attributes, "val")) num_->abstract_id = value;
    } else if (name == "lvlOverride" && parent == Tag::num && num_ != nullptr) {
      tag = Tag::lvl_override;
      override_level_ = parse_level(find_attribute(attributes, "ilvl"));
    } else if (name == "startOverride" && parent == Tag::lvl_override && num_ != nullptr &&
               override_level_) {
      if (const auto start = parse_int(find_attribute(attributes, "val"))) {
        num_->start_overrides[*override_level_] = *start;
      }
    }
    stack_.push(tag);
  }

  void on_end(std::string_view) override {
    switch (stack_.pop()) {
      case Tag::abstract_num: abstract_ = nullptr; break;
      case Tag::num: num_ = nullptr; break;
      case Tag::lvl: level_ = nullptr; break;
      default: break;
    }
  }

 private:
  enum class Tag : unsigned char { other, abstract_num, num, lvl, lvl_override };
  NumberingModel& out_;
  ElementStack<Tag> stack_;
  AbstractNumbering* abstract_ = nullptr;
  Numbering* num_ = nullptr;
  Level* level_ = nullptr;
  std::optional<int> override_level_;
};

// word/styles.xml: paragraph styles that carry numbering (headings such as "Điều 1." often do).
class StylesHandler : public XmlHandler {
 public:
  explicit StylesHandler(NumberingModel& out) : out_(out) {}

  void on_start(std::string_view name, const XML_Char** attributes) override {
    const Tag parent = stack_.parent();
    Tag tag = Tag::other;
    if (name == "style") {
      tag = Tag::style;
      const XML_Char* type = find_attribute(attributes, "type");
      const XML_Char* id = find_attribute(attributes, "styleId");
      style_ = nullptr;
      if (id != nullptr && (type == nullptr || std::string_view(type) == "paragraph")) {
        check_definitions(out_.styles.size());
        style_ = &out_.styles[id];
        const XML_Char* is_default = find_attribute(attributes, "default");
        if (is_default != nullptr &&
            (std::string_view(is_default) == "1" || std::string_view(is_default) == "true")) {
          out_.default_style = id;
        }
      }
    } else if (style_ != nullptr && parent == Tag::style && name == "basedOn") {
      if (const XML_Char* value = find_attribute(attributes, "val")) style_->based_on = value;
    } else if (style_ != nullptr && parent == Tag::style && name == "pPr") {
      tag = Tag::ppr;
    } else if (style_ != nullptr && parent == Tag::ppr && name == "numPr") {
      tag = Tag::num_pr;
    } else if (style_ != nullptr && parent == Tag::num_pr) {
      const XML_Char* value = find_attribute(attributes, "val");
      if (name == "numId" && value != nullptr) style_->num_id = value;
      if (name == "ilvl") style_->level = parse_level(value);
    }
    stack_.push(tag);
  }

  void on_end(std::string_view) override {
    if (stack_.pop() == Tag::style) style_ = nullptr;
  }

 private:
  enum class Tag : unsigned char { other, style, ppr, num_pr };
  NumberingModel& out_;
  ElementStack<Tag> stack_;
  StyleNumbering* style_ = nullptr;
};

// ---- Numbers as text --------------------------------------------------------------------------

std::string roman(int n, bool upper) {
  static constexpr std::array<std::pair<int, const char*>, 13> kTable{{{1000, "m"}, {900, "cm"},
      {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"},
      {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}}};
  std::string out;
  for (const auto& [value, digits] : kTable) {
    for (; n >= value; n -= value) out += digits;
  }
  if (upper) {
    for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string format_number(int n, NumberFormat format) {
  switch (format) {
    case NumberFormat::none:
    case NumberFormat::bullet: return {};
    case NumberFormat::decimal_zero:
      return n >= 0 && n < 10 ? "0" + std::to_string(n) : std::to_string(n);
    case NumberFormat::upper_roman:
    case NumberFormat::lower_roman:
      if (n >= 1 && n < 4000) return roman(n, format == NumberFormat::upper_roman);
      break;
    case NumberFormat::upper_letter:
    case NumberFormat::lower_letter:
      // a … z, then aa … zz, then aaa …: Word repeats the letter.
      if (n >= 1 && n <= 26 * 4) {
        const char letter = static_cast<char>(
            (format == NumberFormat::upper_letter ? 'A' : 'a') + (n - 1) % 26);
        return std::string(static_cast<std::size_t>((n - 1) / 26 + 1), letter);
      }
      break;
    case NumberFormat::decimal: break;
  }
  return std::to_string(n);
}

// Symbol and Wingdings bullets are private-use code points (U+F0xx) that mean nothing as text.
std::string bullet_text(std::string_view level_text) {
  std::size_t pos = 0;
  while (pos < level_text.size()) {
    char32_t c = 0;
    const std::size_t length = detail::decode_utf8(level_text, pos, c);
    if (length == 0 || (c >= 0xE000 && c <= 0xF8FF)) return "•";
    pos += length;
  }
  return level_text.empty() ? std::string("•") : std::string(level_text);
}

class Numberer {
 public:
  explicit Numberer(const NumberingModel& model) : model_(model) {}

  // The number of a paragraph as Word would show it, including the space after it; advances
  // the list's counters.
  std::string label(std::optional<std::string> num_id, std::optional<int> level,
                    const std::string& style) {
    resolve_style(style.empty() ? model_.default_style : style, num_id, level);
    if (!num_id || *num_id == "0") return {};  // numId 0 removes a style's numbering
    const auto num = model_.nums.find(*num_id);
    if (num == model_.nums.end()) return {};
    const auto abstract = model_.abstracts.find(num->second.abstract_id);
    if (abstract == model_.abstracts.end()) return {};
    const int ilvl = level.value_or(0);

    // Lists that share a definition continue each other's numbering unless one restarts it.
    const std::string key = num->second.start_overrides.empty() ? "a" + abstract->first
                                                                : "n" + *num_id;
    Counters& counters = counters_[key];
    const auto start_of = [&](int l) {
      const auto override = num->second.start_overrides.find(l);
      if (override != num->second.start_overrides.end()) return override->second;
      const auto found = abstract->second.levels.find(l);
      return found != abstract->second.levels.end() ? found->second.start : 1;
    };
    if (counters.started[ilvl]) {
      if (counters.value[ilvl] < 1'000'000'000) ++counters.value[ilvl];
    } else {
      counters.started[ilvl] = true;
      counters.value[ilvl] = start_of(ilvl);
    }
    for (int deeper = ilvl + 1; deeper < kLevels; ++deeper) counters.started[deeper] = false;

    const auto found = abstract->second.levels.find(ilvl);
    if (found == abstract->second.levels.end()) return {};
    const Level& definition = found->second;
    if (definition.format == NumberFormat::none && definition.text.empty()) return {};
    std::string out;
    if (definition.format == NumberFormat::bullet) {
      out = bullet_text(definition.text);
    } else {
      const std::string& text = definition.text;
      for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
          const int l = text[i + 1] - '1';
          const int value = counters.started[l] ? counters.value[l] : start_of(l);
          const auto level_definition = abstract->second.levels.find(l);
          const NumberFormat format =
              definition.legal || level_definition == abstract->second.levels.end()
                  ? NumberFormat::decimal
                  : level_definition->second.format;
          out += format_number(value, format);
          ++i;
        } else {
          out += text[i];
        }
      }
    }
    if (!out.empty()) out += definition.suffix;
    return out;
  }

 private:
  struct Counters {
    std::array<int, kLevels> value{};
    std::array<bool, kLevels> started{};
  };

  // What the paragraph does not say itself comes from its style, or the style it is based on.
  void resolve_style(const std::string& style, std::optional<std::string>& num_id,
                     std::optional<int>& level) const {
    std::string current = style;
    for (int hop = 0; hop < kMaxStyleChain && !current.empty() && (!num_id || !level); ++hop) {
      const auto found = model_.styles.find(current);
      if (found == model_.styles.end()) break;
      if (!num_id) num_id = found->second.num_id;
      if (!level) level = found->second.level;
      current = found->second.based_on;
    }
  }

  const NumberingModel& model_;
  std::map<std::string, Counters> counters_;
};

// ---- The document -----------------------------------------------------------------------------

// word/document.xml → text.
class DocumentHandler : public XmlHandler {
 public:
  explicit DocumentHandler(const NumberingModel& numbering) : numberer_(numbering) {}

  void on_start(std::string_view name, const XML_Char** attributes) override {
    const Tag tag = classify(name);
    const Tag parent = stack_.parent();
    stack_.push(tag);
    if (tag == Tag::skipped) ++skipped_;
    if (skipped_ > 0) return;
    switch (tag) {
      case Tag::p: paragraphs_.emplace_back(); break;
      case Tag::r: hidden_run_ = false; break;
      case Tag::t: in_text_ = parent == Tag::r; break;
      case Tag::tbl: tables_.emplace_back(); break;
      case Tag::tr:
        if (!tables_.empty()) tables_.back().cells.clear();
        break;
      case Tag::tc:
        if (!tables_.empty()) {
          tables_.back().in_cell = true;
          tables_.back().cell.clear();
        }
        break;
      case Tag::other: on_other(name, attributes, parent); break;
      default: break;
    }
  }

  void on_end(std::string_view) override {
    const Tag tag = stack_.pop();
    if (tag == Tag::skipped) {
      --skipped_;
      return;
    }
    if (skipped_ > 0) return;
    switch (tag) {
      case Tag::p: end_paragraph(); break;
      case Tag::t: in_text_ = false; break;
      case Tag::tc:
        if (!tables_.empty()) {
          Table& table = tables_.back();
          table.cells.push_back(std::move(table.cell));
          table.cell.clear();
          table.in_cell = false;
        }
        break;
      case Tag::tr:
        if (!tables_.empty()) {
          std::vector<std::string> cells = std::move(tables_.back().cells);
          tables_.back().cells.clear();
          while (!cells.empty() && cells.back().empty()) cells.pop_back();
          std::string line;
          for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i > 0) line += '\t';
            line += cells[i];
          }
          emit(std::move(line));
        }
        break;
      case Tag::tbl:
        if (!tables_.empty()) tables_.pop_back();
        break;
      default: break;
    }
  }

  void on_text(std::string_view text) override {
    if (in_text_ && skipped_ == 0 && !hidden_run_ && !paragraphs_.empty()) {
      paragraphs_.back().text.append(text);
    }
  }

  std::string take_text() {
    while (!text_.empty() && text_.back() == '\n') text_.pop_back();
    return std::move(text_);
  }

 private:
  enum class Tag : unsigned char {
    other, p, ppr, num_pr, r, rpr, t, tbl, tr, tc,
    skipped,  // content left out, with everything inside it
  };

  struct Paragraph {
    std::string text;
    std::optional<std::string> num_id;
    std::optional<int> level;
    std::string style;
  };

  struct Table {
    std::vector<std::string> cells;  // of the current row
    std::string cell;
    bool in_cell = false;
  };

  static Tag classify(std::string_view name) {
    if (name == "p") return Tag::p;
    if (name == "pPr") return Tag::ppr;
    if (name == "numPr") return Tag::num_pr;
    if (name == "r") return Tag::r;
    if (name == "rPr") return Tag::rpr;
    if (name == "t") return Tag::t;
    if (name == "tbl") return Tag::tbl;
    if (name == "tr") return Tag::tr;
    if (name == "tc") return Tag::tc;
    // Markup compatibility: a text box is stored twice (mc:Choice and mc:Fallback); deleted and
    // moved-away text of tracked changes; the previous formatting kept by a tracked change.
    if (name == "Fallback" || name == "del" || name == "moveFrom" || name == "pPrChange" ||
        name == "rPrChange" || name == "numberingChange") {
      return Tag::skipped;
    }
    return Tag::other;
  }

  void on_other(std::string_view name, const XML_Char** attributes, Tag parent) {
    if (parent == Tag::r) {
      Paragraph* paragraph = paragraphs_.empty() ? nullptr : &paragraphs_.back();
      if (paragraph == nullptr || hidden_run_) return;
      if (name == "tab") {
        paragraph->text += '\t';
      } else if (name == "br" || name == "cr") {
        paragraph->text += '\n';
      } else if (name == "noBreakHyphen") {
        paragraph->text += '-';
      }
    } else if (parent == Tag::rpr && stack_.parent(2) == Tag::r) {
      if (name == "vanish") hidden_run_ = on_off(attributes);
    } else if (parent == Tag::ppr && stack_.parent(2) == Tag::p && !paragraphs_.empty()) {
      if (name == "pStyle") {
        const XML_Char* value = find_attribute(attributes, "val");
        paragraphs_.back().style = value != nullptr ? value : "";
      }
    } else if (parent == Tag::num_pr && stack_.parent(2) == Tag::ppr &&
               stack_.parent(3) == Tag::p && !paragraphs_.empty()) {
      const XML_Char* value = find_attribute(attributes, "val");
      if (name == "numId" && value != nullptr) paragraphs_.back().num_id = value;
      if (name == "ilvl") paragraphs_.back().level = parse_level(value);
    }
  }

  void end_paragraph() {
    if (paragraphs_.empty()) return;
    Paragraph paragraph = std::move(paragraphs_.back());
    paragraphs_.pop_back();
    std::string line = numberer_.label(std::move(paragraph.num_id), paragraph.level,
                                       paragraph.style);
    line += paragraph.text;
    emit(std::move(line));
  }

  // A line goes into the table cell being read, or into the text.
  void emit(std::string line) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
    if (!tables_.empty() && tables_.back().in_cell) {
      if (line.empty()) return;
      std::string& cell = tables_.back().cell;
      if (!cell.empty()) cell += ' ';
      cell += line;
      return;
    }
    if (line.empty()) {
      // Runs of empty paragraphs (Word's spacing) become one empty line.
      if (!text_.empty() && !text_.ends_with("\n\n")) text_ += '\n';
      return;
    }
    text_ += line;
    text_ += '\n';
  }

  Numberer numberer_;
  ElementStack<Tag> stack_;
  std::vector<Paragraph> paragraphs_;  // nested: a text box's paragraphs sit inside a run
  std::vector<Table> tables_;
  std::string text_;
  int skipped_ = 0;
  bool in_text_ = false;
  bool hidden_run_ = false;
};

[[noreturn]] void fail(const char* message) { throw ExtractError(message); }

std::string read_head(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string head(8, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head;
}

ExtractedText extract(const std::string& path, const ExtractOptions& options) {
  detail::PackageLimits limits;
  limits.max_total_uncompressed = kMaxDeclaredBytes;
  ZipPackage package = ZipPackage::from_file(path, limits);
  const auto document = package.find("word/document.xml");
  if (!document) fail(kNotDocx);

  const std::function<void()> check_cancelled = [&] {
    if (options.cancelled && options.cancelled()) throw ExtractCancelled();
  };
  NumberingModel numbering;
  if (const auto index = package.find("word/numbering.xml")) {
    NumberingHandler handler(numbering);
    package.parse(*index, handler, kMaxPartBytes, check_cancelled);
  }
  if (const auto index = package.find("word/styles.xml")) {
    StylesHandler handler(numbering);
    package.parse(*index, handler, kMaxPartBytes, check_cancelled);
  }
  DocumentHandler handler(numbering);
  package.parse(*document, handler, kMaxPartBytes, check_cancelled);

  ExtractedText result;
  result.text = handler.take_text();
  if (options.on_progress) options.on_progress({1, 1});
  return result;
}

}  // namespace

ExtractedText extract_docx_text(const std::string& path, const ExtractOptions& options) {
  const std::string head = read_head(path);
  if (head.starts_with(kOleMagic)) fail(kOleFile);
  if (!head.starts_with(kZipMagic)) fail(kNotDocx);
  if (options.cancelled && options.cancelled()) throw ExtractCancelled();
  if (options.on_progress) options.on_progress({0, 1});
  try {
    return extract(path, options);
  } catch (const PackageError& e) {
    switch (e.problem()) {
      case PackageProblem::too_large: fail(kTooLarge);
      case PackageProblem::encrypted: fail(kEncrypted);
      case PackageProblem::corrupt: break;
    }
    fail(kCorrupt);
  }
}

}  // namespace sotay::io
