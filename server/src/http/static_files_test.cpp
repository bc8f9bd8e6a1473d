#include "http/static_files.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <unistd.h>

namespace sotay::http {
namespace {

namespace fs = std::filesystem;

std::string header(const Response& r, std::string_view name) {
  for (const auto& [n, v] : r.headers)
    if (n == name) return v;
  return {};
}

void write_file(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> n{0};
    base_ = fs::temp_directory_path() / ("sotay_static_" + std::to_string(::getpid()) + "_" + std::to_string(n++));
    root_ = base_ / "web";
    write_file(root_ / "index.html", "<!doctype html><title>app</title>");
    write_file(root_ / "sw.js", "self.addEventListener('fetch', () => {});");
    write_file(root_ / "manifest.webmanifest", "{}");
    write_file(root_ / "assets" / "app-abc123.js", "console.log(1)");
    write_file(root_ / "assets" / "app-abc123.css", "body{}");
    write_file(root_ / "assets" / "app-abc123.css.gz", "gzipped-bytes");
    write_file(root_ / ".env", "SECRET=1");
    write_file(base_ / "secret.txt", "outside the root");
    fs::create_symlink(base_ / "secret.txt", root_ / "escape.txt");
  }
  void TearDown() override { fs::remove_all(base_); }

  Request get(std::string path) {
    Request r;
    r.method = "GET";
    r.path = std::move(path);
    return r;
  }

  fs::path base_, root_;
};

TEST_F(StaticFilesTest, ResolvesFilesUnderRoot) {
  StaticFiles files(root_.string());
  auto found = files.resolve("/assets/app-abc123.js");
  ASSERT_EQ(found.kind, StaticLookup::Kind::file);
  EXPECT_EQ(found.file, fs::canonical(root_ / "assets" / "app-abc123.js"));
  EXPECT_EQ(files.resolve("/").file, fs::canonical(root_ / "index.html"));
  EXPECT_EQ(files.resolve("/assets//app-abc123.js").kind, StaticLookup::Kind::file);
  EXPECT_EQ(files.resolve("/nothing.js").kind, StaticLookup::Kind::missing);
  EXPECT_EQ(files.resolve("/assets").kind, StaticLookup::Kind::missing);  // a folder without index.html
}

TEST_F(StaticFilesTest, RefusesTraversalHiddenFilesAndEscapingSymlinks) {
  StaticFiles files(root_.string());
  EXPECT_EQ(files.resolve("/../secret.txt").kind, StaticLookup::Kind::refused);
  EXPECT_EQ(files.resolve("/../../etc/passwd").kind, StaticLookup::Kind::refused);
  EXPECT_EQ(files.resolve("/assets/../../secret.txt").kind, StaticLookup::Kind::refused);
  EXPECT_EQ(files.resolve("/./index.html").kind, StaticLookup::Kind::refused);
  EXPECT_EQ(files.resolve("/.env").kind, StaticLookup::Kind::refused);
  EXPECT_EQ(files.resolve("/escape.txt").kind, StaticLookup::Kind::refused);
  EXPECT_EQ(files.resolve("relative").kind, StaticLookup::Kind::refused);
  // And through serve(): 404, never the SPA page for a traversal attempt.
  EXPECT_EQ(files.serve(get("/../etc/passwd")).status, 404);
  EXPECT_EQ(files.serve(get("/.env")).status, 404);
  EXPECT_EQ(files.serve(get("/escape.txt")).status, 404);
}

TEST_F(StaticFilesTest, CachePolicy) {
  EXPECT_EQ(StaticFiles::cache_control_for("/assets/app-abc123.js"), "public, max-age=31536000, immutable");
  EXPECT_EQ(StaticFiles::cache_control_for("/index.html"), "no-cache");
  EXPECT_EQ(StaticFiles::cache_control_for("/"), "no-cache");
  EXPECT_EQ(StaticFiles::cache_control_for("/sw.js"), "no-cache");
  EXPECT_EQ(StaticFiles::cache_control_for("/manifest.webmanifest"), "no-cache");
  EXPECT_EQ(StaticFiles::cache_control_for("/assetsx/a.js"), "no-cache");

  StaticFiles files(root_.string());
  auto asset = files.serve(get("/assets/app-abc123.js"));
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(header(asset, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(asset.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(asset.file_path, fs::canonical(root_ / "assets" / "app-abc123.js").string());
  EXPECT_EQ(header(files.serve(get("/sw.js")), "Cache-Control"), "no-cache");
  EXPECT_EQ(header(files.serve(get("/")), "Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, AppRoutesFallBackToIndex) {
  StaticFiles files(root_.string());
  for (const char* path : {"/units/12", "/login", "/"}) {
    auto r = files.serve(get(path));
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.file_path, fs::canonical(root_ / "index.html").string()) << path;
    EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
    EXPECT_EQ(header(r, "Cache-Control"), "no-cache") << path;
  }
  // A missing file with an extension is a real 404, not the app.
  EXPECT_EQ(files.serve(get("/assets/missing-123.js")).status, 404);
  EXPECT_EQ(files.serve(get("/favicon.ico")).status, 404);
  // The API is never served from disk.
  EXPECT_EQ(files.serve(get("/api/v1/units")).status, 404);
}

TEST_F(StaticFilesTest, BuiltInPageWithoutWebApp) {
  for (const std::string& root : {std::string(), (base_ / "empty").string()}) {
    fs::create_directories(base_ / "empty");
    StaticFiles files(root);
    EXPECT_FALSE(files.has_app());
    for (const char* path : {"/", "/units/5"}) {
      auto r = files.serve(get(path));
      EXPECT_EQ(r.status, 200);
      EXPECT_TRUE(r.file_path.empty());
      EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
      EXPECT_NE(r.body.find("Ứng dụng web chưa được xây dựng. Chạy <code>make run</code> để xây dựng."),
                std::string::npos);
    }
    EXPECT_EQ(files.serve(get("/app.js")).status, 404);
  }
  EXPECT_TRUE(StaticFiles(root_.string()).has_app());
}

TEST_F(StaticFilesTest, EtagAndNotModified) {
  StaticFiles files(root_.string());
  auto first = files.serve(get("/index.html"));
  std::string etag = header(first, "ETag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(etag.front(), '"');

  auto again = get("/index.html");
  again.headers["if-none-match"] = etag;
  auto cached = files.serve(again);
  EXPECT_EQ(cached.status, 304);
  EXPECT_TRUE(cached.file_path.empty());
  EXPECT_EQ(header(cached, "ETag"), etag);

  again.headers["if-none-match"] = "\"other\"";
  EXPECT_EQ(files.serve(again).status, 200);

  // A changed file gets a new tag.
  write_file(root_ / "index.html", "<!doctype html><title>app v2, longer</title>");
  EXPECT_NE(header(files.serve(get("/index.html")), "ETag"), etag);
}

TEST_F(StaticFilesTest, EtagComparison) {
  EXPECT_TRUE(StaticFiles::etag_matches("\"a\"", "\"a\""));
  EXPECT_TRUE(StaticFiles::etag_matches("W/\"a\"", "\"a\""));
  EXPECT_TRUE(StaticFiles::etag_matches("\"x\", \"a\"", "\"a\""));
  EXPECT_TRUE(StaticFiles::etag_matches("*", "\"a\""));
  EXPECT_FALSE(StaticFiles::etag_matches("", "\"a\""));
  EXPECT_FALSE(StaticFiles::etag_matches("\"ab\"", "\"a\""));
}

TEST_F(StaticFilesTest, ServesGzipTwinWhenAccepted) {
  StaticFiles files(root_.string());
  auto plain = files.serve(get("/assets/app-abc123.css"));
  EXPECT_EQ(plain.file_path, fs::canonical(root_ / "assets" / "app-abc123.css").string());
  EXPECT_EQ(header(plain, "Content-Encoding"), "");
  EXPECT_EQ(header(plain, "Vary"), "Accept-Encoding");

  auto req = get("/assets/app-abc123.css");
  req.headers["accept-encoding"] = "gzip, deflate, br";
  auto gz = files.serve(req);
  EXPECT_EQ(gz.file_path, (fs::canonical(root_ / "assets") / "app-abc123.css.gz").string());
  EXPECT_EQ(header(gz, "Content-Encoding"), "gzip");
  EXPECT_EQ(header(gz, "Vary"), "Accept-Encoding");
  EXPECT_EQ(gz.content_type, "text/css; charset=utf-8");
  EXPECT_NE(header(gz, "ETag"), header(plain, "ETag"));

  // No twin: no Vary, no encoding.
  auto js_req = get("/assets/app-abc123.js");
  js_req.headers["accept-encoding"] = "gzip";
  auto js = files.serve(js_req);
  EXPECT_EQ(header(js, "Content-Encoding"), "");
  EXPECT_EQ(header(js, "Vary"), "");
}

TEST_F(StaticFilesTest, AcceptEncodingParsing) {
  EXPECT_TRUE(StaticFiles::accepts_gzip("gzip"));
  EXPECT_TRUE(StaticFiles::accepts_gzip("br, GZIP;q=0.5"));
  EXPECT_TRUE(StaticFiles::accepts_gzip("*"));
  EXPECT_FALSE(StaticFiles::accepts_gzip(""));
  EXPECT_FALSE(StaticFiles::accepts_gzip("br"));
  EXPECT_FALSE(StaticFiles::accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(StaticFiles::accepts_gzip("gzip;q=0.000"));
  EXPECT_FALSE(StaticFiles::accepts_gzip("x-gzip2"));
}

TEST_F(StaticFilesTest, ContentTypes) {
  EXPECT_EQ(StaticFiles::content_type_for("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(StaticFiles::content_type_for("a.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(StaticFiles::content_type_for("a.json"), "application/json; charset=utf-8");
  EXPECT_EQ(StaticFiles::content_type_for("manifest.webmanifest"), "application/manifest+json; charset=utf-8");
  EXPECT_EQ(StaticFiles::content_type_for("i.svg"), "image/svg+xml");
  EXPECT_EQ(StaticFiles::content_type_for("i.PNG"), "image/png");
  EXPECT_EQ(StaticFiles::content_type_for("i.jpg"), "image/jpeg");
  EXPECT_EQ(StaticFiles::content_type_for("i.webp"), "image/webp");
  EXPECT_EQ(StaticFiles::content_type_for("favicon.ico"), "image/x-icon");
  EXPECT_EQ(StaticFiles::content_type_for("f.woff2"), "font/woff2");
  EXPECT_EQ(StaticFiles::content_type_for("robots.txt"), "text/plain; charset=utf-8");
  EXPECT_EQ(StaticFiles::content_type_for("sitemap.xml"), "application/xml; charset=utf-8");
  EXPECT_EQ(StaticFiles::content_type_for("m.wasm"), "application/wasm");
  EXPECT_EQ(StaticFiles::content_type_for("noext"), "application/octet-stream");
}

TEST_F(StaticFilesTest, AppRouteDetection) {
  EXPECT_TRUE(StaticFiles::is_app_route("/units/12"));
  EXPECT_TRUE(StaticFiles::is_app_route("/login"));
  EXPECT_TRUE(StaticFiles::is_app_route("/"));
  EXPECT_FALSE(StaticFiles::is_app_route("/app.js"));
  EXPECT_FALSE(StaticFiles::is_app_route("/assets/x.css"));
}

}  // namespace
}  // namespace sotay::http
