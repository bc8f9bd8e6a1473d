// Building parameterized SQL in the store files: a value becomes the next "$n" placeholder, a list
// of ids an IN list of placeholders. Values never enter the SQL text.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "db/database.h"

namespace sotay::store {

// Appends v to p and returns its placeholder ("$3").
inline std::string arg(db::Params& p, db::Value v) {
  p.push_back(std::move(v));
  return "$" + std::to_string(p.size());
}

// Appends every id to p and returns "$k,$k+1,…" for an IN (…) list. `ids` must not be empty.
inline std::string in_list(db::Params& p, const std::vector<std::int64_t>& ids) {
  std::string out;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += arg(p, ids[i]);
  }
  return out;
}

// Runs fn over slices of at most 500 ids, so statement sizes stay bounded on both backends.
template <class Fn>
void in_slices(const std::vector<std::int64_t>& ids, Fn&& fn) {
  constexpr std::size_t kSlice = 500;
  for (std::size_t i = 0; i < ids.size(); i += kSlice)
    fn(std::vector<std::int64_t>(ids.begin() + static_cast<std::ptrdiff_t>(i),
                                 ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), i + kSlice))));
}

}  // namespace sotay::store
