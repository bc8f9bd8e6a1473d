// Numbered migrations per dialect, embedded in the binary (server/src/db/migrations/<dialect>/).
#pragma once
#include <string>

#include "db/database.h"

namespace sotay::db {

struct MigrationStatus {
  int current = 0;  // version the database is at
  int latest = 0;   // newest version this binary knows
};

// Thrown when the database was migrated by a newer sotay: starting would risk corrupting it.
class SchemaTooNew : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

MigrationStatus migration_status(Database& db);
// Applies pending migrations, each in its own transaction. Returns how many ran.
int migrate(Database& db);

}  // namespace sotay::db
