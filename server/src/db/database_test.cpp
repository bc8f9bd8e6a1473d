#include "db/database.h"

#include <gtest/gtest.h>

#include "db/migrations.h"
#include "testing/test_db.h"

namespace sotay::db {
namespace {

TEST(DbPlaceholders, RewritesDollarParamsOutsideStrings) {
  EXPECT_EQ(rewrite_placeholders_for_sqlite("SELECT $1, '$2', $10"), "SELECT ?1, '$2', ?10");
}

TEST(DbDatabase, RoundTripsValuesAndNulls) {
  auto d = testing::fresh_database();
  d->write([](Connection& c) {
    c.query("INSERT INTO settings(key, value) VALUES ($1, $2)", {std::string("k"), std::string("Đảng ủy")});
  });
  auto v = d->read_value([](Connection& c) { return c.query("SELECT value, NULL, 42 FROM settings WHERE key = $1", {std::string("k")}); });
  ASSERT_EQ(v.rows.size(), 1u);
  EXPECT_EQ(v.rows[0].text(0), "Đảng ủy");
  EXPECT_TRUE(v.rows[0].is_null(1));
  EXPECT_EQ(v.rows[0].integer(2), 42);
}

TEST(DbDatabase, WriteRollsBackWhenTheFunctionThrows) {
  auto d = testing::fresh_database();
  EXPECT_THROW(d->write([](Connection& c) {
    c.query("INSERT INTO settings(key, value) VALUES ('a', 'b')");
    throw std::runtime_error("boom");
  }), std::runtime_error);
  auto n = d->read_value([](Connection& c) { return c.query("SELECT COUNT(*) FROM settings").one().integer(0); });
  EXPECT_EQ(n, 0);
}

TEST(DbDatabase, UniqueViolationsAreRecognized) {
  auto d = testing::fresh_database();
  d->write([](Connection& c) { c.query("INSERT INTO settings(key, value) VALUES ('a', 'b')"); });
  try {
    d->write([](Connection& c) { c.query("INSERT INTO settings(key, value) VALUES ('a', 'c')"); });
    FAIL() << "expected a unique violation";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::unique_violation);
  }
}

TEST(DbMigrations, AreIdempotentAndRefuseANewerSchema) {
  auto d = testing::fresh_database();
  EXPECT_EQ(migrate(*d), 0);
  auto st = migration_status(*d);
  EXPECT_EQ(st.current, st.latest);
  d->write([](Connection& c) {
    c.query("INSERT INTO schema_migrations(version, name, applied_at) VALUES (9999, 'future', 0)");
  });
  EXPECT_THROW(migrate(*d), SchemaTooNew);
}

}  // namespace
}  // namespace sotay::db
