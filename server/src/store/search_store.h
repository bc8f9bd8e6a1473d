// SQL for the search index: passages in `search_entries`, candidates from the backend's
// full-text index (SQLite FTS5 / PostgreSQL tsvector), term statistics for BM25.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "store/library_store.h"

namespace sotay::store {

struct SearchEntryInput {
  std::string item_kind;  // document, news
  std::int64_t item_id = 0;
  std::optional<std::int64_t> section_id;
  std::string exact, folded;
  int length = 0;
};

// Adds passages and keeps term document frequencies and totals in step.
void index_search_entries(db::Connection& c, const std::vector<SearchEntryInput>& entries);
// Removes every passage of an item (before re-indexing it, or when it is withdrawn).
void remove_search_entries(db::Connection& c, const std::string& item_kind, std::int64_t item_id);

enum class MatchMode { phrase, all_terms, any_term };

struct SearchFilters {
  std::optional<std::string> kind, level, legal_status, year;  // documents only
  std::optional<std::string> owner_path;                        // issuing unit's subtree
  bool documents_only() const { return kind || level || legal_status || year || owner_path; }
};

struct SearchCandidate {
  std::int64_t entry_id = 0;
  std::string item_kind;
  std::int64_t item_id = 0;
  std::optional<std::int64_t> section_id;
  std::string exact, folded;
  int length = 0;
};

// Up to `limit` passages matching the folded `terms` in `mode`, readable under `scope`. When
// `ordered`, best first by the backend's own rank (which scores every match: only affordable for
// small match sets); otherwise the first matches found. The real ranking is search/ranking's.
std::vector<SearchCandidate> find_search_candidates(db::Connection& c, const std::vector<std::string>& terms,
                                                    MatchMode mode, const AudienceScope& scope,
                                                    const SearchFilters& filters, int limit, bool ordered = true);

struct TermStats {
  std::int64_t entries = 0;
  std::int64_t total_length = 0;
  std::map<std::string, std::int64_t> df;
};
TermStats search_term_stats(db::Connection& c, const std::vector<std::string>& terms);

// Published documents whose number_key has `digits` as one of its parts (number lookup).
struct NumberHit {
  std::int64_t document_id = 0;
  std::string number_key;
};
std::vector<NumberHit> documents_with_number(db::Connection& c, const std::string& digits,
                                             const AudienceScope& scope, const SearchFilters& filters);

}  // namespace sotay::store
