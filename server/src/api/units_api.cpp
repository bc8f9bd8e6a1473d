// /api/v1/units: the organization tree.
#include "api/app.h"
#include "api/encode.h"
#include "api/json_body.h"
#include "api/session_guard.h"
#include "domain/members.h"
#include "domain/org_tree.h"

namespace sotay::api {

namespace {
nlohmann::json unit_list(const std::vector<store::UnitRow>& units) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& u : units) items.push_back(unit_json(u));
  return items;
}
}  // namespace

void register_unit_routes(http::Router& router, App& app) {
  // The top of what the caller may see (where the tree screen starts).
  router.add("GET", "/api/v1/units", [&app](http::Request& req) {
    auto s = require_session(app, req);
    return json_response({{"units", unit_list(org::scope_roots(app.db, s.actor))}});
  });

  router.add("GET", "/api/v1/units/search", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto q = req.query_param("q").value_or("");
    if (q.size() > 200) throw bad_request("Từ khóa tìm kiếm quá dài.");
    auto limit = int_query(req, "limit").value_or(30);
    return json_response({{"units", unit_list(org::search(app.db, s.actor, q, static_cast<int>(limit)))}});
  });

  router.add("GET", "/api/v1/units/{id}", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto id = id_param(req);
    auto u = org::get_unit(app.db, s.actor, id);
    auto j = unit_json(u);
    if (s.actor.can_view_members(u.path)) {
      auto counts = org::subtree_counts(app.db, s.actor, id);
      j["subtree"] = {{"member_count", counts.official + counts.probationary},
                      {"official_count", counts.official},
                      {"probationary_count", counts.probationary},
                      {"unit_count", counts.units}};
    }
    nlohmann::json crumbs = nlohmann::json::array();
    for (const auto& a : org::breadcrumbs(app.db, s.actor, id))
      crumbs.push_back({{"id", a.id}, {"name", a.name}, {"kind", a.kind}});
    j["ancestors"] = crumbs;
    j["can_manage"] = s.actor.can_manage_units(u.path);
    j["can_edit_members"] = s.actor.can_edit_members(u.path);
    return json_response(j);
  });

  router.add("GET", "/api/v1/units/{id}/children", [&app](http::Request& req) {
    auto s = require_session(app, req);
    bool closed = req.query_param("include_closed").value_or("") == "1";
    return json_response({{"units", unit_list(org::children(app.db, s.actor, id_param(req), closed))}});
  });

  router.add("GET", "/api/v1/units/{id}/history", [&app](http::Request& req) {
    auto s = require_session(app, req);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& v : org::history(app.db, s.actor, id_param(req))) items.push_back(unit_version_json(v));
    return json_response({{"history", items}});
  });

  // The subtree as it was on a date: reports from before a merge still add up.
  router.add("GET", "/api/v1/units/{id}/tree", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto date = req.query_param("date");
    if (!date) throw Error(ErrorCode::bad_request, "Thiếu tham số ngày (date=YYYY-MM-DD).", {{"date", "Bắt buộc."}});
    nlohmann::json items = nlohmann::json::array();
    for (const auto& v : org::tree_on(app.db, s.actor, id_param(req), *date)) items.push_back(unit_version_json(v));
    return json_response({{"date", *date}, {"units", items}});
  });

  router.add("GET", "/api/v1/units/{id}/positions", [&app](http::Request& req) {
    auto s = require_session(app, req);
    bool ended = req.query_param("include_ended").value_or("") == "1";
    nlohmann::json items = nlohmann::json::array();
    for (const auto& p : members::unit_positions(app.db, s.actor, id_param(req), ended))
      items.push_back(position_json(p));
    return json_response({{"positions", items}});
  });

  router.add("POST", "/api/v1/units/{id}/positions", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto body = JsonBody::parse(req);
    body.allow_only({"member_id", "position", "term_from", "term_to"});
    auto p = members::add_position(app.db, s.actor, id_param(req), body.integer("member_id"),
                                   body.string("position", 40), body.opt_string("term_from", 20),
                                   body.opt_string("term_to", 20));
    return json_response(position_json(p), 201);
  });

  router.add("POST", "/api/v1/positions/{id}/end", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto body = JsonBody::parse(req);
    body.allow_only({"date"});
    return json_response(position_json(members::end_position(app.db, s.actor, id_param(req), body.opt_string("date", 20))));
  });

  router.add("POST", "/api/v1/units", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto body = JsonBody::parse(req);
    body.allow_only({"code", "kind", "name", "parent_id", "valid_from"});
    org::NewUnit in;
    in.code = body.string("code", 40);
    in.kind = body.string("kind", 40);
    in.name = body.string("name", 300);
    in.parent_id = body.opt_integer("parent_id");
    in.valid_from = body.opt_string("valid_from", 20);
    return json_response(unit_json(org::create(app.db, s.actor, in)), 201);
  });

  router.add("PATCH", "/api/v1/units/{id}", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto body = JsonBody::parse(req);
    body.allow_only({"name", "date"});
    return json_response(
        unit_json(org::rename(app.db, s.actor, id_param(req), body.string("name", 300), body.opt_string("date", 20))));
  });

  router.add("POST", "/api/v1/units/{id}/move", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto body = JsonBody::parse(req);
    body.allow_only({"parent_id", "date"});
    return json_response(unit_json(
        org::move(app.db, s.actor, id_param(req), body.integer("parent_id"), body.opt_string("date", 20))));
  });

  router.add("POST", "/api/v1/units/{id}/merge", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto body = JsonBody::parse(req);
    body.allow_only({"into_id", "date"});
    return json_response(unit_json(
        org::merge(app.db, s.actor, id_param(req), body.integer("into_id"), body.opt_string("date", 20))));
  });

  router.add("POST", "/api/v1/units/{id}/close", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto body = JsonBody::parse(req);
    body.allow_only({"date"});
    return json_response(unit_json(org::close(app.db, s.actor, id_param(req), body.opt_string("date", 20))));
  });
}

}  // namespace sotay::api
