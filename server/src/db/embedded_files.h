#pragma once
#include <string_view>
#include <vector>

namespace sotay::db {
struct EmbeddedFile {
  std::string_view name;  // e.g. "0001_foundation.sql"
  std::string_view text;
};
extern const std::vector<EmbeddedFile> kSqliteMigrations;
extern const std::vector<EmbeddedFile> kPostgresMigrations;
}  // namespace sotay::db
