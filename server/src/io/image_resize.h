// Cover images for news: shrunk to a width phones can show, as JPEG, upright, without metadata.
#pragma once

#include <string>

#include "io/extract.h"

namespace sotay::io {

struct ResizedImage {
  std::string bytes;
  int width = 0;
  int height = 0;
  std::string content_type;  // "image/jpeg"
};

// Accepts JPEG, PNG and WebP (sniffed from the bytes). The result is a progressive JPEG,
// quality 80, at most max_width wide and 4 × max_width tall (never enlarged), turned upright by
// its EXIF orientation, colours in sRGB, transparency on white, no EXIF/XMP/ICC metadata.
// Throws ExtractError (Vietnamese message) for another format, a corrupt or truncated image, or
// one of more than 50 megapixels (checked from the header, before anything is decoded).
ResizedImage resize_cover(const std::string& input_bytes, int max_width = 960);

}  // namespace sotay::io
