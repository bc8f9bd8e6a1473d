#include "api/live_notices.h"

#include <cstdio>
#include <exception>
#include <map>
#include <memory>
#include <optional>

#include "api/notices_json.h"
#include "domain/notices.h"
#include "util/time.h"

namespace sotay::api {

LiveNotices::LiveNotices(db::Database& db, http::WebSocketHub& hub) : db_(db), hub_(hub) {
  marker_ = std::thread([this] { write_marks(); });
}

LiveNotices::~LiveNotices() {
  {
    std::lock_guard lock(marks_mutex_);
    stopping_ = true;
  }
  marks_cv_.notify_all();
  marker_.join();
}

void LiveNotices::write_marks() {
  std::unique_lock lock(marks_mutex_);
  for (;;) {
    marks_cv_.wait(lock, [&] { return stopping_ || !marks_.empty(); });
    if (marks_.empty()) return;  // stopping, nothing left
    // Let the messages go out first, and gather what other events reach meanwhile.
    marks_cv_.wait_for(lock, kMarkDelay, [&] { return stopping_; });
    auto batch = std::move(marks_);
    marks_.clear();
    lock.unlock();
    for (const auto& [key, members] : batch) {
      try {
        notices::mark_delivered(db_, key.first, members, key.second);
      } catch (const std::exception& e) {
        // The counts lag until the member lists or opens the notice, which marks it again.
        std::fprintf(stderr, "sotay: could not mark notice %lld delivered to %zu members: %s\n",
                     static_cast<long long>(key.first), members.size(), e.what());
      }
    }
    lock.lock();
  }
}

bool LiveNotices::first_time(std::int64_t event_id) {
  std::lock_guard lock(mutex_);
  if (!seen_.insert(event_id).second) return false;
  order_.push_back(event_id);
  if (order_.size() > kRemembered) {
    seen_.erase(order_.front());
    order_.pop_front();
  }
  return true;
}

std::size_t LiveNotices::deliver(std::int64_t event_id) {
  if (!first_time(event_id)) return 0;
  auto live = notices::live_event(db_, event_id, hub_.connected_accounts());
  if (!live || live->items.empty()) return 0;
  std::size_t sockets = 0;
  std::vector<std::int64_t> reached;
  // The message depends on the recipient only through its read and acknowledged times: most
  // recipients share one text, written once.
  std::map<std::pair<std::optional<std::int64_t>, std::optional<std::int64_t>>, std::shared_ptr<const std::string>> texts;
  for (const auto& [account, item] : live->items) {
    auto& text = texts[{item.read_at, item.acked_at}];
    if (!text) text = std::make_shared<const std::string>(live_notice_message(live->event.event, item, live->attached));
    auto n = hub_.publish(account, text);
    if (n > 0 && (reached.empty() || reached.back() != item.member_id)) reached.push_back(item.member_id);
    sockets += n;
  }
  if (!reached.empty()) {
    {
      std::lock_guard lock(marks_mutex_);
      auto& waiting = marks_[{live->event.notice_id, timeutil::now_unix()}];
      waiting.insert(waiting.end(), reached.begin(), reached.end());
    }
    marks_cv_.notify_all();
  }
  return sockets;
}

}  // namespace sotay::api
