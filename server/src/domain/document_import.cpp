#include "domain/document_import.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "domain/document_structure.h"
#include "domain/documents.h"
#include "domain/errors.h"
#include "io/docx_text.h"
#include "io/extract.h"
#include "io/pdf_text.h"
#include "io/table.h"
#include "io/utf8.h"
#include "search/normalizer.h"
#include "store/documents_store.h"
#include "util/time.h"

namespace sotay::document_import {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kHeaderLines = 20;   // non-empty lines looked at for the letterhead and title
constexpr std::size_t kMaxTitleBytes = 1500;  // ~500 Vietnamese characters, the documents limit

// ---- text helpers ------------------------------------------------------------------------------

std::string trim(std::string_view s) {
  const char* ws = " \t\r\n\f\v";
  auto b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return "";
  auto e = s.find_last_not_of(ws);
  std::string out(s.substr(b, e - b + 1));
  // Non-breaking spaces at either end too.
  while (out.starts_with("\xC2\xA0")) out.erase(0, 2);
  while (out.ends_with("\xC2\xA0")) out.erase(out.size() - 2);
  return out;
}

std::vector<std::string> header_lines(std::string_view text, std::size_t max_lines) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= text.size() && out.size() < max_lines) {
    auto nl = text.find('\n', pos);
    auto line = trim(text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
    if (!line.empty()) out.push_back(std::move(line));
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return out;
}

icu::UnicodeString unicode(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}
std::string utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Letters present and none of them lowercase: "QUY ĐỊNH", "VỀ PHÔNG LƯU TRỮ ĐẢNG".
bool is_all_caps(std::string_view line) {
  auto u = unicode(line);
  int letters = 0;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    if (u_isalpha(c)) {
      ++letters;
      if (u_islower(c)) return false;
    }
    i = u.moveIndex32(i, 1);
  }
  return letters >= 2;
}

bool boundary_before(const std::string& s, std::size_t pos) {
  if (pos == 0) return true;
  unsigned char c = static_cast<unsigned char>(s[pos - 1]);
  return c < 0x80 && !std::isalnum(c);
}
bool boundary_after(const std::string& s, std::size_t pos) {
  if (pos >= s.size()) return true;
  unsigned char c = static_cast<unsigned char>(s[pos]);
  return c < 0x80 && !std::isalnum(c);
}

// Proper names that keep their capitals when a title in capitals is put in sentence case.
// Longest first, so "đảng cộng sản việt nam" wins over "việt nam".
constexpr std::pair<const char*, const char*> kProperNames[] = {
    {"ban chấp hành trung ương", "Ban Chấp hành Trung ương"},
    {"đảng cộng sản việt nam", "Đảng Cộng sản Việt Nam"},
    {"đại hội đại biểu toàn quốc", "Đại hội đại biểu toàn quốc"},
    {"mặt trận tổ quốc", "Mặt trận Tổ quốc"},
    {"điều lệ đảng", "Điều lệ Đảng"},
    {"bộ chính trị", "Bộ Chính trị"},
    {"ban bí thư", "Ban Bí thư"},
    {"hồ chí minh", "Hồ Chí Minh"},
    {"trung ương", "Trung ương"},
    {"quốc hội", "Quốc hội"},
    {"chính phủ", "Chính phủ"},
    {"việt nam", "Việt Nam"},
    {"mác - lênin", "Mác - Lênin"},
    {"mác-lênin", "Mác-Lênin"},
};

// "QUY ĐỊNH THI HÀNH ĐIỀU LỆ ĐẢNG" → "quy định thi hành Điều lệ Đảng". Words with digits
// (numbers like 377-QĐ/TW, dates) keep their case.
std::string lower_keep_names(std::string_view caps) {
  std::string out;
  std::size_t pos = 0;
  while (pos < caps.size()) {
    auto sp = caps.find(' ', pos);
    auto word = caps.substr(pos, sp == std::string_view::npos ? std::string_view::npos : sp - pos);
    bool has_digit = std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (has_digit) {
      out += word;
    } else {
      auto u = unicode(word);
      u.toLower(icu::Locale("vi"));
      out += utf8(u);
    }
    if (sp == std::string_view::npos) break;
    out += ' ';
    pos = sp + 1;
  }
  for (auto [lower, proper] : kProperNames) {
    std::string from(lower), to(proper);
    for (std::size_t at = out.find(from); at != std::string::npos; at = out.find(from, at + to.size())) {
      if (boundary_before(out, at) && boundary_after(out, at + from.size())) out.replace(at, from.size(), to);
    }
  }
  return out;
}

std::string capitalize_first(std::string s) {
  if (s.empty()) return s;
  auto u = unicode(s);
  UChar32 first = u.char32At(0);
  icu::UnicodeString head(u_toupper(first));
  u.replace(0, U16_LENGTH(first), head);
  return utf8(u);
}

std::string sentence_case(std::string_view caps) { return capitalize_first(lower_keep_names(caps)); }

// ---- number, kind, level, date -----------------------------------------------------------------

// An uppercase code of a document number: ASCII capitals and Đ ("QĐ", "TW", "BTGDVTW", "ThU").
std::size_t code_length(std::string_view s, std::size_t pos) {
  std::size_t start = pos;
  while (pos < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[pos]);
    if (c >= 'A' && c <= 'Z') {
      ++pos;
    } else if (c == 'h' && pos > start && s[pos - 1] == 'T') {  // ThU (Thành ủy)
      ++pos;
    } else if (s.substr(pos, 2) == "\xC4\x90") {  // Đ
      pos += 2;
    } else {
      break;
    }
  }
  return pos - start;
}

// "294-QĐ/TW", "06-HD/TW", "37-HD/BTGDVTW", "12-NQ/ĐU" starting at `pos`; 0 when none.
std::size_t number_length(std::string_view s, std::size_t pos) {
  std::size_t p = pos;
  while (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p]))) ++p;
  if (p == pos || p - pos > 6) return 0;
  if (p < s.size() && s[p] >= 'a' && s[p] <= 'z' && p + 1 < s.size() && s[p + 1] == '-') ++p;  // 57a-
  if (p >= s.size() || s[p] != '-') return 0;
  ++p;
  std::size_t n = code_length(s, p);
  if (n == 0) return 0;
  p += n;
  while (p + 1 < s.size() && s[p] == '-' && code_length(s, p + 1) > 0) p += 1 + code_length(s, p + 1);
  if (p >= s.size() || s[p] != '/') return 0;
  ++p;
  n = code_length(s, p);
  if (n == 0) return 0;
  p += n;
  while (p + 1 < s.size() && s[p] == '-' && code_length(s, p + 1) > 0) p += 1 + code_length(s, p + 1);
  if (p < s.size() && std::isalnum(static_cast<unsigned char>(s[p]))) return 0;
  return p - pos;
}

std::string find_number(const std::vector<std::string>& lines) {
  // First "Số 294-QĐ/TW" (any case of "số"), then a bare number at the start of a line.
  for (std::size_t i = 0; i < lines.size() && i < 12; ++i) {
    const auto& line = lines[i];
    for (const char* so : {"Số", "số", "SỐ"}) {
      for (auto at = line.find(so); at != std::string::npos; at = line.find(so, at + 1)) {
        if (!boundary_before(line, at)) continue;
        auto p = at + std::string_view(so).size();
        if (p < line.size() && line[p] == ':') ++p;
        while (p < line.size() && line[p] == ' ') ++p;
        if (auto n = number_length(line, p)) return line.substr(p, n);
      }
    }
  }
  for (std::size_t i = 0; i < lines.size() && i < 8; ++i)
    if (auto n = number_length(lines[i], 0)) return lines[i].substr(0, n);
  return "";
}

struct KindWord {
  const char* folded;
  const char* kind;
};
constexpr KindWord kKindWords[] = {
    {"nghi quyet", "nghi_quyet"}, {"quy dinh", "quy_dinh"},     {"chi thi", "chi_thi"},
    {"ket luan", "ket_luan"},     {"huong dan", "huong_dan"},   {"ke hoach", "ke_hoach"},
    {"quyet dinh", "quyet_dinh"}, {"thong bao", "thong_bao"},   {"cong van", "cong_van"},
    {"tai lieu", "tai_lieu_hoc_tap"}, {"dieu le", "khac"},      {"quy che", "khac"},
    {"chuong trinh", "khac"},     {"bao cao", "khac"},          {"nghi dinh", "khac"},
};

// The kind a title's first words name, e.g. "nghi quyet so 66…" → nghi_quyet.
const KindWord* kind_word_at_start(std::string_view folded) {
  for (const auto& k : kKindWords) {
    std::string_view w(k.folded);
    if (folded.starts_with(w) && (folded.size() == w.size() || !std::isalnum(static_cast<unsigned char>(folded[w.size()]))))
      return &k;
  }
  return nullptr;
}

std::string kind_from_number(const std::string& number) {
  auto dash = number.find('-');
  auto slash = number.find('/');
  if (dash == std::string::npos || slash == std::string::npos || slash < dash) return "khac";
  auto code = search::fold(number.substr(dash + 1, slash - dash - 1));
  if (code == "nq") return "nghi_quyet";
  if (code == "qd") return "quy_dinh";
  if (code == "ct") return "chi_thi";
  if (code == "kl") return "ket_luan";
  if (code == "hd") return "huong_dan";
  if (code == "kh") return "ke_hoach";
  if (code == "tb") return "thong_bao";
  if (code == "cv") return "cong_van";
  return "khac";
}

std::string level_of(const std::string& number, const std::vector<std::string>& lines) {
  if (auto slash = number.rfind('/'); slash != std::string::npos) {
    auto issuer = search::fold(number.substr(slash + 1));
    if (issuer.ends_with("tw")) return "central";
    if (issuer == "tu" || issuer == "thu") return "province";
    if (issuer == "cb") return "cell";
    if (issuer == "du" || issuer == "hu" || issuer == "qu" || issuer == "duk") return "base";
  }
  for (std::size_t i = 0; i < lines.size() && i < 6; ++i) {
    auto f = search::fold(lines[i]);
    if (f.find("trung uong") != std::string::npos || f.find("dai hoi dai bieu toan quoc") != std::string::npos ||
        f.find("bo chinh tri") != std::string::npos || f.find("ban bi thu") != std::string::npos)
      return "central";
    if (f.find("tinh uy") != std::string::npos || f.find("thanh uy") != std::string::npos) return "province";
    if (f.starts_with("chi bo")) return "cell";
  }
  return "base";
}

// "Hà Nội, ngày 26 tháng 5 năm 2025" → 2025-05-26.
std::optional<std::string> find_issued_date(const std::vector<std::string>& lines) {
  for (std::size_t i = 0; i < lines.size() && i < 12; ++i) {
    auto f = search::fold(lines[i]);
    for (auto at = f.find("ngay "); at != std::string::npos; at = f.find("ngay ", at + 1)) {
      int d = 0, m = 0, y = 0;
      char tail[2];
      if (std::sscanf(f.c_str() + at, "ngay %d thang %d nam %d%1s", &d, &m, &y, tail) >= 3) {
        char iso[16];
        std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
        if (timeutil::is_valid_date(iso)) return std::string(iso);
      }
    }
  }
  return std::nullopt;
}

std::string issuer_of(const std::vector<std::string>& lines) {
  if (lines.empty()) return "";
  auto f = search::fold(lines[0]);
  if (f.starts_with("ban chap hanh trung uong")) {
    if (f.find("ban to chuc") != std::string::npos) return "Ban Tổ chức Trung ương";
    if (f.find("ban tuyen giao va dan van") != std::string::npos) return "Ban Tuyên giáo và Dân vận Trung ương";
    if (f.find("ban tuyen giao") != std::string::npos) return "Ban Tuyên giáo Trung ương";
    if (f.find("ban kiem tra") != std::string::npos) return "Ủy ban Kiểm tra Trung ương";
    if (f.find("van phong") != std::string::npos) return "Văn phòng Trung ương Đảng";
    if (f == "ban chap hanh trung uong") return "Ban Chấp hành Trung ương";
    return "";
  }
  if (f.starts_with("dai hoi dai bieu toan quoc")) return "Đại hội đại biểu toàn quốc";
  if (f == "bo chinh tri") return "Bộ Chính trị";
  if (f == "ban bi thu") return "Ban Bí thư";
  return "";
}

bool is_letterhead(const std::string& folded) {
  return folded == "dang cong san viet nam" || folded.starts_with("ban chap hanh") ||
         folded.starts_with("dai hoi dai bieu") || folded.starts_with("lan thu ");
}

// "I. MỤC ĐÍCH", "1. …", "CHƯƠNG I", "ĐIỀU 1": the body has begun.
bool starts_with_section_marker(const std::string& line) {
  auto f = search::fold(line);
  for (const char* w : {"chuong ", "dieu ", "phan ", "muc "})
    if (f.starts_with(w)) return true;
  std::size_t i = 0;
  while (i < f.size() && (std::isdigit(static_cast<unsigned char>(f[i])) || f[i] == '.')) ++i;
  if (i > 0 && i < f.size() && (f[i - 1] == '.' || f[i] == ')')) return true;
  i = 0;
  while (i < line.size() && std::strchr("IVXLC", line[i]) != nullptr) ++i;
  return i > 0 && i < line.size() && (line[i] == '.' || line[i] == ')');
}

// The title from a kind line in capitals ("QUY ĐỊNH") and the subject lines in capitals after it.
std::optional<std::string> title_from_kind_line(const std::vector<std::string>& lines, const KindWord** kind) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& line = lines[i];
    if (!is_all_caps(line)) continue;
    auto f = search::fold(line);
    if (is_letterhead(f)) continue;
    const KindWord* k = kind_word_at_start(f);
    if (!k) continue;
    std::string title = lower_keep_names(line);
    for (std::size_t j = i + 1; j < lines.size() && j <= i + 3; ++j) {
      const auto& next = lines[j];
      if (!is_all_caps(next) || next.starts_with("-") || next.starts_with("(") || next.size() > 600 ||
          starts_with_section_marker(next))
        break;
      auto nf = search::fold(next);
      if (nf.starts_with("ban chap hanh")) break;
      // A repeated "BAN CHẤP HÀNH TRUNG ƯƠNG / QUY ĐỊNH …" block after the preamble is not the subject.
      if (kind_word_at_start(nf) && j > i + 1) break;
      if (title.size() + next.size() > kMaxTitleBytes) break;
      title += " " + lower_keep_names(next);
    }
    *kind = k;
    return capitalize_first(title);
  }
  return std::nullopt;
}

// "[Tiêu đề …: NGHỊ QUYẾT SỐ 71-NQ/TW …]" → "NGHỊ QUYẾT SỐ 71-NQ/TW …" (a note added by whoever
// copied the text, naming the document).
std::string unwrap_note(std::string line) {
  if (line.starts_with("[")) {
    line.erase(0, 1);
    if (line.ends_with("]")) line.pop_back();
    if (auto colon = line.rfind(": "); colon != std::string::npos) line = line.substr(colon + 2);
  }
  return trim(line);
}

std::string title_from_file_name(std::string_view file_name) {
  std::string stem(fs::path(std::string(file_name)).stem().string());
  std::replace(stem.begin(), stem.end(), '-', ' ');
  std::replace(stem.begin(), stem.end(), '_', ' ');
  return capitalize_first(trim(stem));
}

// ---- metadata.csv --------------------------------------------------------------------------------

std::string fold_key(std::string_view s) { return search::fold(trim(s)); }

std::optional<std::string> kind_from_cell(const std::string& value) {
  for (const char* k : documents::kKinds)
    if (value == k || fold_key(value) == fold_key(documents::kind_label_vi(k))) return std::string(k);
  return std::nullopt;
}

std::optional<std::string> level_from_cell(const std::string& value) {
  for (const char* l : documents::kLevels)
    if (value == l || fold_key(value) == fold_key(documents::level_label_vi(l))) return std::string(l);
  auto f = fold_key(value);
  if (f == "tinh" || f == "tinh uy" || f == "thanh uy") return std::string("province");
  if (f == "co so" || f == "dang uy co so") return std::string("base");
  return std::nullopt;
}

struct CsvRow {
  std::map<std::string, std::string> cells;  // column → value (trimmed, non-empty)
  std::size_t line = 0;
};

std::map<std::string, CsvRow> read_metadata_csv(const fs::path& path, std::vector<std::string>& warnings) {
  std::map<std::string, CsvRow> out;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::stringstream buf;
  buf << in.rdbuf();
  io::Table table;
  try {
    table = io::read_csv(buf.str());
  } catch (const io::TableError& e) {
    throw std::runtime_error("metadata.csv: " + std::string(e.what()));
  }
  if (table.empty()) return out;
  static const char* kKnown[] = {"file", "number", "title", "kind", "level", "issued", "issuer", "summary"};
  std::vector<std::string> columns;
  for (const auto& h : table[0]) {
    auto name = fold_key(h);
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (std::find(std::begin(kKnown), std::end(kKnown), name) == std::end(kKnown)) {
      if (!name.empty()) warnings.push_back("metadata.csv: bỏ qua cột không biết \"" + trim(h) + "\"");
      name.clear();
    }
    columns.push_back(name);
  }
  if (std::find(columns.begin(), columns.end(), "file") == columns.end())
    throw std::runtime_error("metadata.csv: thiếu cột \"file\" (tên tệp) ở dòng tiêu đề");
  for (std::size_t r = 1; r < table.size(); ++r) {
    CsvRow row;
    row.line = r + 1;
    for (std::size_t c = 0; c < table[r].size() && c < columns.size(); ++c) {
      auto v = trim(table[r][c]);
      if (!columns[c].empty() && !v.empty()) row.cells[columns[c]] = v;
    }
    auto file = row.cells.count("file") ? row.cells["file"] : "";
    if (file.empty()) continue;
    out[file] = std::move(row);
  }
  return out;
}

// Applies a metadata.csv row over the guesses. Throws a validation Error for bad values.
void apply_csv(Metadata& m, const CsvRow& row) {
  std::vector<FieldError> errors;
  auto get = [&](const char* k) -> const std::string* {
    auto it = row.cells.find(k);
    return it == row.cells.end() ? nullptr : &it->second;
  };
  if (auto v = get("number")) m.number = *v;
  if (auto v = get("title")) m.title = *v;
  if (auto v = get("issuer")) m.issuer = *v;
  if (auto v = get("summary")) m.summary = *v;
  if (auto v = get("kind")) {
    if (auto k = kind_from_cell(*v))
      m.kind = *k;
    else
      errors.push_back({"kind", "loại văn bản \"" + *v + "\" không hợp lệ"});
  }
  if (auto v = get("level")) {
    if (auto l = level_from_cell(*v))
      m.level = *l;
    else
      errors.push_back({"level", "cấp ban hành \"" + *v + "\" không hợp lệ"});
  }
  if (auto v = get("issued")) {
    if (auto d = timeutil::parse_date(*v))
      m.issued_on = *d;
    else
      errors.push_back({"issued", "ngày ban hành \"" + *v + "\" không hợp lệ (YYYY-MM-DD hoặc DD/MM/YYYY)"});
  }
  if (!errors.empty())
    throw Error(ErrorCode::validation_failed, "metadata.csv dòng " + std::to_string(row.line) + " chưa hợp lệ.",
                std::move(errors));
}

// ---- files ---------------------------------------------------------------------------------------

enum class FileKind { text, pdf, docx, other };

FileKind kind_of_file(const fs::path& p) {
  auto ext = p.extension().string();
  for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (ext == ".txt") return FileKind::text;
  if (ext == ".pdf") return FileKind::pdf;
  if (ext == ".docx") return FileKind::docx;
  return FileKind::other;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("không đọc được tệp");
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

std::string text_of(const fs::path& p, FileKind kind, bool ocr) {
  io::ExtractOptions eo;
  eo.ocr_when_no_text = ocr;
  switch (kind) {
    case FileKind::pdf: return io::extract_pdf_text(p.string(), eo).text;
    case FileKind::docx: return io::extract_docx_text(p.string(), eo).text;
    default: return clean_text_file(read_file(p));
  }
}

std::string error_text(const Error& e) {
  std::string s = e.message();
  for (const auto& f : e.fields()) s += " " + f.field + ": " + f.message + ";";
  if (!e.fields().empty()) s.pop_back();
  return s;
}

bool same_input(const store::DocumentRow& d, const documents::DocumentInput& in) {
  return d.kind == in.kind && d.number == in.number && d.title == in.title && d.summary == in.summary &&
         d.issuer == in.issuer && d.level == in.level && d.issued_on == in.issued_on && d.body == in.body &&
         (!in.owner_unit_id || d.owner_unit_id == *in.owner_unit_id);
}

}  // namespace

std::size_t Report::count(std::string_view action) const {
  return static_cast<std::size_t>(
      std::count_if(files.begin(), files.end(), [&](const FileResult& f) { return f.action == action; }));
}

std::string clean_text_file(std::string bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.erase(0, 3);
  if (!io::detail::is_valid_utf8(bytes))
    throw Error(ErrorCode::validation_failed,
                "Tệp không phải văn bản UTF-8 (có thể đang ở bảng mã cũ như Windows-1258). Hãy lưu lại dưới dạng UTF-8.");
  bytes.erase(std::remove(bytes.begin(), bytes.end(), '\r'), bytes.end());
  if (bytes.starts_with("SOURCE:")) {
    auto nl = bytes.find('\n');
    bytes = nl == std::string::npos ? std::string() : bytes.substr(nl + 1);
    auto next = bytes.find('\n');
    if (next != std::string::npos && trim(std::string_view(bytes).substr(0, next)).empty()) bytes.erase(0, next + 1);
  }
  return bytes;
}

Metadata guess_metadata(std::string_view text, std::string_view file_name) {
  Metadata m;
  auto lines = header_lines(text, kHeaderLines);
  m.number = find_number(lines);
  const KindWord* kind = nullptr;
  if (auto t = title_from_kind_line(lines, &kind)) {
    m.title = *t;
  } else if (!lines.empty()) {
    auto first = unwrap_note(lines[0]);
    if (!first.empty() && first.size() <= kMaxTitleBytes) {
      m.title = is_all_caps(first) ? sentence_case(first) : first;
      kind = kind_word_at_start(search::fold(first));
    }
  }
  if (m.title.empty()) m.title = title_from_file_name(file_name);
  m.kind = kind ? kind->kind : "khac";
  if (m.kind == "khac" && !kind) m.kind = kind_from_number(m.number);
  m.level = level_of(m.number, lines);
  m.issued_on = find_issued_date(lines);
  m.issuer = issuer_of(lines);
  return m;
}

Report import_directory(db::Database& db, const Actor& actor, const fs::path& dir, const Options& options,
                        const std::function<void(std::size_t, std::size_t, const FileResult&)>& on_file) {
  Report report;
  if (!fs::is_directory(dir)) throw std::runtime_error("not a folder: " + dir.string());
  std::vector<fs::path> files;
  std::map<std::string, CsvRow> csv;
  for (const auto& entry : fs::directory_iterator(dir)) {
    auto name = entry.path().filename().string();
    if (name.starts_with(".")) continue;
    if (name == "metadata.csv") {
      csv = read_metadata_csv(entry.path(), report.warnings);
      continue;
    }
    if (!entry.is_regular_file()) {
      if (entry.is_directory()) report.skipped.push_back(name + "/");
      continue;
    }
    if (kind_of_file(entry.path()) == FileKind::other)
      report.skipped.push_back(name);
    else
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::sort(report.skipped.begin(), report.skipped.end());
  for (const auto& entry : csv) {
    // Named, not structured-binding, variables: clang 14 (the fuzz build) cannot capture those.
    const auto& name = entry.first;
    if (std::none_of(files.begin(), files.end(), [&](const fs::path& p) { return p.filename().string() == name; }))
      report.warnings.push_back("metadata.csv dòng " + std::to_string(entry.second.line) + ": không có tệp \"" + name +
                                "\" trong thư mục");
  }

  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto& path = files[i];
    const auto started = std::chrono::steady_clock::now();
    FileResult r;
    r.file = path.filename().string();
    try {
      std::string text = text_of(path, kind_of_file(path), options.ocr);
      r.metadata = guess_metadata(text, r.file);
      if (auto it = csv.find(r.file); it != csv.end()) apply_csv(r.metadata, it->second);

      documents::DocumentInput in;
      in.kind = r.metadata.kind;
      in.number = r.metadata.number;
      in.title = r.metadata.title;
      in.summary = r.metadata.summary;
      in.issuer = r.metadata.issuer;
      in.level = r.metadata.level;
      in.issued_on = r.metadata.issued_on;
      in.body = std::move(text);
      in.source_key = r.file;
      in.owner_unit_id = options.owner_unit_id;
      in.audience_unit_ids = options.audience_unit_ids;

      auto existing = db.read_value([&](db::Connection& c) { return store::find_document_by_source_key(c, r.file); });
      if (options.dry_run) {
        r.action = existing ? "update" : "create";
        r.sections = documents::split_structure(in.body).size();
      } else {
        std::int64_t id = 0;
        if (existing) {
          id = *existing;
          auto view = documents::get(db, actor, id);
          const auto& d = view.doc;
          // What the import does not know stays as the editors left it.
          if (in.summary.empty()) in.summary = d.summary;
          if (!r.metadata.issued_on) in.issued_on = d.issued_on;
          if (in.issuer.empty()) in.issuer = d.issuer;
          in.effective_on = d.effective_on;
          in.legal_status = d.legal_status;
          in.superseded_by = d.superseded_by;
          in.topics = view.topics;
          for (const auto& rel : view.relations) in.relations.push_back({rel.relation, rel.target_id});
          if (in.audience_unit_ids.empty())
            for (const auto& u : view.audience) in.audience_unit_ids.push_back(u.id);
          bool audience_same = options.audience_unit_ids.empty();
          if (!audience_same) {
            auto want = options.audience_unit_ids;
            std::vector<std::int64_t> have;
            for (const auto& u : view.audience) have.push_back(u.id);
            std::sort(want.begin(), want.end());
            want.erase(std::unique(want.begin(), want.end()), want.end());
            std::sort(have.begin(), have.end());
            audience_same = want == have;
          }
          if (!in.owner_unit_id) in.owner_unit_id = d.owner_unit_id;
          if (audience_same && same_input(d, in)) {
            r.action = "unchanged";
          } else {
            documents::update(db, actor, id, in, d.version);
            r.action = "updated";
          }
        } else {
          id = documents::create(db, actor, in);
          r.action = "created";
        }
        r.document_id = id;
        auto state = db.read_value([&](db::Connection& c) {
          auto d = store::find_document(c, id, false);
          return d ? d->state : std::string();
        });
        if (options.publish && (state == "draft" || state == "submitted")) {
          documents::publish(db, actor, id, std::nullopt);
          state = "published";
        }
        r.state = state;
        r.sections = db.read_value([&](db::Connection& c) { return store::document_sections(c, id).size(); });
      }
    } catch (const Error& e) {
      r.action = "failed";
      r.error = error_text(e);
    } catch (const io::ExtractError& e) {
      r.action = "failed";
      r.error = e.what();
    } catch (const std::exception& e) {
      r.action = "failed";
      r.error = std::string("lỗi: ") + e.what();
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    report.files.push_back(r);
    if (on_file) on_file(i + 1, files.size(), report.files.back());
  }
  return report;
}

}  // namespace sotay::document_import
