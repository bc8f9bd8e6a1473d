#include "api/app.h"
#include "util/embedded_files.h"

namespace sotay::api {

void register_routes(http::Router& router, App& app) {
  register_session_routes(router, app);
  register_me_routes(router, app);
  register_unit_routes(router, app);
  register_member_routes(router, app);
  register_account_routes(router, app);
  register_audit_routes(router, app);
  register_import_routes(router, app);
  register_attachment_routes(router, app);
  register_document_routes(router, app);
  register_news_routes(router, app);
  register_reading_routes(router, app);
  register_notice_routes(router, app);
  register_notice_file_routes(router, app);

  // The contract of this API (server/src/api/openapi.json); the web app's types are generated
  // from the same file, and integration tests check real responses against it.
  router.add("GET", "/api/v1/openapi.json", [](http::Request&) {
    http::Response r;
    r.body = std::string(embedded::kApiDocuments.at(0).text);
    r.set_header("Cache-Control", "no-cache");
    return r;
  });
}

}  // namespace sotay::api
