#include "search/synonyms.h"

#include "search/text_index.h"

namespace sotay::search {

namespace {

struct Row {
  const char* phrase;
  std::vector<const char*> equivalents;
};

// Everyday words → the words of the Charter and its implementing texts.
const Row kRows[] = {
    {"no", {"khong dong"}},
    {"rut", {"dieu dong"}},
    {"cu vao", {"chi dinh"}},
    {"cu", {"chi dinh"}},
    {"giao lai", {"ban giao"}},
    {"hop", {"sinh hoat"}},
    {"di hop", {"sinh hoat"}},
    {"nghi", {"mien", "giam"}},
    {"dau yeu", {"suc yeu"}},
    {"om yeu", {"suc yeu"}},
    {"gia yeu", {"tuoi cao suc yeu"}},
    {"lon tuoi", {"tuoi cao"}},
    {"dung dau", {"bi thu"}},
    {"sua lai", {"thay doi"}},
    {"sua", {"thay doi"}},
    {"bo di", {"xoa bo"}},
    {"huy", {"xoa bo"}},
    {"tinh uy", {"cap uy"}},
    {"huyen uy", {"cap uy"}},
    {"thanh uy", {"cap uy"}},
    {"dang uy", {"cap uy"}},
    {"ban chap hanh", {"cap uy"}},
    {"toi da", {"khong qua"}},
    {"nhieu nhat", {"khong qua"}},
    {"it nhat", {"toi thieu"}},
    {"hang thang", {"moi thang"}},
    {"vao dang", {"ket nap"}},
    {"bao lau", {"thoi han", "trong vong"}},
    {"chuyen nha", {"chuyen sinh hoat"}},
    {"chuyen noi o", {"chuyen sinh hoat"}},
    {"bi duoi", {"khai tru"}},
    {"duoi", {"khai tru"}},
    {"may nguoi", {"so luong"}},
    {"bau ra", {"bau"}},
};

std::vector<std::string> words(const char* folded) {
  std::vector<std::string> out;
  for (auto w : split_tokens(folded)) out.emplace_back(w);
  return out;
}

}  // namespace

const std::vector<Synonym>& synonyms() {
  static const std::vector<Synonym> table = [] {
    std::vector<Synonym> out;
    for (const auto& r : kRows) {
      Synonym s;
      s.phrase = words(r.phrase);
      for (const char* e : r.equivalents) s.equivalents.push_back(words(e));
      out.push_back(std::move(s));
    }
    return out;
  }();
  return table;
}

}  // namespace sotay::search
