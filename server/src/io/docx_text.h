// Text of a Word (.docx) attachment, from word/document.xml.
#pragma once

#include <string>

#include "io/extract.h"

namespace sotay::io {

// One line per paragraph (w:p); w:tab → tab, w:br / w:cr → line break. Automatic numbering
// (from word/numbering.xml, directly or through the paragraph's style) is written as text
// ("Điều 3. …", "1.2. …", "a) …", bullets as "•"). A table row becomes one line, its cells
// separated by tabs. Deleted revisions, field codes and the fallback copy of text boxes are left
// out. Runs of empty paragraphs become one empty line.
// Throws ExtractError (Vietnamese message) for a file that is not a .docx (an old .doc, a zip
// without word/document.xml), a password-protected or corrupt file, a zip bomb (a part that
// inflates beyond 50 MB or beyond what its entry declares, an absurd compression ratio) or XML
// with a DTD; ExtractCancelled when options.cancelled() answers true (asked every 64 KB).
// pages is 0; on_progress is called with {0, 1} at the start and {1, 1} at the end.
ExtractedText extract_docx_text(const std::string& path, const ExtractOptions& options = {});

}  // namespace sotay::io
