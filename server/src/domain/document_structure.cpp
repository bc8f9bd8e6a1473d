#include "domain/document_structure.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>

#include "search/normalizer.h"

namespace sotay::documents {

const char* section_kind_name(SectionKind kind) {
  switch (kind) {
    case SectionKind::preamble: return "preamble";
    case SectionKind::phan: return "phan";
    case SectionKind::chuong: return "chuong";
    case SectionKind::muc: return "muc";
    case SectionKind::dieu: return "dieu";
    case SectionKind::khoan: return "khoan";
    case SectionKind::diem: return "diem";
    case SectionKind::point: return "point";
  }
  return "preamble";
}

namespace {

// ---------------------------------------------------------------------------------------------
// Characters and lines

constexpr std::string_view kNbsp = "\xC2\xA0";  // PDF extraction and Word both like it
constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Removes the blanks at the front, including no-break spaces; false when there are none (so
// "Điều5" is not a heading).
bool skip_blanks(std::string_view& s) {
  std::size_t before = s.size();
  for (;;) {
    if (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
    else if (s.starts_with(kNbsp)) s.remove_prefix(kNbsp.size());
    else break;
  }
  return s.size() < before;
}

// Blanks at either end never carry meaning here.
std::string_view trim(std::string_view s) {
  skip_blanks(s);
  for (;;) {
    if (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
    else if (s.ends_with(kNbsp)) s.remove_suffix(kNbsp.size());
    else break;
  }
  return s;
}

// The first code point of `s`, or a negative value for an ill-formed sequence or empty text.
UChar32 first_code_point(std::string_view s) {
  if (s.empty()) return -1;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(std::min<std::size_t>(s.size(), 8)), c);
  return c;
}

bool starts_lowercase(std::string_view s) {
  UChar32 c = first_code_point(s);
  return c >= 0 && u_islower(c);
}

bool starts_uppercase(std::string_view s) {
  UChar32 c = first_code_point(s);
  return c >= 0 && (u_isupper(c) || u_istitle(c));
}

// Chapter titles are set in capitals and often wrap over two or three lines; a line with no
// lowercase letter (but some letter) continues such a title.
bool is_all_caps_text(std::string_view s) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  auto length = static_cast<int32_t>(std::min<std::size_t>(s.size(), INT32_MAX));
  bool letter = false;
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) continue;
    if (u_islower(c)) return false;
    if (u_isalpha(c)) letter = true;
  }
  return letter;
}

// The leading word: letters and combining marks up to a blank, digit or ASCII punctuation.
std::string_view leading_word(std::string_view s) {
  std::size_t end = 0;
  while (end < s.size()) {
    auto c = static_cast<unsigned char>(s[end]);
    if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) break;
    if (s.substr(end).starts_with(kNbsp)) break;
    ++end;
  }
  return s.substr(0, end);
}

// ---------------------------------------------------------------------------------------------
// Keywords: Phần, Chương, Mục, Điều — in any case, precomposed or with combining marks, and with
// the look-alike Ð (U+00D0, Icelandic eth) that PDF fonts sometimes produce for Đ.

// Lowercases per code point through a small buffer. Empty when the word is too long to be ours
// or is not well-formed UTF-8.
std::string lower_word(std::string_view word) {
  std::array<uint8_t, 48> buffer{};
  int32_t out = 0;
  const auto* bytes = reinterpret_cast<const uint8_t*>(word.data());
  auto length = static_cast<int32_t>(word.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return {};
    c = u_tolower(c);
    if (c == 0x00F0) c = 0x0111;  // ð → đ
    if (out + U8_LENGTH(c) > static_cast<int32_t>(buffer.size())) return {};
    UBool error = false;
    U8_APPEND(buffer.data(), out, static_cast<int32_t>(buffer.size()), c, error);
    if (error) return {};
  }
  return std::string(reinterpret_cast<const char*>(buffer.data()), static_cast<std::size_t>(out));
}

bool has_combining_mark(std::string_view word) {
  // U+0300–U+036F are encoded with lead bytes 0xCC and 0xCD.
  for (char c : word) {
    auto b = static_cast<unsigned char>(c);
    if (b == 0xCC || b == 0xCD) return true;
  }
  return false;
}

// The word lowercased; with combining marks it also goes through the shared normalizer, which
// composes them (NFC) and settles tone placement.
std::string comparable_word(std::string_view word) {
  std::string lower = lower_word(word);
  if (!lower.empty() && has_combining_mark(lower)) return search::normalize_exact(lower);
  return lower;
}

std::optional<SectionKind> keyword_kind(std::string_view word) {
  // Cheap rejection first: this runs on nearly every line.
  if (word.size() < 3 || word.size() > 24) return std::nullopt;
  auto first = static_cast<unsigned char>(word[0]);
  bool candidate = first == 'C' || first == 'c' || first == 'P' || first == 'p' || first == 'M' ||
                   first == 'm' || first == 0xC4 /* Đ đ */ || first == 0xC3 /* Ð ð */;
  if (!candidate) return std::nullopt;
  std::string w = comparable_word(word);
  if (w == "điều") return SectionKind::dieu;
  if (w == "chương") return SectionKind::chuong;
  if (w == "phần") return SectionKind::phan;
  if (w == "mục") return SectionKind::muc;
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Numerals

// Canonical upper-case Roman numerals from 1 to 399 ("IV", not "IIII"); 0 when not one.
int roman_value(std::string_view s) {
  if (s.empty() || s.size() > 9) return 0;
  int total = 0;
  int previous = 0;
  for (auto it = s.rbegin(); it != s.rend(); ++it) {
    int v = *it == 'I' ? 1 : *it == 'V' ? 5 : *it == 'X' ? 10 : *it == 'L' ? 50 : *it == 'C' ? 100 : 0;
    if (v == 0) return 0;
    total += v < previous ? -v : v;
    previous = std::max(previous, v);
  }
  if (total <= 0 || total >= 400) return 0;
  // Re-encode and compare, which rejects "IIII", "VX", "IC" and the like.
  static constexpr std::pair<int, std::string_view> kParts[] = {
      {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}};
  std::string canonical;
  int rest = total;
  for (const auto& [value, text] : kParts) {
    while (rest >= value) {
      canonical += text;
      rest -= value;
    }
  }
  return canonical == s ? total : 0;
}

std::size_t count_digits(std::string_view s, std::size_t from = 0) {
  std::size_t n = from;
  while (n < s.size() && is_digit(s[n])) ++n;
  return n - from;
}

int digits_value(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

bool is_roman_letter(char c) { return c == 'I' || c == 'V' || c == 'X' || c == 'L' || c == 'C'; }

struct Numeral {
  std::string written;  // "II", "8", "thứ nhất"
  int value = 0;
};

// "thứ nhất", "thứ hai", … "thứ mười hai", "thứ 3": how Phần are often numbered.
std::optional<Numeral> parse_ordinal(std::string_view& s) {
  std::string_view rest = s;
  std::string_view thu = leading_word(rest);
  if (thu.empty() || comparable_word(thu) != "thứ") return std::nullopt;
  rest.remove_prefix(thu.size());
  if (!skip_blanks(rest)) return std::nullopt;
  if (std::size_t n = count_digits(rest); n >= 1 && n <= 2) {
    Numeral out{"thứ " + std::string(rest.substr(0, n)), digits_value(rest.substr(0, n))};
    rest.remove_prefix(n);
    s = rest;
    return out;
  }
  static const std::unordered_map<std::string, int> kUnits = {
      {"nhất", 1}, {"một", 1}, {"hai", 2}, {"ba", 3},  {"tư", 4},  {"bốn", 4}, {"năm", 5},
      {"sáu", 6},  {"bảy", 7}, {"bẩy", 7}, {"tám", 8}, {"chín", 9}, {"mười", 10}};
  std::string_view word = leading_word(rest);
  std::string w = comparable_word(word);
  auto unit = kUnits.find(w);
  if (unit == kUnits.end()) return std::nullopt;
  Numeral out{"thứ " + w, unit->second};
  rest.remove_prefix(word.size());
  if (unit->second == 10) {  // "mười một" … "mười chín"
    std::string_view after = rest;
    if (skip_blanks(after)) {
      std::string_view next = leading_word(after);
      std::string n = comparable_word(next);
      auto more = kUnits.find(n == "lăm" ? "năm" : n);
      if (!next.empty() && more != kUnits.end() && more->second < 10 && n != "nhất") {
        out.written += " " + n;
        out.value += more->second;
        after.remove_prefix(next.size());
        rest = after;
      }
    }
  }
  s = rest;
  return out;
}

// Digits (up to 4) or a Roman numeral, ending at a word boundary; advances `s` past it.
std::optional<Numeral> parse_numeral(std::string_view& s, bool allow_ordinal) {
  std::size_t n = count_digits(s);
  if (n >= 1 && n <= 4) {
    int v = digits_value(s.substr(0, n));
    if (v == 0) return std::nullopt;
    Numeral out{std::string(s.substr(0, n)), v};
    s.remove_prefix(n);
    return out;
  }
  if (n > 4) return std::nullopt;
  std::size_t r = 0;
  while (r < s.size() && is_roman_letter(s[r])) ++r;
  if (r > 0) {
    int v = roman_value(s.substr(0, r));
    if (v == 0) return std::nullopt;
    Numeral out{std::string(s.substr(0, r)), v};
    s.remove_prefix(r);
    return out;
  }
  if (allow_ordinal) return parse_ordinal(s);
  return std::nullopt;
}

// A numeral must not run into a letter or digit: "Điều 5a", "Chương IIb" are not headings.
bool at_boundary(std::string_view rest) {
  if (rest.empty()) return true;
  auto c = static_cast<unsigned char>(rest[0]);
  if (c >= 0x80) return rest.starts_with(kNbsp);
  return !std::isalnum(c);
}

// ---------------------------------------------------------------------------------------------
// Line-start markers

// "Chương II", "CHƯƠNG II: TITLE", "Điều 8. Title", "Phần thứ nhất", "Mục 1 - Title".
struct KeywordHeading {
  SectionKind kind = SectionKind::dieu;
  Numeral numeral;
  std::string_view title;  // the rest of the line after the separator; may be empty
  bool strong = false;     // ended by the line end, ".", ":" or a dash: surely a heading
};

// After the numeral: a separator (".", ":", a dash), or nothing, or a capitalised title.
// "Điều 5 quy định…" and "Điều 5 Điều lệ Đảng…" are sentences that a PDF line break happened
// to put at a line start, so a lowercase or keyword continuation is refused.
bool read_heading_tail(std::string_view rest, KeywordHeading& h) {
  skip_blanks(rest);
  if (rest.empty()) {
    h.strong = true;
    return true;
  }
  constexpr std::string_view kEnDash = "\xE2\x80\x93";
  constexpr std::string_view kEmDash = "\xE2\x80\x94";
  if (rest[0] == '.' || rest[0] == ':') {
    if (rest.size() > 1 && is_digit(rest[1])) return false;  // "Điều 5.1", a decimal: not ours
    rest.remove_prefix(1);
    h.strong = true;
  } else if (rest[0] == '-') {
    rest.remove_prefix(1);
    h.strong = true;
  } else if (rest.starts_with(kEnDash) || rest.starts_with(kEmDash)) {
    rest.remove_prefix(kEnDash.size());
    h.strong = true;
  } else {
    if (!starts_uppercase(rest)) return false;
    std::string_view next = leading_word(rest);
    if (keyword_kind(next)) return false;
    if (std::string w = comparable_word(next); w == "khoản" || w == "điểm") return false;
  }
  h.title = trim(rest);
  return true;
}

std::optional<KeywordHeading> parse_keyword_heading(std::string_view line) {
  std::string_view word = leading_word(line);
  auto kind = keyword_kind(word);
  if (!kind) return std::nullopt;
  std::string_view rest = line.substr(word.size());
  if (!skip_blanks(rest)) return std::nullopt;
  KeywordHeading h;
  h.kind = *kind;
  auto numeral = parse_numeral(rest, *kind == SectionKind::phan);
  if (!numeral || !at_boundary(rest)) return std::nullopt;
  if (*kind == SectionKind::dieu && numeral->written[0] > '9') return std::nullopt;  // Điều are arabic
  h.numeral = std::move(*numeral);
  if (!read_heading_tail(rest, h)) return std::nullopt;
  return h;
}

// "2.", "2.1.", "2.1.3.", and "2.1 " (two or more parts may omit the final dot).
struct NumberMarker {
  std::array<int, 6> parts{};
  int count = 0;
  std::string_view written;  // "2.1"
  std::string_view rest;
};

std::optional<NumberMarker> parse_number_marker(std::string_view line) {
  NumberMarker m;
  std::size_t pos = count_digits(line);
  if (pos == 0 || pos > 3) return std::nullopt;
  m.parts[m.count++] = digits_value(line.substr(0, pos));
  // Later parts have one or two digits and no leading zero, so "1.000 đảng viên" (Vietnamese
  // thousands) is not point 1.0.
  while (pos + 1 < line.size() && line[pos] == '.' && is_digit(line[pos + 1])) {
    std::size_t n = count_digits(line, pos + 1);
    if (n > 2 || line[pos + 1] == '0') break;
    if (m.count == static_cast<int>(m.parts.size())) return std::nullopt;
    m.parts[m.count++] = digits_value(line.substr(pos + 1, n));
    pos += 1 + n;
  }
  m.written = line.substr(0, pos);
  std::string_view rest = line.substr(pos);
  if (!rest.empty() && rest[0] == '.') {
    rest.remove_prefix(1);
    if (!rest.empty() && !skip_blanks(rest)) return std::nullopt;
  } else if (m.count < 2 || (!rest.empty() && !skip_blanks(rest))) {
    return std::nullopt;
  }
  if (m.parts[0] == 0) return std::nullopt;
  m.rest = trim(rest);
  return m;
}

// "a) …", "đ) …": one lowercase letter and a closing parenthesis.
struct LetterMarker {
  std::string_view letter;
  std::string_view rest;
};

std::optional<LetterMarker> parse_letter_marker(std::string_view line) {
  std::size_t len = 0;
  if (!line.empty() && line[0] >= 'a' && line[0] <= 'z') len = 1;
  else if (line.starts_with("\xC4\x91")) len = 2;  // đ
  if (len == 0 || line.size() <= len || line[len] != ')') return std::nullopt;
  std::string_view rest = line.substr(len + 1);
  if (!rest.empty() && !skip_blanks(rest)) return std::nullopt;
  return LetterMarker{line.substr(0, len), trim(rest)};
}

// "I. …", "II- …": an upper-case Roman numeral, then "." or "-", then a blank or the line end.
struct RomanMarker {
  std::string_view written;
  int value = 0;
  std::string_view rest;
};

std::optional<RomanMarker> parse_roman_marker(std::string_view line) {
  std::size_t r = 0;
  while (r < line.size() && r < 10 && (line[r] == 'I' || line[r] == 'V' || line[r] == 'X')) ++r;
  if (r == 0 || r >= line.size() || (line[r] != '.' && line[r] != '-')) return std::nullopt;
  int value = roman_value(line.substr(0, r));
  if (value == 0) return std::nullopt;
  std::string_view rest = line.substr(r + 1);
  if (!rest.empty() && !skip_blanks(rest)) return std::nullopt;
  return RomanMarker{line.substr(0, r), value, trim(rest)};
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// đ is written "dd" in anchors, the usual ASCII spelling, so that "diem-d" and "diem-dd" differ.
std::string anchor_letter(std::string_view letter) { return letter == "\xC4\x91" ? "dd" : std::string(letter); }

// A point's own first line is its title ("1.1. Về tuổi đời.") when it is short, does not stop
// mid-list (";" ","), and something follows it; otherwise it is the point's text.
constexpr std::size_t kMaxTitleBytes = 240;

bool could_be_title(std::string_view text) {
  if (text.empty() || text.size() > kMaxTitleBytes) return false;
  char last = text.back();
  return last != ';' && last != ',';
}

// ---------------------------------------------------------------------------------------------
// The splitter

// Nesting order: a new section closes every open one whose rank is the same or deeper.
constexpr int kRankPhan = 0;
constexpr int kRankChuong = 1;
constexpr int kRankMuc = 2;
constexpr int kRankDieu = 3;
constexpr int kRankRoman = 3;  // Roman points sit where Điều would: under Phần/Chương/Mục
constexpr int kRankKhoan = 4;
constexpr int kRankPoint = 4;  // + (number of parts − 1)
constexpr int kRankDiem = 100;

// How the current section's heading is still being filled.
enum class TitleState {
  done,
  awaiting,        // "Chương II" alone: the next text line is the title
  caps_continues,  // a capitals title: further capitals lines wrap it
  tentative,       // a point's first line: title or text, decided when we see what follows
};

// Reads the lines in order and grows the tree: a stack of open sections (by rank) gives each new
// section its parent, and the text of every other line goes to the section opened last.
class Splitter {
 public:
  explicit Splitter(bool articles) : articles_(articles) {}

  void line(std::string_view text) {
    if (text.empty()) {
      blank_before_ = true;
      return;
    }
    if (try_keyword_heading(text)) return;
    if (articles_) {
      if (try_khoan(text) || try_diem(text)) return;
    } else {
      if (try_roman(text) || try_point(text) || try_diem(text)) return;
    }
    add_text(text);
  }

  std::vector<Section> finish() {
    settle_current(false);
    return std::move(sections_);
  }

 private:
  struct Open {
    int index;
    int rank;
  };

  // --- markers -------------------------------------------------------------------------------

  bool try_keyword_heading(std::string_view text) {
    auto h = parse_keyword_heading(text);
    if (!h) return false;
    if (h->kind == SectionKind::dieu) return open_dieu(*h);
    open_container(*h);
    return true;
  }

  bool open_dieu(const KeywordHeading& h) {
    // Article headings only count in an article document; a bare "Điều 5 Title" must also come
    // in sequence, since it is more easily a sentence broken at a line start.
    if (!articles_) return false;
    if (!h.strong && h.numeral.value != last_dieu_ + 1) return false;
    last_dieu_ = h.numeral.value;
    int parent = parent_for(kRankDieu);
    Section& s = push(SectionKind::dieu, kRankDieu, parent, "Điều " + h.numeral.written,
                      "dieu-" + std::to_string(h.numeral.value));
    s.heading = std::string(h.title);
    return true;
  }

  void open_container(const KeywordHeading& h) {
    int rank = h.kind == SectionKind::phan ? kRankPhan : h.kind == SectionKind::chuong ? kRankChuong : kRankMuc;
    int parent = parent_for(rank);
    std::string number = std::to_string(h.numeral.value);
    std::string label;
    std::string anchor;
    if (h.kind == SectionKind::phan) {
      label = "Phần " + h.numeral.written;
      anchor = "phan-" + number;
    } else if (h.kind == SectionKind::chuong) {
      label = "Chương " + h.numeral.written;
      anchor = "chuong-" + number;
    } else if (int chapter = enclosing(SectionKind::chuong); chapter >= 0) {
      label = sections_[chapter].label + " mục " + h.numeral.written;
      anchor = sections_[chapter].anchor + "-muc-" + number;
    } else {
      label = "Mục " + h.numeral.written;
      anchor = "muc-" + number;
    }
    Section& s = push(h.kind, rank, parent, std::move(label), std::move(anchor));
    s.heading = std::string(h.title);
    if (h.title.empty()) title_state_ = TitleState::awaiting;
    else if (is_all_caps_text(h.title)) title_state_ = TitleState::caps_continues;
    // Numbered points start afresh in each part or chapter.
    last_top_ = 0;
    nested_last_ = 0;
    last_roman_ = 0;
  }

  // "1. …" inside an Điều.
  bool try_khoan(std::string_view text) {
    auto m = parse_number_marker(text);
    if (!m || m->count != 1) return false;
    int article = enclosing(SectionKind::dieu);
    if (article < 0) return false;
    int parent = parent_for(kRankKhoan);
    const Section& a = sections_[article];
    Section& s = push(SectionKind::khoan, kRankKhoan, parent, a.label + " khoản " + std::string(m->written),
                      a.anchor + "-khoan-" + std::to_string(m->parts[0]));
    append_paragraph(s, m->rest);
    return true;
  }

  // "a) …" under the current khoản or Điều, or under the current point.
  bool try_diem(std::string_view text) {
    auto m = parse_letter_marker(text);
    if (!m) return false;
    int host = -1;
    for (auto it = open_.rbegin(); it != open_.rend(); ++it) {
      if (it->rank != kRankDiem) {
        host = it->index;
        break;
      }
    }
    if (host < 0) return false;
    SectionKind host_kind = sections_[host].kind;
    bool fits = articles_ ? (host_kind == SectionKind::dieu || host_kind == SectionKind::khoan)
                          : host_kind == SectionKind::point;
    if (!fits) return false;
    int parent = parent_for(kRankDiem);
    const Section& p = sections_[parent];
    std::string anchor = p.anchor + (articles_ ? "-diem-" : "-") + anchor_letter(m->letter);
    Section& s = push(SectionKind::diem, kRankDiem, parent, p.label + " điểm " + std::string(m->letter),
                      std::move(anchor));
    append_paragraph(s, m->rest);
    return true;
  }

  // "I.", "II-" — top-level points of resolutions and guidance.
  bool try_roman(std::string_view text) {
    auto m = parse_roman_marker(text);
    if (!m) return false;
    // In sequence (one lost line forgiven), so that "V. I. Lênin" broken at a line start does
    // not open part V.
    if (m->value <= last_roman_ || m->value > last_roman_ + 2) return false;
    last_roman_ = m->value;
    last_top_ = 0;
    nested_last_ = 0;
    int parent = parent_for(kRankRoman);
    push(SectionKind::point, kRankRoman, parent, std::string(m->written), "p-" + ascii_lower(m->written));
    start_tentative_title(m->rest);
    return true;
  }

  // "2.", "2.1.", "2.1.3." in a document without Điều.
  bool try_point(std::string_view text) {
    auto m = parse_number_marker(text);
    if (!m) return false;
    if (m->count == 1 && !accept_top_number(m->parts[0])) return false;
    if (m->count > 1) nested_last_ = 0;
    int rank = kRankPoint + m->count - 1;
    int parent = parent_for(rank);
    std::string label;
    std::string anchor = "p-";
    // Numbering restarts under each Roman part, so its numeral prefixes the label and anchor.
    if (int roman = enclosing_roman(); roman >= 0) {
      label = sections_[roman].label + ".";
      anchor = sections_[roman].anchor + "-";
    }
    label += m->written;
    for (int i = 0; i < m->count; ++i) {
      if (i > 0) anchor += '-';
      anchor += std::to_string(m->parts[i]);
    }
    push(SectionKind::point, rank, parent, std::move(label), std::move(anchor));
    start_tentative_title(m->rest);
    return true;
  }

  // Whether a one-part number "N." opens a top-level point or is a list item inside the text.
  bool accept_top_number(int n) {
    // Continuing a list that restarted inside a sub-point: its items stay text.
    if (nested_last_ > 0 && n == nested_last_ + 1) {
      nested_last_ = n;
      return false;
    }
    if (n > last_top_ && n <= last_top_ + 2) {
      last_top_ = n;
      nested_last_ = 0;
      return true;
    }
    if (n == 1 && last_top_ > 0) {
      // "1." again: inside a sub-point (2.1) it is a list of its own; otherwise the document
      // simply numbers a new list from 1 (resolutions do, after a prose paragraph).
      if (subpoint_open()) {
        nested_last_ = 1;
        return false;
      }
      last_top_ = 1;
      nested_last_ = 0;
      return true;
    }
    return false;  // "2025. …" from a broken line, or a number out of order
  }

  // --- the tree ------------------------------------------------------------------------------

  // Closes the open sections at `rank` or deeper; returns the one that will be the parent.
  int parent_for(int rank) {
    while (!open_.empty() && open_.back().rank >= rank) open_.pop_back();
    return open_.empty() ? -1 : open_.back().index;
  }

  int enclosing(SectionKind kind) const {
    for (auto it = open_.rbegin(); it != open_.rend(); ++it) {
      if (sections_[it->index].kind == kind) return it->index;
    }
    return -1;
  }

  int enclosing_roman() const {
    for (auto it = open_.rbegin(); it != open_.rend(); ++it) {
      if (it->rank == kRankRoman && sections_[it->index].kind == SectionKind::point) return it->index;
    }
    return -1;
  }

  bool subpoint_open() const {
    for (const Open& o : open_) {
      if (sections_[o.index].kind == SectionKind::point && o.rank > kRankPoint && o.rank < kRankDiem) return true;
    }
    return false;
  }

  Section& push(SectionKind kind, int rank, int parent, std::string label, std::string anchor) {
    settle_current(parent >= 0 && parent == current_);
    Section s;
    s.ord = static_cast<int>(sections_.size());
    if (parent >= 0) {
      s.parent_ord = parent;
      s.depth = sections_[parent].depth + 1;
    }
    s.kind = kind;
    s.label = std::move(label);
    s.anchor = unique_anchor(std::move(anchor));
    sections_.push_back(std::move(s));
    current_ = static_cast<int>(sections_.size()) - 1;
    open_.push_back({current_, rank});
    blank_before_ = false;
    return sections_.back();
  }

  std::string unique_anchor(std::string base) {
    if (anchors_.insert(base).second) return base;
    // Remember the last suffix per base, so many repeats stay linear.
    int& next = next_suffix_[base];
    if (next < 2) next = 2;
    for (;;) {
      std::string candidate = base + "-" + std::to_string(next++);
      if (anchors_.insert(candidate).second) return candidate;
    }
  }

  // --- text ----------------------------------------------------------------------------------

  void start_tentative_title(std::string_view text) {
    if (text.empty()) return;
    sections_[current_].heading = std::string(text);
    title_state_ = TitleState::tentative;
  }

  // The current section is left: a tentative title stays a title only if the section has a
  // child right after it; otherwise it was the point's text.
  void settle_current(bool child_follows) {
    if (current_ >= 0 && title_state_ == TitleState::tentative) {
      Section& s = sections_[current_];
      if (!(child_follows && could_be_title(s.heading))) demote_heading(s);
    }
    title_state_ = TitleState::done;
  }

  void demote_heading(Section& s) {
    std::string heading = std::move(s.heading);
    s.heading.clear();
    s.body = std::move(heading);
  }

  void add_text(std::string_view text) {
    if (current_ < 0) {
      // Text before the first heading: the preamble, which is never a parent.
      Section s;
      s.kind = SectionKind::preamble;
      s.label = "Phần mở đầu";
      s.anchor = unique_anchor("mo-dau");
      sections_.push_back(std::move(s));
      current_ = 0;
    }
    Section& s = sections_[current_];
    switch (title_state_) {
      case TitleState::awaiting:
        s.heading = std::string(text);
        title_state_ = is_all_caps_text(text) ? TitleState::caps_continues : TitleState::done;
        blank_before_ = false;
        return;
      case TitleState::caps_continues:
        if (is_all_caps_text(text) && s.heading.size() < 4 * kMaxTitleBytes) {
          s.heading += ' ';
          s.heading += text;
          blank_before_ = false;
          return;
        }
        break;
      case TitleState::tentative:
        // A capitalised line after a short first line: that line was the title. A lowercase
        // one: the first line was cut by a PDF line break and is text.
        if (!could_be_title(s.heading) || starts_lowercase(text)) demote_heading(s);
        break;
      case TitleState::done: break;
    }
    title_state_ = TitleState::done;
    append_paragraph(s, text);
  }

  // Lines become paragraphs, except that a line starting in lowercase right after one that
  // ends mid-sentence is the same paragraph wrapped by a PDF extractor.
  void append_paragraph(Section& s, std::string_view text) {
    if (text.empty()) return;
    if (!s.body.empty()) {
      char last = s.body.back();
      bool sentence_ended = last == '.' || last == ':' || last == ';' || last == '!' || last == '?';
      s.body += (!blank_before_ && !sentence_ended && starts_lowercase(text)) ? ' ' : '\n';
    }
    s.body += text;
    blank_before_ = false;
  }

  bool articles_;
  std::vector<Section> sections_;
  std::vector<Open> open_;
  int current_ = -1;
  TitleState title_state_ = TitleState::done;
  bool blank_before_ = false;
  int last_dieu_ = 0;
  int last_roman_ = 0;
  int last_top_ = 0;     // last one-part point number in the current part
  int nested_last_ = 0;  // > 0 while inside a "1. 2. …" list restarted within a sub-point
  std::unordered_set<std::string> anchors_;
  std::unordered_map<std::string, int> next_suffix_;
};

// Calls `f` with every line, trimmed, without the byte-order mark; "\r\n" and "\n" both end lines.
template <typename F>
void for_each_line(std::string_view text, F&& f) {
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    f(trim(line));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
}

// An article document (Điều …) or a document of numbered points? Decided up front, because a
// "1." means a khoản in the one and a point in the other. One stray "Điều 5." line in a long
// guidance full of "1.1." points must not turn it into an article document.
bool is_article_document(std::string_view text) {
  int strong = 0;
  int weak = 0;
  bool has_points = false;
  for_each_line(text, [&](std::string_view line) {
    if (line.empty()) return;
    if (auto h = parse_keyword_heading(line); h && h->kind == SectionKind::dieu) {
      (h->strong ? strong : weak) += 1;
    } else if (!has_points) {
      auto m = parse_number_marker(line);
      has_points = (m && m->count > 1) || parse_roman_marker(line).has_value();
    }
  });
  return strong >= 1 && (strong + weak >= 2 || !has_points);
}

}  // namespace

std::vector<Section> split_structure(std::string_view utf8_text) {
  Splitter splitter(is_article_document(utf8_text));
  for_each_line(utf8_text, [&](std::string_view line) { splitter.line(line); });
  return splitter.finish();
}

}  // namespace sotay::documents
