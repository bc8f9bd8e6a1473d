// libFuzzer: anything a member can type into the search box, through the query parser, the
// document-number reader, the ranking and the snippet maker. Must never crash, never throw,
// and never emit markup other than <mark>.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "search/query.h"
#include "search/ranking.h"
#include "search/text_index.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  // The first half is the query, the second a passage it is scored against.
  const auto q = sotay::search::parse_query(text.substr(0, size / 2));
  if (q.tokens.size() > sotay::search::kMaxQueryTokens) std::abort();
  for (const auto& t : q.terms)
    for (char ch : t)
      if (ch == '"' || ch == '*' || ch == '(' || ch == ')' || ch == ':' || ch == '^') std::abort();  // never syntax
  const std::string passage = text.substr(size / 2);
  const auto indexed = sotay::search::index_text(passage);
  sotay::search::CorpusStats stats;
  stats.entries = 100;
  stats.average_length = 50;
  (void)sotay::search::score_passage(q, stats, {indexed.exact, indexed.folded, indexed.folded});
  const auto snippet = sotay::search::make_snippet(q, passage, indexed.folded);
  // Only <mark> and </mark> may appear as tags.
  for (std::size_t i = snippet.find('<'); i != std::string::npos; i = snippet.find('<', i + 1))
    if (snippet.compare(i, 6, "<mark>") != 0 && snippet.compare(i, 7, "</mark>") != 0) std::abort();
  (void)sotay::search::document_number_key(text);
  (void)sotay::search::number_matches(q, indexed.folded);
  return 0;
}
