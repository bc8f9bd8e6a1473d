#include "search/text_index.h"

#include <unicode/uchar.h>

#include "io/utf8.h"
#include "search/normalizer.h"

namespace sotay::search {

namespace {
bool is_word_char(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  // Letters, digits and combining marks (a mark left unattached after NFC stays in its word).
  return u_isalnum(static_cast<UChar32>(cp)) || (U_GET_GC_MASK(cp) & U_GC_M_MASK) != 0;
}
}  // namespace

std::vector<TokenSpan> token_spans(std::string_view text) {
  std::vector<TokenSpan> out;
  bool in_word = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp = 0;
    std::size_t len = io::detail::decode_utf8(text, pos, cp);
    bool word = len != 0 && is_word_char(cp);  // an invalid byte separates
    if (len == 0) len = 1;
    if (word && !in_word) out.push_back({pos, pos});
    if (word) out.back().end = pos + len;
    in_word = word;
    pos += len;
  }
  return out;
}

std::vector<std::string> tokenize(std::string_view text) {
  std::vector<std::string> out;
  for (auto span : token_spans(text)) out.emplace_back(text.substr(span.begin, span.end - span.begin));
  return out;
}

std::vector<std::string_view> split_tokens(std::string_view joined) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < joined.size()) {
    std::size_t j = joined.find(' ', i);
    if (j == std::string_view::npos) j = joined.size();
    if (j > i) out.push_back(joined.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

IndexedText index_text(std::string_view original) {
  IndexedText out;
  auto tokens = tokenize(normalize_exact(original));
  for (const auto& t : tokens) {
    if (!out.exact.empty()) out.exact += ' ';
    out.exact += t;
  }
  out.length = static_cast<int>(tokens.size());
  // Folding keeps letters letters, so the folded string has the same tokens; if some token folds
  // to nothing (a lone mark), fold token by token so positions stay aligned.
  out.folded = fold(out.exact);
  if (split_tokens(out.folded).size() != tokens.size()) {
    out.folded.clear();
    for (const auto& t : tokens) {
      if (!out.folded.empty()) out.folded += ' ';
      std::string f = fold(t);
      out.folded += f.empty() ? std::string("_") : f;
    }
  }
  return out;
}

}  // namespace sotay::search
