// Authentication and CSRF for API handlers: every handler that needs a signed-in user starts
// with require_session(); state-changing methods must carry the session's X-CSRF-Token.
#pragma once

#include <string>

#include "api/app.h"
#include "domain/auth.h"
#include "http/message.h"

namespace sotay::api {

inline constexpr const char* kSessionCookie = "sotay_session";

enum class Access {
  full,        // the normal case
  restricted,  // also allowed while a password change or two-factor setup is still pending
};

auth::Session require_session(App& app, const http::Request& request, Access access = Access::full);

std::string session_cookie(const std::string& token, std::int64_t expires_at, bool secure);
std::string cleared_session_cookie(bool secure);
bool wants_secure_cookie(const http::Request& request);

}  // namespace sotay::api
