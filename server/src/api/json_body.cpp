#include "api/json_body.h"

#include <charconv>

#include "domain/errors.h"

namespace sotay::api {

namespace {
[[noreturn]] void wrong_type(const char* key, const char* expected) {
  throw Error(ErrorCode::bad_request, std::string("Trường \"") + key + "\" phải là " + expected + ".",
              {{key, std::string("Phải là ") + expected + "."}});
}
}  // namespace

JsonBody JsonBody::parse(const http::Request& request) {
  auto type = request.header("content-type");
  if (type.substr(0, 16) != "application/json")
    throw Error(ErrorCode::unsupported_media_type, "Nội dung gửi lên phải ở dạng JSON (application/json).");
  nlohmann::json j = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) throw bad_request("Nội dung JSON không hợp lệ.");
  if (!j.is_object()) throw bad_request("Nội dung JSON phải là một đối tượng {…}.");
  return JsonBody(std::move(j));
}

void JsonBody::allow_only(std::initializer_list<const char*> keys) const {
  for (const auto& [k, _] : json_.items()) {
    bool known = false;
    for (const char* allowed : keys) known = known || k == allowed;
    if (!known) {
      std::string shown = k.size() > 40 ? k.substr(0, 40) + "…" : k;
      throw Error(ErrorCode::bad_request, "Trường \"" + shown + "\" không được hỗ trợ.", {{shown, "Trường không được hỗ trợ."}});
    }
  }
}

std::optional<std::string> JsonBody::opt_string(const char* key, std::size_t max_len) const {
  auto it = json_.find(key);
  if (it == json_.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) wrong_type(key, "chuỗi ký tự");
  auto s = it->get<std::string>();
  if (s.size() > max_len)
    throw Error(ErrorCode::bad_request, std::string("Trường \"") + key + "\" quá dài.", {{key, "Quá dài."}});
  if (s.find('\0') != std::string::npos) wrong_type(key, "chuỗi ký tự hợp lệ");
  return s;
}

std::string JsonBody::string(const char* key, std::size_t max_len) const {
  auto s = opt_string(key, max_len);
  if (!s || s->empty())
    throw Error(ErrorCode::bad_request, std::string("Thiếu trường \"") + key + "\".", {{key, "Bắt buộc."}});
  return *s;
}

std::optional<std::int64_t> JsonBody::opt_integer(const char* key) const {
  auto it = json_.find(key);
  if (it == json_.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer()) wrong_type(key, "số nguyên");
  return it->get<std::int64_t>();
}

std::int64_t JsonBody::integer(const char* key) const {
  auto v = opt_integer(key);
  if (!v) throw Error(ErrorCode::bad_request, std::string("Thiếu trường \"") + key + "\".", {{key, "Bắt buộc."}});
  return *v;
}

std::optional<bool> JsonBody::opt_bool(const char* key) const {
  auto it = json_.find(key);
  if (it == json_.end() || it->is_null()) return std::nullopt;
  if (!it->is_boolean()) wrong_type(key, "true hoặc false");
  return it->get<bool>();
}

std::int64_t id_param(const http::Request& request, const char* name) {
  auto it = request.params.find(name);
  if (it == request.params.end()) throw not_found();
  std::int64_t v = 0;
  const auto& s = it->second;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) throw not_found();
  return v;
}

std::optional<std::int64_t> int_query(const http::Request& request, const char* name) {
  auto v = request.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  std::int64_t out = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || p != v->data() + v->size())
    throw Error(ErrorCode::bad_request, std::string("Tham số \"") + name + "\" phải là số.", {{name, "Phải là số."}});
  return out;
}

http::Response json_response(const nlohmann::json& body, int status) {
  http::Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

}  // namespace sotay::api
