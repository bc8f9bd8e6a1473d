#include "api/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace sotay::api {
namespace {

TEST(JsonWriter, WritesNestedValuesThatParseBack) {
  JsonWriter w;
  w.begin_object()
      .field("name", "Nguyễn \"An\"\n\\")
      .field("n", std::int64_t{-42})
      .field("ok", true)
      .field("none", std::optional<std::string>{})
      .key("list")
      .begin_array()
      .value(1)
      .value("a\x01")
      .begin_object()
      .end_object()
      .end_array()
      .end_object();
  auto j = nlohmann::json::parse(w.str());
  EXPECT_EQ(j["name"], "Nguyễn \"An\"\n\\");
  EXPECT_EQ(j["n"], -42);
  EXPECT_TRUE(j["ok"].get<bool>());
  EXPECT_TRUE(j["none"].is_null());
  EXPECT_EQ(j["list"].size(), 3u);
  EXPECT_EQ(j["list"][1], "a\x01");
}

TEST(JsonWriter, EmptyContainers) {
  JsonWriter w;
  w.begin_object().key("a").begin_array().end_array().key("b").begin_object().end_object().end_object();
  EXPECT_EQ(w.str(), R"({"a":[],"b":{}})");
}

}  // namespace
}  // namespace sotay::api
