// Real responses checked against the API contract (server/src/api/openapi.json): every
// required field present with the documented type. The web app's TypeScript types are generated
// from the same document, so a renamed field fails here or in the web build, not on a phone.
#include <gtest/gtest.h>

#include "db/migrations.h"
#include "demo/demo.h"
#include "domain/org_tree.h"
#include "schema_validator.h"
#include "test_client.h"
#include "testing/test_db.h"

namespace sotay::testing {
namespace {

using nlohmann::json;

class ContractTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    url_ = new std::string(fresh_database_url());
    auto d = db::open(*url_);
    db::migrate(*d);
    demo::load_demo(*d, demo::Scale::small);
    cell_ = org::find_by_code(*d, "SH-TP-01-C01")->id;
    base_ = org::find_by_code(*d, "SH-TP-01")->id;
    server_ = new ServerProcess(*url_);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete url_;
  }
  SchemaValidator validator;

  void expect_matches(Client& c, const std::string& method, const std::string& target, const std::string& path,
                      int expected_status, const json& body = nullptr) {
    auto r = method == "GET" ? c.get("/api/v1" + target) : c.send(method, "/api/v1" + target, body);
    ASSERT_EQ(r.status, expected_status) << method << " " << target << ": " << r.body.substr(0, 300);
    EXPECT_EQ(validator.check_response(r, path, method, method + " " + target), "");
  }

  static std::string* url_;
  static ServerProcess* server_;
  static std::int64_t cell_, base_;
};
std::string* ContractTest::url_ = nullptr;
ServerProcess* ContractTest::server_ = nullptr;
std::int64_t ContractTest::cell_ = 0, ContractTest::base_ = 0;

TEST_F(ContractTest, ServerServesTheDocument) {
  Client c(server_->port());
  auto r = c.get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["openapi"], "3.1.0");
}

TEST_F(ContractTest, ResponsesMatchTheDocument) {
  Client c(server_->port());
  auto s = c.sign_in("danguy", "SoTay@2026");
  ASSERT_EQ(s.status, 200);
  EXPECT_EQ(validator.check(s.json(), validator.response_schema("/session", "post", 200), "sign in"), "");
  auto cell = std::to_string(cell_), base = std::to_string(base_);
  expect_matches(c, "GET", "/me", "/me", 200);
  expect_matches(c, "GET", "/units", "/units", 200);
  expect_matches(c, "GET", "/units/search?q=chi%20bo", "/units/search", 200);
  expect_matches(c, "GET", "/units/" + base, "/units/{id}", 200);
  expect_matches(c, "GET", "/units/" + base + "/children", "/units/{id}/children", 200);
  expect_matches(c, "GET", "/units/" + cell + "/history", "/units/{id}/history", 200);
  expect_matches(c, "GET", "/units/" + base + "/tree?date=2025-01-01", "/units/{id}/tree", 200);
  expect_matches(c, "GET", "/units/" + cell + "/positions", "/units/{id}/positions", 200);
  expect_matches(c, "GET", "/units/" + cell + "/members?limit=3", "/units/{id}/members", 200);
  auto first = c.get("/api/v1/units/" + cell + "/members?limit=1").json()["members"][0]["id"].get<int>();
  expect_matches(c, "GET", "/members/" + std::to_string(first), "/members/{id}", 200);
  expect_matches(c, "GET", "/units/" + base + "/accounts", "/units/{id}/accounts", 200);
  expect_matches(c, "GET", "/sessions", "/sessions", 200);
  // Errors use the envelope.
  expect_matches(c, "GET", "/units/999999", "/units/{id}", 404);
  expect_matches(c, "POST", "/units/" + cell + "/members", "/units/{id}/members", 422, json{{"full_name", "X"}});
  Client admin(server_->port());
  ASSERT_EQ(admin.sign_in("quantri", "SoTay@2026").status, 200);
  expect_matches(admin, "GET", "/audit?limit=5", "/audit", 200);
}

}  // namespace
}  // namespace sotay::testing
