// What the attachment extractors (pdf_text, docx_text) and the cover-image resizer have in
// common: the error shown to the user, cancellation, progress, and the result.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>

namespace sotay::io {

// what() is a Vietnamese sentence for the user. Raised for every file that cannot be used
// (corrupt, encrypted, too big, not what it claims to be); never with a partial result.
struct ExtractError : std::runtime_error {
  using runtime_error::runtime_error;
};

// Raised when ExtractOptions::cancelled() answered true; an ExtractError so a caller that does
// not care still catches it.
struct ExtractCancelled : ExtractError {
  ExtractCancelled() : ExtractError("Đã dừng trích xuất văn bản.") {}
};

struct ExtractProgress {
  int done = 0;   // PDF: pages finished; DOCX: 0 then 1
  int total = 0;  // PDF: pages in the file; DOCX: 1
};

struct ExtractOptions {
  bool ocr_when_no_text = true;  // PDF pages without a text layer go through Tesseract
  int max_pages = 2000;          // more pages: ExtractError before any work
  std::function<void(ExtractProgress)> on_progress;  // after each page (may be empty)
  std::function<bool()> cancelled;  // asked between pages (and during OCR); true → ExtractCancelled
};

struct ExtractedText {
  std::string text;   // UTF-8 (NFC), lines separated by '\n'
  int pages = 0;      // PDF: pages read; DOCX: 0 (Word files have no fixed pages)
  int ocr_pages = 0;  // pages whose text came from OCR
};

}  // namespace sotay::io
