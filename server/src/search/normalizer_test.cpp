#include "search/normalizer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <vector>

namespace sotay::search {
namespace {

TEST(NormalizerExact, LowercasesAndComposes) {
  EXPECT_EQ(normalize_exact("Nghị Quyết"), "nghị quyết");
  EXPECT_EQ(normalize_exact("NGHỊ QUYẾT"), "nghị quyết");
  EXPECT_EQ(normalize_exact("Nguyễn"), "nguyễn");
  EXPECT_EQ(normalize_exact("Thanh Hoá"), "thanh hóa");
  EXPECT_EQ(normalize_exact("ĐẢNG"), "đảng");
  EXPECT_EQ(normalize_exact(""), "");
  EXPECT_EQ(normalize_exact("Plain ASCII Text"), "plain ascii text");
}

TEST(NormalizerExact, DecomposedInputEqualsComposed) {
  // "Nguyễn Đức Thuỷ" typed with separate combining marks, as macOS and some keyboards do.
  std::string nfd = "Nguye\xcc\x82\xcc\x83n \xc4\x90u\xcc\x9b\xcc\x81" "c Thuy\xcc\x89";
  EXPECT_EQ(normalize_exact(nfd), normalize_exact("Nguyễn Đức Thuỷ"));
  EXPECT_EQ(normalize_exact(nfd), "nguyễn đức thủy");
  // Marks typed in a non-canonical order (tone before circumflex) still give ế.
  EXPECT_EQ(normalize_exact("quye\xcc\x81\xcc\x82t"), "quyết");
}

TEST(NormalizerExact, ClassicTonePlacementForOpenOaOeUy) {
  EXPECT_EQ(normalize_exact("uỷ ban"), normalize_exact("ủy ban"));
  EXPECT_EQ(normalize_exact("uỷ ban"), "ủy ban");
  EXPECT_EQ(normalize_exact("hoà"), "hòa");
  EXPECT_EQ(normalize_exact("hòa"), "hòa");
  EXPECT_EQ(normalize_exact("khoẻ"), "khỏe");
  EXPECT_EQ(normalize_exact("thuỷ"), "thủy");
  EXPECT_EQ(normalize_exact("thuý"), "thúy");
  EXPECT_EQ(normalize_exact("HOÀ BÌNH"), "hòa bình");
  EXPECT_EQ(normalize_exact("hoạ sĩ"), "họa sĩ");
  EXPECT_EQ(normalize_exact("tuỳ"), "tùy");
}

TEST(NormalizerExact, QuAndGiInitials) {
  EXPECT_EQ(normalize_exact("quý"), "quý");
  EXPECT_EQ(normalize_exact("Quốc"), "quốc");
  EXPECT_EQ(normalize_exact("quà"), "quà");
  EXPECT_EQ(normalize_exact("quyết"), "quyết");
  EXPECT_EQ(normalize_exact("già"), "già");
  EXPECT_EQ(normalize_exact("giữ gìn"), "giữ gìn");
  EXPECT_EQ(normalize_exact("giường"), "giường");
}

TEST(NormalizerExact, ClosedSyllablesTakeSecondVowel) {
  EXPECT_EQ(normalize_exact("hoàng"), "hoàng");
  EXPECT_EQ(normalize_exact("hòang"), "hoàng");
  EXPECT_EQ(normalize_exact("toán"), "toán");
  EXPECT_EQ(normalize_exact("tóan"), "toán");
  EXPECT_EQ(normalize_exact("hoạch"), "hoạch");
  EXPECT_EQ(normalize_exact("họach"), "hoạch");
  EXPECT_EQ(normalize_exact("huỳnh"), "huỳnh");
  EXPECT_EQ(normalize_exact("khuyến"), "khuyến");
  EXPECT_EQ(normalize_exact("thuyền"), "thuyền");
}

TEST(NormalizerExact, QualityMarkedVowelTakesTone) {
  EXPECT_EQ(normalize_exact("người"), "người");
  EXPECT_EQ(normalize_exact("được"), "được");
  EXPECT_EQ(normalize_exact("trường"), "trường");
  EXPECT_EQ(normalize_exact("Nguyễn"), "nguyễn");
  EXPECT_EQ(normalize_exact("thuở"), "thuở");
  EXPECT_EQ(normalize_exact("xuân"), "xuân");
  EXPECT_EQ(normalize_exact("rượu"), "rượu");
  EXPECT_EQ(normalize_exact("cứu"), "cứu");
  EXPECT_EQ(normalize_exact("tiếng Việt"), "tiếng việt");
  // Tone typed on the wrong vowel is moved onto the marked one.
  EXPECT_EQ(normalize_exact("ngừơi"), "người");
  EXPECT_EQ(normalize_exact("tíêng"), "tiếng");
}

TEST(NormalizerExact, OpenTwoAndThreeVowelSyllables) {
  EXPECT_EQ(normalize_exact("của"), "của");
  EXPECT_EQ(normalize_exact("cuả"), "của");
  EXPECT_EQ(normalize_exact("mùa"), "mùa");
  EXPECT_EQ(normalize_exact("kìa"), "kìa");
  EXPECT_EQ(normalize_exact("máy"), "máy");
  EXPECT_EQ(normalize_exact("maý"), "máy");
  EXPECT_EQ(normalize_exact("kéo"), "kéo");
  EXPECT_EQ(normalize_exact("chịu"), "chịu");
  EXPECT_EQ(normalize_exact("gửi"), "gửi");
  EXPECT_EQ(normalize_exact("ngoài"), "ngoài");
  EXPECT_EQ(normalize_exact("ngòai"), "ngoài");
  EXPECT_EQ(normalize_exact("khuỷu"), "khuỷu");
  EXPECT_EQ(normalize_exact("ngoẹo"), "ngoẹo");
  EXPECT_EQ(normalize_exact("yêu"), "yêu");
  EXPECT_EQ(normalize_exact("chuối"), "chuối");
}

TEST(NormalizerExact, LeavesDigitsPunctuationAndForeignWordsAlone) {
  EXPECT_EQ(normalize_exact("294-QĐ/TW"), "294-qđ/tw");
  EXPECT_EQ(normalize_exact("Điều 5, khoản 2."), "điều 5, khoản 2.");
  EXPECT_EQ(normalize_exact("(hoà)"), "(hòa)");
  EXPECT_EQ(normalize_exact("Café Résumé"), "café résumé");
  EXPECT_EQ(normalize_exact("España"), "españa");
  EXPECT_EQ(normalize_exact("Müller"), "müller");
  EXPECT_EQ(normalize_exact("Москва"), "москва");
}

TEST(NormalizerExact, InvalidUtf8DoesNotCrash) {
  const std::vector<std::string> inputs = {
      "\xff", "ho\xc3", "\xe1\xbb", "abc\x80\x80xyz", "ho\xc3\xa0\xff\xfe", std::string("a\0b", 3), "\xcc\x81"};
  for (const auto& input : inputs) {
    std::string exact = normalize_exact(input);
    std::string folded = fold(input);
    std::string squeezed = squeeze_spaces(input);
    std::string titled = title_case_name(input);
    std::string key = name_sort_key(input);
    // Whatever came in, what goes out is well-formed UTF-8 (the bad bytes became U+FFFD).
    EXPECT_EQ(normalize_exact(exact), exact);
    EXPECT_EQ(fold(folded), folded);
  }
  EXPECT_EQ(normalize_exact("ho\xc3"), "ho\xef\xbf\xbd");
}

TEST(NormalizerFold, StripsMarksAndDStroke) {
  EXPECT_EQ(fold("Đảng Cộng sản Việt Nam"), "dang cong san viet nam");
  EXPECT_EQ(fold("ĐỨC"), "duc");
  EXPECT_EQ(fold("Nguyễn Văn Đức"), "nguyen van duc");
  EXPECT_EQ(fold("thuỷ"), fold("thủy"));
  EXPECT_EQ(fold("294-QĐ/TW"), "294-qd/tw");
  EXPECT_EQ(fold(""), "");
  EXPECT_EQ(fold("Москва"), "москва");
}

TEST(NormalizerFold, EqualsFoldOfExact) {
  for (const char* text : {"Hoà Bình", "Khoẻ", "NGƯỜI ĐƯỢC", "tóan", "Quý Thuý"}) {
    EXPECT_EQ(fold(text), fold(normalize_exact(text))) << text;
  }
}

TEST(NormalizerSqueeze, CollapsesUnicodeWhitespace) {
  EXPECT_EQ(squeeze_spaces("  Nguyễn \t Văn\n\nAn  "), "Nguyễn Văn An");
  // No-break space, em space, ideographic space.
  EXPECT_EQ(squeeze_spaces("a\xc2\xa0" "b\xe2\x80\x83" "c\xe3\x80\x80" "d"), "a b c d");
  EXPECT_EQ(squeeze_spaces(""), "");
  EXPECT_EQ(squeeze_spaces(" \t\n "), "");
  EXPECT_EQ(squeeze_spaces("x"), "x");
}

TEST(NormalizerNameSortKey, OrdersByGivenName) {
  EXPECT_LT(name_sort_key("Trần Văn An"), name_sort_key("Nguyễn Thị Bình"));
  EXPECT_LT(name_sort_key("Nguyễn Văn An"), name_sort_key("Trần Thị Bình"));
  EXPECT_LT(name_sort_key("Lê An"), name_sort_key("Lê Anh"));
  // Names that differ only in marks order the same way every time, and are not equal.
  std::string a = name_sort_key("Lê Văn An");
  std::string a_circumflex = name_sort_key("Lê Văn Ân");
  EXPECT_NE(a, a_circumflex);
  EXPECT_LT(a, a_circumflex);
  // Spacing and case do not matter.
  EXPECT_EQ(name_sort_key("  lê   văn AN "), a);
}

TEST(NormalizerNameSortKey, SortsAList) {
  std::vector<std::string> names = {"Nguyễn Thị Bình", "Lê Văn Ân", "Trần Văn An", "Phạm Minh Đức", "Lê Văn An",
                                    "Hoàng Anh"};
  std::sort(names.begin(), names.end(),
            [](const std::string& x, const std::string& y) { return name_sort_key(x) < name_sort_key(y); });
  // Same given name: the folded full name decides, then the marks ("An" before "Ân").
  const std::vector<std::string> expected = {"Lê Văn An", "Lê Văn Ân",       "Trần Văn An",
                                             "Hoàng Anh", "Nguyễn Thị Bình", "Phạm Minh Đức"};
  EXPECT_EQ(names, expected);
}

TEST(NormalizerTitleCase, CapitalizesEachWord) {
  EXPECT_EQ(title_case_name("nguyễn văn  đức"), "Nguyễn Văn Đức");
  EXPECT_EQ(title_case_name("NGUYỄN THỊ ÁNH"), "Nguyễn Thị Ánh");
  EXPECT_EQ(title_case_name("  trần   an "), "Trần An");
  EXPECT_EQ(title_case_name("le van an"), "Le Van An");
  EXPECT_EQ(title_case_name("ủy"), "Ủy");
  EXPECT_EQ(title_case_name("u\xcc\x89y ban"), "Ủy Ban");  // decomposed input
  EXPECT_EQ(title_case_name(""), "");
}

TEST(NormalizerPerformance, FoldHundredThousandNames) {
  const std::vector<std::string> names = {
      "Nguyễn Văn An",   "Trần Thị Bình",     "Lê Hoàng Cường",   "Phạm Thị Thuỷ", "Hoàng Minh Đức",
      "Vũ Thị Hoà",      "Đặng Quốc Khánh",   "Bùi Thị Ngọc Ánh", "Đỗ Văn Khoẻ",   "Ngô Thị Hương",
  };
  auto start = std::chrono::steady_clock::now();
  std::size_t total = 0;
  for (int i = 0; i < 100'000; ++i) total += fold(names[static_cast<std::size_t>(i) % names.size()]).size();
  auto fold_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  start = std::chrono::steady_clock::now();
  for (int i = 0; i < 100'000; ++i) total += name_sort_key(names[static_cast<std::size_t>(i) % names.size()]).size();
  auto key_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  std::cout << "[ timing   ] 100000 fold(): " << fold_ms.count() << " ms; 100000 name_sort_key(): " << key_ms.count()
            << " ms\n";
  EXPECT_GT(total, 0u);
}

}  // namespace
}  // namespace sotay::search
