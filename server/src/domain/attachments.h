// Files attached to library documents: upload (type sniffed from the bytes, content-addressed
// storage, all or nothing), who may see them, and where their bytes are.
//
// Storage: files_dir/<sha256 of the bytes>. An upload is written to a temporary file in files_dir
// and renamed into place in the same step that commits its row, so a file under its final name
// is always complete, and a refused or failed upload leaves neither a row nor a file.
// PDF and Word attachments get a `jobs` row (kind 'extract') in the same transaction; the
// background worker (domain/background_worker.h) reads their text.
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
#include "store/attachments_store.h"

namespace sotay::attachments {

inline constexpr std::size_t kMaxBytes = 50u << 20;  // 50 MiB, also the upload route's body limit
inline constexpr std::size_t kMaxFileNameChars = 200;
inline constexpr const char* kExtractJob = "extract";

// The name as shown and offered on download: the part after the last / or \, without control
// characters, leading dots or surrounding spaces, at most 200 characters (the extension kept).
// Throws 400 for invalid UTF-8. "" becomes "tep-dinh-kem".
std::string sanitize_file_name(std::string_view name);

// An upload that passed the checks: its name as stored (with the right extension), type and hash.
struct CheckedUpload {
  std::string file_name, content_type, sha256;
  std::int64_t size = 0;
  bool extractable = false;  // PDF or Word: its text can be read
};
// Refuses an empty file (422), one over kMaxBytes (413), or a type we do not keep or whose known
// extension disagrees with the bytes (415). Shared by every upload (documents, notices).
CheckedUpload check_upload(std::string_view file_name, std::string_view bytes);

// Stores the bytes under files_dir/<sha256> as the last step of the transaction in which
// `insert_rows` writes the rows that use them: both are kept, or neither.
void store_with_rows(db::Database& db, const std::filesystem::path& files_dir, const CheckedUpload& f,
                     std::string_view bytes, const std::function<void(db::Connection&)>& insert_rows);
// Removes files_dir/<storage_key> unless some attachment or notice file row still uses it.
void remove_if_unused(db::Database& db, const std::filesystem::path& files_dir, const std::string& storage_key);

// Adds a file to a document the actor may edit (404 when the document is unknown or invisible to
// the actor, 403 when the actor may read but not edit it). The type comes from the bytes: PDF,
// Word (.docx), PNG, JPEG or WebP, and a known extension must agree with it (415 otherwise);
// a name without a known extension gets the right one. PDF and Word files are queued for text
// extraction (extract_state 'pending'); images are stored as they are ('none').
store::AttachmentRow add_to_document(db::Database& db, const Actor& actor, const std::filesystem::path& files_dir,
                                     std::int64_t document_id, std::string_view file_name, std::string_view bytes);

// An attachment whose item the actor may read (published and in its audience) or edit; else 404.
store::AttachmentRow get(db::Database& db, const Actor& actor, std::int64_t id);

// The attachments of an item, in upload order (for the document's own JSON).
std::vector<store::AttachmentRow> of_item(db::Connection& c, const std::string& item_kind, std::int64_t item_id);

// Where the bytes are.
std::filesystem::path file_path(const std::filesystem::path& files_dir, const store::AttachmentRow& a);

}  // namespace sotay::attachments
