// PushClient against a small push service in the test: HTTPS on 127.0.0.1 with a certificate
// made here, which records each request and answers with the status the test asks for.
#include "http/push_client.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "http/asio.h"
#include "util/crypto.h"
#include "util/web_push_crypto.h"

namespace sotay::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ssl = asio::ssl;
namespace fs = std::filesystem;
using tcp = asio::ip::tcp;

template <auto Free>
struct Deleter {
  template <class T>
  void operator()(T* p) const {
    Free(p);
  }
};

void close_file(FILE* f) { std::fclose(f); }

struct CertFiles {
  std::string cert, key;
};

// A self-signed P-256 certificate valid for `alt_names` (OpenSSL SAN syntax); it is its own CA,
// so the client trusts it through Options::ca_file.
CertFiles make_certificate(const fs::path& dir, const std::string& name, const std::string& alt_names) {
  std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>> key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  std::unique_ptr<X509, Deleter<X509_free>> cert(X509_new());
  if (!key || !cert) throw std::runtime_error("cannot create a test certificate");
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), static_cast<long>(std::time(nullptr)));
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* subject = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(name.c_str()), -1, -1,
                             0);
  X509_set_issuer_name(cert.get(), subject);
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
  const std::pair<int, std::string> extensions[] = {
      {NID_basic_constraints, "critical,CA:TRUE"},
      {NID_key_usage, "critical,digitalSignature,keyCertSign"},
      {NID_subject_alt_name, alt_names},
  };
  for (const auto& [nid, value] : extensions) {
    std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>> ext(
        X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
    if (!ext || X509_add_ext(cert.get(), ext.get(), -1) != 1) throw std::runtime_error("bad test extension");
  }
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) throw std::runtime_error("cannot sign test cert");

  CertFiles files{(dir / (name + ".crt")).string(), (dir / (name + ".key")).string()};
  std::unique_ptr<FILE, Deleter<close_file>> cert_file(std::fopen(files.cert.c_str(), "w"));
  std::unique_ptr<FILE, Deleter<close_file>> key_file(std::fopen(files.key.c_str(), "w"));
  if (!cert_file || !key_file || PEM_write_X509(cert_file.get(), cert.get()) != 1 ||
      PEM_write_PrivateKey(key_file.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
    throw std::runtime_error("cannot write test certificate");
  return files;
}

struct Captured {
  std::string method, target, body, sni;
  std::map<std::string, std::string> headers;  // lowercased names
};

// One connection at a time on a thread of its own, blocking I/O: enough for a client that sends
// one request per connection.
class Receiver {
 public:
  enum class Mode { tls, plain };

  Receiver(Mode mode, const CertFiles* cert) : mode_(mode), acceptor_(io_) {
    tcp::endpoint where(asio::ip::make_address("127.0.0.1"), 0);
    acceptor_.open(where.protocol());
    acceptor_.set_option(tcp::acceptor::reuse_address(true));
    acceptor_.bind(where);
    acceptor_.listen();
    if (mode_ == Mode::tls) {
      tls_.emplace(ssl::context::tls_server);
      tls_->use_certificate_chain_file(cert->cert);
      tls_->use_private_key_file(cert->key, ssl::context::pem);
    }
    thread_ = std::thread([this] { loop(); });
  }

  ~Receiver() {
    stopping_ = true;
    // Wake the blocking accept with a connection of our own.
    beast::error_code ec;
    asio::io_context wake_io;
    tcp::socket wake(wake_io);
    wake.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port()), ec);
    thread_.join();
  }

  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

  void answer(int status, std::vector<std::pair<std::string, std::string>> headers = {}) {
    std::lock_guard lock(mutex_);
    status_ = status;
    answer_headers_ = std::move(headers);
  }

  std::vector<Captured> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  int failed_handshakes() const { return failed_handshakes_; }

 private:
  void loop() {
    while (true) {
      tcp::socket socket(io_);
      beast::error_code ec;
      acceptor_.accept(socket, ec);
      if (stopping_) return;
      if (ec) continue;
      if (mode_ == Mode::plain) {
        serve(socket, "");
        continue;
      }
      ssl::stream<tcp::socket> stream(std::move(socket), *tls_);
      stream.handshake(ssl::stream_base::server, ec);
      if (ec) {
        ++failed_handshakes_;
        continue;
      }
      const char* sni = SSL_get_servername(stream.native_handle(), TLSEXT_NAMETYPE_host_name);
      serve(stream, sni ? sni : "");
    }
  }

  template <class Stream>
  void serve(Stream& stream, std::string sni) {
    beast::error_code ec;
    beast::flat_buffer buffer;
    bhttp::request<bhttp::string_body> request;
    bhttp::read(stream, buffer, request, ec);
    if (ec) return;
    Captured captured;
    captured.method = std::string(request.method_string());
    captured.target = std::string(request.target());
    captured.body = request.body();
    captured.sni = std::move(sni);
    for (const auto& field : request) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      captured.headers[name] = std::string(field.value());
    }
    bhttp::response<bhttp::string_body> response;
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(std::move(captured));
      response.result(static_cast<unsigned>(status_));
      for (const auto& [name, value] : answer_headers_) response.set(name, value);
    }
    response.version(11);
    response.body() = "{\"reason\":\"test push service\"}";
    response.prepare_payload();
    bhttp::write(stream, response, ec);
  }

  Mode mode_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::optional<ssl::context> tls_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> failed_handshakes_{0};
  mutable std::mutex mutex_;
  int status_ = 201;
  std::vector<std::pair<std::string, std::string>> answer_headers_;
  std::vector<Captured> requests_;
};

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
