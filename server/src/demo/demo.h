// The demo and scale data sets: a fictional province "Sông Hồng" with its committees, cells,
// members, positions and six demo accounts (small), a province the size of Thái Bình
// (province), and the whole Party for PostgreSQL benchmarks (national). All content is invented.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"

namespace sotay::demo {

// The one password of every demo account, printed by `make run`. Public on purpose: these
// accounts exist to be tried; never load the demo into a production database.
inline constexpr std::string_view kDemoPassword = "SoTay@2026";

enum class Scale { small, province, national };
std::optional<Scale> parse_scale(std::string_view text);  // "small" | "province" | "national"
std::string_view scale_name(Scale scale);

struct DemoLogin {
  std::string login;
  std::string phone;
  std::string password;
  std::string role;
  std::string full_name;
  std::string unit_name;
  std::string description_vi;
};

struct DemoSummary {
  bool already_loaded = false;
  std::int64_t units = 0;
  std::int64_t members = 0;
  int documents = 0, news = 0;  // the demo library (small scale)
  std::vector<DemoLogin> logins;
  double seconds = 0;
};

// Loads the dataset into a migrated, EMPTY database. If the database already holds units, it loads
// nothing and returns already_loaded = true with the demo logins (so `make run` can print them again).
DemoSummary load_demo(db::Database& db, Scale scale, const std::function<void(const std::string&)>& progress = {});

// Knobs for tests and benchmarks; load_demo uses the defaults.
struct LoadOptions {
  std::uint64_t seed = 20260101;
  // Reference date for ages and probation ('YYYY-MM-DD'); empty = today (UTC). Fixing it makes
  // the whole data set reproducible across days, not only across runs on the same day.
  std::string today;
  // PostgreSQL: switch the per-row member-count trigger off during the load and rebuild the
  // counts at the end. Unset = only for loads of more than 50,000 members.
  std::optional<bool> bulk_member_counts;
  // false: hash the demo password with the minimum argon2id limits (tests).
  bool strong_password_hash = true;
};
DemoSummary load_demo(db::Database& db, Scale scale, const LoadOptions& options,
                      const std::function<void(const std::string&)>& progress = {});

}  // namespace sotay::demo
