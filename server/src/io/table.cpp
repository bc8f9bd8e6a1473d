#include <string_view>

#include "io/table.h"

namespace sotay::io {
namespace {

constexpr std::string_view kZipMagic = "PK\x03\x04";
// A password-protected workbook (or an old .xls) is an OLE compound file. It goes to the XLSX
// reader, which explains that; the CSV reader could only say the file is not UTF-8.
constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0";

}  // namespace

Table read_table(std::string_view data, const ReadLimits& limits) {
  if (data.starts_with(kZipMagic) || data.starts_with(kOleMagic)) return read_xlsx(data, limits);
  return read_csv(data, limits);
}

}  // namespace sotay::io
