#include "http/router.h"

#include <set>
#include <stdexcept>

namespace sotay::http {

namespace {

// "/a/b" → {"a","b"}; "/" → {""}; "/a/" → {"a",""}. Callers guarantee the leading '/'.
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  for (;;) {
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool valid_param_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
  if (method.empty()) throw std::invalid_argument("route method is empty");
  if (pattern.empty() || pattern.front() != '/')
    throw std::invalid_argument("route pattern must start with '/': " + pattern);
  if (!handler) throw std::invalid_argument("route handler is empty: " + method + " " + pattern);

  Route route;
  std::set<std::string, std::less<>> names;
  for (std::string_view part : split_path(pattern)) {
    Segment seg;
    if (!part.empty() && part.front() == '{') {
      if (part.back() != '}' || !valid_param_name(part.substr(1, part.size() - 2)))
        throw std::invalid_argument("bad route parameter in " + pattern);
      seg.text = std::string(part.substr(1, part.size() - 2));
      seg.is_param = true;
      if (!names.insert(seg.text).second) throw std::invalid_argument("repeated route parameter in " + pattern);
    } else {
      if (part.find_first_of("{}") != std::string_view::npos)
        throw std::invalid_argument("a parameter must fill a whole segment: " + pattern);
      seg.text = std::string(part);
    }
    route.segments.push_back(std::move(seg));
  }
  // Two routes that differ only in parameter names would be ambiguous, so compare the shapes.
  for (const auto& other : routes_) {
    if (other.method != method || other.segments.size() != route.segments.size()) continue;
    bool same = true;
    for (std::size_t i = 0; same && i < route.segments.size(); ++i) {
      const auto& a = other.segments[i];
      const auto& b = route.segments[i];
      same = a.is_param == b.is_param && (a.is_param || a.text == b.text);
    }
    if (same) throw std::invalid_argument("duplicate route: " + method + " " + pattern);
  }
  route.method = std::move(method);
  route.pattern = std::move(pattern);
  route.handler = std::move(handler);
  route.options = options;
  routes_.push_back(std::move(route));
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
  RouteMatch result;
  const auto parts = split_path(path);

  const Route* best = nullptr;
  const Route* best_get = nullptr;  // HEAD falls back to GET when no HEAD route exists
  std::set<std::string, std::less<>> allowed;

  // True when `a` is more specific than `b`: at the leftmost position where they differ in
  // kind, `a` has the literal. Both matched the same path, so literals at a position agree.
  auto more_specific = [](const Route& a, const Route& b) {
    for (std::size_t i = 0; i < a.segments.size(); ++i) {
      if (a.segments[i].is_param != b.segments[i].is_param) return !a.segments[i].is_param;
    }
    return false;
  };

  for (const auto& route : routes_) {
    if (route.segments.size() != parts.size()) continue;
    bool ok = true;
    for (std::size_t i = 0; ok && i < parts.size(); ++i) {
      const auto& seg = route.segments[i];
      ok = seg.is_param ? !parts[i].empty() : seg.text == parts[i];
    }
    if (!ok) continue;
    allowed.insert(route.method);
    if (route.method == method) {
      if (!best || more_specific(route, *best)) best = &route;
    } else if (method == "HEAD" && route.method == "GET") {
      if (!best_get || more_specific(route, *best_get)) best_get = &route;
    }
  }
  if (!best) best = best_get;

  if (best) {
    result.kind = RouteMatch::Kind::found;
    result.handler = &best->handler;
    result.options = &best->options;
    for (std::size_t i = 0; i < parts.size(); ++i)
      if (best->segments[i].is_param) result.params.emplace(best->segments[i].text, std::string(parts[i]));
    return result;
  }
  if (!allowed.empty()) {
    if (allowed.count("GET")) allowed.insert("HEAD");
    result.kind = RouteMatch::Kind::method_not_allowed;
    for (const auto& m : allowed) {
      if (!result.allow.empty()) result.allow += ", ";
      result.allow += m;
    }
  }
  return result;
}

}  // namespace sotay::http
