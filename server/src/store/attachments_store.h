// SQL for attachments of library items (documents, news): the row, its extraction state and text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace sotay::store {

struct AttachmentRow {
  std::int64_t id = 0;
  std::string item_kind = "document";  // document, news
  std::int64_t item_id = 0;
  std::string file_name, content_type;
  std::int64_t size = 0;
  std::string sha256, storage_key;
  std::string extract_state = "none";  // none, pending, running, done, failed
  std::int64_t extract_done = 0, extract_total = 0;
  std::optional<std::string> extract_error;
  std::optional<std::int64_t> created_by;
  std::int64_t created_at = 0;
};

// Reads never carry extracted_text (see attachment_text).
std::int64_t insert_attachment(db::Connection& c, const AttachmentRow& a);
std::optional<AttachmentRow> find_attachment(db::Connection& c, std::int64_t id);
std::vector<AttachmentRow> item_attachments(db::Connection& c, const std::string& item_kind, std::int64_t item_id);
std::optional<std::string> attachment_text(db::Connection& c, std::int64_t id);

void set_attachment_extract_state(db::Connection& c, std::int64_t id, const std::string& state);
void set_attachment_progress(db::Connection& c, std::int64_t id, std::int64_t done, std::int64_t total);
// Final state: done with its text, or failed with the Vietnamese reason (text cleared).
void finish_attachment_extraction(db::Connection& c, std::int64_t id, const std::string& state,
                                  const std::optional<std::string>& text, const std::optional<std::string>& error);
// Some attachment or notice file stores its bytes under `storage_key` (content-addressed files are
// shared).
bool storage_key_in_use(db::Connection& c, const std::string& storage_key);

// The owner unit's path of a document or news item; nullopt when the item does not exist.
std::optional<std::string> item_owner_path(db::Connection& c, const std::string& item_kind, std::int64_t item_id);

}  // namespace sotay::store
