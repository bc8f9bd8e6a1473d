#include "api/app.h"

namespace sotay::api {

void register_routes(http::Router& router, App& app) {
  register_session_routes(router, app);
  register_me_routes(router, app);
  register_unit_routes(router, app);
  register_member_routes(router, app);
  register_account_routes(router, app);
  register_audit_routes(router, app);
  register_import_routes(router, app);
}

}  // namespace sotay::api
