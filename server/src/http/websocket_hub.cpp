#include "http/websocket_hub.h"

#include <algorithm>

namespace sotay::http {

std::size_t WebSocketHub::publish(std::int64_t account_id, std::string json) {
  return publish(account_id, std::make_shared<const std::string>(std::move(json)));
}

std::size_t WebSocketHub::publish(std::int64_t account_id, std::shared_ptr<const std::string> message) {
  std::vector<std::shared_ptr<LiveConnection>> targets;
  {
    std::lock_guard lock(mutex_);
    auto it = by_account_.find(account_id);
    if (it == by_account_.end()) return 0;
    targets = it->second;
  }
  // Sending outside the lock: send() only posts, but a socket's own thread may be waiting
  // for this mutex in remove() and must not be held up by a long fan-out.
  for (const auto& c : targets) c->send(message);
  return targets.size();
}

std::size_t WebSocketHub::broadcast(std::string json) {
  auto targets = snapshot_all();
  auto message = std::make_shared<const std::string>(std::move(json));
  for (const auto& c : targets) c->send(message);
  return targets.size();
}

std::vector<std::int64_t> WebSocketHub::connected_accounts() const {
  std::vector<std::int64_t> out;
  {
    std::lock_guard lock(mutex_);
    out.reserve(by_account_.size());
    for (const auto& [account, sockets] : by_account_) out.push_back(account);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::size_t WebSocketHub::connection_count() const {
  std::lock_guard lock(mutex_);
  return count_;
}

void WebSocketHub::add(std::shared_ptr<LiveConnection> connection) {
  std::lock_guard lock(mutex_);
  by_account_[connection->account_id()].push_back(std::move(connection));
  ++count_;
}

void WebSocketHub::remove(const LiveConnection* connection) {
  std::lock_guard lock(mutex_);
  auto it = by_account_.find(connection->account_id());
  if (it == by_account_.end()) return;
  auto& list = it->second;
  auto pos = std::find_if(list.begin(), list.end(), [&](const auto& c) { return c.get() == connection; });
  if (pos == list.end()) return;
  list.erase(pos);
  --count_;
  if (list.empty()) by_account_.erase(it);
}

std::size_t WebSocketHub::close_all() {
  auto targets = snapshot_all();
  for (const auto& c : targets) c->close_going_away();
  return targets.size();
}

void WebSocketHub::clear() {
  decltype(by_account_) doomed;
  {
    std::lock_guard lock(mutex_);
    doomed.swap(by_account_);
    count_ = 0;
  }
  // Released outside the lock: a connection's destructor may call remove().
}

std::vector<std::shared_ptr<LiveConnection>> WebSocketHub::snapshot_all() const {
  std::vector<std::shared_ptr<LiveConnection>> out;
  std::lock_guard lock(mutex_);
  out.reserve(count_);
  for (const auto& [id, list] : by_account_) out.insert(out.end(), list.begin(), list.end());
  return out;
}

}  // namespace sotay::http
