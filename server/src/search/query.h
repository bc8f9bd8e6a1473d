// A member's search query, parsed. Users type anything: with or without marks, document numbers
// in any shape, punctuation, FTS operators, 10,000 characters. Nothing they type reaches the
// full-text engine as syntax: the store builds its match expression from these tokens only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "search/text_index.h"

namespace sotay::search {

struct QueryToken {
  std::string exact;   // normalized, marks kept as typed
  std::string folded;  // marks dropped
  bool marked = false;  // the user typed marks on this token (so exact matches rank first)
  bool stop = false;    // a function word (thì, là, của…): scored, but not used to find candidates
};

// Other words for a run of the query's words (search/synonyms): searched too, weighted lower.
struct Expansion {
  std::size_t first = 0, count = 0;  // the query tokens it stands for
  std::vector<std::string> words;    // folded, adjacent in the text
};

struct ParsedQuery {
  std::vector<QueryToken> tokens;  // in typed order, at most kMaxQueryTokens
  std::vector<Expansion> expansions;
  // Folded terms used to find candidates: tokens minus stop words, without duplicates
  // (all tokens when the query has only stop words).
  std::vector<std::string> terms;
  // Document number as typed ("qd 294", "294/QĐ-TW", "QĐ294"): its digit part and its letter parts.
  std::string number_digits;
  std::vector<std::string> number_letters;
  bool empty() const { return tokens.empty(); }
};

inline constexpr std::size_t kMaxQueryBytes = 512;
inline constexpr std::size_t kMaxQueryTokens = 32;

ParsedQuery parse_query(std::string_view text);

// Canonical key of a document number: folded parts split at punctuation and at letter/digit
// boundaries, joined by spaces: "294-QĐ/TW" → "294 qd tw", "QĐ294" → "qd 294".
std::string document_number_key(std::string_view number);

// True when a document whose number_key is `key` answers the query's number: same digits, and
// every letter part the user typed is one of the number's parts.
bool number_matches(const ParsedQuery& q, std::string_view key);

// True when every content word of the query (every word, if all are function words) begins a
// word of the text: a word typed with marks must match with its marks ("họp" finds "họp", not
// "hợp"), one typed without matches either ("hop" finds both). For filtering a short list (a
// member's notices) where a full-text index would be more than the job needs.
bool words_begin_words(const ParsedQuery& q, const IndexedText& text);

}  // namespace sotay::search
