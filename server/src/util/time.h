// Dates and times as the product uses them: calendar dates are ISO 'YYYY-MM-DD' strings,
// instants are unix seconds, shown as ISO-8601 UTC in the API.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sotay::timeutil {

inline constexpr std::int64_t kVietnamUtcOffsetSeconds = 7 * 3600;

std::int64_t now_unix();
std::string iso_timestamp(std::int64_t unix_seconds);  // 2026-11-20T22:39:22Z
std::string today();                                   // calendar date in Vietnam (UTC+7)
bool is_valid_date(std::string_view iso);              // real calendar date, 1900..2100
// Accepts 'YYYY-MM-DD', 'DD/MM/YYYY' and 'D/M/YYYY' (how Vietnamese spreadsheets write dates).
std::optional<std::string> parse_date(std::string_view text);
// Whole years between two ISO dates (age on a date).
int years_between(std::string_view from_iso, std::string_view to_iso);
std::string add_days(std::string_view iso, int days);

}  // namespace sotay::timeutil
