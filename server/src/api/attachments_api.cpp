// Attachments of documents: upload (the raw file as the body), the Attachment JSON, the bytes.
#include "api/app.h"
#include "api/encode.h"
#include "api/file_transfer.h"
#include "api/json_body.h"
#include "api/session_guard.h"
#include "domain/attachments.h"
#include "domain/errors.h"

namespace sotay::api {

void register_attachment_routes(http::Router& router, App& app) {
  // The body limit refuses a bigger upload from its Content-Length (413) before reading it.
  http::RouteOptions upload{.max_body_bytes = attachments::kMaxBytes};
  router.add(
      "POST", "/api/v1/documents/{id}/attachments",
      [&app](http::Request& req) {
        auto s = require_session(app, req);
        auto document_id = id_param(req);
        auto name = decode_file_name(req.header("x-file-name"));
        auto a = attachments::add_to_document(app.db, s.actor, app.files_dir, document_id, name, req.body);
        req.body.clear();
        req.body.shrink_to_fit();
        if (a.extract_state == "pending" && app.jobs_queued) app.jobs_queued();
        return json_response(attachment_json(a), 201);
      },
      upload);

  router.add("GET", "/api/v1/attachments/{id}", [&app](http::Request& req) {
    auto s = require_session(app, req);
    return json_response(attachment_json(attachments::get(app.db, s.actor, id_param(req))));
  });

  router.add("GET", "/api/v1/attachments/{id}/file", [&app](http::Request& req) {
    auto s = require_session(app, req);
    auto a = attachments::get(app.db, s.actor, id_param(req));
    return file_download(attachments::file_path(app.files_dir, a), a.content_type, a.file_name);
  });
}

}  // namespace sotay::api
