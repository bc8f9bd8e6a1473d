// Web Push message crypto: VAPID (RFC 8292) signing and aes128gcm payload encryption (RFC 8291
// over RFC 8188), on OpenSSL. No I/O here: http/push_client sends what these functions build.
//
// Keys are raw bytes throughout, the form browsers hand out (PushSubscription.getKey) and take in
// (applicationServerKey): a P-256 private key is its 32-byte scalar, a public key the 65-byte
// uncompressed point 0x04 || X || Y. Nothing here logs its inputs.
//
// Errors: std::invalid_argument means this one message or subscription is unusable (a malformed
// p256dh key or auth secret, an endpoint that is not a URL, an oversized message), so a sender can
// drop it and go on; std::runtime_error means the server's side is wrong (a bad or mismatched VAPID
// key, an OpenSSL failure) or, from decrypt_aes128gcm, that the message does not decrypt.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sotay::webpush {

inline constexpr std::size_t kPrivateKeyBytes = 32;
inline constexpr std::size_t kPublicKeyBytes = 65;
inline constexpr std::size_t kAuthSecretBytes = 16;
inline constexpr std::size_t kSaltBytes = 16;
// One record of 4096 octets: the plaintext, the 0x02 delimiter and the 16-byte GCM tag must fit.
inline constexpr std::uint32_t kRecordSize = 4096;
inline constexpr std::size_t kMaxPlaintextBytes = kRecordSize - 16 - 1;
// salt || rs || idlen || the sender's public key.
inline constexpr std::size_t kHeaderBytes = kSaltBytes + 4 + 1 + kPublicKeyBytes;

// The application server's long-lived VAPID key pair (also usable as any P-256 key pair, e.g. a
// test user agent's).
struct VapidKeys {
  std::string private_key;  // 32 raw bytes; a secret
  std::string public_key;   // 65 raw bytes, uncompressed

  // What the browser's pushManager.subscribe() takes as applicationServerKey.
  std::string public_key_base64url() const;
};

VapidKeys generate_vapid_keys();
// Throws std::runtime_error unless raw_private is 32 bytes holding a valid scalar (1..n-1).
VapidKeys vapid_keys_from_private(std::string_view raw_private);

// A push subscription's endpoint URL, split. Only http and https with a host; no user info, no
// fragment. scheme and host are lowercased; an IPv6 host is kept without its brackets.
struct PushEndpoint {
  std::string scheme;      // "https" or "http"
  std::string host;        // "push.example.net", "127.0.0.1", "::1"
  std::uint16_t port = 0;  // explicit or the scheme's default
  std::string target;      // path and query, at least "/"

  // RFC 6454 serialization: scheme://host, plus :port when it is not the scheme's default.
  std::string origin() const;
};
std::optional<PushEndpoint> parse_push_endpoint(std::string_view url);

// The Authorization header value "vapid t=<JWT>, k=<public key>" for one push service. The JWT
// carries aud = the endpoint's origin, exp = expires_unix (push services refuse more than 24 h
// ahead), and sub = subject ("mailto:…" or "https://…") when subject is not empty.
// Throws std::invalid_argument if the endpoint is not a valid URL, std::runtime_error if the keys
// are not a valid pair.
std::string vapid_authorization(const VapidKeys& keys, std::string_view endpoint_url, std::string_view subject,
                                std::int64_t expires_unix);

// Encrypts one push message to a subscription: ua_public is its p256dh key (65 bytes),
// auth_secret its auth value (16 bytes). A fresh sender key and salt every call. The result is
// the whole request body, sent with "Content-Encoding: aes128gcm".
// Throws std::invalid_argument if plaintext is longer than kMaxPlaintextBytes or a key is malformed.
std::string encrypt_aes128gcm(std::string_view plaintext, std::string_view ua_public, std::string_view auth_secret);

// The same with the sender's private key and the salt given, so a test can reproduce RFC 8291's
// example byte for byte. Never reuse a (sender key, salt) pair in production.
std::string encrypt_aes128gcm(std::string_view plaintext, std::string_view ua_public, std::string_view auth_secret,
                              std::string_view as_private, std::string_view salt);

// The user agent's side: opens a body built by encrypt_aes128gcm (or any RFC 8291 sender using a
// single record). Throws std::runtime_error on anything malformed, truncated or forged.
std::string decrypt_aes128gcm(std::string_view body, std::string_view ua_private, std::string_view ua_public,
                              std::string_view auth_secret);

}  // namespace sotay::webpush
