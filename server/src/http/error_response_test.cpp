#include "http/error_response.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace sotay::http {
namespace {

std::string header(const Response& r, std::string_view name) {
  for (const auto& [n, v] : r.headers)
    if (n == name) return v;
  return {};
}

TEST(ErrorResponseTest, StatusPerCode) {
  struct Case {
    ErrorCode code;
    int status;
  };
  const Case cases[] = {
      {ErrorCode::bad_request, 400},        {ErrorCode::validation_failed, 422},
      {ErrorCode::unauthenticated, 401},    {ErrorCode::totp_required, 401},
      {ErrorCode::csrf_failed, 403},        {ErrorCode::forbidden, 403},
      {ErrorCode::password_change_required, 403}, {ErrorCode::totp_setup_required, 403},
      {ErrorCode::not_found, 404},          {ErrorCode::method_not_allowed, 405},
      {ErrorCode::conflict, 409},           {ErrorCode::payload_too_large, 413},
      {ErrorCode::unsupported_media_type, 415}, {ErrorCode::rate_limited, 429},
      {ErrorCode::unavailable, 503},        {ErrorCode::internal, 500},
  };
  for (const auto& c : cases) {
    Response r = error_response(c.code, "x");
    EXPECT_EQ(r.status, c.status) << error_code_name(c.code);
    EXPECT_EQ(status_for(c.code), c.status);
    auto body = nlohmann::json::parse(r.body);
    EXPECT_EQ(body["error"]["code"], error_code_name(c.code));
  }
}

TEST(ErrorResponseTest, EnvelopeShapeWithoutExtras) {
  Response r = error_response(ErrorCode::not_found, "Không tìm thấy dữ liệu yêu cầu.");
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  auto body = nlohmann::json::parse(r.body);
  ASSERT_TRUE(body.is_object());
  ASSERT_EQ(body.size(), 1u);
  const auto& error = body.at("error");
  EXPECT_EQ(error.at("code"), "not_found");
  EXPECT_EQ(error.at("message"), "Không tìm thấy dữ liệu yêu cầu.");
  EXPECT_FALSE(error.contains("fields"));
  EXPECT_FALSE(error.contains("retry_after_seconds"));
  EXPECT_EQ(header(r, "Retry-After"), "");
}

TEST(ErrorResponseTest, FieldsAreListedWhenPresent) {
  sotay::Error e(ErrorCode::validation_failed, "Dữ liệu chưa hợp lệ.",
                 {{"full_name", "Họ tên không được để trống."}, {"birth_date", "Ngày sinh không hợp lệ."}});
  Response r = error_response(e);
  EXPECT_EQ(r.status, 422);
  auto error = nlohmann::json::parse(r.body).at("error");
  ASSERT_EQ(error.at("fields").size(), 2u);
  EXPECT_EQ(error["fields"][0]["field"], "full_name");
  EXPECT_EQ(error["fields"][0]["message"], "Họ tên không được để trống.");
  EXPECT_EQ(error["fields"][1]["field"], "birth_date");
}

TEST(ErrorResponseTest, RateLimitedCarriesRetryAfter) {
  sotay::Error e(ErrorCode::rate_limited, "Bạn đã thử quá nhiều lần.");
  e.with_retry_after(120);
  Response r = error_response(e);
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(header(r, "Retry-After"), "120");
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["retry_after_seconds"], 120);
}

TEST(ErrorResponseTest, RateLimitedWithoutDelayStillSaysRetryAfter) {
  Response r = error_response(ErrorCode::rate_limited, "Chậm lại.");
  EXPECT_EQ(header(r, "Retry-After"), "1");
  EXPECT_FALSE(nlohmann::json::parse(r.body)["error"].contains("retry_after_seconds"));
}

TEST(ErrorResponseTest, BrokenUtf8DoesNotThrow) {
  Response r;
  EXPECT_NO_THROW(r = error_response(ErrorCode::bad_request, std::string("sai \xff mã")));
  EXPECT_FALSE(nlohmann::json::parse(r.body, nullptr, false).is_discarded());
}

}  // namespace
}  // namespace sotay::http
