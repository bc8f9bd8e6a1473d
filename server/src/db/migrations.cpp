#include "db/migrations.h"

#include <cstdlib>

#include "util/embedded_files.h"

namespace sotay::db {

namespace {

const std::vector<embedded::File>& migrations_for(Dialect d) {
  return d == Dialect::sqlite ? embedded::kSqliteMigrations : embedded::kPostgresMigrations;
}

int version_of(const embedded::File& f) { return std::atoi(std::string(f.name.substr(0, 4)).c_str()); }

void ensure_table(Database& db) {
  db.write([](Connection& c) {
    c.query(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at BIGINT NOT NULL)");
  });
}

int current_version(Database& db) {
  return db.read_value([](Connection& c) {
    return static_cast<int>(c.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").one().integer(0));
  });
}

}  // namespace

MigrationStatus migration_status(Database& db) {
  ensure_table(db);
  MigrationStatus s;
  s.current = current_version(db);
  for (const auto& f : migrations_for(db.dialect())) s.latest = std::max(s.latest, version_of(f));
  return s;
}

int migrate(Database& db) {
  auto status = migration_status(db);
  if (status.current > status.latest)
    throw SchemaTooNew("database schema is at version " + std::to_string(status.current) +
                       " but this sotay only knows up to " + std::to_string(status.latest) +
                       "; upgrade sotay before starting it on this database");
  int applied = 0;
  for (const auto& f : migrations_for(db.dialect())) {
    int v = version_of(f);
    if (v <= status.current) continue;
    db.write([&](Connection& c) {
      c.exec_script(f.text);
      c.query("INSERT INTO schema_migrations(version, name, applied_at) VALUES ($1, $2, $3)",
              {std::int64_t{v}, std::string(f.name), static_cast<std::int64_t>(std::time(nullptr))});
    });
    ++applied;
  }
  return applied;
}

}  // namespace sotay::db
