// A small synchronous HTTP client for integration tests, and a `sotay serve` child process on
// loopback. Real sockets, real server binary: nothing is mocked.
#pragma once

#include <sys/types.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace sotay::testing {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lowercase names; Set-Cookie values joined by "\n"
  std::string body;
  nlohmann::json json() const;  // parsed body (discarded value if not JSON)
};

// One keep-alive connection with a cookie jar and the CSRF token of the last sign-in.
class Client {
 public:
  explicit Client(int port);
  ~Client();
  HttpResult request(const std::string& method, const std::string& target, const std::string& body = "",
                     const std::map<std::string, std::string>& headers = {});
  HttpResult get(const std::string& target) { return request("GET", target); }
  // JSON body, with the CSRF header when signed in.
  HttpResult send(const std::string& method, const std::string& target, const nlohmann::json& body);
  HttpResult post(const std::string& target, const nlohmann::json& body) { return send("POST", target, body); }
  HttpResult sign_in(const std::string& login, const std::string& password,
                     const std::optional<std::string>& totp = std::nullopt);

  std::string csrf;                               // from the last sign-in
  std::map<std::string, std::string> cookies;     // name → value
 private:
  struct Impl;
  Impl* impl_;
};

class ServerProcess {
 public:
  // Starts `sotay serve --port 0 --db URL`, waits until it listens. Extra args are appended.
  explicit ServerProcess(const std::string& db_url, const std::vector<std::string>& extra_args = {});
  ~ServerProcess();
  int port() const { return port_; }
  // Sends a signal and waits for the exit; returns the exit code (or 128+signal).
  int stop(int signal_number);
  std::string stderr_text() const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string log_path_;
};

// Runs the sotay binary with arguments; returns the exit code, output in *out (stdout+stderr).
int run_sotay(const std::vector<std::string>& args, std::string* out = nullptr);

// A new client of the server on `port`, signed in as `login` (a demo account by default);
// a failed sign-in fails the current test.
Client signed_in(int port, const std::string& login, const std::string& password = "SoTay@2026");

// Sends a request head alone (e.g. announcing a body too big to send) on a new connection and
// returns the raw response text, read until its JSON body ends or the server closes ("" when the
// connection failed). Waits at most 10 s.
std::string send_head_only(int port, const std::string& head);

// Every byte but letters, digits and . - _ as %XX (the X-File-Name header of uploads).
std::string percent_encode(std::string_view s);

// error.code and error.message of an error envelope; "" when the body is not one.
std::string error_code(const HttpResult& r);
std::string error_message(const HttpResult& r);

}  // namespace sotay::testing
