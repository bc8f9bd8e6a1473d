#pragma once
#include <memory>
#include <string>

#include "db/database.h"

namespace sotay::db {
std::unique_ptr<Database> open_postgres(const std::string& url, const OpenOptions& options);
}  // namespace sotay::db
