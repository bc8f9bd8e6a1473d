// Responses checked against the API contract (server/src/api/openapi.json) in integration tests:
// a small JSON Schema subset — type (string or list), enum, required, properties, items, $ref,
// allOf, oneOf.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "test_client.h"

namespace sotay::testing {

class SchemaValidator {
 public:
  SchemaValidator();  // the API document embedded in the server
  explicit SchemaValidator(nlohmann::json doc) : doc_(std::move(doc)) {}

  // "" when `value` matches `schema`, else where and why.
  std::string check(const nlohmann::json& value, const nlohmann::json& schema, const std::string& where) const;

  // The schema of a response: path template (without /api/v1), method (any case), status; the
  // "default" response when the status is not listed.
  nlohmann::json response_schema(const std::string& path, const std::string& method, int status) const;

  // Checks a response to `method` on the documented `path`; `where` defaults to "METHOD path".
  std::string check_response(const HttpResult& r, const std::string& path, const std::string& method,
                             const std::string& where = "") const;

 private:
  nlohmann::json doc_;
};

}  // namespace sotay::testing
