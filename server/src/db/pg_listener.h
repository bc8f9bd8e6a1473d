// LISTEN on one PostgreSQL channel from a dedicated connection and thread: every server hears the
// notice events all servers commit (docs/decisions/0006). When the connection is lost it
// reconnects with backoff (0.5 s doubling to max_backoff) and then calls on_resume with the time
// the connection was lost, so the caller can replay what was written meanwhile.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace sotay::db {

class PgListener {
 public:
  struct Options {
    std::string url;      // postgres://…
    std::string channel;  // an identifier: letters, digits, '_'
    std::function<void(const std::string& payload)> on_notify;
    // After a reconnect (not the first connect): unix seconds when the connection was lost.
    std::function<void(std::int64_t lost_at)> on_resume;
    std::chrono::milliseconds max_backoff{30000};
    // A quiet connection is checked this often (a dead peer is noticed even without traffic).
    std::chrono::milliseconds ping_interval{15000};
    std::function<void(const std::string&)> log;  // default: standard error
  };

  explicit PgListener(Options options);
  ~PgListener();  // stop()
  PgListener(const PgListener&) = delete;
  PgListener& operator=(const PgListener&) = delete;

  void start();
  void stop();
  bool connected() const { return connected_.load(); }
  // Blocks until LISTEN is in place (or the timeout passes); for start-up and tests.
  bool wait_connected(std::chrono::milliseconds timeout);

 private:
  void run();
  void log(const std::string& line) const;

  Options options_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> connected_{false};
  std::mutex mutex_;
  std::condition_variable cv_;
};

}  // namespace sotay::db
