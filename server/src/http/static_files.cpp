#include "http/static_files.h"

#include <algorithm>
#include <cstdio>
#include <system_error>

#include "http/error_response.h"

namespace sotay::http {

namespace fs = std::filesystem;

namespace {

// Shown when the web app has not been built: the server is up and the API answers, so say
// what to do rather than a bare 404. No script, so the CSP needs no exception.
constexpr std::string_view kNotBuiltPage = R"(<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sổ tay</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}code{background:#eee;padding:0 .25rem}</style>
</head>
<body>
<h1>Sổ tay</h1>
<p>Ứng dụng web chưa được xây dựng. Chạy <code>make run</code> để xây dựng.</p>
<p>Máy chủ và API vẫn hoạt động bình thường.</p>
</body>
</html>
)";

std::string_view extension_of(std::string_view name) {
  auto slash = name.find_last_of('/');
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  auto dot = name.find_last_of('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  return name.substr(dot + 1);
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// True when every component of `root` is a leading component of `p`.
bool is_under(const fs::path& p, const fs::path& root) {
  auto [r, q] = std::mismatch(root.begin(), root.end(), p.begin(), p.end());
  return r == root.end();
}

bool is_regular(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

Response not_found_response() { return error_response(ErrorCode::not_found, messages::kRouteNotFound); }

}  // namespace

StaticFiles::StaticFiles(std::string web_root) {
  if (web_root.empty()) return;
  std::error_code ec;
  root_ = fs::weakly_canonical(fs::absolute(web_root, ec), ec);
  if (ec) root_.clear();
}

bool StaticFiles::has_app() const { return !root_.empty() && is_regular(root_ / "index.html"); }

StaticLookup StaticFiles::resolve(std::string_view request_path) const {
  StaticLookup out;
  if (request_path.empty() || request_path.front() != '/') {
    out.kind = StaticLookup::Kind::refused;
    return out;
  }
  // Check the segments before touching the filesystem: ".." would climb out, and dot-files
  // (.env, .git) are never part of a built app. ".well-known" is the one standard exception.
  fs::path relative;
  std::string_view rest = request_path.substr(1);
  while (!rest.empty()) {
    auto slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    if (seg.empty()) continue;
    if (seg.front() == '.' && seg != ".well-known") {
      out.kind = StaticLookup::Kind::refused;
      return out;
    }
    if (seg.find('\0') != std::string_view::npos || seg.find('\\') != std::string_view::npos) {
      out.kind = StaticLookup::Kind::refused;
      return out;
    }
    relative /= std::string(seg);
  }
  if (root_.empty()) return out;

  fs::path candidate = root_ / relative;
  std::error_code ec;
  if (fs::is_directory(candidate, ec)) candidate /= "index.html";
  if (!is_regular(candidate)) return out;

  // A symlink inside the root may point anywhere; only serve it if its target is inside too.
  fs::path real = fs::canonical(candidate, ec);
  if (ec) return out;
  if (!is_under(real, root_)) {
    out.kind = StaticLookup::Kind::refused;
    return out;
  }
  out.kind = StaticLookup::Kind::file;
  out.file = std::move(real);
  return out;
}

Response StaticFiles::serve(const Request& request) const {
  const std::string& path = request.path;
  if (path == "/api" || path.rfind("/api/", 0) == 0) return not_found_response();

  StaticLookup found = resolve(path);
  if (found.kind == StaticLookup::Kind::refused) return not_found_response();

  std::string_view cache_control = cache_control_for(path);
  if (found.kind == StaticLookup::Kind::missing) {
    if (!is_app_route(path)) return not_found_response();
    // An app route: the web app's router decides what to show.
    found = resolve("/index.html");
    cache_control = kNoCache;
    if (found.kind != StaticLookup::Kind::file) {
      Response page;
      page.content_type = "text/html; charset=utf-8";
      page.body = std::string(kNotBuiltPage);
      page.set_header("Cache-Control", std::string(kNoCache));
      return page;
    }
  }

  const fs::path& file = found.file;
  fs::path chosen = file;
  bool gzip = false;
  fs::path gz = file;
  gz += ".gz";
  bool has_gz = is_regular(gz);
  if (has_gz && accepts_gzip(request.header("accept-encoding"))) {
    chosen = gz;
    gzip = true;
  }

  std::error_code ec;
  auto size = fs::file_size(chosen, ec);
  if (ec) return not_found_response();
  auto mtime = fs::last_write_time(chosen, ec);
  if (ec) return not_found_response();
  std::string etag = make_etag(size, mtime);

  Response response;
  response.set_header("Cache-Control", std::string(cache_control));
  response.set_header("ETag", etag);
  // Caches must key on Accept-Encoding whenever a compressed twin exists, whichever was sent.
  if (has_gz) response.set_header("Vary", "Accept-Encoding");
  if (etag_matches(request.header("if-none-match"), etag)) {
    response.status = 304;
    response.content_type.clear();
    return response;
  }
  response.content_type = std::string(content_type_for(file.filename().string()));
  // emplace_back from literals: set_header(std::string, std::string) here trips a GCC 12
  // -Warray-bounds false positive.
  if (gzip) response.headers.emplace_back("Content-Encoding", "gzip");
  response.file_path = chosen.string();
  return response;
}

std::string_view StaticFiles::content_type_for(std::string_view file_name) {
  const std::string ext = ascii_lower(extension_of(file_name));
  if (ext == "html" || ext == "htm") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json") return "application/json; charset=utf-8";
  if (ext == "webmanifest") return "application/manifest+json; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "webp") return "image/webp";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "xml") return "application/xml; charset=utf-8";
  if (ext == "wasm") return "application/wasm";
  if (ext == "map") return "application/json; charset=utf-8";
  return "application/octet-stream";
}

std::string_view StaticFiles::cache_control_for(std::string_view request_path) {
  // Only /assets/ holds content-hashed names; a changed file there gets a new name.
  if (request_path.rfind("/assets/", 0) == 0) return kImmutable;
  return kNoCache;
}

bool StaticFiles::is_app_route(std::string_view request_path) {
  return extension_of(request_path).empty() && request_path.find("/.") == std::string_view::npos;
}

bool StaticFiles::accepts_gzip(std::string_view accept_encoding) {
  // "gzip, deflate, br" / "gzip;q=0.8" / "*" — but "gzip;q=0" means the client refuses it.
  std::string header = ascii_lower(accept_encoding);
  std::string_view rest = header;
  bool star = false;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    auto semi = item.find(';');
    std::string_view coding = item.substr(0, semi);
    while (!coding.empty() && coding.front() == ' ') coding.remove_prefix(1);
    while (!coding.empty() && coding.back() == ' ') coding.remove_suffix(1);
    bool refused = false;
    if (semi != std::string_view::npos) {
      std::string_view params = item.substr(semi + 1);
      auto q = params.find("q=");
      if (q != std::string_view::npos) {
        std::string_view value = params.substr(q + 2);
        // q=0, q=0.0, q=0.000 all refuse.
        refused = !value.empty() && value.front() == '0' &&
                  value.find_first_of("123456789") == std::string_view::npos;
      }
    }
    if (coding == "gzip") return !refused;
    if (coding == "*") star = !refused;
  }
  return star;
}

bool StaticFiles::etag_matches(std::string_view if_none_match, std::string_view etag) {
  auto strip_weak = [](std::string_view t) {
    if (t.rfind("W/", 0) == 0) t.remove_prefix(2);
    return t;
  };
  std::string_view want = strip_weak(etag);
  std::string_view rest = if_none_match;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (item == "*") return true;
    if (!item.empty() && strip_weak(item) == want) return true;
  }
  return false;
}

std::string StaticFiles::make_etag(std::uintmax_t size, fs::file_time_type mtime) {
  auto ticks = std::chrono::duration_cast<std::chrono::nanoseconds>(mtime.time_since_epoch()).count();
  char buf[64];
  std::snprintf(buf, sizeof buf, "\"%jx-%llx\"", size, static_cast<unsigned long long>(ticks));
  return buf;
}

}  // namespace sotay::http
