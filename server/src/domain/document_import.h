// `sotay import documents DIR`: every .txt, .pdf and .docx file of a folder becomes a document of
// the library (or updates the one imported from the same file name before: source_key), with its
// metadata from an optional metadata.csv or guessed from the text. Each file is imported on its
// own: one bad file is reported and the others still go in.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"
#include "domain/actor.h"

namespace sotay::document_import {

struct Metadata {
  std::string number;          // "294-QĐ/TW"
  std::string title;
  std::string kind = "khac";   // documents::kKinds
  std::string level = "base";  // documents::kLevels
  std::string issuer;
  std::string summary;
  std::optional<std::string> issued_on;  // YYYY-MM-DD
};

// What the first lines of a Party document say about it (the national emblem block, "Số …",
// "Hà Nội, ngày … tháng … năm …", the kind in capitals and the subject below it):
//   number  "Số 294-QĐ/TW" or a bare "294-QĐ/TW" near the top;
//   title   the kind line and the capitalised subject lines after it, in sentence case
//           ("Quy định thi hành Điều lệ Đảng"); else the first line; else the file name;
//   kind    from the title's first words (NGHỊ QUYẾT → nghi_quyet, QUY ĐỊNH → quy_dinh, …), else
//           from the number's code (-NQ/, -QĐ/, -HD/ …), else khac;
//   level   central when the number's issuer code ends in TW or the letterhead is central
//           (Trung ương, Đại hội đại biểu toàn quốc); province (TU, ThU, tỉnh ủy, thành ủy);
//           cell (CB, chi bộ); else base;
//   issued  "ngày 26 tháng 5 năm 2025" in the letterhead.
Metadata guess_metadata(std::string_view text, std::string_view file_name);

// The text of a .txt file as stored: UTF-8 checked (TableError-like Error otherwise), BOM and CR
// removed; a first line "SOURCE: …" (the test corpus's provenance line) and the blank line after
// it are dropped.
std::string clean_text_file(std::string bytes);

struct Options {
  std::optional<std::int64_t> owner_unit_id;    // empty: new documents go to the actor's unit (or the root)
  std::vector<std::int64_t> audience_unit_ids;  // empty: the owner's subtree (kept on re-import)
  bool publish = true;   // publish drafts (re-imports keep their state; withdrawn stays withdrawn)
  bool dry_run = false;  // read, guess and report; write nothing
  bool ocr = true;       // PDF pages without a text layer go through Tesseract
};

struct FileResult {
  std::string file;
  std::string action;  // created, updated, unchanged, failed (dry run: create, update)
  std::optional<std::int64_t> document_id;
  std::string state;   // the document's state afterwards
  std::size_t sections = 0;
  Metadata metadata;
  std::string error;   // Vietnamese, when failed
  double seconds = 0;
};

struct Report {
  std::vector<FileResult> files;
  std::vector<std::string> skipped;   // other files in the folder, not imported
  std::vector<std::string> warnings;  // metadata.csv rows for missing files, unknown columns
  std::size_t count(std::string_view action) const;
  bool ok() const { return count("failed") == 0; }
};

// Imports the folder's top-level .txt, .pdf and .docx files in name order; metadata.csv (columns
// file, number, title, kind, level, issued, and optionally issuer, summary; UTF-8 with a header
// row) overrides the guesses for the files it names. Each file is written in its own
// transaction(s); PDF and Word text is extracted here, synchronously. `on_file` is called after
// each file with its 1-based position and the number of files.
// Throws only when the folder or metadata.csv cannot be read.
Report import_directory(db::Database& db, const Actor& actor, const std::filesystem::path& dir, const Options& options,
                        const std::function<void(std::size_t, std::size_t, const FileResult&)>& on_file = {});

}  // namespace sotay::document_import
