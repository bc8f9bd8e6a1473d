// /api/v1/reading/*, /api/v1/favourites/*, required reading, reminders and reading statistics.
#include "api/app.h"
#include "api/encode.h"
#include "api/json_body.h"
#include "api/session_guard.h"
#include "domain/errors.h"
#include "domain/reading.h"
#include "io/table.h"
#include "util/time.h"

namespace sotay::api {

namespace {

using library::ItemKind;

library::ItemKind item_kind_param(const http::Request& req) {
  auto it = req.params.find("item_kind");
  auto kind = it == req.params.end() ? std::nullopt : library::parse_item_kind(it->second);
  if (!kind) throw not_found("Loại mục không hợp lệ (document hoặc news).");
  return *kind;
}

// {"item_kind","item_id","opened_at","seconds","reached_end"}, all required, nothing else.
reading::Event decode_event(const nlohmann::json& j) {
  if (!j.is_object()) throw bad_request("Mỗi sự kiện đọc phải là một đối tượng {…}.");
  JsonBody body(j);
  body.allow_only({"item_kind", "item_id", "opened_at", "seconds", "reached_end"});
  reading::Event e;
  auto kind = library::parse_item_kind(body.string("item_kind", 20));
  if (!kind)
    throw Error(ErrorCode::bad_request, "Trường \"item_kind\" phải là \"document\" hoặc \"news\".",
                {{"item_kind", "Phải là document hoặc news."}});
  e.kind = *kind;
  e.item_id = body.integer("item_id");
  e.opened_at = body.integer("opened_at");
  e.seconds = body.integer("seconds");
  if (e.seconds < 0)
    throw Error(ErrorCode::bad_request, "Trường \"seconds\" không được âm.", {{"seconds", "Phải từ 0 trở lên."}});
  auto end = body.opt_bool("reached_end");
  if (!end) throw Error(ErrorCode::bad_request, "Thiếu trường \"reached_end\".", {{"reached_end", "Bắt buộc."}});
  e.reached_end = *end;
  return e;
}

std::vector<reading::Event> decode_events(const JsonBody& body) {
  body.allow_only({"events"});
  if (!body.has("events")) throw Error(ErrorCode::bad_request, "Thiếu trường \"events\".", {{"events", "Bắt buộc."}});
  const auto& list = body.raw()["events"];
  if (!list.is_array())
    throw Error(ErrorCode::bad_request, "Trường \"events\" phải là một danh sách.", {{"events", "Phải là danh sách."}});
  if (list.empty())
    throw Error(ErrorCode::bad_request, "Cần gửi ít nhất một sự kiện đọc.", {{"events", "Không được rỗng."}});
  if (list.size() > reading::kMaxEventsPerBatch)
    throw Error(ErrorCode::bad_request,
                "Mỗi lần gửi tối đa " + std::to_string(reading::kMaxEventsPerBatch) + " sự kiện đọc.",
                {{"events", "Quá nhiều sự kiện."}});
  std::vector<reading::Event> out;
  out.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    try {
      out.push_back(decode_event(list[i]));
    } catch (const Error& e) {
      throw Error(e.code(), "Sự kiện thứ " + std::to_string(i + 1) + ": " + e.message(), e.fields());
    }
  }
  return out;
}


nlohmann::json read_json(const reading::ReadState& r) { return {{"opened", r.opened}, {"reached_end", r.reached_end}}; }

// DocumentSummary (docs/decisions/0005).
nlohmann::json document_json(const reading::DocumentCard& d) {
  const auto& r = d.row;
  return {{"id", r.id},
          {"kind", r.kind},
          {"number", r.number},
          {"title", r.title},
          {"summary", r.summary},
          {"issuer", r.issuer},
          {"level", r.level},
          {"issued_on", opt(r.issued_on)},
          {"effective_on", opt(r.effective_on)},
          {"legal_status", r.legal_status},
          {"topics", r.topics},
          {"published_at", opt(r.published_at)},
          {"is_new", false},
          {"read", read_json(d.read)},
          {"favourite", d.favourite},
          {"required", d.required_deadline ? nlohmann::json{{"deadline", *d.required_deadline}} : nlohmann::json()}};
}

nlohmann::json tally_json(nlohmann::json j, const reading::Tally& t) {
  j["members"] = t.members;
  j["opened"] = t.opened;
  j["reached_end"] = t.reached_end;
  j["rate"] = t.rate();
  return j;
}

nlohmann::json stats_json(const reading::Stats& s) {
  auto j = tally_json({{"unit", {{"id", s.unit_id}, {"name", s.unit_name}}}}, s.tally);
  auto children = nlohmann::json::array();
  for (const auto& c : s.children)
    children.push_back(tally_json({{"unit", {{"id", c.id}, {"name", c.name}, {"kind", c.kind}}}}, c.tally));
  j["children"] = std::move(children);
  if (s.not_read) {
    auto names = nlohmann::json::array();
    for (const auto& m : *s.not_read)
      names.push_back({{"id", m.id}, {"full_name", m.full_name}, {"unit_name", m.unit_name}});
    j["not_read"] = std::move(names);
  } else {
    j["not_read"] = nullptr;
  }
  j["required"] =
      s.required ? nlohmann::json{{"id", s.required->first}, {"deadline", s.required->second}} : nlohmann::json();
  return j;
}

std::optional<std::int64_t> unit_query(const http::Request& req) {
  auto unit = int_query(req, "unit");
  if (unit && *unit <= 0) throw not_found("Không tìm thấy tổ chức đảng này.");
  return unit;
}

http::Response no_content() {
  http::Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

}  // namespace

void register_reading_routes(http::Router& router, App& app) {
  router.add("POST", "/api/v1/reading/events", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto events = decode_events(JsonBody::parse(req));
    auto r = reading::record_events(app.db, s.actor, events, timeutil::now_unix());
    return json_response({{"accepted", r.accepted}, {"skipped", r.skipped}});
  });

  router.add("GET", "/api/v1/reading/required", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto items = nlohmann::json::array();
    for (const auto& it : reading::required_for_member(app.db, s.actor, timeutil::now_unix()))
      items.push_back({{"id", it.id},
                       {"document", document_json(it.document)},
                       {"deadline", it.deadline},
                       {"note", it.note},
                       {"overdue", it.overdue},
                       {"read", read_json(it.read)},
                       {"reminded_at", opt(it.reminded_at)}});
    return json_response({{"items", std::move(items)}});
  });

  router.add("PUT", "/api/v1/favourites/{item_kind}/{id}", [&app](http::Request& req) {
    auto s = require_session(app, req);
    reading::add_favourite(app.db, s.actor, item_kind_param(req), id_param(req), timeutil::now_unix());
    return no_content();
  });

  router.add("DELETE", "/api/v1/favourites/{item_kind}/{id}", [&app](http::Request& req) {
    auto s = require_session(app, req);
    reading::remove_favourite(app.db, s.actor, item_kind_param(req), id_param(req));
    return no_content();
  });

  router.add("POST", "/api/v1/documents/{id}/required", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto body = JsonBody::parse(req);
    body.allow_only({"unit_id", "deadline", "note"});
    auto r = reading::require(app.db, s.actor, id_param(req), body.integer("unit_id"), body.string("deadline", 20),
                              body.opt_string("note", 2000).value_or(""));
    return json_response({{"id", r.id},
                          {"document_id", r.document_id},
                          {"unit_id", r.unit_id},
                          {"unit_name", r.unit_name},
                          {"deadline", r.deadline},
                          {"note", r.note}},
                         201);
  });

  router.add("POST", "/api/v1/required-readings/{id}/remind", [&app](http::Request& req) {
    auto s = require_session(app, req);
    return json_response({{"reminded", reading::remind(app.db, s.actor, id_param(req), timeutil::now_unix())}});
  });

  router.add("GET", "/api/v1/documents/{id}/reading-stats", [&app](http::Request& req) {
    auto s = require_session(app, req);
    return json_response(stats_json(reading::stats(app.db, s.actor, id_param(req), unit_query(req))));
  });

  router.add("GET", "/api/v1/documents/{id}/reading-stats.xlsx", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto st = reading::stats(app.db, s.actor, id_param(req), unit_query(req));
    http::Response res;
    res.body = io::write_xlsx(reading::stats_table(st), "Thong ke doc");
    res.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    res.set_header("Content-Disposition", "attachment; filename=\"thong-ke-doc-van-ban-" +
                                              std::to_string(st.document_id) + "-to-chuc-" +
                                              std::to_string(st.unit_id) + ".xlsx\"");
    return res;
  });
}

}  // namespace sotay::api
