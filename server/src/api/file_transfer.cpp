#include "api/file_transfer.h"

#include <cctype>
#include <cstring>

#include "domain/errors.h"
#include "http/request_decoding.h"
#include "search/normalizer.h"

namespace sotay::api {

namespace {

// RFC 5987 / 6266: in filename*=UTF-8''…, everything but attr-char is percent-encoded.
constexpr std::string_view kAttrCharPunctuation = "!#$&+-.^_`|~";

// For clients that do not read filename*: the name without marks, safe characters only.
std::string ascii_fallback(std::string_view name) {
  std::string out = search::fold(name);
  for (auto& c : out) {
    unsigned char u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || c == '.' || c == '-' || c == '_' || c == ' ')) c = '_';
  }
  return out.empty() ? "tep-dinh-kem" : out;
}

}  // namespace

std::string decode_file_name(std::string_view header) {
  auto name = http::percent_decode(header, /*plus_is_space=*/false);
  if (!name)
    throw Error(ErrorCode::bad_request, "Tên tệp không hợp lệ.",
                {{"X-File-Name", "Mã hóa phần trăm không hợp lệ, hoặc không phải UTF-8."}});
  return *name;
}

http::Response file_download(const std::filesystem::path& path, const std::string& content_type,
                             const std::string& file_name) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw not_found("Không tìm thấy tệp trên máy chủ.");
  http::Response res;
  res.file_path = path.string();
  res.content_type = content_type;
  res.set_header("Content-Disposition", "attachment; filename=\"" + ascii_fallback(file_name) +
                                            "\"; filename*=UTF-8''" +
                                            http::percent_encode(file_name, kAttrCharPunctuation));
  res.set_header("Cache-Control", "private, max-age=86400");
  return res;
}

}  // namespace sotay::api
