// Text as the search index stores it: normalized by the one normalizer, cut into tokens (runs of
// letters and digits), joined by single spaces. `exact` keeps the marks, `folded` drops them;
// both have the same tokens in the same positions, so a position in one is a position in the other.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sotay::search {

struct IndexedText {
  std::string exact;
  std::string folded;
  int length = 0;  // tokens
};

IndexedText index_text(std::string_view original);

// Splits already-normalized text into tokens (letters and digits; everything else separates).
std::vector<std::string> tokenize(std::string_view normalized_utf8);
// The same cut over any text, as byte ranges [begin, end). Normalizing changes case, tone
// placement and composition but never where tokens start and end, so token i of the original
// text is token i of its IndexedText: snippets highlight the original through this.
struct TokenSpan {
  std::size_t begin = 0, end = 0;
};
std::vector<TokenSpan> token_spans(std::string_view text);
// Splits an index string (tokens joined by single spaces) without copying.
std::vector<std::string_view> split_tokens(std::string_view joined);

}  // namespace sotay::search
