// /api/v1/news, /api/v1/news/{id}/…, /api/v1/editor/news.
#include "api/app.h"
#include "api/encode.h"
#include "api/json_body.h"
#include "api/json_writer.h"
#include "api/session_guard.h"
#include "domain/errors.h"
#include "domain/markdown.h"
#include "domain/news.h"
#include "util/time.h"

namespace sotay::api {

namespace {

std::string cover_url(const store::NewsRow& n) {
  // The key in the address: a new cover is a new URL, so the old one may be cached for ever.
  return "/api/v1/news/" + std::to_string(n.id) + "/cover?v=" + n.cover_key->substr(0, 16);
}

// NewsSummary's fields, inside an object the caller opened.
void write_summary_fields(JsonWriter& w, const store::NewsRow& n, bool opened, bool reached_end, bool favourite,
                          std::int64_t now) {
  w.field("id", n.id).field("title", n.title).field("summary", n.summary).field("category", n.category);
  w.key("cover_url");
  if (n.cover_key)
    w.value(cover_url(n));
  else
    w.null();
  w.field("pinned", n.pinned).field("published_at", n.published_at);
  w.field("is_new", n.published_at && *n.published_at >= now - news::kNewForSeconds && !opened);
  w.key("read").begin_object().field("opened", opened).field("reached_end", reached_end).end_object();
  w.field("favourite", favourite);
}

}  // namespace

nlohmann::json news_summary_json(const store::NewsListRow& row, std::int64_t now) {
  JsonWriter w;
  w.begin_object();
  write_summary_fields(w, row.news, row.opened, row.reached_end, row.favourite, now);
  w.end_object();
  return nlohmann::json::parse(w.take());
}

namespace {

http::Response article_response(App& app, const Actor& actor, std::int64_t id, int status = 200) {
  auto v = news::get(app.db, actor, id);
  const auto& n = v.news;
  JsonWriter w;
  w.begin_object();
  write_summary_fields(w, n, v.opened, v.reached_end, v.favourite, timeutil::now_unix());
  w.field("body_html", render_markdown(n.body));
  if (v.can_edit) w.field("body", n.body);
  w.field("state", n.state).field("version", n.version).field("owner_unit_id", n.owner_unit_id);
  w.field("publish_at", n.publish_at);
  w.key("audience").begin_array();
  for (const auto& u : v.audience) w.begin_object().field("id", u.id).field("name", u.name).end_object();
  w.end_array();
  w.field("can_edit", v.can_edit);
  w.end_object();
  http::Response r;
  r.status = status;
  r.body = w.take();
  return r;
}

news::NewsInput news_input(const JsonBody& body, bool with_version) {
  if (with_version)
    body.allow_only({"title", "summary", "body", "category", "pinned", "audience_unit_ids", "owner_unit_id", "version"});
  else
    body.allow_only({"title", "summary", "body", "category", "pinned", "audience_unit_ids", "owner_unit_id"});
  news::NewsInput in;
  // Lengths are checked by the domain (422 with the field); these bounds only stop absurd input.
  in.title = body.opt_string("title", 4 * news::kMaxTitleChars + 64).value_or("");
  in.summary = body.opt_string("summary", 4 * news::kMaxSummaryChars + 64).value_or("");
  in.body = body.opt_string("body", 2 * news::kMaxBodyBytes).value_or("");
  in.category = body.opt_string("category", 200).value_or("");
  in.pinned = body.opt_bool("pinned").value_or(false);
  in.owner_unit_id = body.opt_integer("owner_unit_id");
  const auto& raw = body.raw();
  if (auto it = raw.find("audience_unit_ids"); it != raw.end() && !it->is_null()) {
    if (!it->is_array() || it->size() > 1000)
      throw Error(ErrorCode::bad_request, "Trường \"audience_unit_ids\" phải là danh sách số nguyên.",
                  {{"audience_unit_ids", "Phải là danh sách số nguyên."}});
    for (const auto& v : *it) {
      if (!v.is_number_integer())
        throw Error(ErrorCode::bad_request, "Trường \"audience_unit_ids\" phải là danh sách số nguyên.",
                    {{"audience_unit_ids", "Phải là danh sách số nguyên."}});
      in.audience_unit_ids.push_back(v.get<std::int64_t>());
    }
  }
  return in;
}

// An optional JSON body (workflow steps): absent or empty is {}.
std::optional<JsonBody> optional_body(const http::Request& req) {
  if (req.body.empty()) return std::nullopt;
  return JsonBody::parse(req);
}

int clamp_limit(const http::Request& req, int fallback, int max) {
  return static_cast<int>(std::clamp<std::int64_t>(int_query(req, "limit").value_or(fallback), 1, max));
}

std::optional<std::string> nonempty_query(const http::Request& req, const char* name) {
  auto v = req.query_param(name);
  if (v && v->empty()) v.reset();
  if (v && v->size() > 200) throw Error(ErrorCode::bad_request, std::string("Tham số \"") + name + "\" quá dài.");
  return v;
}

}  // namespace

void register_news_routes(http::Router& router, App& app) {
  const http::RouteOptions article_body{.max_body_bytes = 3 * news::kMaxBodyBytes};
  const http::RouteOptions cover_body{.max_body_bytes = news::kMaxCoverBytes};

  // The member feed: hot, so one statement and the streaming writer.
  router.add("GET", "/api/v1/news", [&app](http::Request& req) {
    auto s = require_session(app, req);
    news::FeedRequest fr;
    fr.category = nonempty_query(req, "category");
    fr.before = int_query(req, "before");
    fr.limit = clamp_limit(req, 20, news::kMaxFeedLimit);
    auto page = news::feed(app.db, s.actor, fr);
    const auto now = timeutil::now_unix();
    JsonWriter w;
    w.begin_object().key("items").begin_array();
    for (const auto& row : page.items) {
      w.begin_object();
      write_summary_fields(w, row.news, row.opened, row.reached_end, row.favourite, now);
      w.end_object();
    }
    w.end_array().field("next_before", page.next_before).end_object();
    http::Response r;
    r.body = w.take();
    return r;
  });

  router.add("GET", "/api/v1/editor/news", [&app](http::Request& req) {
    auto s = require_session(app, req);
    news::EditorListRequest er;
    er.state = nonempty_query(req, "state");
    er.cursor = nonempty_query(req, "cursor");
    er.limit = clamp_limit(req, 50, 200);
    auto page = news::list_for_editor(app.db, s.actor, er);
    const auto now = timeutil::now_unix();
    JsonWriter w;
    w.begin_object().key("items").begin_array();
    for (const auto& row : page.items) {
      const auto& n = row.news;
      w.begin_object();
      write_summary_fields(w, n, row.opened, row.reached_end, row.favourite, now);
      w.field("state", n.state).field("version", n.version).field("owner_unit_id", n.owner_unit_id);
      w.field("publish_at", n.publish_at).field("updated_at", n.updated_at);
      w.end_object();
    }
    w.end_array().field("next_cursor", page.next_cursor).end_object();
    http::Response r;
    r.body = w.take();
    return r;
  });

  router.add(
      "POST", "/api/v1/news",
      [&app](http::Request& req) {
        auto s = require_session(app, req);
        auto body = JsonBody::parse(req);
        auto id = news::create(app.db, s.actor, news_input(body, false));
        return article_response(app, s.actor, id, 201);
      },
      article_body);

  router.add("GET", "/api/v1/news/{id}", [&app](http::Request& req) {
    auto s = require_session(app, req);
    return article_response(app, s.actor, id_param(req));
  });

  router.add(
      "PUT", "/api/v1/news/{id}",
      [&app](http::Request& req) {
        auto s = require_session(app, req);
        auto id = id_param(req);
        auto body = JsonBody::parse(req);
        auto in = news_input(body, true);
        news::update(app.db, s.actor, id, std::move(in), body.integer("version"));
        return article_response(app, s.actor, id);
      },
      article_body);

  router.add("POST", "/api/v1/news/{id}/submit", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto id = id_param(req);
    news::submit(app.db, s.actor, id);
    return article_response(app, s.actor, id);
  });

  router.add("POST", "/api/v1/news/{id}/publish", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto id = id_param(req);
    std::optional<std::int64_t> publish_at;
    if (auto body = optional_body(req)) {
      body->allow_only({"publish_at"});
      publish_at = body->opt_integer("publish_at");
    }
    news::publish(app.db, s.actor, id, publish_at);
    return article_response(app, s.actor, id);
  });

  router.add("POST", "/api/v1/news/{id}/withdraw", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto id = id_param(req);
    news::withdraw(app.db, s.actor, id);
    return article_response(app, s.actor, id);
  });

  router.add("POST", "/api/v1/news/{id}/return", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto id = id_param(req);
    std::string note;
    if (auto body = optional_body(req)) {
      body->allow_only({"note"});
      note = body->opt_string("note", 8000).value_or("");
    }
    news::return_to_draft(app.db, s.actor, id, note);
    return article_response(app, s.actor, id);
  });

  router.add("GET", "/api/v1/news/{id}/versions", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto versions = news::versions(app.db, s.actor, id_param(req));
    JsonWriter w;
    w.begin_object().key("versions").begin_array();
    for (const auto& v : versions) {
      auto snap = nlohmann::json::parse(v.snapshot_json, nullptr, false);
      std::string title = snap.is_object() ? snap.value("title", "") : "";
      w.begin_object().field("version", v.version).field("at", v.at);
      w.key("actor_login");
      if (v.actor_login.empty())
        w.null();
      else
        w.value(v.actor_login);
      w.field("title", title).end_object();
    }
    w.end_array().end_object();
    http::Response r;
    r.body = w.take();
    return r;
  });

  router.add(
      "POST", "/api/v1/news/{id}/cover",
      [&app](http::Request& req) {
        auto s = require_session(app, req);
        auto id = id_param(req);
        if (req.body.empty()) throw bad_request("Chưa có ảnh bìa trong nội dung gửi lên.");
        news::set_cover(app.db, s.actor, id, req.body, app.files_dir);
        return article_response(app, s.actor, id);
      },
      cover_body);

  router.add("GET", "/api/v1/news/{id}/cover", [&app](http::Request& req) {
    auto s = require_session(app, req);
    http::Response r;
    r.file_path = news::cover_path(app.db, s.actor, id_param(req), app.files_dir).string();
    r.content_type = "image/jpeg";
    // The address carries the content's key (cover_url), so it never changes under a client.
    r.set_header("Cache-Control", "private, max-age=31536000, immutable");
    return r;
  });
}

}  // namespace sotay::api
