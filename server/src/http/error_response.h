// THE one mapping from sotay::Error (and its codes) to an HTTP status and the JSON envelope
//   {"error":{"code":"…","message":"<Vietnamese>","fields":[…]?,"retry_after_seconds":N?}}
// Every error the server sends goes through here, so clients parse one shape.
#pragma once

#include <string>

#include "domain/errors.h"
#include "http/message.h"

namespace sotay::http {

// HTTP status for a code (400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 500, 503).
int status_for(ErrorCode code);

Response error_response(const sotay::Error& error);
Response error_response(ErrorCode code, std::string message_vi);

// Messages the HTTP layer itself uses, kept together so the wording stays consistent.
namespace messages {
inline constexpr const char* kInternal = "Đã có lỗi xảy ra ở máy chủ. Vui lòng thử lại sau.";
inline constexpr const char* kBusy = "Hệ thống đang bận, vui lòng thử lại sau ít phút.";
inline constexpr const char* kNotReady = "Hệ thống chưa sẵn sàng, vui lòng thử lại sau ít phút.";
inline constexpr const char* kRouteNotFound = "Không tìm thấy địa chỉ yêu cầu.";
inline constexpr const char* kMethodNotAllowed = "Phương thức này không được hỗ trợ cho địa chỉ yêu cầu.";
inline constexpr const char* kBadRequest = "Yêu cầu không hợp lệ.";
inline constexpr const char* kBadPath = "Địa chỉ yêu cầu không hợp lệ.";
inline constexpr const char* kHeaderTooLarge = "Phần đầu yêu cầu quá lớn.";
inline constexpr const char* kBodyTooLarge = "Nội dung gửi lên quá lớn.";
inline constexpr const char* kOverloaded = "Máy chủ đang quá tải, vui lòng thử lại sau ít phút.";
inline constexpr const char* kSignInRequired = "Bạn cần đăng nhập để tiếp tục.";
inline constexpr const char* kWebSocketRequired = "Địa chỉ này chỉ nhận kết nối WebSocket.";
inline constexpr const char* kForeignOrigin = "Nguồn kết nối không được phép.";
}  // namespace messages

}  // namespace sotay::http
