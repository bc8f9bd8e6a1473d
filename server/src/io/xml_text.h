// Text handling for the XLSX writer (and the fuzz target, which checks what survives a round
// trip): XML 1.0 cannot carry some characters at all, and SpreadsheetML gives "_xHHHH_" a meaning.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "io/utf8.h"

namespace sotay::io::detail {

// XML 1.0 "Char": everything else makes the document malformed and Excel refuses the file.
inline bool is_xml_char(char32_t c) {
  if (c < 0x20) return c == '\t' || c == '\n' || c == '\r';
  return c != 0xFFFE && c != 0xFFFF;
}

// Drops invalid UTF-8 bytes and characters XML cannot carry; keeps everything else.
inline std::string strip_xml_illegal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    char32_t c = 0;
    const std::size_t length = decode_utf8(text, pos, c);
    if (length == 0) {
      ++pos;
      continue;
    }
    if (is_xml_char(c)) out.append(text.substr(pos, length));
    pos += length;
  }
  return out;
}

inline bool is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// SpreadsheetML stores characters XML cannot hold as "_xHHHH_" (Excel writes a cell's CR as
// "_x000D_"). True when such an escape starts at text[pos].
inline bool is_ooxml_escape_at(std::string_view text, std::size_t pos) {
  if (text.size() - pos < 7 || text[pos] != '_' || text[pos + 1] != 'x' || text[pos + 6] != '_') {
    return false;
  }
  for (std::size_t i = pos + 2; i < pos + 6; ++i) {
    if (!is_hex_digit(text[i])) return false;
  }
  return true;
}

// Escapes text for element content or a double-quoted attribute. The caller has already removed
// illegal characters. CR is written as a reference because parsers turn a literal CR into LF, and
// an underscore that would read as "_xHHHH_" is escaped itself so the text comes back unchanged.
inline void append_xml_escaped(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += "&#9;"; break;
      case '_':
        if (is_ooxml_escape_at(text, i)) {
          out += "_x005F_";
        } else {
          out += c;
        }
        break;
      default: out += c;
    }
  }
}

}  // namespace sotay::io::detail
