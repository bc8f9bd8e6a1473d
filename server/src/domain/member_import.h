// Importing member records from CSV/XLSX against the documented template, and exporting them.
//
// An import is all-or-nothing: it runs in one transaction and only when every row is valid, so
// a file with bad rows, or a process killed half-way, leaves the database exactly as it was.
// Re-importing a file updates members matched by party card number instead of duplicating them.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "db/database.h"
#include "domain/actor.h"
#include "io/table.h"

namespace sotay::members {

struct TemplateColumn {
  const char* key;      // field name, e.g. "full_name"
  const char* header;   // Vietnamese header in the template, e.g. "Họ và tên"
  const char* help;     // what to write there
  bool required;
};
const std::vector<TemplateColumn>& template_columns();
// The template with its header and one fictional example row.
io::Table template_table();

struct RowError {
  std::size_t row = 0;      // 1-based line in the file, header = 1
  std::string column;       // Vietnamese header of the column, "" for the whole row
  std::string message;      // Vietnamese
};

struct ImportReport {
  bool dry_run = true;
  bool applied = false;        // true when the rows were written
  std::size_t total_rows = 0;  // data rows
  std::size_t valid_rows = 0;
  std::size_t to_insert = 0;   // new members
  std::size_t to_update = 0;   // matched by card number
  std::vector<RowError> errors;
  std::vector<std::string> ignored_columns;
};

// (phase, processed rows, total rows); phase is "check" while rows are validated, then "write".
// Called every few hundred rows and at the end of each phase.
using Progress = std::function<void(std::string_view, std::size_t, std::size_t)>;

// `unit_id` is the default unit for rows without a "Mã chi bộ"; rows naming a unit code must
// name a unit inside the actor's scope. With dry_run nothing is written.
ImportReport import_members(db::Database& db, const Actor& actor, std::int64_t unit_id, std::string_view file_bytes,
                            bool dry_run, const Progress& progress = {});

// All members of the unit's subtree (every status), in template column order plus the unit.
io::Table export_members(db::Database& db, const Actor& actor, std::int64_t unit_id);

}  // namespace sotay::members
