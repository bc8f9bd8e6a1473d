// How well a passage answers a query: computed here, in C++, the same way whichever backend
// found the candidates, so SQLite and PostgreSQL rank alike (docs/decisions/0005).
//
//   BM25 over folded terms (document frequencies from the index's own term table)
//   × how much of the query the passage covers
//   + adjacent query words found adjacent (multi-syllable words: "dự bị", "chi bộ")
//   + query words in the item's title
// and a query word typed with marks counts fully only where the passage has the same marks, so
// exact-diacritic hits rank first and "bí thư" does not tie with "bị thu".
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "search/query.h"

namespace sotay::search {

struct CorpusStats {
  std::int64_t entries = 0;
  double average_length = 1;
  std::map<std::string, std::int64_t> df;  // folded term → passages containing it
};

struct PassageText {
  std::string_view exact, folded;  // IndexedText strings of the passage
  std::string_view title_folded;   // the item's title, folded tokens joined by spaces ("" if none)
};

double score_passage(const ParsedQuery& q, const CorpusStats& stats, const PassageText& passage);

// A short extract of `original` around the densest cluster of query words, HTML-escaped, with
// matching words wrapped in <mark>…</mark>. `folded` is the passage's folded index string.
std::string make_snippet(const ParsedQuery& q, std::string_view original, std::string_view folded,
                         std::size_t max_tokens = 36);

}  // namespace sotay::search
