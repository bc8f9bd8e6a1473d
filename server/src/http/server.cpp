#include "http/server.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <future>
#include <iostream>
#include <limits>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "db/database.h"
#include "domain/errors.h"
#include "http/asio.h"
#include "http/error_response.h"
#include "http/live_socket.h"
#include "http/request_decoding.h"
#include "http/static_files.h"
#include "http/tls_context.h"

namespace sotay::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
    "font-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'";
constexpr std::string_view kLivePath = "/api/v1/live";
constexpr std::size_t kReadChunk = 16 * 1024;
// After an error answer the client may still be sending (a refused upload): keep reading and
// discarding for a while so the kernel does not reset the connection before the answer is read.
constexpr std::chrono::milliseconds kLingerTotal{3000};
constexpr std::chrono::seconds kLingerQuiet{1};

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool is_api_path(std::string_view path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

// Header values from handlers may carry user input (a file name in Content-Disposition);
// a CR or LF there would let it forge headers, so they are replaced.
std::string header_safe(std::string_view v) {
  std::string out(v);
  for (char& c : out)
    if (c == '\r' || c == '\n' || c == '\0') c = ' ';
  return out;
}

// RFC 9110 Date header, formatted once per second per thread.
const std::string& http_date() {
  thread_local std::time_t cached_second = 0;
  thread_local std::string cached;
  std::time_t now = std::time(nullptr);
  if (now != cached_second) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    cached = buf;
    cached_second = now;
  }
  return cached;
}

// A parse error the client caused (answered 400/431/413), as opposed to the connection ending
// or timing out, which leaves nobody to answer.
bool is_malformed_request(const beast::error_code& ec) {
  if (ec.category() != bhttp::make_error_code(bhttp::error::bad_target).category()) return false;
  return ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message && ec != bhttp::error::need_more;
}

bool status_has_no_body(int status) { return (status >= 100 && status < 200) || status == 204 || status == 304; }

// What a pool task threw, as the response the client gets. Called after the catch block, so
// nothing is awaited inside a catch; details stay in the server log, keyed by the request id
// the client also received.
Response response_for_failure(std::exception_ptr failure, const Request& request, std::string_view what) {
  std::string detail;
  bool busy = false;
  try {
    std::rethrow_exception(failure);
  } catch (const sotay::Error& e) {
    return error_response(e);
  } catch (const db::DbError& e) {
    busy = e.kind() == db::DbError::Kind::busy || e.kind() == db::DbError::Kind::connection;
    detail = std::string("database: ") + e.what();
  } catch (const std::exception& e) {
    detail = e.what();
  } catch (...) {
    detail = "unknown exception";
  }
  std::cerr << "[sotay] request " << request.request_id << " " << what << " failed: " << detail << std::endl;
  if (busy) return error_response(ErrorCode::unavailable, messages::kBusy);
  return error_response(ErrorCode::internal, messages::kInternal);
}

// What one handler run produced, computed on the pool.
awaitable<Response> invoke_handler(const Handler* handler, Request* request) {
  std::exception_ptr failure;
  try {
    co_return (*handler)(*request);
  } catch (...) {
    failure = std::current_exception();
  }
  co_return response_for_failure(failure, *request, request->method + " " + request->path);
}

// The readiness check and the WebSocket authenticator reach the database too; same rules.
awaitable<bool> invoke_ready(const std::function<bool()>* ready) {
  bool result = false;
  std::string failure;
  try {
    result = (*ready)();
  } catch (const std::exception& e) {
    failure = e.what();
  } catch (...) {
    failure = "unknown exception";
  }
  if (!failure.empty()) std::cerr << "[sotay] readiness check failed: " << failure << std::endl;
  co_return result;
}

struct AuthOutcome {
  std::optional<std::int64_t> account_id;
  std::optional<Response> error;  // the authenticator failed (database down, ...)
};

awaitable<AuthOutcome> invoke_authenticator(const WebSocketAuthenticator* authenticate, const Request* request) {
  AuthOutcome out;
  std::exception_ptr failure;
  try {
    out.account_id = (*authenticate)(*request);
  } catch (...) {
    failure = std::current_exception();
  }
  if (failure) out.error = response_for_failure(failure, *request, "WebSocket authentication");
  co_return out;
}

void default_access_log(const std::string& line) {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

}  // namespace

// ---------------------------------------------------------------------------------------------

class Server::Impl {
 public:
  Impl(ServerOptions options, Router& router);
  ~Impl();

  void run();
  void request_stop();

  ServerOptions options_;
  Router& router_;
  StaticFiles static_files_;
  WebSocketHub hub_;
  bool handle_signals_ = false;
  std::uint16_t port_ = 0;

 private:
  // One HTTP connection as the shutdown sequence sees it.
  struct Slot {
    beast::tcp_stream* socket;
    bool busy = false;  // between a request's first byte and the end of its response
  };

  // Per I/O thread. `slots` is touched only from that thread. Declared before `io` so that
  // coroutine frames destroyed with the io_context can still unregister themselves.
  struct Context {
    std::unordered_set<Slot*> slots;
    asio::io_context io{1};
    std::thread thread;
  };

  // Registers a connection for the shutdown sequence for as long as it lives.
  class SlotGuard {
   public:
    SlotGuard(Context* ctx, Slot* slot) : ctx_(ctx), slot_(slot) { ctx_->slots.insert(slot_); }
    ~SlotGuard() { release(); }
    void release() {
      if (slot_) ctx_->slots.erase(slot_);
      slot_ = nullptr;
    }
    SlotGuard(const SlotGuard&) = delete;
    SlotGuard& operator=(const SlotGuard&) = delete;

   private:
    Context* ctx_;
    Slot* slot_;
  };

  // Counts a request in flight for the shutdown sequence (it waits for zero).
  class InFlight {
   public:
    explicit InFlight(std::atomic<std::size_t>& n) : n_(&n) { n_->fetch_add(1); }
    ~InFlight() { done(); }
    void done() {
      if (n_) n_->fetch_sub(1);
      n_ = nullptr;
    }
    InFlight(const InFlight&) = delete;
    InFlight& operator=(const InFlight&) = delete;

   private:
    std::atomic<std::size_t>* n_;
  };

  // Everything about one exchange that the response and the access log need.
  struct Exchange {
    Request request;
    bool head = false;
    bool keep_alive = false;
    unsigned version = 11;
    Clock::time_point started = Clock::now();
  };

  awaitable<void> accept_loop();
  awaitable<void> serve_connection(tcp::socket socket, Context* ctx);
  awaitable<void> refuse_connection(tcp::socket socket);
  template <class Stream>
  awaitable<void> serve_http(Stream& stream, Context* ctx, bool tls, std::string peer_ip);
  template <class Stream>
  awaitable<bool> send_response(Stream& stream, Exchange& ex, Response response, bool is_api);
  template <class Stream, class Body>
  awaitable<beast::error_code> write_message(Stream& stream, bhttp::response<Body>& message, bool header_only);
  template <class Stream>
  awaitable<void> linger_and_close(Stream& stream, bool client_may_be_sending,
                                   std::chrono::milliseconds limit = kLingerTotal);
  template <class Stream>
  awaitable<void> run_live_socket(Stream& stream, bhttp::request<bhttp::empty_body> upgrade, Exchange& ex,
                                  std::int64_t account_id);

  void fill_common_headers(bhttp::fields& fields, const Response& response, const Exchange& ex, bool is_api,
                           bool tls_connection) const;
  void log_access(const Exchange& ex, int status, std::uint64_t bytes) const;
  void close_connections(bool only_idle);
  void wait_until(const std::function<bool()>& done, Clock::time_point deadline);

  std::atomic<bool> stopping_{false};
  std::atomic<bool> closing_live_{false};
  std::atomic<std::size_t> connections_{0};
  std::atomic<std::size_t> in_flight_{0};
  std::atomic<std::size_t> next_context_{0};

  std::mutex stop_mutex_;
  std::condition_variable stop_cv_;
  bool stop_requested_ = false;
  bool ran_ = false;

  std::optional<ssl::context> ssl_;
  // Contexts outlive the pool, the acceptor and the signal set, which all hold work on them.
  std::vector<std::unique_ptr<Context>> contexts_;
  asio::thread_pool pool_;
  std::optional<tcp::acceptor> acceptor_;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards_;
};

Server::Impl::Impl(ServerOptions options, Router& router)
    : options_(std::move(options)),
      router_(router),
      static_files_(options_.web_root),
      pool_(static_cast<std::size_t>(std::max(1, options_.blocking_threads))) {
  if (!options_.access_log) options_.access_log = default_access_log;

  if (!options_.tls_cert.empty() || !options_.tls_key.empty()) {
    if (options_.tls_cert.empty() || options_.tls_key.empty())
      throw std::runtime_error("TLS needs both a certificate (tls_cert) and a private key (tls_key)");
    ssl_.emplace(tls_context(ssl::context::tls_server));
    ssl_->set_options(ssl::context::single_dh_use);  // the server side only: a fresh DH key per handshake
    beast::error_code ec;
    ssl_->use_certificate_chain_file(options_.tls_cert, ec);
    if (ec) throw std::runtime_error("cannot load TLS certificate '" + options_.tls_cert + "': " + ec.message());
    ssl_->use_private_key_file(options_.tls_key, ssl::context::pem, ec);
    if (ec) throw std::runtime_error("cannot load TLS private key '" + options_.tls_key + "': " + ec.message());
    if (SSL_CTX_check_private_key(ssl_->native_handle()) != 1)
      throw std::runtime_error("TLS private key '" + options_.tls_key + "' does not match certificate '" +
                               options_.tls_cert + "'");
  }

  int threads = options_.io_threads > 0 ? options_.io_threads : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::max(threads, 1);
  for (int i = 0; i < threads; ++i) contexts_.push_back(std::make_unique<Context>());

  // One acceptor hands sockets to the contexts in turn: simpler than one SO_REUSEPORT acceptor
  // per context and it makes port 0 work (all acceptors would need the same port).
  const std::string where = options_.bind + ":" + std::to_string(options_.port);
  beast::error_code ec;
  auto address = asio::ip::make_address(options_.bind, ec);
  if (ec) throw std::runtime_error("cannot listen on " + where + ": '" + options_.bind + "' is not an IP address");
  tcp::endpoint endpoint(address, options_.port);
  acceptor_.emplace(contexts_[0]->io);
  acceptor_->open(endpoint.protocol(), ec);
  if (!ec) acceptor_->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_->bind(endpoint, ec);
  if (ec == asio::error::address_in_use)
    throw std::runtime_error("cannot listen on " + where + ": the port is already in use (is another server running?)");
  if (!ec) acceptor_->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) throw std::runtime_error("cannot listen on " + where + ": " + ec.message());
  port_ = acceptor_->local_endpoint().port();
}

Server::Impl::~Impl() {
  // Never run (or run already returned): make sure no thread is left behind.
  stopping_ = true;
  if (acceptor_) {
    beast::error_code ignored;
    acceptor_->close(ignored);
  }
  guards_.clear();
  for (auto& c : contexts_) c->io.stop();
  for (auto& c : contexts_)
    if (c->thread.joinable()) c->thread.join();
  pool_.stop();
  pool_.join();
  hub_.clear();
}

void Server::Impl::request_stop() {
  {
    std::lock_guard lock(stop_mutex_);
    stop_requested_ = true;
  }
  stop_cv_.notify_all();
}

void Server::Impl::wait_until(const std::function<bool()>& done, Clock::time_point deadline) {
  while (!done() && Clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

void Server::Impl::close_connections(bool only_idle) {
  for (auto& c : contexts_) {
    Context* ctx = c.get();
    asio::post(ctx->io, [ctx, only_idle] {
      for (Slot* slot : ctx->slots) {
        if (only_idle && slot->busy) continue;
        // Closing on the connection's own thread: its pending read or write ends with an error
        // and the connection's coroutine returns.
        slot->socket->close();
      }
    });
  }
}

void Server::Impl::run() {
  if (ran_) throw std::logic_error("Server::run() may be called only once");
  ran_ = true;

  for (auto& c : contexts_) {
    guards_.push_back(asio::make_work_guard(c->io));
    Context* ctx = c.get();
    ctx->thread = std::thread([ctx] {
      // A detached coroutine's exceptions are swallowed by Asio, but a plain posted handler's
      // are not: log and keep the thread serving.
      for (;;) {
        try {
          ctx->io.run();
          return;
        } catch (const std::exception& e) {
          std::cerr << "[sotay] I/O thread error: " << e.what() << std::endl;
        }
      }
    });
  }

  std::optional<asio::signal_set> signals;
  if (handle_signals_) {
    signals.emplace(contexts_[0]->io, SIGINT, SIGTERM);
    signals->async_wait([this](const beast::error_code& ec, int) {
      if (!ec) request_stop();
    });
  }
  asio::co_spawn(contexts_[0]->io, accept_loop(), asio::detached);

  {
    std::unique_lock lock(stop_mutex_);
    stop_cv_.wait(lock, [this] { return stop_requested_; });
  }

  // 1. Stop accepting at once; /readyz starts answering 503 so balancers drain this instance.
  stopping_ = true;
  {
    std::promise<void> closed;
    asio::post(contexts_[0]->io, [&] {
      beast::error_code ignored;
      acceptor_->close(ignored);
      if (signals) signals->cancel(ignored);
      closed.set_value();
    });
    closed.get_future().wait();
  }
  // 2. Connections waiting for their next request have nothing to lose: close them now. Busy
  //    ones answer with "Connection: close" and end by themselves.
  const auto deadline = Clock::now() + options_.shutdown_grace;
  close_connections(/*only_idle=*/true);
  wait_until([this] { return in_flight_.load() == 0; }, deadline);
  // 3. WebSockets get a close frame (1001 going away); clients reconnect to another instance.
  closing_live_ = true;
  hub_.close_all();
  wait_until([this] { return hub_.connection_count() == 0; },
             std::min(deadline, Clock::now() + detail::kCloseHandshakeLimit + std::chrono::milliseconds(500)));
  // 4. Whatever is left (requests past the grace period, lingering closes) is cut.
  close_connections(/*only_idle=*/false);
  guards_.clear();
  wait_until([this] { return connections_.load() == 0; }, Clock::now() + std::chrono::milliseconds(500));
  for (auto& c : contexts_) c->io.stop();
  for (auto& c : contexts_)
    if (c->thread.joinable()) c->thread.join();
  // A handler still running on the pool is waited for; its answer has nowhere to go.
  pool_.stop();
  pool_.join();
}

awaitable<void> Server::Impl::accept_loop() {
  for (;;) {
    Context* ctx = contexts_[next_context_.fetch_add(1) % contexts_.size()].get();
    tcp::socket socket(ctx->io);
    beast::error_code ec;
    co_await acceptor_->async_accept(socket, asio::redirect_error(use_awaitable, ec));
    if (stopping_) co_return;
    if (ec) {
      if (ec == asio::error::operation_aborted) co_return;
      // Out of file descriptors or similar: back off briefly instead of spinning.
      asio::steady_timer pause(co_await asio::this_coro::executor, std::chrono::milliseconds(50));
      co_await pause.async_wait(asio::redirect_error(use_awaitable, ec));
      continue;
    }
    if (connections_.fetch_add(1) >= options_.max_connections) {
      asio::co_spawn(ctx->io, refuse_connection(std::move(socket)), asio::detached);
      continue;
    }
    asio::co_spawn(ctx->io, serve_connection(std::move(socket), ctx), asio::detached);
  }
}

awaitable<void> Server::Impl::refuse_connection(tcp::socket socket) {
  try {
    // Over TLS a plain-text answer would be noise and a handshake costs what we lack: just close.
    if (!ssl_) {
      beast::error_code ec;
      Exchange ex;
      ex.request.request_id = new_request_id();
      auto remote = socket.remote_endpoint(ec);
      if (!ec) ex.request.remote_ip = remote.address().to_string();
      beast::tcp_stream stream(std::move(socket));
      Response response = error_response(ErrorCode::unavailable, messages::kOverloaded);
      response.set_header("Retry-After", "5");
      co_await send_response(stream, ex, std::move(response), false);
      co_await linger_and_close(stream, true, std::chrono::seconds(1));
    }
  } catch (const std::exception& e) {
    std::cerr << "[sotay] refusing a connection failed: " << e.what() << std::endl;
  }
  connections_.fetch_sub(1);
}

awaitable<void> Server::Impl::serve_connection(tcp::socket socket, Context* ctx) {
  try {
    beast::error_code ec;
    socket.set_option(tcp::no_delay(true), ec);
    auto remote = socket.remote_endpoint(ec);
    std::string peer_ip = ec ? std::string() : remote.address().to_string();
    beast::tcp_stream tcp_stream(std::move(socket));
    if (ssl_) {
      beast::ssl_stream<beast::tcp_stream> stream(std::move(tcp_stream), *ssl_);
      beast::get_lowest_layer(stream).expires_after(options_.read_timeout);
      co_await stream.async_handshake(ssl::stream_base::server, asio::redirect_error(use_awaitable, ec));
      if (!ec) co_await serve_http(stream, ctx, true, std::move(peer_ip));
    } else {
      co_await serve_http(tcp_stream, ctx, false, std::move(peer_ip));
    }
  } catch (const std::exception& e) {
    std::cerr << "[sotay] connection error: " << e.what() << std::endl;
  }
  connections_.fetch_sub(1);
}

template <class Stream>
awaitable<void> Server::Impl::serve_http(Stream& stream, Context* ctx, bool tls, std::string peer_ip) {
  auto& lowest = beast::get_lowest_layer(stream);
  beast::flat_buffer buffer;
  Slot slot{&lowest};
  SlotGuard registered(ctx, &slot);
  bool first = true;
  // The answer is sent: only the lingering close remains, which shutdown need not wait for.
  auto end_exchange = [](InFlight& in_flight, Slot& slot) {
    in_flight.done();
    slot.busy = false;
  };

  for (;;) {
    slot.busy = false;
    if (stopping_) break;
    beast::error_code ec;

    // Wait for the request's first byte: the idle timeout applies between kept-alive requests.
    if (buffer.size() == 0) {
      lowest.expires_after(first ? options_.read_timeout : options_.idle_timeout);
      std::size_t n = co_await stream.async_read_some(buffer.prepare(kReadChunk), asio::redirect_error(use_awaitable, ec));
      if (ec) break;
      buffer.commit(n);
    }
    first = false;
    slot.busy = true;
    InFlight in_flight(in_flight_);

    Exchange ex;
    ex.request.remote_ip = peer_ip;
    ex.request.tls = tls;
    ex.request.request_id = new_request_id();

    // --- header ---------------------------------------------------------------------------
    lowest.expires_after(options_.read_timeout);
    bhttp::request_parser<bhttp::empty_body> header_parser;
    header_parser.header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(options_.max_header_bytes, UINT32_MAX)));
    // The route decides the limit, below. Not boost::none: Boost 1.74 compares the declared
    // Content-Length with an empty optional as "greater", so "no limit" refuses every body.
    header_parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    co_await bhttp::async_read_header(stream, buffer, header_parser, asio::redirect_error(use_awaitable, ec));
    if (ec) {
      // Timeouts and vanished peers get no answer; malformed requests get one, then close.
      if (!is_malformed_request(ec)) break;
      Response r = error_response(ErrorCode::bad_request,
                                  ec == bhttp::error::header_limit ? messages::kHeaderTooLarge : messages::kBadRequest);
      if (ec == bhttp::error::header_limit) r.status = 431;
      co_await send_response(stream, ex, std::move(r), false);
      end_exchange(in_flight, slot);
      co_await linger_and_close(stream, true);
      co_return;
    }

    const auto& head = header_parser.get();
    Request& req = ex.request;
    req.method = std::string(head.method_string());
    ex.version = head.version();
    ex.head = head.method() == bhttp::verb::head;
    ex.keep_alive = head.keep_alive() && !stopping_;
    for (const auto& field : head) {
      std::string name = ascii_lower(field.name_string());
      auto [it, inserted] = req.headers.try_emplace(std::move(name), std::string(field.value()));
      if (!inserted) {
        it->second += it->first == "cookie" ? "; " : ", ";
        it->second += field.value();
      }
    }
    if (auto id = req.header("x-request-id"); is_valid_request_id(id)) req.request_id = std::string(id);
    if (options_.trust_proxy_headers) {
      beast::error_code ignored;
      auto peer = lowest.socket().remote_endpoint(ignored);
      if (!ignored && peer.address().is_loopback()) {
        if (auto forwarded = req.header("x-forwarded-for"); !forwarded.empty()) {
          auto comma = forwarded.find_last_of(',');
          std::string_view last = comma == std::string_view::npos ? forwarded : forwarded.substr(comma + 1);
          while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
          while (!last.empty() && last.back() == ' ') last.remove_suffix(1);
          beast::error_code bad;
          auto parsed = asio::ip::make_address(std::string(last), bad);
          if (!bad) req.remote_ip = parsed.to_string();
        }
        if (iequals(req.header("x-forwarded-proto"), "https")) req.tls = true;
      }
    }

    auto target = decode_target(head.target());
    if (!target) {
      ex.keep_alive = false;
      co_await send_response(stream, ex, error_response(ErrorCode::bad_request, messages::kBadPath), false);
      end_exchange(in_flight, slot);
      co_await linger_and_close(stream, true);
      co_return;
    }
    req.path = std::move(target->path);
    req.raw_query = std::move(target->raw_query);
    req.query = std::move(target->query);
    const bool is_api = is_api_path(req.path);

    // --- route --------------------------------------------------------------------------
    enum class Kind { handler, health, ready, live, api_not_found, not_allowed, static_file };
    Kind kind = Kind::static_file;
    std::string allow;
    const Handler* handler = nullptr;
    std::size_t body_limit = options_.default_max_body_bytes;
    const bool get_or_head = head.method() == bhttp::verb::get || ex.head;

    if (req.path == "/healthz" || req.path == "/readyz") {
      kind = get_or_head ? (req.path == "/healthz" ? Kind::health : Kind::ready) : Kind::not_allowed;
      allow = "GET, HEAD";
    } else if (req.path == kLivePath && (head.method() == bhttp::verb::get)) {
      kind = Kind::live;
    } else {
      RouteMatch match = router_.match(req.method, req.path);
      if (match.kind == RouteMatch::Kind::found) {
        kind = Kind::handler;
        handler = match.handler;
        body_limit = match.options->max_body_bytes;
        req.params = std::move(match.params);
      } else if (match.kind == RouteMatch::Kind::method_not_allowed) {
        kind = Kind::not_allowed;
        allow = std::move(match.allow);
      } else if (is_api) {
        kind = req.path == kLivePath ? Kind::not_allowed : Kind::api_not_found;
        if (req.path == kLivePath) allow = "GET";
      } else if (!get_or_head) {
        kind = Kind::not_allowed;
        allow = "GET, HEAD";
      }
    }

    // --- body ---------------------------------------------------------------------------
    if (auto length = header_parser.content_length(); length && *length > body_limit) {
      // Refused before reading it: the client learns at once, and we do not buffer it.
      ex.keep_alive = false;
      co_await send_response(stream, ex, error_response(ErrorCode::payload_too_large, messages::kBodyTooLarge), is_api);
      end_exchange(in_flight, slot);
      co_await linger_and_close(stream, true);
      co_return;
    }
    if (kind == Kind::live) {
      // An upgrade request has no body; if one was sent anyway, do not read it as the next request.
      if (!header_parser.is_done()) ex.keep_alive = false;
      if (!websocket::is_upgrade(head)) {
        co_await send_response(stream, ex, error_response(ErrorCode::bad_request, messages::kWebSocketRequired), true);
        if (!ex.keep_alive) break;
        continue;
      }
      // A browser sends cookies with cross-site WebSocket handshakes, so a foreign page could
      // open a socket as the signed-in user; only same-host origins may connect.
      if (auto origin = req.header("origin"); !origin.empty() && origin_host(origin) != host_without_port(req.header("host"))) {
        co_await send_response(stream, ex, error_response(ErrorCode::forbidden, messages::kForeignOrigin), true);
        if (!ex.keep_alive) break;
        continue;
      }
      AuthOutcome auth;
      if (options_.ws_authenticate)
        auth = co_await asio::co_spawn(pool_, invoke_authenticator(&options_.ws_authenticate, &req), use_awaitable);
      if (auth.error || !auth.account_id) {
        Response refusal = auth.error ? std::move(*auth.error) : error_response(ErrorCode::unauthenticated, messages::kSignInRequired);
        bool ok = co_await send_response(stream, ex, std::move(refusal), true);
        if (!ok || !ex.keep_alive) break;
        continue;
      }
      // From here the connection belongs to the WebSocket: it leaves the HTTP bookkeeping.
      in_flight.done();
      registered.release();
      // The WebSocket reads through its own small buffer; this coroutine's 16 KiB read buffer
      // would otherwise stay allocated for the socket's whole life (most of an idle socket's memory).
      buffer.consume(buffer.size());
      buffer.shrink_to_fit();
      co_await run_live_socket(stream, header_parser.release(), ex, *auth.account_id);
      co_return;
    }

    bhttp::request_parser<bhttp::string_body> parser(std::move(header_parser));
    parser.body_limit(body_limit);
    bool body_skipped = false;
    if (!parser.is_done() && kind != Kind::handler && iequals(req.header("expect"), "100-continue")) {
      // The client waits for our go-ahead, and no handler wants the body: answer now and
      // close rather than invite an upload that would be thrown away.
      body_skipped = true;
      ex.keep_alive = false;
    } else if (!parser.is_done()) {
      if (iequals(req.header("expect"), "100-continue")) {
        bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, ex.version};
        lowest.expires_after(options_.read_timeout);
        co_await bhttp::async_write(stream, go_on, asio::redirect_error(use_awaitable, ec));
        if (ec) break;
      }
      // Each read must make progress within read_timeout; a slow but steady upload is fine.
      while (!ec && !parser.is_done()) {
        lowest.expires_after(options_.read_timeout);
        co_await bhttp::async_read_some(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
      }
      if (ec) {
        if (ec == bhttp::error::body_limit) {
          ex.keep_alive = false;
          co_await send_response(stream, ex, error_response(ErrorCode::payload_too_large, messages::kBodyTooLarge), is_api);
          end_exchange(in_flight, slot);
          co_await linger_and_close(stream, true);
          co_return;
        }
        if (is_malformed_request(ec)) {
          ex.keep_alive = false;
          co_await send_response(stream, ex, error_response(ErrorCode::bad_request, messages::kBadRequest), is_api);
          end_exchange(in_flight, slot);
          co_await linger_and_close(stream, true);
          co_return;
        }
        break;  // timeout or the peer went away mid-body
      }
    }
    if (!body_skipped) req.body = std::move(parser.get().body());
    lowest.expires_never();

    // --- answer -------------------------------------------------------------------------
    Response response;
    switch (kind) {
      case Kind::handler:
        response = co_await asio::co_spawn(pool_, invoke_handler(handler, &req), use_awaitable);
        break;
      case Kind::health:
        response.body = R"({"status":"ok"})";
        break;
      case Kind::ready: {
        bool ready = !stopping_;
        if (ready && options_.ready)
          ready = co_await asio::co_spawn(pool_, invoke_ready(&options_.ready), use_awaitable);
        if (ready)
          response.body = R"({"status":"ready"})";
        else
          response = error_response(ErrorCode::unavailable, messages::kNotReady);
        break;
      }
      case Kind::api_not_found:
        response = error_response(ErrorCode::not_found, messages::kRouteNotFound);
        break;
      case Kind::not_allowed:
        response = error_response(ErrorCode::method_not_allowed, messages::kMethodNotAllowed);
        response.set_header("Allow", allow);
        break;
      case Kind::static_file:
        response = static_files_.serve(req);
        break;
      case Kind::live:
        break;  // handled above
    }
    if (stopping_) ex.keep_alive = false;
    bool sent = co_await send_response(stream, ex, std::move(response), is_api);
    if (sent && body_skipped) {
      end_exchange(in_flight, slot);
      co_await linger_and_close(stream, true);
      co_return;
    }
    if (!sent || !ex.keep_alive) break;
  }

  // Orderly end: tell the peer we are done sending, and for TLS say goodbye properly.
  beast::error_code ignored;
  if constexpr (!std::is_same_v<Stream, beast::tcp_stream>) {
    if (lowest.socket().is_open()) {
      lowest.expires_after(std::chrono::seconds(1));
      co_await stream.async_shutdown(asio::redirect_error(use_awaitable, ignored));
    }
  }
  lowest.socket().shutdown(tcp::socket::shutdown_send, ignored);
  lowest.close();
}

void Server::Impl::fill_common_headers(bhttp::fields& fields, const Response& response, const Exchange& ex,
                                       bool is_api, bool tls_connection) const {
  bool has_cache_control = false;
  for (const auto& [name, value] : response.headers) {
    if (iequals(name, "cache-control")) has_cache_control = true;
    fields.insert(header_safe(name), header_safe(value));
  }
  if (!response.content_type.empty() && !status_has_no_body(response.status))
    fields.set(bhttp::field::content_type, header_safe(response.content_type));
  fields.set(bhttp::field::date, http_date());
  fields.set("Content-Security-Policy", kContentSecurityPolicy);
  fields.set("X-Content-Type-Options", "nosniff");
  fields.set("X-Frame-Options", "DENY");
  fields.set("Referrer-Policy", "strict-origin-when-cross-origin");
  fields.set("Permissions-Policy", "camera=(self), microphone=(self), geolocation=()");
  fields.set("Cross-Origin-Opener-Policy", "same-origin");
  if (tls_connection) fields.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  // API answers are per-user data: never store them unless the handler says otherwise.
  if (is_api && !has_cache_control) fields.set(bhttp::field::cache_control, "no-store");
  fields.set("X-Request-Id", ex.request.request_id);
}

template <class Stream, class Body>
awaitable<beast::error_code> Server::Impl::write_message(Stream& stream, bhttp::response<Body>& message,
                                                         bool header_only) {
  auto& lowest = beast::get_lowest_layer(stream);
  bhttp::response_serializer<Body> serializer(message);
  beast::error_code ec;
  if (header_only) {
    lowest.expires_after(options_.read_timeout);
    co_await bhttp::async_write_header(stream, serializer, asio::redirect_error(use_awaitable, ec));
  } else {
    // The timeout is per write, not for the whole body: a large file to a slow phone is fine as
    // long as it keeps moving.
    while (!ec && !serializer.is_done()) {
      lowest.expires_after(options_.read_timeout);
      co_await bhttp::async_write_some(stream, serializer, asio::redirect_error(use_awaitable, ec));
    }
  }
  lowest.expires_never();
  co_return ec;
}

template <class Stream>
awaitable<bool> Server::Impl::send_response(Stream& stream, Exchange& ex, Response response, bool is_api) {
  const bool tls_connection = !std::is_same_v<Stream, beast::tcp_stream>;
  int status = response.status;
  std::uint64_t bytes = 0;
  beast::error_code ec;

  std::optional<bhttp::file_body::value_type> file;
  if (!response.file_path.empty() && !status_has_no_body(status)) {
    file.emplace();
    file->open(response.file_path.c_str(), beast::file_mode::scan, ec);
    if (ec) {
      std::cerr << "[sotay] request " << ex.request.request_id << ": cannot open " << response.file_path << ": "
                << ec.message() << std::endl;
      file.reset();
      response = error_response(ErrorCode::internal, messages::kInternal);
      status = response.status;
    }
  }

  if (file) {
    bhttp::response<bhttp::file_body> message{static_cast<bhttp::status>(status), ex.version};
    fill_common_headers(message.base(), response, ex, is_api, tls_connection);
    bytes = file->size();
    message.body() = std::move(*file);
    message.prepare_payload();
    message.keep_alive(ex.keep_alive);
    ec = co_await write_message(stream, message, ex.head);
  } else {
    bhttp::response<bhttp::string_body> message{static_cast<bhttp::status>(status), ex.version};
    fill_common_headers(message.base(), response, ex, is_api, tls_connection);
    if (!status_has_no_body(status)) {
      bytes = response.body.size();
      message.body() = std::move(response.body);
      message.prepare_payload();
    }
    message.keep_alive(ex.keep_alive);
    ec = co_await write_message(stream, message, ex.head);
  }
  if (ex.head) bytes = 0;
  log_access(ex, status, ec ? 0 : bytes);
  co_return !ec;
}

template <class Stream>
awaitable<void> Server::Impl::linger_and_close(Stream& stream, bool client_may_be_sending,
                                               std::chrono::milliseconds limit) {
  auto& lowest = beast::get_lowest_layer(stream);
  beast::error_code ec;
  if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
    lowest.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (client_may_be_sending && !ec) {
      // Closing with unread input makes the kernel send a reset, which can destroy our answer
      // before the client reads it. Read and discard until the client closes or goes quiet.
      std::array<char, 16 * 1024> sink;
      const auto until = Clock::now() + limit;
      while (!ec && !stopping_ && Clock::now() < until) {
        lowest.expires_after(std::min<Clock::duration>(kLingerQuiet, until - Clock::now()));
        co_await lowest.async_read_some(asio::buffer(sink), asio::redirect_error(use_awaitable, ec));
      }
    }
  } else {
    // TLS: send close_notify; the peer's unread data is not ours to drain.
    lowest.expires_after(std::chrono::seconds(1));
    co_await stream.async_shutdown(asio::redirect_error(use_awaitable, ec));
  }
  lowest.close();
}

template <class Stream>
awaitable<void> Server::Impl::run_live_socket(Stream& stream, bhttp::request<bhttp::empty_body> upgrade,
                                              Exchange& ex, std::int64_t account_id) {
  using Live = detail::LiveSocket<Stream>;
  beast::get_lowest_layer(stream).expires_never();
  auto live = std::make_shared<Live>(std::move(stream), account_id, &hub_);
  auto& ws = live->stream();

  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = options_.read_timeout;
  // Beast pings a quiet client and drops one that stays silent; generous so that a phone on a
  // poor network is not dropped between our own heartbeats.
  timeouts.idle_timeout = std::max<std::chrono::steady_clock::duration>(3 * options_.ws_heartbeat, std::chrono::seconds(30));
  timeouts.keep_alive_pings = true;
  ws.set_option(timeouts);
  ws.read_message_max(detail::kMaxIncomingMessageBytes);
  const std::string request_id = ex.request.request_id;
  const bool tls_connection = !std::is_same_v<Stream, beast::tcp_stream>;
  ws.set_option(websocket::stream_base::decorator([request_id, tls_connection](websocket::response_type& res) {
    res.set(bhttp::field::server, "sotay");  // Beast would otherwise add its version banner
    res.set("X-Request-Id", request_id);
    res.set("X-Content-Type-Options", "nosniff");
    if (tls_connection) res.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }));

  beast::error_code ec;
  co_await ws.async_accept(upgrade, asio::redirect_error(use_awaitable, ec));
  log_access(ex, ec ? 400 : 101, 0);
  if (ec) co_return;

  // In the hub before the hello is written (the write may leave at once): a client that has
  // read its hello gets every message published after it. Messages published meanwhile are
  // posted to this thread, so they still follow the hello.
  hub_.add(live);
  live->enqueue(nlohmann::ordered_json{{"type", "hello"},
                               {"account_id", account_id},
                               {"server_time", iso8601_utc(std::chrono::system_clock::now())},
                               {"heartbeat_ms", options_.ws_heartbeat.count()}}
                    .dump());
  // Added after the flag check would race with close_all(); checking after adding means the
  // socket is either in close_all()'s snapshot or sees the flag here (or both: harmless).
  if (closing_live_) live->request_close(websocket::close_reason(websocket::close_code::going_away));
  asio::co_spawn(ws.get_executor(), Live::heartbeat_loop(live, options_.ws_heartbeat), asio::detached);
  co_await Live::read_loop(live);
}

void Server::Impl::log_access(const Exchange& ex, int status, std::uint64_t bytes) const {
  if (!options_.access_log) return;
  double ms = std::chrono::duration<double, std::milli>(Clock::now() - ex.started).count();
  ms = std::round(ms * 100.0) / 100.0;
  // The path only: a query string may carry tokens. Never cookies, bodies or other headers.
  nlohmann::ordered_json line = {{"ts", iso8601_utc(std::chrono::system_clock::now())},
                                 {"request_id", ex.request.request_id},
                                 {"ip", ex.request.remote_ip},
                                 {"method", ex.request.method},
                                 {"path", ex.request.path},
                                 {"status", status},
                                 {"bytes", bytes},
                                 {"ms", ms},
                                 {"ua", ex.request.header("user-agent")}};
  try {
    options_.access_log(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  } catch (const std::exception& e) {
    std::cerr << "[sotay] access log failed: " << e.what() << std::endl;
  }
}

// ---------------------------------------------------------------------------------------------

Server::Server(ServerOptions options, Router& router) : impl_(std::make_unique<Impl>(std::move(options), router)) {}
Server::~Server() = default;
std::uint16_t Server::port() const { return impl_->port_; }
void Server::run() { impl_->run(); }
void Server::request_stop() { impl_->request_stop(); }
void Server::handle_signals(bool enabled) { impl_->handle_signals_ = enabled; }
WebSocketHub& Server::hub() { return impl_->hub_; }

}  // namespace sotay::http
