// Files over HTTP, shared by every upload and download route (document attachments, notice
// files): the uploaded name from X-File-Name, and a stored file sent back under its own name.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "http/message.h"

namespace sotay::api {

// X-File-Name is percent-encoded UTF-8 ("Quy%E1%BB%8Bnh.pdf"); '+' is a plus, not a space. A bad
// escape, a NUL byte or invalid UTF-8 is a 400.
std::string decode_file_name(std::string_view header);

// The bytes at `path` as a download named `file_name` (RFC 6266 filename* for the Vietnamese
// name, an ASCII fallback for old clients); 404 in Vietnamese when the file is not on disk.
// Content-addressed files never change, so the browser may keep them a day.
http::Response file_download(const std::filesystem::path& path, const std::string& content_type,
                             const std::string& file_name);

}  // namespace sotay::api
