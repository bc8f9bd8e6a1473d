// A real http::Server on 127.0.0.1 (port 0, in this process) driven by a small Beast client over
// real sockets. No database: the handlers here are test doubles for the api layer only.
#include "testing/shapes.h"
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <mutex>
#include <string_view>
#include <stdexcept>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "domain/errors.h"
#include "http/asio.h"
#include "http/router.h"
#include "http/server.h"

namespace sotay::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace fs = std::filesystem;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;
using Json = nlohmann::json;
using HttpResponse = bhttp::response<bhttp::string_body>;
using HttpRequest = bhttp::request<bhttp::string_body>;

constexpr auto kClientTimeout = 3s;

using sotay::testing::kIsoShape;
using sotay::testing::kRequestIdShape;
using sotay::testing::matches_shape;

const char* const kCsp =
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
    "font-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'";

// Runs one asynchronous client operation to completion. The streams carry their own timeouts;
// the 10 s limit is only a safety net against a hung test.
template <class Start>
beast::error_code run_op(asio::io_context& io, Start&& start) {
  beast::error_code result = asio::error::would_block;
  bool done = false;
  start([&](beast::error_code ec, auto&&...) {
    result = ec;
    done = true;
  });
  // Run only until this operation completes: a WebSocket keeps timers pending between
  // operations, so io.run() would not return on its own.
  io.restart();
  auto until = std::chrono::steady_clock::now() + 10s;
  while (!done && std::chrono::steady_clock::now() < until) io.run_one_until(until);
  if (!done) ADD_FAILURE() << "client operation did not finish";
  return result;
}

// One HTTP/1.1 connection.
class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port) : stream_(io_) {
    stream_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }

  beast::error_code write(HttpRequest& req) {
    stream_.expires_after(kClientTimeout);
    return run_op(io_, [&](auto handler) { bhttp::async_write(stream_, req, std::move(handler)); });
  }

  beast::error_code write_raw(const std::string& bytes) {
    stream_.expires_after(kClientTimeout);
    return run_op(io_, [&](auto handler) { asio::async_write(stream_, asio::buffer(bytes), std::move(handler)); });
  }

  beast::error_code read(HttpResponse& out, bool head = false) {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());  // boost::none misbehaves in 1.74
    parser.skip(head);
    stream_.expires_after(kClientTimeout);
    auto ec = run_op(io_, [&](auto handler) { bhttp::async_read(stream_, buffer_, parser, std::move(handler)); });
    if (!ec) out = parser.release();
    return ec;
  }

  HttpResponse request(HttpRequest req) {
    bool head = req.method() == bhttp::verb::head;
    HttpResponse res;
    auto ec = write(req);
    EXPECT_FALSE(ec) << "write: " << ec.message();
    ec = read(res, head);
    EXPECT_FALSE(ec) << "read: " << ec.message();
    return res;
  }

  // True when the server has closed the connection (the next read sees end of stream).
  bool closed_by_server() {
    char byte;
    stream_.expires_after(kClientTimeout);
    auto ec = run_op(io_, [&](auto handler) { stream_.async_read_some(asio::buffer(&byte, 1), std::move(handler)); });
    return ec == asio::error::eof || ec == asio::error::connection_reset;
  }

 private:
  asio::io_context io_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
};

HttpRequest make_request(bhttp::verb method, std::string target, std::uint16_t port) {
  HttpRequest req{method, target, 11};
  req.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port));
  req.set(bhttp::field::user_agent, "sotay-test");
  return req;
}

// One WebSocket connection to /api/v1/live.
class LiveClient {
 public:
  explicit LiveClient(std::uint16_t port) : port_(port), ws_(io_) {
    beast::get_lowest_layer(ws_).connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    websocket::stream_base::timeout t{};
    t.handshake_timeout = kClientTimeout;
    t.idle_timeout = kClientTimeout;
    t.keep_alive_pings = false;
    ws_.set_option(t);
  }

  // account: the value of the test-only "x-test-account" header, or none.
  beast::error_code handshake(std::optional<std::string> account, websocket::response_type* response = nullptr,
                              std::optional<std::string> origin = std::nullopt) {
    ws_.set_option(websocket::stream_base::decorator([account, origin](websocket::request_type& req) {
      if (account) req.set("x-test-account", *account);
      if (origin) req.set(bhttp::field::origin, *origin);
    }));
    websocket::response_type ignored;
    auto& res = response ? *response : ignored;
    std::string host = "127.0.0.1:" + std::to_string(port_);
    return run_op(io_, [&](auto handler) { ws_.async_handshake(res, host, "/api/v1/live", std::move(handler)); });
  }

  beast::error_code read(std::string& out) {
    beast::flat_buffer buffer;
    auto ec = run_op(io_, [&](auto handler) { ws_.async_read(buffer, std::move(handler)); });
    if (!ec) out = beast::buffers_to_string(buffer.data());
    return ec;
  }

  // The next message that is not a heartbeat.
  Json read_json(bool skip_heartbeats = true) {
    for (;;) {
      std::string text;
      auto ec = read(text);
      if (ec) {
        ADD_FAILURE() << "WebSocket read: " << ec.message();
        return Json();
      }
      auto j = Json::parse(text);
      if (skip_heartbeats && j.value("type", "") == "heartbeat") continue;
      return j;
    }
  }

  beast::error_code write(const std::string& text) {
    ws_.text(true);
    return run_op(io_, [&](auto handler) { ws_.async_write(asio::buffer(text), std::move(handler)); });
  }

  // A WebSocket-level ping; Beast completes it once written, and a pong must follow.
  beast::error_code ping() {
    bool ponged = false;
    ws_.control_callback([&](websocket::frame_type kind, beast::string_view) {
      if (kind == websocket::frame_type::pong) ponged = true;
    });
    auto ec = run_op(io_, [&](auto handler) { ws_.async_ping({}, std::move(handler)); });
    if (ec) return ec;
    // The pong arrives on the read side, between messages; a heartbeat follows soon.
    std::string ignored;
    while (!ponged) {
      ec = read(ignored);
      if (ec) return ec;
    }
    ws_.control_callback();
    return {};
  }

  // Reads until the connection ends; returns the error that ended it.
  beast::error_code read_until_closed() {
    for (;;) {
      std::string ignored;
      auto ec = read(ignored);
      if (ec) return ec;
    }
  }

  websocket::stream<beast::tcp_stream>& ws() { return ws_; }

 private:
  std::uint16_t port_;
  asio::io_context io_;
  websocket::stream<beast::tcp_stream> ws_;
};

void write_file(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

Json error_of(const HttpResponse& res) {
  auto j = Json::parse(res.body(), nullptr, false);
  if (j.is_discarded() || !j.contains("error")) {
    ADD_FAILURE() << "not an error envelope: " << res.body();
    return Json::object();
  }
  return j["error"];
}

constexpr const char* kIndexHtml = "<!doctype html><title>Sổ tay</title><div id=app></div>";
constexpr const char* kAppJs = "console.log('sổ tay');";

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> n{0};
    base_ = fs::temp_directory_path() / ("sotay_http_" + std::to_string(::getpid()) + "_" + std::to_string(n++));
    web_root_ = base_ / "web";
    write_file(web_root_ / "index.html", kIndexHtml);
    write_file(web_root_ / "assets" / "app-abc123.js", kAppJs);

    router_.add("GET", "/api/v1/echo", [](Request& req) {
      Response r;
      r.body = Json{{"method", req.method},
                    {"path", req.path},
                    {"query", req.query},
                    {"ip", req.remote_ip},
                    {"tls", req.tls},
                    {"request_id", req.request_id},
                    {"session", std::string(req.cookie("session"))},
                    {"agent", std::string(req.header("user-agent"))}}
                   .dump();
      return r;
    });
    router_.add("POST", "/api/v1/echo", [](Request& req) {
      Response r;
      r.body = Json{{"size", req.body.size()}, {"body", req.body.size() < 100 ? req.body : ""}}.dump();
      return r;
    });
    router_.add("POST", "/api/v1/upload",
                [](Request& req) {
                  Response r;
                  r.body = Json{{"size", req.body.size()}}.dump();
                  return r;
                },
                RouteOptions{.max_body_bytes = 4u << 20});
    router_.add("GET", "/api/v1/items/{id}", [](Request& req) {
      Response r;
      r.body = Json{{"id", req.params.at("id")}}.dump();
      return r;
    });
    router_.add("GET", "/api/v1/slow", [this](Request&) {
      slow_started_ = true;
      std::this_thread::sleep_for(300ms);
      Response r;
      r.body = R"({"slow":true})";
      return r;
    });
    router_.add("GET", "/api/v1/fail", [](Request&) -> Response {
      throw sotay::Error(ErrorCode::conflict, "Dữ liệu đã thay đổi.");
    });
    router_.add("GET", "/api/v1/crash", [](Request&) -> Response {
      throw std::runtime_error("secret internal detail 42");
    });
    router_.add("GET", "/api/v1/cached", [](Request&) {
      Response r;
      r.body = "{}";
      r.set_header("Cache-Control", "private, max-age=60");
      return r;
    });

    start(default_options());
  }

  void TearDown() override {
    stop();
    std::error_code ec;
    fs::remove_all(base_, ec);
  }

  ServerOptions default_options() {
    ServerOptions o;
    o.bind = "127.0.0.1";
    o.port = 0;
    o.io_threads = 2;
    o.blocking_threads = 2;
    o.read_timeout = 2s;
    o.idle_timeout = 2s;
    o.shutdown_grace = 2s;
    o.ws_heartbeat = 200ms;
    o.web_root = web_root_.string();
    o.access_log = [this](const std::string& line) {
      std::lock_guard lock(log_mutex_);
      log_.push_back(line);
    };
    o.ready = [this] { return ready_.load(); };
    o.ws_authenticate = [](const Request& req) -> std::optional<std::int64_t> {
      auto account = req.header("x-test-account");
      if (account.empty()) return std::nullopt;
      return std::stoll(std::string(account));
    };
    return o;
  }

  void start(ServerOptions options) {
    server_ = std::make_unique<Server>(std::move(options), router_);
    port_ = server_->port();
    thread_ = std::thread([this] { server_->run(); });
  }

  void stop() {
    if (!thread_.joinable()) return;
    server_->request_stop();
    thread_.join();
  }

  void restart(ServerOptions options) {
    stop();
    server_.reset();
    start(std::move(options));
  }

  HttpResponse fetch(bhttp::verb method, std::string target,
                     std::vector<std::pair<std::string, std::string>> headers = {}, std::string body = {}) {
    HttpClient client(port_);
    auto req = make_request(method, std::move(target), port_);
    for (auto& [n, v] : headers) req.set(n, v);
    if (!body.empty() || method == bhttp::verb::post) {
      req.body() = std::move(body);
      req.prepare_payload();
    }
    return client.request(std::move(req));
  }

  HttpResponse get(std::string target, std::vector<std::pair<std::string, std::string>> headers = {}) {
    return fetch(bhttp::verb::get, std::move(target), std::move(headers));
  }

  // The access log line for a request id (written just after the response, so wait briefly).
  Json log_line_for(const std::string& request_id) {
    for (int i = 0; i < 200; ++i) {
      {
        std::lock_guard lock(log_mutex_);
        for (const auto& line : log_) {
          auto j = Json::parse(line);
          if (j.value("request_id", "") == request_id) return j;
        }
      }
      std::this_thread::sleep_for(5ms);
    }
    ADD_FAILURE() << "no access log line for " << request_id;
    return Json::object();
  }

  template <class Pred>
  static bool eventually(Pred pred, std::chrono::milliseconds limit = 2000ms) {
    auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
      if (pred()) return true;
      std::this_thread::sleep_for(5ms);
    }
    return pred();
  }

  fs::path base_, web_root_;
  Router router_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::uint16_t port_ = 0;
  std::atomic<bool> ready_{true};
  std::atomic<bool> slow_started_{false};
  std::mutex log_mutex_;
  std::vector<std::string> log_;
};

// --- HTTP basics ------------------------------------------------------------------------------

TEST_F(HttpServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  HttpClient client(port_);
  auto first = client.request(make_request(bhttp::verb::get, "/api/v1/items/1", port_));
  EXPECT_EQ(first.result_int(), 200);
  EXPECT_TRUE(first.keep_alive());
  auto second = client.request(make_request(bhttp::verb::get, "/api/v1/items/2", port_));
  EXPECT_EQ(second.result_int(), 200);
  EXPECT_EQ(Json::parse(second.body())["id"], "2");
}

TEST_F(HttpServerTest, ConnectionCloseIsHonoured) {
  HttpClient client(port_);
  auto req = make_request(bhttp::verb::get, "/healthz", port_);
  req.keep_alive(false);
  auto res = client.request(std::move(req));
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_FALSE(res.keep_alive());
  EXPECT_TRUE(client.closed_by_server());
}

TEST_F(HttpServerTest, SecurityHeadersOnEveryKindOfResponse) {
  for (const char* target : {"/api/v1/items/1", "/api/v1/nothing", "/assets/app-abc123.js", "/", "/healthz"}) {
    auto res = get(target);
    SCOPED_TRACE(target);
    EXPECT_EQ(res["Content-Security-Policy"], kCsp);
    EXPECT_EQ(res["X-Content-Type-Options"], "nosniff");
    EXPECT_EQ(res["X-Frame-Options"], "DENY");
    EXPECT_EQ(res["Referrer-Policy"], "strict-origin-when-cross-origin");
    EXPECT_EQ(res["Permissions-Policy"], "camera=(self), microphone=(self), geolocation=()");
    EXPECT_EQ(res["Cross-Origin-Opener-Policy"], "same-origin");
    EXPECT_EQ(res.count("Strict-Transport-Security"), 0u);  // plain HTTP
    EXPECT_FALSE(res[bhttp::field::date].empty());
  }
}

TEST_F(HttpServerTest, ApiResponsesAreNotStoredUnlessTheHandlerSaysSo) {
  EXPECT_EQ(get("/api/v1/items/1")[bhttp::field::cache_control], "no-store");
  EXPECT_EQ(get("/api/v1/nothing")[bhttp::field::cache_control], "no-store");
  auto cached = get("/api/v1/cached");
  EXPECT_EQ(cached[bhttp::field::cache_control], "private, max-age=60");
  EXPECT_EQ(cached.count(bhttp::field::cache_control), 1u);
}

TEST_F(HttpServerTest, RequestIdIsEchoedOrGenerated) {
  auto given = get("/api/v1/echo", {{"X-Request-Id", "abc-123_x.Y"}});
  EXPECT_EQ(given["X-Request-Id"], "abc-123_x.Y");
  EXPECT_EQ(Json::parse(given.body())["request_id"], "abc-123_x.Y");

  auto invalid = get("/api/v1/echo", {{"X-Request-Id", "not valid!"}});
  EXPECT_TRUE(matches_shape(invalid["X-Request-Id"], kRequestIdShape)) << invalid["X-Request-Id"];
  auto absent = get("/api/v1/echo");
  EXPECT_TRUE(matches_shape(absent["X-Request-Id"], kRequestIdShape));
  EXPECT_NE(absent["X-Request-Id"], invalid["X-Request-Id"]);
}

TEST_F(HttpServerTest, DecodesPathQueryHeadersAndCookies) {
  auto res = get("/api/v1/echo?q=ho%C3%A0+b%C3%ACnh&page=2",
                 {{"Cookie", "theme=dark; session=s3cr3t"}, {"User-Agent", "Thử nghiệm/1.0"}});
  ASSERT_EQ(res.result_int(), 200);
  auto body = Json::parse(res.body());
  EXPECT_EQ(body["query"]["q"], "hoà bình");
  EXPECT_EQ(body["query"]["page"], "2");
  EXPECT_EQ(body["session"], "s3cr3t");
  EXPECT_EQ(body["ip"], "127.0.0.1");
  EXPECT_EQ(body["tls"], false);

  auto item = get("/api/v1/items/H%C3%A0%20N%E1%BB%99i");
  EXPECT_EQ(Json::parse(item.body())["id"], "Hà Nội");
}

TEST_F(HttpServerTest, InvalidPercentEncodingIs400) {
  for (const char* target : {"/api/v1/items/%zz", "/api/v1/items/a%00b", "/api/v1/items/%C3%28", "/api/v1/echo?q=%"}) {
    auto res = get(target);
    EXPECT_EQ(res.result_int(), 400) << target;
    EXPECT_EQ(error_of(res)["code"], "bad_request");
  }
}

TEST_F(HttpServerTest, UnknownApiPathIs404Envelope) {
  auto res = get("/api/v1/does-not-exist");
  EXPECT_EQ(res.result_int(), 404);
  EXPECT_EQ(res[bhttp::field::content_type], "application/json; charset=utf-8");
  auto error = error_of(res);
  EXPECT_EQ(error["code"], "not_found");
  EXPECT_EQ(error["message"], "Không tìm thấy địa chỉ yêu cầu.");
  // The API never falls back to the web app, even for extension-less paths.
  EXPECT_EQ(get("/api/v2")[bhttp::field::content_type], "application/json; charset=utf-8");
}

TEST_F(HttpServerTest, WrongMethodIs405WithAllow) {
  auto res = fetch(bhttp::verb::delete_, "/api/v1/items/3");
  EXPECT_EQ(res.result_int(), 405);
  EXPECT_EQ(res[bhttp::field::allow], "GET, HEAD");
  EXPECT_EQ(error_of(res)["code"], "method_not_allowed");

  auto both = fetch(bhttp::verb::put, "/api/v1/echo", {}, "x");
  EXPECT_EQ(both[bhttp::field::allow], "GET, HEAD, POST");
}

TEST_F(HttpServerTest, HeadSendsHeadersWithoutBody) {
  HttpClient client(port_);
  auto api = client.request(make_request(bhttp::verb::head, "/api/v1/items/77", port_));
  EXPECT_EQ(api.result_int(), 200);
  EXPECT_EQ(api[bhttp::field::content_length], std::to_string(std::string(R"({"id":"77"})").size()));
  EXPECT_TRUE(api.body().empty());
  // Same connection still usable: nothing extra was sent after the headers.
  auto file = client.request(make_request(bhttp::verb::head, "/assets/app-abc123.js", port_));
  EXPECT_EQ(file.result_int(), 200);
  EXPECT_EQ(file[bhttp::field::content_length], std::to_string(std::string(kAppJs).size()));
  auto after = client.request(make_request(bhttp::verb::get, "/api/v1/items/78", port_));
  EXPECT_EQ(Json::parse(after.body())["id"], "78");
}

TEST_F(HttpServerTest, BodyOverTheRouteLimitIs413) {
  const std::string two_mib(2 << 20, 'x');
  {
    HttpClient client(port_);
    auto req = make_request(bhttp::verb::post, "/api/v1/echo", port_);
    req.body() = two_mib;
    req.prepare_payload();
    auto res = client.request(std::move(req));
    EXPECT_EQ(res.result_int(), 413);
    EXPECT_FALSE(res.keep_alive());
    auto error = error_of(res);
    EXPECT_EQ(error["code"], "payload_too_large");
    EXPECT_EQ(error["message"], "Nội dung gửi lên quá lớn.");
    EXPECT_TRUE(client.closed_by_server());
  }
  {
    // Chunked: no length up front, so the limit trips while reading.
    HttpClient client(port_);
    auto req = make_request(bhttp::verb::post, "/api/v1/echo", port_);
    req.body() = two_mib;
    req.chunked(true);
    auto res = client.request(std::move(req));
    EXPECT_EQ(res.result_int(), 413);
  }
  // A route registered with a larger limit takes the same body.
  auto upload = fetch(bhttp::verb::post, "/api/v1/upload", {}, two_mib);
  EXPECT_EQ(upload.result_int(), 200);
  EXPECT_EQ(Json::parse(upload.body())["size"], two_mib.size());
}

TEST_F(HttpServerTest, SmallBodiesReachTheHandler) {
  auto res = fetch(bhttp::verb::post, "/api/v1/echo", {{"Content-Type", "application/json"}}, R"({"a":1})");
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_EQ(Json::parse(res.body())["body"], R"({"a":1})");
}

TEST_F(HttpServerTest, ExpectContinueInvitesTheBodyOnlyForAHandler) {
  {
    HttpClient client(port_);
    ASSERT_FALSE(client.write_raw("POST /api/v1/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n"
                                  "Expect: 100-continue\r\n\r\n"));
    HttpResponse interim;
    ASSERT_FALSE(client.read(interim));
    EXPECT_EQ(interim.result_int(), 100);
    ASSERT_FALSE(client.write_raw("hello"));
    HttpResponse final_response;
    ASSERT_FALSE(client.read(final_response));
    EXPECT_EQ(final_response.result_int(), 200);
    EXPECT_EQ(Json::parse(final_response.body())["size"], 5);
  }
  {
    HttpClient client(port_);
    ASSERT_FALSE(client.write_raw("POST /api/v1/nothing HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n"
                                  "Expect: 100-continue\r\n\r\n"));
    HttpResponse res;
    ASSERT_FALSE(client.read(res));
    EXPECT_EQ(res.result_int(), 404);  // at once, without waiting for the body
    EXPECT_FALSE(res.keep_alive());
    EXPECT_TRUE(client.closed_by_server());
  }
}

TEST_F(HttpServerTest, OversizedHeaderIs431WithEnvelope) {
  HttpClient client(port_);
  std::string raw = "GET /api/v1/items/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + std::string(64 * 1024, 'a') +
                    "\r\n\r\n";
  ASSERT_FALSE(client.write_raw(raw));
  HttpResponse res;
  ASSERT_FALSE(client.read(res));
  EXPECT_EQ(res.result_int(), 431);
  auto error = error_of(res);
  EXPECT_EQ(error["code"], "bad_request");
  EXPECT_EQ(error["message"], "Phần đầu yêu cầu quá lớn.");
  EXPECT_TRUE(client.closed_by_server());
}

TEST_F(HttpServerTest, GarbageIs400ThenClose) {
  HttpClient client(port_);
  ASSERT_FALSE(client.write_raw(std::string("GARBAGE\x01\x02 nonsense\r\n\r\n")));
  HttpResponse res;
  ASSERT_FALSE(client.read(res));
  EXPECT_EQ(res.result_int(), 400);
  EXPECT_EQ(error_of(res)["code"], "bad_request");
  EXPECT_FALSE(res.keep_alive());
  EXPECT_TRUE(client.closed_by_server());
}

TEST_F(HttpServerTest, DomainErrorUsesTheEnvelope) {
  auto res = get("/api/v1/fail");
  EXPECT_EQ(res.result_int(), 409);
  auto error = error_of(res);
  EXPECT_EQ(error["code"], "conflict");
  EXPECT_EQ(error["message"], "Dữ liệu đã thay đổi.");
}

TEST_F(HttpServerTest, UnexpectedExceptionIsGeneric500) {
  auto res = get("/api/v1/crash", {{"X-Request-Id", "crash-1"}});
  EXPECT_EQ(res.result_int(), 500);
  auto error = error_of(res);
  EXPECT_EQ(error["code"], "internal");
  EXPECT_EQ(error["message"], "Đã có lỗi xảy ra ở máy chủ. Vui lòng thử lại sau.");
  EXPECT_EQ(res.body().find("secret"), std::string::npos);
  EXPECT_EQ(res["X-Request-Id"], "crash-1");
  // The connection survives a failing handler.
  HttpClient client(port_);
  EXPECT_EQ(client.request(make_request(bhttp::verb::get, "/api/v1/crash", port_)).result_int(), 500);
  EXPECT_EQ(client.request(make_request(bhttp::verb::get, "/api/v1/items/1", port_)).result_int(), 200);
}

TEST_F(HttpServerTest, AccessLogLineHasNoQueryCookiesOrBodies) {
  auto res = get("/api/v1/echo?token=query-secret", {{"X-Request-Id", "log-1"}, {"Cookie", "session=cookie-secret"}});
  ASSERT_EQ(res.result_int(), 200);
  auto line = log_line_for("log-1");
  EXPECT_TRUE(matches_shape(line.value("ts", ""), kIsoShape))
      << line.dump();
  EXPECT_EQ(line["ip"], "127.0.0.1");
  EXPECT_EQ(line["method"], "GET");
  EXPECT_EQ(line["path"], "/api/v1/echo");
  EXPECT_EQ(line["status"], 200);
  EXPECT_EQ(line["bytes"], res.body().size());
  EXPECT_TRUE(line["ms"].is_number());
  EXPECT_GE(line["ms"].get<double>(), 0.0);
  EXPECT_EQ(line["ua"], "sotay-test");
  std::string text = line.dump();
  EXPECT_EQ(text.find("query-secret"), std::string::npos);
  EXPECT_EQ(text.find("cookie-secret"), std::string::npos);
  EXPECT_EQ(text.find("token"), std::string::npos);
}

// --- built-in routes ------------------------------------------------------------------------

TEST_F(HttpServerTest, Healthz) {
  auto res = get("/healthz");
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_EQ(Json::parse(res.body()), Json({{"status", "ok"}}));
}

TEST_F(HttpServerTest, ReadyzFollowsTheReadinessCheck) {
  auto ready = get("/readyz");
  EXPECT_EQ(ready.result_int(), 200);
  EXPECT_EQ(Json::parse(ready.body()), Json({{"status", "ready"}}));

  ready_ = false;
  auto not_ready = get("/readyz");
  EXPECT_EQ(not_ready.result_int(), 503);
  EXPECT_EQ(error_of(not_ready)["code"], "unavailable");
  // Liveness does not depend on readiness.
  EXPECT_EQ(get("/healthz").result_int(), 200);
}

// --- static files ---------------------------------------------------------------------------

TEST_F(HttpServerTest, HashedAssetsAreImmutable) {
  auto res = get("/assets/app-abc123.js");
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_EQ(res.body(), kAppJs);
  EXPECT_EQ(res[bhttp::field::cache_control], "public, max-age=31536000, immutable");
  EXPECT_EQ(res[bhttp::field::content_type], "text/javascript; charset=utf-8");
  EXPECT_FALSE(res[bhttp::field::etag].empty());
}

TEST_F(HttpServerTest, IndexIsRevalidated) {
  for (const char* target : {"/", "/index.html"}) {
    auto res = get(target);
    EXPECT_EQ(res.result_int(), 200) << target;
    EXPECT_EQ(res.body(), kIndexHtml);
    EXPECT_EQ(res[bhttp::field::cache_control], "no-cache");
    EXPECT_EQ(res[bhttp::field::content_type], "text/html; charset=utf-8");
  }
}

TEST_F(HttpServerTest, AppRoutesGetIndexHtml) {
  for (const char* target : {"/units/5", "/login"}) {
    auto res = get(target);
    EXPECT_EQ(res.result_int(), 200) << target;
    EXPECT_EQ(res.body(), kIndexHtml);
    EXPECT_EQ(res[bhttp::field::cache_control], "no-cache");
  }
  EXPECT_EQ(get("/missing.js").result_int(), 404);
}

TEST_F(HttpServerTest, TraversalIsRefused) {
  write_file(base_ / "secret.txt", "outside the web root");
  for (const char* target : {"/../etc/passwd", "/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt",
                             "/assets/../../secret.txt"}) {
    auto res = get(target);
    EXPECT_EQ(res.result_int(), 404) << target;
    EXPECT_EQ(res.body().find("outside the web root"), std::string::npos);
    EXPECT_EQ(res.body().find("root:"), std::string::npos);
  }
}

TEST_F(HttpServerTest, IfNoneMatchGives304) {
  auto first = get("/assets/app-abc123.js");
  std::string etag(first[bhttp::field::etag]);
  ASSERT_FALSE(etag.empty());
  HttpClient client(port_);
  auto req = make_request(bhttp::verb::get, "/assets/app-abc123.js", port_);
  req.set(bhttp::field::if_none_match, etag);
  auto res = client.request(std::move(req));
  EXPECT_EQ(res.result_int(), 304);
  EXPECT_TRUE(res.body().empty());
  EXPECT_EQ(res[bhttp::field::etag], etag);
  EXPECT_EQ(res[bhttp::field::cache_control], "public, max-age=31536000, immutable");
  // The connection goes on after a body-less 304.
  EXPECT_EQ(client.request(make_request(bhttp::verb::get, "/healthz", port_)).result_int(), 200);
}

TEST_F(HttpServerTest, BuiltInPageWhenTheWebAppIsMissing) {
  auto options = default_options();
  options.web_root = (base_ / "no-such-folder").string();
  restart(std::move(options));
  for (const char* target : {"/", "/units/5"}) {
    auto res = get(target);
    EXPECT_EQ(res.result_int(), 200);
    EXPECT_NE(res.body().find("Ứng dụng web chưa được xây dựng. Chạy <code>make run</code> để xây dựng."),
              std::string::npos);
  }
  EXPECT_EQ(get("/api/v1/items/1").result_int(), 200);  // the API still works
}

TEST_F(HttpServerTest, NonGetOutsideTheApiIs405) {
  auto res = fetch(bhttp::verb::post, "/login", {}, "x");
  EXPECT_EQ(res.result_int(), 405);
  EXPECT_EQ(res[bhttp::field::allow], "GET, HEAD");
}

// --- limits and lifecycle -------------------------------------------------------------------

TEST_F(HttpServerTest, TakenPortThrowsAClearError) {
  auto options = default_options();
  options.port = port_;
  try {
    Server second(std::move(options), router_);
    FAIL() << "a second server bound the same port";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("already in use"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(std::to_string(port_)), std::string::npos) << e.what();
  }
}

TEST_F(HttpServerTest, ConnectionsAboveTheLimitGet503) {
  auto options = default_options();
  options.max_connections = 1;
  restart(std::move(options));
  HttpClient first(port_);
  EXPECT_EQ(first.request(make_request(bhttp::verb::get, "/healthz", port_)).result_int(), 200);

  HttpClient second(port_);
  auto req = make_request(bhttp::verb::get, "/healthz", port_);
  (void)second.write(req);  // may race with the refusal; the answer must arrive either way
  HttpResponse refused;
  ASSERT_FALSE(second.read(refused));
  EXPECT_EQ(refused.result_int(), 503);
  EXPECT_EQ(error_of(refused)["code"], "unavailable");
  EXPECT_EQ(refused[bhttp::field::retry_after], "5");
  EXPECT_EQ(refused["X-Frame-Options"], "DENY");
  EXPECT_TRUE(second.closed_by_server());
  // The admitted connection is unaffected.
  EXPECT_EQ(first.request(make_request(bhttp::verb::get, "/healthz", port_)).result_int(), 200);
}

TEST_F(HttpServerTest, IdleKeepAliveConnectionsAreClosed) {
  auto options = default_options();
  options.idle_timeout = 200ms;
  restart(std::move(options));
  HttpClient client(port_);
  EXPECT_EQ(client.request(make_request(bhttp::verb::get, "/healthz", port_)).result_int(), 200);
  auto before = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.closed_by_server());
  EXPECT_LT(std::chrono::steady_clock::now() - before, 1500ms);
}

TEST_F(HttpServerTest, GracefulShutdownFinishesTheRequestInFlight) {
  HttpResponse slow;
  std::thread in_flight([&] { slow = get("/api/v1/slow"); });
  ASSERT_TRUE(eventually([&] { return slow_started_.load(); }));
  auto before = std::chrono::steady_clock::now();
  stop();  // request_stop() + wait for run() to return
  in_flight.join();
  EXPECT_EQ(slow.result_int(), 200);
  EXPECT_EQ(Json::parse(slow.body())["slow"], true);
  EXPECT_FALSE(slow.keep_alive());  // told the client this connection ends
  EXPECT_LT(std::chrono::steady_clock::now() - before, 1500ms);
  // Not accepting any more.
  EXPECT_THROW(HttpClient{port_}, boost::system::system_error);
}

TEST_F(HttpServerTest, RequestStopBeforeRunReturnsPromptly) {
  stop();
  server_.reset();
  auto options = default_options();
  Server server(std::move(options), router_);
  server.request_stop();
  auto before = std::chrono::steady_clock::now();
  server.run();
  EXPECT_LT(std::chrono::steady_clock::now() - before, 1000ms);
}

// --- WebSocket ------------------------------------------------------------------------------

TEST_F(HttpServerTest, WebSocketWithoutSessionIs401) {
  LiveClient live(port_);
  websocket::response_type res;
  auto ec = live.handshake(std::nullopt, &res);
  EXPECT_TRUE(ec);
  EXPECT_EQ(res.result_int(), 401);
  EXPECT_EQ(server_->hub().connection_count(), 0u);
}

TEST_F(HttpServerTest, WebSocketFromAForeignOriginIsRefused) {
  LiveClient live(port_);
  websocket::response_type res;
  auto ec = live.handshake("7", &res, "https://evil.example");
  EXPECT_TRUE(ec);
  EXPECT_EQ(res.result_int(), 403);

  LiveClient same(port_);
  EXPECT_FALSE(same.handshake("7", nullptr, "http://127.0.0.1:" + std::to_string(port_)));
}

TEST_F(HttpServerTest, LivePathWithoutUpgradeIs400) {
  auto res = get("/api/v1/live", {{"x-test-account", "7"}});
  EXPECT_EQ(res.result_int(), 400);
  EXPECT_EQ(error_of(res)["code"], "bad_request");
}

TEST_F(HttpServerTest, WebSocketSaysHelloThenHeartbeats) {
  LiveClient live(port_);
  ASSERT_FALSE(live.handshake("7"));
  auto hello = live.read_json(false);
  EXPECT_EQ(hello["type"], "hello");
  EXPECT_EQ(hello["account_id"], 7);
  EXPECT_EQ(hello["heartbeat_ms"], 200);
  EXPECT_TRUE(matches_shape(hello.value("server_time", ""), kIsoShape)) << hello.dump();
  auto heartbeat = live.read_json(false);
  EXPECT_EQ(heartbeat["type"], "heartbeat");
  EXPECT_TRUE(heartbeat.contains("server_time"));
}

TEST_F(HttpServerTest, WebSocketAnswersPing) {
  LiveClient live(port_);
  ASSERT_FALSE(live.handshake("7"));
  EXPECT_EQ(live.read_json()["type"], "hello");
  ASSERT_FALSE(live.write(R"({"type":"something-new"})"));  // ignored
  ASSERT_FALSE(live.write(R"({"type":"ping"})"));
  EXPECT_EQ(live.read_json(), Json({{"type", "pong"}}));
  // A WebSocket-level ping is answered too.
  ASSERT_FALSE(live.ping());
}

TEST_F(HttpServerTest, PublishReachesTheAccountsSockets) {
  LiveClient live(port_);
  ASSERT_FALSE(live.handshake("7"));
  EXPECT_EQ(live.read_json()["type"], "hello");
  LiveClient other(port_);
  ASSERT_FALSE(other.handshake("8"));
  EXPECT_EQ(other.read_json()["type"], "hello");
  ASSERT_TRUE(eventually([&] { return server_->hub().connection_count() == 2; }));

  EXPECT_EQ(server_->hub().publish(7, R"({"type":"notice","id":1})"), 1u);
  EXPECT_EQ(server_->hub().publish(99, R"({"type":"notice","id":2})"), 0u);
  EXPECT_EQ(live.read_json(), Json({{"type", "notice"}, {"id", 1}}));

  EXPECT_EQ(server_->hub().broadcast(R"({"type":"all"})"), 2u);
  EXPECT_EQ(live.read_json()["type"], "all");
  EXPECT_EQ(other.read_json()["type"], "all");  // account 8 never saw notice 1
}

TEST_F(HttpServerTest, OversizedOrMalformedMessageClosesOnlyThatSocket) {
  LiveClient good(port_);
  ASSERT_FALSE(good.handshake("7"));
  EXPECT_EQ(good.read_json()["type"], "hello");

  LiveClient big(port_);
  ASSERT_FALSE(big.handshake("7"));
  EXPECT_EQ(big.read_json()["type"], "hello");
  (void)big.write(std::string(70 * 1024, 'x'));
  // Beast fails the connection at once after its close frame, so the client's automatic
  // answer may meet a closed socket: any ending will do, as long as the close code came.
  EXPECT_TRUE(big.read_until_closed());
  EXPECT_EQ(big.ws().reason().code, websocket::close_code::too_big);

  LiveClient bad(port_);
  ASSERT_FALSE(bad.handshake("7"));
  EXPECT_EQ(bad.read_json()["type"], "hello");
  ASSERT_FALSE(bad.write("this is not json"));
  EXPECT_EQ(bad.read_until_closed(), websocket::error::closed);
  EXPECT_EQ(bad.ws().reason().code, websocket::close_code::bad_payload);

  ASSERT_TRUE(eventually([&] { return server_->hub().connection_count() == 1; }));
  EXPECT_EQ(server_->hub().publish(7, R"({"type":"still-here"})"), 1u);
  EXPECT_EQ(good.read_json()["type"], "still-here");
}

TEST_F(HttpServerTest, SlowConsumerIsDropped) {
  LiveClient live(port_);
  ASSERT_FALSE(live.handshake("7"));
  EXPECT_EQ(live.read_json()["type"], "hello");
  ASSERT_TRUE(eventually([&] { return server_->hub().connection_count() == 1; }));
  // The client reads nothing while far more than the socket buffers plus the 256-message
  // queue is published.
  const std::string payload = R"({"type":"bulk","pad":")" + std::string(32 * 1024, 'p') + "\"}";
  for (int i = 0; i < 800; ++i) server_->hub().publish(7, payload);
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(live.read_until_closed(), websocket::error::closed);
  EXPECT_EQ(live.ws().reason().code, websocket::close_code::policy_error);
  EXPECT_EQ(std::string(live.ws().reason().reason.c_str()), "slow consumer");
  EXPECT_TRUE(eventually([&] { return server_->hub().connection_count() == 0; }));
}

TEST_F(HttpServerTest, ShutdownSendsGoingAway) {
  LiveClient live(port_);
  ASSERT_FALSE(live.handshake("7"));
  EXPECT_EQ(live.read_json()["type"], "hello");
  ASSERT_TRUE(eventually([&] { return server_->hub().connection_count() == 1; }));
  auto before = std::chrono::steady_clock::now();
  server_->request_stop();
  EXPECT_EQ(live.read_until_closed(), websocket::error::closed);
  EXPECT_EQ(live.ws().reason().code, websocket::close_code::going_away);
  thread_.join();
  EXPECT_LT(std::chrono::steady_clock::now() - before, 1500ms);
}

// --- TLS ------------------------------------------------------------------------------------

// Writes a throwaway self-signed certificate and key (P-256) for "localhost".
void write_self_signed(const fs::path& cert_path, const fs::path& key_path) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  ASSERT_NE(key, nullptr);
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  ASSERT_GT(X509_sign(cert, key, EVP_sha256()), 0);
  FILE* f = std::fopen(cert_path.c_str(), "w");
  PEM_write_X509(f, cert);
  std::fclose(f);
  f = std::fopen(key_path.c_str(), "w");
  PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(f);
  X509_free(cert);
  EVP_PKEY_free(key);
}

TEST_F(HttpServerTest, TlsServesHttpsWithHsts) {
  auto cert = base_ / "cert.pem";
  auto key = base_ / "key.pem";
  write_self_signed(cert, key);
  auto options = default_options();
  options.tls_cert = cert.string();
  options.tls_key = key.string();
  restart(std::move(options));

  asio::io_context io;
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  ctx.set_verify_mode(asio::ssl::verify_none);
  beast::ssl_stream<beast::tcp_stream> stream(io, ctx);
  beast::get_lowest_layer(stream).connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  beast::get_lowest_layer(stream).expires_after(kClientTimeout);
  ASSERT_FALSE(run_op(io, [&](auto h) { stream.async_handshake(asio::ssl::stream_base::client, std::move(h)); }));
  auto req = make_request(bhttp::verb::get, "/api/v1/echo", port_);
  ASSERT_FALSE(run_op(io, [&](auto h) { bhttp::async_write(stream, req, std::move(h)); }));
  beast::flat_buffer buffer;
  HttpResponse res;
  ASSERT_FALSE(run_op(io, [&](auto h) { bhttp::async_read(stream, buffer, res, std::move(h)); }));
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_EQ(res["Strict-Transport-Security"], "max-age=31536000; includeSubDomains");
  EXPECT_EQ(Json::parse(res.body())["tls"], true);
}

TEST_F(HttpServerTest, TlsLoadErrorsAreClear) {
  auto options = default_options();
  options.tls_cert = (base_ / "missing-cert.pem").string();
  options.tls_key = (base_ / "missing-key.pem").string();
  try {
    Server server(std::move(options), router_);
    FAIL() << "a missing certificate was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("missing-cert.pem"), std::string::npos) << e.what();
  }
  auto half = default_options();
  half.tls_cert = (base_ / "cert.pem").string();
  EXPECT_THROW(Server(std::move(half), router_), std::runtime_error);
}

}  // namespace
}  // namespace sotay::http
