// News of the library: articles written in Markdown with a category, a cover image and an
// audience, the same editorial workflow as documents (draft → submitted → published → withdrawn,
// scheduled publishing, saved versions, the audit log), and the member feed. Every call checks
// the actor's scope.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"
#include "domain/actor.h"
#include "store/news_store.h"

namespace sotay::news {

// The categories, in the order the app shows them. The one list: validation and the app's tabs.
inline constexpr const char* kCategories[] = {"Thời sự",          "Xây dựng Đảng", "Học tập và làm theo Bác",
                                              "Địa phương",       "Gương sáng",    "Chuyển đổi số"};
bool is_category(std::string_view category);

inline constexpr std::size_t kMaxTitleChars = 300;
inline constexpr std::size_t kMaxSummaryChars = 1000;
inline constexpr std::size_t kMaxBodyBytes = 1024 * 1024;
inline constexpr std::size_t kMaxCoverBytes = 10 * 1024 * 1024;  // the upload, before resizing
inline constexpr std::int64_t kNewForSeconds = 7 * 24 * 3600;      // is_new: published this recently, not opened
inline constexpr int kMaxPinnedInFeed = 20;                         // pinned articles atop the first page
inline constexpr int kMaxFeedLimit = 50;

struct NewsInput {
  std::string title, summary;
  std::string body;  // Markdown
  std::string category;
  bool pinned = false;
  std::vector<std::int64_t> audience_unit_ids;  // empty: the owner unit's subtree
  std::optional<std::int64_t> owner_unit_id;    // empty: the editor's own unit
};

// Editors, committees and admins whose grant covers the owner unit.
bool can_edit(const Actor& actor, const std::string& owner_unit_path);

std::int64_t create(db::Database& db, const Actor& actor, NewsInput in);
// `version` is the version the editor started from: 409 when someone saved since. A published
// article is re-indexed for search.
void update(db::Database& db, const Actor& actor, std::int64_t id, NewsInput in, std::int64_t version);

void submit(db::Database& db, const Actor& actor, std::int64_t id);
// Publishes now, or at `publish_at` (unix seconds, in the future) by the scheduler.
void publish(db::Database& db, const Actor& actor, std::int64_t id, std::optional<std::int64_t> publish_at);
void withdraw(db::Database& db, const Actor& actor, std::int64_t id);
// Back to draft (from submitted or withdrawn); `note` to the writer goes to the audit log.
void return_to_draft(db::Database& db, const Actor& actor, std::int64_t id, const std::string& note = "");
// The scheduler: publishes submitted articles whose time has come. Returns how many.
int publish_due(db::Database& db, std::int64_t now);

// Stores `image` (JPEG, PNG or WebP by its bytes; 415 otherwise, 413 over kMaxCoverBytes, 422 when
// it cannot be decoded) resized for phones as `<sha256>.jpg` in `files_dir`, and makes it the cover.
// Returns the key. The previous cover's file stays (keys are content addresses and may be shared).
std::string set_cover(db::Database& db, const Actor& actor, std::int64_t id, const std::string& image,
                      const std::filesystem::path& files_dir);
// The cover's file for a reader of the article (or an editor); 404 when there is none.
std::filesystem::path cover_path(db::Database& db, const Actor& actor, std::int64_t id,
                                 const std::filesystem::path& files_dir);

struct AudienceUnit {
  std::int64_t id = 0;
  std::string name;
};

struct NewsView {
  store::NewsRow news;
  std::vector<AudienceUnit> audience;
  bool can_edit = false;
  bool opened = false, reached_end = false, favourite = false;  // the member's own flags
};
// A published article the actor may read, or any article the actor may edit; else 404.
NewsView get(db::Database& db, const Actor& actor, std::int64_t id);

std::vector<store::VersionRow> versions(db::Database& db, const Actor& actor, std::int64_t id);

// ---- lists ----
struct FeedRequest {
  std::optional<std::string> category;  // 422 when not one of kCategories
  std::optional<std::int64_t> before;   // next_before of the previous page
  int limit = 20;                       // 1..kMaxFeedLimit
};
struct FeedPage {
  std::vector<store::NewsListRow> items;  // pinned first (first page only), then newest first
  std::optional<std::int64_t> next_before;
};
// The member feed: published articles the actor may read. A page never ends inside one second
// of published_at, so `before` (exclusive) can be a plain timestamp.
FeedPage feed(db::Database& db, const Actor& actor, const FeedRequest& request);
// The actor's favourite articles they may still read (none for accounts without a member).
std::vector<store::NewsListRow> favourites(db::Database& db, const Actor& actor);

struct EditorListRequest {
  std::optional<std::string> state;   // 422 when not a state
  std::optional<std::string> cursor;  // next_cursor of the previous page
  int limit = 50;                     // 1..200
};
struct EditorPage {
  std::vector<store::NewsListRow> items;
  std::optional<std::string> next_cursor;
};
// Articles in the editor's scope, any state, the most recently changed first; 403 for non-editors.
EditorPage list_for_editor(db::Database& db, const Actor& actor, const EditorListRequest& request);

// is_new as the app shows it: published within kNewForSeconds of `now` and not opened.
bool is_new(const store::NewsListRow& row, std::int64_t now);

}  // namespace sotay::news
