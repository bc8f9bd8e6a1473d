// Words members use for what Party texts say otherwise ("nợ đảng phí" for "không đóng đảng phí",
// "tỉnh ủy" where the Charter says "cấp ủy"). A query phrase found here also searches for its
// equivalents, which count like the words typed when found together. Written for this product, folded forms.
#pragma once

#include <string>
#include <vector>

namespace sotay::search {

struct Synonym {
  std::vector<std::string> phrase;                    // folded words as a member types them
  std::vector<std::vector<std::string>> equivalents;  // folded phrases the texts use
};

const std::vector<Synonym>& synonyms();

}  // namespace sotay::search
