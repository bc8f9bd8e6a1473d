// Files attached to notices: upload while writing (the raw file as the body, its name in
// X-File-Name), then the bytes for the uploader, the recipients and those who follow it up.
#include "api/app.h"
#include "api/encode.h"
#include "api/file_transfer.h"
#include "api/json_body.h"
#include "api/notices_json.h"
#include "api/session_guard.h"
#include "domain/attachments.h"
#include "domain/notice_files.h"
#include "util/time.h"

namespace sotay::api {

void register_notice_file_routes(http::Router& router, App& app) {
  // The body limit refuses a bigger upload from its Content-Length (413) before reading it.
  http::RouteOptions upload{.max_body_bytes = attachments::kMaxBytes};
  router.add(
      "POST", "/api/v1/notice-files",
      [&app](http::Request& req) {
        auto s = require_session(app, req);
        auto name = decode_file_name(req.header("x-file-name"));
        auto f = notice_files::upload(app.db, s.actor, app.files_dir, name, req.body, timeutil::now_unix());
        req.body.clear();
        req.body.shrink_to_fit();
        return json_response(notice_file_json(f), 201);
      },
      upload);

  router.add("GET", "/api/v1/notice-files/{id}/file", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto f = notice_files::get(app.db, s.actor, id_param(req));
    return file_download(notice_files::file_path(app.files_dir, f), f.content_type, f.file_name);
  });
}

}  // namespace sotay::api
