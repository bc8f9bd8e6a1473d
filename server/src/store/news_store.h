// SQL for news: the article, its saved versions, the member feed and the editors' list.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "store/documents_store.h"  // VersionRow
#include "store/library_store.h"

namespace sotay::store {

struct NewsRow {
  std::int64_t id = 0;
  std::string title, summary, body, category;
  std::optional<std::string> cover_key;
  bool pinned = false;
  std::string state = "draft";
  std::optional<std::int64_t> publish_at, published_at;
  std::int64_t owner_unit_id = 0;
  std::string owner_unit_path;  // filled by reads
  std::int64_t version = 1;
  std::optional<std::int64_t> created_by;
  std::int64_t created_at = 0, updated_at = 0;
};

// A row of a list, with the reader's own flags (all false when no member is given).
struct NewsListRow {
  NewsRow news;  // without the body
  bool opened = false, reached_end = false, favourite = false;
};

std::optional<NewsRow> find_news(db::Connection& c, std::int64_t id, bool with_body = true);
std::int64_t insert_news(db::Connection& c, const NewsRow& n);
// Writes every editable column and bumps the version when it still equals `expected_version`.
// Returns false when someone saved first.
bool update_news(db::Connection& c, const NewsRow& n, std::int64_t expected_version);
void set_news_state(db::Connection& c, std::int64_t id, const std::string& state, std::optional<std::int64_t> publish_at,
                    std::optional<std::int64_t> published_at, std::int64_t now);
void set_news_cover(db::Connection& c, std::int64_t id, const std::string& cover_key, std::int64_t now);
// Submitted articles whose publish_at has come.
std::vector<std::int64_t> news_due(db::Connection& c, std::int64_t now);

void insert_news_version(db::Connection& c, std::int64_t news_id, std::int64_t version, const std::string& snapshot_json,
                         std::optional<std::int64_t> actor, std::int64_t at);
std::vector<VersionRow> news_versions(db::Connection& c, std::int64_t news_id);

// The member's flags for one article.
struct NewsReaderFlags {
  bool opened = false, reached_end = false, favourite = false;
};
NewsReaderFlags news_reader_flags(db::Connection& c, std::int64_t member_id, std::int64_t news_id);

// The member feed: published articles readable under `scope`, one statement. Pinned articles
// (at most `pinned_limit`, newest first) come first when `pinned_limit` > 0; then unpinned ones
// with published_at < `before` (when given), newest first, at most `limit`. Ties on published_at
// are ordered by id, newest first. The reader's flags come from the same statement.
struct NewsFeedQuery {
  std::optional<std::string> category;
  std::optional<std::int64_t> before;
  int limit = 20;
  int pinned_limit = 0;
  std::optional<std::int64_t> member_id;
};
std::vector<NewsListRow> news_feed(db::Connection& c, const AudienceScope& scope, const NewsFeedQuery& q);
// Unpinned readable articles published exactly at `published_at` (to finish a page that a limit
// would cut inside one second).
std::vector<NewsListRow> news_published_at(db::Connection& c, const AudienceScope& scope,
                                           const std::optional<std::string>& category, std::int64_t published_at,
                                           std::optional<std::int64_t> member_id);

// Editors: articles whose owner unit lies in one of `owner_paths` ("" = all), any state, the
// most recently changed first; `after` = (updated_at, id) of the last row of the previous page.
struct NewsEditorQuery {
  std::optional<std::string> state;
  std::optional<std::pair<std::int64_t, std::int64_t>> after;
  int limit = 50;
  std::optional<std::int64_t> member_id;
};
// The member's favourite articles that are still published and readable, newest first.
std::vector<NewsListRow> favourite_news(db::Connection& c, const AudienceScope& scope, std::int64_t member_id);
std::vector<NewsListRow> list_news_for_editor(db::Connection& c, const std::vector<std::string>& owner_paths,
                                              const NewsEditorQuery& q);

}  // namespace sotay::store
