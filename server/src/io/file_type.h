// What a file really is, from its content: the name's extension and the client's Content-Type
// are never trusted.
#pragma once

#include <string>
#include <string_view>

namespace sotay::io {

enum class FileType { pdf, docx, png, jpeg, webp, text, unknown };

// From the first bytes of a file (a few KB are enough): %PDF-, PNG/JPEG/WebP signatures, UTF-8
// text (no NUL or control characters other than tab, line breaks and form feed; a sequence cut
// by the end of the prefix is allowed). A zip is only a DOCX if it holds word/document.xml,
// which can be seen only when first_bytes is the whole file; for a prefix of a zip this returns
// unknown — use sniff_file or is_docx with the file's path.
FileType sniff_file_type(std::string_view first_bytes);

// A zip archive with a word/document.xml entry. Does not inflate anything; false on any error.
bool is_docx(const std::string& path);

// sniff_file_type on the first bytes of the file, and is_docx for a zip. unknown if unreadable.
FileType sniff_file(const std::string& path);

// "application/pdf", "image/png", "text/plain; charset=utf-8", … ("application/octet-stream"
// for unknown).
std::string content_type_of(FileType type);

}  // namespace sotay::io
