// Small UTF-8 helpers shared by the CSV and XLSX code. Strict RFC 3629 decoding: overlong forms,
// surrogates and code points above U+10FFFF are invalid, because a file that contains them was not
// written as UTF-8 (typically it is Windows-1258 or Windows-1252) and its text would be garbled.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sotay::io::detail {

// Decodes the sequence starting at s[pos] (pos < s.size()). Returns its length in bytes and sets
// code_point, or returns 0 when the bytes there are not valid UTF-8.
inline std::size_t decode_utf8(std::string_view s, std::size_t pos, char32_t& code_point) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  }
  std::size_t length = 0;
  char32_t smallest = 0;  // anything below is an overlong encoding
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    code_point = lead & 0x1F;
    smallest = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    code_point = lead & 0x0F;
    smallest = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    code_point = lead & 0x07;
    smallest = 0x10000;
  } else {
    return 0;  // a continuation byte or 0xF8..0xFF cannot start a sequence
  }
  if (s.size() - pos < length) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    const unsigned char next = byte(pos + i);
    if ((next & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (next & 0x3F);
  }
  if (code_point < smallest || code_point > 0x10FFFF) return 0;
  if (code_point >= 0xD800 && code_point <= 0xDFFF) return 0;
  return length;
}

inline bool is_valid_utf8(std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    // Most of a member list is ASCII; skip it without decoding.
    if (static_cast<unsigned char>(s[pos]) < 0x80) {
      ++pos;
      continue;
    }
    char32_t code_point = 0;
    const std::size_t length = decode_utf8(s, pos, code_point);
    if (length == 0) return false;
    pos += length;
  }
  return true;
}

// Appends a code point that the caller knows is a Unicode scalar value.
inline void append_utf8(std::string& out, char32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

// Text safe to store on both backends: NUL bytes dropped, each invalid byte replaced by U+FFFD.
inline std::string sanitize_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  while (pos < s.size()) {
    char32_t cp = 0;
    const std::size_t len = decode_utf8(s, pos, cp);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++pos;
      continue;
    }
    if (cp != 0) out.append(s.substr(pos, len));
    pos += len;
  }
  return out;
}

}  // namespace sotay::io::detail
