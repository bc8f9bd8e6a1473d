#include "api/live_notices.h"

#include <map>
#include <memory>
#include <optional>

#include "api/notices_json.h"
#include "domain/notices.h"
#include "util/time.h"

namespace sotay::api {

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
  notices::mark_delivered(db_, live->event.notice_id, reached, timeutil::now_unix());
  return sockets;
}

}  // namespace sotay::api
