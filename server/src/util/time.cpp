#include "util/time.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace sotay::timeutil {

namespace {
bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}
int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}
std::string format_date(int y, int m, int d) {
  char buf[40];  // room for any three ints, so no truncation to reason about
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}
}  // namespace

std::int64_t now_unix() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string iso_timestamp(std::int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string today() {
  // The calendar day in Vietnam (UTC+7, no daylight saving): a status change a committee dates
  // "today" at 06:00 in Hà Nội must not be refused as tomorrow.
  std::time_t tt = static_cast<std::time_t>(now_unix() + kVietnamUtcOffsetSeconds);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return format_date(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

bool is_valid_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  auto ys = s.substr(0, 4), ms = s.substr(5, 2), ds = s.substr(8, 2);
  if (!all_digits(ys) || !all_digits(ms) || !all_digits(ds)) return false;
  using namespace std::chrono;
  year_month_day ymd{year{to_int(ys)}, month{static_cast<unsigned>(to_int(ms))},
                     day{static_cast<unsigned>(to_int(ds))}};
  return ymd.ok() && to_int(ys) >= 1900 && to_int(ys) <= 2100;
}

std::optional<std::string> parse_date(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (is_valid_date(text)) return std::string(text);
  // D/M/YYYY or DD-MM-YYYY or DD.MM.YYYY
  int parts[3] = {0, 0, 0};
  int idx = 0, digits = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      parts[idx] = parts[idx] * 10 + (c - '0');
      if (++digits > 4) return std::nullopt;
    } else if ((c == '/' || c == '-' || c == '.') && digits > 0 && idx < 2) {
      ++idx;
      digits = 0;
    } else {
      return std::nullopt;
    }
  }
  if (idx != 2 || digits != 4) return std::nullopt;
  auto iso = format_date(parts[2], parts[1], parts[0]);
  if (!is_valid_date(iso)) return std::nullopt;
  return iso;
}

int years_between(std::string_view a, std::string_view b) {
  int ya = to_int(a.substr(0, 4)), yb = to_int(b.substr(0, 4));
  int years = yb - ya;
  if (b.substr(5) < a.substr(5)) --years;
  return years;
}

std::string add_days(std::string_view iso, int days) {
  using namespace std::chrono;
  year_month_day ymd{year{to_int(iso.substr(0, 4))}, month{static_cast<unsigned>(to_int(iso.substr(5, 2)))},
                     day{static_cast<unsigned>(to_int(iso.substr(8, 2)))}};
  sys_days d = sys_days{ymd} + std::chrono::days{days};
  year_month_day out{d};
  return format_date(static_cast<int>(out.year()), static_cast<unsigned>(out.month()),
                     static_cast<unsigned>(out.day()));
}

}  // namespace sotay::timeutil
