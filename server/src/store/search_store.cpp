#include "store/search_store.h"

#include <set>

#include "search/text_index.h"
#include "store/sql_params.h"
#include "store/units_store.h"

namespace sotay::store {

namespace {

void add_term_counts(db::Connection& c, const std::map<std::string, std::int64_t>& delta) {
  for (const auto& [term, n] : delta) {
    if (n == 0) continue;
    c.query(
        "INSERT INTO search_terms(term, df) VALUES ($1, $2) "
        "ON CONFLICT (term) DO UPDATE SET df = search_terms.df + excluded.df",
        {term, n});
  }
  c.query("DELETE FROM search_terms WHERE df <= 0");
}

void count_distinct_terms(std::map<std::string, std::int64_t>& delta, std::string_view folded, int sign) {
  auto tokens = search::split_tokens(folded);
  std::set<std::string_view> distinct(tokens.begin(), tokens.end());
  for (auto t : distinct) delta[std::string(t)] += sign;
}

// The match expression. Terms are folded letters and digits only (search/query), and each is
// still quoted, so nothing a user typed can act as an operator.
std::string sqlite_match(const std::vector<std::string>& terms, MatchMode mode) {
  std::string out;
  if (mode == MatchMode::phrase) {
    out = "\"";
    for (std::size_t i = 0; i < terms.size(); ++i) out += (i ? " " : "") + terms[i];
    return out + "\"";
  }
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (i) out += mode == MatchMode::any_term ? " OR " : " ";
    out += "\"" + terms[i] + "\"";
  }
  return out;
}

std::string pg_tsquery(const std::vector<std::string>& terms, MatchMode mode) {
  const char* joiner = mode == MatchMode::phrase ? " <-> " : mode == MatchMode::all_terms ? " & " : " | ";
  std::string out;
  for (std::size_t i = 0; i < terms.size(); ++i) out += (i ? joiner : "") + terms[i];
  return out;
}

void append_filters(std::string& sql, db::Params& p, const SearchFilters& f, const std::string& kind_col,
                    const std::string& id_col) {
  if (!f.documents_only()) return;
  sql += " AND " + kind_col + " = 'document' AND EXISTS (SELECT 1 FROM documents fd";
  if (f.owner_path) sql += " JOIN units fu ON fu.id = fd.owner_unit_id";
  sql += " WHERE fd.id = " + id_col;
  if (f.kind) sql += " AND fd.kind = " + arg(p, *f.kind);
  if (f.level) sql += " AND fd.level = " + arg(p, *f.level);
  if (f.legal_status) sql += " AND fd.legal_status = " + arg(p, *f.legal_status);
  if (f.year) sql += " AND substr(fd.issued_on, 1, 4) = " + arg(p, *f.year);
  if (f.owner_path)
    sql += " AND fu.path >= " + arg(p, *f.owner_path) + " AND fu.path < " + arg(p, subtree_upper(*f.owner_path));
  sql += ")";
}

}  // namespace

void index_search_entries(db::Connection& c, const std::vector<SearchEntryInput>& entries) {
  if (entries.empty()) return;
  const bool sqlite = c.dialect() == db::Dialect::sqlite;
  std::map<std::string, std::int64_t> delta;
  std::int64_t total_length = 0;
  for (const auto& e : entries) {
    auto id = c.query(
                   "INSERT INTO search_entries(item_kind, item_id, section_id, exact, folded, length) "
                   "VALUES ($1,$2,$3,$4,$5,$6) RETURNING id",
                   {e.item_kind, e.item_id, db::nullable(e.section_id), e.exact, e.folded, std::int64_t{e.length}})
                  .one()
                  .integer(0);
    if (sqlite) c.query("INSERT INTO search_fts(rowid, folded) VALUES ($1, $2)", {id, e.folded});
    count_distinct_terms(delta, e.folded, +1);
    total_length += e.length;
  }
  add_term_counts(c, delta);
  c.query("UPDATE search_stats SET entries = entries + $1, total_length = total_length + $2 WHERE id = 1",
          {static_cast<std::int64_t>(entries.size()), total_length});
}

void remove_search_entries(db::Connection& c, const std::string& item_kind, std::int64_t item_id) {
  const bool sqlite = c.dialect() == db::Dialect::sqlite;
  auto rows = c.query("SELECT id, folded, length FROM search_entries WHERE item_kind = $1 AND item_id = $2",
                      {item_kind, item_id})
                  .rows;
  if (rows.empty()) return;
  std::map<std::string, std::int64_t> delta;
  std::int64_t total_length = 0;
  for (const auto& r : rows) {
    // An external-content FTS5 table forgets a row only when told its old text.
    if (sqlite)
      c.query("INSERT INTO search_fts(search_fts, rowid, folded) VALUES ('delete', $1, $2)",
              {r.integer(0), r.text(1)});
    count_distinct_terms(delta, r.text(1), -1);
    total_length += r.integer(2);
  }
  c.query("DELETE FROM search_entries WHERE item_kind = $1 AND item_id = $2", {item_kind, item_id});
  add_term_counts(c, delta);
  c.query("UPDATE search_stats SET entries = entries - $1, total_length = total_length - $2 WHERE id = 1",
          {static_cast<std::int64_t>(rows.size()), total_length});
}

std::vector<SearchCandidate> find_search_candidates(db::Connection& c, const std::vector<std::string>& terms,
                                                    MatchMode mode, const AudienceScope& scope,
                                                    const SearchFilters& filters, int limit, bool ordered) {
  if (terms.empty()) return {};
  db::Params p;
  std::string sql;
  if (c.dialect() == db::Dialect::sqlite) {
    sql =
        "SELECT e.id, e.item_kind, e.item_id, e.section_id, e.exact, e.folded, e.length "
        "FROM search_fts JOIN search_entries e ON e.id = search_fts.rowid WHERE search_fts MATCH " +
        arg(p, sqlite_match(terms, mode));
  } else {
    sql =
        "SELECT e.id, e.item_kind, e.item_id, e.section_id, e.exact, e.folded, e.length "
        "FROM search_entries e WHERE e.folded_tsv @@ to_tsquery('simple', " +
        arg(p, pg_tsquery(terms, mode)) + ")";
  }
  append_audience_condition(sql, p, scope, "e.item_kind", "e.item_id");
  append_filters(sql, p, filters, "e.item_kind", "e.item_id");
  if (ordered && c.dialect() == db::Dialect::sqlite)
    sql += " ORDER BY search_fts.rank";
  else if (ordered)
    sql += " ORDER BY ts_rank(e.folded_tsv, to_tsquery('simple', $1)) DESC";
  sql += " LIMIT " + arg(p, std::int64_t{limit});
  std::vector<SearchCandidate> out;
  for (const auto& r : c.query(sql, p).rows) {
    SearchCandidate s;
    s.entry_id = r.integer(0);
    s.item_kind = r.text(1);
    s.item_id = r.integer(2);
    s.section_id = r.opt_integer(3);
    s.exact = r.text(4);
    s.folded = r.text(5);
    s.length = static_cast<int>(r.integer(6));
    out.push_back(std::move(s));
  }
  return out;
}

TermStats search_term_stats(db::Connection& c, const std::vector<std::string>& terms) {
  TermStats out;
  auto stats = c.query("SELECT entries, total_length FROM search_stats WHERE id = 1");
  if (!stats.empty()) {
    out.entries = stats.rows[0].integer(0);
    out.total_length = stats.rows[0].integer(1);
  }
  if (terms.empty()) return out;
  db::Params p;
  std::string sql = "SELECT term, df FROM search_terms WHERE term IN (";
  for (std::size_t i = 0; i < terms.size(); ++i) sql += (i ? "," : "") + arg(p, terms[i]);
  sql += ")";
  for (const auto& r : c.query(sql, p).rows) out.df[r.text(0)] = r.integer(1);
  return out;
}

std::vector<NumberHit> documents_with_number(db::Connection& c, const std::string& digits,
                                             const AudienceScope& scope, const SearchFilters& filters) {
  db::Params p;
  // Numbers are written digits first ("294-QĐ/TW" → "294 qd tw"): an index range, not a scan.
  std::string sql = "SELECT d.id, d.number_key FROM documents d WHERE d.state = 'published' AND (d.number_key = " +
                    arg(p, digits) + " OR (d.number_key >= " + arg(p, digits + " ") + " AND d.number_key < " +
                    arg(p, digits + "!") + "))";
  append_audience_condition(sql, p, scope, "'document'", "d.id");
  append_filters(sql, p, filters, "'document'", "d.id");
  sql += " ORDER BY d.issued_on DESC, d.id DESC LIMIT 50";
  std::vector<NumberHit> out;
  for (const auto& r : c.query(sql, p).rows) out.push_back({r.integer(0), r.text(1)});
  return out;
}

}  // namespace sotay::store
