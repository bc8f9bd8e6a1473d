// The push client over Beast: one coroutine per send on a private io_context, run on the
// caller's thread, so a slow push service only ever blocks the worker that called send().
#include "http/push_client.h"

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include <ctime>
#include <exception>
#include <stdexcept>
#include <string_view>

#include "http/asio.h"
#include "http/tls_context.h"
#include "util/web_push_crypto.h"

namespace sotay::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kMaxResponseHeaderBytes = 16 * 1024;
constexpr std::size_t kMaxTopicLength = 32;
constexpr std::size_t kMaxReasonLength = 80;
constexpr char kUserAgent[] = "sotay-push";

PushResult refused(std::string why) {
  PushResult out;
  out.error = std::move(why);
  return out;
}

bool is_base64url_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// Header values reach the wire as they are; a CR or LF would let them forge headers.
bool is_header_safe(std::string_view value) {
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7f) return false;
  }
  return true;
}

// The server's reason phrase goes into our log; keep it printable and short.
std::string log_safe(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, kMaxReasonLength)) {
    auto u = static_cast<unsigned char>(c);
    out.push_back(u >= 0x20 && u < 0x7f ? c : '?');
  }
  return out;
}

// RFC 9110 §10.2.3: delta-seconds or an IMF-fixdate; anything else is ignored.
std::optional<int> parse_retry_after(std::string_view value) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  bool digits = true;
  for (char c : value) digits = digits && c >= '0' && c <= '9';
  if (digits) {
    if (value.size() > 9) return std::nullopt;
    return std::stoi(std::string(value));
  }
  std::tm tm{};
  std::string text(value);
  const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  std::time_t when = timegm(&tm);
  std::time_t now = std::time(nullptr);
  if (when <= now) return 0;
  if (when - now > 365L * 24 * 3600) return std::nullopt;
  return static_cast<int>(when - now);
}

std::string tls_failure(SSL* ssl, std::string_view host, const beast::error_code& ec) {
  std::string out = "TLS handshake with " + std::string(host) + " failed: " + ec.message();
  long verify = SSL_get_verify_result(ssl);
  if (verify != X509_V_OK) out += std::string(" (certificate: ") + X509_verify_cert_error_string(verify) + ")";
  return out;
}

struct Exchange {
  const webpush::PushEndpoint* endpoint;
  const PushMessage* message;
  ssl::context* tls;  // null for http://
  Clock::time_point deadline;
  std::chrono::milliseconds timeout;
};

std::string timed_out_or(const Exchange& ex, const beast::error_code& ec, std::string_view phase,
                         std::string otherwise) {
  if (ec == beast::error::timeout)
    return "timed out after " + std::to_string(ex.timeout.count()) + " ms " + std::string(phase);
  return otherwise;
}

bhttp::request<bhttp::string_body> build_request(const Exchange& ex) {
  const PushMessage& m = *ex.message;
  bhttp::request<bhttp::string_body> req{bhttp::verb::post, ex.endpoint->target, 11};
  std::string origin = ex.endpoint->origin();
  req.set(bhttp::field::host, origin.substr(ex.endpoint->scheme.size() + 3));
  req.set(bhttp::field::user_agent, kUserAgent);
  req.set("TTL", std::to_string(m.ttl_seconds < 0 ? 0 : m.ttl_seconds));
  req.set("Urgency", m.urgency);
  if (!m.topic.empty()) req.set("Topic", m.topic);
  req.set(bhttp::field::authorization, m.authorization);
  // RFC 8030 §5: a push without payload carries no content coding.
  if (!m.body.empty()) {
    req.set(bhttp::field::content_encoding, "aes128gcm");
    req.set(bhttp::field::content_type, "application/octet-stream");
  }
  req.set(bhttp::field::connection, "close");
  req.body() = m.body;
  req.prepare_payload();
  return req;
}

// Writes the request and reads only the response header: the status and Retry-After are all a
// sender acts on, and skipping the body means a push service's error page cannot stall us.
template <class Stream>
awaitable<PushResult> post(Stream& stream, const Exchange& ex) {
  beast::error_code ec;
  auto request = build_request(ex);
  co_await bhttp::async_write(stream, request, asio::redirect_error(use_awaitable, ec));
  if (ec)
    co_return refused(timed_out_or(ex, ec, "while sending the request", "sending the request failed: " + ec.message()));

  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::empty_body> parser;
  parser.header_limit(kMaxResponseHeaderBytes);
  co_await bhttp::async_read_header(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
  if (ec)
    co_return refused(
        timed_out_or(ex, ec, "while waiting for the answer", "reading the answer failed: " + ec.message()));

  const auto& response = parser.get();
  PushResult out;
  out.status = static_cast<int>(response.result_int());
  // Through data()/size(): Beast's string_view is boost's unless BOOST_BEAST_USE_STD_STRING_VIEW.
  auto reason = response.reason();
  if (out.status < 200 || out.status > 299)
    out.error = "push service answered " + std::to_string(out.status) + " " +
                log_safe(std::string_view(reason.data(), reason.size()));
  if (auto it = response.find(bhttp::field::retry_after); it != response.end())
    out.retry_after_seconds = parse_retry_after(std::string_view(it->value().data(), it->value().size()));
  co_return out;
}

awaitable<PushResult> exchange(Exchange ex) {
  auto executor = co_await asio::this_coro::executor;
  const webpush::PushEndpoint& endpoint = *ex.endpoint;
  const std::string where = endpoint.origin().substr(endpoint.scheme.size() + 3);
  beast::error_code ec;

  tcp::resolver resolver(executor);
  auto addresses = co_await resolver.async_resolve(endpoint.host, std::to_string(endpoint.port),
                                                   asio::redirect_error(use_awaitable, ec));
  if (ec) co_return refused("could not resolve " + endpoint.host + ": " + ec.message());
  if (Clock::now() >= ex.deadline)
    co_return refused(timed_out_or(ex, beast::error::timeout, "while resolving the host name", ""));

  if (!ex.tls) {
    beast::tcp_stream stream(executor);
    stream.expires_at(ex.deadline);
    co_await stream.async_connect(addresses, asio::redirect_error(use_awaitable, ec));
    if (ec)
      co_return refused(
          timed_out_or(ex, ec, "while connecting", "could not connect to " + where + ": " + ec.message()));
    co_return co_await post(stream, ex);
  }

  beast::ssl_stream<beast::tcp_stream> stream(executor, *ex.tls);
  SSL* ssl_handle = stream.native_handle();
  // RFC 6066 forbids an IP address as SNI; the certificate is then checked against the address.
  beast::error_code not_ip;
  asio::ip::make_address(endpoint.host, not_ip);
  bool is_ip = !not_ip;
  X509_VERIFY_PARAM* verify = SSL_get0_param(ssl_handle);
  X509_VERIFY_PARAM_set_hostflags(verify, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
  bool names_set = is_ip ? X509_VERIFY_PARAM_set1_ip_asc(verify, endpoint.host.c_str()) == 1
                         : SSL_set_tlsext_host_name(ssl_handle, endpoint.host.c_str()) == 1 &&
                               X509_VERIFY_PARAM_set1_host(verify, endpoint.host.c_str(), 0) == 1;
  if (!names_set) co_return refused("cannot set up TLS name checks for " + endpoint.host);

  auto& tcp_layer = beast::get_lowest_layer(stream);
  tcp_layer.expires_at(ex.deadline);
  co_await tcp_layer.async_connect(addresses, asio::redirect_error(use_awaitable, ec));
  if (ec)
    co_return refused(timed_out_or(ex, ec, "while connecting", "could not connect to " + where + ": " + ec.message()));
  co_await stream.async_handshake(ssl::stream_base::client, asio::redirect_error(use_awaitable, ec));
  if (ec) co_return refused(timed_out_or(ex, ec, "during the TLS handshake", tls_failure(ssl_handle, where, ec)));
  // No TLS close_notify afterwards: "Connection: close" was sent and the answer is in, so the
  // socket just closes rather than waiting on a peer that may never reply.
  co_return co_await post(stream, ex);
}

}  // namespace

struct PushClient::Impl {
  Options options;
  std::optional<ssl::context> tls;
};

PushClient::PushClient(Options options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  auto& tls = impl_->tls.emplace(tls_context(ssl::context::tls_client));
  beast::error_code ec;
  if (impl_->options.ca_file.empty()) {
    tls.set_default_verify_paths(ec);
    if (ec) throw std::runtime_error("push client: cannot load the system CA store: " + ec.message());
  } else {
    tls.load_verify_file(impl_->options.ca_file, ec);
    if (ec)
      throw std::runtime_error("push client: cannot load CA file '" + impl_->options.ca_file + "': " + ec.message());
  }
  tls.set_verify_mode(ssl::verify_peer);
}

PushClient::~PushClient() = default;
PushClient::PushClient(PushClient&&) noexcept = default;
PushClient& PushClient::operator=(PushClient&&) noexcept = default;

PushResult PushClient::send(const PushMessage& message) {
  auto endpoint = webpush::parse_push_endpoint(message.endpoint);
  if (!endpoint) return refused("the endpoint is not a valid https URL");
  if (endpoint->scheme != "https" && !impl_->options.allow_http)
    return refused("the endpoint is not https (" + endpoint->host + ")");
  const std::string& urgency = message.urgency;
  if (urgency != "very-low" && urgency != "low" && urgency != "normal" && urgency != "high")
    return refused("urgency must be very-low, low, normal or high");
  if (message.topic.size() > kMaxTopicLength) return refused("the topic is longer than 32 characters");
  for (char c : message.topic)
    if (!is_base64url_char(c)) return refused("the topic may only use the base64url alphabet");
  if (message.authorization.empty() || !is_header_safe(message.authorization))
    return refused("the Authorization value is empty or has control characters");

  Exchange ex{&*endpoint, &message, endpoint->scheme == "https" ? &*impl_->tls : nullptr,
              Clock::now() + impl_->options.timeout, impl_->options.timeout};
  asio::io_context io(1);
  PushResult result;
  std::exception_ptr failure;
  asio::co_spawn(io, exchange(ex), [&result, &failure](std::exception_ptr e, PushResult r) {
    if (e) {
      failure = e;
    } else {
      result = std::move(r);
    }
  });
  io.run();
  if (failure) {
    // Beast reports network trouble through error codes; an exception here is a bug or out of
    // memory, still reported as "no answer" so the worker keeps going.
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      return refused(std::string("push client internal error: ") + e.what());
    } catch (...) {
      return refused("push client internal error");
    }
  }
  return result;
}

}  // namespace sotay::http
