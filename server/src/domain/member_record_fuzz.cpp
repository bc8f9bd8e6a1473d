// libFuzzer: one imported row's cells (tab-separated in the input) through the member record
// rules — dates, citizen ID, phone, names in any bytes. Must never crash or throw.
#include <cstdint>
#include <string>
#include <vector>

#include "domain/member_record.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> cells;
  std::size_t start = 0;
  while (cells.size() < 11) {
    auto tab = text.find('\t', start);
    cells.push_back(text.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  cells.resize(11);
  sotay::members::MemberInput in{cells[0], cells[1], cells[2], cells[3], cells[4], cells[5],
                                 cells[6], cells[7], cells[8], cells[9], cells[10]};
  sotay::store::MemberFields out;
  (void)sotay::members::check(in, "2026-11-20", &out);
  (void)sotay::members::normalize_phone(text);
  return 0;
}
