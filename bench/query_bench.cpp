// sotay_query_bench: times the store queries behind the busiest screens, without HTTP.
//
//   sotay_query_bench --db URL [--runs N] [--unit CODE] [--cell ID] [--only LIST]
//
// Each measurement runs its query `--runs` times (after a few untimed warm-up runs), each inside
// its own Database::read(), which is how the API runs it (lease a connection, snapshot, query,
// return), and prints one line:
//
//   <name> <tab> key=value ... runs=N <tab> median_ms=X <tab> p95_ms=Y
//
// Measurements (--only picks a comma-separated subset; default: subtree_counts,list_members):
//   subtree_counts  store::subtree_counts on the unit's path (members of the whole subtree)
//   list_members    store::list_members for one cell, limit 50, first page
//   unit_counts     member count of every unit in the unit's subtree, one row per unit
//                   (the range scan a "members by unit" report does; used on the national data)
//
// --unit CODE picks the subtree root (default: the first unit of kind 'province' by id, i.e. the
// province of the province data set, or the first province of the national one).
// --cell ID picks the cell (default: the unit of the demo account 'dangvien', else the unit
// holding the most members).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "bench_util.h"
#include "db/database.h"
#include "store/members_store.h"
#include "store/units_store.h"

namespace {

using namespace sotay;

struct Args {
  std::string db;
  int runs = 200;
  int warmup = 10;
  std::string unit_code;
  std::int64_t cell = 0;
  std::set<std::string> only = {"subtree_counts", "list_members"};
};

[[noreturn]] void usage(int code) {
  std::fprintf(code ? stderr : stdout,
               "usage: sotay_query_bench --db URL [--runs N] [--warmup N] [--unit CODE] [--cell ID]\n"
               "                         [--only subtree_counts,list_members,unit_counts]\n");
  std::exit(code);
}

Args parse(int argc, char** argv) {
  Args a;
  bench::parse_flags(argc, argv, usage, [&](const std::string& k, auto value) {
    if (k == "--db") a.db = value();
    else if (k == "--runs") a.runs = std::max(1, std::atoi(value().c_str()));
    else if (k == "--warmup") a.warmup = std::max(0, std::atoi(value().c_str()));
    else if (k == "--unit") a.unit_code = value();
    else if (k == "--cell") a.cell = std::atoll(value().c_str());
    else if (k == "--only") a.only = bench::comma_set(value());
    else return false;
    return true;
  });
  if (a.db.empty()) usage(2);
  for (const auto& m : a.only)
    if (m != "subtree_counts" && m != "list_members" && m != "unit_counts") {
      std::fprintf(stderr, "sotay_query_bench: unknown measurement \"%s\"\n", m.c_str());
      std::exit(2);
    }
  return a;
}

using bench::Stats;

void print(const std::string& name, const std::string& detail, int runs, const Stats& s) {
  std::printf("%s\t%s runs=%d\tmedian_ms=%.3f\tp95_ms=%.3f\n", name.c_str(), detail.c_str(), runs, s.median, s.p95);
  std::fflush(stdout);
}

int run(const Args& a) {
  auto database = db::open(a.db, {.pool_size = 1});

  // The subtree root.
  auto root = database->read_value([&](db::Connection& c) -> std::optional<store::UnitRow> {
    if (!a.unit_code.empty()) return store::find_unit_by_code(c, a.unit_code);
    auto r = c.query("SELECT id FROM units WHERE kind = 'province' ORDER BY id LIMIT 1");
    if (r.empty()) return std::nullopt;
    return store::find_unit(c, r.rows[0].integer(0));
  });
  if (!root) {
    std::fprintf(stderr, "sotay_query_bench: no such unit (%s); load a demo first\n",
                 a.unit_code.empty() ? "kind province" : a.unit_code.c_str());
    return 1;
  }

  if (a.only.count("subtree_counts")) {
    store::MemberCounts counts;
    auto ms = bench::time_runs(a.warmup, a.runs, [&] {
      database->read([&](db::Connection& c) { counts = store::subtree_counts(c, root->path); });
    });
    print("subtree_counts",
          "unit=" + root->code + " units=" + std::to_string(counts.units) +
              " members=" + std::to_string(counts.official + counts.probationary),
          a.runs, bench::stats_of(ms));
  }

  if (a.only.count("list_members")) {
    std::int64_t cell = a.cell;
    if (!cell) {
      cell = database->read_value([](db::Connection& c) -> std::int64_t {
        auto r = c.query(
            "SELECT m.unit_id FROM accounts a JOIN members m ON m.id = a.member_id WHERE a.login = 'dangvien'");
        if (!r.empty()) return r.rows[0].integer(0);
        auto busiest = c.query(
            "SELECT unit_id FROM unit_member_counts ORDER BY official + probationary DESC, unit_id LIMIT 1");
        return busiest.empty() ? 0 : busiest.rows[0].integer(0);
      });
    }
    if (!cell) {
      std::fprintf(stderr, "sotay_query_bench: no cell with members found\n");
      return 1;
    }
    store::MemberListQuery q;
    q.unit_id = cell;
    q.limit = 50;
    std::size_t rows = 0;
    auto ms = bench::time_runs(a.warmup, a.runs, [&] {
      database->read([&](db::Connection& c) { rows = store::list_members(c, q).size(); });
    });
    print("list_members", "cell=" + std::to_string(cell) + " rows=" + std::to_string(rows) + " limit=50", a.runs,
          bench::stats_of(ms));
  }

  if (a.only.count("unit_counts")) {
    // Every unit of the subtree with its live member count: one range scan over units.path joined
    // to the trigger-maintained counts (the same access path as store::subtree_counts, without
    // the aggregate), all rows fetched.
    const std::string upper = store::subtree_upper(root->path);
    std::size_t rows = 0;
    std::int64_t total = 0;
    auto ms = bench::time_runs(a.warmup, a.runs, [&] {
      database->read([&](db::Connection& c) {
        auto r = c.query(
            "SELECT u.id, COALESCE(mc.official, 0) + COALESCE(mc.probationary, 0) FROM units u "
            "LEFT JOIN unit_member_counts mc ON mc.unit_id = u.id WHERE u.path >= $1 AND u.path < $2",
            {root->path, upper});
        rows = r.rows.size();
        total = 0;
        for (const auto& row : r.rows) total += row.integer(1);
      });
    });
    print("unit_counts", "unit=" + root->code + " units=" + std::to_string(rows) + " members=" + std::to_string(total),
          a.runs, bench::stats_of(ms));
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return sotay::bench::run_main("sotay_query_bench", [&] { return run(parse(argc, argv)); });
}
