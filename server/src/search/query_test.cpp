#include "search/query.h"

#include <gtest/gtest.h>

namespace sotay::search {
namespace {

bool finds(std::string_view query, std::string_view text) {
  return words_begin_words(parse_query(query), index_text(text));
}

TEST(WordsBeginWords, MarksTypedMustMatchMarksLeftOutMatchEither) {
  const auto text = "Họp chi bộ thường kỳ tháng 12\nĐề nghị các đồng chí có mặt đúng giờ.";
  EXPECT_TRUE(finds("họp chi bộ", text));
  EXPECT_TRUE(finds("HOP CHI BO", text));
  EXPECT_TRUE(finds("de nghi", text));
  EXPECT_TRUE(finds("Đề nghị", text));
  // "hợp" is another word than "họp" once its marks are typed.
  EXPECT_FALSE(finds("hợp", text));
  EXPECT_TRUE(finds("hop", "Hợp tác xã"));
}

TEST(WordsBeginWords, EveryContentWordMustBeginAWord) {
  const auto text = "Lịch trực Tết Nguyên đán";
  EXPECT_TRUE(finds("tết", text));
  EXPECT_TRUE(finds("nguyen", text));
  EXPECT_TRUE(finds("ngu", text)) << "the start of a word is enough while typing";
  EXPECT_FALSE(finds("uyen", text)) << "but not the middle of one";
  EXPECT_FALSE(finds("lịch họp", text));
  // Function words are not required ("của", "các")…
  EXPECT_TRUE(finds("lịch trực của tết", text));
  // …unless they are all there is.
  EXPECT_FALSE(finds("của", text));
  EXPECT_TRUE(finds("các", "Các đồng chí"));
}

TEST(WordsBeginWords, PunctuationAndNumbersAreWordsBoundaries) {
  EXPECT_TRUE(finds("12", "Kế hoạch số 12/KH-ĐU"));
  EXPECT_TRUE(finds("kh du", "Kế hoạch số 12/KH-ĐU"));
  EXPECT_TRUE(finds("", "bất kỳ"));
}

}  // namespace
}  // namespace sotay::search
