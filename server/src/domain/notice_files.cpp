#include "domain/notice_files.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "domain/attachments.h"
#include "domain/audit.h"
#include "domain/errors.h"
#include "domain/notices.h"
#include "store/notices_store.h"

namespace sotay::notice_files {

namespace fs = std::filesystem;

namespace {

// The unit recorded in the audit log for an upload: the deepest unit the actor sends for.
std::optional<std::int64_t> sending_unit(const Actor& actor) {
  const Grant* best = nullptr;
  for (const auto& g : actor.grants)
    if ((g.role == Role::committee || g.role == Role::cell_committee || g.role == Role::admin) &&
        (!best || g.unit_path.size() > best->unit_path.size()))
      best = &g;
  return best ? best->unit_id : std::nullopt;
}

// The ids once each, in order (for binary_search and for counting what the statement touched).
std::vector<std::int64_t> sorted_unique(std::vector<std::int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace

store::NoticeFileRow upload(db::Database& db, const Actor& actor, const fs::path& files_dir,
                            std::string_view file_name, std::string_view bytes, std::int64_t now) {
  if (actor.account_id == 0 || !notices::may_send(actor)) throw Error(ErrorCode::forbidden, "Bạn không có quyền gửi thông báo.");
  const auto checked = attachments::check_upload(file_name, bytes);
  store::NoticeFileRow f;
  f.file_name = checked.file_name;
  f.content_type = checked.content_type;
  f.size = checked.size;
  f.sha256 = checked.sha256;
  f.storage_key = checked.sha256;
  f.uploaded_by = actor.account_id;
  f.created_at = now;
  attachments::store_with_rows(db, files_dir, checked, bytes, [&](db::Connection& c) {
    f.id = store::insert_notice_file(c, f);
    audit::record(c, actor, "notice_file.upload", "notice_file", f.id, sending_unit(actor), nullptr,
                  {{"file_name", f.file_name}, {"content_type", f.content_type}, {"size", f.size}, {"sha256", f.sha256}});
  });
  return f;
}

store::NoticeFileRow get(db::Database& db, const Actor& actor, std::int64_t id) {
  return db.read_value([&](db::Connection& c) {
    auto f = store::find_notice_file(c, id);
    if (!f) throw not_found("Không tìm thấy tệp đính kèm.");
    if (actor.account_id != 0 && f->uploaded_by == actor.account_id) return *f;
    if (f->notice_id) {
      if (actor.member_id && store::is_notice_recipient(c, *f->notice_id, *actor.member_id)) return *f;
      if (auto n = store::find_notice(c, *f->notice_id); n && notices::may_follow(actor, *n)) return *f;
    }
    throw not_found("Không tìm thấy tệp đính kèm.");
  });
}

std::vector<store::NoticeFileRow> attach(db::Connection& c, const Actor& actor, std::int64_t notice_id,
                                         const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return {};
  const auto unique = sorted_unique(ids);
  // Linked first, then counted in one read with what the notice already had; a refusal rolls
  // the link back with the rest of the transaction.
  if (store::link_notice_files(c, notice_id, actor.account_id, unique) != static_cast<std::int64_t>(unique.size()))
    throw Error(ErrorCode::validation_failed, "Có tệp đính kèm không còn dùng được.",
                {{"files", "Tệp đã gửi kèm thông báo khác, đã quá một ngày hoặc không phải do bạn tải lên. "
                           "Hãy tải tệp lên lại."}});
  auto linked = std::move(store::files_of_notices(c, {notice_id})[notice_id]);
  if (linked.size() > kMaxPerNotice) {
    const auto already = linked.size() - unique.size();
    throw Error(ErrorCode::validation_failed, "Đính kèm quá nhiều tệp.",
                {{"files", "Tối đa " + std::to_string(kMaxPerNotice) + " tệp mỗi thông báo" +
                               (already ? " (đã có " + std::to_string(already) + " tệp)." : ".")}});
  }
  std::vector<store::NoticeFileRow> added;
  for (auto& f : linked)
    if (std::binary_search(unique.begin(), unique.end(), f.id)) added.push_back(std::move(f));
  return added;
}

std::vector<store::NoticeFileRow> detach(db::Connection& c, std::int64_t notice_id, const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return {};
  const auto unique = sorted_unique(ids);
  auto removed = store::delete_notice_files(c, notice_id, unique);
  if (removed.size() != unique.size())
    throw Error(ErrorCode::validation_failed, "Có tệp cần gỡ không thuộc thông báo này.",
                {{"remove_files", "Tệp này đã được gỡ hoặc không thuộc thông báo này. Hãy tải lại trang."}});
  std::sort(removed.begin(), removed.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return removed;
}

void remove_bytes_if_unused(db::Database& db, const fs::path& files_dir, const std::vector<store::NoticeFileRow>& files) {
  std::set<std::string> keys;
  for (const auto& f : files) keys.insert(f.storage_key);
  for (const auto& key : keys) attachments::remove_if_unused(db, files_dir, key);
}

int remove_unsent(db::Database& db, const fs::path& files_dir, std::int64_t now) {
  auto removed = db.write_value(
      [&](db::Connection& c) { return store::delete_unsent_notice_files(c, now - kUnsentKeptSeconds); });
  remove_bytes_if_unused(db, files_dir, removed);
  return static_cast<int>(removed.size());
}

fs::path file_path(const fs::path& files_dir, const store::NoticeFileRow& f) { return files_dir / f.storage_key; }

}  // namespace sotay::notice_files
