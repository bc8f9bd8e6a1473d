#include "util/crypto.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <stdexcept>

namespace sotay::crypto {

namespace {

constexpr char kBase32Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr char kHexDigits[] = "0123456789abcdef";
constexpr std::int64_t kTotpStepSeconds = 30;
constexpr int kTotpDigits = 6;
constexpr std::size_t kSha1Bytes = 20;

// Maps one base32 character to its 5-bit value; -1 for anything outside the alphabet.
// Lowercase is accepted because people retype secrets by hand.
int base32_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Floor division, so a step number is well defined even for times before 1970 (the
// callers clamp those; this only keeps the arithmetic honest).
std::int64_t totp_step(std::int64_t unix_time) {
  std::int64_t step = unix_time / kTotpStepSeconds;
  if (unix_time % kTotpStepSeconds != 0 && unix_time < 0) --step;
  return step;
}

// RFC 3986 unreserved characters pass through; everything else (including ':' and space,
// which authenticator apps treat specially in the label) becomes %XX.
std::string percent_encode(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      constexpr char kUpperHex[] = "0123456789ABCDEF";
      out.push_back('%');
      out.push_back(kUpperHex[c >> 4]);
      out.push_back(kUpperHex[c & 0x0f]);
    }
  }
  return out;
}

}  // namespace

void init() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Without a working CSPRNG every token and password hash would be unsafe; there is no
    // sensible way to continue.
    if (sodium_init() < 0) {
      std::fputs("sotay: libsodium failed to initialize (sodium_init); aborting\n", stderr);
      std::abort();
    }
  });
}

std::string random_bytes(std::size_t n) {
  init();
  std::string out(n, '\0');
  if (n > 0) randombytes_buf(out.data(), n);
  return out;
}

std::string random_token(std::size_t bytes) { return base64url_encode(random_bytes(bytes)); }

std::string sha256_hex(std::string_view data) {
  init();
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("sha256: EVP_Digest failed");
  }
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHexDigits[digest[i] >> 4]);
    out.push_back(kHexDigits[digest[i] & 0x0f]);
  }
  return out;
}

std::string hmac_sha1(std::string_view key, std::string_view message) {
  init();
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int length = 0;
  // HMAC() wants a non-null key pointer even for an empty key.
  static const unsigned char kEmpty = 0;
  const void* key_ptr = key.empty() ? static_cast<const void*>(&kEmpty) : key.data();
  const auto* msg_ptr = message.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(message.data());
  if (HMAC(EVP_sha1(), key_ptr, static_cast<int>(key.size()), msg_ptr, message.size(), mac.data(), &length) ==
      nullptr) {
    throw std::runtime_error("hmac_sha1: HMAC failed");
  }
  return std::string(reinterpret_cast<const char*>(mac.data()), length);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  init();
  // The length is not secret (codes and tokens have fixed, public lengths); the contents are.
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string base32_encode(std::string_view raw) {
  std::string out;
  out.reserve((raw.size() * 8 + 4) / 5);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : raw) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kBase32Alphabet[(buffer >> (bits - 5)) & 0x1f]);
      bits -= 5;
    }
  }
  // The last partial group is padded with zero bits on the right, as RFC 4648 specifies.
  if (bits > 0) out.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 0x1f]);
  return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 5 / 8);
  std::uint32_t buffer = 0;
  int bits = 0;
  std::size_t symbols = 0;
  bool padding_seen = false;
  for (char c : text) {
    if (is_space(c)) continue;
    if (c == '=') {
      padding_seen = true;
      continue;
    }
    // Data after padding means two secrets were glued together or the text is corrupt.
    if (padding_seen) return std::nullopt;
    int value = base32_value(c);
    if (value < 0) return std::nullopt;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(value);
    bits += 5;
    ++symbols;
    if (bits >= 8) {
      out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xff));
      bits -= 8;
    }
  }
  // A final group of 1, 3 or 6 symbols cannot come from any whole number of bytes.
  std::size_t tail = symbols % 8;
  if (tail == 1 || tail == 3 || tail == 6) return std::nullopt;
  return out;
}

std::string base64url_encode(std::string_view raw) {
  init();
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_encoded_len(raw.size(), kVariant), '\0');
  static const unsigned char kEmpty = 0;
  const auto* bin = raw.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(raw.data());
  sodium_bin2base64(out.data(), out.size(), bin, raw.size(), kVariant);
  // sodium_base64_encoded_len counts the terminating NUL, which std::string keeps itself.
  out.resize(out.size() - 1);
  return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
  init();
  // Tolerate '=' padding from other encoders; the no-padding variant rejects it otherwise.
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.empty()) return std::string();
  std::string out(text.size() * 3 / 4 + 1, '\0');
  std::size_t length = 0;
  // b64_end == nullptr makes libsodium fail unless the whole input is valid base64url.
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                        nullptr, &length, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

std::string hash_password(std::string_view password, bool fast) {
  init();
  char out[crypto_pwhash_STRBYTES];
  unsigned long long opslimit = fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  std::size_t memlimit = fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  // The only failure is running out of memory, which is not the caller's input's fault.
  if (crypto_pwhash_str(out, password.data(), password.size(), opslimit, memlimit) != 0) {
    throw std::runtime_error("hash_password: out of memory");
  }
  return std::string(out);
}

bool verify_password(std::string_view hash, std::string_view password) {
  init();
  // crypto_pwhash_str_verify reads a NUL-terminated string of at most STRBYTES; anything
  // longer or with an embedded NUL cannot be one of our hashes.
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  if (hash.find('\0') != std::string_view::npos) return false;
  char buffer[crypto_pwhash_STRBYTES] = {};
  hash.copy(buffer, hash.size());
  return crypto_pwhash_str_verify(buffer, password.data(), password.size()) == 0;
}

std::string hotp_code(std::string_view raw_secret, std::uint64_t counter, int digits) {
  if (digits < 1 || digits > 9) throw std::invalid_argument("hotp_code: digits must be 1..9");
  // The counter is hashed as 8 bytes, big-endian (RFC 4226 section 5.2).
  char message[8];
  for (int i = 7; i >= 0; --i) {
    message[i] = static_cast<char>(counter & 0xff);
    counter >>= 8;
  }
  std::string mac = hmac_sha1(raw_secret, std::string_view(message, sizeof message));
  if (mac.size() != kSha1Bytes) throw std::runtime_error("hotp_code: unexpected HMAC length");
  // Dynamic truncation: the low nibble of the last byte picks 4 bytes; the top bit is
  // dropped so the value reads the same as signed or unsigned everywhere.
  auto byte = [&mac](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(mac[i])); };
  std::size_t offset = byte(kSha1Bytes - 1) & 0x0f;
  std::uint32_t binary = ((byte(offset) & 0x7f) << 24) | (byte(offset + 1) << 16) | (byte(offset + 2) << 8) |
                         byte(offset + 3);
  std::uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  code.insert(0, static_cast<std::size_t>(digits) - code.size(), '0');
  return code;
}

std::string totp_code(std::string_view raw_secret, std::int64_t unix_time) {
  // Times before 1970 are not meaningful for TOTP (T0 = 0); treat them as step 0.
  std::int64_t step = totp_step(unix_time);
  if (step < 0) step = 0;
  return hotp_code(raw_secret, static_cast<std::uint64_t>(step), kTotpDigits);
}

std::optional<std::int64_t> totp_verify(std::string_view raw_secret, std::string_view code, std::int64_t unix_time) {
  // Apps show "123 456"; people type it the same way.
  std::string digits;
  digits.reserve(kTotpDigits);
  for (char c : code) {
    if (c == ' ') continue;
    if (c < '0' || c > '9') return std::nullopt;
    digits.push_back(c);
    if (digits.size() > static_cast<std::size_t>(kTotpDigits)) return std::nullopt;
  }
  if (digits.size() != static_cast<std::size_t>(kTotpDigits)) return std::nullopt;

  std::int64_t current = totp_step(unix_time);
  std::optional<std::int64_t> match;
  // All three steps are always computed and compared so the timing does not reveal which
  // step (if any) matched.
  for (std::int64_t step = current - 1; step <= current + 1; ++step) {
    if (step < 0) continue;
    bool equal = constant_time_equal(hotp_code(raw_secret, static_cast<std::uint64_t>(step), kTotpDigits), digits);
    if (equal && !match) match = step;
  }
  return match;
}

std::string totp_uri(std::string_view raw_secret, std::string_view account, std::string_view issuer) {
  std::string uri = "otpauth://totp/";
  if (!issuer.empty()) {
    uri += percent_encode(issuer);
    uri += ':';
  }
  uri += percent_encode(account);
  uri += "?secret=";
  uri += base32_encode(raw_secret);
  if (!issuer.empty()) {
    uri += "&issuer=";
    uri += percent_encode(issuer);
  }
  // These are the defaults, but some apps only trust them when spelled out.
  uri += "&algorithm=SHA1&digits=6&period=30";
  return uri;
}

}  // namespace sotay::crypto
