#include "store/notice_files_store.h"

#include "store/sql_params.h"

namespace sotay::store {

namespace {

constexpr const char* kColumns =
    "id, notice_id, file_name, content_type, size, sha256, storage_key, uploaded_by, created_at";

NoticeFileRow read_file(const db::Row& r) {
  NoticeFileRow f;
  f.id = r.integer(0);
  f.notice_id = r.opt_integer(1);
  f.file_name = r.text(2);
  f.content_type = r.text(3);
  f.size = r.integer(4);
  f.sha256 = r.text(5);
  f.storage_key = r.text(6);
  f.uploaded_by = r.integer(7);
  f.created_at = r.integer(8);
  return f;
}

}  // namespace

std::int64_t insert_notice_file(db::Connection& c, const NoticeFileRow& f) {
  return c
      .query("INSERT INTO notice_files(notice_id, file_name, content_type, size, sha256, storage_key, uploaded_by, "
             "created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id",
             {db::nullable(f.notice_id), f.file_name, f.content_type, f.size, f.sha256, f.storage_key, f.uploaded_by,
              f.created_at})
      .one()
      .integer(0);
}

std::optional<NoticeFileRow> find_notice_file(db::Connection& c, std::int64_t id) {
  auto r = c.query(std::string("SELECT ") + kColumns + " FROM notice_files WHERE id = $1", {id});
  if (r.empty()) return std::nullopt;
  return read_file(r.rows[0]);
}

std::map<std::int64_t, std::vector<NoticeFileRow>> files_of_notices(db::Connection& c,
                                                                    const std::vector<std::int64_t>& notice_ids) {
  std::map<std::int64_t, std::vector<NoticeFileRow>> out;
  in_slices(notice_ids, [&](const std::vector<std::int64_t>& slice) {
    db::Params p;
    auto sql = std::string("SELECT ") + kColumns + " FROM notice_files WHERE notice_id IN (" + in_list(p, slice) +
               ") ORDER BY id";
    for (const auto& r : c.query(sql, p).rows) {
      auto f = read_file(r);
      out[*f.notice_id].push_back(std::move(f));
    }
  });
  return out;
}

std::int64_t link_notice_files(db::Connection& c, std::int64_t notice_id, std::int64_t uploaded_by,
                               const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return 0;
  db::Params p{notice_id, uploaded_by};
  auto sql = "UPDATE notice_files SET notice_id = $1 WHERE uploaded_by = $2 AND notice_id IS NULL AND id IN (" +
             in_list(p, ids) + ")";
  return c.query(sql, p).affected;
}

std::vector<NoticeFileRow> delete_unsent_notice_files(db::Connection& c, std::int64_t before) {
  std::vector<NoticeFileRow> out;
  for (const auto& r : c.query(std::string("DELETE FROM notice_files WHERE notice_id IS NULL AND created_at < $1 "
                                           "RETURNING ") + kColumns,
                               {before})
                           .rows)
    out.push_back(read_file(r));
  return out;
}

std::vector<NoticeFileRow> delete_notice_files(db::Connection& c, std::int64_t notice_id,
                                               const std::vector<std::int64_t>& ids) {
  std::vector<NoticeFileRow> out;
  if (ids.empty()) return out;
  db::Params p{notice_id};
  auto sql = "DELETE FROM notice_files WHERE notice_id = $1 AND id IN (" + in_list(p, ids) + ") RETURNING " + kColumns;
  for (const auto& r : c.query(sql, p).rows) out.push_back(read_file(r));
  return out;
}

bool is_notice_recipient(db::Connection& c, std::int64_t notice_id, std::int64_t member_id) {
  return !c.query("SELECT 1 FROM notice_recipients WHERE notice_id = $1 AND member_id = $2", {notice_id, member_id})
              .empty();
}

}  // namespace sotay::store
