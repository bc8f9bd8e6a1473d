// Text of a PDF attachment: each page's text layer (poppler), or for a page without one (a scan)
// the page rendered at 300 dpi and read by Tesseract's Vietnamese model.
#pragma once

#include <string>

#include "io/extract.h"

namespace sotay::io {

// Pages in reading order, joined by a line break; text NFC-normalized, trailing spaces trimmed.
// A page is sent to OCR (when options.ocr_when_no_text) if its text layer has fewer than 100
// non-space characters; the OCR text replaces the layer's when it is clearly longer.
// Throws ExtractError with a Vietnamese message for a file that is not a PDF, is corrupt or
// truncated, is password-protected, or has more than options.max_pages pages; ExtractCancelled
// when options.cancelled() answers true (asked before each page and during OCR).
// Calls options.on_progress after each page. Poppler's own error messages are silenced.
ExtractedText extract_pdf_text(const std::string& path, const ExtractOptions& options = {});

}  // namespace sotay::io
