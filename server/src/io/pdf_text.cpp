#include "io/pdf_text.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <fstream>
#include <memory>
#include <mutex>
#include <string_view>

#include "io/ocr.h"
#include "io/table_errors.h"
#include "io/utf8.h"
#include "io/xml_text.h"

namespace sotay::io {
namespace {

constexpr const char* kNotPdf = "Tệp này không phải là tệp PDF.";
constexpr const char* kCorrupt = "Tệp PDF bị hỏng, không đọc được.";
constexpr const char* kEncrypted =
    "Tệp PDF có mật khẩu, không đọc được. Hãy gỡ mật khẩu rồi tải lên lại.";

// Fewer non-space characters than this on a page: probably a scan (perhaps with a page number
// or a stamp as text), so it is worth trying OCR.
constexpr std::size_t kOcrBelowCharacters = 100;
constexpr double kOcrDpi = 300;
// A page's rendering is capped (A3 at 300 dpi is 17 MP) so an absurd page size cannot make us
// allocate gigabytes; such a page is rendered at a lower resolution.
constexpr double kMaxRenderPixels = 40e6;
// Acrobat accepts "%%EOF" anywhere in the last 1024 bytes; some writers append a little more.
constexpr std::size_t kTailBytes = 4096;

[[noreturn]] void fail(const char* message) { throw ExtractError(message); }

// Poppler reports every oddity of a damaged file on stderr; the user gets our one sentence.
void silence_poppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
  });
}

// The header must say PDF, and a file cut short (an interrupted upload) has lost its end
// marker: poppler would reconstruct what it can and give part of the text, which we refuse.
void check_envelope(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  char head[5] = {};
  in.read(head, sizeof head);
  if (in.gcount() != sizeof head || std::string_view(head, sizeof head) != "%PDF-") fail(kNotPdf);
  in.seekg(0, std::ios::end);
  const auto size = static_cast<std::size_t>(in.tellg());
  const std::size_t tail_size = std::min(size, kTailBytes);
  std::string tail(tail_size, '\0');
  in.seekg(static_cast<std::streamoff>(size - tail_size));
  in.read(tail.data(), static_cast<std::streamsize>(tail_size));
  if (tail.find("%%EOF") == std::string::npos) fail(kCorrupt);
}

std::size_t count_visible(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0) == 0x80) continue;  // continuation byte
    if (byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r' || byte == '\f') continue;
    ++count;
  }
  return count;
}

// Valid UTF-8 only (poppler may pass on lone surrogates from a broken ToUnicode map), no
// control characters but tab and line feed, no trailing spaces, at most one empty line in a row.
std::string clean(std::string_view raw) {
  std::string text = detail::strip_xml_illegal(raw);
  std::string out;
  out.reserve(text.size());
  std::size_t empty_lines = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of("\n\f", start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
      line.remove_suffix(1);
    }
    if (line.empty()) {
      if (!out.empty() && ++empty_lines == 1) out += '\n';
    } else {
      empty_lines = 0;
      out.append(line);
      out += '\n';
    }
    start = end + 1;
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

std::string nfc(const std::string& text) {
  static const icu::Normalizer2* normalizer = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status) || n == nullptr) throw std::runtime_error("ICU NFC unavailable");
    return n;
  }();
  if (text.size() > static_cast<std::size_t>(INT32_MAX)) return text;
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString unicode =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (normalizer->isNormalized(unicode, status) && U_SUCCESS(status)) return text;
  status = U_ZERO_ERROR;
  const icu::UnicodeString normalized = normalizer->normalize(unicode, status);
  if (U_FAILURE(status)) return text;
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

std::string page_text(const poppler::page& page) {
  const poppler::byte_array utf8 =
      page.text(poppler::rectf(), poppler::page::non_raw_non_physical_layout).to_utf8();
  return clean(std::string_view(utf8.data(), utf8.size()));
}

std::string ocr_page(const poppler::page& page, const ExtractOptions& options) {
  const poppler::rectf box = page.page_rect(poppler::crop_box);
  const double width_in = std::max(box.width(), 1.0) / 72.0;
  const double height_in = std::max(box.height(), 1.0) / 72.0;
  const double dpi = std::min(kOcrDpi, std::sqrt(kMaxRenderPixels / (width_in * height_in)));

  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_image_format(poppler::image::format_gray8);
  const poppler::image image = renderer.render_page(&page, dpi, dpi);
  if (!image.is_valid() || image.format() != poppler::image::format_gray8) fail(kCorrupt);

  ImageView view;
  view.width = image.width();
  view.height = image.height();
  view.bytes_per_pixel = 1;
  view.bytes_per_line = image.bytes_per_row();
  view.pixels = reinterpret_cast<const unsigned char*>(image.const_data());
  view.dpi = static_cast<int>(std::lround(dpi));
  return clean(ocr_image_vie(view, options.cancelled));
}

}  // namespace

ExtractedText extract_pdf_text(const std::string& path, const ExtractOptions& options) {
  silence_poppler();
  check_envelope(path);

  const std::unique_ptr<poppler::document> document(poppler::document::load_from_file(path));
  if (!document) fail(kCorrupt);
  if (document->is_locked()) fail(kEncrypted);
  const int pages = document->pages();
  if (pages <= 0) fail(kCorrupt);
  if (pages > options.max_pages) {
    throw ExtractError("Tệp PDF có quá nhiều trang (" +
                       detail::format_count(static_cast<std::size_t>(pages)) + " trang, tối đa " +
                       detail::format_count(static_cast<std::size_t>(options.max_pages)) + ").");
  }

  ExtractedText result;
  for (int i = 0; i < pages; ++i) {
    if (options.cancelled && options.cancelled()) throw ExtractCancelled();
    const std::unique_ptr<poppler::page> page(document->create_page(i));
    if (!page) fail(kCorrupt);
    std::string text = page_text(*page);
    if (options.ocr_when_no_text && count_visible(text) < kOcrBelowCharacters) {
      std::string recognised = ocr_page(*page, options);
      // A page with a little real text (a heading, "Nơi nhận:") reads the same by OCR; only a
      // much longer OCR text means the page was an image.
      if (count_visible(recognised) > 2 * count_visible(text)) {
        text = std::move(recognised);
        ++result.ocr_pages;
      }
    }
    if (!text.empty()) {
      if (!result.text.empty()) result.text += '\n';
      result.text += text;
    }
    result.pages = i + 1;
    if (options.on_progress) options.on_progress({i + 1, pages});
  }
  result.text = nfc(result.text);
  return result;
}

}  // namespace sotay::io
