#include "search/ranking.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "search/text_index.h"

namespace sotay::search {

namespace {

// Tuned on ../shared/dev-questions.jsonl (LibrarySearch.RankingOnDevQuestions reports top-1/top-3).
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
constexpr double kStopWeight = 0.25;     // function words still count, a little
constexpr double kPairWeight = 0.6;      // adjacent query words found adjacent
constexpr double kTitleWeight = 0.35;    // query words in the item's title
// Typed words that run along the start of the item's title name the item the way people name it
// ("dieu le dang …" for "Điều lệ Đảng Cộng sản Việt Nam", not for "Quy định thi hành Điều lệ
// Đảng"): at least this many syllables, weighted by their idf.
constexpr std::size_t kTitleLeadMin = 3;
constexpr double kTitleLeadWeight = 0.5;
constexpr double kCoverageFloor = 0.35;  // a passage with few of the words keeps this share of its score
constexpr double kExpansionWeight = 1.0;  // the texts' own words for a typed phrase count like it
constexpr double kUnmarkedMatch = 0.3;  // a marked query word matched only without its marks

double idf(const CorpusStats& s, const std::string& term) {
  auto it = s.df.find(term);
  double df = it == s.df.end() ? 0.0 : static_cast<double>(it->second);
  double n = static_cast<double>(std::max<std::int64_t>(s.entries, 1));
  return std::log(1.0 + (n - df + 0.5) / (df + 0.5));
}

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

}  // namespace

double score_passage(const ParsedQuery& q, const CorpusStats& stats, const PassageText& passage) {
  const auto folded = split_tokens(passage.folded);
  const auto exact = split_tokens(passage.exact);
  const bool aligned = folded.size() == exact.size();
  const double length = static_cast<double>(std::max<std::size_t>(folded.size(), 1));
  const double norm = kK1 * (1 - kB + kB * length / std::max(stats.average_length, 1.0));

  // Per distinct query word: BM25 term weight, with marks honoured.
  std::map<std::string, double> word_idf;
  std::map<std::string, bool> found;
  double bm25 = 0, content_total = 0;
  int marked_words = 0, marked_exact = 0;  // for the exact-diacritics tier
  std::set<std::string> seen;
  auto term_score = [&](double w, double tf) { return w * tf * (kK1 + 1) / (tf + norm); };
  for (const auto& t : q.tokens) {
    if (!seen.insert(t.folded).second) continue;
    const double w = idf(stats, t.folded) * (t.stop ? kStopWeight : 1.0);
    word_idf[t.folded] = w;
    double tf = 0;
    for (std::size_t i = 0; i < folded.size(); ++i) {
      if (folded[i] != t.folded) continue;
      // A marked query word counts fully only where the passage has the same marks.
      tf += (!t.marked || !aligned || exact[i] == t.exact) ? 1.0 : kUnmarkedMatch;
    }
    if (t.marked) {
      ++marked_words;
      for (std::size_t i = 0; aligned && i < exact.size(); ++i)
        if (exact[i] == t.exact) {
          ++marked_exact;
          break;
        }
    }
    if (!t.stop) content_total += w;
    found[t.folded] = tf > 0;
    if (tf > 0) bm25 += term_score(w, tf);
  }
  // Other words for a phrase: found adjacent, they stand in for the words typed.
  for (const auto& e : q.expansions) {
    if (e.words.empty()) continue;
    bool present = false;
    for (std::size_t i = 0; i + e.words.size() <= folded.size() && !present; ++i) {
      present = true;
      for (std::size_t k = 0; k < e.words.size() && present; ++k) present = folded[i + k] == e.words[k];
    }
    if (!present) continue;
    double w = 0;
    for (const auto& word : e.words) w += idf(stats, word);
    bm25 += kExpansionWeight * term_score(w, 1.0);
    for (std::size_t k = e.first; k < e.first + e.count && k < q.tokens.size(); ++k) found[q.tokens[k].folded] = true;
  }
  if (bm25 == 0) return 0;
  double content_found = 0;
  for (const auto& t : q.tokens)
    if (!t.stop && found[t.folded]) {
      content_found += word_idf[t.folded];
      found[t.folded] = false;  // count each word once
    }
  const double coverage = content_total > 0 ? std::min(1.0, content_found / content_total) : 1.0;

  // Adjacent query words found adjacent in the passage: multi-syllable words and phrases.
  double pairs = 0;
  for (std::size_t k = 0; k + 1 < q.tokens.size(); ++k) {
    const auto& a = q.tokens[k];
    const auto& b = q.tokens[k + 1];
    if (a.stop && b.stop) continue;
    double best = 0;
    for (std::size_t i = 0; i + 1 < folded.size() && best < 1; ++i) {
      if (folded[i] != a.folded || folded[i + 1] != b.folded) continue;
      const bool exact_a = !a.marked || !aligned || exact[i] == a.exact;
      const bool exact_b = !b.marked || !aligned || exact[i + 1] == b.exact;
      best = std::max(best, exact_a && exact_b ? 1.0 : kUnmarkedMatch);
    }
    pairs += best * (word_idf[a.folded] + word_idf[b.folded]);
  }

  double title = 0, title_lead = 0;
  if (!passage.title_folded.empty()) {
    const auto title_tokens = split_tokens(passage.title_folded);
    for (const auto& [word, w] : word_idf)
      if (std::find(title_tokens.begin(), title_tokens.end(), word) != title_tokens.end()) title += w;
    // The longest run of consecutive query words equal to the title's first words.
    for (std::size_t k = 0; k < q.tokens.size(); ++k) {
      std::size_t n = 0;
      double w = 0;
      while (k + n < q.tokens.size() && n < title_tokens.size() && q.tokens[k + n].folded == title_tokens[n]) {
        w += word_idf[q.tokens[k + n].folded];
        ++n;
      }
      if (n >= kTitleLeadMin) title_lead = std::max(title_lead, w);
    }
  }

  // Passages holding every marked word exactly as typed form the first tier.
  const double exact_tier = marked_words == 0 || marked_exact == marked_words ? 1.0 : 0.6;
  return exact_tier * (bm25 * (kCoverageFloor + (1 - kCoverageFloor) * coverage * coverage) + kPairWeight * pairs + kTitleWeight * title +
                       kTitleLeadWeight * title_lead);
}

std::string make_snippet(const ParsedQuery& q, std::string_view original, std::string_view folded,
                         std::size_t max_tokens) {
  const auto spans = token_spans(original);
  const auto words = split_tokens(folded);
  std::vector<bool> hit(spans.size(), false);
  if (spans.size() == words.size()) {
    for (std::size_t i = 0; i < words.size(); ++i) {
      for (const auto& t : q.tokens)
        if (!t.stop && words[i] == t.folded) hit[i] = true;
      // A document number typed as one word ("QĐ294") matches its parts.
      if (!q.number_digits.empty() &&
          (words[i] == q.number_digits ||
           std::find(q.number_letters.begin(), q.number_letters.end(), words[i]) != q.number_letters.end()))
        hit[i] = true;
    }
  }
  if (spans.empty()) return html_escape(original.substr(0, 200));

  // The window of max_tokens words with the most hits (first such window).
  std::size_t best_start = 0, best = 0, current = 0;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    if (hit[i]) ++current;
    if (i >= max_tokens && hit[i - max_tokens]) --current;
    if (current > best) {
      best = current;
      best_start = i + 1 >= max_tokens ? i + 1 - max_tokens : 0;
    }
  }
  // Start a few words before the first hit so the reader sees its context.
  std::size_t first_hit = best_start;
  while (first_hit < spans.size() && !hit[first_hit]) ++first_hit;
  if (first_hit < spans.size() && first_hit > best_start + 8) best_start = first_hit - 6;
  const std::size_t end_token = std::min(spans.size(), best_start + max_tokens);

  std::string out;
  if (best_start > 0) out += "… ";
  std::size_t cursor = spans[best_start].begin;
  for (std::size_t i = best_start; i < end_token; ++i) {
    out += html_escape(original.substr(cursor, spans[i].begin - cursor));
    const auto word = original.substr(spans[i].begin, spans[i].end - spans[i].begin);
    if (hit[i])
      out += "<mark>" + html_escape(word) + "</mark>";
    else
      out += html_escape(word);
    cursor = spans[i].end;
  }
  if (end_token < spans.size()) {
    out += " …";
  } else {
    out += html_escape(original.substr(cursor));
  }
  // Line breaks of the source read as spaces in a one-paragraph snippet.
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

}  // namespace sotay::search
