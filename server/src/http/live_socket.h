// Internal to http/: one accepted WebSocket on /api/v1/live, over a plain or TLS stream.
//
// Everything here runs on the socket's own io_context thread; the only entry points from other
// threads are send() and close_going_away(), which post. Beast allows one outstanding write, so
// outgoing messages wait in a bounded queue and a close frame is sent only between writes.
#pragma once

#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "http/asio.h"
#include "http/request_decoding.h"
#include "http/websocket_hub.h"

namespace sotay::http::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

inline constexpr std::size_t kMaxIncomingMessageBytes = 64 * 1024;
// How long a requested close may take before the TCP connection is simply dropped.
inline constexpr std::chrono::seconds kCloseHandshakeLimit{3};

inline std::string live_message(std::string_view type) {
  return nlohmann::ordered_json{{"type", type}, {"server_time", iso8601_utc(std::chrono::system_clock::now())}}.dump();
}

template <class NextLayer>
class LiveSocket final : public LiveConnection, public std::enable_shared_from_this<LiveSocket<NextLayer>> {
 public:
  LiveSocket(NextLayer&& next, std::int64_t account_id, WebSocketHub* hub)
      : LiveConnection(account_id),
        ws_(std::move(next)),
        heartbeat_timer_(ws_.get_executor()),
        close_timer_(ws_.get_executor()),
        hub_(hub) {}

  websocket::stream<NextLayer>& stream() { return ws_; }

  void send(std::shared_ptr<const std::string> json) override {
    asio::post(ws_.get_executor(), [self = this->shared_from_this(), json = std::move(json)]() mutable {
      self->enqueue(std::move(json));
    });
  }

  void close_going_away() override {
    asio::post(ws_.get_executor(), [self = this->shared_from_this()] {
      self->request_close(websocket::close_reason(websocket::close_code::going_away));
    });
  }

  void enqueue(std::shared_ptr<const std::string> json) {
    if (done_ || close_requested_) return;
    if (queue_.size() >= WebSocketHub::kMaxQueuedMessages) {
      // The client reads slower than we produce; it resynchronizes after reconnecting, which
      // is cheaper than letting its queue grow without bound.
      request_close(websocket::close_reason(websocket::close_code::policy_error, "slow consumer"));
      return;
    }
    queue_.push_back(std::move(json));
    pump();
  }

  void enqueue(std::string json) { enqueue(std::make_shared<const std::string>(std::move(json))); }

  void request_close(websocket::close_reason reason) {
    if (done_ || close_requested_) return;
    close_requested_ = true;
    close_reason_ = std::move(reason);
    queue_.clear();
    heartbeat_timer_.cancel();
    // A peer that never answers the close frame (or never drains the pending write) must not
    // keep the socket: drop it after a short wait.
    close_timer_.expires_after(kCloseHandshakeLimit);
    close_timer_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
      if (!ec) self->abort();
    });
    pump();
  }

  // Reads until the connection ends; answers {"type":"ping"}; closes on anything malformed.
  // A static coroutine taking the owner by value: lambdas with captures must not be coroutines.
  static asio::awaitable<void> read_loop(std::shared_ptr<LiveSocket> self) {
    beast::flat_buffer buffer;
    for (;;) {
      beast::error_code ec;
      co_await self->ws_.async_read(buffer, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) break;
      if (!self->ws_.got_text()) {
        self->request_close(websocket::close_reason(websocket::close_code::unknown_data, "text only"));
      } else {
        auto data = buffer.cdata();
        std::string_view text(static_cast<const char*>(data.data()), data.size());
        auto message = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
        if (message.is_discarded() || !message.is_object()) {
          self->request_close(websocket::close_reason(websocket::close_code::bad_payload, "invalid JSON"));
        } else if (auto type = message.find("type"); type != message.end() && *type == "ping") {
          self->enqueue(std::string(R"({"type":"pong"})"));
        }
        // Anything else is ignored: clients may be newer than the server.
      }
      buffer.consume(buffer.size());
    }
    self->finish();
  }

  static asio::awaitable<void> heartbeat_loop(std::shared_ptr<LiveSocket> self, std::chrono::milliseconds every) {
    for (;;) {
      beast::error_code ec;
      self->heartbeat_timer_.expires_after(every);
      co_await self->heartbeat_timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      if (ec || self->done_ || self->close_requested_) co_return;
      self->enqueue(live_message("heartbeat"));
    }
  }

  // Drops the TCP connection without a close handshake.
  void abort() {
    if (done_) return;
    done_ = true;
    queue_.clear();
    heartbeat_timer_.cancel();
    close_timer_.cancel();
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
  }

 private:
  void pump() {
    if (writing_ || done_) return;
    if (close_requested_) {
      if (close_sent_) return;
      close_sent_ = true;
      writing_ = true;
      ws_.async_close(close_reason_, [self = this->shared_from_this()](beast::error_code ec) {
        self->writing_ = false;
        // On success the pending read sees the peer's close answer and ends the session.
        if (ec) self->abort();
      });
      return;
    }
    if (queue_.empty()) return;
    // Taken off the queue before writing so the bound counts only messages still waiting and
    // clearing the queue can never free the buffer being written.
    auto message = std::move(queue_.front());
    queue_.pop_front();
    writing_ = true;
    ws_.text(true);
    ws_.async_write(asio::buffer(*message), [self = this->shared_from_this(), message](beast::error_code ec, std::size_t) {
      self->writing_ = false;
      if (ec) {
        self->abort();
        return;
      }
      self->pump();
    });
  }

  void finish() {
    done_ = true;
    queue_.clear();
    heartbeat_timer_.cancel();
    close_timer_.cancel();
    hub_->remove(this);
  }

  websocket::stream<NextLayer> ws_;
  asio::steady_timer heartbeat_timer_;
  asio::steady_timer close_timer_;
  WebSocketHub* hub_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  websocket::close_reason close_reason_;
  bool writing_ = false;
  bool close_requested_ = false;
  bool close_sent_ = false;
  bool done_ = false;
};

}  // namespace sotay::http::detail
