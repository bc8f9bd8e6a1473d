// Attachments of documents: upload (the raw file as the body), the Attachment JSON, the bytes.
#include <cstring>
#include <filesystem>

#include "api/app.h"
#include "api/encode.h"
#include "api/json_body.h"
#include "api/session_guard.h"
#include "domain/attachments.h"
#include "domain/errors.h"
#include "http/request_decoding.h"
#include "search/normalizer.h"

namespace sotay::api {

namespace {

// X-File-Name is percent-encoded UTF-8 ("Quy%E1%BB%8Bnh.pdf"); '+' is a plus, not a space. A bad
// escape, a NUL byte or invalid UTF-8 is a 400.
std::string decode_file_name(std::string_view header) {
  auto name = http::percent_decode(header, /*plus_is_space=*/false);
  if (!name)
    throw Error(ErrorCode::bad_request, "Tên tệp không hợp lệ.",
                {{"X-File-Name", "Mã hóa phần trăm không hợp lệ, hoặc không phải UTF-8."}});
  return *name;
}

// RFC 5987 / 6266: filename*=UTF-8''… with everything but attr-char percent-encoded.
std::string rfc5987(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || std::strchr("!#$&+-.^_`|~", c) != nullptr) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// For clients that do not read filename*: the name without marks, safe characters only.
std::string ascii_fallback(std::string_view name) {
  std::string out = search::fold(name);
  for (auto& c : out) {
    unsigned char u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || c == '.' || c == '-' || c == '_' || c == ' ')) c = '_';
  }
  return out.empty() ? "tep-dinh-kem" : out;
}

}  // namespace

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
    http::Response res;
    auto path = attachments::file_path(app.files_dir, a);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) throw not_found("Không tìm thấy tệp trên máy chủ.");
    res.file_path = path.string();
    res.content_type = a.content_type;
    res.set_header("Content-Disposition", "attachment; filename=\"" + ascii_fallback(a.file_name) +
                                              "\"; filename*=UTF-8''" + rfc5987(a.file_name));
    // An attachment's bytes never change (content-addressed, rows are never rewritten).
    res.set_header("Cache-Control", "private, max-age=86400");
    return res;
  });
}

}  // namespace sotay::api
