// Strict decoding of JSON request bodies: malformed JSON, wrong types, missing and unknown
// fields all become a 400 with a Vietnamese message naming the field.
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "http/message.h"

namespace sotay::api {

class JsonBody {
 public:
  // Requires Content-Type application/json (415 otherwise) and a JSON object (400 otherwise).
  static JsonBody parse(const http::Request& request);
  explicit JsonBody(nlohmann::json object) : json_(std::move(object)) {}

  // Refuses any key not listed.
  void allow_only(std::initializer_list<const char*> keys) const;

  std::string string(const char* key, std::size_t max_len = 1000) const;  // required, non-empty
  std::optional<std::string> opt_string(const char* key, std::size_t max_len = 1000) const;  // null = absent
  std::int64_t integer(const char* key) const;
  std::optional<std::int64_t> opt_integer(const char* key) const;
  std::optional<bool> opt_bool(const char* key) const;
  bool has(const char* key) const { return json_.contains(key); }
  const nlohmann::json& raw() const { return json_; }

 private:
  nlohmann::json json_;
};

// Path parameter {name} as an id; anything but a positive integer is an unknown id (404).
std::int64_t id_param(const http::Request& request, const char* name = "id");
// Optional query parameter as a bounded integer (400 if not a number).
std::optional<std::int64_t> int_query(const http::Request& request, const char* name);

http::Response json_response(const nlohmann::json& body, int status = 200);

}  // namespace sotay::api
