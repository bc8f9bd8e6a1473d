#include "demo/demo_names.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "search/normalizer.h"

namespace sotay::demo {

// ---------------------------------------------------------------------------------------------
// Random numbers

std::uint64_t Rng::next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::uint64_t Rng::below(std::uint64_t n) {
  // Multiply-high instead of modulo: no visible bias for the small n used here, one draw always
  // (a rejection loop would make the number of draws, and so the data, depend on luck).
  return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
}

std::int64_t Rng::between(std::int64_t lo, std::int64_t hi) {
  if (hi <= lo) return lo;
  return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
}

double Rng::unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

double Rng::gaussish() {
  // Irwin–Hall with four terms has variance 4/12; scale to 1.
  double s = unit() + unit() + unit() + unit() - 2.0;
  return s * 1.7320508075688772;
}

// ---------------------------------------------------------------------------------------------
// Calendar (Howard Hinnant's civil-from-days algorithms)

std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

namespace {

struct Civil {
  int y, m, d;
};

Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

}  // namespace

std::string iso_from_days(std::int64_t days) {
  Civil c = civil_from_days(days);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.y, c.m, c.d);
  return buf;
}

std::int64_t days_from_iso(std::string_view iso) {
  auto num = [&](std::size_t from, std::size_t len) {
    int v = 0;
    for (std::size_t i = from; i < from + len && i < iso.size(); ++i) v = v * 10 + (iso[i] - '0');
    return v;
  };
  return days_from_civil(num(0, 4), num(5, 2), num(8, 2));
}

int year_of_days(std::int64_t days) { return civil_from_days(days).y; }

std::int64_t add_months(std::int64_t days, int months) {
  Civil c = civil_from_days(days);
  int total = c.y * 12 + (c.m - 1) + months;
  int y = total / 12, m = total % 12 + 1;
  return days_from_civil(y, m, std::min(c.d, days_in_month(y, m)));
}

std::int64_t add_years(std::int64_t days, int years) { return add_months(days, years * 12); }

// ---------------------------------------------------------------------------------------------
// Personal names

namespace {

struct Weighted {
  std::string_view text;
  int weight;
};

// Approximate shares (per mille) of the commonest family names; Hoàng/Vũ outnumber their
// southern forms Huỳnh/Võ because the fictional provinces sit mostly in the north.
constexpr Weighted kFamilyNames[] = {
    {"Nguyễn", 380}, {"Trần", 110}, {"Lê", 95},    {"Phạm", 70},   {"Hoàng", 40}, {"Huỳnh", 14},
    {"Phan", 45},    {"Vũ", 32},    {"Võ", 14},    {"Đặng", 21},   {"Bùi", 20},   {"Đỗ", 15},
    {"Hồ", 13},      {"Ngô", 13},   {"Dương", 10}, {"Lý", 5},      {"Đinh", 8},   {"Trịnh", 6},
    {"Mai", 5},      {"Đào", 6},    {"Lương", 4},  {"Cao", 4},     {"Tạ", 3},     {"Hà", 5},
    {"Lưu", 3},      {"Chu", 3},    {"Lâm", 3},    {"Tô", 3},      {"Đoàn", 5},   {"Vương", 2},
    {"Triệu", 2},    {"Phùng", 3},  {"Nghiêm", 1}, {"Khúc", 1},    {"Kiều", 1},   {"Quách", 1},
    {"Thái", 2},     {"Tống", 2},   {"Doãn", 1},   {"Lại", 2},
};

constexpr std::string_view kMaleMiddle[] = {
    "Đức", "Hữu",  "Minh", "Quang", "Công",  "Xuân", "Thanh", "Đình", "Ngọc", "Mạnh",
    "Tiến", "Trọng", "Quốc", "Tuấn", "Việt", "Duy",  "Thế",   "Bá",   "Huy",  "Gia",
    "Khắc", "Trung", "Hải", "Viết",  "Anh",  "Hoàng", "Kim",  "Đăng", "Phúc", "Sỹ",
};
constexpr std::string_view kFemaleMiddle[] = {
    "Ngọc", "Thu",  "Thanh", "Minh", "Thúy", "Hồng", "Kim",   "Phương", "Lan",   "Mai",
    "Bích", "Diệu", "Hoài",  "Bảo",  "Khánh", "Hải", "Quỳnh", "Thùy",   "Vân",   "Hương",
    "Tuyết", "Ánh", "Mỹ",    "Cẩm",  "Hà",
};
// The second middle name after Thị ("Nguyễn Thị Thu Hà").
constexpr std::string_view kAfterThi[] = {"Thu", "Ngọc", "Thanh", "Kim", "Minh", "Hồng", "Phương", "Thúy"};

constexpr std::string_view kMaleGiven[] = {
    "An",    "Anh",  "Bảo",  "Bình",  "Cường", "Chiến", "Công",  "Dũng",  "Duy",   "Đạt",
    "Định",  "Đông", "Đức",  "Giang", "Hải",   "Hào",   "Hiếu",  "Hiệp",  "Hòa",   "Hoàng",
    "Hùng",  "Huy",  "Hưng", "Khang", "Khánh", "Khoa",  "Kiên",  "Lâm",   "Lộc",   "Long",
    "Lợi",   "Mạnh", "Minh", "Nam",   "Nghĩa", "Nhân",  "Phong", "Phúc",  "Quân",  "Quang",
    "Quý",   "Sơn",  "Tài",  "Tân",   "Thắng", "Thành", "Thịnh", "Thông", "Tiến",  "Toàn",
    "Trung", "Trường", "Tú", "Tuấn",  "Tùng",  "Vinh",  "Việt",  "Vũ",    "Hậu",   "Lực",
    "Thái",  "Hiển",
};
constexpr std::string_view kFemaleGiven[] = {
    "An",    "Anh",  "Ánh",  "Bích",  "Chi",   "Cúc",   "Dung",   "Duyên", "Điệp",  "Giang",
    "Hà",    "Hạnh", "Hằng", "Hiền",  "Hoa",   "Hòa",   "Hồng",   "Huệ",   "Hương", "Hường",
    "Huyền", "Khánh", "Lan", "Liên",  "Linh",  "Loan",  "Lý",     "Mai",   "My",    "Nga",
    "Ngân",  "Ngọc", "Nguyệt", "Nhung", "Oanh", "Phương", "Phượng", "Quyên", "Quỳnh", "Tâm",
    "Thanh", "Thảo", "Thắm", "Thơ",   "Thu",   "Thủy",  "Thúy",   "Thư",   "Trang", "Trâm",
    "Tuyết", "Uyên", "Vân",  "Vy",    "Xuân",  "Yến",   "Lệ",     "Nhàn",  "Hảo",   "Dịu",
};

// Real records mix the two tone-placement conventions; keeping some of the old one gives the
// search normalizer something to do ("Hoà" and "Hòa" must find each other).
struct OldSpelling {
  std::string_view modern, old;
};
constexpr OldSpelling kOldSpellings[] = {{"Hòa", "Hoà"}, {"Thủy", "Thuỷ"}, {"Thúy", "Thuý"}, {"Thùy", "Thuỳ"}};

template <std::size_t N>
std::string_view pick(Rng& rng, const std::string_view (&table)[N]) {
  return table[rng.below(N)];
}

std::string_view pick_family(Rng& rng) {
  static const int total = [] {
    int t = 0;
    for (const auto& f : kFamilyNames) t += f.weight;
    return t;
  }();
  int r = static_cast<int>(rng.below(static_cast<std::uint64_t>(total)));
  for (const auto& f : kFamilyNames) {
    if (r < f.weight) return f.text;
    r -= f.weight;
  }
  return kFamilyNames[0].text;
}

std::string spelled(Rng& rng, std::string_view word) {
  for (const auto& s : kOldSpellings)
    if (word == s.modern && rng.chance(0.15)) return std::string(s.old);
  return std::string(word);
}

}  // namespace

PersonName make_name(Rng& rng, Sex sex, int birth_year) {
  PersonName n;
  n.family = std::string(pick_family(rng));
  const bool older = birth_year < 1975;
  if (sex == Sex::male) {
    if (rng.chance(older ? 0.55 : 0.25))
      n.middle = "Văn";
    else
      n.middle = spelled(rng, pick(rng, kMaleMiddle));
  } else {
    if (rng.chance(older ? 0.70 : 0.40)) {
      n.middle = "Thị";
      if (rng.chance(0.12)) n.middle += " " + spelled(rng, pick(rng, kAfterThi));
    } else {
      n.middle = spelled(rng, pick(rng, kFemaleMiddle));
    }
  }
  // A given name equal to the middle one ("Ngọc Ngọc") does not happen; draw again.
  for (int attempt = 0; attempt < 8; ++attempt) {
    std::string_view g = sex == Sex::male ? pick(rng, kMaleGiven) : pick(rng, kFemaleGiven);
    n.given = spelled(rng, g);
    if (n.middle.size() < n.given.size() || n.middle.compare(n.middle.size() - n.given.size(), n.given.size(), n.given) != 0)
      break;
  }
  n.full = n.family + " " + n.middle + " " + n.given;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Members

namespace {

// Mobile prefixes in use in Vietnam (09x, 03x, 08x).
constexpr std::string_view kPhonePrefixes[] = {"032", "033", "034", "035", "036", "037", "038", "039",
                                               "086", "096", "097", "098", "088", "091", "094", "081",
                                               "082", "083", "084", "085", "089", "090", "093"};
constexpr std::uint64_t kPhoneSuffixes = 10'000'000;  // seven digits after the prefix
constexpr std::uint64_t kPhoneSpace = std::size(kPhonePrefixes) * kPhoneSuffixes;

constexpr std::uint64_t kSerialSpace = 1'000'000;  // six-digit serials

std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// A keyed bijection of [0, n): a four-round Feistel network over the smallest even number of
// bits that covers n, cycle-walking until the result falls inside the range. Counters go in,
// numbers that look random come out, and two counters never give the same number.
std::uint64_t permute(std::uint64_t x, std::uint64_t n, std::uint64_t key) {
  int bits = 2;
  while ((std::uint64_t{1} << bits) < n) bits += 2;
  const int half = bits / 2;
  const std::uint64_t mask = (std::uint64_t{1} << half) - 1;
  do {
    std::uint64_t left = x >> half, right = x & mask;
    for (std::uint64_t round = 0; round < 4; ++round) {
      std::uint64_t f = mix64(right ^ (key + round * 0x9E3779B97F4A7C15ULL)) & mask;
      std::uint64_t next_right = left ^ f;
      left = right;
      right = next_right;
    }
    x = (left << half) | right;
  } while (x >= n);
  return x;
}

const std::int64_t kEarliestBirth = days_from_civil(1940, 1, 1);
const std::int64_t kLatestBirth = days_from_civil(2003, 12, 31);
// Cadres were members before the 2020–2025 term began, so historical positions make sense.
const std::int64_t kCadreAdmittedBefore = days_from_civil(2019, 1, 1);
const std::int64_t kRecentStatusFrom = days_from_civil(2021, 1, 1);

std::string two_digits(int v) {
  char buf[4];
  std::snprintf(buf, sizeof buf, "%02d", v % 100);
  return buf;
}

std::string ascii_word(std::string_view text) {
  std::string out;
  for (char c : search::fold(text))
    if (c != ' ') out.push_back(c);
  return out;
}

}  // namespace

MemberGenerator::MemberGenerator(std::uint64_t seed, std::int64_t today_days)
    : rng_(seed), today_(today_days), citizen_serial_(100 * 4 * 100, 0) {}

std::string MemberGenerator::next_card(int province) {
  std::uint32_t& serial = card_serial_[static_cast<std::size_t>(province % 100)];
  if (serial >= kSerialSpace) throw std::runtime_error("demo: out of party card numbers for one province");
  std::uint64_t x = permute(serial++, kSerialSpace, 0xCA4D0000ULL + static_cast<std::uint64_t>(province));
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d%06llu", province % 100, static_cast<unsigned long long>(x));
  return buf;
}

std::string MemberGenerator::next_citizen_id(int province, Sex sex, int birth_year) {
  // Digit 4 encodes sex and century: 0/1 male/female born 1900–1999, 2/3 for 2000–2099.
  int century_sex = (birth_year >= 2000 ? 2 : 0) + (sex == Sex::female ? 1 : 0);
  int yy = birth_year % 100;
  const auto bucket = static_cast<std::size_t>(((province % 100) * 4 + century_sex) * 100 + yy);
  std::uint32_t& serial = citizen_serial_[bucket];
  if (serial >= kSerialSpace) throw std::runtime_error("demo: out of citizen ID serials");
  std::uint64_t x = permute(serial++, kSerialSpace, 0xC1D00000ULL + bucket);
  char buf[24];
  std::snprintf(buf, sizeof buf, "%03d%d%02d%06llu", province % 100, century_sex, yy, static_cast<unsigned long long>(x));
  return buf;
}

std::string MemberGenerator::next_phone() {
  if (phone_serial_ >= kPhoneSpace) throw std::runtime_error("demo: out of phone numbers");
  std::uint64_t x = permute(phone_serial_++, kPhoneSpace, 0x9409E000ULL);
  char buf[24];
  std::snprintf(buf, sizeof buf, "%s%07llu", kPhonePrefixes[x / kPhoneSuffixes].data(),
                static_cast<unsigned long long>(x % kPhoneSuffixes));
  return buf;
}

std::string MemberGenerator::make_email(const PersonName& name, int birth_year, const ProvinceIds& province) {
  const std::string yy = two_digits(birth_year);
  switch (rng_.below(4)) {
    case 0:  // nguyenvanan.sh@gmail.com
      return ascii_word(name.full) + "." + province.email_tag + "@gmail.com";
    case 1:  // nguyenvanan87@gmail.com
      return ascii_word(name.full) + yy + "@gmail.com";
    case 2: {  // annv87@gmail.com: given name, then the initials of the others
      std::string initials;
      initials += ascii_word(name.family).substr(0, 1);
      std::string middle = search::fold(name.middle);
      for (std::size_t i = 0; i < middle.size(); ++i)
        if (i == 0 || middle[i - 1] == ' ') initials += middle[i];
      return ascii_word(name.given) + initials + yy + "@gmail.com";
    }
    default:  // an.nguyen.sh@yahoo.com
      return ascii_word(name.given) + "." + ascii_word(name.family) + "." + province.email_tag + "@yahoo.com";
  }
}

MemberDraft MemberGenerator::next(const ProvinceIds& province, MemberRole role) {
  MemberDraft m;
  const Sex sex = rng_.chance(0.6) ? Sex::male : Sex::female;
  m.sex = sex == Sex::male ? "nam" : "nu";

  // Status first: it decides which birth and admission dates are possible.
  m.status = "official";
  if (role == MemberRole::any) {
    double r = rng_.unit();
    if (r < 0.08)
      m.status = "probationary";
    else if (r < 0.092)
      m.status = "transferred";
    else if (r < 0.097)
      m.status = "left";
    else if (r < 0.107)
      m.status = "deceased";
  }

  std::int64_t birth = 0, admitted = 0;
  if (m.status == "probationary") {
    // Admitted within the last twelve months at an age of 18 to 45.
    std::int64_t lo = std::max(kEarliestBirth, add_years(today_, -46) + 1);
    std::int64_t hi = std::min(kLatestBirth, add_years(today_, -18));
    birth = rng_.between(lo, hi);
    std::int64_t from = std::max(today_ - 364, add_years(birth, 18));
    std::int64_t to = std::min(today_, add_years(birth, 46) - 1);
    admitted = rng_.between(from, std::max(from, to));
  } else {
    if (role != MemberRole::any) {
      birth = rng_.between(days_from_civil(1958, 1, 1), days_from_civil(1992, 12, 31));
    } else if (m.status == "deceased") {
      birth = rng_.between(kEarliestBirth, days_from_civil(1960, 12, 31));
    } else {
      birth = rng_.between(kEarliestBirth, kLatestBirth);
    }
    // Official members finished their twelve probationary months before today.
    std::int64_t from = add_years(birth, 18);
    std::int64_t to = std::min(add_years(birth, 46) - 1, add_years(today_, -1));
    if (role != MemberRole::any) to = std::min(to, kCadreAdmittedBefore - 1);
    admitted = rng_.between(from, std::max(from, to));
    m.official_on = iso_from_days(add_months(admitted, 12));
    if (m.status != "official") {
      std::int64_t official = add_months(admitted, 12);
      std::int64_t lo = std::max(official, kRecentStatusFrom);
      m.status_date = iso_from_days(rng_.between(std::min(lo, today_), today_));
    }
  }
  const int birth_year = year_of_days(birth);
  m.birth_date = iso_from_days(birth);
  m.admitted_on = iso_from_days(admitted);

  PersonName name = make_name(rng_, sex, birth_year);
  m.full_name = name.full;
  m.card_number = next_card(province.number);
  m.citizen_id = next_citizen_id(province.number, sex, birth_year);

  // About 10% can be reached neither by phone nor by email; cadres and the demo members always
  // have a phone (they sign in with it).
  bool phone = true, email = rng_.chance(0.6);
  if (role == MemberRole::any) {
    double r = rng_.unit();
    if (r < 0.10) {
      phone = false;
      email = false;
    } else if (r < 0.12) {
      phone = false;
      email = true;
    }
  }
  if (phone) m.phone = next_phone();
  if (email) m.email = make_email(name, birth_year, province);

  m.cadre = m.status == "official" && m.phone && admitted < kCadreAdmittedBefore && birth_year >= 1955;
  return m;
}

// ---------------------------------------------------------------------------------------------
// Places and units

namespace {

constexpr std::string_view kPlaceFirst[] = {
    "Tân", "An",   "Bình", "Phú",  "Hòa",   "Thịnh", "Hưng", "Minh",  "Đông", "Tây",
    "Nam", "Bắc",  "Vĩnh", "Quang", "Thanh", "Xuân", "Hồng", "Kim",   "Ngọc", "Phúc",
    "Long", "Thái", "Đức", "Trung", "Hải",  "Lạc",   "Quỳnh", "Đại",  "Song", "Mỹ",
};
constexpr std::string_view kPlaceSecond[] = {
    "Phong", "Lập",  "Bình", "Hòa",  "Thịnh", "Lộc",  "Hưng",  "Phú",   "Thành", "Sơn",
    "Giang", "Hà",   "Tiến", "Mỹ",   "An",    "Lợi",  "Xuân",  "Đông",  "Nghĩa", "Thuận",
    "Khánh", "Châu", "Lâm",  "Trạch", "Yên",  "Ninh", "Quang", "Định",  "Hải",   "Trung",
};

}  // namespace

std::string make_place_name(Rng& rng) {
  const std::string_view a = pick(rng, kPlaceFirst);
  std::size_t b = rng.below(std::size(kPlaceSecond));
  // "Bình Bình" is no place: step to another second syllable (never back to the same one).
  if (kPlaceSecond[b] == a) b = (b + 1 + rng.below(std::size(kPlaceSecond) - 1)) % std::size(kPlaceSecond);
  return std::string(a) + " " + std::string(kPlaceSecond[b]);
}

std::vector<int> split_total(Rng& rng, int total, const std::vector<double>& weights, int lo, int hi) {
  const std::size_t n = weights.size();
  std::vector<int> out(n, lo);
  if (n == 0) return out;
  if (static_cast<long long>(lo) * static_cast<long long>(n) > total ||
      static_cast<long long>(hi) * static_cast<long long>(n) < total)
    throw std::invalid_argument("split_total: total cannot be split within the bounds");
  // Each share gets a random spread on top of its weight, then water-filling: shares that hit
  // the upper bound are frozen and the rest is spread again over the others.
  std::vector<double> w(n);
  for (std::size_t i = 0; i < n; ++i) w[i] = std::max(1e-6, weights[i]) * std::exp(0.45 * rng.gaussish());
  std::vector<double> share(n, 0.0);
  std::vector<bool> frozen(n, false);
  double left = static_cast<double>(total - lo * static_cast<int>(n));
  for (int round = 0; round < 64 && left > 1e-9; ++round) {
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i)
      if (!frozen[i]) sum += w[i];
    if (sum <= 0) break;
    double spilled = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (frozen[i]) continue;
      share[i] += left * w[i] / sum;
      if (share[i] >= hi - lo) {
        spilled += share[i] - (hi - lo);
        share[i] = hi - lo;
        frozen[i] = true;
      }
    }
    left = spilled;
  }
  int given = 0;
  for (std::size_t i = 0; i < n; ++i) {
    out[i] = lo + static_cast<int>(std::floor(share[i]));
    given += out[i];
  }
  // Rounding leftovers go one by one to the shares with the largest fractions that have room.
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return share[a] - std::floor(share[a]) > share[b] - std::floor(share[b]);
  });
  for (std::size_t k = 0; given < total; k = (k + 1) % n) {
    std::size_t i = order[k];
    if (out[i] < hi) {
      ++out[i];
      ++given;
    }
  }
  return out;
}

const std::vector<std::string_view>& village_names() {
  static const std::vector<std::string_view> v = {
      "Đông",      "Tây",       "Nam",       "Bắc",      "Thượng",   "Hạ",        "Trung",    "Đình",
      "Chùa",      "Cầu",       "Chợ",       "An Lạc",   "Phú Mỹ",   "Đồng Tâm",  "Tiền Phong", "Quyết Tiến",
      "Đoàn Kết",  "Thống Nhất", "Tân Lập",  "Bình Minh", "Liên Hiệp", "Đông Hưng", "Nam Tiến", "Mỹ Lộc",
      "Hưng Đạo",  "Phú Lương", "Vạn Thắng", "Ngọc Lâm", "An Thái",  "Đồng Lạc",  "Kim Châu", "Thái Hòa",
      "Trại Mới",  "Cầu Ngói",  "Đống Cao",  "Lạc Thành", "Gò Mít",  "Bến Đò",    "Đồng Cả",  "Vườn Đào",
  };
  return v;
}

const std::vector<std::string_view>& agency_names() {
  static const std::vector<std::string_view> v = {
      "Sở Giáo dục và Đào tạo",
      "Sở Y tế",
      "Sở Tài chính",
      "Sở Nội vụ",
      "Sở Tư pháp",
      "Sở Xây dựng",
      "Sở Công Thương",
      "Sở Nông nghiệp và Môi trường",
      "Sở Văn hóa, Thể thao và Du lịch",
      "Sở Khoa học và Công nghệ",
      "Sở Dân tộc và Tôn giáo",
      "Thanh tra tỉnh",
      "Văn phòng Ủy ban nhân dân tỉnh",
      "Văn phòng Tỉnh ủy",
      "Trường Chính trị tỉnh",
      "Đài Phát thanh và Truyền hình tỉnh",
      "Bảo hiểm xã hội tỉnh",
      "Thuế tỉnh",
      "Bệnh viện Đa khoa tỉnh",
      "Bệnh viện Nhi tỉnh",
      "Bệnh viện Y học cổ truyền tỉnh",
      "Bệnh viện Phổi tỉnh",
      "Trường Cao đẳng Y tế",
      "Trường Cao đẳng Nghề",
      "Tỉnh đoàn",
      "Hội Nông dân tỉnh",
      "Hội Liên hiệp Phụ nữ tỉnh",
      "Ủy ban Mặt trận Tổ quốc tỉnh",
      "Tòa án nhân dân tỉnh",
      "Viện Kiểm sát nhân dân tỉnh",
      "Liên minh Hợp tác xã tỉnh",
      "Trung tâm Kiểm soát bệnh tật tỉnh",
  };
  return v;
}

const std::vector<std::string_view>& office_names() {
  static const std::vector<std::string_view> v = {
      "Văn phòng",
      "Phòng Tổ chức cán bộ",
      "Phòng Kế hoạch – Tài chính",
      "Phòng Tổng hợp",
      "Phòng Pháp chế",
      "Phòng Hành chính – Quản trị",
      "Phòng Công nghệ thông tin",
      "Phòng Kiểm tra",
      "Phòng Thông tin – Tuyên truyền",
      "Phòng Quản lý chất lượng",
      "Phòng Nghiệp vụ 1",
      "Phòng Nghiệp vụ 2",
      "Phòng Nghiệp vụ 3",
      "Thanh tra",
      "Trung tâm Dịch vụ công",
  };
  return v;
}

const std::vector<std::string_view>& hospital_department_names() {
  static const std::vector<std::string_view> v = {
      "Khoa Nội",        "Khoa Ngoại",         "Khoa Sản",           "Khoa Nhi",     "Khoa Cấp cứu",
      "Khoa Hồi sức tích cực", "Khoa Dược",    "Khoa Xét nghiệm",    "Khoa Chẩn đoán hình ảnh", "Khoa Truyền nhiễm",
      "Khoa Tim mạch",   "Khoa Ung bướu",      "Khoa Mắt",           "Khoa Răng Hàm Mặt", "Phòng Điều dưỡng",
      "Phòng Kế hoạch tổng hợp",
  };
  return v;
}

const std::vector<std::string_view>& enterprise_kinds() {
  static const std::vector<std::string_view> v = {
      "Công ty Cổ phần May",
      "Công ty TNHH Một thành viên Khai thác thủy lợi",
      "Công ty Cổ phần Xây dựng",
      "Công ty Cổ phần Cấp nước",
      "Công ty Cổ phần Môi trường đô thị",
      "Công ty Cổ phần Giống cây trồng",
      "Công ty Cổ phần Vận tải",
      "Công ty Cổ phần Dược phẩm",
      "Công ty Cổ phần Thương mại",
      "Công ty TNHH Cơ khí",
      "Hợp tác xã Dịch vụ nông nghiệp",
      "Công ty Cổ phần Chế biến nông sản",
  };
  return v;
}

const std::vector<ProvinceName>& province_names() {
  // Invented provinces: none is, or was, the name of a real province.
  static const std::vector<ProvinceName> v = {
      {"Sông Hồng", "SH", 34},   {"Lam Giang", "LG", 40},  {"Phú Sơn", "PS", 25},    {"An Hải", "AH", 31},
      {"Bình Nguyên", "BN", 27}, {"Đông Lâm", "DL", 66},   {"Bắc Lâm", "BL", 6},     {"Nam Sơn", "NS", 36},
      {"Tây Hà", "TH", 38},      {"Kim Giang", "KG", 91},  {"Ngọc Sơn", "NG", 19},   {"Hồng Phú", "HP", 22},
      {"Thanh Giang", "TG", 8},  {"Hương Giang", "HG", 46}, {"Trường An", "TA", 48}, {"Vân Sơn", "VS", 12},
      {"Hải Minh", "HM", 1},     {"Minh Châu", "MC", 79},  {"Phước Hải", "PH", 56},  {"Long Hà", "LH", 11},
      {"Cửu Giang", "CG", 92},   {"Đồng Xuân", "DX", 14},  {"Sa Giang", "SG", 75},   {"Mỹ Lâm", "ML", 68},
      {"Tân Châu", "TC", 70},    {"Cao Nguyên", "CN", 4},  {"Bảo Hà", "BH", 15},     {"Lạc Việt", "LV", 17},
      {"An Phú", "AP", 37},      {"Quang Hưng", "QH", 42}, {"Hưng Long", "HL", 45},  {"Vĩnh An", "VA", 52},
      {"Thái Sơn", "TS", 86},    {"Phong Châu", "PC", 96},
  };
  return v;
}

}  // namespace sotay::demo
