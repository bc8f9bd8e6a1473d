// Name tables and the deterministic generator of fictional people and place names for the demo
// and scale data sets. Everything here is invented; nothing reads the clock or the environment,
// so the same seed and the same reference date always give the same people.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sotay::demo {

// splitmix64: tiny, fast, and identical on every platform and standard library (std::mt19937's
// distributions are not specified bit for bit, so they would break "same seed, same data").
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  std::uint64_t below(std::uint64_t n);                  // uniform in [0, n); n > 0
  std::int64_t between(std::int64_t lo, std::int64_t hi);  // uniform in [lo, hi]
  double unit();                                         // uniform in [0, 1)
  bool chance(double p) { return unit() < p; }
  // Roughly normal (mean 0, sd 1): the sum of four uniforms is plenty for spreading sizes.
  double gaussish();

 private:
  std::uint64_t state_;
};

// Calendar arithmetic on day numbers (days since 1970-01-01), proleptic Gregorian.
std::int64_t days_from_civil(int year, int month, int day);
std::string iso_from_days(std::int64_t days);
std::int64_t days_from_iso(std::string_view iso);  // expects a valid 'YYYY-MM-DD'
int year_of_days(std::int64_t days);
// The same day `years` (or `months`) later; 29 February and 31st days clamp to the month's end.
std::int64_t add_years(std::int64_t days, int years);
std::int64_t add_months(std::int64_t days, int months);

enum class Sex { male, female };

struct PersonName {
  std::string family, middle, given;
  std::string full;  // "Nguyễn Thị Thu Hà"
};
// A Vietnamese name for someone of `sex` born in `birth_year`: family names with their real
// frequencies; older generations carry Văn / Thị more often than younger ones.
PersonName make_name(Rng& rng, Sex sex, int birth_year);

// The numbers that identify a province inside generated identifiers.
struct ProvinceIds {
  int number = 34;        // 1..99, distinct per province: citizen IDs start with it ("034…"),
                          // party card numbers with its two digits ("34…")
  std::string email_tag;  // "sh" in nguyenvanan.sh@gmail.com
};

struct MemberDraft {
  std::string full_name;
  std::string sex;  // "nam" | "nu"
  std::string birth_date;
  std::string admitted_on;
  std::optional<std::string> official_on;
  std::string card_number;  // 8 digits
  std::string citizen_id;   // 12 digits
  std::optional<std::string> phone;
  std::optional<std::string> email;
  std::string status;  // official | probationary | left | transferred | deceased
  std::optional<std::string> status_date;
  // Official, reachable by phone and a member since before the 2020–2025 term began: someone
  // who can plausibly hold a committee position in either term.
  bool cadre = false;
};

// What kind of member to make.
enum class MemberRole {
  any,    // drawn from the realistic mix of statuses
  cadre,  // forced to be cadre-eligible (see MemberDraft::cadre)
  plain,  // official with a phone, for demo accounts of ordinary members
};

// Makes members one at a time. Card numbers, citizen IDs and phones are unique across
// everything one generator makes (up to a million cards per province and 230 million phones).
class MemberGenerator {
 public:
  MemberGenerator(std::uint64_t seed, std::int64_t today_days);
  MemberDraft next(const ProvinceIds& province, MemberRole role = MemberRole::any);

 private:
  std::string next_card(int province);
  std::string next_citizen_id(int province, Sex sex, int birth_year);
  std::string next_phone();
  std::string make_email(const PersonName& name, int birth_year, const ProvinceIds& province);

  Rng rng_;
  std::int64_t today_;
  std::array<std::uint32_t, 100> card_serial_{};
  std::vector<std::uint32_t> citizen_serial_;  // [province][sex/century digit][two-digit year]
  std::uint64_t phone_serial_ = 0;
};

// ---- Place and unit name tables (all invented combinations) ----

// A two-syllable place name ("Tân Phong", "Hưng Thịnh"); the two syllables differ.
std::string make_place_name(Rng& rng);
// Splits `total` into weights.size() integer shares in [lo, hi], roughly proportional to the
// weights with some random spread (real units are uneven). Throws if the bounds cannot hold.
std::vector<int> split_total(Rng& rng, int total, const std::vector<double>& weights, int lo, int hi);
// Villages and hamlets for rural cells ("Đông", "Thượng", "An Lạc").
const std::vector<std::string_view>& village_names();
// Provincial departments and agencies ("Sở Y tế").
const std::vector<std::string_view>& agency_names();
// Offices inside an agency ("Văn phòng", "Phòng Tổ chức cán bộ").
const std::vector<std::string_view>& office_names();
// Hospital departments ("Khoa Nội").
const std::vector<std::string_view>& hospital_department_names();
// Kinds of enterprise ("Công ty Cổ phần May").
const std::vector<std::string_view>& enterprise_kinds();
// Fictional provinces for the national data set: {name, code}. The first is Sông Hồng (SH).
struct ProvinceName {
  std::string_view name;  // "Sông Hồng"
  std::string_view code;  // "SH"
  int number;             // ProvinceIds::number
};
const std::vector<ProvinceName>& province_names();

}  // namespace sotay::demo
