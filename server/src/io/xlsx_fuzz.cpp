// libFuzzer target for the XLSX reader. Any input must either parse or raise TableError; anything
// else (another exception, a crash, a sanitizer report, a timeout or OOM) is a finding.
//
// Random bytes rarely make a zip whose parts reach the XML code, so inputs not starting with "PK"
// are used structurally: the first byte picks one part of an otherwise valid workbook and the rest
// becomes that part's content. Tables that parse are also written back with write_xlsx and must
// read back the same.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/table.h"
#include "io/xml_text.h"
#include "io/zip_writer.h"

namespace {

using sotay::io::Table;
using sotay::io::detail::ZipEntry;

sotay::io::ReadLimits fuzz_limits() {
  sotay::io::ReadLimits limits;
  limits.max_rows = 200;
  limits.max_columns = 20;
  limits.max_cell_bytes = 256;
  limits.max_uncompressed_bytes = 1 << 20;
  return limits;
}

const std::string kMainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const std::string kRelationshipType =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const std::string kRelationshipsOpen =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";

std::string relationship(const std::string& id, const std::string& type,
                         const std::string& target) {
  return "<Relationship Id=\"" + id + "\" Type=\"" + kRelationshipType + "/" + type +
         "\" Target=\"" + target + "\"/>";
}

// A small valid workbook: shared strings, a date style, an inline string, a gap.
const std::vector<ZipEntry>& template_parts() {
  static const std::vector<ZipEntry> parts{
      {"_rels/.rels",
       kRelationshipsOpen + relationship("rId1", "officeDocument", "xl/workbook.xml") +
           "</Relationships>"},
      {"xl/workbook.xml",
       "<workbook xmlns=\"" + kMainNamespace + "\" xmlns:r=\"" + kRelationshipType +
           "\"><workbookPr date1904=\"0\"/>"
           "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       kRelationshipsOpen + relationship("rId1", "worksheet", "worksheets/sheet1.xml") +
           relationship("rId2", "styles", "styles.xml") +
           relationship("rId3", "sharedStrings", "sharedStrings.xml") + "</Relationships>"},
      {"xl/styles.xml",
       "<styleSheet xmlns=\"" + kMainNamespace +
           "\"><numFmts><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts>"
           "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"14\"/></cellXfs>"
           "</styleSheet>"},
      {"xl/sharedStrings.xml",
       "<sst xmlns=\"" + kMainNamespace +
           "\"><si><t>Họ tên</t></si><si><r><t>Nguyễn </t></r><r><t>An</t></r></si></sst>"},
      {"xl/worksheets/sheet1.xml",
       "<worksheet xmlns=\"" + kMainNamespace +
           "\"><sheetData>"
           "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" s=\"1\"><v>45000</v></c></row>"
           "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c>"
           "<c r=\"B2\" t=\"inlineStr\"><is><t>x</t></is></c><c r=\"C2\"><v>1.5</v></c></row>"
           "</sheetData></worksheet>"},
  };
  return parts;
}

// What write_xlsx can represent: text XML can carry, without trailing empty cells or rows.
Table representable(const Table& table) {
  Table out;
  for (const auto& row : table) {
    std::vector<std::string> cells;
    for (const auto& cell : row) cells.push_back(sotay::io::detail::strip_xml_illegal(cell));
    while (!cells.empty() && cells.back().empty()) cells.pop_back();
    out.push_back(std::move(cells));
  }
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

void check(std::string_view bytes) {
  Table table;
  try {
    table = sotay::io::read_xlsx(bytes, fuzz_limits());
  } catch (const sotay::io::TableError&) {
    return;
  }
  const Table expected = representable(table);
  if (sotay::io::read_xlsx(sotay::io::write_xlsx(table)) != expected) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  check(input);
  if (size > 0 && !input.starts_with("PK")) {
    std::vector<ZipEntry> parts = template_parts();
    parts[data[0] % parts.size()].data = std::string(input.substr(1));
    check(sotay::io::detail::build_zip(parts));
  }
  return 0;
}
