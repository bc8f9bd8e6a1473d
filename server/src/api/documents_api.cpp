// /api/v1/documents, /api/v1/editor/documents, /api/v1/favourites (GET) and /api/v1/search.
#include "api/app.h"
#include "api/encode.h"
#include "api/json_body.h"
#include "api/session_guard.h"
#include "domain/documents.h"
#include "domain/errors.h"
#include "domain/library.h"
#include "domain/library_search.h"
#include "domain/news.h"
#include "store/library_store.h"
#include "util/time.h"

namespace sotay::api {

namespace {

using nlohmann::json;

json summary_json(const library::DocumentSummary& s) {
  const auto& d = s.doc;
  return {{"id", d.id},
          {"kind", d.kind},
          {"number", d.number},
          {"title", d.title},
          {"summary", d.summary},
          {"issuer", d.issuer},
          {"level", d.level},
          {"issued_on", opt(d.issued_on)},
          {"effective_on", opt(d.effective_on)},
          {"legal_status", d.legal_status},
          {"topics", s.topics},
          {"published_at", opt(d.published_at)},
          {"is_new", s.is_new},
          {"read", {{"opened", s.opened}, {"reached_end", s.reached_end}}},
          {"favourite", s.favourite},
          {"required", s.required_deadline ? json{{"deadline", *s.required_deadline}} : json()}};
}

json editor_row_json(const store::DocumentRow& d) {
  return {{"id", d.id},           {"kind", d.kind},       {"number", d.number},
          {"title", d.title},     {"level", d.level},     {"state", d.state},
          {"version", d.version}, {"owner_unit_id", d.owner_unit_id},
          {"issued_on", opt(d.issued_on)}, {"publish_at", opt(d.publish_at)},
          {"published_at", opt(d.published_at)}, {"updated_at", d.updated_at}};
}

std::vector<std::string> string_list(const JsonBody& body, const char* key, std::size_t max_items) {
  std::vector<std::string> out;
  if (!body.has(key) || body.raw()[key].is_null()) return out;
  const auto& v = body.raw()[key];
  if (!v.is_array() || v.size() > max_items) throw sotay::bad_request(std::string("Trường ") + key + " phải là danh sách.");
  for (const auto& x : v) {
    if (!x.is_string()) throw sotay::bad_request(std::string("Trường ") + key + " chỉ chứa chuỗi ký tự.");
    out.push_back(x.get<std::string>());
  }
  return out;
}

std::vector<std::int64_t> id_list(const JsonBody& body, const char* key) {
  std::vector<std::int64_t> out;
  if (!body.has(key) || body.raw()[key].is_null()) return out;
  const auto& v = body.raw()[key];
  if (!v.is_array() || v.size() > 500) throw sotay::bad_request(std::string("Trường ") + key + " phải là danh sách mã số.");
  for (const auto& x : v) {
    if (!x.is_number_integer()) throw sotay::bad_request(std::string("Trường ") + key + " chỉ chứa mã số.");
    out.push_back(x.get<std::int64_t>());
  }
  return out;
}

documents::DocumentInput document_input(const JsonBody& body) {
  body.allow_only({"kind", "number", "title", "summary", "issuer", "level", "issued_on", "effective_on",
                   "legal_status", "superseded_by", "topics", "audience_unit_ids", "owner_unit_id", "body",
                   "relations", "version"});
  documents::DocumentInput in;
  in.kind = body.opt_string("kind", 40).value_or("khac");
  in.number = body.opt_string("number", 200).value_or("");
  in.title = body.opt_string("title", 2000).value_or("");
  in.summary = body.opt_string("summary", 10000).value_or("");
  in.issuer = body.opt_string("issuer", 1000).value_or("");
  in.level = body.opt_string("level", 20).value_or("base");
  in.issued_on = body.opt_string("issued_on", 20);
  in.effective_on = body.opt_string("effective_on", 20);
  in.legal_status = body.opt_string("legal_status", 20).value_or("in_force");
  in.superseded_by = body.opt_integer("superseded_by");
  in.topics = string_list(body, "topics", 50);
  in.audience_unit_ids = id_list(body, "audience_unit_ids");
  in.owner_unit_id = body.opt_integer("owner_unit_id");
  in.body = body.opt_string("body", 8 * 1024 * 1024).value_or("");
  if (body.has("relations") && !body.raw()["relations"].is_null()) {
    const auto& rels = body.raw()["relations"];
    if (!rels.is_array() || rels.size() > 100) throw sotay::bad_request("Trường relations phải là danh sách.");
    for (const auto& r : rels) {
      JsonBody rb(r.is_object() ? r : throw sotay::bad_request("Mỗi quan hệ phải là một đối tượng."));
      rb.allow_only({"relation", "target_id"});
      in.relations.push_back({rb.string("relation", 20), rb.integer("target_id")});
    }
  }
  return in;
}

json document_json(db::Database& db, const auth::Session& s, std::int64_t id) {
  auto v = documents::get(db, s.actor, id);
  auto summaries = db.read_value([&](db::Connection& c) { return library::summarize(c, s.actor, {v.doc}); });
  json out = summary_json(summaries.at(0));
  out["state"] = v.doc.state;
  out["version"] = v.doc.version;
  out["owner_unit_id"] = v.doc.owner_unit_id;
  out["publish_at"] = opt(v.doc.publish_at);
  out["body"] = v.doc.body;
  json sections = json::array();
  for (const auto& sec : v.sections)
    sections.push_back({{"id", sec.id},
                        {"ord", sec.ord},
                        {"parent_ord", sec.parent_ord ? json(*sec.parent_ord) : json()},
                        {"depth", sec.depth},
                        {"kind", sec.kind},
                        {"label", sec.label},
                        {"anchor", sec.anchor},
                        {"heading", sec.heading},
                        {"body", sec.body}});
  out["sections"] = std::move(sections);
  json attachments = json::array();
  for (const auto& a : db.read_value([&](db::Connection& c) { return store::attachments_of(c, "document", id); }))
    attachments.push_back(attachment_json(a));
  out["attachments"] = std::move(attachments);
  json relations = json::array();
  for (const auto& r : v.relations)
    relations.push_back({{"relation", r.relation},
                         {"document", {{"id", r.target_id}, {"number", r.target_number}, {"title", r.target_title}}}});
  out["relations"] = std::move(relations);
  out["superseded_by"] = v.superseded_by ? json{{"id", v.superseded_by->target_id},
                                                {"number", v.superseded_by->target_number},
                                                {"title", v.superseded_by->target_title}}
                                         : json();
  json audience = json::array();
  for (const auto& a : v.audience) audience.push_back({{"id", a.id}, {"name", a.name}});
  out["audience"] = std::move(audience);
  out["can_edit"] = v.can_edit;
  return out;
}

std::optional<std::string> nonempty_param(const http::Request& req, const char* name, std::size_t max_len = 40) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  return v->substr(0, max_len);
}

json facets_json(const std::vector<store::FacetCount>& list, const char* column) {
  json out = json::array();
  for (const auto& f : list) {
    std::string label = f.value;
    if (std::string_view(column) == "kind") label = documents::kind_label_vi(f.value);
    if (std::string_view(column) == "level") label = documents::level_label_vi(f.value);
    out.push_back({{"value", f.value}, {"label", label}, {"count", f.count}});
  }
  return out;
}

}  // namespace

void register_document_routes(http::Router& router, App& app) {
  router.add("GET", "/api/v1/documents", [&app](http::Request& req) {
    auto s = require_session(app, req);
    library::BrowseRequest r;
    r.filter.kind = nonempty_param(req, "kind");
    r.filter.level = nonempty_param(req, "level");
    r.filter.legal_status = nonempty_param(req, "status");
    r.filter.year = nonempty_param(req, "year", 4);
    r.filter.topic = nonempty_param(req, "topic", 80);
    r.filter.limit = static_cast<int>(std::clamp<std::int64_t>(int_query(req, "limit").value_or(30), 1, 100));
    r.cursor = nonempty_param(req, "cursor", 60);
    auto page = library::browse(app.db, s.actor, r);
    json docs = json::array();
    for (const auto& d : page.documents) docs.push_back(summary_json(d));
    return json_response({{"documents", docs}, {"next_cursor", page.next_cursor ? json(*page.next_cursor) : json()}});
  });

  router.add("GET", "/api/v1/documents/facets", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto f = library::facets(app.db, s.actor);
    return json_response({{"kinds", facets_json(f["kind"], "kind")},
                          {"levels", facets_json(f["level"], "level")},
                          {"topics", facets_json(f["topic"], "topic")},
                          {"years", facets_json(f["year"], "year")}});
  });

  router.add("GET", "/api/v1/documents/{id}", [&app](http::Request& req) {
    auto s = require_session(app, req);
    return json_response(document_json(app.db, s, id_param(req)));
  });

  router.add("GET", "/api/v1/favourites", [&app](http::Request& req) {
    auto s = require_session(app, req);
    json docs = json::array();
    for (const auto& d : library::favourite_documents(app.db, s.actor)) docs.push_back(summary_json(d));
    json news_items = json::array();
    const auto now = timeutil::now_unix();
    for (const auto& n : news::favourites(app.db, s.actor)) news_items.push_back(news_summary_json(n, now));
    return json_response({{"documents", docs}, {"news", news_items}});
  });

  router.add("GET", "/api/v1/editor/documents", [&app](http::Request& req) {
    auto s = require_session(app, req);
    json items = json::array();
    for (const auto& d : documents::list_for_editor(app.db, s.actor, nonempty_param(req, "state")))
      items.push_back(editor_row_json(d));
    return json_response({{"documents", items}});
  });

  router.add("POST", "/api/v1/documents", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto body = JsonBody::parse(req);
    auto id = documents::create(app.db, s.actor, document_input(body));
    return json_response(document_json(app.db, s, id), 201);
  });

  router.add("PUT", "/api/v1/documents/{id}", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto body = JsonBody::parse(req);
    const auto id = id_param(req);
    auto in = document_input(body);
    documents::update(app.db, s.actor, id, std::move(in), body.integer("version"));
    return json_response(document_json(app.db, s, id));
  });

  // Workflow steps: an optional body {publish_at} (publish) or {note} (return).
  struct StepBody {
    std::optional<std::int64_t> publish_at;
    std::string note;
  };
  auto step = [&](const char* path, auto fn) {
    router.add("POST", path, [&app, fn](http::Request& req) {
      auto s = require_session(app, req);
      const auto id = id_param(req);
      StepBody b;
      if (!req.body.empty()) {
        auto body = JsonBody::parse(req);
        body.allow_only({"publish_at", "note"});
        b.publish_at = body.opt_integer("publish_at");
        b.note = body.opt_string("note", 2000).value_or("");
      }
      fn(app.db, s.actor, id, b);
      return json_response(document_json(app.db, s, id));
    });
  };
  step("/api/v1/documents/{id}/submit", [](db::Database& db, const Actor& a, std::int64_t id, const StepBody&) {
    documents::submit(db, a, id);
  });
  step("/api/v1/documents/{id}/publish", [](db::Database& db, const Actor& a, std::int64_t id, const StepBody& b) {
    documents::publish(db, a, id, b.publish_at);
  });
  step("/api/v1/documents/{id}/withdraw", [](db::Database& db, const Actor& a, std::int64_t id, const StepBody&) {
    documents::withdraw(db, a, id);
  });
  step("/api/v1/documents/{id}/return", [](db::Database& db, const Actor& a, std::int64_t id, const StepBody& b) {
    documents::return_to_draft(db, a, id, b.note);
  });

  router.add("GET", "/api/v1/documents/{id}/versions", [&app](http::Request& req) {
    auto s = require_session(app, req);
    json items = json::array();
    for (const auto& v : documents::versions(app.db, s.actor, id_param(req))) {
      auto snap = json::parse(v.snapshot_json, nullptr, false);
      items.push_back({{"version", v.version},
                       {"at", v.at},
                       {"actor_login", v.actor_login.empty() ? json() : json(v.actor_login)},
                       {"title", snap.is_object() ? snap.value("title", "") : ""}});
    }
    return json_response({{"versions", items}});
  });

  router.add("GET", "/api/v1/search", [&app](http::Request& req) {
    auto s = require_session(app, req);
    library::SearchRequest r;
    r.q = req.query_param("q").value_or("");
    if (r.q.size() > 10000) r.q.resize(10000);
    r.filters.kind = nonempty_param(req, "kind");
    r.filters.level = nonempty_param(req, "level");
    r.filters.legal_status = nonempty_param(req, "status");
    r.filters.year = nonempty_param(req, "year", 4);
    r.unit_id = int_query(req, "unit");
    r.limit = static_cast<int>(std::clamp<std::int64_t>(int_query(req, "limit").value_or(20), 1, 50));
    r.offset = static_cast<int>(std::clamp<std::int64_t>(int_query(req, "offset").value_or(0), 0, 1000));
    auto res = library::search(app.db, s.actor, r);
    json results = json::array();
    for (const auto& h : res.results) {
      json item{{"document", nullptr}, {"news", nullptr}, {"section", nullptr}, {"snippet", h.snippet}};
      if (h.item_kind == "document")
        item["document"] = {{"id", h.item_id}, {"number", h.number}, {"title", h.title}, {"kind", h.kind}};
      else
        item["news"] = {{"id", h.item_id}, {"title", h.title}};
      if (h.section_label) item["section"] = {{"label", *h.section_label}, {"anchor", *h.section_anchor}};
      results.push_back(std::move(item));
    }
    json facets = json::object();
    for (const auto& [name, values] : res.facets) {
      json list = json::array();
      for (const auto& v : values) list.push_back({{"value", v.value}, {"label", v.label}, {"count", v.count}});
      facets[name] = std::move(list);
    }
    return json_response({{"q", res.q}, {"total", res.total}, {"results", results}, {"facets", facets}});
  });
}

}  // namespace sotay::api
