// Delivers notice events to this server's open apps (GET /api/v1/live): reads the inbox rows of
// the recipients connected here, sends each its {"type":"notice",…} message and marks them
// delivered. Called after a commit (SQLite), or by the PostgreSQL listener for every server's
// events; an event id seen before is skipped, so a replay after a reconnect sends nothing twice.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <unordered_set>

#include "db/database.h"
#include "http/websocket_hub.h"

namespace sotay::api {

class LiveNotices {
 public:
  static constexpr std::size_t kRemembered = 50000;  // event ids kept to refuse a second delivery

  LiveNotices(db::Database& db, http::WebSocketHub& hub) : db_(db), hub_(hub) {}
  // Thread-safe. Returns how many sockets got a message (0 when the event was seen before).
  std::size_t deliver(std::int64_t event_id);

 private:
  bool first_time(std::int64_t event_id);

  db::Database& db_;
  http::WebSocketHub& hub_;
  std::mutex mutex_;
  std::unordered_set<std::int64_t> seen_;
  std::deque<std::int64_t> order_;
};

}  // namespace sotay::api
