// The sotay binary's subcommands: the contract later checks rely on, backup and restore on both
// backends, an import killed half-way, a schema from the future, graceful shutdown.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "db/database.h"
#include "db/migrations.h"
#include "demo/demo.h"
#include "test_client.h"
#include "testing/test_db.h"

namespace sotay::testing {
namespace {

std::int64_t count(const std::string& url, const std::string& sql) {
  auto d = db::open(url, {.pool_size = 1});
  return d->read_value([&](db::Connection& c) { return c.query(sql).one().integer(0); });
}

std::string demo_database() {
  auto url = fresh_database_url();
  auto d = db::open(url);
  db::migrate(*d);
  demo::load_demo(*d, demo::Scale::small);
  return url;
}

std::string temp_path(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("sotay-cli-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

TEST(Cli, EverySubcommandExplainsItsOptions) {
  for (const char* cmd : {"serve", "migrate", "demo", "import", "export", "backup"}) {
    std::string out;
    EXPECT_EQ(run_sotay({cmd, "--help"}, &out), 0) << cmd;
    EXPECT_NE(out.find("--db"), std::string::npos) << cmd << ": " << out;
    EXPECT_NE(out.find("SOTAY_DB"), std::string::npos) << cmd;
  }
  std::string out;
  EXPECT_EQ(run_sotay({"version"}, &out), 0);
  EXPECT_NE(out.find("sotay "), std::string::npos);
  EXPECT_NE(run_sotay({"serve", "--no-such-option"}, &out), 0);
  EXPECT_NE(out.find("unknown option"), std::string::npos);
}

TEST(Cli, UserCreateMakesAReadyAccount) {
  auto url = demo_database();
  std::string out;
  ASSERT_EQ(run_sotay({"user", "create", "--login", "kiemthu", "--password", "Mk@2026abc", "--role", "committee",
                       "--name", "Đỗ Văn Kiểm", "--unit", "SH-TP-01", "--db", url}, &out), 0) << out;
  EXPECT_NE(run_sotay({"user", "create", "--login", "admin2", "--password", "Mk@2026abc", "--role", "admin", "--db", url}, &out), 0);
  EXPECT_EQ(run_sotay({"user", "create", "--login", "admin2", "--password", "Mk@2026abc", "--role", "admin",
                       "--allow-admin", "--db", url}, &out), 0) << out;
  ServerProcess server(url);
  Client c(server.port());
  auto r = c.sign_in("kiemthu", "Mk@2026abc");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(r.json()["must_change_password"].get<bool>());
  auto me = c.get("/api/v1/me").json();
  EXPECT_EQ(me["member"]["full_name"], "Đỗ Văn Kiểm");
  EXPECT_EQ(me["unit"]["code"], "SH-TP-01");
  Client admin(server.port());
  ASSERT_EQ(admin.sign_in("admin2", "Mk@2026abc").status, 200);
  EXPECT_EQ(admin.get("/api/v1/audit").status, 200);  // whole-tree admin
}

TEST(Cli, ServerRefusesASchemaNewerThanItKnows) {
  auto url = demo_database();
  {
    auto d = db::open(url, {.pool_size = 1});
    d->write([](db::Connection& c) {
      c.query("INSERT INTO schema_migrations(version, name, applied_at) VALUES (9999, 'future', 0)");
    });
  }
  EXPECT_THROW(ServerProcess server(url), std::runtime_error);
  std::string out;
  EXPECT_EQ(run_sotay({"migrate", "--db", url}, &out), 3);
}

TEST(Cli, SigtermStopsGracefully) {
  auto url = demo_database();
  ServerProcess server(url);
  Client c(server.port());
  EXPECT_EQ(c.get("/readyz").status, 200);
  EXPECT_EQ(server.stop(SIGTERM), 0);
}

TEST(Cli, BackupCanBeRestored) {
  auto url = demo_database();
  auto members = count(url, "SELECT COUNT(*) FROM members");
  ASSERT_GT(members, 100);
  auto file = temp_path("backup-" + std::to_string(std::rand()));
  ServerProcess server(url);  // the copy is taken from a live database
  std::string out;
  ASSERT_EQ(run_sotay({"backup", "--db", url, "--out", file}, &out), 0) << out;
  if (testing_postgres()) {
    // Restore into a new database next to the test one.
    auto base = url.substr(0, url.rfind('/') + 1);
    auto restored = base + "sotay_restore_test";
    ASSERT_EQ(std::system(("psql -q '" + url + "' -c 'DROP DATABASE IF EXISTS sotay_restore_test' -c 'CREATE DATABASE sotay_restore_test'").c_str()), 0);
    ASSERT_EQ(std::system(("pg_restore --no-owner -d '" + restored + "' '" + file + "'").c_str()), 0);
    EXPECT_EQ(count(restored, "SELECT COUNT(*) FROM members"), members);
  } else {
    auto restored = temp_path("restored.db");
    std::filesystem::copy_file(file, restored, std::filesystem::copy_options::overwrite_existing);
    EXPECT_EQ(count(restored, "SELECT COUNT(*) FROM members"), members);
    std::string serve_out;
    ServerProcess on_restored(restored);
    Client c(on_restored.port());
    EXPECT_EQ(c.sign_in("dangvien", "SoTay@2026").status, 200);
  }
}

TEST(Cli, KilledImportLeavesTheDatabaseAsItWas) {
  auto url = demo_database();
  auto before = count(url, "SELECT COUNT(*) FROM members");
  auto csv = temp_path("big.csv");
  {
    std::ofstream f(csv);
    f << "Họ và tên,Ngày vào Đảng,Ngày chính thức,Số thẻ đảng viên,Mã chi bộ\n";
    for (int i = 0; i < 60000; ++i)
      f << "Nguyễn Văn Nhập " << char('A' + i % 26) << ",01/02/2010,01/02/2011," << (70000000 + i) << ",SH-TP-01-C0"
        << (1 + i % 2) << "\n";
  }
  auto log = temp_path("import.log");
  pid_t pid = ::fork();
  if (pid == 0) {
    std::freopen(log.c_str(), "w", stderr);
    std::freopen("/dev/null", "w", stdout);
    ::execl(SOTAY_BINARY, SOTAY_BINARY, "import", "members", csv.c_str(), "--unit", "SH-TP-01-C01", "--db",
            url.c_str(), static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  // Wait until it is writing rows, then kill it without warning.
  bool writing = false;
  for (int i = 0; i < 3000 && !writing; ++i) {
    std::ifstream in(log);
    std::stringstream s;
    s << in.rdbuf();
    writing = s.str().find("ghi 2000") != std::string::npos;
    if (!writing) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(writing) << "the import never reached the write phase";
  EXPECT_EQ(count(url, "SELECT COUNT(*) FROM members"), before);
  EXPECT_EQ(count(url, "SELECT COUNT(*) FROM memberships WHERE member_id NOT IN (SELECT id FROM members)"), 0);
  if (!testing_postgres()) {
    auto d = db::open(url, {.pool_size = 1});
    auto ok = d->read_value([](db::Connection& c) { return c.query("PRAGMA integrity_check").one().text(0); });
    EXPECT_EQ(ok, "ok");
  }
  // Running it again to the end works and the counts add up.
  std::string out;
  ASSERT_EQ(run_sotay({"import", "members", csv, "--unit", "SH-TP-01-C01", "--db", url}, &out), 0) << out.substr(0, 2000);
  EXPECT_EQ(count(url, "SELECT COUNT(*) FROM members"), before + 60000);
  EXPECT_EQ(count(url, "SELECT SUM(official + probationary) FROM unit_member_counts"),
            count(url, "SELECT COUNT(*) FROM members WHERE status IN ('official','probationary')"));
}

TEST(Cli, ExportWritesCsvAndXlsx) {
  auto url = demo_database();
  auto csv = temp_path("out.csv"), xlsx = temp_path("out.xlsx");
  std::string out;
  ASSERT_EQ(run_sotay({"export", "members", "--unit", "SH-TP", "--out", csv, "--db", url}, &out), 0) << out;
  ASSERT_EQ(run_sotay({"export", "members", "--unit", "SH-TP", "--out", xlsx, "--db", url}, &out), 0) << out;
  std::ifstream f(csv);
  std::stringstream s;
  s << f.rdbuf();
  EXPECT_NE(s.str().find("Họ và tên"), std::string::npos);
  EXPECT_GT(std::filesystem::file_size(xlsx), 1000u);
  // The exported file imports back as a dry run without errors (all rows update by card number).
  ASSERT_EQ(run_sotay({"import", "members", csv, "--unit", "SH-TP-01-C01", "--dry-run", "--db", url}, &out), 0)
      << out.substr(0, 3000);
}

}  // namespace
}  // namespace sotay::testing
