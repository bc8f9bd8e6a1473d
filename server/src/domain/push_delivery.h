// Web Push for installed apps that are closed (docs/decisions/0006-notices-and-live-delivery.md):
// the server's VAPID keys (made at first use, kept in server_settings), device subscriptions, and
// the sender thread that drains push_outbox: encrypts each message for its device (RFC 8291),
// posts it through a Transport (http/push_client in the server), removes subscriptions the push
// service says are gone (404/410) and retries 429/5xx/network failures with exponential backoff.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "db/database.h"
#include "domain/actor.h"
#include "store/notices_store.h"
#include "util/web_push_crypto.h"

namespace sotay::push {

// The key pair, made and stored the first time it is asked for (two servers racing agree on the
// first one written).
webpush::VapidKeys vapid_keys(db::Database& db);
std::string public_key_base64url(db::Database& db);

// Saves the device of a signed-in account: endpoint https://, p256dh a P-256 point, auth 16 bytes, both base64url. 422 otherwise.
void subscribe(db::Database& db, const Actor& actor, const std::string& endpoint, const std::string& p256dh,
               const std::string& auth, const std::string& user_agent, std::int64_t now);
void unsubscribe(db::Database& db, const Actor& actor, const std::string& endpoint);

// What the service worker shows: {"type":"notice","id","title","body","priority","url"}, the body
// cut to fit one push record.
std::string notice_payload(const store::NoticeRow& n, bool reminder);

struct TransportRequest {
  std::string endpoint, body, authorization, urgency;
  int ttl_seconds = 86400;
};
struct TransportResult {
  int status = 0;  // 0: no answer (connection, TLS, timeout)
  std::string error;
  std::optional<int> retry_after_seconds;
};
using Transport = std::function<TransportResult(const TransportRequest&)>;

struct SenderOptions {
  std::string subject = "mailto:quantri@sotay.invalid";  // VAPID contact for push services
  int max_attempts = 6;
  std::int64_t base_backoff_seconds = 30;  // × 2^(attempts − 1), at most a day
  std::int64_t lease_seconds = 120;        // a claimed row waits this long before another try
  int batch = 50;
  std::chrono::milliseconds poll_interval{2000};
  std::function<void(const std::string&)> log;  // default: standard error
};

struct RunStats {
  int sent = 0, skipped = 0, gone = 0, retried = 0, dropped = 0;
  int total() const { return sent + skipped + gone + retried + dropped; }
};

class Sender {
 public:
  Sender(db::Database& db, Transport transport, SenderOptions options);
  ~Sender();  // stop()
  Sender(const Sender&) = delete;
  Sender& operator=(const Sender&) = delete;

  void start();
  void stop();
  void wake();
  // One batch of due pushes at `now` (tests call it directly).
  RunStats run_once(std::int64_t now);

 private:
  void loop();
  void log(const std::string& line) const;

  db::Database& db_;
  Transport transport_;
  SenderOptions options_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable cv_;
  bool woken_ = false;
};

}  // namespace sotay::push
