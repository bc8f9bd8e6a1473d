// A signed-in app's WebSocket on /api/v1/live, for integration tests against a real `sotay serve`
// (notices_api_test, push_api_test).
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "test_client.h"

namespace sotay::testing {

// Blocking; each read bounded by a timeout.
class LiveSocket {
 public:
  LiveSocket(int port, const Client& signed_in) : ws_(io_) {
    auto& tcp = boost::beast::get_lowest_layer(ws_);
    tcp.connect(
        boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
    std::string cookie;
    for (const auto& [name, value] : signed_in.cookies) cookie += (cookie.empty() ? "" : "; ") + name + "=" + value;
    ws_.set_option(boost::beast::websocket::stream_base::decorator(
        [cookie](boost::beast::websocket::request_type& req) { req.set(boost::beast::http::field::cookie, cookie); }));
    tcp.expires_after(std::chrono::seconds(5));
    ws_.handshake("127.0.0.1:" + std::to_string(port), "/api/v1/live");
    auto hello = next(std::chrono::seconds(5));
    EXPECT_EQ(hello.value("type", ""), "hello") << hello.dump();
  }
  // The next message other than a heartbeat, or a null json after `wait` (the blocking calls of
  // Beast ignore the stream's timeout, so the read is asynchronous and the context runs for `wait`).
  nlohmann::json next(std::chrono::milliseconds wait) {
    for (;;) {
      boost::beast::flat_buffer buffer;
      bool done = false;
      boost::beast::error_code result;
      ws_.async_read(buffer, [&](boost::beast::error_code ec, std::size_t) {
        result = ec;
        done = true;
      });
      io_.restart();
      io_.run_for(wait);
      if (!done) {
        boost::beast::get_lowest_layer(ws_).cancel();
        io_.restart();
        io_.run_for(std::chrono::seconds(1));
        return nlohmann::json();
      }
      if (result) return nlohmann::json();
      auto j = nlohmann::json::parse(boost::beast::buffers_to_string(buffer.data()), nullptr, false);
      if (j.value("type", "") != "heartbeat") return j;
    }
  }
  // The next notice message, skipping others.
  nlohmann::json next_notice(std::chrono::milliseconds wait) {
    auto until = std::chrono::steady_clock::now() + wait;
    while (std::chrono::steady_clock::now() < until) {
      auto j = next(std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now()));
      if (j.is_null()) return j;
      if (j.value("type", "") == "notice") return j;
    }
    return nlohmann::json();
  }

 private:
  boost::asio::io_context io_;
  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
};

}  // namespace sotay::testing
