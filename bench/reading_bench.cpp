// sotay_reading_bench: reading records ingest rate and reading statistics, without HTTP.
//
//   sotay_reading_bench --db URL [--runs N] [--warmup N] [--batches N] [--only ingest,stats]
//
// Needs a demo database (`sotay demo --scale province`: one province of ~108,600 members). It adds
// its own published documents and news addressed to the province (the database is changed: use a
// copy), then prints one line per measurement, in the format of sotay_query_bench:
//
//   <name> <tab> key=value ... <tab> median_ms=X <tab> p95_ms=Y [<tab> events_per_s=Z]
//
// ingest        reading::record_events, batches of 500 events from one member each (as the app
//               sends them), 40 distinct items per batch, each batch a new member; one transaction
//               per batch. events_per_s = all events ÷ wall time of all batches.
// ingest_again  the same batches sent a second time (every row an update, nothing changes).
// ingest_wide   batches of 500 events over 500 distinct items (the worst case: 500 readability
//               checks per batch).
// stats_*       reading::stats for one document that 70 % of the province opened and ~49 % read
//               to the end: the province (province committee, counts only), the base committee
//               with the most members (its committee: names too) and that base's largest cell.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "bench_util.h"
#include "db/database.h"
#include "domain/reading.h"
#include "store/library_fixtures_store.h"
#include "store/units_store.h"
#include "util/time.h"

namespace {

using namespace sotay;

struct Args {
  std::string db;
  int runs = 50;
  int warmup = 3;
  int batches = 200;
  std::set<std::string> only = {"ingest", "stats"};
};

[[noreturn]] void usage(int code) {
  std::fprintf(code ? stderr : stdout,
               "usage: sotay_reading_bench --db URL [--runs N] [--warmup N] [--batches N] [--only ingest,stats]\n");
  std::exit(code);
}

Args parse(int argc, char** argv) {
  Args a;
  bench::parse_flags(argc, argv, usage, [&](const std::string& k, auto value) {
    if (k == "--db")
      a.db = value();
    else if (k == "--runs")
      a.runs = std::max(1, std::atoi(value().c_str()));
    else if (k == "--warmup")
      a.warmup = std::max(0, std::atoi(value().c_str()));
    else if (k == "--batches")
      a.batches = std::max(1, std::atoi(value().c_str()));
    else if (k == "--only")
      a.only = bench::comma_set(value());
    else
      return false;
    return true;
  });
  if (a.db.empty()) usage(2);
  return a;
}

using bench::cpu_ms;
using bench::ms_since;
using bench::Stats;
using bench::stats_of;

void print(const std::string& name, const std::string& detail, const Stats& s, const std::string& extra = "") {
  std::printf("%s\t%s\tmedian_ms=%.3f\tp95_ms=%.3f%s\n", name.c_str(), detail.c_str(), s.median, s.p95,
              extra.empty() ? "" : ("\t" + extra).c_str());
  std::fflush(stdout);
}

struct MemberRef {
  std::int64_t id = 0, unit_id = 0;
  std::string unit_path;
};

Actor member_actor(const MemberRef& m) {
  Actor a;
  a.account_id = 0;
  a.member_id = m.id;
  a.member_unit_id = m.unit_id;
  a.member_unit_path = m.unit_path;
  a.grants.push_back({Role::member, m.unit_id, m.unit_path});
  return a;
}

Actor committee_on(const store::UnitRow& u) {
  Actor a;
  a.account_id = 0;
  a.grants.push_back({Role::committee, u.id, u.path});
  return a;
}

// Cheap deterministic pseudo-random numbers (the same data on both backends).
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

std::vector<reading::Event> make_batch(const std::vector<std::pair<reading::ItemKind, std::int64_t>>& items,
                                       std::int64_t now, std::size_t n) {
  std::vector<reading::Event> out;
  out.reserve(n);
  for (std::size_t e = 0; e < n; ++e) {
    const auto& [kind, id] = items[e % items.size()];
    out.push_back({kind, id, now - 3600 + static_cast<std::int64_t>(e), static_cast<std::int64_t>(e), e % 7 == 0});
  }
  return out;
}

int run(const Args& a) {
  auto database = db::open(a.db, {.pool_size = 2});
  auto& db = *database;
  const auto now = timeutil::now_unix();

  auto province = db.read_value([&](db::Connection& c) -> std::optional<store::UnitRow> {
    auto r = c.query("SELECT id FROM units WHERE kind = 'province' ORDER BY id LIMIT 1");
    if (r.empty()) return std::nullopt;
    return store::find_unit(c, r.rows[0].integer(0));
  });
  if (!province) {
    std::fprintf(stderr, "sotay_reading_bench: no province unit; load `sotay demo --scale province` first\n");
    return 1;
  }
  auto members = db.read_value([&](db::Connection& c) {
    std::vector<MemberRef> out;
    for (const auto& r : c.query("SELECT m.id, m.unit_id, u.path FROM members m JOIN units u ON u.id = m.unit_id "
                                 "WHERE u.path >= $1 AND u.path < $2 AND m.status IN ('official','probationary') "
                                 "ORDER BY m.id",
                                 {province->path, store::subtree_upper(province->path)})
                             .rows)
      out.push_back({r.integer(0), r.integer(1), r.text(2)});
    return out;
  });
  if (members.size() < 1000) {
    std::fprintf(stderr, "sotay_reading_bench: only %zu members under %s\n", members.size(), province->code.c_str());
    return 1;
  }

  // Items addressed to the province.
  auto add_items = [&](int documents, int news, const std::string& tag) {
    std::vector<std::pair<reading::ItemKind, std::int64_t>> out;
    db.write([&](db::Connection& c) {
      store::FixtureItem item;
      item.owner_unit_id = province->id;
      item.audience_unit_ids = {province->id};
      item.published_at = now - 7 * 86400;
      for (int i = 0; i < documents; ++i) {
        item.title = "Văn bản đo tải " + tag + " " + std::to_string(i);
        out.emplace_back(reading::ItemKind::document, store::insert_fixture_document(c, item, now));
      }
      for (int i = 0; i < news; ++i) {
        item.title = "Tin đo tải " + tag + " " + std::to_string(i);
        out.emplace_back(reading::ItemKind::news, store::insert_fixture_news(c, item, now));
      }
    });
    return out;
  };

  if (a.only.count("ingest")) {
    auto items = add_items(20, 20, "ingest");
    const std::size_t batches = std::min<std::size_t>(static_cast<std::size_t>(a.batches), members.size());
    auto batch = make_batch(items, now, reading::kMaxEventsPerBatch);
    auto ingest = [&](const std::string& name, const std::vector<reading::Event>& events, std::size_t count,
                      std::size_t first_member, std::size_t distinct) {
      std::vector<double> ms;
      ms.reserve(count);
      std::int64_t accepted = 0;
      auto t_all = std::chrono::steady_clock::now();
      for (std::size_t b = 0; b < count; ++b) {
        auto actor = member_actor(members[(first_member + b) % members.size()]);
        auto t0 = std::chrono::steady_clock::now();
        accepted += reading::record_events(db, actor, events, now).accepted;
        ms.push_back(ms_since(t0));
      }
      double total_ms = ms_since(t_all);
      auto events_total = static_cast<double>(count * events.size());
      char extra[64];
      std::snprintf(extra, sizeof extra, "events_per_s=%.0f", events_total / (total_ms / 1000.0));
      print(name,
            "batch=" + std::to_string(events.size()) + " items=" + std::to_string(distinct) +
                " batches=" + std::to_string(count) + " accepted=" + std::to_string(accepted),
            stats_of(ms), extra);
    };
    ingest("ingest", batch, batches, 0, items.size());
    ingest("ingest_again", batch, batches, 0, items.size());
    auto wide_items = add_items(250, 250, "wide");
    auto wide = make_batch(wide_items, now, reading::kMaxEventsPerBatch);
    ingest("ingest_wide", wide, std::max<std::size_t>(1, batches / 5), batches, wide_items.size());
  }

  if (a.only.count("stats")) {
    // The measured document and five others read the same way, so its records are a sixth of
    // the table (a realistic share for the planners). 70 % opened, 70 % of those to the end.
    auto stats_items = add_items(6, 0, "stats");
    auto target = stats_items.at(0).second;
    const db::Value kDocument = std::string("document");
    for (const auto& item : stats_items)
      db.write([&](db::Connection& c) {
        const auto doc = item.second;
        std::vector<std::string> values;
        db::Params p;
        auto flush = [&] {
          if (values.empty()) return;
          std::string sql =
              "INSERT INTO reading_records(member_id, item_kind, item_id, first_opened_at, last_opened_at, seconds, "
              "reached_end_at) VALUES ";
          for (std::size_t i = 0; i < values.size(); ++i) sql += (i ? "," : "") + values[i];
          sql += " ON CONFLICT (member_id, item_kind, item_id) DO NOTHING";
          c.query(sql, p);
          values.clear();
          p.clear();
        };
        for (const auto& m : members) {
          auto h = mix(static_cast<std::uint64_t>(m.id) * 2654435761ULL + static_cast<std::uint64_t>(doc));
          if (h % 100 >= 70) continue;
          bool end = (h >> 8) % 100 < 70;
          auto at = now - 86400 + static_cast<std::int64_t>(h % 80000);
          auto base = p.size();
          db::Params row{m.id, kDocument, doc, at, at + 600, static_cast<std::int64_t>(h % 1800),
                         end ? db::Value(at + 500) : db::Value()};
          p.insert(p.end(), std::make_move_iterator(row.begin()), std::make_move_iterator(row.end()));
          std::string v = "(";
          for (int k = 1; k <= 7; ++k) v += (k > 1 ? ",$" : "$") + std::to_string(base + k);
          values.push_back(v + ")");
          if (values.size() == 1000) flush();
        }
        flush();
      });
    // As autovacuum would have by then (index-only scans need the visibility map).
    if (db.dialect() == db::Dialect::postgres)
      db.read([](db::Connection& c) { c.exec_script("VACUUM ANALYZE reading_records"); });

    // The base committee with the most members, and its largest cell.
    auto pick = db.read_value([&](db::Connection& c) {
      std::int64_t base = 0, cell = 0;
      auto r = c.query(
          "SELECT b.id, SUM(COALESCE(mc.official,0) + COALESCE(mc.probationary,0)) AS n FROM units b "
          "JOIN units u ON u.path >= b.path AND u.path < b.path || '~' "
          "LEFT JOIN unit_member_counts mc ON mc.unit_id = u.id "
          "WHERE b.kind = 'base_committee' AND b.path >= $1 AND b.path < $2 "
          "GROUP BY b.id ORDER BY n DESC, b.id LIMIT 1",
          {province->path, store::subtree_upper(province->path)});
      if (!r.empty()) base = r.rows[0].integer(0);
      auto b = store::find_unit(c, base);
      if (b) {
        auto cr = c.query(
            "SELECT u.id FROM units u JOIN unit_member_counts mc ON mc.unit_id = u.id "
            "WHERE u.path >= $1 AND u.path < $2 AND u.kind IN ('cell','base_cell') "
            "ORDER BY mc.official + mc.probationary DESC, u.id LIMIT 1",
            {b->path, store::subtree_upper(b->path)});
        if (!cr.empty()) cell = cr.rows[0].integer(0);
      }
      return std::make_pair(base, cell);
    });

    auto time_stats = [&](const std::string& name, const Actor& actor, std::int64_t unit_id) {
      reading::Stats s;
      for (int i = 0; i < a.warmup; ++i) s = reading::stats(db, actor, target, unit_id);
      std::vector<double> ms, cpu;
      for (int i = 0; i < a.runs; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        auto c0 = cpu_ms();
        s = reading::stats(db, actor, target, unit_id);
        cpu.push_back(cpu_ms() - c0);
        ms.push_back(ms_since(t0));
      }
      char cpu_text[64];
      std::snprintf(cpu_text, sizeof cpu_text, " %s_cpu_median_ms=%.1f",
                    db.dialect() == db::Dialect::sqlite ? "process" : "client", stats_of(cpu).median);
      print(name,
            "unit=" + std::to_string(s.unit_id) + " members=" + std::to_string(s.tally.members) +
                " opened=" + std::to_string(s.tally.opened) + " reached_end=" + std::to_string(s.tally.reached_end) +
                " children=" + std::to_string(s.children.size()) +
                " not_read=" + (s.not_read ? std::to_string(s.not_read->size()) : std::string("null")) + cpu_text +
                " runs=" + std::to_string(a.runs),
            stats_of(ms));
    };
    time_stats("stats_province", committee_on(*province), province->id);
    auto units = db.read_value([&](db::Connection& c) {
      return std::make_pair(store::find_unit(c, pick.first), store::find_unit(c, pick.second));
    });
    if (units.first) time_stats("stats_base", committee_on(*units.first), units.first->id);
    if (units.first && units.second) time_stats("stats_cell", committee_on(*units.first), units.second->id);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return sotay::bench::run_main("sotay_reading_bench", [&] { return run(parse(argc, argv)); });
}
