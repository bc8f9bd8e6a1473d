// Markdown (CommonMark) → HTML that is safe to put into a page, for news articles.
#pragma once

#include <string>
#include <string_view>

namespace sotay {

// Renders with Debian's libcmark, in its safe mode: raw HTML (blocks and inline tags) is dropped,
// invalid UTF-8 becomes U+FFFD, and a link or image whose address has a scheme other than http,
// https, mailto or tel (javascript:, data:, vbscript:, file:, …) loses its address but keeps its
// text. Text is HTML-escaped. Links to http(s) addresses open in a new tab
// (target="_blank" rel="noopener noreferrer"); images load lazily. No "smart" punctuation.
std::string render_markdown(std::string_view markdown);

// True for an address a link may carry: no scheme (relative, "#anchor", "/path") or one of
// http, https, mailto, tel. Tabs and line breaks inside and control characters in front are
// ignored the way browsers ignore them.
bool is_safe_url(std::string_view url);

}  // namespace sotay
