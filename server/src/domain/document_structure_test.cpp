// The structure splitter on short hand-written samples for each rule, then on the real documents
// of ../shared/corpus when that folder is present (skipped otherwise).
#include "domain/document_structure.h"

#include <gtest/gtest.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "search/normalizer.h"
#include "testing/corpus.h"

namespace sotay::documents {
namespace {

namespace fs = std::filesystem;

// --- helpers ---------------------------------------------------------------------------------

const Section* find_label(const std::vector<Section>& sections, std::string_view label) {
  for (const auto& s : sections) {
    if (s.label == label) return &s;
  }
  return nullptr;
}

int count_label(const std::vector<Section>& sections, std::string_view label) {
  int n = 0;
  for (const auto& s : sections) n += s.label == label ? 1 : 0;
  return n;
}

std::vector<std::string> labels(const std::vector<Section>& sections) {
  std::vector<std::string> out;
  for (const auto& s : sections) out.push_back(s.label);
  return out;
}

// The tree's shape rules that every caller relies on.
void expect_well_formed(const std::vector<Section>& sections) {
  std::set<std::string> anchors;
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const Section& s = sections[i];
    EXPECT_EQ(s.ord, static_cast<int>(i));
    if (s.parent_ord) {
      ASSERT_GE(*s.parent_ord, 0);
      ASSERT_LT(*s.parent_ord, s.ord);
      EXPECT_EQ(s.depth, sections[*s.parent_ord].depth + 1) << s.label;
    } else {
      EXPECT_EQ(s.depth, 0) << s.label;
    }
    EXPECT_FALSE(s.anchor.empty());
    for (char c : s.anchor) {
      EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') << s.anchor;
    }
    EXPECT_TRUE(anchors.insert(s.anchor).second) << "duplicate anchor " << s.anchor;
  }
}

// Lowercased words (runs of letters, marks and digits) with their counts.
std::map<std::string, int> word_counts(std::string_view text) {
  std::string norm = search::normalize_exact(text);
  std::map<std::string, int> counts;
  std::string word;
  const auto* bytes = reinterpret_cast<const uint8_t*>(norm.data());
  auto length = static_cast<int32_t>(norm.size());
  for (int32_t i = 0; i < length;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    bool part = c >= 0 && (u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0);
    if (part) {
      word.append(norm, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
    } else if (!word.empty()) {
      ++counts[word];
      word.clear();
    }
  }
  if (!word.empty()) ++counts[word];
  return counts;
}

// Nothing of the input is lost: every word is in some section's label, heading or body (the
// markers "Điều 8.", "1.", "a)" live on in the labels).
void expect_words_kept(std::string_view input, const std::vector<Section>& sections) {
  std::string all;
  for (const auto& s : sections) all += s.label + "\n" + s.heading + "\n" + s.body + "\n";
  auto in = word_counts(input);
  auto out = word_counts(all);
  int missing = 0;
  for (const auto& [word, count] : in) {
    auto it = out.find(word);
    int have = it == out.end() ? 0 : it->second;
    if (have < count && ++missing <= 10) ADD_FAILURE() << "lost word '" << word << "' " << count << " > " << have;
  }
  EXPECT_EQ(missing, 0);
}

// --- rules on small samples --------------------------------------------------------------------

TEST(DocumentStructure, KindNames) {
  EXPECT_STREQ(section_kind_name(SectionKind::preamble), "preamble");
  EXPECT_STREQ(section_kind_name(SectionKind::phan), "phan");
  EXPECT_STREQ(section_kind_name(SectionKind::chuong), "chuong");
  EXPECT_STREQ(section_kind_name(SectionKind::muc), "muc");
  EXPECT_STREQ(section_kind_name(SectionKind::dieu), "dieu");
  EXPECT_STREQ(section_kind_name(SectionKind::khoan), "khoan");
  EXPECT_STREQ(section_kind_name(SectionKind::diem), "diem");
  EXPECT_STREQ(section_kind_name(SectionKind::point), "point");
}

TEST(DocumentStructure, EmptyAndPlainProse) {
  EXPECT_TRUE(split_structure("").empty());
  EXPECT_TRUE(split_structure("  \n\r\n\t\n").empty());
  auto s = split_structure("Chi bộ họp thường kỳ.\nCác đồng chí đều có mặt.\n");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].kind, SectionKind::preamble);
  EXPECT_EQ(s[0].label, "Phần mở đầu");
  EXPECT_EQ(s[0].anchor, "mo-dau");
  EXPECT_EQ(s[0].body, "Chi bộ họp thường kỳ.\nCác đồng chí đều có mặt.");
  EXPECT_FALSE(s[0].parent_ord);
}

TEST(DocumentStructure, ArticlesWithChaptersKhoanAndDiem) {
  const std::string text =
      "QUY ĐỊNH MẪU\n"
      "Lời nói đầu của văn bản.\n"
      "Chương I\n"
      "NHỮNG ĐIỀU CHUNG\n"
      "Điều 1. Đảng viên\n"
      "1. Khoản thứ nhất.\n"
      "a) Điểm đầu;\n"
      "b) Điểm sau.\n"
      "2. Khoản thứ hai.\n"
      "Điều 2.\n"
      "Đảng viên có quyền:\n"
      "1. Được thông tin.\n"
      "Chương II: TỔ CHỨC\n"
      "Điều 3: Cấp ủy\n"
      "Nội dung điều ba.\n";
  auto s = split_structure(text);
  expect_well_formed(s);
  expect_words_kept(text, s);
  EXPECT_EQ(labels(s), (std::vector<std::string>{"Phần mở đầu", "Chương I", "Điều 1", "Điều 1 khoản 1",
                                                 "Điều 1 khoản 1 điểm a", "Điều 1 khoản 1 điểm b", "Điều 1 khoản 2",
                                                 "Điều 2", "Điều 2 khoản 1", "Chương II", "Điều 3"}));
  EXPECT_EQ(s[0].body, "QUY ĐỊNH MẪU\nLời nói đầu của văn bản.");
  EXPECT_EQ(s[1].kind, SectionKind::chuong);
  EXPECT_EQ(s[1].heading, "NHỮNG ĐIỀU CHUNG");
  EXPECT_EQ(s[1].anchor, "chuong-1");
  EXPECT_EQ(s[1].body, "");
  EXPECT_EQ(s[2].kind, SectionKind::dieu);
  EXPECT_EQ(s[2].heading, "Đảng viên");
  EXPECT_EQ(s[2].anchor, "dieu-1");
  EXPECT_EQ(s[2].parent_ord, 1);
  EXPECT_EQ(s[2].depth, 1);
  EXPECT_EQ(s[3].kind, SectionKind::khoan);
  EXPECT_EQ(s[3].anchor, "dieu-1-khoan-1");
  EXPECT_EQ(s[3].body, "Khoản thứ nhất.");
  EXPECT_EQ(s[3].heading, "");
  EXPECT_EQ(s[4].kind, SectionKind::diem);
  EXPECT_EQ(s[4].anchor, "dieu-1-khoan-1-diem-a");
  EXPECT_EQ(s[4].parent_ord, 3);
  EXPECT_EQ(s[4].depth, 3);
  EXPECT_EQ(s[6].parent_ord, 2);
  EXPECT_EQ(s[7].heading, "");
  EXPECT_EQ(s[7].body, "Đảng viên có quyền:");
  EXPECT_EQ(s[9].heading, "TỔ CHỨC");
  EXPECT_EQ(s[9].anchor, "chuong-2");
  EXPECT_EQ(s[10].heading, "Cấp ủy");
  EXPECT_EQ(s[10].body, "Nội dung điều ba.");
  EXPECT_EQ(s[10].parent_ord, 9);
}

TEST(DocumentStructure, DiemDirectlyUnderDieu) {
  auto s = split_structure("Điều 8. Quyền\nĐảng viên được:\na) Thông tin;\nđ) Ứng cử.\nĐiều 9. Khác\n");
  expect_well_formed(s);
  EXPECT_EQ(labels(s), (std::vector<std::string>{"Điều 8", "Điều 8 điểm a", "Điều 8 điểm đ", "Điều 9"}));
  EXPECT_EQ(s[1].anchor, "dieu-8-diem-a");
  EXPECT_EQ(s[2].anchor, "dieu-8-diem-dd");
  EXPECT_EQ(s[2].body, "Ứng cử.");
  EXPECT_EQ(s[1].parent_ord, 0);
}

TEST(DocumentStructure, KeywordCaseAndUnicodeForms) {
  // Precomposed, upper case, decomposed marks (ê + grave), the look-alike Ð, mixed case, and the
  // separators ".", ":", " -", a bare number with a capitalised title.
  const std::string text =
      "ĐIỀU 1. Một\n"
      "Đi\xC3\xAA\xCC\x80u 2. Hai\n"
      "\xC4\x90ie\xCC\x82\xCC\x80u 3: Ba\n"
      "\xC3\x90i\xE1\xBB\x81u 4 - Bốn\n"
      "ĐIều 5 Năm\n"
      "điều 6.\n";
  auto s = split_structure(text);
  expect_well_formed(s);
  ASSERT_EQ(s.size(), 6u);
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(s[i].kind, SectionKind::dieu);
    EXPECT_EQ(s[i].label, "Điều " + std::to_string(i + 1));
    EXPECT_EQ(s[i].anchor, "dieu-" + std::to_string(i + 1));
  }
  EXPECT_EQ(s[1].heading, "Hai");
  EXPECT_EQ(s[2].heading, "Ba");
  EXPECT_EQ(s[3].heading, "Bốn");
  EXPECT_EQ(s[4].heading, "Năm");
  EXPECT_EQ(s[5].heading, "");
}

TEST(DocumentStructure, PartsChaptersAndSections) {
  const std::string text =
      "Phần thứ nhất\n"
      "QUY ĐỊNH CHUNG\n"
      "Chương 1\n"
      "Mục 1. Phạm vi\n"
      "Điều 1. Phạm vi điều chỉnh\n"
      "Nội dung.\n"
      "PHẦN II. TỔ CHỨC THỰC HIỆN\n"
      "CHƯƠNG II\n"
      "TỔ CHỨC ĐẢNG TRONG\n"
      "QUÂN ĐỘI\n"
      "Mục 2\n"
      "Điều 2. Trách nhiệm\n"
      "PHẦN THỨ BA\n";
  auto s = split_structure(text);
  expect_well_formed(s);
  expect_words_kept(text, s);
  EXPECT_EQ(labels(s), (std::vector<std::string>{"Phần thứ nhất", "Chương 1", "Chương 1 mục 1", "Điều 1", "Phần II",
                                                 "Chương II", "Chương II mục 2", "Điều 2", "Phần thứ ba"}));
  EXPECT_EQ(s[0].kind, SectionKind::phan);
  EXPECT_EQ(s[0].anchor, "phan-1");
  EXPECT_EQ(s[0].heading, "QUY ĐỊNH CHUNG");
  EXPECT_EQ(s[1].anchor, "chuong-1");
  EXPECT_EQ(s[1].heading, "");
  EXPECT_EQ(s[1].depth, 1);
  EXPECT_EQ(s[2].kind, SectionKind::muc);
  EXPECT_EQ(s[2].anchor, "chuong-1-muc-1");
  EXPECT_EQ(s[2].heading, "Phạm vi");
  EXPECT_EQ(s[3].depth, 3);
  EXPECT_EQ(s[4].anchor, "phan-2");
  EXPECT_EQ(s[4].heading, "TỔ CHỨC THỰC HIỆN");
  EXPECT_FALSE(s[4].parent_ord);
  EXPECT_EQ(s[5].heading, "TỔ CHỨC ĐẢNG TRONG QUÂN ĐỘI");  // a capitals title wrapped over two lines
  EXPECT_EQ(s[5].anchor, "chuong-2");
  EXPECT_EQ(s[6].anchor, "chuong-2-muc-2");
  EXPECT_EQ(s[8].anchor, "phan-3");
}

TEST(DocumentStructure, MidSentenceReferencesDoNotSplit) {
  const std::string text =
      "Điều 1. Kết nạp\n"
      "Thực hiện theo khoản 1 Điều 5 của Quy định này và\n"
      "Điều 5 Điều lệ Đảng; các trường hợp tại\n"
      "Điều 7 quy định riêng. Xem thêm Chương II.\n"
      "Điều lệ Đảng quy định rõ.\n"
      "Chương trình công tác năm.\n"
      "Mục tiêu chung.\n"
      "Điều 2. Khác\n";
  auto s = split_structure(text);
  expect_well_formed(s);
  expect_words_kept(text, s);
  EXPECT_EQ(labels(s), (std::vector<std::string>{"Điều 1", "Điều 2"}));
  EXPECT_EQ(s[0].body,
            "Thực hiện theo khoản 1 Điều 5 của Quy định này và\nĐiều 5 Điều lệ Đảng; các trường hợp tại\n"
            "Điều 7 quy định riêng. Xem thêm Chương II.\nĐiều lệ Đảng quy định rõ.\nChương trình công tác năm.\n"
            "Mục tiêu chung.");
}

TEST(DocumentStructure, KhoanNumberingMayRestartAndDatesAreFine) {
  auto s = split_structure(
      "Điều 1. A\n1. Ngày 5/6/2025 chi bộ họp.\n2. Hai.\n3. Ba.\n1. Lại một.\nĐiều 2. B\nnội dung\n");
  expect_well_formed(s);
  EXPECT_EQ(labels(s), (std::vector<std::string>{"Điều 1", "Điều 1 khoản 1", "Điều 1 khoản 2", "Điều 1 khoản 3",
                                                 "Điều 1 khoản 1", "Điều 2"}));
  EXPECT_EQ(s[1].body, "Ngày 5/6/2025 chi bộ họp.");
  EXPECT_EQ(s[4].anchor, "dieu-1-khoan-1-2");
}

TEST(DocumentStructure, NumberedPoints) {
  const std::string text =
      "QUY ĐỊNH THI HÀNH\n"
      "1. Điều 1 (Khoản 2): Tuổi đời của người vào Đảng\n"
      "1.1. Về tuổi đời.\n"
      "1.1.1. Người vào Đảng phải đủ 18 tuổi.\n"
      "1.1.2. Trường hợp trên 60 tuổi do cấp ủy xem xét.\n"
      "2. Điều 3: Về quyền của đảng viên\n"
      "2.1. (Khoản 1): Quyền được thông tin.\n"
      "Định kỳ hằng tháng, cấp ủy thông tin cho đảng viên.\n"
      "2.2 Quyền ứng cử\n"
      "a) Đảng viên chính thức;\n"
      "b) Đảng viên dự bị không có quyền này.\n"
      "3. Điều 4: Kết nạp\n";
  auto s = split_structure(text);
  expect_well_formed(s);
  expect_words_kept(text, s);
  EXPECT_EQ(labels(s), (std::vector<std::string>{"Phần mở đầu", "1", "1.1", "1.1.1", "1.1.2", "2", "2.1", "2.2",
                                                 "2.2 điểm a", "2.2 điểm b", "3"}));
  EXPECT_EQ(s[1].kind, SectionKind::point);
  EXPECT_EQ(s[1].depth, 0);
  EXPECT_EQ(s[1].anchor, "p-1");
  EXPECT_EQ(s[1].heading, "Điều 1 (Khoản 2): Tuổi đời của người vào Đảng");
  EXPECT_EQ(s[2].heading, "Về tuổi đời.");
  EXPECT_EQ(s[2].depth, 1);
  EXPECT_EQ(s[3].anchor, "p-1-1-1");
  EXPECT_EQ(s[3].depth, 2);
  // A point with nothing after it: its line is its text, not a title.
  EXPECT_EQ(s[3].heading, "");
  EXPECT_EQ(s[3].body, "Người vào Đảng phải đủ 18 tuổi.");
  EXPECT_EQ(s[6].heading, "(Khoản 1): Quyền được thông tin.");
  EXPECT_EQ(s[6].body, "Định kỳ hằng tháng, cấp ủy thông tin cho đảng viên.");
  EXPECT_EQ(s[7].anchor, "p-2-2");  // "2.2 " without the final dot
  EXPECT_EQ(s[7].heading, "Quyền ứng cử");
  EXPECT_EQ(s[8].kind, SectionKind::diem);
  EXPECT_EQ(s[8].anchor, "p-2-2-a");
  EXPECT_EQ(s[8].parent_ord, 7);
  EXPECT_EQ(s[10].heading, "");
  EXPECT_EQ(s[10].body, "Điều 4: Kết nạp");
}

TEST(DocumentStructure, PointTitleCutByLineBreakIsText) {
  auto s = split_structure("1. Đảng viên phải hoàn thành\nnhiệm vụ được giao.\n2. Khác\n");
  expect_well_formed(s);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].heading, "");
  EXPECT_EQ(s[0].body, "Đảng viên phải hoàn thành nhiệm vụ được giao.");
}

TEST(DocumentStructure, RomanParts) {
  const std::string text =
      "Nghị quyết mẫu.\n"
      "I. QUAN ĐIỂM CHỈ ĐẠO\n"
      "1. Quan điểm một.\n"
      "2. Quan điểm hai.\n"
      "II- MỤC TIÊU\n"
      "1. Mục tiêu đến năm 2030\n"
      "- Mở rộng.\n"
      "1.1. Chi tiết\n"
      "a) Ý thứ nhất.\n"
      "III. TỔ CHỨC THỰC HIỆN\n";
  auto s = split_structure(text);
  expect_well_formed(s);
  expect_words_kept(text, s);
  EXPECT_EQ(labels(s), (std::vector<std::string>{"Phần mở đầu", "I", "I.1", "I.2", "II", "II.1", "II.1.1",
                                                 "II.1.1 điểm a", "III"}));
  EXPECT_EQ(s[1].anchor, "p-i");
  EXPECT_EQ(s[1].heading, "QUAN ĐIỂM CHỈ ĐẠO");
  EXPECT_EQ(s[2].anchor, "p-i-1");
  EXPECT_EQ(s[2].depth, 1);
  EXPECT_EQ(s[4].anchor, "p-ii");
  EXPECT_EQ(s[4].heading, "MỤC TIÊU");
  EXPECT_EQ(s[5].anchor, "p-ii-1");
  EXPECT_EQ(s[5].heading, "Mục tiêu đến năm 2030");
  EXPECT_EQ(s[5].body, "- Mở rộng.");
  EXPECT_EQ(s[6].anchor, "p-ii-1-1");
  EXPECT_EQ(s[6].depth, 2);
  EXPECT_EQ(s[7].anchor, "p-ii-1-1-a");
  EXPECT_EQ(s[8].body, "TỔ CHỨC THỰC HIỆN");  // nothing follows: the line is its text
}

TEST(DocumentStructure, NestedListInsideSubPointStaysText) {
  const std::string text =
      "1. Thứ nhất\n"
      "1.1. Các bước:\n"
      "1. Chuẩn bị.\n"
      "2. Tiến hành.\n"
      "3. Kết thúc.\n"
      "1.2. Tiếp theo\n"
      "2. Thứ hai\n";
  auto s = split_structure(text);
  expect_well_formed(s);
  expect_words_kept(text, s);
  EXPECT_EQ(labels(s), (std::vector<std::string>{"1", "1.1", "1.2", "2"}));
  EXPECT_EQ(s[1].body, "1. Chuẩn bị.\n2. Tiến hành.\n3. Kết thúc.");
}

TEST(DocumentStructure, TopLevelNumberingRestartsAfterProse) {
  const std::string text =
      "Về quan điểm:\n1. Một.\n2. Hai.\nVề nhiệm vụ, có ba nhiệm vụ:\n1. Nhiệm vụ một.\n2. Nhiệm vụ hai.\n"
      "3. Nhiệm vụ ba.\n2025. Năm cũ bị ngắt dòng.\n";
  auto s = split_structure(text);
  expect_well_formed(s);
  expect_words_kept(text, s);
  EXPECT_EQ(labels(s), (std::vector<std::string>{"Phần mở đầu", "1", "2", "1", "2", "3"}));
  EXPECT_EQ(s[3].anchor, "p-1-2");
  EXPECT_EQ(s[5].body, "2025. Năm cũ bị ngắt dòng.");
}

TEST(DocumentStructure, StrayDieuLineDoesNotTurnGuidanceIntoArticles) {
  const std::string text =
      "1. Thứ nhất\n1.1. Nội dung theo quy định tại\nĐiều 5. Điều lệ Đảng.\n1.2. Khác\n2. Thứ hai\n";
  auto s = split_structure(text);
  expect_well_formed(s);
  EXPECT_EQ(labels(s), (std::vector<std::string>{"1", "1.1", "1.2", "2"}));
  EXPECT_NE(s[1].body.find("Điều 5. Điều lệ Đảng."), std::string::npos);
}

TEST(DocumentStructure, WindowsLineEndingsBlankLinesAndSpaces) {
  auto s = split_structure("\xEF\xBB\xBF  Chương I\r\n\r\n  ĐẢNG VIÊN \r\n\r\nĐiều 1.\xC2\xA0Đảng viên\r\n\r\n1. Khoản.\r\n");
  expect_well_formed(s);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].heading, "ĐẢNG VIÊN");
  EXPECT_EQ(s[1].heading, "Đảng viên");
  EXPECT_EQ(s[2].body, "Khoản.");
}

TEST(DocumentStructure, DuplicateAnchorsGetSuffixes) {
  auto s = split_structure("Điều 1. A\nĐiều 2. B\nĐiều 1. Quy chế kèm theo\nĐiều 1. Lần ba\n");
  expect_well_formed(s);
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[2].anchor, "dieu-1-2");
  EXPECT_EQ(s[3].anchor, "dieu-1-3");
}

TEST(DocumentStructure, InvalidUtf8AndOddBytesDoNotCrash) {
  std::string junk = "Đi\xFFu 1. \xC3\n\xE1\xBB\n1.\n1.1\na)\nI.\nChương\nĐiều 99999999.\n\x80\x80\x80 ";
  junk += std::string("\0\0\n", 3);
  for (int i = 0; i < 256; ++i) junk += static_cast<char>(i);
  auto s = split_structure(junk);
  expect_well_formed(s);
  auto t = split_structure(std::string(100000, '\n'));
  EXPECT_TRUE(t.empty());
}

TEST(DocumentStructure, DeepAndRepeatedMarkersStayLinear) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "a) x\n1.1.1.1.1.1. y\n";
  std::clock_t start = std::clock();
  auto s = split_structure(text);
  double ms = 1000.0 * static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  EXPECT_EQ(s.size(), 40000u);
  expect_well_formed(s);
  // 20,000 identical anchors to make unique: quadratic work would take many seconds.
  EXPECT_LT(ms, 2000);
}

TEST(DocumentStructure, OneMegabyteIsFast) {
  // Shaped like a real charter: chapters, articles, khoản, điểm, long and short lines.
  std::string text;
  for (int d = 1; text.size() < (1u << 20); ++d) {
    if (d % 10 == 1) text += "Chương " + std::to_string(d / 10 + 1) + "\nTÊN CHƯƠNG\n";
    text += "Điều " + std::to_string(d) + ". Tiêu đề điều\n";
    for (int k = 1; k <= 4; ++k) {
      text += std::to_string(k) + ". Chi bộ họp thường kỳ mỗi tháng một lần, theo khoản 1 Điều 5 của Quy định\n";
      text += "a) Điểm thứ nhất về công tác đảng viên;\nb) Điểm thứ hai.\n";
    }
  }
  // Processor time, not wall time: the machines that run the tests are often busy.
  std::clock_t start = std::clock();
  auto s = split_structure(text);
  double ms = 1000.0 * static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  std::cout << "[ info     ] 1 MB, " << s.size() << " sections in " << ms << " ms CPU\n";
  EXPECT_GT(s.size(), 10000u);
  // The target is well under 50 ms; the bound leaves room for sanitizer and debug builds.
  EXPECT_LT(ms, 500);
}

// --- the real documents ---------------------------------------------------------------------

using testing::corpus_dir;
using testing::read_corpus_text;

std::vector<Section> split_corpus_file(const std::string& name, std::string* text_out = nullptr) {
  auto dir = corpus_dir();
  if (!dir || !fs::exists(*dir / name)) return {};
  std::string text = read_corpus_text(*dir / name);
  if (text_out) *text_out = text;
  return split_structure(text);
}

#define SKIP_WITHOUT_CORPUS()                                              \
  if (!corpus_dir()) GTEST_SKIP() << "../shared/corpus not found (set SOTAY_CORPUS_DIR)"

TEST(DocumentStructure, CorpusCharter) {
  SKIP_WITHOUT_CORPUS();
  std::string text;
  auto s = split_corpus_file("dieu-le-dang-2011.txt", &text);
  ASSERT_FALSE(s.empty());
  expect_well_formed(s);
  expect_words_kept(text, s);
  EXPECT_EQ(s[0].kind, SectionKind::preamble);
  const char* romans[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"};
  int chapters = 0;
  int articles = 0;
  for (const auto& sec : s) {
    chapters += sec.kind == SectionKind::chuong ? 1 : 0;
    articles += sec.kind == SectionKind::dieu ? 1 : 0;
  }
  EXPECT_EQ(chapters, 12);
  EXPECT_EQ(articles, 48);
  for (const char* r : romans) EXPECT_EQ(count_label(s, std::string("Chương ") + r), 1) << r;
  for (int d = 1; d <= 48; ++d) {
    std::string label = "Điều " + std::to_string(d);
    EXPECT_EQ(count_label(s, label), 1) << label;
    const Section* dieu = find_label(s, label);
    ASSERT_NE(dieu, nullptr);
    EXPECT_EQ(s[*dieu->parent_ord].kind, SectionKind::chuong) << label;
  }
  const Section* d8 = find_label(s, "Điều 8");
  const Section* k1 = find_label(s, "Điều 8 khoản 1");
  const Section* k2 = find_label(s, "Điều 8 khoản 2");
  ASSERT_TRUE(d8 && k1 && k2);
  EXPECT_EQ(k1->parent_ord, d8->ord);
  EXPECT_EQ(k2->parent_ord, d8->ord);
  EXPECT_EQ(k1->anchor, "dieu-8-khoan-1");
  EXPECT_NE(find_label(s, "Điều 5 khoản 2"), nullptr);
  EXPECT_EQ(find_label(s, "Chương I")->heading, "ĐẢNG VIÊN");
  EXPECT_EQ(find_label(s, "Chương VI")->heading,
            "TỔ CHỨC ĐẢNG TRONG QUÂN ĐỘI NHÂN DÂN VIỆT NAM VÀ CÔNG AN NHÂN DÂN VIỆT NAM");
}

TEST(DocumentStructure, CorpusQuyDinh294) {
  SKIP_WITHOUT_CORPUS();
  std::string text;
  auto s = split_corpus_file("quy-dinh-294-qd-tw-2025-thi-hanh-dieu-le-dang.txt", &text);
  ASSERT_FALSE(s.empty());
  expect_well_formed(s);
  expect_words_kept(text, s);
  std::vector<std::string> top;
  for (const auto& sec : s) {
    if (sec.kind == SectionKind::point && sec.depth == 0) top.push_back(sec.label);
  }
  std::vector<std::string> expected;
  for (int i = 1; i <= 33; ++i) expected.push_back(std::to_string(i));
  EXPECT_EQ(top, expected);
  for (const char* label : {"2.1", "6.2", "29.2", "12.4", "10.4.3", "3.5.1 điểm a"}) {
    EXPECT_NE(find_label(s, label), nullptr) << label;
  }
  EXPECT_EQ(find_label(s, "2")->heading, "Điều 3: Về quyền của đảng viên");
  EXPECT_EQ(find_label(s, "2.1")->anchor, "p-2-1");
  EXPECT_EQ(find_label(s, "2.1")->heading, "(Khoản 1): Quyền được thông tin của đảng viên.");
}

TEST(DocumentStructure, CorpusHuongDan06) {
  SKIP_WITHOUT_CORPUS();
  std::string text;
  auto s = split_corpus_file("huong-dan-06-hd-tw-2025-thi-hanh-dieu-le-dang.txt", &text);
  ASSERT_FALSE(s.empty());
  expect_well_formed(s);
  expect_words_kept(text, s);
  int top = 0;
  for (const auto& sec : s) top += sec.kind == SectionKind::point && sec.depth == 0 ? 1 : 0;
  EXPECT_EQ(top, 19);
  for (const char* label : {"3.8", "5.3", "9.1", "10.2", "17.1", "19.2", "10.2.1", "3.4 điểm đ"}) {
    EXPECT_NE(find_label(s, label), nullptr) << label;
  }
}

TEST(DocumentStructure, CorpusArticleRegulations) {
  SKIP_WITHOUT_CORPUS();
  auto q383 = split_corpus_file("quy-dinh-383-qd-tw-2025-phong-luu-tru-dang.txt");
  auto q384 = split_corpus_file("quy-dinh-384-qd-tw-2025-ket-noi-chia-se-du-lieu.txt");
  ASSERT_FALSE(q383.empty());
  ASSERT_FALSE(q384.empty());
  for (int d = 1; d <= 23; ++d) EXPECT_EQ(count_label(q383, "Điều " + std::to_string(d)), 1) << d;
  for (int d = 1; d <= 20; ++d) EXPECT_EQ(count_label(q384, "Điều " + std::to_string(d)), 1) << d;
  EXPECT_EQ(count_label(q384, "Chương III"), 1);
  EXPECT_NE(find_label(q384, "Điều 8 khoản 1 điểm đ"), nullptr);
}

TEST(DocumentStructure, CorpusResolutionsAndGuidance) {
  SKIP_WITHOUT_CORPUS();
  auto nq71 = split_corpus_file("nghi-quyet-71-nq-tw-2025-giao-duc-dao-tao.txt");
  for (const char* label : {"I", "II", "III", "IV", "II.3", "III.8", "IV.6"}) {
    EXPECT_EQ(count_label(nq71, label), 1) << label;
  }
  auto hd45 = split_corpus_file("huong-dan-45-hd-btctw-2025-phan-cap-quan-ly-can-bo.txt");
  for (const char* label : {"I", "VII", "II.5.3", "III.1.2", "VI.2"}) EXPECT_EQ(count_label(hd45, label), 1) << label;
}

// Every text of the corpus, prose included: a well-formed tree that keeps every word.
TEST(DocumentStructure, CorpusAllFilesWellFormed) {
  SKIP_WITHOUT_CORPUS();
  auto dir = *corpus_dir();
  std::vector<fs::path> files;
  for (const char* sub : {"", "articles", "reference"}) {
    if (!fs::is_directory(dir / sub)) continue;
    for (const auto& entry : fs::directory_iterator(dir / sub)) {
      if (entry.path().extension() == ".txt") files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    SCOPED_TRACE(file.filename().string());
    std::string text = read_corpus_text(file);
    auto s = split_structure(text);
    expect_well_formed(s);
    expect_words_kept(text, s);
    std::map<std::string, int> kinds;
    for (const auto& sec : s) ++kinds[section_kind_name(sec.kind)];
    std::cout << "[ info     ] " << file.filename().string() << ": " << s.size() << " sections";
    for (const auto& [kind, n] : kinds) std::cout << " " << kind << "=" << n;
    std::cout << "\n";
  }
}

}  // namespace
}  // namespace sotay::documents
