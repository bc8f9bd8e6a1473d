// Method + path-pattern routing. Patterns are literal segments and "{name}" placeholders, each
// matching exactly one non-empty path segment: "/api/v1/units/{id}/members". Matching is done on
// the decoded path. When several patterns match, the one with a literal segment where the other
// has a placeholder (leftmost difference) wins, so "/units/tree" beats "/units/{id}" regardless of
// registration order.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace sotay::http {

struct RouteOptions {
  // Largest request body the route accepts; bigger bodies get 413 before they are read.
  std::size_t max_body_bytes = 1 << 20;
};

struct RouteMatch {
  enum class Kind { found, method_not_allowed, not_found };
  Kind kind = Kind::not_found;
  const Handler* handler = nullptr;       // set when found
  const RouteOptions* options = nullptr;  // set when found
  std::map<std::string, std::string> params;
  std::string allow;  // for method_not_allowed: "GET, HEAD, POST" (the Allow header)
};

class Router {
 public:
  // Throws std::invalid_argument for a malformed pattern or a duplicate method + pattern.
  void add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});

  // HEAD falls back to the GET route (the server then sends the headers only).
  RouteMatch match(std::string_view method, std::string_view path) const;

  std::size_t size() const { return routes_.size(); }

 private:
  struct Segment {
    std::string text;  // literal text, or the parameter name when is_param
    bool is_param = false;
  };
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<Segment> segments;
    Handler handler;
    RouteOptions options;
  };

  std::vector<Route> routes_;
};

}  // namespace sotay::http
