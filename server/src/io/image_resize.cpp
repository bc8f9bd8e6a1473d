#include "io/image_resize.h"

#include <vips/vips.h>

#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "io/file_type.h"

namespace sotay::io {
namespace {

constexpr const char* kUnsupported = "Ảnh phải ở định dạng JPEG, PNG hoặc WebP.";
constexpr const char* kCorrupt = "Ảnh bị hỏng hoặc không đầy đủ, không đọc được.";
constexpr const char* kTooManyPixels = "Ảnh quá lớn (tối đa 50 triệu điểm ảnh).";
// A decompression bomb is a small file declaring an enormous image; refused from the header.
constexpr long long kMaxPixels = 50'000'000;
constexpr int kQuality = 80;
constexpr int kMaxHeightPerWidth = 4;

struct Unref {
  void operator()(VipsImage* image) const { g_object_unref(image); }
};
using Image = std::unique_ptr<VipsImage, Unref>;

struct GFree {
  void operator()(void* p) const { g_free(p); }
};

void initialise() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("sotay") != 0) throw std::runtime_error("libvips failed to start");
    // Operations are cached by their arguments, a buffer by its address: a later upload at
    // the same address could get an earlier result. Nothing here is worth caching anyway.
    vips_cache_set_max(0);
    // Only the loaders we ask for: no ImageMagick, PDF, SVG or matload on uploaded bytes.
    vips_block_untrusted_set(TRUE);
    // Warnings about damaged files go to stderr otherwise; the user gets our sentence.
    g_log_set_handler("VIPS", static_cast<GLogLevelFlags>(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE |
                                                          G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG),
                      [](const gchar*, GLogLevelFlags, const gchar*, gpointer) {}, nullptr);
  });
}

[[noreturn]] void fail(const char* message) {
  vips_error_clear();
  throw ExtractError(message);
}

// The header only: width and height without decoding the pixels.
Image open_header(FileType type, const std::string& bytes) {
  void* data = const_cast<char*>(bytes.data());
  VipsImage* image = nullptr;
  int status = -1;
  switch (type) {
    case FileType::jpeg:
      status = vips_jpegload_buffer(data, bytes.size(), &image, "access", VIPS_ACCESS_SEQUENTIAL,
                                    nullptr);
      break;
    case FileType::png:
      status = vips_pngload_buffer(data, bytes.size(), &image, "access", VIPS_ACCESS_SEQUENTIAL,
                                   nullptr);
      break;
    case FileType::webp:
      status = vips_webpload_buffer(data, bytes.size(), &image, "access", VIPS_ACCESS_SEQUENTIAL,
                                    nullptr);
      break;
    default: fail(kUnsupported);
  }
  if (status != 0 || image == nullptr) fail(kCorrupt);
  return Image(image);
}

// 8-bit sRGB (or gray) without alpha: what a JPEG holds.
Image to_jpeg_ready(Image image) {
  VipsImage* out = nullptr;
  if (vips_image_hasalpha(image.get())) {
    std::vector<double> white(static_cast<std::size_t>(image->Bands - 1), 255.0);
    if (image->Type == VIPS_INTERPRETATION_RGB16 || image->Type == VIPS_INTERPRETATION_GREY16) {
      white.assign(white.size(), 65535.0);
    }
    VipsArrayDouble* background = vips_array_double_new(white.data(), static_cast<int>(white.size()));
    const int status = vips_flatten(image.get(), &out, "background", background, nullptr);
    vips_area_unref(VIPS_AREA(background));
    if (status != 0) fail(kCorrupt);
    image.reset(out);
  }
  const VipsInterpretation type = image->Type;
  const VipsInterpretation wanted =
      type == VIPS_INTERPRETATION_B_W || type == VIPS_INTERPRETATION_GREY16
          ? VIPS_INTERPRETATION_B_W
          : VIPS_INTERPRETATION_sRGB;
  if (type != wanted || image->BandFmt != VIPS_FORMAT_UCHAR) {
    if (vips_colourspace(image.get(), &out, wanted, nullptr) != 0) fail(kCorrupt);
    image.reset(out);
  }
  if (image->BandFmt != VIPS_FORMAT_UCHAR) {
    if (vips_cast_uchar(image.get(), &out, nullptr) != 0) fail(kCorrupt);
    image.reset(out);
  }
  return image;
}

}  // namespace

ResizedImage resize_cover(const std::string& input_bytes, int max_width) {
  if (max_width <= 0 || max_width > 10'000) throw std::invalid_argument("resize_cover: max_width");
  initialise();
  const FileType type = sniff_file_type(input_bytes);
  if (type != FileType::jpeg && type != FileType::png && type != FileType::webp) {
    fail(kUnsupported);
  }
  {
    const Image header = open_header(type, input_bytes);
    const long long pixels =
        static_cast<long long>(vips_image_get_width(header.get())) * vips_image_get_height(header.get());
    if (pixels > kMaxPixels) fail(kTooManyPixels);
  }

  // Shrink-on-load where the format allows (JPEG, WebP); EXIF orientation applied; embedded
  // colour profiles converted to sRGB; any damage, truncation included, is an error.
  VipsImage* thumbnail = nullptr;
  if (vips_thumbnail_buffer(const_cast<char*>(input_bytes.data()), input_bytes.size(), &thumbnail,
                            max_width, "height", max_width * kMaxHeightPerWidth, "size",
                            VIPS_SIZE_DOWN, "export_profile", "srgb", "option_string",
                            "fail_on=error", nullptr) != 0) {
    fail(kCorrupt);
  }
  Image image = to_jpeg_ready(Image(thumbnail));

  void* buffer = nullptr;
  std::size_t length = 0;
  // Progressive: a phone on a slow connection shows the whole picture early, then sharpens it.
  if (vips_jpegsave_buffer(image.get(), &buffer, &length, "Q", kQuality, "strip", TRUE,
                           "optimize_coding", TRUE, "interlace", TRUE, nullptr) != 0) {
    fail(kCorrupt);
  }
  const std::unique_ptr<void, GFree> owned(buffer);
  ResizedImage result;
  result.bytes.assign(static_cast<const char*>(buffer), length);
  result.width = vips_image_get_width(image.get());
  result.height = vips_image_get_height(image.get());
  result.content_type = "image/jpeg";
  return result;
}

}  // namespace sotay::io
