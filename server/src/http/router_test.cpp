#include "http/router.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace sotay::http {
namespace {

Handler tagged(std::string tag) {
  return [tag](Request&) {
    Response r;
    r.body = tag;
    return r;
  };
}

std::string run(const RouteMatch& m) {
  Request req;
  return (*m.handler)(req).body;
}

TEST(RouterTest, MatchesLiteralPath) {
  Router router;
  router.add("GET", "/api/v1/units", tagged("list"));
  auto m = router.match("GET", "/api/v1/units");
  ASSERT_EQ(m.kind, RouteMatch::Kind::found);
  EXPECT_EQ(run(m), "list");
  EXPECT_TRUE(m.params.empty());
}

TEST(RouterTest, FillsParameters) {
  Router router;
  router.add("GET", "/api/v1/units/{id}/members/{member_id}", tagged("member"));
  auto m = router.match("GET", "/api/v1/units/12/members/7");
  ASSERT_EQ(m.kind, RouteMatch::Kind::found);
  EXPECT_EQ(m.params.at("id"), "12");
  EXPECT_EQ(m.params.at("member_id"), "7");
}

TEST(RouterTest, ParameterMatchesExactlyOneNonEmptySegment) {
  Router router;
  router.add("GET", "/api/v1/units/{id}", tagged("unit"));
  EXPECT_EQ(router.match("GET", "/api/v1/units/").kind, RouteMatch::Kind::not_found);
  EXPECT_EQ(router.match("GET", "/api/v1/units/1/2").kind, RouteMatch::Kind::not_found);
  EXPECT_EQ(router.match("GET", "/api/v1/units").kind, RouteMatch::Kind::not_found);
  EXPECT_EQ(router.match("GET", "/api/v1/units/Hà Nội").params.at("id"), "Hà Nội");
}

TEST(RouterTest, TrailingSlashIsADifferentPath) {
  Router router;
  router.add("GET", "/api/v1/units", tagged("list"));
  EXPECT_EQ(router.match("GET", "/api/v1/units/").kind, RouteMatch::Kind::not_found);
}

TEST(RouterTest, LiteralBeatsParameterWhateverTheOrder) {
  Router router;
  router.add("GET", "/api/v1/units/{id}", tagged("by-id"));
  router.add("GET", "/api/v1/units/tree", tagged("tree"));
  EXPECT_EQ(run(router.match("GET", "/api/v1/units/tree")), "tree");
  EXPECT_EQ(run(router.match("GET", "/api/v1/units/5")), "by-id");

  Router reversed;
  reversed.add("GET", "/api/v1/units/tree", tagged("tree"));
  reversed.add("GET", "/api/v1/units/{id}", tagged("by-id"));
  EXPECT_EQ(run(reversed.match("GET", "/api/v1/units/tree")), "tree");
}

TEST(RouterTest, LeftmostLiteralDecides) {
  Router router;
  router.add("GET", "/a/{x}/c", tagged("param-first"));
  router.add("GET", "/a/b/{y}", tagged("literal-first"));
  EXPECT_EQ(run(router.match("GET", "/a/b/c")), "literal-first");
}

TEST(RouterTest, FallsBackToParameterRouteWhenLiteralLacksMethod) {
  Router router;
  router.add("POST", "/api/v1/units/tree", tagged("post-tree"));
  router.add("GET", "/api/v1/units/{id}", tagged("by-id"));
  EXPECT_EQ(run(router.match("GET", "/api/v1/units/tree")), "by-id");
}

TEST(RouterTest, WrongMethodIsMethodNotAllowedWithAllow) {
  Router router;
  router.add("GET", "/api/v1/units/{id}", tagged("get"));
  router.add("DELETE", "/api/v1/units/{id}", tagged("delete"));
  auto m = router.match("PUT", "/api/v1/units/4");
  EXPECT_EQ(m.kind, RouteMatch::Kind::method_not_allowed);
  EXPECT_EQ(m.handler, nullptr);
  EXPECT_EQ(m.allow, "DELETE, GET, HEAD");
}

TEST(RouterTest, UnknownPathIsNotFound) {
  Router router;
  router.add("GET", "/api/v1/units", tagged("list"));
  auto m = router.match("GET", "/api/v1/nothing");
  EXPECT_EQ(m.kind, RouteMatch::Kind::not_found);
  EXPECT_TRUE(m.allow.empty());
}

TEST(RouterTest, HeadUsesGetRoute) {
  Router router;
  router.add("GET", "/api/v1/units", tagged("list"));
  auto m = router.match("HEAD", "/api/v1/units");
  ASSERT_EQ(m.kind, RouteMatch::Kind::found);
  EXPECT_EQ(run(m), "list");
}

TEST(RouterTest, MethodsAreCaseSensitive) {
  Router router;
  router.add("GET", "/x", tagged("x"));
  EXPECT_EQ(router.match("get", "/x").kind, RouteMatch::Kind::method_not_allowed);
}

TEST(RouterTest, CarriesRouteOptions) {
  Router router;
  router.add("POST", "/api/v1/documents", tagged("upload"), RouteOptions{.max_body_bytes = 50u << 20});
  router.add("POST", "/api/v1/notes", tagged("note"));
  EXPECT_EQ(router.match("POST", "/api/v1/documents").options->max_body_bytes, 50u << 20);
  EXPECT_EQ(router.match("POST", "/api/v1/notes").options->max_body_bytes, 1u << 20);
}

TEST(RouterTest, RootPath) {
  Router router;
  router.add("GET", "/", tagged("root"));
  EXPECT_EQ(run(router.match("GET", "/")), "root");
  EXPECT_EQ(router.match("GET", "/x").kind, RouteMatch::Kind::not_found);
}

TEST(RouterTest, RejectsBadPatterns) {
  Router router;
  EXPECT_THROW(router.add("GET", "api/v1", tagged("")), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/units/{id", tagged("")), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/units/{}", tagged("")), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/units/x{id}", tagged("")), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/units/{id}/{id}", tagged("")), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/units", Handler{}), std::invalid_argument);
}

TEST(RouterTest, RejectsDuplicatesEvenWithOtherParameterNames) {
  Router router;
  router.add("GET", "/units/{id}", tagged("a"));
  EXPECT_THROW(router.add("GET", "/units/{unit_id}", tagged("b")), std::invalid_argument);
  EXPECT_NO_THROW(router.add("POST", "/units/{id}", tagged("c")));
  EXPECT_EQ(router.size(), 2u);
}

}  // namespace
}  // namespace sotay::http
