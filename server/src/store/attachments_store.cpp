#include "store/attachments_store.h"

namespace sotay::store {

namespace {

constexpr const char* kColumns =
    "id, item_kind, item_id, file_name, content_type, size, sha256, storage_key, extract_state, extract_done, "
    "extract_total, extract_error, created_by, created_at";

AttachmentRow read_attachment(const db::Row& r) {
  AttachmentRow a;
  a.id = r.integer(0);
  a.item_kind = r.text(1);
  a.item_id = r.integer(2);
  a.file_name = r.text(3);
  a.content_type = r.text(4);
  a.size = r.integer(5);
  a.sha256 = r.text(6);
  a.storage_key = r.text(7);
  a.extract_state = r.text(8);
  a.extract_done = r.integer(9);
  a.extract_total = r.integer(10);
  a.extract_error = r.opt_text(11);
  a.created_by = r.opt_integer(12);
  a.created_at = r.integer(13);
  return a;
}

}  // namespace

std::int64_t insert_attachment(db::Connection& c, const AttachmentRow& a) {
  return c
      .query("INSERT INTO attachments(item_kind, item_id, file_name, content_type, size, sha256, storage_key, "
             "extract_state, extract_done, extract_total, extract_error, created_by, created_at) "
             "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) RETURNING id",
             {a.item_kind, a.item_id, a.file_name, a.content_type, a.size, a.sha256, a.storage_key, a.extract_state,
              a.extract_done, a.extract_total, db::nullable(a.extract_error), db::nullable(a.created_by),
              a.created_at})
      .one()
      .integer(0);
}

std::optional<AttachmentRow> find_attachment(db::Connection& c, std::int64_t id) {
  auto r = c.query(std::string("SELECT ") + kColumns + " FROM attachments WHERE id = $1", {id});
  if (r.empty()) return std::nullopt;
  return read_attachment(r.rows[0]);
}

std::vector<AttachmentRow> item_attachments(db::Connection& c, const std::string& item_kind, std::int64_t item_id) {
  std::vector<AttachmentRow> out;
  for (const auto& r : c.query(std::string("SELECT ") + kColumns +
                                   " FROM attachments WHERE item_kind = $1 AND item_id = $2 ORDER BY id",
                               {item_kind, item_id})
                           .rows)
    out.push_back(read_attachment(r));
  return out;
}

std::optional<std::string> attachment_text(db::Connection& c, std::int64_t id) {
  auto r = c.query("SELECT extracted_text FROM attachments WHERE id = $1", {id});
  if (r.empty()) return std::nullopt;
  return r.rows[0].opt_text(0);
}

void set_attachment_extract_state(db::Connection& c, std::int64_t id, const std::string& state) {
  c.query("UPDATE attachments SET extract_state = $1 WHERE id = $2", {state, id});
}

void set_attachment_progress(db::Connection& c, std::int64_t id, std::int64_t done, std::int64_t total) {
  c.query("UPDATE attachments SET extract_done = $1, extract_total = $2 WHERE id = $3", {done, total, id});
}

void finish_attachment_extraction(db::Connection& c, std::int64_t id, const std::string& state,
                                  const std::optional<std::string>& text, const std::optional<std::string>& error) {
  c.query("UPDATE attachments SET extract_state = $1, extracted_text = $2, extract_error = $3 WHERE id = $4",
          {state, db::nullable(text), db::nullable(error), id});
}

bool storage_key_in_use(db::Connection& c, const std::string& storage_key) {
  return !c.query("SELECT 1 FROM attachments WHERE storage_key = $1 "
                  "UNION ALL SELECT 1 FROM notice_files WHERE storage_key = $1 LIMIT 1",
                  {storage_key})
              .empty();
}

std::optional<std::string> item_owner_path(db::Connection& c, const std::string& item_kind, std::int64_t item_id) {
  const char* sql = item_kind == "news"
                        ? "SELECT u.path FROM news n JOIN units u ON u.id = n.owner_unit_id WHERE n.id = $1"
                        : "SELECT u.path FROM documents d JOIN units u ON u.id = d.owner_unit_id WHERE d.id = $1";
  auto r = c.query(sql, {item_id});
  if (r.empty()) return std::nullopt;
  return r.rows[0].text(0);
}

}  // namespace sotay::store
