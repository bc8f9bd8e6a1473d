// The member's library: published documents they may read, with what they have done with each
// (opened, finished, favourite, required by a deadline), filters and counts for browsing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "domain/actor.h"
#include "store/documents_store.h"

namespace sotay::library {

struct DocumentSummary {
  store::DocumentRow doc;  // without body
  std::vector<std::string> topics;
  bool is_new = false;  // published in the last 14 days and not yet opened
  bool opened = false, reached_end = false, favourite = false;
  std::optional<std::string> required_deadline;
};

struct DocumentPage {
  std::vector<DocumentSummary> documents;
  std::optional<std::string> next_cursor;  // "published_at:id"
};

struct BrowseRequest {
  store::DocumentListFilter filter;
  std::optional<std::string> cursor;
};

DocumentPage browse(db::Database& db, const Actor& actor, BrowseRequest request);
// Counts by kind, level, topic and year over what the actor may read.
std::map<std::string, std::vector<store::FacetCount>> facets(db::Database& db, const Actor& actor);
// The actor's favourite documents.
std::vector<DocumentSummary> favourite_documents(db::Database& db, const Actor& actor);
// Adds badges (read state, favourite, required, new) to rows, in one query per kind of badge.
std::vector<DocumentSummary> summarize(db::Connection& c, const Actor& actor, std::vector<store::DocumentRow> rows);

}  // namespace sotay::library
