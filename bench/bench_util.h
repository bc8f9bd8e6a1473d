// Helpers shared by the benchmark programs (bench/*_bench.cpp): argument reading, timing and
// nearest-rank percentiles. Header-only: each bench is one source file.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <functional>
#include <exception>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace sotay::bench {

// The command line as every bench reads it: --help or -h prints the usage (usage(0)); any other
// flag goes to on_flag(flag, value), which calls value() for the argument after it (usage(2) when
// there is none) and returns false for a flag it does not know (usage(2)).
template <class OnFlag>
void parse_flags(int argc, char** argv, void (*usage)(int), OnFlag&& on_flag) {
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(2);
      return argv[++i];
    };
    if (flag == "--help" || flag == "-h")
      usage(0);
    else if (!on_flag(flag, value))
      usage(2);
  }
}

// "a,b,,c" → {"a", "b", "c"} (the --only lists).
inline std::set<std::string> comma_set(const std::string& list) {
  std::set<std::string> out;
  std::stringstream ss(list);
  for (std::string item; std::getline(ss, item, ',');)
    if (!item.empty()) out.insert(item);
  return out;
}

inline double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// CPU time of this process in milliseconds.
inline double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Nearest-rank percentile of sorted samples (0 for none).
inline double percentile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  auto idx = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::min(sorted.size() - 1, idx == 0 ? 0 : idx - 1)];
}

struct Stats {
  double median = 0, p95 = 0;
};

inline Stats stats_of(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  return {percentile(ms, 0.5), percentile(ms, 0.95)};
}

// Runs `once` `warmup` times untimed, then `runs` times; the timed samples in milliseconds.
inline std::vector<double> time_runs(int warmup, int runs, const std::function<void()>& once) {
  for (int i = 0; i < warmup; ++i) once();
  std::vector<double> ms;
  ms.reserve(static_cast<std::size_t>(runs));
  for (int i = 0; i < runs; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    once();
    ms.push_back(ms_since(t0));
  }
  return ms;
}

// The body of main(): `body`'s exit code, or 1 after printing "<program>: <what>" for an exception.
inline int run_main(const char* program, const std::function<int()>& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", program, e.what());
    return 1;
  }
}

}  // namespace sotay::bench
