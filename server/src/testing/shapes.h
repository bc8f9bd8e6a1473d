// Checks a string against a character-class pattern ('d' digit, 'x' lowercase hex, anything else
// literal), for asserting the shape of ids and timestamps in tests. Used instead of std::regex,
// whose GCC 12 headers warn under the sanitizer build.
#pragma once

#include <string_view>

namespace sotay::testing {

inline bool matches_shape(std::string_view text, std::string_view shape) {
  if (text.size() != shape.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool digit = c >= '0' && c <= '9';
    switch (shape[i]) {
      case 'd':
        if (!digit) return false;
        break;
      case 'x':
        if (!digit && !(c >= 'a' && c <= 'f')) return false;
        break;
      default:
        if (c != shape[i]) return false;
    }
  }
  return true;
}

inline constexpr std::string_view kIsoShape = "dddd-dd-ddTdd:dd:dd.dddZ";
inline constexpr std::string_view kRequestIdShape = "xxxxxxxxxxxxxxxx";

}  // namespace sotay::testing
