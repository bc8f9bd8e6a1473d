#include "domain/library_search.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "domain/documents.h"
#include "domain/errors.h"
#include "domain/library_access.h"
#include "search/query.h"
#include "search/ranking.h"
#include "search/text_index.h"
#include "store/documents_store.h"
#include "store/units_store.h"

namespace sotay::library {

namespace {

constexpr int kEnoughCandidates = 30;
constexpr int kCandidateLimit = 200;
// A stage whose words match at most this many passages is ranked by the backend.
constexpr std::int64_t kRankableMatches = 4000;
// Otherwise it takes this many of the matches, in index order.
constexpr int kUnrankedLimit = 300;
constexpr std::size_t kRareTerms = 8;
// A number typed the way the document is numbered outranks any text match.
constexpr double kNumberMatchBonus = 1000;

// The folded form of a query's tokens in typed order (the phrase), duplicates kept.
std::vector<std::string> phrase_terms(const search::ParsedQuery& q) {
  std::vector<std::string> out;
  for (const auto& t : q.tokens) out.push_back(t.folded);
  return out;
}

// Candidates: the phrase first, then every word, then any of the rarer words — stopping as soon
// as there are enough. The backend ranks a stage's matches only when they are few (ranking
// scores every match); a large stage takes the first matches found and leaves the order to
// search/ranking, so a common word on a large library stays cheap.
std::vector<store::SearchCandidate> gather(db::Connection& c, const search::ParsedQuery& q,
                                           const store::TermStats& stats, const store::AudienceScope& scope,
                                           const store::SearchFilters& filters) {
  std::vector<store::SearchCandidate> out;
  std::set<std::int64_t> seen;
  auto add = [&](std::vector<store::SearchCandidate> found) {
    for (auto& f : found)
      if (seen.insert(f.entry_id).second) out.push_back(std::move(f));
  };
  auto df = [&](const std::string& t) -> std::int64_t {
    auto it = stats.df.find(t);
    return it == stats.df.end() ? 0 : it->second;
  };
  // Passages a stage can match at most: the rarest word's count for phrase and AND stages.
  auto fewest = [&](const std::vector<std::string>& terms) {
    std::int64_t n = stats.entries;
    for (const auto& t : terms) n = std::min(n, df(t));
    return n;
  };
  const bool postgres = c.dialect() == db::Dialect::postgres;
  auto stage = [&](const std::vector<std::string>& terms, store::MatchMode mode, std::int64_t estimate) {
    const bool ordered = estimate <= kRankableMatches;
    add(store::find_search_candidates(c, terms, mode, scope, filters, ordered ? kCandidateLimit : kUnrankedLimit,
                                      ordered));
  };
  const auto phrase = phrase_terms(q);
  // PostgreSQL checks a phrase on every row the index returns: only worth it when they are few.
  if (q.tokens.size() >= 2 && q.tokens.size() <= 8 && (!postgres || fewest(phrase) <= kRankableMatches))
    stage(phrase, store::MatchMode::phrase, fewest(phrase));
  if (static_cast<int>(out.size()) >= kEnoughCandidates) return out;
  if (q.terms.size() >= 2 || out.empty()) stage(q.terms, store::MatchMode::all_terms, fewest(q.terms));
  if (static_cast<int>(out.size()) >= kEnoughCandidates || q.terms.size() < 2) return out;
  // Any of the rarer words (and the texts' own words for what was typed), rarest first, while
  // their matches stay few enough to rank: common words would match most of a large library.
  std::vector<std::string> pool = q.terms;
  for (const auto& e : q.expansions)
    for (const auto& w : e.words)
      if (std::find(pool.begin(), pool.end(), w) == pool.end()) pool.push_back(w);
  std::sort(pool.begin(), pool.end(), [&](const auto& a, const auto& b) { return df(a) < df(b); });
  std::vector<std::string> rare;
  std::int64_t matches = 0;
  for (const auto& t : pool) {
    if (df(t) == 0) continue;
    if (!rare.empty() && (rare.size() >= kRareTerms + 4 || matches + df(t) > kRankableMatches * 2)) break;
    rare.push_back(t);
    matches += df(t);
  }
  if (!rare.empty()) stage(rare, store::MatchMode::any_term, matches);
  return out;
}

std::string year_of(const std::optional<std::string>& date) { return date && date->size() >= 4 ? date->substr(0, 4) : ""; }

void count_facets(SearchResponse& out, const std::vector<const store::DocumentRow*>& docs,
                  const std::unordered_map<std::int64_t, std::string>& unit_names) {
  std::map<std::string, std::map<std::string, std::int64_t>> counts;
  for (const auto* d : docs) {
    counts["kind"][d->kind]++;
    counts["level"][d->level]++;
    if (auto y = year_of(d->issued_on); !y.empty()) counts["year"][y]++;
    counts["status"][d->legal_status]++;
    counts["unit"][std::to_string(d->owner_unit_id)]++;
  }
  for (auto& entry : counts) {
    // A named variable, not a structured binding: clang 14 (the fuzz build) cannot capture one.
    const std::string facet = entry.first;
    auto& values = entry.second;
    auto& list = out.facets[facet];
    for (auto& [value, n] : values) {
      std::string label = value;
      if (facet == "kind") label = documents::kind_label_vi(value);
      if (facet == "level") label = documents::level_label_vi(value);
      if (facet == "status") label = documents::legal_status_label_vi(value);
      if (facet == "unit") {
        auto it = unit_names.find(std::stoll(value));
        label = it == unit_names.end() ? value : it->second;
      }
      list.push_back({value, label, n});
    }
    std::sort(list.begin(), list.end(), [&](const FacetValue& a, const FacetValue& b) {
      if (facet == "year") return a.value > b.value;
      return a.count != b.count ? a.count > b.count : a.label < b.label;
    });
  }
  for (const char* facet : {"kind", "level", "year", "status", "unit"}) out.facets[facet];  // always present
}

// Snippet text without Markdown markers (news bodies are Markdown).
std::string plain(std::string text) {
  std::replace_if(text.begin(), text.end(), [](char ch) { return ch == '*' || ch == '#' || ch == '_' || ch == '`'; }, ' ');
  return text;
}

}  // namespace

SearchResponse search(db::Database& db, const Actor& actor, const SearchRequest& request) {
  SearchResponse out;
  const auto q = search::parse_query(request.q);
  out.q = request.q.substr(0, search::kMaxQueryBytes);
  for (const char* facet : {"kind", "level", "year", "status", "unit"}) out.facets[facet];
  if (q.empty()) return out;  // only punctuation or operators: nothing to look for, and no error

  db.read([&](db::Connection& c) {
    const auto scope = audience_scope(actor);
    auto filters = request.filters;
    if (request.unit_id) {
      auto unit = store::find_unit(c, *request.unit_id);
      if (!unit) throw not_found("Không tìm thấy tổ chức đảng.");
      filters.owner_path = unit->path;
    }
    std::vector<std::string> all_terms;
    for (const auto& t : q.tokens) all_terms.push_back(t.folded);
    for (const auto& e : q.expansions) all_terms.insert(all_terms.end(), e.words.begin(), e.words.end());
    const auto term_stats = store::search_term_stats(c, all_terms);
    auto candidates = gather(c, q, term_stats, scope, filters);

    // Documents answering a typed number come first, through their title card.
    std::set<std::int64_t> number_docs;
    if (!q.number_digits.empty()) {
      for (const auto& hit : store::documents_with_number(c, q.number_digits, scope, filters))
        if (search::number_matches(q, hit.number_key)) number_docs.insert(hit.document_id);
      std::set<std::int64_t> with_card;
      for (const auto& cand : candidates)
        if (cand.item_kind == "document" && !cand.section_id) with_card.insert(cand.item_id);
      for (auto id : number_docs) {
        if (with_card.count(id)) continue;
        store::SearchCandidate card;
        card.item_kind = "document";
        card.item_id = id;
        card.entry_id = -id;  // not an index row: only identifies the card here
        candidates.push_back(std::move(card));
      }
    }

    // The documents involved, for titles, facets and result fields.
    std::vector<std::int64_t> doc_ids, news_ids;
    for (const auto& cand : candidates) (cand.item_kind == "news" ? news_ids : doc_ids).push_back(cand.item_id);
    std::sort(doc_ids.begin(), doc_ids.end());
    doc_ids.erase(std::unique(doc_ids.begin(), doc_ids.end()), doc_ids.end());
    std::sort(news_ids.begin(), news_ids.end());
    news_ids.erase(std::unique(news_ids.begin(), news_ids.end()), news_ids.end());
    auto docs = store::document_cards_by_id(c, doc_ids);
    std::unordered_map<std::int64_t, const store::DocumentRow*> doc_by_id;
    std::unordered_map<std::int64_t, std::string> title_folded;
    for (const auto& d : docs) {
      doc_by_id[d.id] = &d;
      title_folded[d.id] = search::index_text(d.title).folded;
    }
    auto news = store::news_texts(c, news_ids);
    std::unordered_map<std::int64_t, const store::NewsText*> news_by_id;
    for (const auto& n : news) news_by_id[n.id] = &n;

    search::CorpusStats stats;
    stats.entries = term_stats.entries;
    stats.average_length = term_stats.entries > 0
                               ? static_cast<double>(term_stats.total_length) / static_cast<double>(term_stats.entries)
                               : 1.0;
    stats.df = term_stats.df;

    struct Scored {
      const store::SearchCandidate* cand;
      double score;
    };
    std::vector<Scored> scored;
    for (const auto& cand : candidates) {
      if (cand.item_kind == "document" && !doc_by_id.count(cand.item_id)) continue;
      if (cand.item_kind == "news" && !news_by_id.count(cand.item_id)) continue;
      double s = 0;
      if (cand.entry_id > 0) {
        search::PassageText p{cand.exact, cand.folded,
                              cand.item_kind == "document" ? std::string_view(title_folded[cand.item_id])
                                                           : std::string_view()};
        s = search::score_passage(q, stats, p);
      }
      if (cand.item_kind == "document" && !cand.section_id && number_docs.count(cand.item_id)) s += kNumberMatchBonus;
      if (s > 0) scored.push_back({&cand, s});
    }
    std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
      return a.score != b.score ? a.score > b.score : a.cand->entry_id < b.cand->entry_id;
    });
    out.total = static_cast<std::int64_t>(scored.size());

    // Facets over the documents that matched.
    std::set<std::int64_t> matched_docs;
    std::vector<const store::DocumentRow*> facet_docs;
    std::set<std::int64_t> owner_ids;
    for (const auto& s : scored)
      if (s.cand->item_kind == "document" && matched_docs.insert(s.cand->item_id).second) {
        facet_docs.push_back(doc_by_id[s.cand->item_id]);
        owner_ids.insert(doc_by_id[s.cand->item_id]->owner_unit_id);
      }
    std::unordered_map<std::int64_t, std::string> unit_names;
    for (auto id : owner_ids)
      if (auto u = store::find_unit(c, id)) unit_names[id] = u->name;
    count_facets(out, facet_docs, unit_names);

    // The page, with sections and snippets.
    const std::size_t begin = std::min<std::size_t>(static_cast<std::size_t>(std::max(request.offset, 0)), scored.size());
    const std::size_t end = std::min<std::size_t>(begin + static_cast<std::size_t>(std::clamp(request.limit, 1, 50)), scored.size());
    std::vector<std::int64_t> section_ids;
    for (std::size_t i = begin; i < end; ++i)
      if (scored[i].cand->section_id) section_ids.push_back(*scored[i].cand->section_id);
    std::unordered_map<std::int64_t, store::SectionRow> sections;
    for (auto& s : store::sections_by_id(c, section_ids)) sections[s.id] = std::move(s);

    for (std::size_t i = begin; i < end; ++i) {
      const auto& cand = *scored[i].cand;
      SearchHit hit;
      hit.item_kind = cand.item_kind;
      hit.item_id = cand.item_id;
      hit.score = scored[i].score;
      std::string source;
      if (cand.item_kind == "document") {
        const auto& d = *doc_by_id[cand.item_id];
        hit.title = d.title;
        hit.number = d.number;
        hit.kind = d.kind;
        if (cand.section_id && sections.count(*cand.section_id)) {
          const auto& s = sections[*cand.section_id];
          hit.section_label = s.label;
          hit.section_anchor = s.anchor;
          source = s.body.empty() ? s.heading : (s.heading.empty() ? s.body : s.heading + "\n" + s.body);
        } else {
          // The card: its number and title (what a number query matched), then the summary.
          source = d.number.empty() ? d.title : d.number + " — " + d.title;
          if (!d.summary.empty()) source += "\n" + d.summary;
        }
      } else {
        const auto& n = *news_by_id[cand.item_id];
        hit.title = n.title;
        source = plain(n.summary + "\n" + n.body);
      }
      // Snippets come from the first few thousand characters: enough for a passage.
      if (source.size() > 6000) {
        std::size_t cut = 6000;
        while (cut > 0 && (static_cast<unsigned char>(source[cut]) & 0xC0) == 0x80) --cut;
        source.resize(cut);
      }
      hit.snippet = search::make_snippet(q, source, search::index_text(source).folded);
      out.results.push_back(std::move(hit));
    }
  });
  return out;
}

}  // namespace sotay::library
