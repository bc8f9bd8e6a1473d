// /api/v1/notices/*, /api/v1/inbox/*, /api/v1/push/*, /api/v1/me/notification-prefs
// (docs/decisions/0006-notices-and-live-delivery.md).
#include "api/app.h"
#include "api/encode.h"
#include "api/json_body.h"
#include "api/notices_json.h"
#include "api/session_guard.h"
#include "domain/errors.h"
#include "domain/notice_files.h"
#include "domain/notices.h"
#include "domain/push_delivery.h"
#include "util/time.h"

namespace sotay::api {

namespace {

Error field_error(const std::string& field, const std::string& message) {
  return Error(ErrorCode::bad_request, message, {{field, message}});
}

std::vector<std::int64_t> id_list(const nlohmann::json& j, const std::string& field, std::size_t max) {
  if (j.is_null()) return {};
  if (!j.is_array()) throw field_error(field, "Trường \"" + field + "\" phải là một danh sách số.");
  if (j.size() > max) throw field_error(field, "Trường \"" + field + "\" có quá nhiều mục.");
  std::vector<std::int64_t> out;
  for (const auto& v : j) {
    if (!v.is_number_integer()) throw field_error(field, "Trường \"" + field + "\" chỉ chứa số.");
    out.push_back(v.get<std::int64_t>());
  }
  return out;
}

notices::Audience decode_audience(const nlohmann::json& j) {
  if (!j.is_object()) throw field_error("audience", "Trường \"audience\" phải là một đối tượng {units, roles, members}.");
  JsonBody body(j);
  body.allow_only({"units", "roles", "members"});
  notices::Audience a;
  a.units = id_list(j.value("units", nlohmann::json()), "audience.units", notices::kMaxAudienceUnits);
  a.members = id_list(j.value("members", nlohmann::json()), "audience.members", notices::kMaxAudienceMembers);
  if (auto roles = j.find("roles"); roles != j.end() && !roles->is_null()) {
    if (!roles->is_array() || roles->size() > 3)
      throw field_error("audience.roles", "Trường \"audience.roles\" phải là danh sách chức vụ.");
    for (const auto& r : *roles) {
      if (!r.is_string()) throw field_error("audience.roles", "Chức vụ phải là chuỗi.");
      a.roles.push_back(r.get<std::string>());
    }
  }
  return a;
}

notices::NoticeInput decode_notice(const JsonBody& body) {
  body.allow_only({"title", "body", "priority", "audience", "require_ack", "ack_deadline", "send_at", "documents", "files"});
  notices::NoticeInput in;
  // Lengths are the domain's to judge (422 with the field); these bounds only stop absurd input.
  in.title = body.opt_string("title", 4 * notices::kMaxTitleChars + 64).value_or("");
  in.body = body.opt_string("body", 4 * notices::kMaxBodyChars + 64).value_or("");
  in.priority = body.opt_string("priority", 20).value_or("normal");
  if (!body.has("audience")) throw field_error("audience", "Thiếu trường \"audience\".");
  in.audience = decode_audience(body.raw()["audience"]);
  in.require_ack = body.opt_bool("require_ack").value_or(false);
  in.ack_deadline = body.opt_integer("ack_deadline");
  in.send_at = body.opt_integer("send_at");
  in.documents = id_list(body.raw().value("documents", nlohmann::json()), "documents", notices::kMaxDocuments);
  in.files = id_list(body.raw().value("files", nlohmann::json()), "files", notice_files::kMaxPerNotice);
  return in;
}

nlohmann::json stats_unit_json(const notices::UnitCounts& u) {
  return {{"unit", {{"id", u.id}, {"name", u.name}, {"kind", u.kind}}},
          {"counts",
           {{"recipients", u.counts.recipients},
            {"delivered", u.counts.delivered},
            {"read", u.counts.read},
            {"acked", u.counts.acked}}}};
}

http::Response no_content() {
  http::Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

nlohmann::json prefs_json(const std::vector<store::NotificationPrefRow>& prefs) {
  auto items = nlohmann::json::array();
  for (const auto& p : prefs) items.push_back({{"topic", p.topic}, {"level", p.level}, {"push", p.push}});
  return {{"items", std::move(items)}};
}

}  // namespace

void register_notice_routes(http::Router& router, App& app) {
  // ---- committees ----
  router.add("POST", "/api/v1/notices", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto in = decode_notice(JsonBody::parse(req));
    return json_response(notice_detail_json(notices::create(app.db, s.actor, in, timeutil::now_unix(), app.notice_events)),
                         201);
  });

  router.add("POST", "/api/v1/notices/preview", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto body = JsonBody::parse(req);
    body.allow_only({"audience"});
    if (!body.has("audience")) throw field_error("audience", "Thiếu trường \"audience\".");
    return json_response({{"recipients", notices::preview(app.db, s.actor, decode_audience(body.raw()["audience"]))}});
  });

  router.add("GET", "/api/v1/notices", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto page = notices::list(app.db, s.actor, int_query(req, "unit"), int_query(req, "before"),
                              static_cast<int>(int_query(req, "limit").value_or(20)));
    auto items = nlohmann::json::array();
    for (const auto& row : page.items) items.push_back(notice_summary_json(row.notice, row.counts));
    return json_response({{"items", std::move(items)}, {"next_before", opt(page.next_before)}});
  });

  router.add("GET", "/api/v1/notices/{id}", [&app](http::Request& req) {
    auto s = require_session(app, req);
    return json_response(notice_detail_json(notices::detail(app.db, s.actor, id_param(req))));
  });

  router.add("GET", "/api/v1/notices/{id}/stats", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto st = notices::stats(app.db, s.actor, id_param(req), int_query(req, "unit"));
    auto j = stats_unit_json(st.unit);
    j["notice_id"] = st.notice_id;
    auto children = nlohmann::json::array();
    for (const auto& c : st.children) children.push_back(stats_unit_json(c));
    j["children"] = std::move(children);
    auto crumbs = nlohmann::json::array();
    for (const auto& [id, name] : st.breadcrumbs) crumbs.push_back({{"id", id}, {"name", name}});
    j["breadcrumbs"] = std::move(crumbs);
    return json_response(j);
  });

  router.add("GET", "/api/v1/notices/{id}/pending", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto p = notices::pending(app.db, s.actor, id_param(req), int_query(req, "unit"),
                              req.query_param("what").value_or("ack"));
    auto members = nlohmann::json::array();
    for (const auto& m : p.members)
      members.push_back({{"id", m.member_id},
                         {"full_name", m.full_name},
                         {"unit_name", m.unit_name},
                         {"read_at", opt(m.read_at)},
                         {"reminded_at", opt(m.reminded_at)}});
    return json_response({{"unit", {{"id", p.unit_id}, {"name", p.unit_name}}},
                          {"what", p.what},
                          {"total", p.total},
                          {"members", std::move(members)}});
  });

  router.add("POST", "/api/v1/notices/{id}/correct", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto body = JsonBody::parse(req);
    body.allow_only({"title", "body", "note", "files", "remove_files"});
    notices::CorrectionInput in;
    in.title = body.opt_string("title", 4 * notices::kMaxTitleChars + 64);
    in.body = body.opt_string("body", 4 * notices::kMaxBodyChars + 64).value_or("");
    in.note = body.opt_string("note", 2000).value_or("");
    in.files = id_list(body.raw().value("files", nlohmann::json()), "files", notice_files::kMaxPerNotice);
    in.remove_files =
        id_list(body.raw().value("remove_files", nlohmann::json()), "remove_files", notice_files::kMaxPerNotice);
    auto d = notices::correct(app.db, s.actor, id_param(req), in, timeutil::now_unix(), app.notice_events,
                              app.files_dir);
    return json_response(notice_detail_json(d));
  });

  router.add("POST", "/api/v1/notices/{id}/recall", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto body = JsonBody::parse(req);
    body.allow_only({"reason"});
    auto d = notices::recall(app.db, s.actor, id_param(req), body.opt_string("reason", 4000).value_or(""),
                             timeutil::now_unix(), app.notice_events);
    return json_response(notice_detail_json(d));
  });

  router.add("POST", "/api/v1/notices/{id}/remind", [&app](http::Request& req) {
    auto s = require_session(app, req);
    return json_response(
        {{"reminded", notices::remind(app.db, s.actor, id_param(req), timeutil::now_unix(), app.notice_events)}});
  });

  router.add("POST", "/api/v1/notices/{id}/cancel", [&app](http::Request& req) {
    auto s = require_session(app, req);
    return json_response(notice_detail_json(notices::cancel(app.db, s.actor, id_param(req), timeutil::now_unix())));
  });

  // ---- members ----
  router.add("POST", "/api/v1/notices/{id}/ack", [&app](http::Request& req) {
    auto s = require_session(app, req);
    return json_response({{"acked_at", notices::acknowledge(app.db, s.actor, id_param(req), timeutil::now_unix())}});
  });

  router.add("GET", "/api/v1/inbox", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto page = notices::inbox(app.db, s.actor, notices::inbox_show(req.query_param("show").value_or("")),
                               int_query(req, "before"), static_cast<int>(int_query(req, "limit").value_or(20)),
                               timeutil::now_unix(), req.query_param("q").value_or(""));
    auto items = nlohmann::json::array();
    for (std::size_t i = 0; i < page.items.size(); ++i) items.push_back(inbox_item_json(page.items[i], page.attached[i]));
    return json_response({{"unread", page.unread},
                          {"to_ack", page.to_ack},
                          {"items", std::move(items)},
                          {"next_before", opt(page.next_before)}});
  });

  router.add("GET", "/api/v1/inbox/{id}", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto d = notices::open(app.db, s.actor, id_param(req), timeutil::now_unix());
    auto j = inbox_item_json(d.item, d.attached);
    auto history = nlohmann::json::array();
    for (const auto& v : d.history) history.push_back(notice_version_json(v));
    j["history"] = std::move(history);
    return json_response(j);
  });

  // ---- Web Push and preferences ----
  router.add("GET", "/api/v1/push/key", [&app](http::Request& req) {
    require_session(app, req);
    return json_response({{"public_key", push::public_key_base64url(app.db)}});
  });

  router.add("POST", "/api/v1/push/subscriptions", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto body = JsonBody::parse(req);
    // A browser's PushSubscription.toJSON() also carries expirationTime: accepted and ignored.
    body.allow_only({"endpoint", "keys", "expirationTime"});
    const auto& keys = body.raw().value("keys", nlohmann::json());
    if (!keys.is_object() || !keys.contains("p256dh") || !keys.contains("auth") || !keys["p256dh"].is_string() ||
        !keys["auth"].is_string())
      throw field_error("keys", "Thiếu khóa của thiết bị (keys.p256dh, keys.auth).");
    push::subscribe(app.db, s.actor, body.string("endpoint", 2000), keys["p256dh"].get<std::string>(),
                    keys["auth"].get<std::string>(), std::string(req.header("user-agent")), timeutil::now_unix());
    return no_content();
  });

  router.add("DELETE", "/api/v1/push/subscriptions", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto body = JsonBody::parse(req);
    body.allow_only({"endpoint"});
    push::unsubscribe(app.db, s.actor, body.string("endpoint", 2000));
    return no_content();
  });

  router.add("GET", "/api/v1/me/notification-prefs", [&app](http::Request& req) {
    auto s = require_session(app, req);
    return json_response(prefs_json(notices::prefs(app.db, s.actor)));
  });

  router.add("PUT", "/api/v1/me/notification-prefs", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto body = JsonBody::parse(req);
    body.allow_only({"items"});
    const auto& items = body.raw().value("items", nlohmann::json());
    if (!items.is_array() || items.size() > 12) throw field_error("items", "Trường \"items\" phải là danh sách (tối đa 12).");
    std::vector<store::NotificationPrefRow> prefs;
    for (const auto& it : items) {
      if (!it.is_object()) throw field_error("items", "Mỗi mục phải là {topic, level, push}.");
      JsonBody row(it);
      row.allow_only({"topic", "level", "push"});
      auto push = row.opt_bool("push");
      if (!push) throw field_error("items", "Thiếu \"push\" (true/false).");
      prefs.push_back({row.string("topic", 20), row.string("level", 20), *push});
    }
    return json_response(prefs_json(notices::save_prefs(app.db, s.actor, prefs)));
  });
}

}  // namespace sotay::api
