// The one error type the domain throws. The api layer maps `code` to an HTTP status and the
// JSON envelope {"error":{"code","message","fields"?}} in one place (http/error_response.cpp).
#pragma once

#include <exception>
#include <string>
#include <vector>

namespace sotay {

enum class ErrorCode {
  bad_request,               // 400 malformed request (bad JSON, wrong types, unknown fields)
  validation_failed,         // 422 well-formed but invalid values; `fields` says which
  unauthenticated,           // 401 no or expired session, wrong credentials
  totp_required,             // 401 password right, second factor missing or wrong
  csrf_failed,               // 403 missing or wrong X-CSRF-Token
  forbidden,                 // 403 signed in but the action is not allowed at all
  password_change_required,  // 403 must change password first
  totp_setup_required,       // 403 role needs two-factor; enrol first
  not_found,                 // 404 unknown id or outside the caller's scope (never revealed)
  method_not_allowed,        // 405
  conflict,                  // 409 duplicate card number, stale state
  payload_too_large,         // 413
  unsupported_media_type,    // 415
  rate_limited,              // 429 too many failed sign-ins; retry_after_seconds says how long
  unavailable,               // 503 database unreachable, shutting down
  internal,                  // 500 a bug; message is generic, details only in the server log
};

const char* error_code_name(ErrorCode code);

struct FieldError {
  std::string field;
  std::string message;  // Vietnamese
};

class Error : public std::exception {
 public:
  Error(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}
  Error(ErrorCode code, std::string message, std::vector<FieldError> fields)
      : code_(code), message_(std::move(message)), fields_(std::move(fields)) {}

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<FieldError>& fields() const { return fields_; }
  int retry_after_seconds() const { return retry_after_; }
  Error& with_retry_after(int seconds) {
    retry_after_ = seconds;
    return *this;
  }
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  ErrorCode code_;
  std::string message_;
  std::vector<FieldError> fields_;
  int retry_after_ = 0;
};

// Shorthands used across the domain; messages are for people, in Vietnamese.
inline Error not_found(std::string what = "Không tìm thấy dữ liệu yêu cầu.") {
  return Error(ErrorCode::not_found, std::move(what));
}
inline Error bad_request(std::string what) { return Error(ErrorCode::bad_request, std::move(what)); }

}  // namespace sotay
