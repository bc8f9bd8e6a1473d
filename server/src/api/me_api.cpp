// GET /api/v1/me and what a person does to their own account: password, contact, two-factor.
#include "api/app.h"
#include "api/encode.h"
#include "api/json_body.h"
#include "api/session_guard.h"
#include "domain/errors.h"
#include "domain/members.h"
#include "domain/org_tree.h"
#include "store/accounts_store.h"

namespace sotay::api {

namespace {

nlohmann::json me_json(App& app, const auth::Session& s) {
  nlohmann::json roles = nlohmann::json::array();
  for (const auto& g : s.grants) roles.push_back(grant_json(g));
  nlohmann::json member = nullptr, unit = nullptr;
  const auto& phone = s.phone;
  if (s.actor.member_id)
    app.db.read([&](db::Connection& c) {
      if (auto m = store::find_member(c, *s.actor.member_id)) {
        member = member_json(*m);
        if (auto u = store::find_unit(c, m->unit_id)) unit = unit_json(*u);
      }
    });
  return {{"account",
           {{"id", s.actor.account_id},
            {"login", s.login},
            {"phone", phone ? nlohmann::json(*phone) : nlohmann::json()},
            {"must_change_password", s.must_change_password},
            {"totp_enabled", s.totp_enabled},
            {"totp_setup_required", s.totp_setup_required},
            {"session_expires_at", s.expires_at}}},
          {"member", member},
          {"unit", unit},
          {"roles", roles},
          {"csrf_token", s.csrf_token}};
}

}  // namespace

void register_me_routes(http::Router& router, App& app) {
  router.add("GET", "/api/v1/me", [&app](http::Request& req) {
    auto s = require_session(app, req, Access::restricted);
    return json_response(me_json(app, s));
  });

  router.add("POST", "/api/v1/me/password", [&app](http::Request& req) {
    auto s = require_session(app, req, Access::restricted);
    auto body = JsonBody::parse(req);
    body.allow_only({"current_password", "new_password"});
    auth::change_password(app.db, app.policy, s, body.string("current_password", 200),
                          body.string("new_password", 200));
    return json_response({{"changed", true}});
  });

  router.add("PATCH", "/api/v1/me/contact", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto body = JsonBody::parse(req);
    body.allow_only({"phone", "email"});
    auto m = members::update_own_contact(app.db, s.actor, body.opt_string("phone", 40), body.opt_string("email", 254));
    return json_response(member_json(m));
  });

  router.add("POST", "/api/v1/me/totp/setup", [&app](http::Request& req) {
    auto s = require_session(app, req, Access::restricted);
    auto e = auth::begin_totp(app.db, s);
    return json_response({{"secret", e.secret_base32}, {"otpauth_uri", e.otpauth_uri}});
  });

  router.add("POST", "/api/v1/me/totp/confirm", [&app](http::Request& req) {
    auto s = require_session(app, req, Access::restricted);
    auto body = JsonBody::parse(req);
    body.allow_only({"code"});
    auth::confirm_totp(app.db, s, body.string("code", 20));
    return json_response({{"totp_enabled", true}});
  });
}

}  // namespace sotay::api
