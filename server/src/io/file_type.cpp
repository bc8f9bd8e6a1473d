#include "io/file_type.h"

#include <zip.h>

#include <fstream>
#include <memory>

#include "io/utf8.h"

namespace sotay::io {
namespace {

constexpr std::string_view kPdfMagic = "%PDF-";
constexpr std::string_view kPngMagic = "\x89PNG\r\n\x1A\n";
constexpr std::string_view kJpegMagic = "\xFF\xD8\xFF";
constexpr std::string_view kZipMagic = "PK\x03\x04";
constexpr std::string_view kDocumentPart = "word/document.xml";
constexpr std::size_t kSniffBytes = 8192;

struct ArchiveDiscard {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};

bool has_document_part(zip_t* archive) {
  const std::unique_ptr<zip_t, ArchiveDiscard> owned(archive);
  return zip_name_locate(archive, std::string(kDocumentPart).c_str(), ZIP_FL_NOCASE) >= 0;
}

// A whole zip held in memory (a mere prefix has no central directory and fails to open).
bool is_docx_bytes(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_error_fini(&error);
  if (source == nullptr) return false;
  zip_error_init(&error);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (archive == nullptr) {
    zip_source_free(source);
    return false;
  }
  return has_document_part(archive);
}

bool is_webp(std::string_view bytes) {
  return bytes.size() >= 12 && bytes.starts_with("RIFF") && bytes.substr(8, 4) == "WEBP";
}

// UTF-8 without NUL or control characters other than tab, LF, CR and form feed. A multi-byte
// sequence cut by the end of the sample is accepted when what is there is a valid start.
bool looks_like_text(std::string_view bytes) {
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    const auto byte = static_cast<unsigned char>(bytes[pos]);
    if (byte < 0x80) {
      if ((byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r' && byte != '\f') ||
          byte == 0x7F) {
        return false;
      }
      ++pos;
      continue;
    }
    char32_t code_point = 0;
    const std::size_t length = detail::decode_utf8(bytes, pos, code_point);
    if (length == 0) {
      // Maybe a sequence cut short by the end of the sample: a lead byte and continuations.
      const std::size_t left = bytes.size() - pos;
      const std::size_t needed = byte >= 0xC2 && byte <= 0xDF   ? 2
                                 : byte >= 0xE0 && byte <= 0xEF ? 3
                                 : byte >= 0xF0 && byte <= 0xF4 ? 4
                                                                : 0;
      if (needed == 0 || left >= needed) return false;
      for (std::size_t i = 1; i < left; ++i) {
        if ((static_cast<unsigned char>(bytes[pos + i]) & 0xC0) != 0x80) return false;
      }
      return true;
    }
    if (code_point < 0xA0 && code_point >= 0x80) return false;  // C1 controls
    pos += length;
  }
  return true;
}

}  // namespace

FileType sniff_file_type(std::string_view first_bytes) {
  if (first_bytes.starts_with(kPdfMagic)) return FileType::pdf;
  if (first_bytes.starts_with(kPngMagic)) return FileType::png;
  if (first_bytes.starts_with(kJpegMagic)) return FileType::jpeg;
  if (is_webp(first_bytes)) return FileType::webp;
  if (first_bytes.starts_with(kZipMagic)) {
    return is_docx_bytes(first_bytes) ? FileType::docx : FileType::unknown;
  }
  if (first_bytes.empty()) return FileType::unknown;
  // A UTF-8 byte order mark is text too (Notepad writes one).
  if (looks_like_text(first_bytes)) return FileType::text;
  return FileType::unknown;
}

bool is_docx(const std::string& path) {
  int code = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &code);
  return archive != nullptr && has_document_part(archive);
}

FileType sniff_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return FileType::unknown;
  std::string head(kSniffBytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (head.starts_with(kZipMagic)) return is_docx(path) ? FileType::docx : FileType::unknown;
  return sniff_file_type(head);
}

std::string content_type_of(FileType type) {
  switch (type) {
    case FileType::pdf: return "application/pdf";
    case FileType::docx:
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    case FileType::png: return "image/png";
    case FileType::jpeg: return "image/jpeg";
    case FileType::webp: return "image/webp";
    case FileType::text: return "text/plain; charset=utf-8";
    case FileType::unknown: break;
  }
  return "application/octet-stream";
}

}  // namespace sotay::io
