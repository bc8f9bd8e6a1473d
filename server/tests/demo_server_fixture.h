// The fixture shared by the integration suites that drive the small demo province over HTTP: one
// fresh database on the backend chosen by SOTAY_TEST_DB, the demo loaded, and one real
// `sotay serve` on loopback, all kept for the whole suite (loading the demo per test would cost
// seconds each). A suite that needs more before the server starts (a certificate, server flags)
// writes its own SetUpTestSuite around start_demo_server / stop_demo_server.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "db/database.h"
#include "db/migrations.h"
#include "demo/demo.h"
#include "test_client.h"
#include "testing/test_db.h"

namespace sotay::testing {

class DemoServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { start_demo_server(); }
  static void TearDownTestSuite() { stop_demo_server(); }

  // `server_args` are appended to `sotay serve`.
  static void start_demo_server(const std::vector<std::string>& server_args = {}) {
    url_ = fresh_database_url();
    db_ = db::open(url_);
    db::migrate(*db_);
    demo::LoadOptions options;
    options.strong_password_hash = false;  // the cheapest argon2id: tests sign in many times
    demo::load_demo(*db_, demo::Scale::small, options);
    server_ = std::make_unique<ServerProcess>(url_, server_args);
  }
  // The server first: it must stop before its database goes.
  static void stop_demo_server() {
    server_.reset();
    db_.reset();
    url_.clear();
  }

  static int port() { return server_->port(); }
  // A new client of the suite's server, signed in as a demo login.
  static Client signed_in(const std::string& login) { return testing::signed_in(port(), login); }
  // The first column of the one row `sql` returns, read straight from the suite's database.
  static std::int64_t scalar(const std::string& sql, const db::Params& params = {}) {
    return db_->read_value([&](db::Connection& c) { return c.query(sql, params).one().integer(0); });
  }
  // The unit of a committee login's grant (danguy: the base committee over dangvien's cell).
  static std::int64_t grant_unit(Client& c) {
    auto me = c.get("/api/v1/me").json();
    for (const auto& g : me["roles"])
      if (g["role"] != "member") return g["unit_id"].get<std::int64_t>();
    ADD_FAILURE() << "no committee grant: " << me.dump();
    return 0;
  }

  // One set for every suite derived from this: GoogleTest runs suites one after another, and each
  // fills these in its SetUpTestSuite and empties them in its TearDownTestSuite.
  static inline std::string url_;
  static inline std::unique_ptr<db::Database> db_;
  static inline std::unique_ptr<ServerProcess> server_;
};

}  // namespace sotay::testing
