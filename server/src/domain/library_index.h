// Keeps the search index in step with published items: what a passage is, and (re)indexing.
// Only published items are indexed, so search never needs to look at an item's state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"
#include "domain/library_access.h"
#include "store/documents_store.h"

namespace sotay::library {

// The text of one passage as indexed and as snippets are cut from it.
std::string section_passage(const store::SectionRow& s, std::string_view context_heading);
std::string document_card_passage(const store::DocumentRow& d);
std::string news_passage(std::string_view title, std::string_view summary, std::string_view body);

// Replaces the item's passages with its current text (sections must carry their ids).
void index_document(db::Connection& c, const store::DocumentRow& d, const std::vector<store::SectionRow>& sections);
void index_news(db::Connection& c, std::int64_t id, std::string_view title, std::string_view summary,
                std::string_view body);
void unindex(db::Connection& c, ItemKind kind, std::int64_t id);

// The heading a child section is read under (its nearest ancestor with a heading), by ord.
std::vector<std::string> context_headings(const std::vector<store::SectionRow>& sections);

}  // namespace sotay::library
