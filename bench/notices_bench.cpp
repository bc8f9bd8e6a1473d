// sotay_notices_bench: a notice to a whole province stored and fanned out, without HTTP.
//
//   sotay_notices_bench --db URL [--runs 3] [--login tinhuy] [--keep]
//
// Needs a demo database (`sotay demo --scale province`: one province of ~108,600 members and the
// demo login `tinhuy`, a committee member of the province). Each run is one notices::create as
// that account (its grants as the API loads them; without the account, a committee grant on the
// province) with the audience {units: [province]}, urgent, asking for acknowledgement: from the
// call until it returns the notice 'sent' with its recipients written and counted, exactly what
// POST /api/v1/notices does inside the server. The event sink does nothing but note the time it is
// called (the commit that marks the notice sent), so the figure has no live delivery in it.
// Between runs (untimed) the previous notice and its rows are deleted, so every run fans out into
// the same table; --keep leaves the last one.
//
// Output, one line per measurement, in the format of sotay_query_bench:
//
//   fanout <tab> unit=ID recipients=N state=S runs=R all_ms=a,b,c stored_ms=… cpu_median_ms=…
//          <tab> median_ms=X <tab> p95_ms=Y
//
// all_ms   every run's time from the call to its return;
// stored_ms  per run, from the call to the commit that marks it sent (the rest is the NoticeDetail
//          the API answers with: counts and audience read back);
// cpu      CPU time of this process during the call (for PostgreSQL the server's work is not in it).
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "bench_util.h"
#include "db/database.h"
#include "domain/actor.h"
#include "domain/auth.h"
#include "domain/notices.h"
#include "store/accounts_store.h"
#include "store/units_store.h"
#include "util/time.h"

namespace {

using namespace sotay;

struct Args {
  std::string db;
  int runs = 3;
  std::string login = "tinhuy";
  bool keep = false;
};

[[noreturn]] void usage(int code) {
  std::fprintf(code ? stderr : stdout, "usage: sotay_notices_bench --db URL [--runs 3] [--login tinhuy] [--keep]\n");
  std::exit(code);
}

Args parse(int argc, char** argv) {
  Args a;
  bench::parse_flags(argc, argv, usage, [&](const std::string& k, auto value) {
    if (k == "--db")
      a.db = value();
    else if (k == "--runs")
      a.runs = std::max(1, std::atoi(value().c_str()));
    else if (k == "--login")
      a.login = value();
    else if (k == "--keep")
      a.keep = true;
    else
      return false;
    return true;
  });
  if (a.db.empty()) usage(2);
  return a;
}

// Deletes a notice and everything written for it (untimed, between runs).
void delete_notice(db::Database& db, std::int64_t id) {
  db.write([&](db::Connection& c) {
    for (const char* table : {"push_outbox", "notice_recipients", "notice_events", "notice_versions"})
      c.query(std::string("DELETE FROM ") + table + " WHERE notice_id = $1", {id});
    c.query("DELETE FROM notices WHERE id = $1", {id});
  });
  // As autovacuum would between two notices: the dead rows do not stay in the way of the next run.
  if (db.dialect() == db::Dialect::postgres)
    db.read([](db::Connection& c) { c.exec_script("VACUUM ANALYZE notice_recipients"); });
}

int run(const Args& a) {
  auto database = db::open(a.db, {.pool_size = 2});
  auto& db = *database;

  auto province = db.read_value([&](db::Connection& c) -> std::optional<store::UnitRow> {
    auto r = c.query("SELECT id FROM units WHERE kind = 'province' ORDER BY id LIMIT 1");
    if (r.empty()) return std::nullopt;
    return store::find_unit(c, r.rows[0].integer(0));
  });
  if (!province) {
    std::fprintf(stderr, "sotay_notices_bench: no province unit; load `sotay demo --scale province` first\n");
    return 1;
  }
  auto actor = db.read_value([&](db::Connection& c) {
    if (auto account = store::find_account_by_login(c, a.login)) return auth::load_actor(c, *account);
    std::fprintf(stderr, "sotay_notices_bench: no account %s; sending as a committee grant on %s\n", a.login.c_str(),
                 province->code.c_str());
    Actor fallback;
    fallback.account_id = 0;
    fallback.grants.push_back({Role::committee, province->id, province->path});
    return fallback;
  });

  notices::NoticeInput in;
  in.title = "Thông báo khẩn toàn tỉnh (đo tải)";
  in.body = "Đề nghị các đồng chí đảng viên đọc và xác nhận đã nhận thông báo này.";
  in.priority = "urgent";
  in.require_ack = true;
  in.audience.units = {province->id};

  std::vector<double> ms, stored_ms, cpu;
  std::int64_t recipients = 0;
  std::string state;
  for (int run = 0; run < a.runs; ++run) {
    std::optional<std::chrono::steady_clock::time_point> stored_at;
    notices::EventSink sink = [&](std::int64_t) { stored_at = std::chrono::steady_clock::now(); };
    auto t0 = std::chrono::steady_clock::now();
    auto c0 = bench::cpu_ms();
    auto detail = notices::create(db, actor, in, timeutil::now_unix(), sink);
    cpu.push_back(bench::cpu_ms() - c0);
    ms.push_back(bench::ms_since(t0));
    stored_ms.push_back(stored_at ? std::chrono::duration<double, std::milli>(*stored_at - t0).count() : -1);
    recipients = detail.counts.recipients;
    state = detail.notice.state;
    std::fprintf(stderr, "sotay_notices_bench: run %d: notice %lld %s, %lld recipients, %.0f ms (sent after %.0f ms)\n",
                 run + 1, static_cast<long long>(detail.notice.id), state.c_str(), static_cast<long long>(recipients),
                 ms.back(), stored_ms.back());
    if (run + 1 < a.runs || !a.keep) delete_notice(db, detail.notice.id);
  }

  auto list = [](const std::vector<double>& v) {
    std::string s;
    char buf[32];
    for (double x : v) {
      std::snprintf(buf, sizeof buf, "%s%.0f", s.empty() ? "" : ",", x);
      s += buf;
    }
    return s;
  };
  auto s = bench::stats_of(ms);
  std::printf("fanout\tunit=%lld recipients=%lld state=%s runs=%d all_ms=%s stored_ms=%s %s_cpu_median_ms=%.0f\tmedian_ms=%.3f\tp95_ms=%.3f\n",
              static_cast<long long>(province->id), static_cast<long long>(recipients), state.c_str(), a.runs,
              list(ms).c_str(), list(stored_ms).c_str(), db.dialect() == db::Dialect::sqlite ? "process" : "client",
              bench::stats_of(cpu).median, s.median, s.p95);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return sotay::bench::run_main("sotay_notices_bench", [&] { return run(parse(argc, argv)); });
}
