// A small push service for tests: HTTPS (or plain HTTP) on 127.0.0.1 with a self-signed
// certificate made here, which records each request and answers with the status the test asks
// for. Used by http/push_client_test (PushClient alone) and tests/push_api_test (a real
// `sotay serve` started with --push-ca). Header-only: both test executables link Boost and
// OpenSSL through sotay_web.
//
// Create a Receiver after forking any child process (ServerProcess): Asio does not open its
// sockets close-on-exec, so a child would keep the listening socket open.
#pragma once

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "http/asio.h"

namespace sotay::testing {

namespace push_receiver_detail {

template <auto Free>
struct Deleter {
  template <class T>
  void operator()(T* p) const {
    Free(p);
  }
};

inline void close_file(FILE* f) { std::fclose(f); }

}  // namespace push_receiver_detail

struct CertFiles {
  std::string cert, key;
};

// A self-signed P-256 certificate valid for `alt_names` (OpenSSL SAN syntax, e.g.
// "DNS:localhost,IP:127.0.0.1"); it is its own CA, so a client trusts it as its CA file. Written
// to dir/name.crt and dir/name.key.
inline CertFiles make_certificate(const std::filesystem::path& dir, const std::string& name,
                                  const std::string& alt_names) {
  using push_receiver_detail::Deleter;
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
  std::unique_ptr<FILE, Deleter<push_receiver_detail::close_file>> cert_file(std::fopen(files.cert.c_str(), "w"));
  std::unique_ptr<FILE, Deleter<push_receiver_detail::close_file>> key_file(std::fopen(files.key.c_str(), "w"));
  if (!cert_file || !key_file || PEM_write_X509(cert_file.get(), cert.get()) != 1 ||
      PEM_write_PrivateKey(key_file.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
    throw std::runtime_error("cannot write test certificate");
  return files;
}

// One request as the push service saw it.
struct Captured {
  std::string method, target, body, sni;
  std::map<std::string, std::string> headers;  // lowercased names
};

// One connection at a time on a thread of its own, blocking I/O: enough for a client that sends
// one request per connection.
class Receiver {
 public:
  enum class Mode { tls, plain };

  // `cert` is only read here (Mode::tls); nullptr for Mode::plain.
  Receiver(Mode mode, const CertFiles* cert) : mode_(mode), acceptor_(io_) {
    tcp::endpoint where(boost::asio::ip::make_address("127.0.0.1"), 0);
    acceptor_.open(where.protocol());
    acceptor_.set_option(tcp::acceptor::reuse_address(true));
    acceptor_.bind(where);
    acceptor_.listen();
    if (mode_ == Mode::tls) {
      tls_.emplace(boost::asio::ssl::context::tls_server);
      tls_->use_certificate_chain_file(cert->cert);
      tls_->use_private_key_file(cert->key, boost::asio::ssl::context::pem);
    }
    thread_ = std::thread([this] { loop(); });
  }

  ~Receiver() {
    stopping_ = true;
    // Wake the blocking accept with a connection of our own.
    boost::beast::error_code ec;
    boost::asio::io_context wake_io;
    tcp::socket wake(wake_io);
    wake.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port()), ec);
    thread_.join();
  }

  Receiver(const Receiver&) = delete;
  Receiver& operator=(const Receiver&) = delete;

  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

  // The status (and extra headers) of every answer from now on; 201 until told otherwise.
  void answer(int status, std::vector<std::pair<std::string, std::string>> headers = {}) {
    std::lock_guard lock(mutex_);
    status_ = status;
    answer_headers_ = std::move(headers);
  }

  std::vector<Captured> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

  // The requests once there are at least `count` of them, or what arrived within `wait`.
  std::vector<Captured> wait_for_requests(std::size_t count, std::chrono::milliseconds wait) const {
    std::unique_lock lock(mutex_);
    arrived_.wait_for(lock, wait, [&] { return requests_.size() >= count; });
    return requests_;
  }

  int failed_handshakes() const { return failed_handshakes_; }

 private:
  using tcp = boost::asio::ip::tcp;

  void loop() {
    while (true) {
      tcp::socket socket(io_);
      boost::beast::error_code ec;
      acceptor_.accept(socket, ec);
      if (stopping_) return;
      if (ec) continue;
      if (mode_ == Mode::plain) {
        serve(socket, "");
        continue;
      }
      boost::asio::ssl::stream<tcp::socket> stream(std::move(socket), *tls_);
      stream.handshake(boost::asio::ssl::stream_base::server, ec);
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
    namespace bhttp = boost::beast::http;
    boost::beast::error_code ec;
    boost::beast::flat_buffer buffer;
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
    arrived_.notify_all();
    response.version(11);
    response.body() = "{\"reason\":\"test push service\"}";
    response.prepare_payload();
    bhttp::write(stream, response, ec);
  }

  Mode mode_;
  boost::asio::io_context io_;
  tcp::acceptor acceptor_;
  std::optional<boost::asio::ssl::context> tls_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> failed_handshakes_{0};
  mutable std::mutex mutex_;
  mutable std::condition_variable arrived_;
  int status_ = 201;
  std::vector<std::pair<std::string, std::string>> answer_headers_;
  std::vector<Captured> requests_;
};

}  // namespace sotay::testing
