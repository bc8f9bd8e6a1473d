// POST/DELETE /api/v1/session, the list of one's sessions, "sign out everywhere".
#include "api/app.h"
#include "api/encode.h"
#include "api/json_body.h"
#include "api/session_guard.h"
#include "domain/errors.h"

namespace sotay::api {

void register_session_routes(http::Router& router, App& app) {
  router.add("POST", "/api/v1/session", [&app](http::Request& req) {
    auto body = JsonBody::parse(req);
    body.allow_only({"login", "password", "totp"});
    auth::SignInRequest in;
    in.login = body.string("login", 200);
    in.password = body.string("password", 200);
    in.totp = body.opt_string("totp", 20);
    in.ip = req.remote_ip;
    in.user_agent = std::string(req.header("user-agent"));
    auto result = auth::sign_in(app.db, app.policy, in);
    auto session = auth::authenticate(app.db, app.policy, result.token, req.remote_ip);
    auto res = json_response({{"csrf_token", result.csrf_token},
                              {"expires_at", result.expires_at},
                              {"must_change_password", session && session->must_change_password},
                              {"totp_setup_required", session && session->totp_setup_required}});
    res.set_header("Set-Cookie", session_cookie(result.token, result.expires_at, wants_secure_cookie(req)));
    return res;
  });

  router.add("DELETE", "/api/v1/session", [&app](http::Request& req) {
    require_session(app, req, Access::restricted);
    auth::sign_out(app.db, std::string(req.cookie(kSessionCookie)));
    auto res = json_response({{"signed_out", true}});
    res.set_header("Set-Cookie", cleared_session_cookie(wants_secure_cookie(req)));
    return res;
  });

  router.add("GET", "/api/v1/sessions", [&app](http::Request& req) {
    auto s = require_session(app, req, Access::restricted);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& row : auth::list_sessions(app.db, s)) items.push_back(session_row_json(row, s.session_id));
    return json_response({{"sessions", items}});
  });

  // Sign out everywhere: every device of this account, this one included.
  router.add("DELETE", "/api/v1/sessions", [&app](http::Request& req) {
    auto s = require_session(app, req, Access::restricted);
    auth::sign_out_everywhere(app.db, s);
    auto res = json_response({{"signed_out", true}});
    res.set_header("Set-Cookie", cleared_session_cookie(wants_secure_cookie(req)));
    return res;
  });

  router.add("DELETE", "/api/v1/sessions/{id}", [&app](http::Request& req) {
    auto s = require_session(app, req, Access::restricted);
    auth::revoke_session(app.db, s, id_param(req));
    return json_response({{"revoked", true}});
  });
}

}  // namespace sotay::api
