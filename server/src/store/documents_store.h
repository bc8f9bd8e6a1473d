// SQL for documents: the record, its sections, topics, relations and saved versions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "store/library_store.h"

namespace sotay::store {

struct DocumentRow {
  std::int64_t id = 0;
  std::string kind, number, number_key, title, summary, issuer, level;
  std::optional<std::string> issued_on, effective_on;
  std::string legal_status = "in_force";
  std::optional<std::int64_t> superseded_by;
  std::string state = "draft";
  std::optional<std::int64_t> publish_at, published_at;
  std::int64_t owner_unit_id = 0;
  std::string owner_unit_path;  // filled by reads
  std::string body;
  std::optional<std::string> source_key;
  std::int64_t version = 1;
  std::optional<std::int64_t> created_by;
  std::int64_t created_at = 0, updated_at = 0;
};

struct SectionRow {
  std::int64_t id = 0;
  int ord = 0;
  std::optional<int> parent_ord;
  int depth = 0;
  std::string kind, label, anchor, heading, body;
};

struct RelationRow {
  std::string relation;
  std::int64_t target_id = 0;
  std::string target_number, target_title;
};

struct VersionRow {
  std::int64_t version = 0;
  std::int64_t at = 0;
  std::string actor_login;
  std::string snapshot_json;
};

std::optional<DocumentRow> find_document(db::Connection& c, std::int64_t id, bool with_body = true);
std::optional<std::int64_t> find_document_by_source_key(db::Connection& c, const std::string& key);
std::int64_t insert_document(db::Connection& c, const DocumentRow& d);
// Writes every editable column and bumps the version when it still equals `expected_version`.
// Returns false when someone saved first.
bool update_document(db::Connection& c, const DocumentRow& d, std::int64_t expected_version);
void set_document_state(db::Connection& c, std::int64_t id, const std::string& state,
                        std::optional<std::int64_t> publish_at, std::optional<std::int64_t> published_at,
                        std::int64_t now);
void set_document_body(db::Connection& c, std::int64_t id, const std::string& body, std::int64_t now);
// Sets legal status 'superseded' and the replacing document.
void mark_superseded(db::Connection& c, std::int64_t id, std::int64_t by);
// Submitted items whose publish_at has come.
std::vector<std::int64_t> documents_due(db::Connection& c, std::int64_t now);

std::vector<SectionRow> document_sections(db::Connection& c, std::int64_t document_id);
// Section ids by ord, after a replace (for the search index).
std::vector<std::int64_t> replace_document_sections(db::Connection& c, std::int64_t document_id,
                                                    const std::vector<SectionRow>& sections);
std::vector<SectionRow> sections_by_id(db::Connection& c, const std::vector<std::int64_t>& ids);

std::vector<std::string> document_topics(db::Connection& c, std::int64_t document_id);
void replace_document_topics(db::Connection& c, std::int64_t document_id, const std::vector<std::string>& topics);
std::vector<RelationRow> document_relations(db::Connection& c, std::int64_t document_id);
void replace_document_relations(db::Connection& c, std::int64_t document_id, const std::vector<RelationRow>& rels);

void insert_document_version(db::Connection& c, std::int64_t document_id, std::int64_t version,
                             const std::string& snapshot_json, std::optional<std::int64_t> actor, std::int64_t at);
std::vector<VersionRow> document_versions(db::Connection& c, std::int64_t document_id);

// The member library: published documents readable under `scope`, newest first.
struct DocumentListFilter {
  std::optional<std::string> kind, level, legal_status, year, topic;
  std::optional<std::int64_t> before_published_at, before_id;  // cursor
  int limit = 30;
};
std::vector<DocumentRow> list_published_documents(db::Connection& c, const AudienceScope& scope,
                                                  const DocumentListFilter& f);
struct FacetCount {
  std::string value;
  std::int64_t count = 0;
};
// Counts of readable published documents by `column` (kind, level, legal_status, year, topic).
std::vector<FacetCount> document_facet(db::Connection& c, const AudienceScope& scope, const std::string& column);

// Editors: every document whose owner unit lies in one of `owner_paths` ("" = all), any state.
std::vector<DocumentRow> list_documents_for_editor(db::Connection& c, const std::vector<std::string>& owner_paths,
                                                   const std::optional<std::string>& state, int limit);
// What search results show, for ids: only columns stored before the body, so SQLite never
// walks a long body's overflow pages to reach them (id, kind, number, title, summary, issuer,
// level, dates, legal status, owner, published_at).
std::vector<DocumentRow> document_cards_by_id(db::Connection& c, const std::vector<std::int64_t>& ids);
// Summaries for ids (search results, favourites), any order.
std::vector<DocumentRow> documents_by_id(db::Connection& c, const std::vector<std::int64_t>& ids);

}  // namespace sotay::store
