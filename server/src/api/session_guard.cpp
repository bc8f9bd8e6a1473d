#include "api/session_guard.h"

#include "domain/errors.h"
#include "util/crypto.h"
#include "util/time.h"

namespace sotay::api {

auth::Session require_session(App& app, const http::Request& request, Access access) {
  std::string token(request.cookie(kSessionCookie));
  auto session = token.empty() ? std::nullopt : auth::authenticate(app.db, app.policy, token, request.remote_ip);
  if (!session)
    throw Error(ErrorCode::unauthenticated, token.empty() ? "Bạn cần đăng nhập để tiếp tục."
                                                          : "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.");
  if (request.method != "GET" && request.method != "HEAD") {
    auto sent = request.header("x-csrf-token");
    if (sent.empty() || !crypto::constant_time_equal(sent, session->csrf_token))
      throw Error(ErrorCode::csrf_failed, "Yêu cầu không hợp lệ (thiếu mã bảo vệ). Vui lòng tải lại trang và thử lại.");
  }
  if (access == Access::full) {
    if (session->must_change_password)
      throw Error(ErrorCode::password_change_required, "Bạn cần đổi mật khẩu trước khi tiếp tục.");
    if (session->totp_setup_required)
      throw Error(ErrorCode::totp_setup_required,
                  "Vai trò của bạn cần bật xác thực hai lớp. Hãy thiết lập trước khi tiếp tục.");
  }
  return *session;
}

bool wants_secure_cookie(const http::Request& request) {
  return request.tls || request.header("x-forwarded-proto") == "https";
}

std::string session_cookie(const std::string& token, std::int64_t expires_at, bool secure) {
  auto max_age = std::max<std::int64_t>(0, expires_at - timeutil::now_unix());
  std::string c = std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
                  std::to_string(max_age);
  if (secure) c += "; Secure";
  return c;
}

std::string cleared_session_cookie(bool secure) {
  std::string c = std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";
  if (secure) c += "; Secure";
  return c;
}

}  // namespace sotay::api
