// /api/v1/members and /api/v1/units/{id}/members.
#include "api/app.h"
#include "api/encode.h"
#include "api/json_body.h"
#include "api/session_guard.h"
#include "domain/members.h"

namespace sotay::api {

namespace {

members::MemberInput member_input(const JsonBody& body) {
  body.allow_only({"full_name", "birth_date", "sex", "admitted_on", "official_on", "card_number", "citizen_id",
                   "phone", "email", "status", "status_date"});
  members::MemberInput in;
  in.full_name = body.opt_string("full_name", 200);
  in.birth_date = body.opt_string("birth_date", 20);
  in.sex = body.opt_string("sex", 10);
  in.admitted_on = body.opt_string("admitted_on", 20);
  in.official_on = body.opt_string("official_on", 20);
  in.card_number = body.opt_string("card_number", 30);
  in.citizen_id = body.opt_string("citizen_id", 30);
  in.phone = body.opt_string("phone", 40);
  in.email = body.opt_string("email", 254);
  in.status = body.opt_string("status", 30);
  in.status_date = body.opt_string("status_date", 20);
  // JSON null clears an optional field (absent keeps it).
  for (auto* f : {"birth_date", "sex", "admitted_on", "official_on", "card_number", "citizen_id", "phone", "email",
                  "status_date"}) {
    auto it = body.raw().find(f);
    if (it != body.raw().end() && it->is_null()) {
      std::string key = f;
      if (key == "birth_date") in.birth_date = "";
      if (key == "sex") in.sex = "";
      if (key == "admitted_on") in.admitted_on = "";
      if (key == "official_on") in.official_on = "";
      if (key == "card_number") in.card_number = "";
      if (key == "citizen_id") in.citizen_id = "";
      if (key == "phone") in.phone = "";
      if (key == "email") in.email = "";
      if (key == "status_date") in.status_date = "";
    }
  }
  return in;
}

}  // namespace

void register_member_routes(http::Router& router, App& app) {
  router.add("GET", "/api/v1/units/{id}/members", [&app](http::Request& req) {
    auto s = require_session(app, req);
    members::ListRequest r;
    r.unit_id = id_param(req);
    r.limit = static_cast<int>(std::clamp<std::int64_t>(int_query(req, "limit").value_or(50), 1, 200));
    r.cursor = req.query_param("cursor");
    if (r.cursor && r.cursor->empty()) r.cursor.reset();
    r.subtree = req.query_param("subtree").value_or("") == "1";
    if (auto st = req.query_param("status"); st && !st->empty()) {
      std::size_t start = 0;
      while (start <= st->size()) {
        auto comma = st->find(',', start);
        auto part = st->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!part.empty()) r.statuses.push_back(part);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
    if (auto p = req.query_param("position"); p && !p->empty()) r.position = p;
    if (auto q = req.query_param("q"); q && !q->empty()) {
      if (q->size() > 200) throw bad_request("Từ khóa tìm kiếm quá dài.");
      r.query = q;
    }
    auto page = members::list(app.db, s.actor, r);
    JsonWriter w;
    w.begin_object().key("members").begin_array();
    for (const auto& m : page.members) write_member(w, m);
    w.end_array().field("next_cursor", page.next_cursor).end_object();
    http::Response res;
    res.body = w.take();
    return res;
  });

  router.add("POST", "/api/v1/units/{id}/members", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto body = JsonBody::parse(req);
    return json_response(member_json(members::create(app.db, s.actor, id_param(req), member_input(body))), 201);
  });

  router.add("GET", "/api/v1/members/{id}", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto id = id_param(req);
    auto j = member_json(members::get(app.db, s.actor, id));
    nlohmann::json positions = nlohmann::json::array();
    for (const auto& p : members::member_positions(app.db, s.actor, id)) positions.push_back(position_json(p));
    j["positions"] = positions;
    return json_response(j);
  });

  router.add("PATCH", "/api/v1/members/{id}", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto body = JsonBody::parse(req);
    return json_response(member_json(members::update(app.db, s.actor, id_param(req), member_input(body))));
  });

  router.add("POST", "/api/v1/members/{id}/transfer", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto body = JsonBody::parse(req);
    body.allow_only({"unit_id", "date"});
    return json_response(member_json(
        members::transfer(app.db, s.actor, id_param(req), body.integer("unit_id"), body.opt_string("date", 20))));
  });
}

}  // namespace sotay::api
