#include "store/documents_store.h"

#include "store/sql_params.h"
#include "store/units_store.h"

namespace sotay::store {

namespace {

// Columns of DocumentRow in order; the body only when asked (lists never carry it).
std::string document_columns(bool with_body) {
  return std::string(
             "d.id, d.kind, d.number, d.number_key, d.title, d.summary, d.issuer, d.level, d.issued_on, "
             "d.effective_on, d.legal_status, d.superseded_by, d.state, d.publish_at, d.published_at, "
             "d.owner_unit_id, u.path, d.source_key, d.version, d.created_by, d.created_at, d.updated_at, ") +
         (with_body ? "d.body" : "''");
}

DocumentRow read_document(const db::Row& r) {
  DocumentRow d;
  d.id = r.integer(0);
  d.kind = r.text(1);
  d.number = r.text(2);
  d.number_key = r.text(3);
  d.title = r.text(4);
  d.summary = r.text(5);
  d.issuer = r.text(6);
  d.level = r.text(7);
  d.issued_on = r.opt_text(8);
  d.effective_on = r.opt_text(9);
  d.legal_status = r.text(10);
  d.superseded_by = r.opt_integer(11);
  d.state = r.text(12);
  d.publish_at = r.opt_integer(13);
  d.published_at = r.opt_integer(14);
  d.owner_unit_id = r.integer(15);
  d.owner_unit_path = r.text(16);
  d.source_key = r.opt_text(17);
  d.version = r.integer(18);
  d.created_by = r.opt_integer(19);
  d.created_at = r.integer(20);
  d.updated_at = r.integer(21);
  d.body = r.text(22);
  return d;
}

db::Params editable_values(const DocumentRow& d) {
  return {d.kind,
          d.number,
          d.number_key,
          d.title,
          d.summary,
          d.issuer,
          d.level,
          db::nullable(d.issued_on),
          db::nullable(d.effective_on),
          d.legal_status,
          db::nullable(d.superseded_by),
          d.owner_unit_id,
          d.body,
          db::nullable(d.source_key),
          d.updated_at};
}

}  // namespace

std::optional<DocumentRow> find_document(db::Connection& c, std::int64_t id, bool with_body) {
  auto r = c.query("SELECT " + document_columns(with_body) +
                       " FROM documents d JOIN units u ON u.id = d.owner_unit_id WHERE d.id = $1",
                   {id});
  if (r.empty()) return std::nullopt;
  return read_document(r.rows[0]);
}

std::optional<std::int64_t> find_document_by_source_key(db::Connection& c, const std::string& key) {
  auto r = c.query("SELECT id FROM documents WHERE source_key = $1", {key});
  if (r.empty()) return std::nullopt;
  return r.rows[0].integer(0);
}

std::int64_t insert_document(db::Connection& c, const DocumentRow& d) {
  auto p = editable_values(d);
  p.push_back(d.state);
  p.push_back(db::nullable(d.created_by));
  p.push_back(d.created_at);
  return c
      .query(
          "INSERT INTO documents(kind, number, number_key, title, summary, issuer, level, issued_on, effective_on, "
          "legal_status, superseded_by, owner_unit_id, body, source_key, updated_at, state, created_by, created_at) "
          "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18) RETURNING id",
          p)
      .one()
      .integer(0);
}

bool update_document(db::Connection& c, const DocumentRow& d, std::int64_t expected_version) {
  auto p = editable_values(d);
  p.push_back(d.id);
  p.push_back(expected_version);
  auto r = c.query(
      "UPDATE documents SET kind=$1, number=$2, number_key=$3, title=$4, summary=$5, issuer=$6, level=$7, "
      "issued_on=$8, effective_on=$9, legal_status=$10, superseded_by=$11, owner_unit_id=$12, body=$13, "
      "source_key=$14, updated_at=$15, version = version + 1 WHERE id = $16 AND version = $17",
      p);
  return r.affected == 1;
}

void set_document_state(db::Connection& c, std::int64_t id, const std::string& state,
                        std::optional<std::int64_t> publish_at, std::optional<std::int64_t> published_at,
                        std::int64_t now) {
  c.query("UPDATE documents SET state=$1, publish_at=$2, published_at=COALESCE($3, published_at), updated_at=$4 "
          "WHERE id=$5",
          {state, db::nullable(publish_at), db::nullable(published_at), now, id});
}

void set_document_body(db::Connection& c, std::int64_t id, const std::string& body, std::int64_t now) {
  c.query("UPDATE documents SET body=$1, updated_at=$2 WHERE id=$3", {body, now, id});
}

void mark_superseded(db::Connection& c, std::int64_t id, std::int64_t by) {
  c.query("UPDATE documents SET legal_status = 'superseded', superseded_by = $1 WHERE id = $2", {by, id});
}

std::vector<std::int64_t> documents_due(db::Connection& c, std::int64_t now) {
  std::vector<std::int64_t> out;
  for (const auto& r :
       c.query("SELECT id FROM documents WHERE state='submitted' AND publish_at IS NOT NULL AND publish_at <= $1",
               {now})
           .rows)
    out.push_back(r.integer(0));
  return out;
}

std::vector<SectionRow> document_sections(db::Connection& c, std::int64_t document_id) {
  std::vector<SectionRow> out;
  for (const auto& r : c.query("SELECT id, ord, parent_ord, depth, kind, label, anchor, heading, body "
                               "FROM document_sections WHERE document_id = $1 ORDER BY ord",
                               {document_id})
                           .rows) {
    SectionRow s;
    s.id = r.integer(0);
    s.ord = static_cast<int>(r.integer(1));
    if (auto p = r.opt_integer(2)) s.parent_ord = static_cast<int>(*p);
    s.depth = static_cast<int>(r.integer(3));
    s.kind = r.text(4);
    s.label = r.text(5);
    s.anchor = r.text(6);
    s.heading = r.text(7);
    s.body = r.text(8);
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<std::int64_t> replace_document_sections(db::Connection& c, std::int64_t document_id,
                                                    const std::vector<SectionRow>& sections) {
  c.query("DELETE FROM document_sections WHERE document_id = $1", {document_id});
  std::vector<std::int64_t> ids;
  ids.reserve(sections.size());
  for (const auto& s : sections) {
    ids.push_back(c.query("INSERT INTO document_sections(document_id, ord, parent_ord, depth, kind, label, anchor, "
                          "heading, body) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id",
                          {document_id, std::int64_t{s.ord},
                           s.parent_ord ? db::Value{std::int64_t{*s.parent_ord}} : db::Value{},
                           std::int64_t{s.depth}, s.kind, s.label, s.anchor, s.heading, s.body})
                      .one()
                      .integer(0));
  }
  return ids;
}

std::vector<SectionRow> sections_by_id(db::Connection& c, const std::vector<std::int64_t>& ids) {
  std::vector<SectionRow> out;
  if (ids.empty()) return out;
  db::Params p;
  std::string sql = "SELECT id, ord, parent_ord, depth, kind, label, anchor, heading, body FROM document_sections "
                    "WHERE id IN (";
  for (std::size_t i = 0; i < ids.size(); ++i) sql += (i ? "," : "") + arg(p, ids[i]);
  sql += ")";
  for (const auto& r : c.query(sql, p).rows) {
    SectionRow s;
    s.id = r.integer(0);
    s.ord = static_cast<int>(r.integer(1));
    if (auto po = r.opt_integer(2)) s.parent_ord = static_cast<int>(*po);
    s.depth = static_cast<int>(r.integer(3));
    s.kind = r.text(4);
    s.label = r.text(5);
    s.anchor = r.text(6);
    s.heading = r.text(7);
    s.body = r.text(8);
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<std::string> document_topics(db::Connection& c, std::int64_t document_id) {
  std::vector<std::string> out;
  for (const auto& r :
       c.query("SELECT topic FROM document_topics WHERE document_id = $1 ORDER BY topic", {document_id}).rows)
    out.push_back(r.text(0));
  return out;
}

void replace_document_topics(db::Connection& c, std::int64_t document_id, const std::vector<std::string>& topics) {
  c.query("DELETE FROM document_topics WHERE document_id = $1", {document_id});
  for (const auto& t : topics)
    c.query("INSERT INTO document_topics(document_id, topic) VALUES ($1,$2) ON CONFLICT DO NOTHING",
            {document_id, t});
}

std::vector<RelationRow> document_relations(db::Connection& c, std::int64_t document_id) {
  std::vector<RelationRow> out;
  for (const auto& r : c.query("SELECT r.relation, r.target_id, t.number, t.title FROM document_relations r "
                               "JOIN documents t ON t.id = r.target_id WHERE r.document_id = $1 "
                               "ORDER BY r.relation, r.target_id",
                               {document_id})
                           .rows)
    out.push_back({r.text(0), r.integer(1), r.text(2), r.text(3)});
  return out;
}

void replace_document_relations(db::Connection& c, std::int64_t document_id, const std::vector<RelationRow>& rels) {
  c.query("DELETE FROM document_relations WHERE document_id = $1", {document_id});
  for (const auto& r : rels)
    c.query("INSERT INTO document_relations(document_id, relation, target_id) VALUES ($1,$2,$3) "
            "ON CONFLICT DO NOTHING",
            {document_id, r.relation, r.target_id});
}

void insert_document_version(db::Connection& c, std::int64_t document_id, std::int64_t version,
                             const std::string& snapshot_json, std::optional<std::int64_t> actor, std::int64_t at) {
  c.query("INSERT INTO document_versions(document_id, version, snapshot_json, actor_account_id, at) "
          "VALUES ($1,$2,$3,$4,$5) ON CONFLICT (document_id, version) DO NOTHING",
          {document_id, version, snapshot_json, db::nullable(actor), at});
}

std::vector<VersionRow> document_versions(db::Connection& c, std::int64_t document_id) {
  std::vector<VersionRow> out;
  for (const auto& r : c.query("SELECT v.version, v.at, COALESCE(a.login, ''), v.snapshot_json "
                               "FROM document_versions v LEFT JOIN accounts a ON a.id = v.actor_account_id "
                               "WHERE v.document_id = $1 ORDER BY v.version DESC",
                               {document_id})
                           .rows)
    out.push_back({r.integer(0), r.integer(1), r.text(2), r.text(3)});
  return out;
}

namespace {
void append_list_filter(std::string& sql, db::Params& p, const DocumentListFilter& f) {
  if (f.kind) sql += " AND d.kind = " + arg(p, *f.kind);
  if (f.level) sql += " AND d.level = " + arg(p, *f.level);
  if (f.legal_status) sql += " AND d.legal_status = " + arg(p, *f.legal_status);
  if (f.year) sql += " AND substr(d.issued_on, 1, 4) = " + arg(p, *f.year);
  if (f.topic)
    sql += " AND EXISTS (SELECT 1 FROM document_topics t WHERE t.document_id = d.id AND t.topic = " +
           arg(p, *f.topic) + ")";
}
}  // namespace

std::vector<DocumentRow> list_published_documents(db::Connection& c, const AudienceScope& scope,
                                                  const DocumentListFilter& f) {
  db::Params p;
  std::string sql = "SELECT " + document_columns(false) +
                    " FROM documents d JOIN units u ON u.id = d.owner_unit_id WHERE d.state = 'published'";
  append_audience_condition(sql, p, scope, "'document'", "d.id");
  append_list_filter(sql, p, f);
  if (f.before_published_at && f.before_id) {
    const auto at = arg(p, *f.before_published_at);
    sql += " AND (d.published_at < " + at + " OR (d.published_at = " + at + " AND d.id < " + arg(p, *f.before_id) +
           "))";
  }
  sql += " ORDER BY d.published_at DESC, d.id DESC LIMIT " + arg(p, std::int64_t{f.limit});
  std::vector<DocumentRow> out;
  for (const auto& r : c.query(sql, p).rows) out.push_back(read_document(r));
  return out;
}

std::vector<FacetCount> document_facet(db::Connection& c, const AudienceScope& scope, const std::string& column) {
  // `column` picks one of these fixed expressions; it is never pasted from input.
  std::string expr, from = "documents d";
  if (column == "kind") expr = "d.kind";
  else if (column == "level") expr = "d.level";
  else if (column == "legal_status") expr = "d.legal_status";
  else if (column == "year") expr = "substr(d.issued_on, 1, 4)";
  else if (column == "topic") {
    expr = "t.topic";
    from = "documents d JOIN document_topics t ON t.document_id = d.id";
  } else
    return {};
  db::Params p;
  std::string sql = "SELECT " + expr + ", COUNT(*) FROM " + from + " WHERE d.state = 'published'";
  append_audience_condition(sql, p, scope, "'document'", "d.id");
  sql += " AND " + expr + " IS NOT NULL GROUP BY " + expr + " ORDER BY COUNT(*) DESC, " + expr;
  std::vector<FacetCount> out;
  for (const auto& r : c.query(sql, p).rows) out.push_back({r.text(0), r.integer(1)});
  return out;
}

std::vector<DocumentRow> list_documents_for_editor(db::Connection& c, const std::vector<std::string>& owner_paths,
                                                   const std::optional<std::string>& state, int limit) {
  db::Params p;
  std::string sql =
      "SELECT " + document_columns(false) + " FROM documents d JOIN units u ON u.id = d.owner_unit_id WHERE (1=0";
  for (const auto& path : owner_paths) {
    if (path.empty()) {
      sql += " OR 1=1";
      continue;
    }
    sql += " OR (u.path >= " + arg(p, path) + " AND u.path < " + arg(p, subtree_upper(path)) + ")";
  }
  sql += ")";
  if (state) sql += " AND d.state = " + arg(p, *state);
  sql += " ORDER BY d.updated_at DESC, d.id DESC LIMIT " + arg(p, std::int64_t{limit});
  std::vector<DocumentRow> out;
  for (const auto& r : c.query(sql, p).rows) out.push_back(read_document(r));
  return out;
}

std::vector<DocumentRow> document_cards_by_id(db::Connection& c, const std::vector<std::int64_t>& ids) {
  std::vector<DocumentRow> out;
  if (ids.empty()) return out;
  db::Params p;
  std::string sql =
      "SELECT id, kind, number, title, summary, issuer, level, issued_on, effective_on, legal_status, "
      "owner_unit_id, published_at FROM documents WHERE id IN (";
  for (std::size_t i = 0; i < ids.size(); ++i) sql += (i ? "," : "") + arg(p, ids[i]);
  sql += ")";
  for (const auto& r : c.query(sql, p).rows) {
    DocumentRow d;
    d.id = r.integer(0);
    d.kind = r.text(1);
    d.number = r.text(2);
    d.title = r.text(3);
    d.summary = r.text(4);
    d.issuer = r.text(5);
    d.level = r.text(6);
    d.issued_on = r.opt_text(7);
    d.effective_on = r.opt_text(8);
    d.legal_status = r.text(9);
    d.owner_unit_id = r.integer(10);
    d.published_at = r.opt_integer(11);
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<DocumentRow> documents_by_id(db::Connection& c, const std::vector<std::int64_t>& ids) {
  std::vector<DocumentRow> out;
  if (ids.empty()) return out;
  db::Params p;
  std::string sql =
      "SELECT " + document_columns(false) + " FROM documents d JOIN units u ON u.id = d.owner_unit_id WHERE d.id IN (";
  for (std::size_t i = 0; i < ids.size(); ++i) sql += (i ? "," : "") + arg(p, ids[i]);
  sql += ")";
  for (const auto& r : c.query(sql, p).rows) out.push_back(read_document(r));
  return out;
}

}  // namespace sotay::store
