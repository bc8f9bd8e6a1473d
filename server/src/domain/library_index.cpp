#include "domain/library_index.h"

#include <map>

#include "search/text_index.h"
#include "store/search_store.h"

namespace sotay::library {

std::string section_passage(const store::SectionRow& s, std::string_view context_heading) {
  std::string out = s.label;
  if (!context_heading.empty()) out += ". " + std::string(context_heading);
  if (!s.heading.empty()) out += ". " + s.heading;
  if (!s.body.empty()) out += "\n" + s.body;
  return out;
}

std::string document_card_passage(const store::DocumentRow& d) {
  std::string out = d.number;
  out += "\n" + d.title;
  if (!d.summary.empty()) out += "\n" + d.summary;
  if (!d.issuer.empty()) out += "\n" + d.issuer;
  return out;
}

std::string news_passage(std::string_view title, std::string_view summary, std::string_view body) {
  return std::string(title) + "\n" + std::string(summary) + "\n" + std::string(body);
}

std::vector<std::string> context_headings(const std::vector<store::SectionRow>& sections) {
  std::map<int, const store::SectionRow*> by_ord;
  for (const auto& s : sections) by_ord[s.ord] = &s;
  std::vector<std::string> out;
  out.reserve(sections.size());
  for (const auto& s : sections) {
    std::string heading;
    auto parent = s.parent_ord;
    while (parent) {
      auto it = by_ord.find(*parent);
      if (it == by_ord.end()) break;
      if (!it->second->heading.empty()) {
        heading = it->second->heading;
        break;
      }
      parent = it->second->parent_ord;
    }
    out.push_back(std::move(heading));
  }
  return out;
}

namespace {
store::SearchEntryInput entry(const char* kind, std::int64_t id, std::optional<std::int64_t> section,
                              const std::string& text) {
  auto indexed = search::index_text(text);
  return {kind, id, section, std::move(indexed.exact), std::move(indexed.folded), indexed.length};
}
}  // namespace

void index_document(db::Connection& c, const store::DocumentRow& d, const std::vector<store::SectionRow>& sections) {
  store::remove_search_entries(c, "document", d.id);
  std::vector<store::SearchEntryInput> entries;
  entries.push_back(entry("document", d.id, std::nullopt, document_card_passage(d)));
  const auto contexts = context_headings(sections);
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const auto& s = sections[i];
    if (s.body.empty() && s.heading.empty()) continue;
    auto e = entry("document", d.id, s.id, section_passage(s, contexts[i]));
    if (e.length > 0) entries.push_back(std::move(e));
  }
  store::index_search_entries(c, entries);
}

void index_news(db::Connection& c, std::int64_t id, std::string_view title, std::string_view summary,
                std::string_view body) {
  store::remove_search_entries(c, "news", id);
  store::index_search_entries(c, {entry("news", id, std::nullopt, news_passage(title, summary, body))});
}

void unindex(db::Connection& c, ItemKind kind, std::int64_t id) {
  store::remove_search_entries(c, item_kind_name(kind), id);
}

}  // namespace sotay::library
