// Real responses checked against the API contract (server/src/api/openapi.json): every
// required field present with the documented type. The web app's TypeScript types are generated
// from the same document, so a renamed field fails here or in the web build, not on a phone.
#include <gtest/gtest.h>

#include "db/migrations.h"
#include "demo/demo.h"
#include "domain/org_tree.h"
#include "test_client.h"
#include "testing/test_db.h"
#include "util/embedded_files.h"

namespace sotay::testing {
namespace {

using nlohmann::json;

// A small JSON Schema subset: type (string or list), enum, required, properties, items, $ref,
// allOf, oneOf. Returns "" when valid, else where and why.
class Validator {
 public:
  explicit Validator(json doc) : doc_(std::move(doc)) {}

  std::string check(const json& value, const json& schema, const std::string& where) const {
    if (schema.contains("$ref")) {
      std::string name = schema["$ref"].get<std::string>().substr(std::string("#/components/schemas/").size());
      return check(value, doc_["components"]["schemas"].at(name), where);
    }
    if (schema.contains("allOf")) {
      for (const auto& s : schema["allOf"])
        if (auto e = check(value, s, where); !e.empty()) return e;
      return "";
    }
    if (schema.contains("oneOf")) {
      for (const auto& s : schema["oneOf"])
        if (check(value, s, where).empty()) return "";
      return where + ": matches none of oneOf";
    }
    if (schema.contains("type")) {
      std::vector<std::string> types;
      if (schema["type"].is_array())
        for (const auto& t : schema["type"]) types.push_back(t);
      else
        types.push_back(schema["type"]);
      bool ok = false;
      for (const auto& t : types) ok = ok || is_type(value, t);
      if (!ok) return where + ": expected " + schema["type"].dump() + ", got " + value.dump().substr(0, 80);
    }
    if (schema.contains("enum")) {
      bool ok = false;
      for (const auto& e : schema["enum"]) ok = ok || e == value;
      if (!ok) return where + ": " + value.dump() + " not in enum";
    }
    if (value.is_object() && schema.contains("properties")) {
      for (const auto& r : schema.value("required", json::array()))
        if (!value.contains(r.get<std::string>())) return where + ": missing required field " + r.get<std::string>();
      for (const auto& [k, s] : schema["properties"].items())
        if (value.contains(k))
          if (auto e = check(value[k], s, where + "." + k); !e.empty()) return e;
    }
    if (value.is_array() && schema.contains("items"))
      for (std::size_t i = 0; i < value.size(); ++i)
        if (auto e = check(value[i], schema["items"], where + "[" + std::to_string(i) + "]"); !e.empty()) return e;
    return "";
  }

  // The schema of a response: path template (without /api/v1), method, status.
  json response_schema(const std::string& path, const std::string& method, int status) const {
    const auto& responses = doc_["paths"].at(path).at(method).at("responses");
    auto key = std::to_string(status);
    const auto& r = responses.contains(key) ? responses[key] : responses.at("default");
    return r["content"]["application/json"]["schema"];
  }

 private:
  static bool is_type(const json& v, const std::string& t) {
    if (t == "null") return v.is_null();
    if (t == "string") return v.is_string();
    if (t == "integer") return v.is_number_integer();
    if (t == "number") return v.is_number();
    if (t == "boolean") return v.is_boolean();
    if (t == "object") return v.is_object();
    if (t == "array") return v.is_array();
    return false;
  }
  json doc_;
};

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
  Validator validator{json::parse(embedded::kApiDocuments.at(0).text)};

  void expect_matches(Client& c, const std::string& method, const std::string& target, const std::string& path,
                      int expected_status, const json& body = nullptr) {
    auto r = method == "GET" ? c.get("/api/v1" + target) : c.send(method, "/api/v1" + target, body);
    ASSERT_EQ(r.status, expected_status) << method << " " << target << ": " << r.body.substr(0, 300);
    std::string lower = method;
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    auto error = validator.check(r.json(), validator.response_schema(path, lower, r.status), method + " " + target);
    EXPECT_EQ(error, "");
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
