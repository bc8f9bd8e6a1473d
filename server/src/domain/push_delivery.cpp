#include "domain/push_delivery.h"

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "domain/errors.h"
#include "store/notices_store.h"
#include "util/crypto.h"
#include "util/time.h"

namespace sotay::push {

namespace {

constexpr const char* kVapidPrivateSetting = "vapid_private_key";
constexpr std::size_t kPushBodyChars = 600;  // of the notice, in the notification (the app shows it all)
constexpr std::int64_t kMaxBackoff = 24 * 3600;

Error invalid(const std::string& field, const std::string& message) {
  return Error(ErrorCode::validation_failed, message, {{field, message}});
}

// Cuts UTF-8 text to at most n code points, at a code point boundary.
std::string cut(const std::string& s, std::size_t n) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && count++ == n) return s.substr(0, i) + "…";
  }
  return s;
}

}  // namespace

webpush::VapidKeys vapid_keys(db::Database& db) {
  auto stored = db.read_value([](db::Connection& c) { return store::server_setting(c, kVapidPrivateSetting); });
  if (!stored) {
    auto fresh = webpush::generate_vapid_keys();
    db.write([&](db::Connection& c) {
      store::insert_server_setting_if_absent(c, kVapidPrivateSetting, crypto::base64url_encode(fresh.private_key));
    });
    stored = db.read_value([](db::Connection& c) { return store::server_setting(c, kVapidPrivateSetting); });
  }
  auto raw = crypto::base64url_decode(*stored);
  if (!raw) throw std::runtime_error("the stored VAPID key is not base64url");
  return webpush::vapid_keys_from_private(*raw);
}

std::string public_key_base64url(db::Database& db) { return vapid_keys(db).public_key_base64url(); }

void subscribe(db::Database& db, const Actor& actor, const std::string& endpoint, const std::string& p256dh,
               const std::string& auth, const std::string& user_agent, std::int64_t now) {
  auto parsed = webpush::parse_push_endpoint(endpoint);
  if (!parsed || parsed->scheme != "https")
    throw invalid("endpoint", "Địa chỉ nhận thông báo của thiết bị không hợp lệ (phải là https://).");
  auto key = crypto::base64url_decode(p256dh);
  if (!key || key->size() != webpush::kPublicKeyBytes || (*key)[0] != '\x04')
    throw invalid("keys.p256dh", "Khóa của thiết bị không hợp lệ.");
  auto secret = crypto::base64url_decode(auth);
  if (!secret || secret->size() != webpush::kAuthSecretBytes)
    throw invalid("keys.auth", "Mã xác thực của thiết bị không hợp lệ.");
  db.write([&](db::Connection& c) {
    store::save_push_subscription(c, {0, actor.account_id, endpoint, p256dh, auth, user_agent.substr(0, 300)}, now);
  });
}

void unsubscribe(db::Database& db, const Actor& actor, const std::string& endpoint) {
  db.write([&](db::Connection& c) { store::delete_push_subscription(c, actor.account_id, endpoint); });
}

std::string notice_payload(const store::NoticeRow& n, bool reminder) {
  auto title = (reminder ? std::string("Nhắc: ") : std::string()) + n.title;
  return nlohmann::json{{"type", "notice"},
                        {"id", n.id},
                        {"title", title},
                        {"body", cut(n.body, kPushBodyChars)},
                        {"priority", n.priority},
                        {"url", "/thong-bao/" + std::to_string(n.id)}}
      .dump();
}

Sender::Sender(db::Database& db, Transport transport, SenderOptions options)
    : db_(db), transport_(std::move(transport)), options_(std::move(options)) {}

Sender::~Sender() { stop(); }

void Sender::start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void Sender::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Sender::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  cv_.notify_all();
}

void Sender::log(const std::string& line) const {
  if (options_.log)
    options_.log(line);
  else
    std::fprintf(stderr, "sotay push: %s\n", line.c_str());
}

void Sender::loop() {
  while (!stopping_) {
    int done = 0;
    try {
      done = run_once(timeutil::now_unix()).total();
    } catch (const std::exception& e) {
      log(std::string("push: ") + e.what());  // database away: wait for the next poll
    }
    if (done > 0) continue;
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, options_.poll_interval, [this] { return woken_ || stopping_.load(); });
    woken_ = false;
  }
}

RunStats Sender::run_once(std::int64_t now) {
  RunStats stats;
  auto jobs = db_.write_value([&](db::Connection& c) {
    return store::claim_due_pushes(c, now, options_.lease_seconds, options_.batch);
  });
  if (jobs.empty()) return stats;
  const auto keys = vapid_keys(db_);
  for (const auto& job : jobs) {
    if (stopping_) break;  // the leased rest is tried again after the lease
    std::string payload;
    if (job.notice_id) {
      auto n = db_.read_value([&](db::Connection& c) { return store::find_notice(c, *job.notice_id); });
      // An open app already has it, or it was recalled: no push.
      if (!n || n->recalled_at || job.delivered_live) {
        db_.write([&](db::Connection& c) { store::delete_push_job(c, job.id); });
        ++stats.skipped;
        continue;
      }
      payload = job.payload.value_or(notice_payload(*n, job.urgency == "high" && n->reminders_sent > 0));
    } else {
      payload = job.payload.value_or("{}");
    }
    TransportRequest req;
    req.endpoint = job.subscription.endpoint;
    req.urgency = job.urgency;
    try {
      auto ua_public = crypto::base64url_decode(job.subscription.p256dh);
      auto auth = crypto::base64url_decode(job.subscription.auth);
      if (!ua_public || !auth) throw std::invalid_argument("bad subscription keys");
      req.body = webpush::encrypt_aes128gcm(payload, *ua_public, *auth);
      req.authorization = webpush::vapid_authorization(keys, req.endpoint, options_.subject, now + 12 * 3600);
    } catch (const std::invalid_argument& e) {
      // A subscription we can never encrypt for (corrupt keys): remove it, as a push service would.
      db_.write([&](db::Connection& c) { store::delete_push_subscription_by_id(c, job.subscription.id); });
      log("push subscription " + std::to_string(job.subscription.id) + " removed: " + e.what());
      ++stats.gone;
      continue;
    }
    auto result = transport_(req);
    if (result.status >= 200 && result.status < 300) {
      db_.write([&](db::Connection& c) {
        store::delete_push_job(c, job.id);
        store::push_subscription_ok(c, job.subscription.id, now);
        if (job.notice_id && job.member_id) store::mark_delivered(c, *job.notice_id, {*job.member_id}, now);
      });
      ++stats.sent;
    } else if (result.status == 404 || result.status == 410) {
      db_.write([&](db::Connection& c) { store::delete_push_subscription_by_id(c, job.subscription.id); });
      ++stats.gone;
    } else if (result.status == 0 || result.status == 429 || result.status >= 500) {
      const auto attempts = job.attempts + 1;
      if (attempts >= options_.max_attempts) {
        db_.write([&](db::Connection& c) { store::delete_push_job(c, job.id); });
        log("push to subscription " + std::to_string(job.subscription.id) + " given up after " +
            std::to_string(attempts) + " tries: " + (result.error.empty() ? std::to_string(result.status) : result.error));
        ++stats.dropped;
        continue;
      }
      auto wait = std::min(kMaxBackoff, options_.base_backoff_seconds << std::min<std::int64_t>(attempts - 1, 20));
      if (result.retry_after_seconds) wait = std::clamp<std::int64_t>(*result.retry_after_seconds, wait, kMaxBackoff);
      db_.write([&](db::Connection& c) { store::retry_push_job(c, job.id, attempts, now + wait); });
      ++stats.retried;
    } else {
      // 400, 401, 403, 413…: our request is wrong for this service; trying again will not help.
      db_.write([&](db::Connection& c) { store::delete_push_job(c, job.id); });
      log("push refused by the service with " + std::to_string(result.status) + " for subscription " +
          std::to_string(job.subscription.id));
      ++stats.dropped;
    }
  }
  return stats;
}

}  // namespace sotay::push
