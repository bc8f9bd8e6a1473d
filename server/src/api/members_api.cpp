// /api/v1/members and /api/v1/units/{id}/members.
#include "api/app.h"
#include "api/encode.h"
#include "api/json_body.h"
#include "api/session_guard.h"
#include "domain/members.h"

namespace sotay::api {

namespace {

// Absent keeps a field; JSON null clears it (as an empty string, which the record rules read as
// "not given").
members::MemberInput member_input(const JsonBody& body) {
  using Field = std::optional<std::string> members::MemberInput::*;
  struct Spec {
    const char* key;
    Field field;
    std::size_t max_len;
  };
  using M = members::MemberInput;
  static const Spec kFields[] = {
      {"full_name", &M::full_name, 200},     {"birth_date", &M::birth_date, 20},   {"sex", &M::sex, 10},
      {"admitted_on", &M::admitted_on, 20},  {"official_on", &M::official_on, 20}, {"card_number", &M::card_number, 30},
      {"citizen_id", &M::citizen_id, 30},    {"phone", &M::phone, 40},             {"email", &M::email, 254},
      {"status", &M::status, 30},            {"status_date", &M::status_date, 20}};
  body.allow_only({"full_name", "birth_date", "sex", "admitted_on", "official_on", "card_number", "citizen_id",
                   "phone", "email", "status", "status_date"});
  members::MemberInput in;
  for (const auto& f : kFields) {
    auto& value = in.*(f.field);
    value = body.opt_string(f.key, f.max_len);
    if (!value && body.has(f.key)) value = "";  // present as null
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
