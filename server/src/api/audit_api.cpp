// GET /api/v1/audit: the audit log, for admins within their scope.
#include "api/app.h"
#include "api/encode.h"
#include "api/json_body.h"
#include "api/session_guard.h"
#include "domain/audit.h"

namespace sotay::api {

void register_audit_routes(http::Router& router, App& app) {
  router.add("GET", "/api/v1/audit", [&app](http::Request& req) {
    auto s = require_session(app, req);
    store::AuditFilter f;
    f.actor_account_id = int_query(req, "actor");
    if (auto a = req.query_param("action"); a && !a->empty()) f.action = a->substr(0, 60);
    if (auto e = req.query_param("entity"); e && !e->empty()) f.entity = e->substr(0, 60);
    f.since = int_query(req, "since");
    f.until = int_query(req, "until");
    f.before_id = int_query(req, "before");
    f.limit = static_cast<int>(std::clamp<std::int64_t>(int_query(req, "limit").value_or(50), 1, 200));
    auto entries = audit::list(app.db, s.actor, f);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& e : entries) items.push_back(audit_json(e));
    nlohmann::json next = nullptr;
    if (static_cast<int>(entries.size()) == f.limit) next = entries.back().id;
    return json_response({{"entries", items}, {"next_before", next}});
  });
}

}  // namespace sotay::api
