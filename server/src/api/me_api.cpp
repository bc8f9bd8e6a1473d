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

// Written straight to a string: /me runs on every app start and is the hottest endpoint.
std::string me_json(App& app, const auth::Session& s) {
  std::optional<store::MemberRow> member;
  std::optional<store::UnitRow> unit;
  if (s.actor.member_id)
    app.db.read([&](db::Connection& c) {
      member = store::find_member(c, *s.actor.member_id);
      if (member) unit = store::find_unit(c, member->unit_id);
    });
  JsonWriter w;
  w.begin_object().key("account").begin_object()
      .field("id", s.actor.account_id)
      .field("login", s.login)
      .field("phone", s.phone)
      .field("must_change_password", s.must_change_password)
      .field("totp_enabled", s.totp_enabled)
      .field("totp_setup_required", s.totp_setup_required)
      .field("session_expires_at", s.expires_at)
      .end_object();
  w.key("member");
  if (member) write_member(w, *member); else w.null();
  w.key("unit");
  if (unit) write_unit(w, *unit); else w.null();
  w.key("roles").begin_array();
  for (const auto& g : s.grants) write_grant(w, g);
  w.end_array().field("csrf_token", s.csrf_token).end_object();
  return w.take();
}

}  // namespace

void register_me_routes(http::Router& router, App& app) {
  router.add("GET", "/api/v1/me", [&app](http::Request& req) {
    auto s = require_session(app, req, Access::restricted);
    http::Response res;
    res.body = me_json(app, s);
    return res;
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
