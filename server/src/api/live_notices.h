// Delivers notice events to this server's open apps (GET /api/v1/live): reads the inbox rows of
// the recipients connected here, sends each its {"type":"notice",…} message and marks them
// delivered. Called after a commit (SQLite), or by the PostgreSQL listener for every server's
// events; an event id seen before is skipped, so a replay after a reconnect sends nothing twice.
//
// The delivered marks are written by a thread of their own a moment later (kMarkDelay), several
// events together: writing 5,000 of them took ~230 ms of the database's CPU, which on a small
// machine is the CPU the server needs to write the messages to the sockets. The delay is well
// under the push delay (notices::kPushDelaySeconds), so a member reached live is not pushed too.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>

#include "db/database.h"
#include "http/websocket_hub.h"

namespace sotay::api {

class LiveNotices {
 public:
  static constexpr std::size_t kRemembered = 50000;  // event ids kept to refuse a second delivery

  static constexpr std::chrono::milliseconds kMarkDelay{500};

  LiveNotices(db::Database& db, http::WebSocketHub& hub);
  ~LiveNotices();  // writes the marks still waiting
  LiveNotices(const LiveNotices&) = delete;
  LiveNotices& operator=(const LiveNotices&) = delete;

  // Thread-safe. Returns how many sockets got a message (0 when the event was seen before).
  std::size_t deliver(std::int64_t event_id);

 private:
  bool first_time(std::int64_t event_id);
  void write_marks();

  db::Database& db_;
  http::WebSocketHub& hub_;
  std::mutex mutex_;
  std::unordered_set<std::int64_t> seen_;
  std::deque<std::int64_t> order_;

  std::mutex marks_mutex_;
  std::condition_variable marks_cv_;
  std::map<std::pair<std::int64_t, std::int64_t>, std::vector<std::int64_t>> marks_;  // (notice, at) → members
  bool stopping_ = false;
  std::thread marker_;
};

}  // namespace sotay::api
