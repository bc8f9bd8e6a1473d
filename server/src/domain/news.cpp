#include "domain/news.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <nlohmann/json.hpp>

#include "domain/audit.h"
#include "domain/errors.h"
#include "domain/library_access.h"
#include "domain/library_editing.h"
#include "domain/library_index.h"
#include "io/file_type.h"
#include "io/image_resize.h"
#include "store/units_store.h"
#include "util/crypto.h"
#include "util/time.h"

namespace sotay::news {

namespace {

constexpr const char* kNotFound = "Không tìm thấy tin bài.";
constexpr const char* kNoun = "tin bài";

void validate(NewsInput& in) {
  std::vector<FieldError> errors;
  in.title = library::trimmed(std::move(in.title));
  in.summary = library::trimmed(std::move(in.summary));
  in.category = library::trimmed(std::move(in.category));
  if (in.title.empty()) errors.push_back({"title", "Vui lòng nhập tiêu đề."});
  if (library::utf8_length(in.title) > kMaxTitleChars) errors.push_back({"title", "Tiêu đề dài quá 300 ký tự."});
  if (library::utf8_length(in.summary) > kMaxSummaryChars) errors.push_back({"summary", "Tóm tắt dài quá 1.000 ký tự."});
  if (in.body.size() > kMaxBodyBytes) errors.push_back({"body", "Nội dung tin bài quá dài (tối đa 1 MB)."});
  if (!is_category(in.category)) errors.push_back({"category", "Chuyên mục không hợp lệ."});
  if (in.audience_unit_ids.size() > 200) errors.push_back({"audience_unit_ids", "Tối đa 200 tổ chức đảng nhận tin."});
  if (!errors.empty()) throw Error(ErrorCode::validation_failed, "Thông tin tin bài chưa hợp lệ.", std::move(errors));
}

std::optional<std::int64_t> actor_account(const Actor& actor) {
  return actor.account_id ? std::optional<std::int64_t>(actor.account_id) : std::nullopt;
}

// Resolves the owner and the audience, and checks the actor may publish there.
store::NewsRow to_row(db::Connection& c, const Actor& actor, NewsInput& in) {
  store::NewsRow n;
  n.title = in.title;
  n.summary = in.summary;
  n.body = in.body;
  n.category = in.category;
  n.pinned = in.pinned;
  n.owner_unit_id = in.owner_unit_id ? *in.owner_unit_id : library::default_owner(c, actor);
  auto owner = library::unit_or_fail(c, n.owner_unit_id, "owner_unit_id");
  n.owner_unit_path = owner.path;
  library::check_owner_and_audience(c, actor, owner, in.audience_unit_ids, kNoun);
  return n;
}

nlohmann::json opt(const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }

nlohmann::json snapshot(const store::NewsRow& n) {
  return {{"title", n.title},       {"summary", n.summary}, {"category", n.category},
          {"pinned", n.pinned},     {"state", n.state},     {"version", n.version},
          {"owner_unit_id", n.owner_unit_id}, {"cover_key", opt(n.cover_key)}, {"body", n.body}};
}

nlohmann::json brief(const store::NewsRow& n) {
  return {{"title", n.title}, {"category", n.category}, {"pinned", n.pinned}, {"state", n.state}, {"version", n.version}};
}

// The article for a write: 404 when unknown (or unreadable), 403 when readable but not the actor's to edit.
store::NewsRow editable_or_fail(db::Connection& c, const Actor& actor, std::int64_t id) {
  auto n = store::find_news(c, id);
  if (!n) throw not_found(kNotFound);
  if (!can_edit(actor, n->owner_unit_path)) {
    if (library::can_read(c, actor, library::ItemKind::news, id))
      throw Error(ErrorCode::forbidden, "Bạn không có quyền sửa tin bài của tổ chức đảng khác.");
    throw not_found(kNotFound);
  }
  return *n;
}

void transition(db::Database& db, const Actor& actor, std::int64_t id, library::Step step,
                std::optional<std::int64_t> publish_at, const std::string& note = "") {
  db.write([&](db::Connection& c) {
    auto n = editable_or_fail(c, actor, id);
    const auto now = timeutil::now_unix();
    auto next = library::next_state(step, n.state, publish_at, now,
                                    "Không thể thực hiện thao tác này với tin bài đang ở trạng thái hiện tại.");
    const auto before = brief(n);
    store::set_news_state(c, id, next.state, next.publish_at, next.published_at, now);
    n.state = next.state;
    if (next.published_at) n.published_at = next.published_at;
    if (n.state == "published")
      library::index_news(c, id, n.title, n.summary, n.body);
    else
      library::unindex(c, library::ItemKind::news, id);
    auto after = brief(n);
    if (next.publish_at) after["publish_at"] = *next.publish_at;
    if (!note.empty()) after["note"] = note;
    audit::record(c, actor, std::string("news.") + library::step_name(step), "news", id, n.owner_unit_id, before, after);
  });
}

bool valid_cover_key(std::string_view key) {
  if (key.size() != 64 + 4 || key.substr(64) != ".jpg") return false;
  return std::all_of(key.begin(), key.begin() + 64, [](char ch) { return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'); });
}

// Writes the file once under its content address (a crash leaves at most a temp file).
void store_file(const std::filesystem::path& dir, const std::string& key, const std::string& bytes) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const auto target = dir / key;
  if (std::filesystem::exists(target, ec)) return;
  const auto temp = dir / (key + ".tmp-" + crypto::random_token(6));
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      std::filesystem::remove(temp, ec);
      throw std::runtime_error("cannot write " + temp.string());
    }
  }
  std::filesystem::rename(temp, target);
}

}  // namespace

bool is_category(std::string_view category) {
  return std::any_of(std::begin(kCategories), std::end(kCategories), [&](const char* c) { return category == c; });
}

bool can_edit(const Actor& actor, const std::string& owner_unit_path) { return library::can_edit(actor, owner_unit_path); }

std::int64_t create(db::Database& db, const Actor& actor, NewsInput in) {
  validate(in);
  return db.write_value([&](db::Connection& c) {
    auto n = to_row(c, actor, in);
    n.state = "draft";
    n.created_by = actor_account(actor);
    n.created_at = n.updated_at = timeutil::now_unix();
    n.id = store::insert_news(c, n);
    store::replace_item_audience(c, "news", n.id, in.audience_unit_ids);
    audit::record(c, actor, "news.create", "news", n.id, n.owner_unit_id, nullptr, brief(n));
    return n.id;
  });
}

void update(db::Database& db, const Actor& actor, std::int64_t id, NewsInput in, std::int64_t version) {
  validate(in);
  db.write([&](db::Connection& c) {
    auto old = editable_or_fail(c, actor, id);
    auto n = to_row(c, actor, in);
    n.id = id;
    n.state = old.state;
    n.cover_key = old.cover_key;
    n.published_at = old.published_at;
    n.publish_at = old.publish_at;
    n.updated_at = timeutil::now_unix();
    if (old.version != version || !store::update_news(c, n, version))
      throw Error(ErrorCode::conflict, "Người khác vừa sửa tin bài này. Vui lòng tải lại để xem bản mới nhất.");
    store::insert_news_version(c, id, old.version, snapshot(old).dump(), actor_account(actor), n.updated_at);
    n.version = old.version + 1;
    store::replace_item_audience(c, "news", id, in.audience_unit_ids);
    if (n.state == "published") library::index_news(c, id, n.title, n.summary, n.body);
    audit::record(c, actor, "news.update", "news", id, n.owner_unit_id, brief(old), brief(n));
  });
}

void submit(db::Database& db, const Actor& actor, std::int64_t id) {
  transition(db, actor, id, library::Step::submit, std::nullopt);
}
void publish(db::Database& db, const Actor& actor, std::int64_t id, std::optional<std::int64_t> publish_at) {
  transition(db, actor, id, library::Step::publish, publish_at);
}
void withdraw(db::Database& db, const Actor& actor, std::int64_t id) {
  transition(db, actor, id, library::Step::withdraw, std::nullopt);
}
void return_to_draft(db::Database& db, const Actor& actor, std::int64_t id, const std::string& note) {
  if (library::utf8_length(note) > 2000)
    throw Error(ErrorCode::validation_failed, "Ghi chú dài quá 2.000 ký tự.", {{"note", "Dài quá 2.000 ký tự."}});
  transition(db, actor, id, library::Step::to_draft, std::nullopt, library::trimmed(note));
}

int publish_due(db::Database& db, std::int64_t now) {
  auto due = db.read_value([&](db::Connection& c) { return store::news_due(c, now); });
  int count = 0;
  for (auto id : due) {
    db.write([&](db::Connection& c) {
      auto n = store::find_news(c, id);
      if (!n || n->state != "submitted" || !n->publish_at || *n->publish_at > now) return;
      store::set_news_state(c, id, "published", std::nullopt, now, now);
      n->state = "published";
      n->published_at = now;
      library::index_news(c, id, n->title, n->summary, n->body);
      Actor system;
      audit::record(c, system, "news.publish_scheduled", "news", id, n->owner_unit_id, nullptr, brief(*n));
      ++count;
    });
  }
  return count;
}

std::string set_cover(db::Database& db, const Actor& actor, std::int64_t id, const std::string& image,
                      const std::filesystem::path& files_dir) {
  // Who may, before any decoding work.
  db.read([&](db::Connection& c) { editable_or_fail(c, actor, id); });
  if (image.size() > kMaxCoverBytes)
    throw Error(ErrorCode::payload_too_large, "Ảnh bìa quá lớn (tối đa 10 MB).");
  const auto type = io::sniff_file_type(std::string_view(image).substr(0, 4096));
  if (type != io::FileType::jpeg && type != io::FileType::png && type != io::FileType::webp)
    throw Error(ErrorCode::unsupported_media_type, "Ảnh bìa phải là ảnh JPEG, PNG hoặc WebP.");
  io::ResizedImage resized;
  try {
    resized = io::resize_cover(image);
  } catch (const io::ExtractError& e) {
    throw Error(ErrorCode::validation_failed, e.what(), {{"cover", e.what()}});
  }
  const auto key = crypto::sha256_hex(resized.bytes) + ".jpg";
  store_file(files_dir, key, resized.bytes);
  db.write([&](db::Connection& c) {
    auto n = editable_or_fail(c, actor, id);
    store::set_news_cover(c, id, key, timeutil::now_unix());
    audit::record(c, actor, "news.cover", "news", id, n.owner_unit_id, {{"cover_key", opt(n.cover_key)}},
                  {{"cover_key", key}, {"width", resized.width}, {"height", resized.height}});
  });
  return key;
}

std::filesystem::path cover_path(db::Database& db, const Actor& actor, std::int64_t id,
                                 const std::filesystem::path& files_dir) {
  auto key = db.read_value([&](db::Connection& c) {
    auto n = store::find_news(c, id, false);
    if (!n) throw not_found(kNotFound);
    if (!can_edit(actor, n->owner_unit_path) && !library::can_read(c, actor, library::ItemKind::news, id))
      throw not_found(kNotFound);
    return n->cover_key.value_or("");
  });
  if (!valid_cover_key(key)) throw not_found("Tin bài chưa có ảnh bìa.");
  auto path = files_dir / key;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw not_found("Không tìm thấy ảnh bìa.");
  return path;
}

NewsView get(db::Database& db, const Actor& actor, std::int64_t id) {
  return db.read_value([&](db::Connection& c) {
    auto n = store::find_news(c, id);
    if (!n) throw not_found(kNotFound);
    NewsView v;
    v.can_edit = can_edit(actor, n->owner_unit_path);
    if (!v.can_edit && !library::can_read(c, actor, library::ItemKind::news, id)) throw not_found(kNotFound);
    for (auto unit_id : store::item_audience(c, "news", id))
      if (auto u = store::find_unit(c, unit_id)) v.audience.push_back({u->id, u->name});
    if (actor.member_id) {
      auto flags = store::news_reader_flags(c, *actor.member_id, id);
      v.opened = flags.opened;
      v.reached_end = flags.reached_end;
      v.favourite = flags.favourite;
    }
    v.news = std::move(*n);
    return v;
  });
}

std::vector<store::VersionRow> versions(db::Database& db, const Actor& actor, std::int64_t id) {
  return db.read_value([&](db::Connection& c) {
    editable_or_fail(c, actor, id);
    return store::news_versions(c, id);
  });
}

std::vector<store::NewsListRow> favourites(db::Database& db, const Actor& actor) {
  if (!actor.member_id) return {};
  const auto scope = library::audience_scope(actor);
  return db.read_value([&](db::Connection& c) { return store::favourite_news(c, scope, *actor.member_id); });
}

FeedPage feed(db::Database& db, const Actor& actor, const FeedRequest& request) {
  if (request.category && !is_category(*request.category))
    throw Error(ErrorCode::validation_failed, "Chuyên mục không hợp lệ.", {{"category", "Chuyên mục không hợp lệ."}});
  const int limit = std::clamp(request.limit, 1, kMaxFeedLimit);
  store::NewsFeedQuery q;
  q.category = request.category;
  q.before = request.before;
  q.limit = limit + 1;  // one more tells whether there is a next page
  q.pinned_limit = request.before ? 0 : kMaxPinnedInFeed;
  q.member_id = actor.member_id;
  const auto scope = library::audience_scope(actor);
  return db.read_value([&](db::Connection& c) {
    FeedPage page;
    page.items = store::news_feed(c, scope, q);
    const auto first_stream = static_cast<std::size_t>(
        std::find_if(page.items.begin(), page.items.end(), [](const auto& r) { return !r.news.pinned; }) -
        page.items.begin());
    const auto stream_size = page.items.size() - first_stream;
    if (stream_size <= static_cast<std::size_t>(limit)) return page;
    // A next page exists. Never end a page inside one second: `before` is exclusive.
    auto at = [&](std::size_t i) { return page.items[first_stream + i].news.published_at.value_or(0); };
    const auto last = at(static_cast<std::size_t>(limit) - 1);
    if (at(static_cast<std::size_t>(limit)) != last) {
      page.items.resize(first_stream + static_cast<std::size_t>(limit));
      page.next_before = last;
      return page;
    }
    std::size_t k = static_cast<std::size_t>(limit) - 1;
    while (k > 0 && at(k - 1) == last) --k;
    if (k > 0) {  // end before the tied group; the next page starts with it
      page.items.resize(first_stream + k);
      page.next_before = last + 1;
      return page;
    }
    // The whole page is one second (rare: a batch published together): take all of that second,
    // and look whether anything older follows.
    page.items.resize(first_stream);
    for (auto& r : store::news_published_at(c, scope, q.category, last, q.member_id)) page.items.push_back(std::move(r));
    auto probe = q;
    probe.before = last;
    probe.limit = 1;
    probe.pinned_limit = 0;
    probe.member_id.reset();
    if (!store::news_feed(c, scope, probe).empty()) page.next_before = last;
    return page;
  });
}

EditorPage list_for_editor(db::Database& db, const Actor& actor, const EditorListRequest& request) {
  auto paths = library::editing_paths(actor);
  if (paths.empty()) throw Error(ErrorCode::forbidden, "Bạn không có quyền biên tập tin bài.");
  store::NewsEditorQuery q;
  if (request.state) {
    const auto& s = *request.state;
    if (s != "draft" && s != "submitted" && s != "published" && s != "withdrawn")
      throw Error(ErrorCode::validation_failed, "Trạng thái không hợp lệ.", {{"state", "Trạng thái không hợp lệ."}});
    q.state = s;
  }
  if (request.cursor) {
    // "<updated_at>.<id>"
    const auto& s = *request.cursor;
    const auto dot = s.find('.');
    std::int64_t at = 0, id = 0;
    bool ok = dot != std::string::npos;
    if (ok) {
      auto r1 = std::from_chars(s.data(), s.data() + dot, at);
      auto r2 = std::from_chars(s.data() + dot + 1, s.data() + s.size(), id);
      ok = r1.ec == std::errc() && r1.ptr == s.data() + dot && r2.ec == std::errc() && r2.ptr == s.data() + s.size();
    }
    if (!ok) throw Error(ErrorCode::bad_request, "Tham số \"cursor\" không hợp lệ.", {{"cursor", "Không hợp lệ."}});
    q.after = std::make_pair(at, id);
  }
  const int limit = std::clamp(request.limit, 1, 200);
  q.limit = limit + 1;
  q.member_id = actor.member_id;
  EditorPage page;
  page.items = db.read_value([&](db::Connection& c) { return store::list_news_for_editor(c, paths, q); });
  if (page.items.size() > static_cast<std::size_t>(limit)) {
    page.items.resize(static_cast<std::size_t>(limit));
    const auto& last = page.items.back().news;
    page.next_cursor = std::to_string(last.updated_at) + "." + std::to_string(last.id);
  }
  return page;
}

bool is_new(const store::NewsListRow& row, std::int64_t now) {
  return row.news.published_at && *row.news.published_at >= now - kNewForSeconds && !row.opened;
}

}  // namespace sotay::news
