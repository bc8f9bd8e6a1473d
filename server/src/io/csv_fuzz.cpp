// libFuzzer target for the CSV reader. Any input must either parse or raise TableError; anything
// else (another exception, a crash, a sanitizer report) is a finding. Parsed tables must also
// survive write_csv → read_csv unchanged, apart from the visible formula guard.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "io/table.h"

namespace {

// Small limits keep each run fast and make the limit paths reachable.
sotay::io::ReadLimits fuzz_limits() {
  sotay::io::ReadLimits limits;
  limits.max_rows = 200;
  limits.max_columns = 20;
  limits.max_cell_bytes = 256;
  limits.max_uncompressed_bytes = 1 << 20;
  return limits;
}

bool starts_formula(const std::string& cell) {
  return !cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using sotay::io::Table;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  Table table;
  try {
    table = sotay::io::read_csv(input, fuzz_limits());
  } catch (const sotay::io::TableError&) {
    return 0;
  }

  // Re-reading our own output may not fail (a guard quote can push a cell over the small limit,
  // hence the default limits).
  const Table again = sotay::io::read_csv(sotay::io::write_csv(table));
  if (again.size() != table.size()) __builtin_trap();
  for (std::size_t r = 0; r < table.size(); ++r) {
    if (again[r].size() != table[r].size()) __builtin_trap();
    for (std::size_t c = 0; c < table[r].size(); ++c) {
      const std::string& cell = table[r][c];
      const std::string expected = starts_formula(cell) ? "'" + cell : cell;
      if (again[r][c] != expected) __builtin_trap();
    }
  }
  return 0;
}
