// Small cryptographic helpers over libsodium and OpenSSL. Nothing here logs its inputs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sotay::crypto {

// Calls sodium_init() once; safe from any thread. Every function below calls it.
void init();

std::string random_bytes(std::size_t n);
// URL-safe base64 of n random bytes (session tokens, CSRF tokens).
std::string random_token(std::size_t bytes = 32);
std::string sha256_hex(std::string_view data);
std::string hmac_sha1(std::string_view key, std::string_view message);  // raw 20 bytes
bool constant_time_equal(std::string_view a, std::string_view b);

std::string base32_encode(std::string_view raw);                      // RFC 4648, no padding
std::optional<std::string> base32_decode(std::string_view text);      // tolerant of case/spaces/padding
std::string base64url_encode(std::string_view raw);                   // no padding
std::optional<std::string> base64url_decode(std::string_view text);

// argon2id through libsodium (crypto_pwhash_str). `interactive` limits keep a sign-in ~50 ms;
// tests and the demo generator may pass fast=true to use the minimum limits.
std::string hash_password(std::string_view password, bool fast = false);
bool verify_password(std::string_view hash, std::string_view password);

// RFC 4226 HOTP: HMAC-SHA1 of the big-endian counter, dynamic truncation, `digits` (1..9)
// decimal digits, zero-padded. TOTP is this with counter = unix_time / 30.
std::string hotp_code(std::string_view raw_secret, std::uint64_t counter, int digits);

// RFC 6238 TOTP, SHA-1, 6 digits, 30-second steps.
std::string totp_code(std::string_view raw_secret, std::int64_t unix_time);
// Checks `code` against the steps around `unix_time` (±1 step of clock drift). Returns the
// matching step number so callers can refuse a replay of the same step; nullopt if no match.
std::optional<std::int64_t> totp_verify(std::string_view raw_secret, std::string_view code, std::int64_t unix_time);
// otpauth://totp/<issuer>:<account>?secret=...&issuer=... for QR codes in authenticator apps.
std::string totp_uri(std::string_view raw_secret, std::string_view account, std::string_view issuer);

}  // namespace sotay::crypto
