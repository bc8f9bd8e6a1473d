// Search over the library (documents and news) for one actor: what they may read, ranked the
// same way on both backends, with the structural unit that matched and a highlighted snippet.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "domain/actor.h"
#include "store/search_store.h"

namespace sotay::library {

struct SearchRequest {
  std::string q;
  store::SearchFilters filters;
  std::optional<std::int64_t> unit_id;  // filter: issued by this unit's subtree
  int limit = 20;
  int offset = 0;
};

struct SearchHit {
  std::string item_kind;  // document, news
  std::int64_t item_id = 0;
  std::string title, number, kind;  // document fields (number/kind empty for news)
  std::optional<std::string> section_label, section_anchor;
  std::string snippet;  // HTML-escaped, matches in <mark>
  double score = 0;
};

struct FacetValue {
  std::string value, label;
  std::int64_t count = 0;
};

struct SearchResponse {
  std::string q;
  std::int64_t total = 0;
  std::vector<SearchHit> results;
  std::map<std::string, std::vector<FacetValue>> facets;  // kind, level, year, status, unit
};

SearchResponse search(db::Database& db, const Actor& actor, const SearchRequest& request);

}  // namespace sotay::library
