#include "domain/markdown.h"

#include <cmark.h>

#include <cstdlib>
#include <memory>
#include <vector>

namespace sotay {

namespace {

bool is_scheme_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
         c == '.';
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterFree {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

// Replaces `node` by its children (a link or image keeps its text, loses its address).
void unwrap(cmark_node* node) {
  while (cmark_node* child = cmark_node_first_child(node)) {
    if (!cmark_node_insert_before(node, child)) {  // cannot happen for inline children; drop the rest
      break;
    }
  }
  cmark_node_free(node);
}

// Adds attributes to cmark's own tags in one pass: after "<a" of a link to an http(s) or
// protocol-relative address, and after "<img". (Raw HTML was dropped and text is escaped, so
// these sequences only come from link and image nodes.)
std::string add_attributes(const std::string& html) {
  static constexpr std::string_view kExternal = " target=\"_blank\" rel=\"noopener noreferrer\"";
  static constexpr std::string_view kLazy = " loading=\"lazy\"";
  std::string out;
  out.reserve(html.size() + html.size() / 16);
  std::size_t from = 0;
  for (std::size_t pos = html.find('<'); pos != std::string::npos; pos = html.find('<', pos + 1)) {
    const std::string_view rest = std::string_view(html).substr(pos);
    std::string_view add;
    std::size_t tag = 0;
    if (rest.starts_with("<a href=\"http") || rest.starts_with("<a href=\"//")) {
      add = kExternal;
      tag = 2;
    } else if (rest.starts_with("<img src=\"")) {
      add = kLazy;
      tag = 4;
    }
    if (add.empty()) continue;
    out.append(html, from, pos + tag - from);
    out += add;
    from = pos + tag;
  }
  out.append(html, from, std::string::npos);
  return out;
}

}  // namespace

bool is_safe_url(std::string_view url) {
  // Browsers drop leading C0 controls and spaces, and every tab and line break anywhere.
  std::string u;
  u.reserve(std::min<std::size_t>(url.size(), 64));
  bool leading = true;
  for (char c : url) {
    const auto uc = static_cast<unsigned char>(c);
    if (leading && uc <= 0x20) continue;
    leading = false;
    if (c == '\t' || c == '\n' || c == '\r') continue;
    u.push_back(c);
    if (u.size() >= 64) break;  // a scheme is short; enough to decide
  }
  const auto end = u.find_first_of(":/?#");
  if (end == std::string::npos || u[end] != ':' || end == 0) return true;  // no scheme: relative
  const bool alpha_first = (u[0] >= 'a' && u[0] <= 'z') || (u[0] >= 'A' && u[0] <= 'Z');
  for (std::size_t i = 0; i < end; ++i)
    if (!is_scheme_char(u[i])) return true;  // not a scheme by the URL grammar: a relative path
  if (!alpha_first) return true;
  std::string scheme;
  for (std::size_t i = 0; i < end; ++i) scheme.push_back(lower(u[i]));
  return scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel";
}

std::string render_markdown(std::string_view markdown) {
  const int options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;  // never CMARK_OPT_UNSAFE, no SMART
  std::unique_ptr<cmark_node, NodeFree> doc(cmark_parse_document(markdown.data(), markdown.size(), options));
  if (!doc) return {};

  // Collect first, change the tree after the walk.
  std::vector<cmark_node*> drop, strip;
  {
    std::unique_ptr<cmark_iter, IterFree> it(cmark_iter_new(doc.get()));
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
      if (ev != CMARK_EVENT_ENTER) continue;
      cmark_node* node = cmark_iter_get_node(it.get());
      switch (cmark_node_get_type(node)) {
        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_HTML_INLINE:
          drop.push_back(node);
          break;
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE: {
          const char* url = cmark_node_get_url(node);
          if (url && !is_safe_url(url)) strip.push_back(node);
          break;
        }
        default:
          break;
      }
    }
  }
  for (auto* n : drop) cmark_node_free(n);  // raw HTML nodes have no children to keep
  for (auto* n : strip) unwrap(n);          // children were moved out first, so nested ones stay valid

  char* raw = cmark_render_html(doc.get(), options);
  if (!raw) return {};
  std::string html(raw);
  std::free(raw);
  return add_attributes(html);
}

}  // namespace sotay
