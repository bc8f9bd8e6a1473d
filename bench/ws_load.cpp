// sotay_ws_load: many authenticated WebSocket clients of GET /api/v1/live, on one thread.
//
//   sotay_ws_load --port P --tokens FILE [--host 127.0.0.1] [--connections N] [--parallel 64]
//                 [--connect-seconds 180] [--wait-seconds 30] [--linger-ms 1000] [--idle-seconds S]
//   sotay_ws_load --make-tokens N
//
// --make-tokens prints N new session tokens, one a line as "token <tab> sha256 hex", the hash the
// server keeps in sessions.token_hash (crypto::sha256_hex, as auth does), so a runner can insert
// sessions straight into the database and the clients skip N password hashes.
//
// Otherwise it opens --connections sockets (the first N tokens of FILE, whose lines start with a
// token), each with `Cookie: sotay_session=<token>`, --parallel handshakes at a time, and waits
// for each socket's {"type":"hello"}. Then it prints
//
//   ready <tab> connections=N open=M failed=F seconds=S
//
// and, by mode:
//
// live (default): reads lines from stdin. "sent <unix µs> <notice id>" says when the runner sent a
//   notice (the instant before its POST): every socket open at that moment should get one
//   {"type":"notice",…} message whose notice.id is that id. It waits until each did, or
//   --wait-seconds after the line, then --linger-ms more (a second copy would show up), and prints
//
//   live <tab> connections=N open_at_send=M received=R once=O duplicates=D missing=X closed=C
//        first_ms=… <tab> p50_ms=X <tab> p99_ms=Y <tab> max_ms=Z
//
//   latencies are arrival (taken when the read completes, wall clock) − the send instant, over
//   the sockets that received it; once = sockets that got exactly one copy.
// idle (--idle-seconds S): holds the sockets S seconds, answering the server's pings and counting
//   its heartbeats, and prints
//
//   idle <tab> connections=N open_at_start=M held=H closed=C seconds=S heartbeats_min=… heartbeats_max=…
//
// Either way, "reasons <tab> …" lists why sockets failed to open or closed (with counts), and the
// process exits 0 once it has printed its result (1 when it could not run at all).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unistd.h>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench_util.h"
#include "http/asio.h"
#include "util/crypto.h"

namespace {

using namespace sotay;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

struct Args {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string tokens_file;
  std::size_t connections = 0;  // 0: every token in the file
  int parallel = 64;
  double connect_seconds = 180;
  double wait_seconds = 30;
  int linger_ms = 1000;
  std::optional<double> idle_seconds;
  std::optional<std::size_t> make_tokens;
};

[[noreturn]] void usage(int code) {
  std::fprintf(code ? stderr : stdout,
               "usage: sotay_ws_load --port P --tokens FILE [--host H] [--connections N] [--parallel 64]\n"
               "                     [--connect-seconds 180] [--wait-seconds 30] [--linger-ms 1000] [--idle-seconds S]\n"
               "       sotay_ws_load --make-tokens N\n");
  std::exit(code);
}

Args parse(int argc, char** argv) {
  Args a;
  bench::parse_flags(argc, argv, usage, [&](const std::string& k, auto value) {
    if (k == "--host")
      a.host = value();
    else if (k == "--port")
      a.port = std::atoi(value().c_str());
    else if (k == "--tokens")
      a.tokens_file = value();
    else if (k == "--connections")
      a.connections = static_cast<std::size_t>(std::max(0L, std::atol(value().c_str())));
    else if (k == "--parallel")
      a.parallel = std::max(1, std::atoi(value().c_str()));
    else if (k == "--connect-seconds")
      a.connect_seconds = std::atof(value().c_str());
    else if (k == "--wait-seconds")
      a.wait_seconds = std::atof(value().c_str());
    else if (k == "--linger-ms")
      a.linger_ms = std::max(0, std::atoi(value().c_str()));
    else if (k == "--idle-seconds")
      a.idle_seconds = std::atof(value().c_str());
    else if (k == "--make-tokens")
      a.make_tokens = static_cast<std::size_t>(std::max(0L, std::atol(value().c_str())));
    else
      return false;
    return true;
  });
  if (!a.make_tokens && (a.port <= 0 || a.tokens_file.empty())) usage(2);
  return a;
}

std::int64_t now_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct Conn {
  explicit Conn(asio::io_context& io) : ws(io) {}
  websocket::stream<beast::tcp_stream> ws;
  beast::flat_buffer buffer;
  std::string token;
  bool open = false;    // hello received, not ended
  bool ended = false;   // failed to open, or closed after opening
  bool open_at_send = false;
  int heartbeats = 0;
  std::vector<std::pair<std::int64_t, std::int64_t>> notices;  // notice id, arrival (unix µs)
};

class Load {
 public:
  Load(Args args, std::vector<std::string> tokens) : a_(std::move(args)) {
    conns_.reserve(tokens.size());
    for (auto& t : tokens) {
      conns_.push_back(std::make_shared<Conn>(io_));
      conns_.back()->token = std::move(t);
    }
  }

  int run() {
    tcp::resolver resolver(io_);
    endpoint_ = *resolver.resolve(a_.host, std::to_string(a_.port)).begin();
    started_ = std::chrono::steady_clock::now();
    const int openers = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(a_.parallel), conns_.size()));
    openers_left_ = openers;
    for (int i = 0; i < openers; ++i) asio::co_spawn(io_, opener(), asio::detached);
    // Sockets still without a hello when the time is up count as failed.
    connect_deadline_.expires_after(std::chrono::milliseconds(static_cast<long>(a_.connect_seconds * 1000)));
    connect_deadline_.async_wait([this](beast::error_code ec) {
      if (ec) return;
      for (auto& c : conns_)
        if (!c->open && !c->ended) {
          fail(*c, "no hello within --connect-seconds");
          beast::error_code ignored;
          beast::get_lowest_layer(c->ws).socket().close(ignored);
        }
    });
    io_.run();
    return exit_code_;
  }

 private:
  awaitable<void> opener() {
    while (next_ < conns_.size()) {
      auto c = conns_[next_++];
      co_await open(c);
    }
    if (--openers_left_ == 0) all_attempted();
  }

  awaitable<void> open(std::shared_ptr<Conn> c) {
    beast::error_code ec;
    auto& tcp_layer = beast::get_lowest_layer(c->ws);
    tcp_layer.expires_after(std::chrono::seconds(30));
    co_await tcp_layer.async_connect(endpoint_, asio::redirect_error(use_awaitable, ec));
    if (ec) co_return fail(*c, "connect: " + ec.message());
    tcp_layer.expires_never();
    websocket::stream_base::timeout t{};
    t.handshake_timeout = std::chrono::seconds(30);
    t.idle_timeout = websocket::stream_base::none();
    t.keep_alive_pings = false;
    c->ws.set_option(t);
    c->ws.set_option(websocket::stream_base::decorator([token = c->token](websocket::request_type& req) {
      req.set(beast::http::field::cookie, "sotay_session=" + token);
      req.set(beast::http::field::user_agent, "sotay_ws_load");
    }));
    websocket::response_type response;
    co_await c->ws.async_handshake(response, a_.host + ":" + std::to_string(a_.port), "/api/v1/live",
                                   asio::redirect_error(use_awaitable, ec));
    if (ec) {
      std::string why = "handshake: " + ec.message();
      if (response.result_int() != 0 && response.result_int() != 101)
        why += " (HTTP " + std::to_string(response.result_int()) + ")";
      co_return fail(*c, why);
    }
    co_await c->ws.async_read(c->buffer, asio::redirect_error(use_awaitable, ec));
    if (ec) co_return fail(*c, "before hello: " + ec.message());
    auto text = beast::buffers_to_string(c->buffer.cdata());
    c->buffer.consume(c->buffer.size());
    if (text.find("\"hello\"") == std::string::npos) co_return fail(*c, "first message not a hello");
    c->open = true;
    ++open_;
    asio::co_spawn(io_, read_loop(c), asio::detached);
  }

  void fail(Conn& c, const std::string& why) {
    if (c.ended) return;
    c.ended = true;
    ++reasons_[why];
    ++failed_;
  }

  awaitable<void> read_loop(std::shared_ptr<Conn> c) {
    for (;;) {
      beast::error_code ec;
      co_await c->ws.async_read(c->buffer, asio::redirect_error(use_awaitable, ec));
      const auto at = now_us();
      if (ec) {
        std::string why = ec == websocket::error::closed
                              ? "closed by the server, code " + std::to_string(c->ws.reason().code) +
                                    (c->ws.reason().reason.empty() ? "" : " \"" + std::string(c->ws.reason().reason) + "\"")
                              : "read: " + ec.message();
        if (!finishing_) {
          ++reasons_[(ready_printed_ ? "after ready, " : "before ready, ") + why];
          if (ready_printed_) ++closed_;  // the ready line already counts the others as not open
        }
        c->open = false;
        c->ended = true;
        if (open_) --open_;
        check_done();
        co_return;
      }
      auto data = c->buffer.cdata();
      std::string_view text(static_cast<const char*>(data.data()), data.size());
      if (text.find("\"notice\"") != std::string::npos) {
        auto j = nlohmann::json::parse(text, nullptr, false);
        std::int64_t id = 0;
        if (j.is_object() && j.value("type", "") == "notice" && j.contains("notice") && j["notice"].is_object())
          id = j["notice"].value("id", std::int64_t{0});
        c->notices.emplace_back(id, at);
        check_done();
      } else if (text.find("\"heartbeat\"") != std::string::npos) {
        ++c->heartbeats;
      }
      c->buffer.consume(c->buffer.size());
    }
  }

  // Every socket has had its chance to open.
  void all_attempted() {
    connect_deadline_.cancel();
    const double seconds = bench::ms_since(started_) / 1000.0;
    std::printf("ready\tconnections=%zu open=%zu failed=%zu seconds=%.1f\n", conns_.size(), open_, failed_, seconds);
    std::fflush(stdout);
    ready_printed_ = true;
    if (a_.idle_seconds) {
      idle_open_at_start_ = open_;
      phase_timer_.expires_after(std::chrono::milliseconds(static_cast<long>(*a_.idle_seconds * 1000)));
      phase_timer_.async_wait([this](beast::error_code ec) {
        if (!ec) finish_idle();
      });
    } else {
      asio::co_spawn(io_, read_stdin(), asio::detached);
    }
  }

  awaitable<void> read_stdin() {
    asio::posix::stream_descriptor in(io_, ::dup(0));
    asio::streambuf buf;
    for (;;) {
      beast::error_code ec;
      co_await asio::async_read_until(in, buf, '\n', asio::redirect_error(use_awaitable, ec));
      if (ec) {
        // The runner went away without sending: report what there is.
        if (!sent_) {
          std::fprintf(stderr, "sotay_ws_load: stdin ended before a \"sent\" line\n");
          report_live();
        }
        co_return;
      }
      std::istream is(&buf);
      std::string word;
      is >> word;
      if (word == "sent" && !sent_) {
        long long at = 0, id = 0;
        is >> at >> id;
        sent_ = true;
        sent_at_us_ = at;
        notice_id_ = id;
        open_at_send_ = open_;
        for (auto& c : conns_) c->open_at_send = c->open;
        phase_timer_.expires_after(std::chrono::milliseconds(static_cast<long>(a_.wait_seconds * 1000)));
        phase_timer_.async_wait([this](beast::error_code ec) {
          if (!ec) linger();
        });
        check_done();
      } else if (word == "quit") {
        if (!sent_) report_live();
        co_return;
      }
      std::string rest;
      std::getline(is, rest);
    }
  }

  std::size_t copies(const Conn& c) const {
    return static_cast<std::size_t>(std::count_if(c.notices.begin(), c.notices.end(),
                                                  [&](const auto& n) { return n.first == notice_id_; }));
  }

  // After a "sent" line: done when every socket open at that moment has its copy (or has closed).
  void check_done() {
    if (!sent_ || lingering_) return;
    for (const auto& c : conns_)
      if (c->open_at_send && c->open && copies(*c) == 0) return;
    phase_timer_.cancel();
    linger();
  }

  void linger() {
    if (lingering_) return;
    lingering_ = true;
    phase_timer_.expires_after(std::chrono::milliseconds(a_.linger_ms));
    phase_timer_.async_wait([this](beast::error_code) { report_live(); });
  }

  void report_live() {
    finishing_ = true;
    std::vector<double> ms;
    std::size_t received = 0, once = 0, duplicates = 0, missing = 0;
    for (const auto& c : conns_) {
      if (!c->open_at_send) continue;
      const auto n = copies(*c);
      if (n == 0) {
        ++missing;
        continue;
      }
      ++received;
      if (n == 1) ++once;
      if (n > 1) ++duplicates;
      for (const auto& [id, at] : c->notices)
        if (id == notice_id_) {
          ms.push_back(static_cast<double>(at - sent_at_us_) / 1000.0);
          break;
        }
    }
    std::sort(ms.begin(), ms.end());
    std::printf("live\tconnections=%zu open_at_send=%zu received=%zu once=%zu duplicates=%zu missing=%zu closed=%zu "
                "first_ms=%.1f\tp50_ms=%.1f\tp99_ms=%.1f\tmax_ms=%.1f\n",
                conns_.size(), open_at_send_, received, once, duplicates, missing, closed_,
                ms.empty() ? 0.0 : ms.front(), bench::percentile(ms, 0.5), bench::percentile(ms, 0.99),
                ms.empty() ? 0.0 : ms.back());
    print_reasons();
    end();
  }

  void finish_idle() {
    finishing_ = true;
    int hb_min = -1, hb_max = 0;
    for (const auto& c : conns_)
      if (c->open) {
        hb_min = hb_min < 0 ? c->heartbeats : std::min(hb_min, c->heartbeats);
        hb_max = std::max(hb_max, c->heartbeats);
      }
    std::printf("idle\tconnections=%zu open_at_start=%zu held=%zu closed=%zu seconds=%.0f heartbeats_min=%d heartbeats_max=%d\n",
                conns_.size(), idle_open_at_start_, open_, closed_, *a_.idle_seconds, std::max(hb_min, 0), hb_max);
    print_reasons();
    end();
  }

  void print_reasons() {
    std::string s;
    for (const auto& [why, n] : reasons_) s += (s.empty() ? "" : "; ") + std::to_string(n) + "× " + why;
    std::printf("reasons\t%s\n", s.empty() ? "none" : s.c_str());
    std::fflush(stdout);
  }

  // Leaves without closing each socket (the server sees them all go at once, as after a crash of
  // the client's network); nothing else is left to do.
  void end() {
    std::fflush(stdout);
    std::fflush(stderr);
    std::_Exit(exit_code_);
  }

  Args a_;
  asio::io_context io_{1};
  tcp::endpoint endpoint_;
  std::vector<std::shared_ptr<Conn>> conns_;
  std::size_t next_ = 0;
  int openers_left_ = 0;
  std::size_t open_ = 0, failed_ = 0, closed_ = 0, open_at_send_ = 0, idle_open_at_start_ = 0;
  std::map<std::string, std::size_t> reasons_;
  std::chrono::steady_clock::time_point started_;
  asio::steady_timer connect_deadline_{io_};
  asio::steady_timer phase_timer_{io_};
  bool ready_printed_ = false, sent_ = false, lingering_ = false, finishing_ = false;
  std::int64_t sent_at_us_ = 0, notice_id_ = 0;
  int exit_code_ = 0;
};

std::vector<std::string> read_tokens(const std::string& path, std::size_t want) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line) && (want == 0 || out.size() < want);) {
    auto token = line.substr(0, line.find_first_of("\t ,"));
    if (!token.empty()) out.push_back(token);
  }
  if (out.empty()) throw std::runtime_error("no tokens in " + path);
  if (want && out.size() < want)
    throw std::runtime_error(path + " has " + std::to_string(out.size()) + " tokens, " + std::to_string(want) + " asked");
  return out;
}

int run(const Args& a) {
  if (a.make_tokens) {
    for (std::size_t i = 0; i < *a.make_tokens; ++i) {
      auto token = crypto::random_token(32);
      std::printf("%s\t%s\n", token.c_str(), crypto::sha256_hex(token).c_str());
    }
    return 0;
  }
  Load load(a, read_tokens(a.tokens_file, a.connections));
  return load.run();
}

}  // namespace

int main(int argc, char** argv) {
  return sotay::bench::run_main("sotay_ws_load", [&] { return run(parse(argc, argv)); });
}
