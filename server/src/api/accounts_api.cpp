// Account administration by committees, within their scope.
#include "api/app.h"
#include "api/encode.h"
#include "api/json_body.h"
#include "api/session_guard.h"
#include "domain/errors.h"

namespace sotay::api {

void register_account_routes(http::Router& router, App& app) {
  router.add("GET", "/api/v1/units/{id}/accounts", [&app](http::Request& req) {
    auto s = require_session(app, req);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& v : auth::list_accounts(app.db, s.actor, id_param(req), req.query_param("q"))) {
      nlohmann::json grants = nlohmann::json::array();
      for (const auto& g : v.grants) grants.push_back(grant_json(g));
      items.push_back({{"id", v.account.id},
                       {"login", v.account.login},
                       {"phone", v.account.phone ? nlohmann::json(*v.account.phone) : nlohmann::json()},
                       {"member_id", v.account.member_id ? nlohmann::json(*v.account.member_id) : nlohmann::json()},
                       {"full_name", v.full_name},
                       {"unit_name", v.unit_name},
                       {"must_change_password", v.account.must_change_password},
                       {"totp_enabled", v.account.totp_enabled},
                       {"disabled", v.account.disabled},
                       {"roles", grants}});
    }
    return json_response({{"accounts", items}});
  });

  router.add("POST", "/api/v1/members/{id}/account", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto body = JsonBody::parse(req);
    body.allow_only({"login"});
    auto [account, temporary] =
        auth::create_for_member(app.db, app.policy, s.actor, id_param(req), body.string("login", 60));
    return json_response({{"id", account.id}, {"login", account.login}, {"temporary_password", temporary}}, 201);
  });

  router.add("POST", "/api/v1/accounts/{id}/reset-password", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto temporary = auth::reset_password(app.db, app.policy, s.actor, id_param(req));
    return json_response({{"temporary_password", temporary}, {"must_change_password", true}});
  });

  router.add("POST", "/api/v1/accounts/{id}/roles", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto body = JsonBody::parse(req);
    body.allow_only({"role", "unit_id"});
    auto role = parse_role(body.string("role", 40));
    if (!role)
      throw Error(ErrorCode::validation_failed, "Vai trò không hợp lệ.",
                  {{"role", "Chọn một trong: member, cell_committee, committee, editor, admin."}});
    auto g = auth::grant_role(app.db, s.actor, id_param(req), *role, body.integer("unit_id"));
    return json_response(grant_json(g), 201);
  });

  router.add("DELETE", "/api/v1/roles/{id}", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auth::revoke_role(app.db, s.actor, id_param(req));
    return json_response({{"revoked", true}});
  });
}

}  // namespace sotay::api
