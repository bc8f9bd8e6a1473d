// A fresh, migrated database for each test, on the backend chosen by SOTAY_TEST_DB:
// unset or empty → a new SQLite file in a temp folder; a postgres:// URL → that database with
// its public schema dropped and recreated. `make test` runs every suite once per backend.
#pragma once

#include <memory>
#include <string>

#include "db/database.h"

namespace sotay::testing {

bool testing_postgres();
// A URL for a brand-new empty database (not migrated). For SQLite a new file path.
std::string fresh_database_url();
// fresh_database_url(), opened and migrated.
std::unique_ptr<db::Database> fresh_database();

}  // namespace sotay::testing
