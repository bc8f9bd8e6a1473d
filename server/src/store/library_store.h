// SQL shared by the library's items (documents and news): audiences and the visibility filter.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "db/database.h"

namespace sotay::store {

// Who is asking, as the audience test needs it (built by library::audience_scope).
struct AudienceScope {
  bool everything = false;                 // admin over the whole tree
  std::vector<std::int64_t> unit_ids;      // the actor's unit and its ancestors: audiences that cover them
  std::vector<std::string> subtree_paths;  // privileged scopes: audiences inside these count too
};

// Appends to `sql` a condition true when the item (columns `kind_sql`, `id_sql` of the outer
// query) has an audience unit the scope reaches. Values go to `params` as $n.
void append_audience_condition(std::string& sql, db::Params& params, const AudienceScope& scope,
                               const std::string& kind_sql, const std::string& id_sql);

std::vector<std::int64_t> item_audience(db::Connection& c, const std::string& item_kind, std::int64_t item_id);
void replace_item_audience(db::Connection& c, const std::string& item_kind, std::int64_t item_id,
                           const std::vector<std::int64_t>& unit_ids);

// 'published' state of an item, or "" when it does not exist.
std::string item_state(db::Connection& c, const std::string& item_kind, std::int64_t item_id);
bool item_visible(db::Connection& c, const AudienceScope& scope, const std::string& item_kind, std::int64_t item_id);

}  // namespace sotay::store

namespace sotay::store {
struct NewsText {
  std::int64_t id = 0;
  std::string title, summary, body;
};
// Title and text of news articles (search results).
std::vector<NewsText> news_texts(db::Connection& c, const std::vector<std::int64_t>& ids);
}  // namespace sotay::store

namespace sotay::store {
// What a member has done with items, for list badges (one query each, for a page of ids).
struct ReadState {
  bool opened = false, reached_end = false;
};
std::map<std::int64_t, ReadState> read_states(db::Connection& c, std::int64_t member_id, const std::string& item_kind,
                                              const std::vector<std::int64_t>& ids);
std::set<std::int64_t> favourite_set(db::Connection& c, std::int64_t member_id, const std::string& item_kind,
                                     const std::vector<std::int64_t>& ids);
std::vector<std::int64_t> favourite_ids_all(db::Connection& c, std::int64_t member_id, const std::string& item_kind);
// Earliest deadline of a required reading addressed to one of `unit_ids` (the member's unit and ancestors).
std::map<std::int64_t, std::string> required_deadlines(db::Connection& c, const std::vector<std::int64_t>& unit_ids,
                                                       const std::vector<std::int64_t>& document_ids);
std::map<std::int64_t, std::vector<std::string>> topics_of(db::Connection& c, const std::vector<std::int64_t>& ids);
}  // namespace sotay::store

namespace sotay::store {
struct AttachmentBrief {
  std::int64_t id = 0;
  std::string file_name, content_type, extract_state;
  std::int64_t size = 0, extract_done = 0, extract_total = 0;
  std::optional<std::string> extract_error;
};
std::vector<AttachmentBrief> attachments_of(db::Connection& c, const std::string& item_kind, std::int64_t item_id);
}  // namespace sotay::store
