#include "test_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

#include "http/asio.h"
#include "http/request_decoding.h"

#ifndef SOTAY_BINARY
#define SOTAY_BINARY "sotay"
#endif

namespace sotay::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

nlohmann::json HttpResult::json() const { return nlohmann::json::parse(body, nullptr, false); }

struct Client::Impl {
  asio::io_context ioc;
  beast::tcp_stream stream{ioc};
  int port;
  bool connected = false;
  void connect() {
    stream.close();
    stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
    connected = true;
  }
};

Client::Client(int port) : impl_(new Impl) { impl_->port = port; }
Client::~Client() { delete impl_; }

HttpResult Client::request(const std::string& method, const std::string& target, const std::string& body,
                           const std::map<std::string, std::string>& headers) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      if (!impl_->connected) impl_->connect();
      bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
      req.set(bhttp::field::host, "127.0.0.1");
      req.set(bhttp::field::user_agent, "sotay-tests");
      std::string cookie;
      for (const auto& [k, v] : cookies) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
      if (!cookie.empty()) req.set(bhttp::field::cookie, cookie);
      for (const auto& [k, v] : headers) req.set(k, v);
      req.body() = body;
      req.prepare_payload();
      impl_->stream.expires_after(std::chrono::seconds(60));
      bhttp::write(impl_->stream, req);
      beast::flat_buffer buf;
      bhttp::response_parser<bhttp::string_body> parser;
      parser.body_limit(256u << 20);
      bhttp::read(impl_->stream, buf, parser);
      auto res = parser.release();
      HttpResult out;
      out.status = static_cast<int>(res.result_int());
      for (const auto& f : res) {
        std::string name(f.name_string());
        for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        std::string value(f.value());
        if (name == "set-cookie") {
          auto eq = value.find('='), semi = value.find(';');
          auto cname = value.substr(0, eq);
          auto cval = value.substr(eq + 1, semi == std::string::npos ? std::string::npos : semi - eq - 1);
          if (value.find("Max-Age=0") != std::string::npos || cval.empty())
            cookies.erase(cname);
          else
            cookies[cname] = cval;
        }
        auto& slot = out.headers[name];
        slot += (slot.empty() ? "" : "\n") + value;
      }
      out.body = std::move(res.body());
      if (!res.keep_alive()) impl_->connected = false;
      return out;
    } catch (const std::exception&) {
      impl_->connected = false;  // the server closed a kept-alive connection: reconnect once
      if (attempt == 1) throw;
    }
  }
  return {};
}

HttpResult Client::send(const std::string& method, const std::string& target, const nlohmann::json& body) {
  std::map<std::string, std::string> h{{"Content-Type", "application/json"}};
  if (!csrf.empty()) h["X-CSRF-Token"] = csrf;
  return request(method, target, body.dump(), h);
}

HttpResult Client::sign_in(const std::string& login, const std::string& password,
                           const std::optional<std::string>& totp) {
  nlohmann::json body = {{"login", login}, {"password", password}};
  if (totp) body["totp"] = *totp;
  auto r = request("POST", "/api/v1/session", body.dump(), {{"Content-Type", "application/json"}});
  if (r.status == 200) csrf = r.json().value("csrf_token", "");
  return r;
}

ServerProcess::ServerProcess(const std::string& db_url, const std::vector<std::string>& extra_args) {
  char tmpl[] = "/tmp/sotay-server-XXXXXX";
  int fd = ::mkstemp(tmpl);
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  ::close(fd);
  log_path_ = tmpl;
  pid_ = ::fork();
  if (pid_ == 0) {
    std::freopen(log_path_.c_str(), "w", stderr);
    std::freopen("/dev/null", "w", stdout);  // access log
    std::vector<std::string> args = {SOTAY_BINARY, "serve", "--port", "0", "--bind", "127.0.0.1", "--db", db_url,
                                     "--web", ""};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    std::_Exit(127);
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    auto text = stderr_text();
    auto at = text.find("listening on http");
    if (at != std::string::npos) {
      auto colon = text.find(':', text.find("://", at) + 3);
      port_ = std::stoi(text.substr(colon + 1));
      return;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("sotay serve exited early: " + text);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("sotay serve did not start: " + stderr_text());
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) stop(SIGKILL);
  if (!std::getenv("SOTAY_KEEP_TEST_LOGS")) std::remove(log_path_.c_str());
}

int ServerProcess::stop(int signal_number) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, signal_number);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + WTERMSIG(status);
}

std::string ServerProcess::stderr_text() const {
  std::ifstream in(log_path_);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int run_sotay(const std::vector<std::string>& args, std::string* out) {
  std::string cmd = SOTAY_BINARY;
  for (const auto& a : args) {
    cmd += " '";
    for (char c : a) {
      if (c == '\'') cmd += "'\\''";
      else cmd.push_back(c);
    }
    cmd += "'";
  }
  cmd += " 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return -1;
  std::string text;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
  int status = ::pclose(p);
  if (out) *out = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

Client signed_in(int port, const std::string& login, const std::string& password) {
  Client c(port);
  auto r = c.sign_in(login, password);
  EXPECT_EQ(r.status, 200) << login << ": " << r.body;
  return c;
}

std::string percent_encode(std::string_view s) { return http::percent_encode(s, ".-_"); }

std::string send_head_only(int port, const std::string& head) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string response;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::send(fd, head.data(), head.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(head.size())) {
    char buf[4096];
    for (;;) {
      auto n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      response.append(buf, static_cast<std::size_t>(n));
      if (auto end = response.find("\r\n\r\n"); end != std::string::npos && response.find('}', end) != std::string::npos)
        break;
    }
  }
  ::close(fd);
  return response;
}

std::string error_code(const HttpResult& r) {
  auto j = r.json();
  return j.is_object() && j.contains("error") ? j["error"].value("code", "") : "";
}

std::string error_message(const HttpResult& r) {
  auto j = r.json();
  return j.is_object() && j.contains("error") ? j["error"].value("message", "") : "";
}

}  // namespace sotay::testing
