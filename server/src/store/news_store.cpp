#include "store/news_store.h"

#include "store/sql_params.h"
#include "store/units_store.h"

namespace sotay::store {

namespace {

constexpr const char* kNewsColumns =
    "n.id, n.title, n.summary, n.category, n.cover_key, n.pinned, n.state, n.publish_at, n.published_at, "
    "n.owner_unit_id, u.path, n.version, n.created_by, n.created_at, n.updated_at";

NewsRow read_news(const db::Row& r) {
  NewsRow n;
  n.id = r.integer(0);
  n.title = r.text(1);
  n.summary = r.text(2);
  n.category = r.text(3);
  n.cover_key = r.opt_text(4);
  n.pinned = r.integer(5) != 0;
  n.state = r.text(6);
  n.publish_at = r.opt_integer(7);
  n.published_at = r.opt_integer(8);
  n.owner_unit_id = r.integer(9);
  n.owner_unit_path = r.text(10);
  n.version = r.integer(11);
  n.created_by = r.opt_integer(12);
  n.created_at = r.integer(13);
  n.updated_at = r.integer(14);
  return n;
}

// List rows: the article without its body, then opened, reached_end, favourite.
constexpr const char* kListColumns =
    "n.id AS id, n.title AS title, n.summary AS summary, n.category AS category, n.cover_key AS cover_key, "
    "n.pinned AS pinned, n.state AS state, n.publish_at AS publish_at, n.published_at AS published_at, "
    "n.owner_unit_id AS owner_unit_id, n.version AS version, n.updated_at AS updated_at";

// The reader's flags joined in (one primary-key probe per row), or constants without a member.
void append_flags(std::string& select, std::string& joins, db::Params& p, std::optional<std::int64_t> member_id) {
  if (!member_id) {
    select += ", 0 AS opened, 0 AS reached_end, 0 AS favourite";
    return;
  }
  const auto m = arg(p, *member_id);
  select +=
      ", CASE WHEN r.member_id IS NULL THEN 0 ELSE 1 END AS opened"
      ", CASE WHEN r.reached_end_at IS NULL THEN 0 ELSE 1 END AS reached_end"
      ", CASE WHEN f.member_id IS NULL THEN 0 ELSE 1 END AS favourite";
  joins += " LEFT JOIN reading_records r ON r.member_id = " + m +
           " AND r.item_kind = 'news' AND r.item_id = n.id"
           " LEFT JOIN favourites f ON f.member_id = " + m + " AND f.item_kind = 'news' AND f.item_id = n.id";
}

NewsListRow read_list_row(const db::Row& r) {
  NewsListRow out;
  auto& n = out.news;
  n.id = r.integer(0);
  n.title = r.text(1);
  n.summary = r.text(2);
  n.category = r.text(3);
  n.cover_key = r.opt_text(4);
  n.pinned = r.integer(5) != 0;
  n.state = r.text(6);
  n.publish_at = r.opt_integer(7);
  n.published_at = r.opt_integer(8);
  n.owner_unit_id = r.integer(9);
  n.version = r.integer(10);
  n.updated_at = r.integer(11);
  out.opened = r.integer(12) != 0;
  out.reached_end = r.integer(13) != 0;
  out.favourite = r.integer(14) != 0;
  return out;
}

// One SELECT of published readable articles; `where` and `tail` (ORDER/LIMIT) are appended.
std::string feed_select(db::Params& p, const AudienceScope& scope, const std::optional<std::string>& category,
                        std::optional<std::int64_t> member_id, const std::string& where, const std::string& tail) {
  std::string select = std::string("SELECT ") + kListColumns, joins;
  append_flags(select, joins, p, member_id);
  std::string sql = select + " FROM news n" + joins + " WHERE n.state = 'published'" + where;
  if (category) sql += " AND n.category = " + arg(p, *category);
  append_audience_condition(sql, p, scope, "'news'", "n.id");
  return sql + tail;
}

std::vector<NewsListRow> read_list(db::Connection& c, const std::string& sql, const db::Params& p) {
  auto result = c.query(sql, p);
  std::vector<NewsListRow> out;
  out.reserve(result.rows.size());
  for (const auto& r : result.rows) out.push_back(read_list_row(r));
  return out;
}

}  // namespace

std::optional<NewsRow> find_news(db::Connection& c, std::int64_t id, bool with_body) {
  auto r = c.query(std::string("SELECT ") + kNewsColumns + (with_body ? ", n.body" : ", ''") +
                       " FROM news n JOIN units u ON u.id = n.owner_unit_id WHERE n.id = $1",
                   {id});
  if (r.empty()) return std::nullopt;
  auto n = read_news(r.rows[0]);
  n.body = r.rows[0].text(15);
  return n;
}

std::int64_t insert_news(db::Connection& c, const NewsRow& n) {
  return c
      .query("INSERT INTO news(title, summary, body, category, pinned, owner_unit_id, updated_at, state, created_by, "
             "created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id",
             {n.title, n.summary, n.body, n.category, std::int64_t{n.pinned ? 1 : 0}, n.owner_unit_id, n.updated_at,
              n.state, db::nullable(n.created_by), n.created_at})
      .one()
      .integer(0);
}

bool update_news(db::Connection& c, const NewsRow& n, std::int64_t expected_version) {
  auto r = c.query(
      "UPDATE news SET title=$1, summary=$2, body=$3, category=$4, pinned=$5, owner_unit_id=$6, updated_at=$7, "
      "version = version + 1 WHERE id = $8 AND version = $9",
      {n.title, n.summary, n.body, n.category, std::int64_t{n.pinned ? 1 : 0}, n.owner_unit_id, n.updated_at, n.id,
       expected_version});
  return r.affected == 1;
}

void set_news_state(db::Connection& c, std::int64_t id, const std::string& state, std::optional<std::int64_t> publish_at,
                    std::optional<std::int64_t> published_at, std::int64_t now) {
  c.query("UPDATE news SET state=$1, publish_at=$2, published_at=COALESCE($3, published_at), updated_at=$4 WHERE id=$5",
          {state, db::nullable(publish_at), db::nullable(published_at), now, id});
}

void set_news_cover(db::Connection& c, std::int64_t id, const std::string& cover_key, std::int64_t now) {
  c.query("UPDATE news SET cover_key=$1, updated_at=$2 WHERE id=$3", {cover_key, now, id});
}

std::vector<std::int64_t> news_due(db::Connection& c, std::int64_t now) {
  std::vector<std::int64_t> out;
  for (const auto& r : c.query("SELECT id FROM news WHERE state='submitted' AND publish_at IS NOT NULL AND "
                               "publish_at <= $1 ORDER BY publish_at, id",
                               {now})
                           .rows)
    out.push_back(r.integer(0));
  return out;
}

void insert_news_version(db::Connection& c, std::int64_t news_id, std::int64_t version, const std::string& snapshot_json,
                         std::optional<std::int64_t> actor, std::int64_t at) {
  c.query("INSERT INTO news_versions(news_id, version, snapshot_json, actor_account_id, at) VALUES ($1,$2,$3,$4,$5) "
          "ON CONFLICT (news_id, version) DO NOTHING",
          {news_id, version, snapshot_json, db::nullable(actor), at});
}

std::vector<VersionRow> news_versions(db::Connection& c, std::int64_t news_id) {
  std::vector<VersionRow> out;
  for (const auto& r : c.query("SELECT v.version, v.at, COALESCE(a.login, ''), v.snapshot_json FROM news_versions v "
                               "LEFT JOIN accounts a ON a.id = v.actor_account_id WHERE v.news_id = $1 "
                               "ORDER BY v.version DESC",
                               {news_id})
                           .rows)
    out.push_back({r.integer(0), r.integer(1), r.text(2), r.text(3)});
  return out;
}

NewsReaderFlags news_reader_flags(db::Connection& c, std::int64_t member_id, std::int64_t news_id) {
  auto r = c.query(
      "SELECT (SELECT CASE WHEN reached_end_at IS NULL THEN 1 ELSE 2 END FROM reading_records "
      "WHERE member_id = $1 AND item_kind = 'news' AND item_id = $2), "
      "(SELECT 1 FROM favourites WHERE member_id = $1 AND item_kind = 'news' AND item_id = $2)",
      {member_id, news_id});
  NewsReaderFlags out;
  if (r.empty()) return out;
  const auto read = r.rows[0].integer(0);
  out.opened = read >= 1;
  out.reached_end = read == 2;
  out.favourite = r.rows[0].integer(1) == 1;
  return out;
}

std::vector<NewsListRow> news_feed(db::Connection& c, const AudienceScope& scope, const NewsFeedQuery& q) {
  db::Params p;
  constexpr const char* kOrder = " ORDER BY n.published_at DESC, n.id DESC LIMIT ";
  std::string stream_where = " AND n.pinned = 0";
  if (q.before) stream_where += " AND n.published_at < " + arg(p, *q.before);
  auto stream = feed_select(p, scope, q.category, q.member_id, stream_where, kOrder + arg(p, std::int64_t{q.limit}));
  if (q.pinned_limit <= 0) return read_list(c, stream, p);
  auto pinned =
      feed_select(p, scope, q.category, q.member_id, " AND n.pinned = 1", kOrder + arg(p, std::int64_t{q.pinned_limit}));
  // Each part keeps its own ORDER BY … LIMIT inside a subquery; the outer ORDER BY puts them together.
  auto sql = "SELECT * FROM (" + pinned + ") pinned_part UNION ALL SELECT * FROM (" + stream +
             ") stream_part ORDER BY pinned DESC, published_at DESC, id DESC";
  return read_list(c, sql, p);
}

std::vector<NewsListRow> news_published_at(db::Connection& c, const AudienceScope& scope,
                                           const std::optional<std::string>& category, std::int64_t published_at,
                                           std::optional<std::int64_t> member_id) {
  db::Params p;
  const auto at = arg(p, published_at);  // bound first: feed_select numbers its own values after it
  auto sql = feed_select(p, scope, category, member_id, " AND n.pinned = 0 AND n.published_at = " + at,
                         " ORDER BY n.id DESC");
  return read_list(c, sql, p);
}

std::vector<NewsListRow> favourite_news(db::Connection& c, const AudienceScope& scope, std::int64_t member_id) {
  db::Params p;
  const auto m = arg(p, member_id);  // bound first: feed_select numbers its own values after it
  auto sql = feed_select(p, scope, std::nullopt, member_id,
                         " AND EXISTS (SELECT 1 FROM favourites fv WHERE fv.member_id = " + m +
                             " AND fv.item_kind = 'news' AND fv.item_id = n.id)",
                         " ORDER BY n.published_at DESC, n.id DESC LIMIT 500");
  return read_list(c, sql, p);
}

std::vector<NewsListRow> list_news_for_editor(db::Connection& c, const std::vector<std::string>& owner_paths,
                                              const NewsEditorQuery& q) {
  db::Params p;
  std::string select = std::string("SELECT ") + kListColumns, joins = " JOIN units u ON u.id = n.owner_unit_id";
  append_flags(select, joins, p, q.member_id);
  std::string sql = select + " FROM news n" + joins + " WHERE (1=0";
  for (const auto& path : owner_paths) {
    if (path.empty()) {
      sql += " OR 1=1";
      continue;
    }
    sql += " OR (u.path >= " + arg(p, path) + " AND u.path < " + arg(p, subtree_upper(path)) + ")";
  }
  sql += ")";
  if (q.state) sql += " AND n.state = " + arg(p, *q.state);
  if (q.after) {
    const auto at = arg(p, q.after->first);
    sql += " AND (n.updated_at < " + at + " OR (n.updated_at = " + at + " AND n.id < " + arg(p, q.after->second) + "))";
  }
  sql += " ORDER BY n.updated_at DESC, n.id DESC LIMIT " + arg(p, std::int64_t{q.limit});
  return read_list(c, sql, p);
}

}  // namespace sotay::store
