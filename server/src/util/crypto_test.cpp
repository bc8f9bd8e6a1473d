#include "util/crypto.h"

#include <gtest/gtest.h>

#include <set>
#include <utility>
#include <vector>

namespace sotay::crypto {
namespace {

// RFC 6238 Appendix B and RFC 4226 Appendix D share this ASCII secret for SHA-1.
constexpr std::string_view kRfcSecret = "12345678901234567890";

TEST(CryptoBase32, Rfc4648Vectors) {
  const std::vector<std::pair<std::string, std::string>> vectors = {
      {"", ""},          {"f", "MY"},          {"fo", "MZXQ"},           {"foo", "MZXW6"},
      {"foob", "MZXW6YQ"}, {"fooba", "MZXW6YTB"}, {"foobar", "MZXW6YTBOI"},
  };
  for (const auto& [raw, encoded] : vectors) {
    EXPECT_EQ(base32_encode(raw), encoded) << raw;
    auto decoded = base32_decode(encoded);
    ASSERT_TRUE(decoded.has_value()) << encoded;
    EXPECT_EQ(*decoded, raw);
  }
}

TEST(CryptoBase32, DecodeIsTolerant) {
  EXPECT_EQ(base32_decode("mzxw6ytboi"), "foobar");
  EXPECT_EQ(base32_decode("MZXW 6YTB OI"), "foobar");
  EXPECT_EQ(base32_decode("MZXW6YTBOI======"), "foobar");
  EXPECT_EQ(base32_decode("MY======"), "f");
}

TEST(CryptoBase32, DecodeRejectsInvalid) {
  EXPECT_FALSE(base32_decode("MZXW1").has_value());  // '1' is not in the alphabet
  EXPECT_FALSE(base32_decode("MZ!W").has_value());
  EXPECT_FALSE(base32_decode("M").has_value());      // 5 bits cannot be a byte
  EXPECT_FALSE(base32_decode("MY==MY").has_value());  // data after padding
}

TEST(CryptoBase32, RoundTripsBinary) {
  for (std::size_t n = 0; n < 40; ++n) {
    std::string raw = random_bytes(n);
    EXPECT_EQ(base32_decode(base32_encode(raw)), raw);
  }
}

TEST(CryptoHotp, Rfc4226AppendixD) {
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (std::uint64_t counter = 0; counter < 10; ++counter) {
    EXPECT_EQ(hotp_code(kRfcSecret, counter, 6), expected[counter]) << counter;
  }
}

TEST(CryptoTotp, Rfc6238AppendixBSha1) {
  const std::vector<std::pair<std::int64_t, std::string>> vectors = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
  };
  for (const auto& [time, code] : vectors) {
    EXPECT_EQ(hotp_code(kRfcSecret, static_cast<std::uint64_t>(time / 30), 8), code) << time;
    // The 6-digit code is the same truncated value modulo 10^6, i.e. the last 6 digits.
    EXPECT_EQ(totp_code(kRfcSecret, time), code.substr(2)) << time;
  }
}

TEST(CryptoTotp, VerifyAcceptsOneStepOfDrift) {
  const std::int64_t now = 1'700'000'015;  // mid-step
  const std::int64_t step = now / 30;
  EXPECT_EQ(totp_verify(kRfcSecret, totp_code(kRfcSecret, now), now), step);
  EXPECT_EQ(totp_verify(kRfcSecret, totp_code(kRfcSecret, now - 30), now), step - 1);
  EXPECT_EQ(totp_verify(kRfcSecret, totp_code(kRfcSecret, now + 30), now), step + 1);
  EXPECT_FALSE(totp_verify(kRfcSecret, totp_code(kRfcSecret, now - 60), now).has_value());
  EXPECT_FALSE(totp_verify(kRfcSecret, totp_code(kRfcSecret, now + 60), now).has_value());
}

TEST(CryptoTotp, VerifyStripsSpaces) {
  const std::int64_t now = 1'700'000'015;
  std::string code = totp_code(kRfcSecret, now);
  std::string spaced = code.substr(0, 3) + " " + code.substr(3);
  EXPECT_EQ(totp_verify(kRfcSecret, spaced, now), now / 30);
}

TEST(CryptoTotp, VerifyRejectsMalformedCodes) {
  const std::int64_t now = 1'700'000'015;
  std::string code = totp_code(kRfcSecret, now);
  EXPECT_FALSE(totp_verify(kRfcSecret, "", now).has_value());
  EXPECT_FALSE(totp_verify(kRfcSecret, code.substr(0, 5), now).has_value());
  EXPECT_FALSE(totp_verify(kRfcSecret, code + "0", now).has_value());
  EXPECT_FALSE(totp_verify(kRfcSecret, "12a456", now).has_value());
  EXPECT_FALSE(totp_verify(kRfcSecret, "-12345", now).has_value());
  // Non-ASCII digits (Arabic-Indic zero) must not be read as digits.
  EXPECT_FALSE(totp_verify(kRfcSecret, "\xd9\xa0" "12345", now).has_value());
  // Same code with the 8-digit form is refused too.
  EXPECT_FALSE(totp_verify(kRfcSecret, hotp_code(kRfcSecret, static_cast<std::uint64_t>(now / 30), 8), now)
                   .has_value());
}

TEST(CryptoTotp, UriEncodesLabelAndIssuer) {
  std::string uri = totp_uri("foobar", "an@example.vn", "Sổ tay Đảng");
  EXPECT_EQ(uri.rfind("otpauth://totp/S%E1%BB%95%20tay%20%C4%90%E1%BA%A3ng:an%40example.vn?secret=MZXW6YTBOI", 0),
            0u)
      << uri;
  EXPECT_NE(uri.find("&issuer=S%E1%BB%95%20tay%20%C4%90%E1%BA%A3ng"), std::string::npos) << uri;
}

TEST(CryptoPassword, FastRoundTrip) {
  std::string hash = hash_password("mật khẩu đúng", /*fast=*/true);
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_TRUE(verify_password(hash, "mật khẩu đúng"));
  EXPECT_FALSE(verify_password(hash, "mật khẩu sai"));
  EXPECT_FALSE(verify_password(hash, ""));
}

TEST(CryptoPassword, SaltDiffersEachTime) {
  EXPECT_NE(hash_password("same", true), hash_password("same", true));
}

TEST(CryptoPassword, GarbageHashIsFalseNotThrow) {
  EXPECT_FALSE(verify_password("", "x"));
  EXPECT_FALSE(verify_password("not a hash", "x"));
  EXPECT_FALSE(verify_password("$argon2id$v=19$m=garbage", "x"));
  EXPECT_FALSE(verify_password(std::string("$argon2id\0$", 11), "x"));
  EXPECT_FALSE(verify_password(std::string(500, 'a'), "x"));
}

TEST(CryptoHash, Sha256Abc) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(CryptoHash, HmacSha1Rfc2202) {
  // RFC 2202 test case 2.
  std::string mac = hmac_sha1("Jefe", "what do ya want for nothing?");
  ASSERT_EQ(mac.size(), 20u);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : mac) {
    hex.push_back(kHex[c >> 4]);
    hex.push_back(kHex[c & 0x0f]);
  }
  EXPECT_EQ(hex, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
}

TEST(CryptoCompare, ConstantTimeEqual) {
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "ab"));
}

TEST(CryptoBase64Url, RoundTrip) {
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");  // URL-safe alphabet, no padding
  EXPECT_EQ(base64url_decode("-_8"), "\xfb\xff");
  EXPECT_EQ(base64url_decode("-_8="), "\xfb\xff");  // padding from other encoders is tolerated
  for (std::size_t n = 0; n < 40; ++n) {
    std::string raw = random_bytes(n);
    EXPECT_EQ(base64url_decode(base64url_encode(raw)), raw) << n;
  }
  EXPECT_FALSE(base64url_decode("ab+/").has_value());  // standard alphabet is not URL-safe
  EXPECT_FALSE(base64url_decode("a").has_value());
  EXPECT_FALSE(base64url_decode("ab cd").has_value());
}

TEST(CryptoRandom, TokensAreUniqueAndSized) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string token = random_token();
    EXPECT_EQ(token.size(), 43u);  // 32 bytes → ceil(256 / 6) base64url characters
    EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    seen.insert(token);
  }
  EXPECT_EQ(seen.size(), 1000u);
  EXPECT_EQ(random_token(16).size(), 22u);
  EXPECT_EQ(random_bytes(0).size(), 0u);
  EXPECT_EQ(random_bytes(64).size(), 64u);
}

}  // namespace
}  // namespace sotay::crypto
