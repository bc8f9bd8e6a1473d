// Sends one Web Push message (RFC 8030) to a push service: an HTTPS POST of a body already
// encrypted with util/web_push_crypto, with its VAPID Authorization header. Beast stays in the
// .cpp so callers (the notification jobs) need not compile it.
//
// Synchronous: meant for a background worker thread. Each send opens its own connection, bounded
// by Options::timeout from connect to the response header (a DNS lookup is bounded only by the
// system resolver). send() is thread-safe; several threads may share one PushClient.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace sotay::http {

struct PushMessage {
  std::string endpoint;            // the subscription's endpoint URL
  std::string body;                // encrypt_aes128gcm output; empty = a push without payload
  std::string authorization;       // vapid_authorization output for this endpoint
  int ttl_seconds = 86400;         // how long the push service may hold the message
  std::string urgency = "normal";  // "very-low", "low", "normal" or "high" (RFC 8030 §5.3)
  std::string topic;               // optional: replaces an undelivered message with the same topic
};

struct PushResult {
  // The push service's HTTP status: 201 accepted; 404/410 the subscription is gone (delete it);
  // 429 slow down; 413 too large; 400/401/403 a bug or a VAPID key problem. 0 = no answer: the
  // URL was refused, or connecting, TLS or the timeout failed.
  int status = 0;
  // Empty on 2xx; otherwise one English line for the log. Never holds the body or the
  // Authorization value.
  std::string error;
  std::optional<int> retry_after_seconds;  // from Retry-After (seconds or an HTTP date)
};

class PushClient {
 public:
  struct Options {
    std::chrono::milliseconds timeout{10000};
    // PEM file of the certificates to trust instead of the system store (tests, a private push
    // service); empty = the system store.
    std::string ca_file;
    bool allow_http = false;  // tests only: permit http:// endpoints
  };

  // Throws std::runtime_error if ca_file cannot be loaded.
  explicit PushClient(Options options);
  ~PushClient();
  PushClient(PushClient&&) noexcept;
  PushClient& operator=(PushClient&&) noexcept;

  // Never throws for network or push-service trouble; that is all in the result.
  PushResult send(const PushMessage& message);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sotay::http
