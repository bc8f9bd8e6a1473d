// Web Push crypto on OpenSSL 3's EVP interfaces: P-256 keys, ECDH, HKDF-SHA256, AES-128-GCM and
// ES256. See web_push_crypto.h for the contract; the RFC section each step follows is noted.
#include "util/web_push_crypto.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/param_build.h>
#include <openssl/params.h>

#include <memory>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "util/crypto.h"

namespace sotay::webpush {

namespace {

template <auto Free>
struct Deleter {
  template <class T>
  void operator()(T* p) const {
    Free(p);
  }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, Deleter<EVP_CIPHER_CTX_free>>;
using KdfPtr = std::unique_ptr<EVP_KDF, Deleter<EVP_KDF_free>>;
using KdfCtxPtr = std::unique_ptr<EVP_KDF_CTX, Deleter<EVP_KDF_CTX_free>>;
using SecretBnPtr = std::unique_ptr<BIGNUM, Deleter<BN_clear_free>>;
using BnCtxPtr = std::unique_ptr<BN_CTX, Deleter<BN_CTX_free>>;
using GroupPtr = std::unique_ptr<EC_GROUP, Deleter<EC_GROUP_free>>;
using PointPtr = std::unique_ptr<EC_POINT, Deleter<EC_POINT_free>>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG_free>>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD_free>>;
using ParamsPtr = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM_free>>;

constexpr char kCurveName[] = "prime256v1";
constexpr std::size_t kGcmTagBytes = 16;
constexpr std::size_t kCekBytes = 16;
constexpr std::size_t kNonceBytes = 12;
constexpr std::size_t kIkmBytes = 32;
constexpr std::size_t kEs256HalfBytes = 32;
constexpr unsigned char kLastRecordDelimiter = 0x02;
// RFC 8188 §2: a record must hold at least the tag and the delimiter.
constexpr std::uint32_t kMinRecordSize = kGcmTagBytes + 2;
// The NULs are part of the labels (RFC 8291 §3.3, §3.4; RFC 8188 §2.2, §2.3).
constexpr std::string_view kKeyInfoLabel{"WebPush: info\0", 14};
constexpr std::string_view kCekInfo{"Content-Encoding: aes128gcm\0", 28};
constexpr std::string_view kNonceInfo{"Content-Encoding: nonce\0", 24};
// RFC 8292 §2; the member order is the one every push service documents.
constexpr std::string_view kJwtHeader = R"({"typ":"JWT","alg":"ES256"})";

// Derived keys and shared secrets are wiped when they go out of scope, exceptions included.
class Secret {
 public:
  explicit Secret(std::string value) : value_(std::move(value)) {}
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;
  ~Secret() {
    if (!value_.empty()) OPENSSL_cleanse(value_.data(), value_.size());
  }
  const std::string& get() const { return value_; }

 private:
  std::string value_;
};

[[noreturn]] void openssl_failure(const char* what) { throw std::runtime_error(std::string("web push: ") + what); }

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

GroupPtr p256_group() {
  GroupPtr group(EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1));
  if (!group) openssl_failure("EC_GROUP_new_by_curve_name failed");
  return group;
}

// A key pair from the raw scalar, and its public point. Returns null for a scalar outside 1..n-1
// (or of the wrong length) so each caller can pick its own exception.
PkeyPtr key_pair_from_private(std::string_view raw_private, std::string* public_out) {
  if (raw_private.size() != kPrivateKeyBytes) return nullptr;
  SecretBnPtr scalar(BN_secure_new());
  if (!scalar || !BN_bin2bn(bytes(raw_private), static_cast<int>(raw_private.size()), scalar.get()))
    openssl_failure("BN_bin2bn failed");
  GroupPtr group = p256_group();
  if (BN_is_zero(scalar.get()) || BN_cmp(scalar.get(), EC_GROUP_get0_order(group.get())) >= 0) return nullptr;

  // OpenSSL 3 does not compute the public point on import, and ECDH/ECDSA need it present.
  BnCtxPtr bn_ctx(BN_CTX_secure_new());
  PointPtr point(EC_POINT_new(group.get()));
  if (!bn_ctx || !point || EC_POINT_mul(group.get(), point.get(), scalar.get(), nullptr, nullptr, bn_ctx.get()) != 1)
    openssl_failure("EC_POINT_mul failed");
  std::string public_key(kPublicKeyBytes, '\0');
  if (EC_POINT_point2oct(group.get(), point.get(), POINT_CONVERSION_UNCOMPRESSED,
                         reinterpret_cast<unsigned char*>(public_key.data()), public_key.size(),
                         bn_ctx.get()) != kPublicKeyBytes)
    openssl_failure("EC_POINT_point2oct failed");

  ParamBldPtr builder(OSSL_PARAM_BLD_new());
  bool built = builder &&
               OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, kCurveName, 0) == 1 &&
               OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, scalar.get()) == 1 &&
               OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, public_key.data(),
                                                public_key.size()) == 1;
  if (!built) openssl_failure("OSSL_PARAM_BLD failed");
  ParamsPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_KEYPAIR, params.get()) != 1)
    openssl_failure("EVP_PKEY_fromdata (private key) failed");
  if (public_out) *public_out = std::move(public_key);
  return PkeyPtr(raw);
}

// A peer's public key; null unless it is an uncompressed point on P-256. Compressed points are
// refused because RFC 8291 hashes the 65-byte form into the key derivation.
PkeyPtr public_key_from_raw(std::string_view raw_public) {
  if (raw_public.size() != kPublicKeyBytes || static_cast<unsigned char>(raw_public[0]) != 0x04) return nullptr;
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, const_cast<char*>(kCurveName), 0),
      OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, const_cast<char*>(raw_public.data()),
                                        raw_public.size()),
      OSSL_PARAM_construct_end(),
  };
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1) openssl_failure("EVP_PKEY_fromdata_init failed");
  EVP_PKEY* raw = nullptr;
  // Import already refuses points off the curve; the explicit check also covers the point at
  // infinity and keeps this safe if the import ever gets laxer.
  if (EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params) != 1) return nullptr;
  PkeyPtr key(raw);
  PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1) return nullptr;
  return key;
}

Secret ecdh(EVP_PKEY* own, EVP_PKEY* peer) {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, own, nullptr));
  std::size_t length = 0;
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 || EVP_PKEY_derive_set_peer(ctx.get(), peer) != 1 ||
      EVP_PKEY_derive(ctx.get(), nullptr, &length) != 1)
    openssl_failure("ECDH setup failed");
  std::string secret(length, '\0');
  if (EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char*>(secret.data()), &length) != 1 ||
      length != secret.size())
    openssl_failure("ECDH failed");
  return Secret(std::move(secret));
}

// RFC 5869 extract-then-expand in one call.
Secret hkdf_sha256(std::string_view salt, std::string_view ikm, std::string_view info, std::size_t length) {
  KdfPtr kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr));
  if (!kdf) openssl_failure("EVP_KDF_fetch(HKDF) failed");
  KdfCtxPtr ctx(EVP_KDF_CTX_new(kdf.get()));
  if (!ctx) openssl_failure("EVP_KDF_CTX_new failed");
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<char*>(ikm.data()), ikm.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<char*>(salt.data()), salt.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, const_cast<char*>(info.data()), info.size()),
      OSSL_PARAM_construct_end(),
  };
  std::string out(length, '\0');
  if (EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), out.size(), params) != 1)
    openssl_failure("HKDF failed");
  return Secret(std::move(out));
}

struct ContentKeys {
  Secret cek;
  Secret nonce;
};

// RFC 8291 §3.3–3.4: the ECDH secret is bound to both public keys and the auth secret, then
// RFC 8188 §2.2–2.3 derive the content key and nonce from it and the salt.
ContentKeys derive_content_keys(const Secret& ecdh_secret, std::string_view auth_secret, std::string_view ua_public,
                                std::string_view as_public, std::string_view salt) {
  std::string key_info;
  key_info.reserve(kKeyInfoLabel.size() + ua_public.size() + as_public.size());
  key_info.append(kKeyInfoLabel).append(ua_public).append(as_public);
  Secret ikm = hkdf_sha256(auth_secret, ecdh_secret.get(), key_info, kIkmBytes);
  return ContentKeys{hkdf_sha256(salt, ikm.get(), kCekInfo, kCekBytes),
                     hkdf_sha256(salt, ikm.get(), kNonceInfo, kNonceBytes)};
}

// ciphertext || tag. A single record has sequence number 0, so its nonce is the derived NONCE.
std::string gcm_seal(const ContentKeys& keys, std::string_view plaintext) {
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  std::string out(plaintext.size() + kGcmTagBytes, '\0');
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  int written = 0, final_written = 0;
  if (!ctx ||
      EVP_EncryptInit_ex(ctx.get(), EVP_aes_128_gcm(), nullptr, bytes(keys.cek.get()), bytes(keys.nonce.get())) != 1 ||
      EVP_EncryptUpdate(ctx.get(), dst, &written, bytes(plaintext), static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), dst + written, &final_written) != 1 ||
      static_cast<std::size_t>(written + final_written) != plaintext.size() ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kGcmTagBytes, dst + plaintext.size()) != 1)
    openssl_failure("AES-128-GCM encryption failed");
  return out;
}

// Plaintext, or nullopt when the tag does not verify.
std::optional<std::string> gcm_open(const ContentKeys& keys, std::string_view sealed) {
  std::string_view ciphertext = sealed.substr(0, sealed.size() - kGcmTagBytes);
  std::string tag(sealed.substr(ciphertext.size()));
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  // One spare byte keeps the output pointer valid when the ciphertext is empty.
  std::string out(ciphertext.size() + 1, '\0');
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  int written = 0, final_written = 0;
  if (!ctx ||
      EVP_DecryptInit_ex(ctx.get(), EVP_aes_128_gcm(), nullptr, bytes(keys.cek.get()), bytes(keys.nonce.get())) != 1 ||
      EVP_DecryptUpdate(ctx.get(), dst, &written, bytes(ciphertext), static_cast<int>(ciphertext.size())) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kGcmTagBytes, tag.data()) != 1)
    openssl_failure("AES-128-GCM setup failed");
  if (EVP_DecryptFinal_ex(ctx.get(), dst + written, &final_written) != 1) return std::nullopt;
  out.resize(static_cast<std::size_t>(written + final_written));
  return out;
}

void append_uint32_be(std::string& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((value >> shift) & 0xff));
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
}

bool is_ipv6_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
}

std::uint16_t default_port(std::string_view scheme) { return scheme == "https" ? 443 : 80; }

std::string es256_sign(EVP_PKEY* key, std::string_view message) {
  MdCtxPtr md(EVP_MD_CTX_new());
  std::size_t der_length = 0;
  if (!md || EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, key) != 1 ||
      EVP_DigestSign(md.get(), nullptr, &der_length, bytes(message), message.size()) != 1)
    openssl_failure("ECDSA setup failed");
  std::string der(der_length, '\0');
  if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(der.data()), &der_length, bytes(message),
                     message.size()) != 1)
    openssl_failure("ECDSA signing failed");
  // JWS (RFC 7518 §3.4) wants r || s, each left-padded to 32 bytes, not OpenSSL's DER SEQUENCE.
  const unsigned char* p = bytes(der);
  EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der_length)));
  if (!sig) openssl_failure("d2i_ECDSA_SIG failed");
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  std::string raw(2 * kEs256HalfBytes, '\0');
  auto* dst = reinterpret_cast<unsigned char*>(raw.data());
  if (BN_bn2binpad(r, dst, kEs256HalfBytes) != static_cast<int>(kEs256HalfBytes) ||
      BN_bn2binpad(s, dst + kEs256HalfBytes, kEs256HalfBytes) != static_cast<int>(kEs256HalfBytes))
    openssl_failure("ECDSA signature does not fit ES256");
  return raw;
}

}  // namespace

std::string VapidKeys::public_key_base64url() const { return crypto::base64url_encode(public_key); }

VapidKeys generate_vapid_keys() {
  PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!key) openssl_failure("P-256 key generation failed");
  BIGNUM* raw_scalar = nullptr;
  if (EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_PRIV_KEY, &raw_scalar) != 1)
    openssl_failure("cannot read the generated private key");
  SecretBnPtr scalar(raw_scalar);
  std::string private_key(kPrivateKeyBytes, '\0');
  auto* dst = reinterpret_cast<unsigned char*>(private_key.data());
  if (BN_bn2binpad(scalar.get(), dst, kPrivateKeyBytes) != static_cast<int>(kPrivateKeyBytes))
    openssl_failure("generated private key does not fit 32 bytes");
  // The public half goes through the same path as a configured key, so both always agree.
  return vapid_keys_from_private(private_key);
}

VapidKeys vapid_keys_from_private(std::string_view raw_private) {
  VapidKeys keys;
  if (!key_pair_from_private(raw_private, &keys.public_key))
    throw std::runtime_error("web push: the VAPID private key must be a 32-byte P-256 scalar");
  keys.private_key = std::string(raw_private);
  return keys;
}

std::string PushEndpoint::origin() const {
  std::string out = scheme + "://";
  if (host.find(':') != std::string::npos) {
    out += '[' + host + ']';
  } else {
    out += host;
  }
  if (port != default_port(scheme)) out += ':' + std::to_string(port);
  return out;
}

std::optional<PushEndpoint> parse_push_endpoint(std::string_view url) {
  // Subscriptions come from browsers; anything unusual is refused rather than interpreted.
  for (char c : url)
    if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f || c == '#') return std::nullopt;
  std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  PushEndpoint out;
  out.scheme = ascii_lower(url.substr(0, scheme_end));
  if (out.scheme != "https" && out.scheme != "http") return std::nullopt;
  std::string_view rest = url.substr(scheme_end + 3);
  std::size_t authority_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view target = authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  if (authority.find('@') != std::string_view::npos) return std::nullopt;

  std::string_view host, port;
  if (!authority.empty() && authority.front() == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::nullopt;
      port = after.substr(1);
      if (port.empty()) return std::nullopt;
    }
    if (host.find(':') == std::string_view::npos) return std::nullopt;
    for (char c : host)
      if (!is_ipv6_char(c)) return std::nullopt;
  } else {
    std::size_t colon = authority.find(':');
    host = authority.substr(0, colon);
    if (colon != std::string_view::npos) {
      port = authority.substr(colon + 1);
      if (port.empty()) return std::nullopt;
    }
    for (char c : host)
      if (!is_host_char(c)) return std::nullopt;
  }
  if (host.empty() || host.size() > 253) return std::nullopt;
  out.host = ascii_lower(host);

  out.port = default_port(out.scheme);
  if (!port.empty()) {
    if (port.size() > 5) return std::nullopt;
    unsigned value = 0;
    for (char c : port) {
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (value == 0 || value > 65535) return std::nullopt;
    out.port = static_cast<std::uint16_t>(value);
  }

  if (target.empty()) {
    out.target = "/";
  } else if (target.front() == '?') {
    out.target = "/" + std::string(target);
  } else {
    out.target = std::string(target);
  }
  return out;
}

std::string vapid_authorization(const VapidKeys& keys, std::string_view endpoint_url, std::string_view subject,
                                std::int64_t expires_unix) {
  auto endpoint = parse_push_endpoint(endpoint_url);
  if (!endpoint) throw std::invalid_argument("web push: the endpoint is not an http(s) URL");
  std::string derived_public;
  PkeyPtr key = key_pair_from_private(keys.private_key, &derived_public);
  if (!key) throw std::runtime_error("web push: the VAPID private key must be a 32-byte P-256 scalar");
  // A public key from a different pair would make every push service answer 401/403; say so here.
  if (derived_public != keys.public_key)
    throw std::runtime_error("web push: the VAPID public key does not belong to the private key");

  nlohmann::json claims = {{"aud", endpoint->origin()}, {"exp", expires_unix}};
  if (!subject.empty()) claims["sub"] = std::string(subject);
  std::string signing_input =
      crypto::base64url_encode(kJwtHeader) + '.' +
      crypto::base64url_encode(claims.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  std::string signature = es256_sign(key.get(), signing_input);
  return "vapid t=" + signing_input + '.' + crypto::base64url_encode(signature) +
         ", k=" + crypto::base64url_encode(keys.public_key);
}

std::string encrypt_aes128gcm(std::string_view plaintext, std::string_view ua_public, std::string_view auth_secret) {
  // A fresh key pair per message is what keeps two messages' keys unrelated (RFC 8291 §3.1).
  Secret ephemeral_private(generate_vapid_keys().private_key);
  return encrypt_aes128gcm(plaintext, ua_public, auth_secret, ephemeral_private.get(),
                           crypto::random_bytes(kSaltBytes));
}

std::string encrypt_aes128gcm(std::string_view plaintext, std::string_view ua_public, std::string_view auth_secret,
                              std::string_view as_private, std::string_view salt) {
  if (plaintext.size() > kMaxPlaintextBytes)
    throw std::invalid_argument("web push: the message is longer than " + std::to_string(kMaxPlaintextBytes) +
                                " bytes");
  if (auth_secret.size() != kAuthSecretBytes)
    throw std::invalid_argument("web push: the subscription's auth secret must be 16 bytes");
  if (salt.size() != kSaltBytes) throw std::invalid_argument("web push: the salt must be 16 bytes");
  PkeyPtr ua_key = public_key_from_raw(ua_public);
  if (!ua_key) throw std::invalid_argument("web push: the subscription's p256dh key is not a P-256 point");
  std::string as_public;
  PkeyPtr as_key = key_pair_from_private(as_private, &as_public);
  if (!as_key) throw std::runtime_error("web push: the sender private key must be a 32-byte P-256 scalar");

  Secret shared = ecdh(as_key.get(), ua_key.get());
  ContentKeys keys = derive_content_keys(shared, auth_secret, ua_public, as_public, salt);

  std::string record;
  record.reserve(plaintext.size() + 1);
  record.append(plaintext).push_back(static_cast<char>(kLastRecordDelimiter));
  Secret wipe_record(std::move(record));

  std::string body;
  body.reserve(kHeaderBytes + plaintext.size() + 1 + kGcmTagBytes);
  body.append(salt);
  append_uint32_be(body, kRecordSize);
  body.push_back(static_cast<char>(kPublicKeyBytes));
  body.append(as_public);
  body.append(gcm_seal(keys, wipe_record.get()));
  return body;
}

std::string decrypt_aes128gcm(std::string_view body, std::string_view ua_private, std::string_view ua_public,
                              std::string_view auth_secret) {
  auto fail = [](const char* why) -> std::runtime_error {
    return std::runtime_error(std::string("web push: cannot decrypt: ") + why);
  };
  if (body.size() < kHeaderBytes) throw fail("shorter than the aes128gcm header");
  std::string_view salt = body.substr(0, kSaltBytes);
  std::uint32_t record_size = 0;
  for (std::size_t i = kSaltBytes; i < kSaltBytes + 4; ++i)
    record_size = (record_size << 8) | static_cast<unsigned char>(body[i]);
  std::size_t id_length = static_cast<unsigned char>(body[kSaltBytes + 4]);
  // RFC 8291 §4: the key id is the sender's 65-byte public key; no other length is valid.
  if (id_length != kPublicKeyBytes) throw fail("the key id is not a P-256 public key");
  if (record_size < kMinRecordSize) throw fail("record size below the minimum");
  std::string_view as_public = body.substr(kSaltBytes + 5, kPublicKeyBytes);
  std::string_view sealed = body.substr(kHeaderBytes);
  if (sealed.size() < kGcmTagBytes + 1) throw fail("no complete record");
  // RFC 8291 §4 allows exactly one record; a longer body would be a second record.
  if (sealed.size() > record_size) throw fail("more than one record");
  if (auth_secret.size() != kAuthSecretBytes) throw fail("the auth secret must be 16 bytes");
  if (ua_public.size() != kPublicKeyBytes) throw fail("the user agent public key must be 65 bytes");

  PkeyPtr as_key = public_key_from_raw(as_public);
  if (!as_key) throw fail("the sender key is not a P-256 point");
  PkeyPtr ua_key = key_pair_from_private(ua_private, nullptr);
  if (!ua_key) throw fail("the user agent private key is not a P-256 scalar");

  Secret shared = ecdh(ua_key.get(), as_key.get());
  ContentKeys keys = derive_content_keys(shared, auth_secret, ua_public, as_public, salt);
  std::optional<std::string> record = gcm_open(keys, sealed);
  if (!record) throw fail("authentication failed");

  // RFC 8188 §2: strip the zero padding; the last non-zero byte is the delimiter, 2 for the last
  // (here: only) record.
  std::size_t end = record->size();
  while (end > 0 && (*record)[end - 1] == '\0') --end;
  if (end == 0) throw fail("no padding delimiter");
  if (static_cast<unsigned char>((*record)[end - 1]) != kLastRecordDelimiter) throw fail("not the last record");
  record->resize(end - 1);
  return std::move(*record);
}

}  // namespace sotay::webpush
