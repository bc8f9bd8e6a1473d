#include "testing/test_db.h"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

#include "db/migrations.h"

namespace sotay::testing {

namespace {
std::string env_url() {
  const char* v = std::getenv("SOTAY_TEST_DB");
  return v ? std::string(v) : std::string();
}
}  // namespace

bool testing_postgres() { return db::is_postgres_url(env_url()); }

std::string fresh_database_url() {
  if (testing_postgres()) {
    auto url = env_url();
    auto d = db::open(url, {.pool_size = 1});
    d->write([](db::Connection& c) {
      c.exec_script("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
    });
    return url;
  }
  static std::atomic<int> counter{0};
  auto dir = std::filesystem::temp_directory_path() /
             ("sotay-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto file = dir / ("db-" + std::to_string(counter++) + ".sqlite");
  std::filesystem::remove(file);
  std::filesystem::remove(file.string() + "-wal");
  std::filesystem::remove(file.string() + "-shm");
  return file.string();
}

std::unique_ptr<db::Database> fresh_database() {
  auto d = db::open(fresh_database_url());
  db::migrate(*d);
  return d;
}

}  // namespace sotay::testing
