#include "http/error_response.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace sotay::http {

int status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::bad_request: return 400;
    case ErrorCode::validation_failed: return 422;
    case ErrorCode::unauthenticated: return 401;
    case ErrorCode::totp_required: return 401;
    case ErrorCode::csrf_failed: return 403;
    case ErrorCode::forbidden: return 403;
    case ErrorCode::password_change_required: return 403;
    case ErrorCode::totp_setup_required: return 403;
    case ErrorCode::not_found: return 404;
    case ErrorCode::method_not_allowed: return 405;
    case ErrorCode::conflict: return 409;
    case ErrorCode::payload_too_large: return 413;
    case ErrorCode::unsupported_media_type: return 415;
    case ErrorCode::rate_limited: return 429;
    case ErrorCode::unavailable: return 503;
    case ErrorCode::internal: return 500;
  }
  return 500;
}

Response error_response(const sotay::Error& error) {
  nlohmann::json body = {{"code", error_code_name(error.code())}, {"message", error.message()}};
  if (!error.fields().empty()) {
    auto fields = nlohmann::json::array();
    for (const auto& f : error.fields()) fields.push_back({{"field", f.field}, {"message", f.message}});
    body["fields"] = std::move(fields);
  }
  int retry_after = error.retry_after_seconds();
  if (retry_after > 0) body["retry_after_seconds"] = retry_after;

  Response response;
  response.status = status_for(error.code());
  // `replace` instead of throwing: a message built from user input with broken UTF-8 must
  // still produce an error response, not a second error.
  response.body = nlohmann::json{{"error", std::move(body)}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  // 429 promises a Retry-After (RFC 6585); other codes carry one only when the domain set it.
  if (retry_after > 0 || error.code() == ErrorCode::rate_limited)
    response.set_header("Retry-After", std::to_string(std::max(retry_after, 1)));
  return response;
}

Response error_response(ErrorCode code, std::string message_vi) {
  return error_response(sotay::Error(code, std::move(message_vi)));
}

}  // namespace sotay::http
