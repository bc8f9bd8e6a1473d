#include "schema_validator.h"

#include <cctype>
#include <vector>

#include "util/embedded_files.h"

namespace sotay::testing {

using nlohmann::json;

namespace {

bool is_type(const json& v, const std::string& t) {
  if (t == "null") return v.is_null();
  if (t == "string") return v.is_string();
  if (t == "integer") return v.is_number_integer();
  if (t == "number") return v.is_number();
  if (t == "boolean") return v.is_boolean();
  if (t == "object") return v.is_object();
  if (t == "array") return v.is_array();
  return false;
}

}  // namespace

SchemaValidator::SchemaValidator() : doc_(json::parse(embedded::kApiDocuments.at(0).text)) {}

std::string SchemaValidator::check(const json& value, const json& schema, const std::string& where) const {
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

json SchemaValidator::response_schema(const std::string& path, const std::string& method, int status) const {
  std::string lower = method;
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  const auto& responses = doc_["paths"].at(path).at(lower).at("responses");
  auto key = std::to_string(status);
  const auto& r = responses.contains(key) ? responses[key] : responses.at("default");
  return r["content"]["application/json"]["schema"];
}

std::string SchemaValidator::check_response(const HttpResult& r, const std::string& path, const std::string& method,
                                            const std::string& where) const {
  return check(r.json(), response_schema(path, method, r.status), where.empty() ? method + " " + path : where);
}

}  // namespace sotay::testing
