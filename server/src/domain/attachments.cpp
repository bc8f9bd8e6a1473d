#include "domain/attachments.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <mutex>

#include "domain/audit.h"
#include "domain/documents.h"
#include "domain/errors.h"
#include "domain/library_access.h"
#include "io/file_type.h"
#include "io/utf8.h"
#include "store/documents_store.h"
#include "store/jobs_store.h"
#include "util/crypto.h"
#include "util/time.h"

namespace sotay::attachments {

namespace fs = std::filesystem;

namespace {

constexpr const char* kAllowedTypes = "PDF, Word (.docx) hoặc ảnh PNG, JPEG, WebP";

// Finalizing (rename into place, or cleaning up after a failed commit) of one content hash at a
// time in this process, so two uploads of the same bytes cannot remove each other's file.
std::mutex& finalize_mutex() {
  static std::mutex m;
  return m;
}

const char* type_label(io::FileType t) {
  switch (t) {
    case io::FileType::pdf: return "PDF";
    case io::FileType::docx: return "Word (.docx)";
    case io::FileType::png: return "ảnh PNG";
    case io::FileType::jpeg: return "ảnh JPEG";
    case io::FileType::webp: return "ảnh WebP";
    default: return "";
  }
}

const char* canonical_extension(io::FileType t) {
  switch (t) {
    case io::FileType::pdf: return ".pdf";
    case io::FileType::docx: return ".docx";
    case io::FileType::png: return ".png";
    case io::FileType::jpeg: return ".jpg";
    case io::FileType::webp: return ".webp";
    default: return "";
  }
}

std::string lower_ascii(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

// The extension (lowercase, with the dot) when the name ends in one we know.
std::optional<io::FileType> type_of_extension(const std::string& name) {
  auto dot = name.rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  auto ext = lower_ascii(name.substr(dot));
  if (ext == ".pdf") return io::FileType::pdf;
  if (ext == ".docx") return io::FileType::docx;
  if (ext == ".png") return io::FileType::png;
  if (ext == ".jpg" || ext == ".jpeg") return io::FileType::jpeg;
  if (ext == ".webp") return io::FileType::webp;
  if (ext == ".doc" || ext == ".txt" || ext == ".gif" || ext == ".xlsx" || ext == ".xls" || ext == ".zip")
    return io::FileType::unknown;  // a type we know we do not take
  return std::nullopt;
}

// The real type of the bytes, refused with 415 unless it is one we keep and the name agrees.
io::FileType check_type(std::string_view bytes, const std::string& file_name) {
  auto type = io::sniff_file_type(bytes);
  const bool allowed = type == io::FileType::pdf || type == io::FileType::docx || type == io::FileType::png ||
                       type == io::FileType::jpeg || type == io::FileType::webp;
  if (!allowed) {
    if (bytes.starts_with(std::string_view("\xD0\xCF\x11\xE0", 4)))
      throw Error(ErrorCode::unsupported_media_type,
                  "Tệp không đúng định dạng: đây là tệp Word cũ (.doc). Hãy mở bằng Word và lưu lại dưới dạng .docx.");
    throw Error(ErrorCode::unsupported_media_type,
                std::string("Tệp không đúng định dạng. Chỉ nhận tệp ") + kAllowedTypes + ".");
  }
  if (auto named = type_of_extension(file_name); named && *named != type)
    throw Error(ErrorCode::unsupported_media_type,
                "Tệp không đúng định dạng: tên tệp có đuôi " + lower_ascii(file_name.substr(file_name.rfind('.'))) +
                    " nhưng nội dung là " + type_label(type) + ".");
  return type;
}

void write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    auto n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error(std::string("write: ") + std::strerror(errno));
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

// The bytes in a new temporary file in `dir`, flushed to disk.
fs::path write_temp_file(const fs::path& dir, std::string_view bytes) {
  fs::create_directories(dir);
  auto tmp = dir / (".upload-" + crypto::random_token(12) + ".part");
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) throw std::runtime_error("cannot create " + tmp.string() + ": " + std::strerror(errno));
  try {
    write_all(fd, bytes);
    if (::fsync(fd) != 0) throw std::runtime_error(std::string("fsync: ") + std::strerror(errno));
  } catch (...) {
    ::close(fd);
    std::error_code ec;
    fs::remove(tmp, ec);
    throw;
  }
  ::close(fd);
  return tmp;
}

void sync_directory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// The first n characters (code points) of valid UTF-8.
std::string first_chars(const std::string& s, std::size_t n) {
  std::size_t pos = 0;
  for (std::size_t count = 0; pos < s.size() && count < n; ++count) {
    ++pos;
    while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) ++pos;
  }
  return s.substr(0, pos);
}

bool may_edit_item(const Actor& actor, const std::string& owner_path) { return documents::can_edit(actor, owner_path); }

}  // namespace

std::string sanitize_file_name(std::string_view name) {
  if (!io::detail::is_valid_utf8(name)) throw bad_request("Tên tệp không hợp lệ (không phải UTF-8).");
  if (auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::vector<char32_t> cps;
  for (std::size_t pos = 0; pos < name.size();) {
    char32_t cp = 0;
    auto len = io::detail::decode_utf8(name, pos, cp);
    pos += len;
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) continue;  // control characters
    if (cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || (cp >= 0x202A && cp <= 0x202E) ||
        (cp >= 0x2066 && cp <= 0x2069))
      continue;  // line separators, BOM, bidirectional overrides (they disguise extensions)
    cps.push_back(cp);
  }
  auto is_space = [](char32_t c) { return c == ' ' || c == 0xA0 || c == 0x3000; };
  while (!cps.empty() && (is_space(cps.front()) || cps.front() == '.')) cps.erase(cps.begin());
  while (!cps.empty() && (is_space(cps.back()) || cps.back() == '.')) cps.pop_back();
  if (cps.size() > kMaxFileNameChars) {
    // Keep the extension (a dot within the last 10 characters).
    std::size_t ext_start = cps.size();
    for (std::size_t i = cps.size(); i-- > 0 && cps.size() - i <= 10;)
      if (cps[i] == '.') {
        ext_start = i;
        break;
      }
    std::vector<char32_t> ext(cps.begin() + static_cast<std::ptrdiff_t>(ext_start), cps.end());
    cps.resize(kMaxFileNameChars - ext.size());
    while (!cps.empty() && is_space(cps.back())) cps.pop_back();
    cps.insert(cps.end(), ext.begin(), ext.end());
  }
  std::string out;
  for (auto cp : cps) io::detail::append_utf8(out, cp);
  return out.empty() ? std::string("tep-dinh-kem") : out;
}

CheckedUpload check_upload(std::string_view file_name, std::string_view bytes) {
  if (bytes.empty())
    throw Error(ErrorCode::validation_failed, "Chưa có tệp nào được gửi lên.", {{"file", "Hãy chọn tệp."}});
  if (bytes.size() > kMaxBytes)
    throw Error(ErrorCode::payload_too_large, "Tệp quá lớn: tối đa 50 MB mỗi tệp.");
  CheckedUpload f;
  f.file_name = sanitize_file_name(file_name);
  const auto type = check_type(bytes, f.file_name);
  if (!type_of_extension(f.file_name)) {
    std::string ext = canonical_extension(type);
    f.file_name = first_chars(f.file_name, kMaxFileNameChars - ext.size());  // room for the extension
    f.file_name += ext;
  }
  f.content_type = io::content_type_of(type);
  f.size = static_cast<std::int64_t>(bytes.size());
  f.sha256 = crypto::sha256_hex(bytes);
  f.extractable = type == io::FileType::pdf || type == io::FileType::docx;
  return f;
}

void store_with_rows(db::Database& db, const fs::path& files_dir, const CheckedUpload& f, std::string_view bytes,
                     const std::function<void(db::Connection&)>& insert_rows) {
  const auto final_path = files_dir / f.sha256;
  const auto tmp = write_temp_file(files_dir, bytes);
  bool placed_new_file = false;  // this upload created final_path
  std::unique_lock lock(finalize_mutex(), std::defer_lock);
  try {
    db.write([&](db::Connection& c) {
      insert_rows(c);
      // Last step before the commit: the complete file appears under its final name.
      lock.lock();
      std::error_code ec;
      if (fs::exists(final_path, ec)) {
        fs::remove(tmp, ec);  // the same bytes are already stored
      } else {
        fs::rename(tmp, final_path);
        placed_new_file = true;
        sync_directory(files_dir);
      }
    });
  } catch (...) {
    std::error_code ec;
    fs::remove(tmp, ec);
    if (lock.owns_lock()) lock.unlock();  // remove_if_unused takes it again
    if (placed_new_file) remove_if_unused(db, files_dir, f.sha256);  // the rows were rolled back
    throw;
  }
}

void remove_if_unused(db::Database& db, const fs::path& files_dir, const std::string& storage_key) {
  // Under the finalize lock, so an upload of the same bytes cannot land between the check and
  // the removal.
  std::lock_guard lock(finalize_mutex());
  bool in_use = true;
  try {
    in_use = db.read_value([&](db::Connection& c) { return store::storage_key_in_use(c, storage_key); });
  } catch (...) {
  }
  std::error_code ec;
  if (!in_use) fs::remove(files_dir / storage_key, ec);
}

store::AttachmentRow add_to_document(db::Database& db, const Actor& actor, const fs::path& files_dir,
                                     std::int64_t document_id, std::string_view file_name, std::string_view bytes) {
  // Who and what first: a refusal writes nothing.
  auto check_access = [&](db::Connection& c) {
    auto d = store::find_document(c, document_id, false);
    if (!d) throw not_found("Không tìm thấy văn bản.");
    if (!may_edit_item(actor, d->owner_unit_path)) {
      if (library::can_read(c, actor, library::ItemKind::document, document_id))
        throw Error(ErrorCode::forbidden, "Bạn không có quyền thêm tệp đính kèm cho văn bản này.");
      throw not_found("Không tìm thấy văn bản.");
    }
    return *d;
  };
  db.read([&](db::Connection& c) { check_access(c); });
  const auto f = check_upload(file_name, bytes);

  store::AttachmentRow a;
  a.item_kind = "document";
  a.item_id = document_id;
  a.file_name = f.file_name;
  a.content_type = f.content_type;
  a.size = f.size;
  a.sha256 = f.sha256;
  a.storage_key = f.sha256;
  a.extract_state = f.extractable ? "pending" : "none";
  if (actor.account_id) a.created_by = actor.account_id;
  store_with_rows(db, files_dir, f, bytes, [&](db::Connection& c) {
    auto d = check_access(c);
    const auto now = timeutil::now_unix();
    a.created_at = now;
    a.id = store::insert_attachment(c, a);
    std::optional<std::int64_t> job;
    if (f.extractable) job = store::insert_job(c, kExtractJob, a.id, now);
    nlohmann::json after = {{"document_id", document_id}, {"file_name", a.file_name},
                            {"content_type", a.content_type}, {"size", a.size}, {"sha256", a.sha256}};
    if (job) after["job_id"] = *job;
    audit::record(c, actor, "attachment.upload", "attachment", a.id, d.owner_unit_id, nullptr, after);
  });
  return a;
}

store::AttachmentRow get(db::Database& db, const Actor& actor, std::int64_t id) {
  return db.read_value([&](db::Connection& c) {
    auto a = store::find_attachment(c, id);
    if (!a) throw not_found("Không tìm thấy tệp đính kèm.");
    auto owner = store::item_owner_path(c, a->item_kind, a->item_id);
    auto kind = library::parse_item_kind(a->item_kind).value_or(library::ItemKind::document);
    if (!owner || (!may_edit_item(actor, *owner) && !library::can_read(c, actor, kind, a->item_id)))
      throw not_found("Không tìm thấy tệp đính kèm.");
    return *a;
  });
}

std::vector<store::AttachmentRow> of_item(db::Connection& c, const std::string& item_kind, std::int64_t item_id) {
  return store::item_attachments(c, item_kind, item_id);
}

fs::path file_path(const fs::path& files_dir, const store::AttachmentRow& a) { return files_dir / a.storage_key; }

}  // namespace sotay::attachments
