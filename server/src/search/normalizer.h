// The one Vietnamese normalizer every backend uses, at index time and at query time.
//   exact: NFC + lowercase + one tone-placement convention (hoà→hòa, uỷ→ủy, thuý→thúy)
//   fold:  exact with all marks stripped and đ→d ("Nguyễn Văn Đức" → "nguyen van duc")
#pragma once

#include <string>
#include <string_view>

namespace sotay::search {

std::string normalize_exact(std::string_view utf8);
std::string fold(std::string_view utf8);
// Collapses runs of whitespace to one space and trims; keeps letters, digits and marks.
std::string squeeze_spaces(std::string_view utf8);

// Sort key for Vietnamese personal names: given name (last word) first, then the full name,
// both folded, then the exact form to break ties between names that differ only in marks.
// "Nguyễn Văn An" sorts before "Trần Thị Bình".
std::string name_sort_key(std::string_view full_name);

// Title Case for names typed in any case: "nguyễn văn an" → "Nguyễn Văn An".
std::string title_case_name(std::string_view utf8);

}  // namespace sotay::search
