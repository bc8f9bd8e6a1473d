// Text files compiled into the binary (cmake/embed_files.cmake), so the one binary carries its
// migrations and API description with nothing to deploy beside it.
#pragma once
#include <string_view>
#include <vector>

namespace sotay::embedded {
struct File {
  std::string_view name;  // e.g. "0001_foundation.sql"
  std::string_view text;
};
extern const std::vector<File> kSqliteMigrations;    // server/src/db/migrations/sqlite/
extern const std::vector<File> kPostgresMigrations;  // server/src/db/migrations/postgres/
extern const std::vector<File> kApiDocuments;        // server/src/api/openapi.json
extern const std::vector<File> kDemoLibrary;         // server/src/demo/library/{documents,news}/
}  // namespace sotay::embedded
