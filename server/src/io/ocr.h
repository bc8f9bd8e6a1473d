// Optical character recognition of Vietnamese text with Tesseract's 'vie' model
// (Debian: tesseract-ocr-vie). Used for PDF pages that have no text layer.
#pragma once

#include <functional>
#include <string>

namespace sotay::io {

// Pixels the caller owns, rows top to bottom.
struct ImageView {
  int width = 0;
  int height = 0;
  int bytes_per_pixel = 1;  // 1 = 8-bit gray, 3 = RGB, 4 = RGBA
  int bytes_per_line = 0;   // ≥ width × bytes_per_pixel
  const unsigned char* pixels = nullptr;
  int dpi = 300;  // resolution the image was scanned or rendered at
};

// The recognised text, UTF-8, lines separated by '\n', paragraphs by an empty line.
// The engine (the model takes ~0.2 s to load) is kept per thread and reused.
// Throws ExtractError if the model is missing or the image is invalid or takes unreasonably
// long, ExtractCancelled when `cancelled` answers true (it is polled while recognising).
std::string ocr_image_vie(const ImageView& image, const std::function<bool()>& cancelled = {});

}  // namespace sotay::io
