// The server's registry of live WebSocket connections (GET /api/v1/live), so the rest of the
// application can push JSON to a signed-in account without knowing about sockets or threads.
//
// Thread-safe: publish/broadcast may be called from any thread (handlers on the blocking pool,
// background jobs, the PostgreSQL LISTEN thread). A message is posted onto each socket's own
// io_context and written there, one write at a time, through a bounded per-socket queue; a
// client that falls behind is disconnected ("slow consumer") and resynchronizes on reconnect.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace sotay::http {

// One live socket as the hub sees it. Implemented inside http/ over Beast; both calls only post
// work onto the socket's thread, so they are safe from any thread and never block.
class LiveConnection {
 public:
  explicit LiveConnection(std::int64_t account_id) : account_id_(account_id) {}
  virtual ~LiveConnection() = default;
  LiveConnection(const LiveConnection&) = delete;
  LiveConnection& operator=(const LiveConnection&) = delete;

  std::int64_t account_id() const { return account_id_; }
  virtual void send(std::shared_ptr<const std::string> json) = 0;
  // Sends a close frame with code 1001 (going away) once the current write finishes.
  virtual void close_going_away() = 0;

 private:
  std::int64_t account_id_;
};

class WebSocketHub {
 public:
  // Largest number of queued outgoing messages per socket before it is dropped.
  static constexpr std::size_t kMaxQueuedMessages = 256;

  // Sends `json` to every socket of the account; returns how many sockets it was queued for.
  std::size_t publish(std::int64_t account_id, std::string json);
  // The same with a text shared by many accounts (written once for all of them).
  std::size_t publish(std::int64_t account_id, std::shared_ptr<const std::string> json);
  // Sends `json` to every socket; returns how many.
  std::size_t broadcast(std::string json);
  std::size_t connection_count() const;
  // The accounts with at least one open socket here, sorted (a snapshot): only their data is read
  // for a live message.
  std::vector<std::int64_t> connected_accounts() const;

  // Used by the server.
  void add(std::shared_ptr<LiveConnection> connection);
  void remove(const LiveConnection* connection);
  // Asks every socket to close with "going away" (graceful shutdown); returns how many.
  std::size_t close_all();
  // Forgets every socket (after the server's threads have stopped), so no socket outlives
  // the io_context it belongs to.
  void clear();

 private:
  std::vector<std::shared_ptr<LiveConnection>> snapshot_all() const;

  mutable std::mutex mutex_;
  std::unordered_map<std::int64_t, std::vector<std::shared_ptr<LiveConnection>>> by_account_;
  std::size_t count_ = 0;
};

}  // namespace sotay::http
