#include "domain/member_record.h"

#include <gtest/gtest.h>

namespace sotay::members {
namespace {

const std::string kToday = "2026-11-20";

std::vector<std::string> fields_of(const MemberInput& in) {
  std::vector<std::string> out;
  for (const auto& e : check(in, kToday, nullptr)) out.push_back(e.field);
  return out;
}

MemberInput valid() {
  MemberInput in;
  in.full_name = "nguyễn văn  an";
  in.birth_date = "15/03/1980";
  in.sex = "Nam";
  in.admitted_on = "2005-05-19";
  in.official_on = "2006-05-19";
  in.card_number = "01234567";
  in.citizen_id = "034080001234";
  in.phone = "0912 345 678";
  in.email = "An.Nguyen@Example.vn";
  return in;
}

TEST(MemberRecord, AcceptsAndNormalizesAValidRecord) {
  store::MemberFields f;
  EXPECT_TRUE(check(valid(), kToday, &f).empty());
  EXPECT_EQ(f.full_name, "Nguyễn Văn An");
  EXPECT_EQ(f.birth_date, "1980-03-15");
  EXPECT_EQ(f.phone, "0912345678");
  EXPECT_EQ(f.email, "an.nguyen@example.vn");
  EXPECT_EQ(f.status, "official");
}

TEST(MemberRecord, DatesMustBeConsistent) {
  auto in = valid();
  in.official_on = "2005-12-01";  // less than 12 months after admission
  EXPECT_EQ(fields_of(in), std::vector<std::string>{"official_on"});
  in = valid();
  in.admitted_on = "1995-01-01";  // 14 years old
  in.official_on = "1996-01-01";
  EXPECT_EQ(fields_of(in), std::vector<std::string>{"admitted_on"});
  in = valid();
  in.birth_date = "2030-01-01";
  EXPECT_FALSE(fields_of(in).empty());
  in = valid();
  in.status = "dự bị";
  EXPECT_EQ(fields_of(in), std::vector<std::string>{"official_on"});
  in = valid();
  in.status = "Từ trần";
  EXPECT_EQ(fields_of(in), std::vector<std::string>{"status_date"});
}

TEST(MemberRecord, TwelveMonthsAfterLeapDayIsTheTwentyEighth) {
  auto in = valid();
  in.admitted_on = "2020-02-29";
  in.official_on = "2021-02-28";
  EXPECT_TRUE(fields_of(in).empty());
  in.official_on = "2021-02-27";
  EXPECT_EQ(fields_of(in), std::vector<std::string>{"official_on"});
}

TEST(MemberRecord, CitizenIdIsTwelveDigitsMatchingBirthYearAndSex) {
  auto in = valid();
  in.citizen_id = "34080001234";  // Excel dropped the leading zero: accepted and restored
  store::MemberFields f;
  EXPECT_TRUE(check(in, kToday, &f).empty());
  EXPECT_EQ(f.citizen_id, "034080001234");
  in.citizen_id = "034180001234";  // century/sex digit 1 = female born 1900s
  EXPECT_EQ(fields_of(in), std::vector<std::string>{"citizen_id"});
  in.citizen_id = "034090001234";  // born '90, not '80
  EXPECT_EQ(fields_of(in), std::vector<std::string>{"citizen_id"});
  in.citizen_id = "ABC";
  EXPECT_EQ(fields_of(in), std::vector<std::string>{"citizen_id"});
}

TEST(MemberRecord, PhonesAreNormalized) {
  EXPECT_EQ(normalize_phone("+84 912 345 678"), "0912345678");
  EXPECT_EQ(normalize_phone("84912345678"), "0912345678");
  EXPECT_EQ(normalize_phone("912345678"), "0912345678");
  EXPECT_EQ(normalize_phone("0243.123.4567"), "02431234567");
  EXPECT_FALSE(normalize_phone("0112345678"));
  EXPECT_FALSE(normalize_phone("09123"));
  EXPECT_FALSE(normalize_phone("abc"));
}

TEST(MemberRecord, StatusAndSexAcceptVietnameseWords) {
  EXPECT_EQ(normalize_status("Chính thức"), "official");
  EXPECT_EQ(normalize_status("du bi"), "probationary");
  EXPECT_EQ(normalize_status("Đã chuyển sinh hoạt"), "transferred");
  EXPECT_EQ(normalize_sex("Nữ"), "nu");
  EXPECT_EQ(normalize_sex("NAM"), "nam");
  EXPECT_FALSE(normalize_sex("khác"));
}

TEST(MemberRecord, NameRules) {
  auto in = valid();
  in.full_name = "An";
  EXPECT_EQ(fields_of(in), std::vector<std::string>{"full_name"});
  in.full_name = "Nguyễn Văn 3";
  EXPECT_EQ(fields_of(in), std::vector<std::string>{"full_name"});
  in.full_name = "";
  EXPECT_EQ(fields_of(in), std::vector<std::string>{"full_name"});
}

}  // namespace
}  // namespace sotay::members
