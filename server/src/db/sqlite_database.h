#pragma once
#include <memory>
#include <string>

#include "db/database.h"

namespace sotay::db {
std::unique_ptr<Database> open_sqlite(const std::string& path, const OpenOptions& options);
// Consistent copy of a live SQLite database through the online backup API.
void sqlite_backup(Database& db, const std::string& destination);
}  // namespace sotay::db
