// Pure helpers the server uses to turn raw request bits into a sotay::http::Request, kept apart
// from the socket code so they can be unit-tested without a connection.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace sotay::http {

// Decodes %XX escapes (and '+' as space when asked, for query strings). nullopt when an escape
// is malformed, the result holds a NUL byte, or it is not valid UTF-8: such input has no
// honest meaning and is answered 400 instead of being passed on.
std::optional<std::string> percent_decode(std::string_view in, bool plus_is_space);

// The other way: every byte but ASCII letters, digits and those in `keep` as %XX (upper-case hex).
// `keep` differs by place: RFC 5987's attr-char in a Content-Disposition filename*, less in a URL.
std::string percent_encode(std::string_view in, std::string_view keep);

bool is_valid_utf8(std::string_view s);

struct DecodedTarget {
  std::string path;       // decoded, always starts with '/'
  std::string raw_query;  // as received, without '?'
  std::map<std::string, std::string> query;  // decoded; for a repeated name the first wins
};

// Splits an origin-form ("/a/b?x=1") or absolute-form ("http://host/a?x") request target.
// nullopt for anything else ("*", bad escapes), answered 400.
std::optional<DecodedTarget> decode_target(std::string_view target);

// X-Request-Id from the client is kept when it is [A-Za-z0-9._-]{1,64}, so it can be logged
// without escaping and correlated with a proxy's logs.
bool is_valid_request_id(std::string_view id);
std::string new_request_id();  // 16 random hex characters

// "2026-11-20T22:39:22.123Z"
std::string iso8601_utc(std::chrono::system_clock::time_point t);

// Host names, lowercased and without the port: "https://A.b:8443" → "a.b" for an Origin value,
// "a.b:8443" → "a.b" for a Host value. Ports are ignored when comparing the two because a
// reverse proxy commonly forwards Host without the public port.
std::string origin_host(std::string_view origin);
std::string host_without_port(std::string_view authority);

}  // namespace sotay::http
