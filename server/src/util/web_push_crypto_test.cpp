#include "util/web_push_crypto.h"

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/crypto.h"

namespace sotay::webpush {
namespace {

std::string b64(std::string_view text) {
  auto raw = crypto::base64url_decode(text);
  if (!raw) throw std::invalid_argument("test vector is not base64url");
  return *raw;
}

// RFC 8291 Appendix A (the worked example of section 5). Every value is the RFC's, base64url.
constexpr std::string_view kRfcPlaintext = "When I grow up, I want to be a watermelon";
constexpr std::string_view kRfcAsPublic =
    "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
constexpr std::string_view kRfcAsPrivate = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
constexpr std::string_view kRfcUaPublic =
    "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
constexpr std::string_view kRfcUaPrivate = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
constexpr std::string_view kRfcSalt = "DGv6ra1nlYgDCS1FRnbzlw";
constexpr std::string_view kRfcAuthSecret = "BTBZMqHH6r4Tts7J_aSIgg";
constexpr std::string_view kRfcBody =
    "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml"
    "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT"
    "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

std::string from_hex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

struct UserAgent {
  VapidKeys keys;  // any P-256 pair will do for the subscription's p256dh key
  std::string auth = crypto::random_bytes(kAuthSecretBytes);
};

UserAgent make_user_agent() { return UserAgent{generate_vapid_keys()}; }

std::string decrypt(const UserAgent& ua, std::string_view body) {
  return decrypt_aes128gcm(body, ua.keys.private_key, ua.keys.public_key, ua.auth);
}

TEST(WebPush, Rfc8291AppendixAEncryptsByteForByte) {
  std::string body =
      encrypt_aes128gcm(kRfcPlaintext, b64(kRfcUaPublic), b64(kRfcAuthSecret), b64(kRfcAsPrivate), b64(kRfcSalt));
  EXPECT_EQ(crypto::base64url_encode(body), kRfcBody);
  EXPECT_EQ(body, b64(kRfcBody));
}

TEST(WebPush, Rfc8291AppendixAKeysAndDecryption) {
  EXPECT_EQ(vapid_keys_from_private(b64(kRfcAsPrivate)).public_key, b64(kRfcAsPublic));
  EXPECT_EQ(vapid_keys_from_private(b64(kRfcUaPrivate)).public_key, b64(kRfcUaPublic));
  EXPECT_EQ(decrypt_aes128gcm(b64(kRfcBody), b64(kRfcUaPrivate), b64(kRfcUaPublic), b64(kRfcAuthSecret)),
            kRfcPlaintext);
}

TEST(WebPush, RoundTripsWithGeneratedKeys) {
  UserAgent ua = make_user_agent();
  for (std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{15}, std::size_t{16}, std::size_t{100},
                           std::size_t{1000}, kMaxPlaintextBytes}) {
    std::string plaintext = crypto::random_bytes(size);
    std::string body = encrypt_aes128gcm(plaintext, ua.keys.public_key, ua.auth);
    EXPECT_EQ(body.size(), kHeaderBytes + size + 1 + 16) << size;
    EXPECT_EQ(decrypt(ua, body), plaintext) << size;
  }
  std::string json = R"({"title":"Thông báo mới","url":"/notices/42"})";
  EXPECT_EQ(decrypt(ua, encrypt_aes128gcm(json, ua.keys.public_key, ua.auth)), json);
}

TEST(WebPush, EveryMessageHasAFreshSaltAndSenderKey) {
  UserAgent ua = make_user_agent();
  std::string a = encrypt_aes128gcm("same", ua.keys.public_key, ua.auth);
  std::string b = encrypt_aes128gcm("same", ua.keys.public_key, ua.auth);
  EXPECT_NE(a.substr(0, kSaltBytes), b.substr(0, kSaltBytes));
  EXPECT_NE(a.substr(21, kPublicKeyBytes), b.substr(21, kPublicKeyBytes));
  EXPECT_NE(a.substr(kHeaderBytes), b.substr(kHeaderBytes));
  // The header announces rs = 4096 and a 65-byte key id.
  EXPECT_EQ(a.substr(16, 5), std::string("\x00\x00\x10\x00\x41", 5));
}

TEST(WebPush, RefusesOversizedPlaintext) {
  UserAgent ua = make_user_agent();
  EXPECT_NO_THROW(encrypt_aes128gcm(std::string(kMaxPlaintextBytes, 'x'), ua.keys.public_key, ua.auth));
  EXPECT_THROW(encrypt_aes128gcm(std::string(kMaxPlaintextBytes + 1, 'x'), ua.keys.public_key, ua.auth),
               std::invalid_argument);
}

TEST(WebPush, RefusesMalformedSubscriptionKeys) {
  UserAgent ua = make_user_agent();
  const std::string& pub = ua.keys.public_key;
  EXPECT_THROW(encrypt_aes128gcm("x", pub.substr(0, 64), ua.auth), std::invalid_argument);
  EXPECT_THROW(encrypt_aes128gcm("x", pub + "x", ua.auth), std::invalid_argument);
  std::string compressed = pub.substr(0, 33);
  compressed[0] = static_cast<char>(0x02 | (static_cast<unsigned char>(pub[64]) & 1));
  EXPECT_THROW(encrypt_aes128gcm("x", compressed, ua.auth), std::invalid_argument);
  std::string off_curve = pub;
  off_curve[64] = static_cast<char>(off_curve[64] ^ 1);
  EXPECT_THROW(encrypt_aes128gcm("x", off_curve, ua.auth), std::invalid_argument);
  EXPECT_THROW(encrypt_aes128gcm("x", "\x04" + std::string(64, '\0'), ua.auth), std::invalid_argument);
  EXPECT_THROW(encrypt_aes128gcm("x", pub, ua.auth.substr(0, 15)), std::invalid_argument);
  EXPECT_THROW(encrypt_aes128gcm("x", pub, ""), std::invalid_argument);
  EXPECT_THROW(encrypt_aes128gcm("x", pub, ua.auth, b64(kRfcAsPrivate), "short salt"), std::invalid_argument);
}

TEST(WebPush, DecryptRejectsEveryTamperedByte) {
  UserAgent ua = make_user_agent();
  std::string body = encrypt_aes128gcm("the meeting moved to 9:00", ua.keys.public_key, ua.auth);
  for (std::size_t i = 0; i < body.size(); ++i) {
    // The record size is not authenticated (RFC 8188 keys do not cover it); it is checked below.
    if (i >= kSaltBytes && i < kSaltBytes + 4) continue;
    std::string forged = body;
    forged[i] = static_cast<char>(forged[i] ^ 0x01);
    EXPECT_THROW(decrypt(ua, forged), std::runtime_error) << "byte " << i;
  }
}

TEST(WebPush, DecryptRejectsEveryTruncation) {
  UserAgent ua = make_user_agent();
  std::string body = encrypt_aes128gcm("hello", ua.keys.public_key, ua.auth);
  for (std::size_t n = 0; n < body.size(); ++n)
    EXPECT_THROW(decrypt(ua, std::string_view(body).substr(0, n)), std::runtime_error) << n;
  EXPECT_THROW(decrypt(ua, body + '\0'), std::runtime_error);
}

TEST(WebPush, DecryptRejectsBadHeaders) {
  UserAgent ua = make_user_agent();
  std::string body = encrypt_aes128gcm("hello", ua.keys.public_key, ua.auth);
  auto with_byte = [&body](std::size_t at, unsigned char value) {
    std::string out = body;
    out[at] = static_cast<char>(value);
    return out;
  };
  EXPECT_THROW(decrypt(ua, with_byte(20, 0)), std::runtime_error);     // key id length 0
  EXPECT_THROW(decrypt(ua, with_byte(20, 255)), std::runtime_error);   // key id past the end
  EXPECT_THROW(decrypt(ua, with_byte(21, 0x02)), std::runtime_error);  // compressed sender key
  // rs smaller than the record: the body would hold two records.
  std::string small_rs = body;
  small_rs.replace(16, 4, std::string("\x00\x00\x00\x12", 4));
  EXPECT_THROW(decrypt(ua, small_rs), std::runtime_error);
  // rs below the RFC 8188 minimum of 18.
  small_rs.replace(16, 4, std::string("\x00\x00\x00\x11", 4));
  EXPECT_THROW(decrypt(ua, small_rs), std::runtime_error);
  // A larger rs is harmless for a single record.
  std::string large_rs = body;
  large_rs.replace(16, 4, std::string("\x00\x01\x00\x00", 4));
  EXPECT_EQ(decrypt(ua, large_rs), "hello");
  // Garbage of every short length and one full header's worth.
  for (std::size_t n = 0; n < 200; n += 7) EXPECT_THROW(decrypt(ua, crypto::random_bytes(n)), std::runtime_error);
}

TEST(WebPush, DecryptRejectsTheWrongRecipient) {
  UserAgent ua = make_user_agent();
  UserAgent other = make_user_agent();
  std::string body = encrypt_aes128gcm("hello", ua.keys.public_key, ua.auth);
  EXPECT_THROW(decrypt_aes128gcm(body, ua.keys.private_key, ua.keys.public_key, other.auth), std::runtime_error);
  EXPECT_THROW(decrypt_aes128gcm(body, other.keys.private_key, ua.keys.public_key, ua.auth), std::runtime_error);
  EXPECT_THROW(decrypt_aes128gcm(body, ua.keys.private_key, other.keys.public_key, ua.auth), std::runtime_error);
  EXPECT_THROW(decrypt_aes128gcm(body, "short", ua.keys.public_key, ua.auth), std::runtime_error);
  EXPECT_THROW(decrypt_aes128gcm(body, ua.keys.private_key, "short", ua.auth), std::runtime_error);
  EXPECT_THROW(decrypt_aes128gcm(body, ua.keys.private_key, ua.keys.public_key, "short"), std::runtime_error);
}

TEST(WebPush, VapidKeyGenerationAndImport) {
  VapidKeys keys = generate_vapid_keys();
  ASSERT_EQ(keys.private_key.size(), kPrivateKeyBytes);
  ASSERT_EQ(keys.public_key.size(), kPublicKeyBytes);
  EXPECT_EQ(static_cast<unsigned char>(keys.public_key[0]), 0x04);
  EXPECT_NE(generate_vapid_keys().private_key, keys.private_key);
  VapidKeys again = vapid_keys_from_private(keys.private_key);
  EXPECT_EQ(again.private_key, keys.private_key);
  EXPECT_EQ(again.public_key, keys.public_key);
  EXPECT_EQ(keys.public_key_base64url(), crypto::base64url_encode(keys.public_key));
  EXPECT_EQ(keys.public_key_base64url().size(), 87u);

  EXPECT_THROW(vapid_keys_from_private(""), std::runtime_error);
  EXPECT_THROW(vapid_keys_from_private(keys.private_key.substr(1)), std::runtime_error);
  EXPECT_THROW(vapid_keys_from_private(keys.private_key + "x"), std::runtime_error);
  EXPECT_THROW(vapid_keys_from_private(std::string(32, '\0')), std::runtime_error);
  EXPECT_THROW(vapid_keys_from_private(std::string(32, '\xff')), std::runtime_error);
  // The group order n itself is out of range; n - 1 is the largest valid scalar.
  std::string order = from_hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
  EXPECT_THROW(vapid_keys_from_private(order), std::runtime_error);
  order[31] = static_cast<char>(order[31] - 1);
  EXPECT_NO_THROW(vapid_keys_from_private(order));
}

// --- VAPID verification with OpenSSL, independent of the code under test's signing path ---

template <auto Free>
struct Deleter {
  template <class T>
  void operator()(T* p) const {
    Free(p);
  }
};
void openssl_free(void* p) { OPENSSL_free(p); }

bool es256_verifies(std::string_view raw_public, std::string_view message, std::string_view raw_signature) {
  if (raw_signature.size() != 64) return false;
  char group[] = "prime256v1";
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group, 0),
      OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, const_cast<char*>(raw_public.data()),
                                        raw_public.size()),
      OSSL_PARAM_construct_end(),
  };
  std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* raw_key = nullptr;
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw_key, EVP_PKEY_PUBLIC_KEY, params) != 1)
    return false;
  std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>> key(raw_key);

  // r || s back to the DER SEQUENCE that OpenSSL verifies.
  std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG_free>> sig(ECDSA_SIG_new());
  const auto* sig_bytes = reinterpret_cast<const unsigned char*>(raw_signature.data());
  BIGNUM* r = BN_bin2bn(sig_bytes, 32, nullptr);
  BIGNUM* s = BN_bin2bn(sig_bytes + 32, 32, nullptr);
  if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return false;
  }
  unsigned char* der = nullptr;
  int der_length = i2d_ECDSA_SIG(sig.get(), &der);
  if (der_length <= 0) return false;
  std::unique_ptr<unsigned char, Deleter<openssl_free>> der_guard(der);

  std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>> md(EVP_MD_CTX_new());
  return md && EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
         EVP_DigestVerify(md.get(), der, static_cast<std::size_t>(der_length),
                          reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
}

struct ParsedVapid {
  std::string signing_input, header_json, claims_json, signature, k;
};

ParsedVapid parse_vapid(const std::string& header) {
  const std::string prefix = "vapid t=";
  if (header.rfind(prefix, 0) != 0) throw std::runtime_error("no 'vapid t=' prefix: " + header);
  std::size_t comma = header.find(", k=");
  if (comma == std::string::npos) throw std::runtime_error("no ', k=': " + header);
  std::string jwt = header.substr(prefix.size(), comma - prefix.size());
  std::size_t dot1 = jwt.find('.');
  std::size_t dot2 = jwt.find('.', dot1 + 1);
  if (dot1 == std::string::npos || dot2 == std::string::npos || jwt.find('.', dot2 + 1) != std::string::npos)
    throw std::runtime_error("not a three-part JWT: " + jwt);
  ParsedVapid out;
  out.signing_input = jwt.substr(0, dot2);
  out.header_json = b64(jwt.substr(0, dot1));
  out.claims_json = b64(jwt.substr(dot1 + 1, dot2 - dot1 - 1));
  out.signature = b64(jwt.substr(dot2 + 1));
  out.k = header.substr(comma + 4);
  return out;
}

TEST(WebPush, VapidAuthorizationVerifiesWithOpenSsl) {
  VapidKeys keys = generate_vapid_keys();
  std::string header =
      vapid_authorization(keys, "https://push.example.net:8443/abc", "mailto:admin@sotay.vn", 1'700'043'200);
  ParsedVapid parsed = parse_vapid(header);
  EXPECT_EQ(parsed.k, keys.public_key_base64url());
  EXPECT_EQ(nlohmann::json::parse(parsed.header_json), nlohmann::json::parse(R"({"typ":"JWT","alg":"ES256"})"));
  auto claims = nlohmann::json::parse(parsed.claims_json);
  EXPECT_EQ(claims.at("aud"), "https://push.example.net:8443");
  EXPECT_EQ(claims.at("exp"), 1'700'043'200);
  EXPECT_EQ(claims.at("sub"), "mailto:admin@sotay.vn");
  EXPECT_EQ(claims.size(), 3u);
  ASSERT_EQ(parsed.signature.size(), 64u);
  EXPECT_TRUE(es256_verifies(keys.public_key, parsed.signing_input, parsed.signature));

  // The check is real: another message, another key or a flipped bit does not verify.
  EXPECT_FALSE(es256_verifies(keys.public_key, parsed.signing_input + "x", parsed.signature));
  EXPECT_FALSE(es256_verifies(generate_vapid_keys().public_key, parsed.signing_input, parsed.signature));
  std::string flipped = parsed.signature;
  flipped[10] = static_cast<char>(flipped[10] ^ 0x20);
  EXPECT_FALSE(es256_verifies(keys.public_key, parsed.signing_input, flipped));
}

TEST(WebPush, VapidSignaturesAreFreshAndKeyedToTheRfcKey) {
  VapidKeys keys = vapid_keys_from_private(b64(kRfcAsPrivate));
  std::string a = vapid_authorization(keys, "https://fcm.googleapis.com/fcm/send/x", "mailto:a@b.c", 1);
  std::string b = vapid_authorization(keys, "https://fcm.googleapis.com/fcm/send/x", "mailto:a@b.c", 1);
  EXPECT_NE(a, b);  // ECDSA uses a fresh nonce per signature
  ParsedVapid pa = parse_vapid(a), pb = parse_vapid(b);
  EXPECT_EQ(pa.signing_input, pb.signing_input);
  EXPECT_EQ(pa.k, kRfcAsPublic);
  EXPECT_TRUE(es256_verifies(keys.public_key, pa.signing_input, pa.signature));
  EXPECT_TRUE(es256_verifies(keys.public_key, pb.signing_input, pb.signature));
}

TEST(WebPush, VapidAudienceIsTheEndpointOrigin) {
  VapidKeys keys = generate_vapid_keys();
  auto aud = [&keys](std::string_view endpoint) {
    return nlohmann::json::parse(parse_vapid(vapid_authorization(keys, endpoint, "", 2'000'000'000)).claims_json);
  };
  EXPECT_EQ(aud("https://push.example.net:8443/abc").at("aud"), "https://push.example.net:8443");
  EXPECT_EQ(aud("https://FCM.GoogleAPIs.com/fcm/send/dXk?x=1").at("aud"), "https://fcm.googleapis.com");
  EXPECT_EQ(aud("https://updates.push.services.mozilla.com:443/wpush/v2/gAAA").at("aud"),
            "https://updates.push.services.mozilla.com");
  EXPECT_EQ(aud("http://127.0.0.1:8080/push").at("aud"), "http://127.0.0.1:8080");
  EXPECT_EQ(aud("https://[::1]:9443/p").at("aud"), "https://[::1]:9443");
  // No subject: the claim is left out rather than sent empty.
  EXPECT_FALSE(aud("https://push.example.net/").contains("sub"));

  for (std::string_view bad :
       {"", "push.example.net/abc", "ftp://push.example.net/", "https://", "https:///path",
        "https://user:pw@push.example.net/", "https://push.example.net/a#frag", "https://push.example.net:/",
        "https://push.example.net:0/", "https://push.example.net:65536/", "https://push.example.net:80a/",
        "https://push example.net/", "https://push.example.net/a b", "https://[::1/", "https://[zz::1]/",
        "https://[127.0.0.1]/", "https://push.ex\xc3\xa0mple.net/"}) {
    EXPECT_THROW(vapid_authorization(keys, bad, "", 1), std::invalid_argument) << bad;
  }
}

TEST(WebPush, VapidRefusesAMismatchedKeyPair) {
  VapidKeys keys = generate_vapid_keys();
  keys.public_key = generate_vapid_keys().public_key;
  EXPECT_THROW(vapid_authorization(keys, "https://push.example.net/", "mailto:a@b.c", 1), std::runtime_error);
  keys.private_key = "short";
  EXPECT_THROW(vapid_authorization(keys, "https://push.example.net/", "mailto:a@b.c", 1), std::runtime_error);
}

TEST(WebPush, ParsesEndpoints) {
  auto e = parse_push_endpoint("https://Push.Example.NET:8443/wpush/v2/abc?x=1");
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->scheme, "https");
  EXPECT_EQ(e->host, "push.example.net");
  EXPECT_EQ(e->port, 8443);
  EXPECT_EQ(e->target, "/wpush/v2/abc?x=1");
  EXPECT_EQ(e->origin(), "https://push.example.net:8443");

  e = parse_push_endpoint("https://push.example.net");
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->port, 443);
  EXPECT_EQ(e->target, "/");
  e = parse_push_endpoint("http://push.example.net?q");
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->port, 80);
  EXPECT_EQ(e->target, "/?q");
  EXPECT_EQ(e->origin(), "http://push.example.net");
  e = parse_push_endpoint("https://[::1]:9443/p");
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->host, "::1");
  EXPECT_EQ(e->port, 9443);
  EXPECT_FALSE(parse_push_endpoint("https://push.example.net/\r\nX-Injected: 1").has_value());
}

}  // namespace
}  // namespace sotay::webpush
