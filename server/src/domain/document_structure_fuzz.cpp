// libFuzzer: any bytes through the document structure splitter. It must never crash, and the
// tree it returns must keep the shape the library relies on: ords 0.. in order, parents earlier,
// depth = parent depth + 1, non-empty labels, and ASCII anchors unique within the document.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_set>

#include "domain/document_structure.h"

namespace {

void check(bool condition) {
  if (!condition) std::abort();
}

bool is_anchor_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto sections = sotay::documents::split_structure(text);

  std::size_t lines = 1;
  for (char c : text) lines += c == '\n' ? 1 : 0;
  check(sections.size() <= lines);  // at most one section per line (the preamble shares one)

  std::unordered_set<std::string> anchors;
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const auto& s = sections[i];
    check(s.ord == static_cast<int>(i));
    if (s.parent_ord) {
      check(*s.parent_ord >= 0 && *s.parent_ord < s.ord);
      check(s.depth == sections[static_cast<std::size_t>(*s.parent_ord)].depth + 1);
      check(s.kind != sotay::documents::SectionKind::preamble);
    } else {
      check(s.depth == 0);
    }
    check(!s.label.empty());
    check(!s.anchor.empty());
    for (char c : s.anchor) check(is_anchor_char(c));
    check(anchors.insert(s.anchor).second);
    check(sotay::documents::section_kind_name(s.kind) != nullptr);
  }
  return 0;
}
