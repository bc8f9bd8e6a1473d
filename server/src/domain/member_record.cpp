#include "domain/member_record.h"

#include <regex>

#include "search/normalizer.h"
#include "util/time.h"

namespace sotay::members {

namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return std::string(s);
}

std::optional<std::string> present(const std::optional<std::string>& v) {
  if (!v) return std::nullopt;
  auto t = trim(*v);
  if (t.empty()) return std::nullopt;
  return t;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Same month and day, `years` later ('2020-03-15' + 1 → '2021-03-15'); 29 February becomes
// 28 February in a common year, so twelve months after 2020-02-29 is 2021-02-28.
std::string plus_years(const std::string& iso, int years) {
  int year = std::stoi(iso.substr(0, 4)) + years;
  std::string out = std::to_string(year) + iso.substr(4);
  if (iso.substr(5) == "02-29" && !timeutil::is_valid_date(out)) out = std::to_string(year) + "-02-28";
  return out;
}

}  // namespace

bool is_valid_status(std::string_view s) {
  return s == "probationary" || s == "official" || s == "left" || s == "transferred" || s == "deceased";
}

const char* status_label_vi(std::string_view s) {
  if (s == "probationary") return "Dự bị";
  if (s == "official") return "Chính thức";
  if (s == "left") return "Ra khỏi Đảng";
  if (s == "transferred") return "Đã chuyển sinh hoạt";
  if (s == "deceased") return "Từ trần";
  return "";
}

bool is_valid_position(std::string_view p) {
  return p == "secretary" || p == "deputy_secretary" || p == "committee_member";
}

const char* position_label_vi(std::string_view p) {
  if (p == "secretary") return "Bí thư";
  if (p == "deputy_secretary") return "Phó Bí thư";
  if (p == "committee_member") return "Cấp ủy viên";
  return "";
}

std::optional<std::string> normalize_phone(std::string_view raw) {
  std::string digits;
  bool plus = false;
  for (char c : raw) {
    if (c >= '0' && c <= '9')
      digits.push_back(c);
    else if (c == '+' && digits.empty())
      plus = true;
    else if (c == ' ' || c == '.' || c == '-' || c == '(' || c == ')')
      continue;
    else
      return std::nullopt;
  }
  if ((plus || digits.size() == 11 || digits.size() == 12) && digits.rfind("84", 0) == 0 && digits.size() >= 11)
    digits = "0" + digits.substr(2);
  if (digits.size() == 9 && digits[0] != '0') digits = "0" + digits;  // Excel drops the leading zero
  // Mobile: 10 digits 03/05/07/08/09; landline: 11 digits starting 02.
  if (digits.size() == 10 && digits[0] == '0' && std::string("35789").find(digits[1]) != std::string::npos)
    return digits;
  if (digits.size() == 11 && digits.rfind("02", 0) == 0) return digits;
  return std::nullopt;
}

std::optional<std::string> normalize_sex(std::string_view raw) {
  std::string f = search::fold(trim(raw));
  if (f == "nam" || f == "m" || f == "male") return "nam";
  if (f == "nu" || f == "f" || f == "female") return "nu";
  return std::nullopt;
}

std::optional<std::string> normalize_status(std::string_view raw) {
  std::string f = search::fold(trim(raw));
  if (is_valid_status(f)) return f;
  if (f == "chinh thuc") return "official";
  if (f == "du bi") return "probationary";
  if (f == "ra khoi dang" || f == "da ra khoi dang") return "left";
  if (f == "chuyen sinh hoat" || f == "da chuyen sinh hoat" || f == "chuyen di") return "transferred";
  if (f == "tu tran" || f == "da tu tran" || f == "tu tran/qua doi" || f == "qua doi") return "deceased";
  return std::nullopt;
}

std::vector<FieldError> check(const MemberInput& in, const std::string& today, store::MemberFields* out) {
  std::vector<FieldError> errors;
  store::MemberFields f;

  auto name = present(in.full_name);
  if (!name) {
    errors.push_back({"full_name", "Vui lòng nhập họ và tên."});
  } else {
    std::string n = search::title_case_name(*name);
    static const std::regex bad_chars(R"([0-9!"#$%&()*+,./:;<=>?@\[\\\]^_`{|}~])");
    if (n.size() > 100)
      errors.push_back({"full_name", "Họ và tên không được dài quá 100 ký tự."});
    else if (std::regex_search(n, bad_chars))
      errors.push_back({"full_name", "Họ và tên chỉ gồm chữ cái và dấu cách."});
    else if (n.find(' ') == std::string::npos)
      errors.push_back({"full_name", "Vui lòng nhập đầy đủ họ và tên (ít nhất hai chữ)."});
    f.full_name = n;
    f.name_fold = search::fold(n);
    f.sort_key = search::name_sort_key(n);
  }

  auto date_field = [&](const std::optional<std::string>& raw, const char* field, const char* label)
      -> std::optional<std::string> {
    auto v = present(raw);
    if (!v) return std::nullopt;
    auto d = timeutil::parse_date(*v);
    if (!d) {
      errors.push_back({field, std::string(label) + " không hợp lệ. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 15/03/1980."});
      return std::nullopt;
    }
    if (*d > today) {
      errors.push_back({field, std::string(label) + " không được sau ngày hôm nay."});
      return std::nullopt;
    }
    return d;
  };
  f.birth_date = date_field(in.birth_date, "birth_date", "Ngày sinh");
  f.admitted_on = date_field(in.admitted_on, "admitted_on", "Ngày vào Đảng");
  f.official_on = date_field(in.official_on, "official_on", "Ngày chính thức");
  f.status_date = date_field(in.status_date, "status_date", "Ngày thay đổi tình trạng");

  if (auto s = present(in.sex)) {
    f.sex = normalize_sex(*s);
    if (!f.sex) errors.push_back({"sex", "Giới tính phải là \"Nam\" hoặc \"Nữ\"."});
  }

  std::string status = "official";
  if (auto s = present(in.status)) {
    auto n = normalize_status(*s);
    if (!n)
      errors.push_back({"status", "Tình trạng phải là Chính thức, Dự bị, Ra khỏi Đảng, Đã chuyển sinh hoạt hoặc Từ trần."});
    else
      status = *n;
  } else if (!present(in.official_on) && present(in.admitted_on)) {
    status = "probationary";
  }
  f.status = status;

  if (f.birth_date && f.admitted_on && timeutil::years_between(*f.birth_date, *f.admitted_on) < 18)
    errors.push_back({"admitted_on", "Ngày vào Đảng phải khi đã đủ 18 tuổi (kiểm tra lại ngày sinh và ngày vào Đảng)."});
  if (!present(in.admitted_on) && (status == "official" || status == "probationary") &&
      std::none_of(errors.begin(), errors.end(), [](const FieldError& e) { return e.field == "admitted_on"; }))
    errors.push_back({"admitted_on", "Vui lòng nhập ngày vào Đảng."});
  if (status == "probationary" && f.official_on)
    errors.push_back({"official_on", "Đảng viên dự bị chưa có ngày chính thức; hãy bỏ trống hoặc đổi tình trạng."});
  if (status == "official" && !f.official_on &&
      std::none_of(errors.begin(), errors.end(), [](const FieldError& e) { return e.field == "official_on"; }))
    errors.push_back({"official_on", "Đảng viên chính thức phải có ngày chính thức."});
  if (f.admitted_on && f.official_on && *f.official_on < plus_years(*f.admitted_on, 1))
    errors.push_back({"official_on", "Ngày chính thức phải sau ngày vào Đảng ít nhất 12 tháng (thời gian dự bị)."});
  bool ended = status == "left" || status == "transferred" || status == "deceased";
  if (ended && !f.status_date &&
      std::none_of(errors.begin(), errors.end(), [](const FieldError& e) { return e.field == "status_date"; }))
    errors.push_back({"status_date", std::string("Vui lòng nhập ngày ") + status_label_vi(status) + "."});
  if (!ended) f.status_date = std::nullopt;
  if (ended && f.status_date && f.admitted_on && *f.status_date < *f.admitted_on)
    errors.push_back({"status_date", "Ngày thay đổi tình trạng không được trước ngày vào Đảng."});

  if (auto card = present(in.card_number)) {
    std::string c;
    for (char ch : *card)
      if (ch != ' ' && ch != '.') c.push_back(ch);
    if (!all_digits(c) || c.size() < 6 || c.size() > 12)
      errors.push_back({"card_number", "Số thẻ đảng viên gồm 6 đến 12 chữ số."});
    else
      f.card_number = c;
  }

  if (auto cid = present(in.citizen_id)) {
    std::string c;
    for (char ch : *cid)
      if (ch != ' ' && ch != '.') c.push_back(ch);
    if (c.size() == 11 && all_digits(c)) c = "0" + c;  // spreadsheets drop the leading zero
    if (!all_digits(c) || c.size() != 12) {
      errors.push_back({"citizen_id", "Số căn cước công dân phải gồm đúng 12 chữ số."});
    } else {
      // Digit 4 encodes sex and century (0/1: nam/nữ sinh 1900–1999, 2/3: 2000–2099),
      // digits 5–6 the last two digits of the birth year.
      int code = c[3] - '0';
      if (code > 3) {
        errors.push_back({"citizen_id", "Số căn cước công dân không hợp lệ (chữ số thứ 4 phải từ 0 đến 3)."});
      } else {
        if (f.birth_date) {
          int year = std::stoi(f.birth_date->substr(0, 4));
          int century_code = year >= 2000 ? 2 : 0;
          if ((code & 2) != century_code || c.substr(4, 2) != f.birth_date->substr(2, 2))
            errors.push_back({"citizen_id", "Số căn cước công dân không khớp với năm sinh."});
        }
        if (f.sex && ((code & 1) == 1) != (*f.sex == "nu"))
          errors.push_back({"citizen_id", "Số căn cước công dân không khớp với giới tính."});
        f.citizen_id = c;
      }
    }
  }

  if (auto ph = present(in.phone)) {
    f.phone = normalize_phone(*ph);
    if (!f.phone) errors.push_back({"phone", "Số điện thoại không hợp lệ (ví dụ: 0912345678)."});
  }

  if (auto em = present(in.email)) {
    static const std::regex email_re(R"(^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$)");
    std::string e = *em;
    for (auto& ch : e) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (e.size() > 254 || !std::regex_match(e, email_re))
      errors.push_back({"email", "Địa chỉ email không hợp lệ."});
    else
      f.email = e;
  }

  if (out) *out = std::move(f);
  return errors;
}

store::MemberFields validate(const MemberInput& in, std::int64_t unit_id, const std::string& today) {
  store::MemberFields f;
  auto errors = check(in, today, &f);
  if (!errors.empty()) throw Error(ErrorCode::validation_failed, "Thông tin đảng viên chưa hợp lệ.", std::move(errors));
  f.unit_id = unit_id;
  return f;
}

}  // namespace sotay::members
