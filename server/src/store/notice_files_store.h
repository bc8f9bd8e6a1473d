// SQL for files attached to notices (table notice_files, migration 0005).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace sotay::store {

struct NoticeFileRow {
  std::int64_t id = 0;
  std::optional<std::int64_t> notice_id;  // nullopt: uploaded, not sent yet
  std::string file_name, content_type;
  std::int64_t size = 0;
  std::string sha256, storage_key;
  std::int64_t uploaded_by = 0;
  std::int64_t created_at = 0;
};

std::int64_t insert_notice_file(db::Connection& c, const NoticeFileRow& f);
std::optional<NoticeFileRow> find_notice_file(db::Connection& c, std::int64_t id);
// The files of each notice, in upload order (notices without files are absent).
std::map<std::int64_t, std::vector<NoticeFileRow>> files_of_notices(db::Connection& c,
                                                                    const std::vector<std::int64_t>& notice_ids);
// Links the account's unsent uploads `ids` to the notice; returns how many it linked (fewer than
// ids.size() when one is unknown, someone else's or already sent).
std::int64_t link_notice_files(db::Connection& c, std::int64_t notice_id, std::int64_t uploaded_by,
                               const std::vector<std::int64_t>& ids);
// Removes files `ids` from the notice (a correction took them back): deletes the rows of those that
// are the notice's, returns them (for their names and bytes).
std::vector<NoticeFileRow> delete_notice_files(db::Connection& c, std::int64_t notice_id,
                                               const std::vector<std::int64_t>& ids);
// Uploads never sent and older than `before`: deletes the rows, returns them (for their bytes).
std::vector<NoticeFileRow> delete_unsent_notice_files(db::Connection& c, std::int64_t before);
// The member is a recipient of the notice.
bool is_notice_recipient(db::Connection& c, std::int64_t notice_id, std::int64_t member_id);

}  // namespace sotay::store
