#include "api/json_writer.h"

namespace sotay::api {

void JsonWriter::string_literal(std::string_view s) {
  out_.push_back('"');
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char ch = static_cast<unsigned char>(s[i]);
    const char* esc = nullptr;
    char buf[8];
    switch (ch) {
      case '"': esc = "\\\""; break;
      case '\\': esc = "\\\\"; break;
      case '\n': esc = "\\n"; break;
      case '\r': esc = "\\r"; break;
      case '\t': esc = "\\t"; break;
      case '\b': esc = "\\b"; break;
      case '\f': esc = "\\f"; break;
      default:
        if (ch < 0x20) {
          static const char kHex[] = "0123456789abcdef";
          buf[0] = '\\';
          buf[1] = 'u';
          buf[2] = '0';
          buf[3] = '0';
          buf[4] = kHex[ch >> 4];
          buf[5] = kHex[ch & 15];
          buf[6] = 0;
          esc = buf;
        }
    }
    if (esc) {
      out_.append(s.data() + run, i - run);
      out_ += esc;
      run = i + 1;
    }
  }
  out_.append(s.data() + run, s.size() - run);
  out_.push_back('"');
}

}  // namespace sotay::api
