#include "http/message.h"

namespace sotay::http {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string_view Request::header(std::string_view lower_name) const {
  // The map's comparator is std::less<std::string> (no heterogeneous lookup): a temporary key.
  auto it = headers.find(std::string(lower_name));
  if (it == headers.end()) return {};
  return it->second;
}

std::string_view Request::cookie(std::string_view name) const {
  // RFC 6265 §5.4: "name=value" pairs separated by "; ". The server joins repeated Cookie
  // headers with "; " too, so one pass covers both.
  std::string_view rest = header("cookie");
  while (!rest.empty()) {
    auto end = rest.find(';');
    std::string_view pair = trim(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (trim(pair.substr(0, eq)) != name) continue;
    std::string_view value = trim(pair.substr(eq + 1));
    // A cookie value may be wrapped in double quotes; the quotes are not part of the value.
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    return value;
  }
  return {};
}

std::optional<std::string> Request::query_param(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

}  // namespace sotay::http
