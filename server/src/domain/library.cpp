#include "domain/library.h"

#include <charconv>

#include "domain/errors.h"
#include "domain/library_access.h"
#include "store/library_store.h"
#include "util/time.h"

namespace sotay::library {

namespace {
constexpr std::int64_t kNewForSeconds = 14 * 24 * 3600;

std::optional<std::pair<std::int64_t, std::int64_t>> parse_cursor(const std::string& s) {
  auto colon = s.find(':');
  if (colon == std::string::npos) return std::nullopt;
  std::int64_t a = 0, b = 0;
  if (std::from_chars(s.data(), s.data() + colon, a).ec != std::errc()) return std::nullopt;
  if (std::from_chars(s.data() + colon + 1, s.data() + s.size(), b).ec != std::errc()) return std::nullopt;
  return std::make_pair(a, b);
}
}  // namespace

std::vector<DocumentSummary> summarize(db::Connection& c, const Actor& actor, std::vector<store::DocumentRow> rows) {
  std::vector<std::int64_t> ids;
  for (const auto& r : rows) ids.push_back(r.id);
  auto topics = store::topics_of(c, ids);
  std::map<std::int64_t, store::ReadState> read;
  std::set<std::int64_t> favourites;
  std::map<std::int64_t, std::string> deadlines;
  if (actor.member_id) {
    read = store::read_states(c, *actor.member_id, "document", ids);
    favourites = store::favourite_set(c, *actor.member_id, "document", ids);
    deadlines = store::required_deadlines(c, audience_scope(actor).unit_ids, ids);
  }
  const auto now = timeutil::now_unix();
  std::vector<DocumentSummary> out;
  for (auto& r : rows) {
    DocumentSummary s;
    s.topics = topics[r.id];
    auto rs = read.find(r.id);
    s.opened = rs != read.end();
    s.reached_end = s.opened && rs->second.reached_end;
    s.favourite = favourites.count(r.id) > 0;
    if (auto d = deadlines.find(r.id); d != deadlines.end()) s.required_deadline = d->second;
    s.is_new = !s.opened && r.published_at && now - *r.published_at < kNewForSeconds;
    s.doc = std::move(r);
    out.push_back(std::move(s));
  }
  return out;
}

DocumentPage browse(db::Database& db, const Actor& actor, BrowseRequest request) {
  auto& f = request.filter;
  f.limit = std::clamp(f.limit, 1, 100);
  if (request.cursor && !request.cursor->empty()) {
    auto cur = parse_cursor(*request.cursor);
    if (!cur) throw bad_request("Tham số phân trang không hợp lệ.");
    f.before_published_at = cur->first;
    f.before_id = cur->second;
  }
  return db.read_value([&](db::Connection& c) {
    DocumentPage page;
    auto rows = store::list_published_documents(c, audience_scope(actor), f);
    if (static_cast<int>(rows.size()) == f.limit && rows.back().published_at)
      page.next_cursor = std::to_string(*rows.back().published_at) + ":" + std::to_string(rows.back().id);
    page.documents = summarize(c, actor, std::move(rows));
    return page;
  });
}

std::map<std::string, std::vector<store::FacetCount>> facets(db::Database& db, const Actor& actor) {
  return db.read_value([&](db::Connection& c) {
    std::map<std::string, std::vector<store::FacetCount>> out;
    const auto scope = audience_scope(actor);
    for (const char* column : {"kind", "level", "topic", "year"}) out[column] = store::document_facet(c, scope, column);
    return out;
  });
}

std::vector<DocumentSummary> favourite_documents(db::Database& db, const Actor& actor) {
  if (!actor.member_id) return {};
  return db.read_value([&](db::Connection& c) {
    auto ids = store::favourite_ids_all(c, *actor.member_id, "document");
    std::vector<store::DocumentRow> rows;
    const auto scope = audience_scope(actor);
    for (auto& d : store::documents_by_id(c, ids))
      if (d.state == "published" && store::item_visible(c, scope, "document", d.id)) rows.push_back(std::move(d));
    return summarize(c, actor, std::move(rows));
  });
}

}  // namespace sotay::library
