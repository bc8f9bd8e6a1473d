#include "testing/shapes.h"
#include "http/request_decoding.h"

#include <gtest/gtest.h>

#include <string_view>

namespace sotay::http {
namespace {

using sotay::testing::kIsoShape;
using sotay::testing::kRequestIdShape;
using sotay::testing::matches_shape;

TEST(RequestDecodingTest, PercentEncodingKeepsOnlyWhatItIsTold) {
  EXPECT_EQ(percent_encode("Kế hoạch số 3.pdf", ".-_"), "K%E1%BA%BF%20ho%E1%BA%A1ch%20s%E1%BB%91%203.pdf");
  EXPECT_EQ(percent_encode("a!b~c", ""), "a%21b%7Ec");
  EXPECT_EQ(percent_encode("a!b~c", "!~"), "a!b~c");
  EXPECT_EQ(percent_decode(percent_encode("Nghị quyết 57/NQ-TW", ""), false), "Nghị quyết 57/NQ-TW");
}

TEST(RequestDecodingTest, PercentDecoding) {
  EXPECT_EQ(percent_decode("/units/H%C3%A0%20N%E1%BB%99i", false), "/units/Hà Nội");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  EXPECT_EQ(percent_decode("%2f%2F", false), "//");
  EXPECT_FALSE(percent_decode("%", false));
  EXPECT_FALSE(percent_decode("%4", false));
  EXPECT_FALSE(percent_decode("%zz", false));
  EXPECT_FALSE(percent_decode("a%00b", false));    // NUL
  EXPECT_FALSE(percent_decode("%C3%28", false));   // broken UTF-8
  EXPECT_FALSE(percent_decode("%C0%AF", false));   // overlong '/'
  EXPECT_FALSE(percent_decode("%ED%A0%80", false));  // surrogate
}

TEST(RequestDecodingTest, Target) {
  auto t = decode_target("/api/v1/search?q=ho%C3%A0+b%C3%ACnh&page=2&flag&=x&q=second");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->path, "/api/v1/search");
  EXPECT_EQ(t->raw_query, "q=ho%C3%A0+b%C3%ACnh&page=2&flag&=x&q=second");
  EXPECT_EQ(t->query.at("q"), "hoà bình");  // the first of a repeated name
  EXPECT_EQ(t->query.at("page"), "2");
  EXPECT_EQ(t->query.at("flag"), "");
  EXPECT_EQ(t->query.count(""), 0u);

  auto absolute = decode_target("http://example.com/a/b?x=1");
  ASSERT_TRUE(absolute);
  EXPECT_EQ(absolute->path, "/a/b");
  EXPECT_EQ(absolute->query.at("x"), "1");

  EXPECT_FALSE(decode_target("*"));
  EXPECT_FALSE(decode_target(""));
  EXPECT_FALSE(decode_target("relative/path"));
  EXPECT_FALSE(decode_target("/a%00"));
  EXPECT_FALSE(decode_target("/a?x=%zz"));
}

TEST(RequestDecodingTest, RequestIds) {
  EXPECT_TRUE(is_valid_request_id("abc-123_X.y"));
  EXPECT_TRUE(is_valid_request_id(std::string(64, 'a')));
  EXPECT_FALSE(is_valid_request_id(std::string(65, 'a')));
  EXPECT_FALSE(is_valid_request_id(""));
  EXPECT_FALSE(is_valid_request_id("a b"));
  EXPECT_FALSE(is_valid_request_id("a\"b"));
  auto id = new_request_id();
  EXPECT_TRUE(matches_shape(id, kRequestIdShape)) << id;
  EXPECT_FALSE(matches_shape("0123456789abcdeg", kRequestIdShape));
  EXPECT_NE(id, new_request_id());
}

TEST(RequestDecodingTest, Iso8601) {
  using namespace std::chrono;
  auto t = system_clock::time_point(milliseconds(1795214362123));
  EXPECT_EQ(iso8601_utc(t), "2026-11-20T22:39:22.123Z");
  EXPECT_EQ(iso8601_utc(system_clock::time_point{}), "1970-01-01T00:00:00.000Z");
}

TEST(RequestDecodingTest, OriginHosts) {
  EXPECT_EQ(origin_host("https://Sotay.example:8443"), "sotay.example");
  EXPECT_EQ(origin_host("http://127.0.0.1:8080"), "127.0.0.1");
  EXPECT_EQ(origin_host("null"), "");
  EXPECT_EQ(host_without_port("sotay.example:8443"), "sotay.example");
  EXPECT_EQ(host_without_port("[::1]:8080"), "[::1]");
}

}  // namespace
}  // namespace sotay::http
