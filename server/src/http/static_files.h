// Serves the built web app (web_root, Vite's output) for GET/HEAD of non-/api paths.
//
// Policy in one place: Vite puts content-hashed files under /assets/, so those are cached for
// a year as immutable; everything else (index.html, sw.js, the manifest) must be revalidated
// each time (no-cache + ETag) or a deploy would not reach installed apps. Paths without an
// extension that name no file are app routes (/units/12, /login) and get index.html so the
// client-side router can take over. Without a built app, "/" and app routes answer a small
// built-in page so the API still works while the web app is missing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "http/message.h"

namespace sotay::http {

struct StaticLookup {
  enum class Kind {
    file,     // `file` is a regular file under the root
    missing,  // nothing there (or no root at all)
    refused,  // the path tries to leave the root, or names a hidden file: always 404
  };
  Kind kind = Kind::missing;
  std::filesystem::path file;
};

class StaticFiles {
 public:
  // An empty web_root means "no web app": only the built-in page is served.
  explicit StaticFiles(std::string web_root);

  // Maps a decoded request path ("/assets/app.js", "/" → index.html) to a file under the root.
  // Symlinks are followed, but the real file must still lie under the real root.
  StaticLookup resolve(std::string_view request_path) const;

  // Answers a GET or HEAD (the server drops the body for HEAD).
  Response serve(const Request& request) const;

  // True when index.html exists (the web app has been built).
  bool has_app() const;

  static std::string_view content_type_for(std::string_view file_name);
  // Cache-Control for a request path (the path the browser asked for, not the file served).
  static std::string_view cache_control_for(std::string_view request_path);
  // An extension-less last segment ("/units/12") is an app route handled by the web app.
  static bool is_app_route(std::string_view request_path);
  static bool accepts_gzip(std::string_view accept_encoding);
  // If-None-Match comparison (weak, as RFC 9110 §13.1.2 asks for GET/HEAD); handles lists and "*".
  static bool etag_matches(std::string_view if_none_match, std::string_view etag);
  static std::string make_etag(std::uintmax_t size, std::filesystem::file_time_type mtime);

  static constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
  static constexpr std::string_view kNoCache = "no-cache";

 private:
  std::filesystem::path root_;  // canonical; empty when there is no web root
};

}  // namespace sotay::http
