#include "domain/markdown.h"

#include <gtest/gtest.h>

#include <chrono>

namespace sotay {
namespace {

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

// Nothing a browser would run: no script element, no event handler attribute, no dangerous scheme.
void expect_inert(const std::string& html) {
  std::string lower;
  for (char c : html) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  EXPECT_FALSE(contains(lower, "<script")) << html;
  EXPECT_FALSE(contains(lower, "<iframe")) << html;
  EXPECT_FALSE(contains(lower, "<img src=x")) << html;
  EXPECT_FALSE(contains(lower, "href=\"javascript")) << html;
  EXPECT_FALSE(contains(lower, "src=\"javascript")) << html;
  EXPECT_FALSE(contains(lower, "href=\"data")) << html;
  EXPECT_FALSE(contains(lower, "src=\"data")) << html;
  EXPECT_FALSE(contains(lower, " onerror=")) << html;
  EXPECT_FALSE(contains(lower, " onclick=")) << html;
}

TEST(Markdown, HeadingsListsAndEmphasis) {
  auto html = render_markdown("## Nhiệm vụ trọng tâm\n\n- Một\n- **Hai**\n\n1. Thứ nhất\n2. *Thứ hai*\n");
  EXPECT_TRUE(contains(html, "<h2>Nhiệm vụ trọng tâm</h2>")) << html;
  EXPECT_TRUE(contains(html, "<ul>\n<li>Một</li>\n<li><strong>Hai</strong></li>\n</ul>")) << html;
  EXPECT_TRUE(contains(html, "<ol>\n<li>Thứ nhất</li>\n<li><em>Thứ hai</em></li>\n</ol>")) << html;
}

TEST(Markdown, ParagraphsQuotesAndCode) {
  auto html = render_markdown("Đoạn một\ndòng hai.\n\n> Trích dẫn\n\n`a < b`\n");
  EXPECT_TRUE(contains(html, "<p>Đoạn một\ndòng hai.</p>")) << html;
  EXPECT_TRUE(contains(html, "<blockquote>\n<p>Trích dẫn</p>\n</blockquote>")) << html;
  EXPECT_TRUE(contains(html, "<code>a &lt; b</code>")) << html;
}

TEST(Markdown, NoSmartPunctuation) {
  auto html = render_markdown("\"Một\" -- 'hai' ...");
  EXPECT_EQ(html, "<p>&quot;Một&quot; -- 'hai' ...</p>\n");
}

TEST(Markdown, ScriptBlocksAreDropped) {
  auto html = render_markdown("Trước\n\n<script>alert(1)</script>\n\nSau");
  expect_inert(html);
  EXPECT_FALSE(contains(html, "alert")) << html;
  EXPECT_TRUE(contains(html, "<p>Trước</p>")) << html;
  EXPECT_TRUE(contains(html, "<p>Sau</p>")) << html;
  EXPECT_FALSE(contains(html, "raw HTML")) << html;  // dropped, not replaced by a comment
}

TEST(Markdown, InlineHtmlIsDropped) {
  auto html = render_markdown("Ảnh <img src=x onerror=alert(1)> và <b onclick=\"x()\">đậm</b> <iframe src=//evil>");
  expect_inert(html);
  EXPECT_TRUE(contains(html, "Ảnh")) << html;
  EXPECT_TRUE(contains(html, "đậm")) << html;
  auto block = render_markdown("<img src=x onerror=alert(1)>\n\n<div onmouseover=\"alert(1)\">x</div>");
  expect_inert(block);
  EXPECT_FALSE(contains(block, "onmouseover")) << block;
}

TEST(Markdown, DangerousLinksLoseTheirAddress) {
  for (const char* md : {"[bấm](javascript:alert(1))", "[bấm](JavaScript:alert(1))", "[bấm](<java\tscript:alert(1)>)",
                         "[bấm](&#106;avascript:alert(1))", "[bấm](vbscript:msgbox(1))",
                         "[bấm](data:text/html;base64,PHNjcmlwdD4=)", "[bấm](file:///etc/passwd)",
                         "<javascript:alert(1)>"}) {
    auto html = render_markdown(md);
    expect_inert(html);
    EXPECT_FALSE(contains(html, "<a ")) << md << " → " << html;
  }
  auto kept = render_markdown("[bấm](javascript:alert(1))");
  EXPECT_EQ(kept, "<p>bấm</p>\n");
}

TEST(Markdown, DangerousImagesBecomeTheirAltText) {
  auto html = render_markdown("![ảnh đẹp](data:image/png;base64,iVBORw0KGgo=) ![x](javascript:alert(1))");
  expect_inert(html);
  EXPECT_FALSE(contains(html, "<img")) << html;
  EXPECT_TRUE(contains(html, "ảnh đẹp")) << html;
  // A bad image inside a bad link: both go, the text stays.
  auto nested = render_markdown("[![alt](javascript:a)](javascript:b)");
  expect_inert(nested);
  EXPECT_EQ(nested, "<p>alt</p>\n");
}

TEST(Markdown, SafeLinksAndImages) {
  auto html = render_markdown(
      "[Báo](https://example.vn/tin?a=1&b=2 \"Tiêu đề\") [thư](mailto:vp@example.vn) [gọi](tel:0123) "
      "[mục](#muc-2) [trang](/tai-lieu/5) ![ảnh](https://example.vn/a.jpg)");
  EXPECT_TRUE(contains(html, "<a target=\"_blank\" rel=\"noopener noreferrer\" href=\"https://example.vn/tin?a=1&amp;b=2\" "
                             "title=\"Tiêu đề\">Báo</a>"))
      << html;
  EXPECT_TRUE(contains(html, "<a href=\"mailto:vp@example.vn\">thư</a>")) << html;
  EXPECT_TRUE(contains(html, "<a href=\"tel:0123\">gọi</a>")) << html;
  EXPECT_TRUE(contains(html, "<a href=\"#muc-2\">mục</a>")) << html;
  EXPECT_TRUE(contains(html, "<a href=\"/tai-lieu/5\">trang</a>")) << html;
  EXPECT_TRUE(contains(html, "<img loading=\"lazy\" src=\"https://example.vn/a.jpg\" alt=\"ảnh\" />")) << html;
}

TEST(Markdown, EntitiesAndEscaping) {
  auto html = render_markdown("&lt;script&gt; &amp; &copy; &#x1F1FB; \"x\" <không phải thẻ");
  expect_inert(html);
  EXPECT_TRUE(contains(html, "&lt;script&gt; &amp; © 🇻 &quot;x&quot; &lt;không phải thẻ")) << html;
  auto attr = render_markdown("[x](https://a.vn/\"onmouseover=\"alert(1))");
  expect_inert(attr);
  EXPECT_FALSE(contains(attr, "\"onmouseover")) << attr;
}

TEST(Markdown, InvalidUtf8IsReplaced) {
  auto html = render_markdown(std::string("a\xff\xfe b"));
  EXPECT_EQ(html, "<p>a\xEF\xBF\xBD\xEF\xBF\xBD b</p>\n");
}

TEST(Markdown, SafeUrlRules) {
  EXPECT_TRUE(is_safe_url("https://a.vn"));
  EXPECT_TRUE(is_safe_url("HTTP://a.vn"));
  EXPECT_TRUE(is_safe_url("/x/y:z"));
  EXPECT_TRUE(is_safe_url("x/y:z"));
  EXPECT_TRUE(is_safe_url("#a"));
  EXPECT_TRUE(is_safe_url("?a=b:c"));
  EXPECT_TRUE(is_safe_url(""));
  EXPECT_FALSE(is_safe_url("javascript:x"));
  EXPECT_FALSE(is_safe_url(" \x01javascript:x"));
  EXPECT_FALSE(is_safe_url("jav\nascript:x"));
  EXPECT_FALSE(is_safe_url("data:image/png;base64,AAAA"));
  EXPECT_FALSE(is_safe_url("ftp://a.vn/x"));
}

TEST(Markdown, PathologicalInputStaysFast) {
  // cmark is linear on its known pathological cases; a 1 MB article renders in well under a second.
  std::string nested(50000, '[');
  std::string many;
  for (int i = 0; i < 20000; ++i) many += "- **mục** [" + std::to_string(i) + "](https://a.vn/" + std::to_string(i) + ")\n";
  auto start = std::chrono::steady_clock::now();
  render_markdown(nested);
  render_markdown(std::string(50000, '>') + "x");
  render_markdown(many);
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(ms, 2000) << ms;
}

}  // namespace
}  // namespace sotay
