// Splits the plain text of a Vietnamese legal or Party document into its sections — Phần,
// Chương, Mục, Điều, khoản, điểm, or the numbered points (1., 1.1., I., a)) of guidance and
// resolutions — so that readers can deep-link to "Điều 8 khoản 1" and search can show which
// passage matched. See docs/decisions/0005-library-and-search.md.
//
// Only the start of a line can open a section: "theo khoản 1 Điều 5" inside a sentence never does.
// Every other line is text of the section being read, so nothing of the input is lost except the
// markers themselves ("Điều 8.", "1.", "a)"), which live on in `label` and `anchor`.
// Runs in one pass over the lines (plus a cheap pre-scan), no recursion; any bytes are accepted.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sotay::documents {

enum class SectionKind { preamble, phan, chuong, muc, dieu, khoan, diem, point };

// "preamble", "phan", "chuong", "muc", "dieu", "khoan", "diem", "point".
const char* section_kind_name(SectionKind kind);

struct Section {
  int ord = 0;                    // 0.. in reading order
  std::optional<int> parent_ord;  // nullopt at top
  int depth = 0;                  // 0 at top; always the parent's depth + 1
  SectionKind kind = SectionKind::preamble;
  std::string label;    // citation a person would write: "Điều 8 khoản 1", "2.1", "Chương II"
  std::string anchor;   // ascii deep-link id, unique within the document: "dieu-8-khoan-1", "p-2-1"
  std::string heading;  // the heading line's title text ("Đảng viên" for "Điều 1. Đảng viên"), may be ""
  std::string body;     // the section's own text (without children), paragraphs joined by "\n"
};

// Sections in reading order. Text without any structure gives one preamble section (or none
// when the text is blank).
std::vector<Section> split_structure(std::string_view utf8_text);

}  // namespace sotay::documents
