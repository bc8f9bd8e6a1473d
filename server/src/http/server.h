// The HTTP/1.1 + WebSocket server. Beast and Asio stay behind the pimpl so the CLI (and
// anything else that starts a server) does not compile them.
//
// Threads: one io_context per I/O thread, one thread each, so a connection never changes
// thread; every Handler (they reach the database) runs on a separate pool of blocking_threads.
//
// Besides the Router's routes the server answers:
//   GET /healthz    200 {"status":"ok"} while the process is alive
//   GET /readyz     200 {"status":"ready"} when options.ready() (or no check) says so, else 503
//   GET /api/v1/live   WebSocket upgrade, authenticated by options.ws_authenticate
//   /api/... with no route   404 envelope (405 + Allow when only the method is wrong)
//   other GET/HEAD  static files from options.web_root (see static_files.h)
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http/message.h"
#include "http/router.h"
#include "http/websocket_hub.h"

namespace sotay::http {

struct ServerOptions {
  std::string bind = "0.0.0.0";
  std::uint16_t port = 8080;  // 0 = any free port; see Server::port()
  int io_threads = 0;         // 0 = std::thread::hardware_concurrency()
  int blocking_threads = 4;   // pool that runs handlers
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t default_max_body_bytes = 1 << 20;  // for requests that match no route
  // read_timeout: from a request's first byte to its complete header, and the longest wait for
  // progress while reading a body or writing a response. idle_timeout: the longest wait for the
  // next request on a kept-alive connection.
  std::chrono::milliseconds read_timeout{30000}, idle_timeout{75000};
  std::size_t max_connections = 20000;
  std::chrono::milliseconds shutdown_grace{10000};
  std::chrono::milliseconds ws_heartbeat{25000};
  std::string web_root;  // built web app; empty = built-in "not built yet" page
  std::string tls_cert, tls_key;  // PEM paths; both set = the port speaks HTTPS only
  // Behind a reverse proxy on this machine: when the peer is a loopback address, take the
  // client address from the last X-Forwarded-For entry and TLS from X-Forwarded-Proto.
  bool trust_proxy_headers = false;
  // The three callbacks are called from several threads at once and must be thread-safe.
  std::function<void(const std::string&)> access_log;  // one JSON line; default: stdout
  std::function<bool()> ready;                          // for /readyz; runs on the pool
  WebSocketAuthenticator ws_authenticate;               // for /api/v1/live; runs on the pool;
                                                        // unset = every upgrade is refused
};

class Server {
 public:
  // Binds and listens at once, so port() is valid on return. Throws std::runtime_error when the
  // address cannot be used (port taken, bad address) or the TLS files cannot be loaded.
  // The router is read from many threads without locks: finish adding routes before run().
  Server(ServerOptions options, Router& router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  std::uint16_t port() const;  // the bound port (the real one when options.port was 0)

  // Serves until request_stop() (or a signal, see handle_signals) and a graceful shutdown:
  // stop accepting, let in-flight requests finish (up to shutdown_grace), close kept-alive
  // connections, send WebSocket close frames (1001 going away), stop the threads. Call once.
  void run();
  // Thread-safe; may be called before run() (run then shuts down at once) or from a handler.
  void request_stop();
  // When true (the CLI sets it), SIGTERM and SIGINT trigger the graceful shutdown. Before run().
  void handle_signals(bool enabled);

  WebSocketHub& hub();

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace sotay::http
