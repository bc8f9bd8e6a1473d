// PushClient against a small push service (testing/push_receiver.h): HTTPS on 127.0.0.1 with a
// certificate made by the test, which records each request and answers with the status the test
// asks for.
#include "http/push_client.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <vector>

#include "http/asio.h"
#include "testing/push_receiver.h"
#include "util/crypto.h"
#include "util/web_push_crypto.h"

namespace sotay::http {
namespace {

namespace asio = boost::asio;
namespace fs = std::filesystem;
using tcp = asio::ip::tcp;

using sotay::testing::Captured;
using sotay::testing::CertFiles;
using sotay::testing::make_certificate;
using sotay::testing::Receiver;

class PushClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    static int n = 0;
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("sotay_push_client_" + std::to_string(::getpid()) + "_" + std::to_string(n++)));
    fs::create_directories(*dir_);
    good_ = new CertFiles(make_certificate(*dir_, "localhost", "DNS:localhost,IP:127.0.0.1"));
    wrong_ = new CertFiles(make_certificate(*dir_, "wrong.example", "DNS:wrong.example"));
  }
  static void TearDownTestSuite() {
    std::error_code ec;
    fs::remove_all(*dir_, ec);
    delete good_;
    delete wrong_;
    delete dir_;
  }

  PushClient client(std::chrono::milliseconds timeout = std::chrono::milliseconds(3000), bool allow_http = false,
                    const std::string& ca = good_->cert) {
    return PushClient(PushClient::Options{timeout, ca, allow_http});
  }

  // A real message for a fresh subscription, as the notification job would build it.
  PushMessage message_for(const std::string& endpoint, const std::string& plaintext) {
    PushMessage m;
    m.endpoint = endpoint;
    m.body = webpush::encrypt_aes128gcm(plaintext, ua_.public_key, ua_auth_);
    m.authorization =
        webpush::vapid_authorization(vapid_, endpoint, "mailto:ops@sotay.example", std::time(nullptr) + 12 * 3600);
    return m;
  }

  static void expect_no_secrets(const PushResult& result, const PushMessage& m) {
    if (!m.authorization.empty()) {
      EXPECT_EQ(result.error.find(m.authorization), std::string::npos);
    }
    EXPECT_EQ(result.error.find("vapid"), std::string::npos);
    EXPECT_EQ(result.error.find(crypto::base64url_encode(m.body)), std::string::npos);
  }

  static fs::path* dir_;
  static CertFiles* good_;
  static CertFiles* wrong_;
  webpush::VapidKeys vapid_ = webpush::generate_vapid_keys();
  webpush::VapidKeys ua_ = webpush::generate_vapid_keys();
  std::string ua_auth_ = crypto::random_bytes(webpush::kAuthSecretBytes);
};

fs::path* PushClientTest::dir_ = nullptr;
CertFiles* PushClientTest::good_ = nullptr;
CertFiles* PushClientTest::wrong_ = nullptr;

std::string url(std::string_view scheme, std::string_view host, std::uint16_t port, std::string_view target) {
  return std::string(scheme) + "://" + std::string(host) + ":" + std::to_string(port) + std::string(target);
}

TEST_F(PushClientTest, DeliversAnEncryptedMessageWithTheWebPushHeaders) {
  Receiver receiver(Receiver::Mode::tls, good_);
  receiver.answer(201, {{"Location", "https://127.0.0.1/m/1"}});
  const std::string endpoint = url("https", "127.0.0.1", receiver.port(), "/push/v2/abc?x=1");
  const std::string plaintext = R"({"title":"Thông báo mới","url":"/notices/42"})";
  PushMessage m = message_for(endpoint, plaintext);
  m.ttl_seconds = 3600;
  m.urgency = "high";
  m.topic = "notice-42";

  PushResult result = client().send(m);
  EXPECT_EQ(result.status, 201) << result.error;
  EXPECT_EQ(result.error, "");
  EXPECT_FALSE(result.retry_after_seconds.has_value());

  auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 1u);
  const Captured& got = requests[0];
  EXPECT_EQ(got.method, "POST");
  EXPECT_EQ(got.target, "/push/v2/abc?x=1");
  EXPECT_EQ(got.sni, "");  // never an IP address as SNI
  EXPECT_EQ(got.headers.at("host"), "127.0.0.1:" + std::to_string(receiver.port()));
  EXPECT_EQ(got.headers.at("ttl"), "3600");
  EXPECT_EQ(got.headers.at("urgency"), "high");
  EXPECT_EQ(got.headers.at("topic"), "notice-42");
  EXPECT_EQ(got.headers.at("content-encoding"), "aes128gcm");
  EXPECT_EQ(got.headers.at("content-type"), "application/octet-stream");
  EXPECT_EQ(got.headers.at("content-length"), std::to_string(m.body.size()));
  EXPECT_EQ(got.headers.at("authorization"), m.authorization);
  EXPECT_EQ(got.body, m.body);
  EXPECT_EQ(webpush::decrypt_aes128gcm(got.body, ua_.private_key, ua_.public_key, ua_auth_), plaintext);
}

TEST_F(PushClientTest, VerifiesADnsNameAndSendsSni) {
  Receiver receiver(Receiver::Mode::tls, good_);
  PushMessage m = message_for(url("https", "localhost", receiver.port(), "/p"), "hi");
  m.topic.clear();
  PushResult result = client().send(m);
  EXPECT_EQ(result.status, 201) << result.error;
  auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].sni, "localhost");
  EXPECT_EQ(requests[0].headers.at("urgency"), "normal");
  EXPECT_EQ(requests[0].headers.at("ttl"), "86400");
  EXPECT_EQ(requests[0].headers.count("topic"), 0u);
}

TEST_F(PushClientTest, ReportsThePushServicesAnswer) {
  Receiver receiver(Receiver::Mode::tls, good_);
  PushClient push = client();
  for (int status : {404, 410, 413, 500}) {
    receiver.answer(status);
    PushMessage m = message_for(url("https", "127.0.0.1", receiver.port(), "/gone"), "x");
    PushResult result = push.send(m);
    EXPECT_EQ(result.status, status);
    EXPECT_NE(result.error.find(std::to_string(status)), std::string::npos) << result.error;
    EXPECT_FALSE(result.retry_after_seconds.has_value());
    expect_no_secrets(result, m);
  }
  EXPECT_EQ(receiver.requests().size(), 4u);
}

TEST_F(PushClientTest, ReadsRetryAfter) {
  Receiver receiver(Receiver::Mode::tls, good_);
  PushClient push = client();
  const std::string endpoint = url("https", "127.0.0.1", receiver.port(), "/busy");

  receiver.answer(429, {{"Retry-After", "120"}});
  PushResult result = push.send(message_for(endpoint, "x"));
  EXPECT_EQ(result.status, 429);
  EXPECT_EQ(result.retry_after_seconds, 120);

  std::time_t later = std::time(nullptr) + 300;
  std::tm tm{};
  gmtime_r(&later, &tm);
  char date[64];
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  receiver.answer(503, {{"Retry-After", date}});
  result = push.send(message_for(endpoint, "x"));
  EXPECT_EQ(result.status, 503);
  ASSERT_TRUE(result.retry_after_seconds.has_value());
  EXPECT_GE(*result.retry_after_seconds, 290);
  EXPECT_LE(*result.retry_after_seconds, 300);

  receiver.answer(429, {{"Retry-After", "soon"}});
  result = push.send(message_for(endpoint, "x"));
  EXPECT_EQ(result.status, 429);
  EXPECT_FALSE(result.retry_after_seconds.has_value());
}

TEST_F(PushClientTest, UnreachablePortIsStatusZero) {
  std::uint16_t port = 0;
  {
    // A port that was free a moment ago and has no listener now.
    asio::io_context io;
    tcp::acceptor probe(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    port = probe.local_endpoint().port();
  }
  PushMessage m = message_for(url("https", "127.0.0.1", port, "/p"), "x");
  PushResult result = client().send(m);
  EXPECT_EQ(result.status, 0);
  EXPECT_NE(result.error.find("could not connect"), std::string::npos) << result.error;
  expect_no_secrets(result, m);
}

TEST_F(PushClientTest, CertificateForAnotherHostIsATlsError) {
  Receiver receiver(Receiver::Mode::tls, wrong_);
  // The certificate is trusted (it is the CA file) but names wrong.example, not 127.0.0.1.
  PushMessage m = message_for(url("https", "127.0.0.1", receiver.port(), "/p"), "x");
  PushResult result = client(std::chrono::milliseconds(3000), false, wrong_->cert).send(m);
  EXPECT_EQ(result.status, 0);
  EXPECT_NE(result.error.find("TLS"), std::string::npos) << result.error;
  EXPECT_NE(result.error.find("mismatch"), std::string::npos) << result.error;
  expect_no_secrets(result, m);
  EXPECT_TRUE(receiver.requests().empty());

  // Same for a DNS name.
  m = message_for(url("https", "localhost", receiver.port(), "/p"), "x");
  result = client(std::chrono::milliseconds(3000), false, wrong_->cert).send(m);
  EXPECT_EQ(result.status, 0);
  EXPECT_NE(result.error.find("mismatch"), std::string::npos) << result.error;
  EXPECT_TRUE(receiver.requests().empty());
}

TEST_F(PushClientTest, UntrustedCertificateIsATlsError) {
  Receiver receiver(Receiver::Mode::tls, good_);
  PushMessage m = message_for(url("https", "127.0.0.1", receiver.port(), "/p"), "x");
  PushResult result = client(std::chrono::milliseconds(3000), false, wrong_->cert).send(m);
  EXPECT_EQ(result.status, 0);
  EXPECT_NE(result.error.find("TLS"), std::string::npos) << result.error;
  EXPECT_TRUE(receiver.requests().empty());
}

TEST_F(PushClientTest, SilentServerTimesOut) {
  // Connections complete in the kernel's backlog, but nobody ever accepts or answers.
  asio::io_context io;
  tcp::acceptor silent(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  PushMessage m = message_for(url("https", "127.0.0.1", silent.local_endpoint().port(), "/p"), "x");
  auto start = std::chrono::steady_clock::now();
  PushResult result = client(std::chrono::milliseconds(300)).send(m);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(result.status, 0);
  EXPECT_NE(result.error.find("timed out after 300 ms during the TLS handshake"), std::string::npos) << result.error;
  EXPECT_LT(elapsed, std::chrono::seconds(2));
  expect_no_secrets(result, m);
}

TEST_F(PushClientTest, RefusesBadMessagesWithoutConnecting) {
  Receiver receiver(Receiver::Mode::plain, nullptr);
  PushClient push = client();
  const std::string http_endpoint = url("http", "127.0.0.1", receiver.port(), "/p");
  PushMessage good = message_for(url("https", "127.0.0.1", receiver.port(), "/p"), "x");

  std::vector<PushMessage> bad(9, good);
  bad[0].endpoint = http_endpoint;  // http needs allow_http
  bad[1].endpoint = "ftp://127.0.0.1/p";
  bad[2].endpoint = "https://user@127.0.0.1/p";
  bad[3].endpoint = "not a url";
  bad[4].urgency = "urgent";
  bad[5].topic = "has space";
  bad[6].topic = std::string(33, 'a');
  bad[7].authorization = good.authorization + "\r\nX-Injected: 1";
  bad[8].authorization.clear();
  for (const PushMessage& m : bad) {
    PushResult result = push.send(m);
    EXPECT_EQ(result.status, 0) << m.endpoint;
    EXPECT_FALSE(result.error.empty());
    expect_no_secrets(result, m);
  }
  EXPECT_TRUE(receiver.requests().empty());
}

TEST_F(PushClientTest, PlainHttpOnlyWhenAllowed) {
  Receiver receiver(Receiver::Mode::plain, nullptr);
  receiver.answer(201);
  PushMessage m = message_for(url("http", "127.0.0.1", receiver.port(), "/p"), "plain");
  m.body.clear();  // and a push without payload carries no content coding
  PushResult result = client(std::chrono::milliseconds(3000), true).send(m);
  EXPECT_EQ(result.status, 201) << result.error;
  auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].headers.count("content-encoding"), 0u);
  EXPECT_EQ(requests[0].headers.at("content-length"), "0");
}

TEST_F(PushClientTest, MissingCaFileThrows) {
  EXPECT_THROW(client(std::chrono::milliseconds(1000), false, (*dir_ / "missing.pem").string()), std::runtime_error);
}

}  // namespace
}  // namespace sotay::http
