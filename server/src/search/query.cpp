#include "search/query.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "search/normalizer.h"
#include "search/synonyms.h"
#include "search/text_index.h"

namespace sotay::search {

namespace {

// Vietnamese function words that carry no topic. Compared on the exact (marked) form, so that
// "có" (has) is a stop word but "cơ" (in "cơ sở") is not; an unmarked query compares folded
// forms only for words whose folded form is not also a content word.
constexpr std::array kStopExact{
    "thì", "là", "mà", "của", "và", "có", "được", "cho", "các", "những", "này", "đó", "với", "trong",
    "khi", "nào", "gì", "sao", "bao", "nhiêu", "thế", "nếu", "tôi", "mình", "ơi", "à", "ạ", "nhé", "rồi",
    "đã", "vẫn", "cũng", "lại", "ra", "hay", "hoặc", "không", "ai", "ở", "đâu", "như", "vậy", "phải",
    "muốn", "cần", "giờ", "nữa", "mấy", "người", "một", "theo", "về", "để", "thôi", "chưa", "ạ", "em", "anh",
    "chị", "bác", "cô", "chú", "ông", "bà", "mẹ", "bố", "con"};
constexpr std::array kStopFolded{"thi", "la", "cua", "va", "duoc", "cac", "nhung", "nay", "voi", "trong",
                                 "khi", "nao", "gi", "sao", "nhieu", "neu", "toi", "minh", "roi", "van",
                                 "cung", "hoac", "khong", "o", "dau", "nhu", "vay", "phai", "muon", "can",
                                 "nua", "may", "nguoi", "mot", "theo", "ve", "de", "thoi", "chua"};

bool in(std::string_view word, const auto& list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}
bool is_letters(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalpha(c); });
}

// Splits folded ASCII tokens further at letter/digit boundaries ("qd294" → "qd", "294").
std::vector<std::string> number_parts(const std::vector<std::string>& folded_tokens) {
  std::vector<std::string> parts;
  for (const auto& t : folded_tokens) {
    std::string cur;
    for (char ch : t) {
      bool digit = std::isdigit(static_cast<unsigned char>(ch)) != 0;
      if (!cur.empty() && (std::isdigit(static_cast<unsigned char>(cur.back())) != 0) != digit) {
        parts.push_back(cur);
        cur.clear();
      }
      cur += ch;
    }
    if (!cur.empty()) parts.push_back(cur);
  }
  return parts;
}

}  // namespace

std::string document_number_key(std::string_view number) {
  std::vector<std::string> folded;
  for (const auto& t : tokenize(normalize_exact(number))) folded.push_back(fold(t));
  std::string key;
  for (const auto& p : number_parts(folded)) {
    if (!key.empty()) key += ' ';
    key += p;
  }
  return key;
}

ParsedQuery parse_query(std::string_view text) {
  ParsedQuery q;
  if (text.size() > kMaxQueryBytes) {
    // Cut at a character boundary: never in the middle of a UTF-8 sequence.
    std::size_t cut = kMaxQueryBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
  }
  const std::string exact_text = normalize_exact(text);
  for (auto& exact : tokenize(exact_text)) {
    if (q.tokens.size() == kMaxQueryTokens) break;
    QueryToken t;
    t.folded = fold(exact);
    if (t.folded.empty()) continue;
    t.marked = t.folded != exact;
    t.stop = t.marked ? in(exact, kStopExact) : in(t.folded, kStopFolded);
    t.exact = std::move(exact);
    q.tokens.push_back(std::move(t));
  }
  // Everyday phrases → the texts' words; the longest phrase at each position wins.
  for (std::size_t i = 0; i < q.tokens.size();) {
    std::size_t matched = 0;
    for (const auto& syn : synonyms()) {
      const auto n = syn.phrase.size();
      if (n <= matched || i + n > q.tokens.size()) continue;
      bool same = true;
      for (std::size_t k = 0; k < n && same; ++k) same = q.tokens[i + k].folded == syn.phrase[k];
      if (!same) continue;
      // Drop the shorter match's expansions found at this position.
      while (!q.expansions.empty() && q.expansions.back().first == i) q.expansions.pop_back();
      for (const auto& e : syn.equivalents) q.expansions.push_back({i, n, e});
      matched = n;
    }
    i += matched ? matched : 1;
  }
  for (bool with_stop : {false, true}) {
    for (const auto& t : q.tokens)
      if ((with_stop || !t.stop) && std::find(q.terms.begin(), q.terms.end(), t.folded) == q.terms.end())
        q.terms.push_back(t.folded);
    if (!q.terms.empty()) break;
  }

  // A document number: short, one run of digits, the rest short letter codes (qd, tw, nq, hd…).
  if (q.tokens.size() <= 6) {
    std::vector<std::string> folded;
    for (const auto& t : q.tokens) folded.push_back(t.folded);
    auto parts = number_parts(folded);
    std::string digits;
    std::vector<std::string> letters;
    bool shape_ok = true;
    for (const auto& p : parts) {
      if (is_digits(p)) {
        if (!digits.empty()) shape_ok = false;
        digits = p;
      } else if (is_letters(p) && p.size() <= 8) {
        letters.push_back(p);
      } else {
        shape_ok = false;
      }
    }
    if (shape_ok && !digits.empty() && !letters.empty()) {
      q.number_digits = digits;
      q.number_letters = letters;
    }
  }
  return q;
}

bool number_matches(const ParsedQuery& q, std::string_view key) {
  if (q.number_digits.empty()) return false;
  auto parts = split_tokens(key);
  if (std::find(parts.begin(), parts.end(), q.number_digits) == parts.end()) return false;
  for (const auto& letter : q.number_letters)
    if (std::find(parts.begin(), parts.end(), letter) == parts.end()) return false;
  return true;
}

namespace {
bool begins_a_word(std::string_view joined, std::string_view word) {
  for (auto at = joined.find(word); at != std::string_view::npos; at = joined.find(word, at + 1))
    if (at == 0 || joined[at - 1] == ' ') return true;
  return false;
}
}  // namespace

bool words_begin_words(const ParsedQuery& q, const IndexedText& text) {
  const bool only_stop = std::all_of(q.tokens.begin(), q.tokens.end(), [](const QueryToken& t) { return t.stop; });
  for (const auto& t : q.tokens) {
    if (t.stop && !only_stop) continue;
    if (!(t.marked ? begins_a_word(text.exact, t.exact) : begins_a_word(text.folded, t.folded))) return false;
  }
  return true;
}

}  // namespace sotay::search
