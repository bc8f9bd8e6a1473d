// Member import (template, dry run, background run with progress) and export.
#include "api/app.h"
#include "api/json_body.h"
#include "api/session_guard.h"
#include "domain/errors.h"
#include "domain/import_jobs.h"
#include "domain/member_import.h"
#include "io/table.h"

namespace sotay::api {

namespace {

constexpr std::size_t kMaxUploadBytes = 50u << 20;  // ~300,000 rows of CSV

nlohmann::json report_json(const members::ImportReport& r) {
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& e : r.errors) errors.push_back({{"row", e.row}, {"column", e.column}, {"message", e.message}});
  return {{"dry_run", r.dry_run},         {"applied", r.applied},     {"total_rows", r.total_rows},
          {"valid_rows", r.valid_rows},   {"to_insert", r.to_insert}, {"to_update", r.to_update},
          {"error_rows", r.total_rows - r.valid_rows},
          {"errors", errors},             {"ignored_columns", r.ignored_columns}};
}

http::Response file_response(std::string body, const std::string& format, const std::string& filename) {
  http::Response res;
  res.body = std::move(body);
  res.content_type = format == "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                                      : "text/csv; charset=utf-8";
  res.set_header("Content-Disposition", "attachment; filename=\"" + filename + "." + format + "\"");
  return res;
}

std::string format_param(const http::Request& req) {
  auto f = req.query_param("format").value_or("csv");
  if (f != "csv" && f != "xlsx")
    throw Error(ErrorCode::bad_request, "Định dạng phải là csv hoặc xlsx.", {{"format", "csv hoặc xlsx"}});
  return f;
}

std::string encode(const io::Table& t, const std::string& format) {
  return format == "xlsx" ? io::write_xlsx(t, "Dang vien") : io::write_csv(t);
}

// Uploads are the raw file as the body (the app sends the File object as is).
void check_upload(const http::Request& req) {
  if (req.body.empty()) throw Error(ErrorCode::validation_failed, "Chưa có tệp nào được gửi lên.", {{"file", "Hãy chọn tệp."}});
}

}  // namespace

void register_import_routes(http::Router& router, App& app) {
  router.add("GET", "/api/v1/imports/template", [&app](http::Request& req) {
    require_session(app, req);
    auto format = format_param(req);
    return file_response(encode(members::template_table(), format), format, "mau-nhap-dang-vien");
  });

  http::RouteOptions upload{.max_body_bytes = kMaxUploadBytes};
  router.add(
      "POST", "/api/v1/units/{id}/imports",
      [&app](http::Request& req) {
        auto s = require_session(app, req);
        check_upload(req);
        bool dry_run = req.query_param("dry_run").value_or("0") == "1";
        auto unit_id = id_param(req);
        if (dry_run) return json_response(report_json(members::import_members(app.db, s.actor, unit_id, req.body, true)));
        auto id = app.imports.start(s.actor, unit_id, std::move(req.body));
        return json_response({{"job_id", id}, {"state", "running"}}, 202);
      },
      upload);

  router.add("GET", "/api/v1/imports/{id}", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto st = app.imports.get(s.actor, id_param(req));
    if (!st) throw not_found("Không tìm thấy lượt nhập dữ liệu này.");
    nlohmann::json j = {{"job_id", st->id}, {"state", st->state}, {"phase", st->phase}, {"processed", st->processed}, {"total", st->total}};
    if (st->state == "done") j["report"] = report_json(st->report);
    if (st->state == "failed") j["error"] = st->error;
    return json_response(j);
  });

  router.add("GET", "/api/v1/units/{id}/export", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto format = format_param(req);
    auto table = members::export_members(app.db, s.actor, id_param(req));
    return file_response(encode(table, format), format, "danh-sach-dang-vien");
  });
}

}  // namespace sotay::api
