#include "store/reading_store.h"

#include <algorithm>
#include <array>

#include "store/units_store.h"

namespace sotay::store {

namespace {

// Members who count: official and probationary (a macro so the queries stay single literals).
#define ACTIVE_MEMBER "m.status IN ('official','probationary')"

// "INSERT … VALUES (…),(…) ON CONFLICT … DO UPDATE" for `n` rows; $1 is the member, each row
// then takes six parameters. The merge is written with CASE so the same text runs on SQLite
// (no LEAST/GREATEST) and PostgreSQL (no two-argument MIN/MAX).
std::string merge_sql(std::size_t n) {
  std::string sql =
      "INSERT INTO reading_records(member_id, item_kind, item_id, first_opened_at, last_opened_at, seconds, "
      "reached_end_at) VALUES ";
  int p = 2;
  for (std::size_t i = 0; i < n; ++i) {
    if (i) sql += ",";
    sql += "($1";
    for (int k = 0; k < 6; ++k) sql += ",$" + std::to_string(p++);
    sql += ")";
  }
  sql +=
      " ON CONFLICT (member_id, item_kind, item_id) DO UPDATE SET "
      "first_opened_at = CASE WHEN excluded.first_opened_at < reading_records.first_opened_at "
      "THEN excluded.first_opened_at ELSE reading_records.first_opened_at END, "
      "last_opened_at = CASE WHEN excluded.last_opened_at > reading_records.last_opened_at "
      "THEN excluded.last_opened_at ELSE reading_records.last_opened_at END, "
      "seconds = CASE WHEN excluded.seconds > reading_records.seconds "
      "THEN excluded.seconds ELSE reading_records.seconds END, "
      "reached_end_at = CASE WHEN excluded.reached_end_at IS NULL THEN reading_records.reached_end_at "
      "WHEN reading_records.reached_end_at IS NULL OR excluded.reached_end_at < reading_records.reached_end_at "
      "THEN excluded.reached_end_at ELSE reading_records.reached_end_at END";
  return sql;
}

// Chunk sizes 1, 2, 4, … 256: any batch is a sum of at most nine of them.
constexpr std::size_t kMergeShapes = 9;
const std::string& merge_sql_for_shape(std::size_t shape) {
  static const std::array<std::string, kMergeShapes> sqls = [] {
    std::array<std::string, kMergeShapes> a;
    for (std::size_t i = 0; i < kMergeShapes; ++i) a[i] = merge_sql(std::size_t{1} << i);
    return a;
  }();
  return sqls.at(shape);
}

ReadingRecordRow record_from(const db::Row& r) {
  return {r.integer(0), r.text(1), r.integer(2), r.integer(3), r.integer(4), r.integer(5), r.opt_integer(6)};
}

constexpr const char* kRequiredSelect =
    "SELECT rr.id, rr.document_id, rr.unit_id, u.name, u.path, rr.deadline, rr.note, rr.created_by, rr.created_at, "
    "rr.reminded_at FROM required_readings rr JOIN units u ON u.id = rr.unit_id ";

RequiredReadingRow required_from(const db::Row& r) {
  RequiredReadingRow out;
  out.id = r.integer(0);
  out.document_id = r.integer(1);
  out.unit_id = r.integer(2);
  out.unit_name = r.text(3);
  out.unit_path = r.text(4);
  out.deadline = r.text(5);
  out.note = r.text(6);
  out.created_by = r.opt_integer(7);
  out.created_at = r.integer(8);
  out.reminded_at = r.opt_integer(9);
  return out;
}

std::vector<RequiredReadingRow> required_rows(const db::Result& result) {
  std::vector<RequiredReadingRow> out;
  out.reserve(result.rows.size());
  for (const auto& r : result.rows) out.push_back(required_from(r));
  return out;
}

std::vector<UnitReadingRow> unit_reading_rows(const db::Result& result) {
  std::vector<UnitReadingRow> out;
  out.reserve(result.rows.size());
  for (const auto& r : result.rows) out.push_back({r.integer(0), r.integer(1), r.integer(2)});
  return out;
}

}  // namespace

// ---- reading records --------------------------------------------------------------------------

void merge_reading_records(db::Connection& c, std::int64_t member_id, const std::vector<ReadingMerge>& rows) {
  std::size_t done = 0;
  while (done < rows.size()) {
    std::size_t left = rows.size() - done;
    std::size_t shape = kMergeShapes - 1;
    while ((std::size_t{1} << shape) > left) --shape;
    const std::size_t n = std::size_t{1} << shape;
    db::Params p;
    p.reserve(1 + 6 * n);
    p.push_back(member_id);
    for (std::size_t i = done; i < done + n; ++i) {
      const auto& r = rows[i];
      p.push_back(r.item_kind);
      p.push_back(r.item_id);
      p.push_back(r.first_opened_at);
      p.push_back(r.last_opened_at);
      p.push_back(r.seconds);
      p.push_back(db::nullable(r.reached_end_at));
    }
    c.query(merge_sql_for_shape(shape), p);
    done += n;
  }
}

std::optional<ReadingRecordRow> find_reading_record(db::Connection& c, std::int64_t member_id,
                                                    const std::string& item_kind, std::int64_t item_id) {
  auto r = c.query(
      "SELECT member_id, item_kind, item_id, first_opened_at, last_opened_at, seconds, reached_end_at "
      "FROM reading_records WHERE member_id = $1 AND item_kind = $2 AND item_id = $3",
      {member_id, item_kind, item_id});
  if (r.empty()) return std::nullopt;
  return record_from(r.rows[0]);
}

std::vector<ReadingRecordRow> member_reading_records(db::Connection& c, std::int64_t member_id,
                                                     const std::string& item_kind) {
  std::vector<ReadingRecordRow> out;
  for (const auto& r : c.query("SELECT member_id, item_kind, item_id, first_opened_at, last_opened_at, seconds, "
                               "reached_end_at FROM reading_records WHERE member_id = $1 AND item_kind = $2",
                               {member_id, item_kind})
                           .rows)
    out.push_back(record_from(r));
  return out;
}

std::vector<ReadableItem> readable_items(db::Connection& c, const AudienceScope& scope, const std::string& item_kind,
                                         const std::vector<std::int64_t>& ids) {
  std::vector<ReadableItem> out;
  constexpr std::size_t kChunk = 256;
  for (std::size_t done = 0; done < ids.size(); done += kChunk) {
    const std::size_t n = std::min(kChunk, ids.size() - done);
    // The IN list is padded to a power of two by repeating the last id, so few statement shapes
    // are prepared; repeats in IN change nothing.
    std::size_t slots = 1;
    while (slots < n) slots <<= 1;
    const bool news = item_kind == "news";
    std::string sql = news ? "SELECT i.id, i.published_at FROM news i" : "SELECT i.id, i.published_at FROM documents i";
    db::Params p;
    sql += " WHERE i.state = 'published' AND i.id IN (";
    for (std::size_t k = 0; k < slots; ++k) {
      p.push_back(ids[done + std::min(k, n - 1)]);
      sql += (k ? ",$" : "$") + std::to_string(p.size());
    }
    sql += ")";
    // The kind as a literal of the closed set, not a parameter: for a whole-tree scope the condition
    // does not use it, and PostgreSQL refuses a parameter it cannot type.
    append_audience_condition(sql, p, scope, news ? "'news'" : "'document'", "i.id");
    for (const auto& r : c.query(sql, p).rows) out.push_back({r.integer(0), r.opt_integer(1)});
  }
  return out;
}

std::optional<std::int64_t> item_published_at(db::Connection& c, const std::string& item_kind, std::int64_t item_id) {
  const char* sql = item_kind == "news" ? "SELECT published_at FROM news WHERE id = $1"
                                        : "SELECT published_at FROM documents WHERE id = $1";
  auto r = c.query(sql, {item_id});
  if (r.empty()) return std::nullopt;
  return r.rows[0].opt_integer(0);
}

// ---- favourites -------------------------------------------------------------------------------

void insert_favourite(db::Connection& c, std::int64_t member_id, const std::string& item_kind, std::int64_t item_id,
                      std::int64_t now) {
  c.query(
      "INSERT INTO favourites(member_id, item_kind, item_id, created_at) VALUES ($1,$2,$3,$4) "
      "ON CONFLICT (member_id, item_kind, item_id) DO NOTHING",
      {member_id, item_kind, item_id, now});
}

void delete_favourite(db::Connection& c, std::int64_t member_id, const std::string& item_kind, std::int64_t item_id) {
  c.query("DELETE FROM favourites WHERE member_id = $1 AND item_kind = $2 AND item_id = $3",
          {member_id, item_kind, item_id});
}

std::vector<std::int64_t> favourite_ids(db::Connection& c, std::int64_t member_id, const std::string& item_kind) {
  std::vector<std::int64_t> out;
  for (const auto& r :
       c.query("SELECT item_id FROM favourites WHERE member_id = $1 AND item_kind = $2", {member_id, item_kind}).rows)
    out.push_back(r.integer(0));
  return out;
}

// ---- documents --------------------------------------------------------------------------------

std::optional<DocumentCardRow> find_document_card(db::Connection& c, std::int64_t id) {
  auto r = c.query(
      "SELECT id, kind, number, title, summary, issuer, level, legal_status, state, issued_on, effective_on, "
      "published_at FROM documents WHERE id = $1",
      {id});
  if (r.empty()) return std::nullopt;
  const auto& row = r.rows[0];
  DocumentCardRow d;
  d.id = row.integer(0);
  d.kind = row.text(1);
  d.number = row.text(2);
  d.title = row.text(3);
  d.summary = row.text(4);
  d.issuer = row.text(5);
  d.level = row.text(6);
  d.legal_status = row.text(7);
  d.state = row.text(8);
  d.issued_on = row.opt_text(9);
  d.effective_on = row.opt_text(10);
  d.published_at = row.opt_integer(11);
  for (const auto& t : c.query("SELECT topic FROM document_topics WHERE document_id = $1 ORDER BY topic", {id}).rows)
    d.topics.push_back(t.text(0));
  return d;
}

// ---- required reading -------------------------------------------------------------------------

std::optional<RequiredReadingRow> find_required_reading(db::Connection& c, std::int64_t id) {
  static const std::string sql = std::string(kRequiredSelect) + "WHERE rr.id = $1";
  auto r = c.query(sql, {id});
  if (r.empty()) return std::nullopt;
  return required_from(r.rows[0]);
}

std::optional<RequiredReadingRow> find_required_reading_for(db::Connection& c, std::int64_t document_id,
                                                            std::int64_t unit_id) {
  static const std::string sql = std::string(kRequiredSelect) + "WHERE rr.document_id = $1 AND rr.unit_id = $2";
  auto r = c.query(sql, {document_id, unit_id});
  if (r.empty()) return std::nullopt;
  return required_from(r.rows[0]);
}

std::int64_t upsert_required_reading(db::Connection& c, std::int64_t document_id, std::int64_t unit_id,
                                     const std::string& deadline, const std::string& note,
                                     std::optional<std::int64_t> created_by, std::int64_t now) {
  return c
      .query(
          "INSERT INTO required_readings(document_id, unit_id, deadline, note, created_by, created_at) "
          "VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (document_id, unit_id) DO UPDATE SET "
          "reminded_at = CASE WHEN excluded.deadline = required_readings.deadline "
          "THEN required_readings.reminded_at ELSE NULL END, "
          "deadline = excluded.deadline, note = excluded.note RETURNING id",
          {document_id, unit_id, deadline, note, db::nullable(created_by), now})
      .one()
      .integer(0);
}

std::vector<RequiredReadingRow> required_readings_on_units(db::Connection& c,
                                                           const std::vector<std::int64_t>& unit_ids) {
  if (unit_ids.empty()) return {};
  std::string sql = std::string(kRequiredSelect) + "WHERE rr.unit_id IN (";
  db::Params p;
  for (std::size_t i = 0; i < unit_ids.size(); ++i) {
    p.push_back(unit_ids[i]);
    sql += (i ? ",$" : "$") + std::to_string(p.size());
  }
  sql += ") ORDER BY rr.deadline, rr.id";
  return required_rows(c.query(sql, p));
}

std::vector<RequiredReadingRow> required_readings_of_document(db::Connection& c, std::int64_t document_id) {
  static const std::string sql = std::string(kRequiredSelect) + "WHERE rr.document_id = $1 ORDER BY rr.id";
  return required_rows(c.query(sql, {document_id}));
}

std::vector<RequiredReadingRow> overdue_unreminded(db::Connection& c, const std::string& today) {
  static const std::string sql = std::string(kRequiredSelect) +
                                 "JOIN documents d ON d.id = rr.document_id WHERE rr.reminded_at IS NULL "
                                 "AND rr.deadline < $1 AND d.state = 'published' ORDER BY rr.deadline, rr.id";
  return required_rows(c.query(sql, {today}));
}

void set_required_reading_reminded(db::Connection& c, std::int64_t id, std::int64_t now) {
  c.query("UPDATE required_readings SET reminded_at = $1 WHERE id = $2", {now, id});
}

std::int64_t remind_non_readers(db::Connection& c, std::int64_t required_reading_id, std::int64_t document_id,
                                const std::string& unit_path, std::int64_t now, std::int64_t resend_if_sent_before) {
  // SQLite needs the SELECT's WHERE before ON CONFLICT (else ON reads as a join constraint);
  // PostgreSQL needs the casts (an untyped parameter in a SELECT list becomes text).
  static const std::string sql =
      "INSERT INTO reading_reminders(required_reading_id, member_id, sent_at) "
      "SELECT CAST($1 AS BIGINT), m.id, CAST($2 AS BIGINT) FROM units u CROSS JOIN members m "
      "LEFT JOIN reading_records r ON r.member_id = m.id AND r.item_kind = 'document' "
      "AND r.item_id = $3 "
      "WHERE u.path >= $4 AND u.path < $5 AND m.unit_id = u.id AND " ACTIVE_MEMBER
      " AND r.reached_end_at IS NULL "
      "ON CONFLICT (required_reading_id, member_id) DO UPDATE SET sent_at = excluded.sent_at "
      "WHERE reading_reminders.sent_at <= $6";
  return c
      .query(sql, {required_reading_id, now, document_id, unit_path, subtree_upper(unit_path), resend_if_sent_before})
      .affected;
}

std::vector<std::pair<std::int64_t, std::int64_t>> member_reminders(db::Connection& c, std::int64_t member_id) {
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  for (const auto& r :
       c.query("SELECT required_reading_id, sent_at FROM reading_reminders WHERE member_id = $1", {member_id}).rows)
    out.emplace_back(r.integer(0), r.integer(1));
  return out;
}

// ---- statistics -------------------------------------------------------------------------------

std::vector<StatsUnitRow> subtree_units(db::Connection& c, const std::string& path) {
  std::vector<StatsUnitRow> out;
  auto r = c.query(
      "SELECT u.id, u.code, u.name, u.kind, u.path, CASE WHEN u.valid_to IS NULL THEN 1 ELSE 0 END, "
      "COALESCE(mc.official, 0) + COALESCE(mc.probationary, 0) "
      "FROM units u LEFT JOIN unit_member_counts mc ON mc.unit_id = u.id WHERE u.path >= $1 AND u.path < $2",
      {path, subtree_upper(path)});
  out.reserve(r.rows.size());
  for (const auto& row : r.rows)
    out.push_back(
        {row.integer(0), row.text(1), row.text(2), row.text(3), row.text(4), row.integer(5) != 0, row.integer(6)});
  return out;
}

// CROSS JOIN fixes SQLite's join order (the reason there are two queries); PostgreSQL plans it as
// an inner join.
std::vector<UnitReadingRow> readers_by_unit_from_item(db::Connection& c, const std::string& item_kind,
                                                      std::int64_t item_id) {
  static const std::string sql =
      "SELECT m.unit_id, COUNT(*), COUNT(r.reached_end_at) "
      "FROM reading_records r CROSS JOIN members m "
      "WHERE r.item_kind = $1 AND r.item_id = $2 AND m.id = r.member_id AND " ACTIVE_MEMBER " GROUP BY m.unit_id";
  return unit_reading_rows(c.query(sql, {item_kind, item_id}));
}

std::vector<UnitReadingRow> readers_by_unit_from_members(db::Connection& c, const std::string& item_kind,
                                                         std::int64_t item_id, const std::string& path) {
  static const std::string sql =
      "SELECT m.unit_id, COUNT(*), COUNT(r.reached_end_at) "
      "FROM units u CROSS JOIN members m CROSS JOIN reading_records r "
      "WHERE u.path >= $3 AND u.path < $4 AND m.unit_id = u.id AND " ACTIVE_MEMBER
      " AND r.member_id = m.id AND r.item_kind = $1 AND r.item_id = $2 GROUP BY m.unit_id";
  return unit_reading_rows(c.query(sql, {item_kind, item_id, path, subtree_upper(path)}));
}

std::int64_t item_record_count(db::Connection& c, const std::string& item_kind, std::int64_t item_id,
                               std::int64_t limit) {
  return c
      .query("SELECT COUNT(*) FROM (SELECT 1 FROM reading_records WHERE item_kind = $1 AND item_id = $2 LIMIT $3) x",
             {item_kind, item_id, limit})
      .one()
      .integer(0);
}

std::vector<NotReadRow> not_read_members(db::Connection& c, const std::string& item_kind, std::int64_t item_id,
                                         const std::string& path) {
  static const std::string sql =
      "SELECT m.id, m.full_name, u.name, u.path FROM units u CROSS JOIN members m "
      "LEFT JOIN reading_records r ON r.member_id = m.id AND r.item_kind = $1 "
      "AND r.item_id = $2 "
      "WHERE u.path >= $3 AND u.path < $4 AND m.unit_id = u.id AND " ACTIVE_MEMBER
      " AND r.reached_end_at IS NULL ORDER BY u.name, u.id, m.sort_key, m.id";
  std::vector<NotReadRow> out;
  auto r = c.query(sql, {item_kind, item_id, path, subtree_upper(path)});
  out.reserve(r.rows.size());
  for (const auto& row : r.rows) out.push_back({row.integer(0), row.text(1), row.text(2), row.text(3)});
  return out;
}

std::vector<std::string> item_audience_paths(db::Connection& c, const std::string& item_kind, std::int64_t item_id) {
  std::vector<std::string> out;
  for (const auto& r : c.query("SELECT u.path FROM item_audiences ia JOIN units u ON u.id = ia.unit_id "
                               "WHERE ia.item_kind = $1 AND ia.item_id = $2",
                               {item_kind, item_id})
                           .rows)
    out.push_back(r.text(0));
  return out;
}

#undef ACTIVE_MEMBER

}  // namespace sotay::store
