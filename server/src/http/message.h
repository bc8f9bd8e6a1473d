// Plain request/response types shared by http/ (which speaks Beast) and api/ (which must not).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sotay::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // decoded path without the query string, e.g. "/api/v1/units/12"
  std::string raw_query;
  std::map<std::string, std::string> query;      // decoded query parameters
  std::map<std::string, std::string> headers;    // names lowercased
  std::string body;
  std::string remote_ip;
  std::string request_id;
  bool tls = false;

  // Filled by the router from "/units/{id}" patterns.
  std::map<std::string, std::string> params;

  std::string_view header(std::string_view lower_name) const;  // "" when absent
  std::string_view cookie(std::string_view name) const;        // "" when absent
  std::optional<std::string> query_param(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Set-Cookie, ...)
  std::string body;

  // Optional: a file to stream as the body instead of `body` (static files, exports).
  std::string file_path;

  void set_header(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

using Handler = std::function<Response(Request&)>;

// What the http layer needs from the application to authenticate a WebSocket upgrade:
// returns the account id of a valid session, or nullopt (answered 401).
using WebSocketAuthenticator = std::function<std::optional<std::int64_t>(const Request&)>;

}  // namespace sotay::http
