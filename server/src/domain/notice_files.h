// Files attached to notices (a plan, a form to fill in, a scanned decision). The committee uploads
// each file while writing the notice; sending the notice links the uploads to it in the same
// transaction that stores it, so recipients never see a notice whose files are missing. Type
// checks, size limit and content-addressed storage are those of document attachments
// (domain/attachments.h). Uploads never sent are removed after a day.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

#include "db/database.h"
#include "domain/actor.h"
#include "store/notice_files_store.h"

namespace sotay::notice_files {

inline constexpr std::size_t kMaxPerNotice = 10;
inline constexpr std::int64_t kUnsentKeptSeconds = 24 * 3600;

// An upload by someone who may send notices (committee, cell committee, admin; 403 otherwise).
// Audited. Refusals of the file itself as in attachments::check_upload (422, 413, 415).
store::NoticeFileRow upload(db::Database& db, const Actor& actor, const std::filesystem::path& files_dir,
                            std::string_view file_name, std::string_view bytes, std::int64_t now);

// The file for its uploader, a recipient of its notice, or someone who may follow the notice up;
// 404 for anyone else (and for an unknown id).
store::NoticeFileRow get(db::Database& db, const Actor& actor, std::int64_t id);

// Inside the transaction that stores (or corrects) the notice: links the actor's unsent uploads
// `ids` to it and returns them. 422 (field "files") when the notice would carry more than
// kMaxPerNotice, or one is unknown, someone else's or already sent.
std::vector<store::NoticeFileRow> attach(db::Connection& c, const Actor& actor, std::int64_t notice_id,
                                         const std::vector<std::int64_t>& ids);

// Inside the transaction that corrects the notice: removes files `ids` from it (a wrong file sent,
// or one that must no longer be handed out) and returns them; recipients can no longer download
// them. 422 (field "remove_files") when one is not a file of this notice. The bytes stay until
// remove_bytes_if_unused runs after the commit.
std::vector<store::NoticeFileRow> detach(db::Connection& c, std::int64_t notice_id, const std::vector<std::int64_t>& ids);
// After the commit that removed `files`: their bytes, where nothing else uses them.
void remove_bytes_if_unused(db::Database& db, const std::filesystem::path& files_dir,
                            const std::vector<store::NoticeFileRow>& files);

// Uploads never sent within kUnsentKeptSeconds: rows removed, and their bytes when no other row
// uses them. Returns how many. The background worker calls it with the other scheduled hooks.
int remove_unsent(db::Database& db, const std::filesystem::path& files_dir, std::int64_t now);

std::filesystem::path file_path(const std::filesystem::path& files_dir, const store::NoticeFileRow& f);

}  // namespace sotay::notice_files
