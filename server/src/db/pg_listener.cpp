#include "db/pg_listener.h"

#include <poll.h>

#include <cstdio>
#include <ctime>
#include <memory>

#include <libpq-fe.h>

namespace sotay::db {

namespace {

struct ConnCloser {
  void operator()(PGconn* c) const { PQfinish(c); }
};
using Conn = std::unique_ptr<PGconn, ConnCloser>;

bool command_ok(PGconn* c, const std::string& sql) {
  PGresult* r = PQexec(c, sql.c_str());
  bool ok = r && (PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK);
  PQclear(r);
  return ok;
}

}  // namespace

PgListener::PgListener(Options options) : options_(std::move(options)) {}

PgListener::~PgListener() { stop(); }

void PgListener::start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void PgListener::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool PgListener::wait_connected(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return cv_.wait_for(lock, timeout, [this] { return connected_.load() || stopping_.load(); }) && connected_;
}

void PgListener::log(const std::string& line) const {
  if (options_.log)
    options_.log(line);
  else
    std::fprintf(stderr, "sotay listen: %s\n", line.c_str());
}

void PgListener::run() {
  using namespace std::chrono;
  milliseconds backoff{500};
  bool was_connected = false;
  std::int64_t lost_at = 0;
  while (!stopping_) {
    Conn conn(PQconnectdb(options_.url.c_str()));
    if (!conn || PQstatus(conn.get()) != CONNECTION_OK || !command_ok(conn.get(), "LISTEN " + options_.channel)) {
      if (!was_connected || backoff >= options_.max_backoff)
        log(std::string("cannot listen for notices: ") + (conn ? PQerrorMessage(conn.get()) : "out of memory"));
      std::unique_lock lock(mutex_);
      cv_.wait_for(lock, backoff, [this] { return stopping_.load(); });
      backoff = std::min(backoff * 2, options_.max_backoff);
      continue;
    }
    backoff = milliseconds{500};
    {
      std::lock_guard lock(mutex_);
      connected_ = true;
    }
    cv_.notify_all();
    if (was_connected) {
      log("listening again; replaying what was missed");
      if (options_.on_resume) {
        try {
          options_.on_resume(lost_at);
        } catch (const std::exception& e) {
          log(std::string("replay failed: ") + e.what());
        }
      }
    }
    was_connected = true;
    auto last_traffic = steady_clock::now();
    while (!stopping_) {
      pollfd fd{PQsocket(conn.get()), POLLIN, 0};
      int ready = ::poll(&fd, 1, 250);  // short, so stop() is noticed quickly
      bool alive = ready >= 0;
      if (ready > 0) {
        alive = PQconsumeInput(conn.get()) == 1;
        last_traffic = steady_clock::now();
      } else if (ready == 0 && steady_clock::now() - last_traffic > options_.ping_interval) {
        alive = command_ok(conn.get(), "SELECT 1");
        last_traffic = steady_clock::now();
      }
      while (PGnotify* n = PQnotifies(conn.get())) {
        std::string payload = n->extra ? n->extra : "";
        PQfreemem(n);
        if (options_.on_notify) {
          try {
            options_.on_notify(payload);
          } catch (const std::exception& e) {
            log(std::string("delivering a notice event failed: ") + e.what());
          }
        }
      }
      if (!alive || PQstatus(conn.get()) != CONNECTION_OK) break;
    }
    connected_ = false;
    lost_at = static_cast<std::int64_t>(std::time(nullptr));
    if (!stopping_) log("lost the database connection; reconnecting");
  }
}

}  // namespace sotay::db
