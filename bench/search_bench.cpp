// sotay_search_bench: library search on a 10,000-document library, and the ranking evaluation on
// the dev questions, without HTTP.
//
//   sotay_search_bench --db URL [--documents 10000] [--queries 600] [--seconds 10] [--threads 2]
//                      [--ranking-db URL] [--corpus DIR] [--questions FILE] [--seed N]
//                      [--only load,latency,throughput,ranking] [--query TEXT]...
//
// load        When the database (migrated on open) holds fewer published documents than
//             --documents, adds the missing ones through the product's own path: documents::create
//             then documents::publish with an admin actor, one transaction each (the domain offers
//             no batch), so sections and the search index are built exactly as an editor's
//             publishing builds them. The library is the corpus (every .txt at the top of
//             ../shared/corpus and in articles/) replicated with variations: copy 0 of each text is
//             the original; every other copy gets its own number (the original digits + the copy
//             index, issuer suffix /TU /HU /ĐU /CB), a title with a prefix ("Kế hoạch thực hiện …")
//             and a year, a random 40–100 % of its sections or paragraphs kept in order, an issue
//             date in 2015–2026, and a kind, level, status and audience of its own. Deterministic
//             for a given --seed. Prints documents/s.
// latency     One thread runs the query table (keywords with and without marks, document numbers,
//             long questions from dev-questions.jsonl) cycled --queries times after one untimed
//             pass, each query one library::search (limit 20, as the app asks), as an admin (sees
//             everything) and as a member of a cell (the audience filter on).
// throughput  --threads threads run the same table for --seconds each, as admin and as member.
//             --query TEXT (repeatable) replaces the table with these queries (for profiling).
// ranking     On --ranking-db (an empty database, or one this bench filled before): the three
//             documents that answer the dev questions, and top-1 / top-3 as in the unit test
//             (testing/ranking_eval.h).
//
// Output, one line per measurement, tab-separated name then key=value fields:
//   load        documents=N added=N seconds=S docs_per_s=R create_s=S publish_s=S entries=N
//   latency     actor=A queries=N distinct=N p50_ms= p95_ms= p99_ms= max_ms= mean_ms= empty=N
//   latency_group  actor=A group=G queries=N p50_ms= p95_ms= p99_ms=
//   slowest     actor=A median_ms= results=N q=...
//   throughput  actor=A threads=N seconds=S queries=N qps=R
//   ranking     answerable=N top1=N top1_pct=P top3=N top3_pct=P
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench_util.h"
#include "db/database.h"
#include "db/migrations.h"
#include "domain/actor.h"
#include "domain/documents.h"
#include "domain/library_access.h"
#include "domain/library_search.h"
#include "domain/org_tree.h"
#include "store/documents_store.h"
#include "store/search_store.h"
#include "testing/actors.h"
#include "testing/corpus.h"
#include "testing/ranking_eval.h"

namespace {

using namespace sotay;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Args {
  std::string db, ranking_db;
  int documents = 10000;
  int queries = 600;
  double seconds = 10;
  int threads = 2;
  std::optional<fs::path> corpus;
  std::optional<fs::path> questions;
  unsigned seed = 2026;
  std::set<std::string> only = {"load", "latency", "throughput", "ranking"};
  std::vector<std::string> custom_queries;
};

[[noreturn]] void usage(int code) {
  std::fprintf(code ? stderr : stdout,
               "usage: sotay_search_bench --db URL [--documents N] [--queries N] [--seconds S] [--threads N]\n"
               "                          [--ranking-db URL] [--corpus DIR] [--questions FILE] [--seed N]\n"
               "                          [--only load,latency,throughput,ranking] [--query TEXT]...\n");
  std::exit(code);
}

Args parse(int argc, char** argv) {
  Args a;
  bench::parse_flags(argc, argv, usage, [&](const std::string& k, auto value) {
    if (k == "--db") a.db = value();
    else if (k == "--ranking-db") a.ranking_db = value();
    else if (k == "--documents") a.documents = std::max(0, std::atoi(value().c_str()));
    else if (k == "--queries") a.queries = std::max(1, std::atoi(value().c_str()));
    else if (k == "--seconds") a.seconds = std::max(0.0, std::atof(value().c_str()));
    else if (k == "--threads") a.threads = std::max(1, std::atoi(value().c_str()));
    else if (k == "--corpus") a.corpus = fs::path(value());
    else if (k == "--questions") a.questions = fs::path(value());
    else if (k == "--query") a.custom_queries.push_back(value());
    else if (k == "--seed") a.seed = static_cast<unsigned>(std::strtoul(value().c_str(), nullptr, 10));
    else if (k == "--only") a.only = bench::comma_set(value());
    else return false;
    return true;
  });
  if (a.db.empty()) usage(2);
  for (const auto& m : a.only)
    if (m != "load" && m != "latency" && m != "throughput" && m != "ranking") {
      std::fprintf(stderr, "sotay_search_bench: unknown step \"%s\"\n", m.c_str());
      std::exit(2);
    }
  return a;
}

using bench::ms_since;
using bench::percentile;

using testing::admin;
using testing::member_of;

// ---- the library ------------------------------------------------------------------------------

// The units: a province, a commune under it with two cells. The member actor sits in cell 1.
struct Units {
  org::UnitRow province, commune, cell, other_cell;
};

org::UnitRow unit(db::Database& db, const std::string& code, const std::string& kind, const std::string& name,
                  std::optional<std::int64_t> parent) {
  if (auto u = org::find_by_code(db, code)) return *u;
  return org::create(db, admin(), {code, kind, name, parent, "2015-01-01"});
}

Units units(db::Database& db) {
  Units u;
  u.province = unit(db, "SB", "province", "Đảng bộ tỉnh Sổ Tay", std::nullopt);
  u.commune = unit(db, "SB-X", "subordinate_committee", "Đảng bộ xã Bình An", u.province.id);
  u.cell = unit(db, "SB-X-1", "cell", "Chi bộ thôn Một", u.commune.id);
  u.other_cell = unit(db, "SB-X-2", "cell", "Chi bộ thôn Hai", u.commune.id);
  return u;
}

struct Source {
  std::string file;
  std::string title;
  std::string kind = "khac";
  std::string level = "central";
  std::string digits;  // of the original number ("294"), "" for none
  std::string number;  // the original number ("294-QĐ/TW"), "" for none
  std::string issuer;
  std::string year;  // of the original, "" when unknown
  std::string head;                 // lines before the first section (letterhead), always kept
  std::vector<std::string> blocks;  // sections (or paragraphs), in order
};

// What the file names of the corpus say ("quy-dinh-294-qd-tw-2025-…"), and the titles of the
// texts whose first lines do not give one plainly (the letterhead comes first).
struct Known {
  const char* prefix;
  const char* title;
};
constexpr Known kKnown[] = {
    {"dieu-le-dang-2011", "Điều lệ Đảng Cộng sản Việt Nam"},
    {"quy-dinh-294-qd-tw", "Quy định thi hành Điều lệ Đảng"},
    {"huong-dan-06-hd-tw", "Hướng dẫn một số vấn đề cụ thể thi hành Điều lệ Đảng"},
    {"quy-dinh-383-qd-tw", "Quy định về Phông lưu trữ Đảng Cộng sản Việt Nam"},
    {"quy-dinh-384-qd-tw", "Quy định về kết nối, chia sẻ dữ liệu trong hệ thống chính trị"},
    {"huong-dan-37-hd-btgdvtw", "Hướng dẫn thực hiện Bản tin sinh hoạt chi bộ"},
    {"huong-dan-45-hd-btctw", "Hướng dẫn về phân cấp quản lý cán bộ"},
    {"nghi-quyet-66-nq-tw", "Nghị quyết về đổi mới công tác xây dựng và thi hành pháp luật"},
    {"nghi-quyet-71-nq-tw", "Nghị quyết về đột phá phát triển giáo dục và đào tạo"},
};

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string item; std::getline(ss, item, sep);) out.push_back(item);
  return out;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// A line that opens a section: Phần/Chương/Mục/Điều, a numbered point ("1.", "1.2.", "II.").
bool opens_section(std::string_view line) {
  for (std::string_view p : {"Phần ", "PHẦN ", "Chương ", "CHƯƠNG ", "Mục ", "MỤC ", "Điều "})
    if (starts_with(line, p)) return true;
  std::size_t i = 0;
  bool digits = false;
  while (i < line.size() && (std::isdigit(static_cast<unsigned char>(line[i])) || line[i] == '.')) {
    digits = digits || std::isdigit(static_cast<unsigned char>(line[i]));
    ++i;
  }
  if (digits && i >= 2 && line[i - 1] == '.' && i < line.size() && line[i] == ' ') return true;
  i = 0;
  while (i < line.size() && std::string_view("IVXL").find(line[i]) != std::string_view::npos) ++i;
  return i >= 1 && i + 1 < line.size() && line[i] == '.' && line[i + 1] == ' ';
}

Source read_source(const fs::path& path, bool article) {
  Source s;
  s.file = path.filename().string();
  const std::string text = testing::read_corpus_text(path);
  auto lines = split(text, '\n');
  if (article) {
    // A news or journal article: the first line is its title, every other line a paragraph.
    s.kind = "tai_lieu_hoc_tap";
    s.level = "province";
    for (const auto& l : lines) {
      if (l.find_first_not_of(" \t\r") == std::string::npos) continue;
      if (s.title.empty()) s.title = l;
      s.blocks.push_back(l);
    }
    if (s.title.size() > 400) s.title = s.title.substr(0, s.title.rfind(' ', 400));
    return s;
  }
  // kind-digits-code-issuer-year-… from the file name.
  auto parts = split(s.file.substr(0, s.file.size() - 4), '-');
  static const std::map<std::string, std::string> kinds = {
      {"quy-dinh", "quy_dinh"}, {"huong-dan", "huong_dan"}, {"nghi-quyet", "nghi_quyet"}, {"chi-thi", "chi_thi"},
      {"ket-luan", "ket_luan"}, {"quyet-dinh", "quyet_dinh"}, {"thong-bao", "thong_bao"}, {"ke-hoach", "ke_hoach"}};
  static const std::map<std::string, std::string> codes = {{"qd", "QĐ"}, {"hd", "HD"}, {"nq", "NQ"},
                                                           {"ct", "CT"}, {"kl", "KL"}, {"tb", "TB"}, {"kh", "KH"}};
  if (parts.size() >= 5 && kinds.count(parts[0] + "-" + parts[1]) && std::isdigit(static_cast<unsigned char>(parts[2][0]))) {
    s.kind = kinds.at(parts[0] + "-" + parts[1]);
    s.digits = parts[2];
    auto code = codes.count(parts[3]) ? codes.at(parts[3]) : parts[3];
    std::string issuer = parts[4];
    for (auto& ch : issuer) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    s.number = s.digits + "-" + code + "/" + issuer;
    if (parts.size() >= 6 && parts[5].size() == 4) s.year = parts[5];
    s.issuer = issuer == "TW" ? "Ban Chấp hành Trung ương" : "Ban " + issuer;
  } else {
    for (const auto& p : parts)
      if (p.size() == 4 && (starts_with(p, "19") || starts_with(p, "20"))) s.year = p;
    s.issuer = "Đại hội đại biểu toàn quốc";
  }
  for (const auto& k : kKnown)
    if (starts_with(s.file, k.prefix)) s.title = k.title;
  // Letterhead, then sections. Texts with hardly any numbered structure are cut by paragraph.
  int openings = 0;
  for (const auto& l : lines) openings += opens_section(l) ? 1 : 0;
  bool in_head = true;
  for (const auto& l : lines) {
    if (l.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (s.title.empty()) s.title = l;
    const bool opens = openings >= 5 ? opens_section(l) : !in_head || s.head.size() > 200;
    if (opens) in_head = false;
    if (in_head) {
      s.head += l + "\n";
    } else if (opens || s.blocks.empty()) {
      s.blocks.push_back(l);
    } else {
      s.blocks.back() += "\n" + l;
    }
  }
  return s;
}

std::vector<Source> read_sources(const fs::path& corpus) {
  std::vector<fs::path> top, articles;
  for (const auto& e : fs::directory_iterator(corpus))
    if (e.is_regular_file() && e.path().extension() == ".txt") top.push_back(e.path());
  if (fs::is_directory(corpus / "articles"))
    for (const auto& e : fs::directory_iterator(corpus / "articles"))
      if (e.is_regular_file() && e.path().extension() == ".txt") articles.push_back(e.path());
  std::sort(top.begin(), top.end());
  std::sort(articles.begin(), articles.end());
  std::vector<Source> out;
  for (const auto& p : top) out.push_back(read_source(p, false));
  for (const auto& p : articles) out.push_back(read_source(p, true));
  return out;
}

struct Variant {
  const char* prefix;
  const char* kind;  // nullptr: the original's
};
constexpr Variant kVariants[] = {
    {"", nullptr},
    {"Kế hoạch thực hiện ", "ke_hoach"},
    {"Hướng dẫn thực hiện ", "huong_dan"},
    {"Chương trình hành động thực hiện ", "ke_hoach"},
    {"Báo cáo sơ kết việc thực hiện ", "khac"},
    {"Thông báo quán triệt ", "thong_bao"},
    {"Công văn triển khai ", "cong_van"},
    {"Kết luận về việc thực hiện ", "ket_luan"},
    {"Chỉ thị tăng cường thực hiện ", "chi_thi"},
};

const char* kind_code(const std::string& kind) {
  static const std::map<std::string, const char*> codes = {
      {"nghi_quyet", "NQ"}, {"quy_dinh", "QĐ"}, {"chi_thi", "CT"},   {"ket_luan", "KL"},
      {"huong_dan", "HD"},  {"ke_hoach", "KH"}, {"quyet_dinh", "QĐ"}, {"thong_bao", "TB"},
      {"cong_van", "CV"},   {"tai_lieu_hoc_tap", "TL"}, {"khac", "BC"}};
  auto it = codes.find(kind);
  return it == codes.end() ? "BC" : it->second;
}

// Document `index` of the library: source index % sources, copy index / sources.
documents::DocumentInput make_document(const std::vector<Source>& sources, int index, unsigned seed,
                                       const Units& u) {
  const auto& src = sources[static_cast<std::size_t>(index) % sources.size()];
  const int copy = index / static_cast<int>(sources.size());
  std::mt19937 rng(seed * 1000003u + static_cast<unsigned>(index));
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  documents::DocumentInput in;
  in.owner_unit_id = u.province.id;
  in.summary = "";
  if (copy == 0) {
    in.kind = src.kind;
    in.level = src.level;
    in.number = src.number;
    in.title = src.title;
    in.issuer = src.issuer;
    in.issued_on = (src.year.empty() ? "2025" : src.year) + "-06-01";
    in.body = src.head;
    for (const auto& b : src.blocks) in.body += b + "\n";
    return in;
  }
  const auto& v = kVariants[pick(static_cast<int>(std::size(kVariants)))];
  in.kind = v.kind ? v.kind : src.kind;
  static const char* suffixes[] = {"TU", "HU", "ĐU", "ĐU", "CB"};
  static const char* levels[] = {"province", "base", "base", "base", "cell"};
  static const char* issuers[] = {"Tỉnh ủy", "Huyện ủy", "Đảng ủy xã", "Đảng ủy cơ quan", "Chi bộ"};
  const int s = pick(5);
  in.level = levels[s];
  in.issuer = issuers[s];
  const std::string digits = src.digits.empty() ? std::to_string(100 + index % static_cast<int>(sources.size())) : src.digits;
  in.number = digits + std::to_string(copy) + "-" + kind_code(in.kind) + "/" + suffixes[s];
  const int year = 2015 + pick(12);
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, 1 + pick(12), 1 + pick(28));
  in.issued_on = date;
  in.title = std::string(v.prefix) + src.title + " năm " + std::to_string(year);
  if (in.title.size() > 480) in.title = in.title.substr(0, in.title.rfind(' ', 480));
  const int r = pick(100);
  in.legal_status = r < 85 ? "in_force" : "expired";
  // Audience: most go to the whole province (the owner's subtree); some only to the commune
  // (the member's), some only to the other cell (hidden from the member).
  const int a = pick(100);
  if (a >= 70 && a < 85) in.audience_unit_ids = {u.commune.id};
  else if (a >= 85) in.audience_unit_ids = {u.other_cell.id};
  // 40–100 % of the sections, in order (at least one).
  const double keep = 0.4 + 0.6 * std::uniform_real_distribution<double>(0, 1)(rng);
  in.body = src.head;
  std::size_t kept = 0;
  for (const auto& b : src.blocks)
    if (std::uniform_real_distribution<double>(0, 1)(rng) < keep) {
      in.body += b + "\n";
      ++kept;
    }
  if (kept == 0 && !src.blocks.empty()) in.body += src.blocks[static_cast<std::size_t>(pick(static_cast<int>(src.blocks.size())))] + "\n";
  return in;
}

std::int64_t published_documents(db::Database& db) {
  store::AudienceScope everything;
  everything.everything = true;
  return db.read_value([&](db::Connection& c) {
    std::int64_t n = 0;
    for (const auto& f : store::document_facet(c, everything, "level")) n += f.count;
    return n;
  });
}

void load(db::Database& db, const Args& a, const Units& u, const fs::path& corpus) {
  const auto before = published_documents(db);
  std::int64_t added = 0;
  double create_ms = 0, publish_ms = 0;
  const auto t0 = Clock::now();
  if (before < a.documents) {
    const auto sources = read_sources(corpus);
    if (sources.empty()) throw std::runtime_error("no .txt files in " + corpus.string());
    std::fprintf(stderr, "search bench: adding %lld documents from %zu corpus texts\n",
                 static_cast<long long>(a.documents - before), sources.size());
    const auto actor = admin();
    auto last = Clock::now();
    for (auto i = before; i < a.documents; ++i) {
      auto in = make_document(sources, static_cast<int>(i), a.seed, u);
      auto t = Clock::now();
      auto id = documents::create(db, actor, std::move(in));
      create_ms += ms_since(t);
      t = Clock::now();
      documents::publish(db, actor, id, std::nullopt);
      publish_ms += ms_since(t);
      ++added;
      if (std::chrono::duration<double>(Clock::now() - last).count() >= 30 || i + 1 == a.documents) {
        last = Clock::now();
        const double s = ms_since(t0) / 1000;
        std::fprintf(stderr, "search bench: %lld/%d documents, %.0f s, %.1f documents/s\n",
                     static_cast<long long>(i + 1), a.documents, s, static_cast<double>(added) / s);
      }
    }
  }
  const double s = ms_since(t0) / 1000;
  const auto stats = db.read_value([](db::Connection& c) { return store::search_term_stats(c, {}); });
  std::printf("load\tdocuments=%lld added=%lld seconds=%.1f docs_per_s=%.1f create_s=%.1f publish_s=%.1f entries=%lld\n",
              static_cast<long long>(before + added), static_cast<long long>(added), s,
              added && s > 0 ? static_cast<double>(added) / s : 0.0, create_ms / 1000, publish_ms / 1000,
              static_cast<long long>(stats.entries));
  std::fflush(stdout);
}

// ---- queries ----------------------------------------------------------------------------------

struct Query {
  std::string group, text;
};

std::vector<Query> query_table(const std::optional<fs::path>& questions) {
  std::vector<Query> t;
  for (const char* q : {"dang vien du bi", "ket nap dang vien", "sinh hoat chi bo", "dang phi", "uy ban kiem tra",
                        "chuyen sinh hoat dang", "ky luat dang vien", "bau cu cap uy", "thoi han du bi",
                        "mien sinh hoat dang", "xoa ten dang vien", "the dang vien", "phat the dang vien",
                        "nghi quyet dai hoi", "tu phe binh va phe binh"})
    t.push_back({"no_marks", q});
  for (const char* q : {"đảng viên dự bị", "kết nạp đảng viên", "sinh hoạt chi bộ", "đảng phí", "ủy ban kiểm tra",
                        "uỷ ban kiểm tra", "chuyển sinh hoạt đảng", "kỷ luật khiển trách", "đại hội đảng bộ",
                        "chuyển đổi số", "phân cấp quản lý cán bộ", "lưu trữ hồ sơ", "bí thư chi bộ",
                        "tự phê bình và phê bình", "học tập và làm theo tư tưởng Hồ Chí Minh"})
    t.push_back({"marks", q});
  for (const char* q : {"qd 294", "294/QĐ-TW", "hd 06", "QĐ294", "nq 66", "383-QĐ/TW", "hd 45", "qđ 384"})
    t.push_back({"number", q});
  // Long questions as members type them: three answerable ones, one per document, plus one.
  if (questions && fs::exists(*questions)) {
    std::set<std::string> docs;
    int extra = 0;
    for (const auto& q : testing::read_dev_questions(*questions)) {
      if (q.doc == "NONE") continue;
      if (docs.insert(q.doc).second || extra++ == 5) t.push_back({"question", q.question});
      if (t.size() >= 60) break;
    }
  }
  return t;
}

struct Sample {
  double ms;
  std::int64_t total;
};

library::SearchResponse run_query(db::Database& db, const Actor& actor, const std::string& q) {
  library::SearchRequest r;
  r.q = q;
  r.limit = 20;
  return library::search(db, actor, r);
}

void latency(db::Database& db, const Args& a, const std::vector<Query>& table, const std::string& who,
             const Actor& actor) {
  for (const auto& q : table) run_query(db, actor, q.text);  // warm-up: one untimed pass
  std::vector<double> all;
  std::map<std::string, std::vector<double>> by_group;
  std::map<std::size_t, std::vector<Sample>> by_query;
  int empty = 0;
  for (int i = 0; i < a.queries; ++i) {
    const auto qi = static_cast<std::size_t>(i) % table.size();
    const auto t0 = Clock::now();
    auto res = run_query(db, actor, table[qi].text);
    const double ms = ms_since(t0);
    all.push_back(ms);
    by_group[table[qi].group].push_back(ms);
    by_query[qi].push_back({ms, res.total});
    if (res.results.empty()) ++empty;
  }
  std::sort(all.begin(), all.end());
  double sum = 0;
  for (double v : all) sum += v;
  std::printf("latency\tactor=%s queries=%d distinct=%zu p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f mean_ms=%.2f empty=%d\n",
              who.c_str(), a.queries, table.size(), percentile(all, 0.5), percentile(all, 0.95),
              percentile(all, 0.99), all.back(), sum / static_cast<double>(all.size()), empty);
  for (auto& [g, v] : by_group) {
    std::sort(v.begin(), v.end());
    std::printf("latency_group\tactor=%s group=%s queries=%zu p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f\n", who.c_str(),
                g.c_str(), v.size(), percentile(v, 0.5), percentile(v, 0.95), percentile(v, 0.99));
  }
  // The five slowest queries by median: where to look first.
  std::vector<std::pair<double, std::size_t>> medians;
  for (auto& [qi, v] : by_query) {
    std::vector<double> ms;
    for (const auto& s : v) ms.push_back(s.ms);
    std::sort(ms.begin(), ms.end());
    medians.push_back({percentile(ms, 0.5), qi});
  }
  std::sort(medians.rbegin(), medians.rend());
  for (std::size_t i = 0; i < std::min<std::size_t>(5, medians.size()); ++i)
    std::printf("slowest\tactor=%s median_ms=%.2f results=%lld q=%s\n", who.c_str(), medians[i].first,
                static_cast<long long>(by_query[medians[i].second].front().total), table[medians[i].second].text.c_str());
  std::fflush(stdout);
}

void throughput(db::Database& db, const Args& a, const std::vector<Query>& table, const std::string& who,
                const Actor& actor) {
  std::atomic<std::int64_t> done{0};
  std::atomic<bool> failed{false};
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(a.seconds));
  const auto t0 = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < a.threads; ++t)
    threads.emplace_back([&, t] {
      std::size_t qi = static_cast<std::size_t>(t) * table.size() / static_cast<std::size_t>(a.threads);
      try {
        while (Clock::now() < deadline) {
          run_query(db, actor, table[qi % table.size()].text);
          ++qi;
          ++done;
        }
      } catch (const std::exception& e) {
        std::fprintf(stderr, "sotay_search_bench: thread %d: %s\n", t, e.what());
        failed = true;
      }
    });
  for (auto& th : threads) th.join();
  const double s = ms_since(t0) / 1000;
  if (failed) throw std::runtime_error("a throughput thread failed");
  std::printf("throughput\tactor=%s threads=%d seconds=%.1f queries=%lld qps=%.1f\n", who.c_str(), a.threads, s,
              static_cast<long long>(done.load()), static_cast<double>(done.load()) / s);
  std::fflush(stdout);
}

void ranking(const Args& a, const fs::path& corpus, const fs::path& questions) {
  auto db = db::open(a.ranking_db, {.pool_size = 1});
  db::migrate(*db);
  const auto actor = admin();
  auto owner = unit(*db, "RK", "province", "Đảng bộ tỉnh Thử", std::nullopt);
  std::map<std::string, std::int64_t> ids;
  // Filled by an earlier run: the documents by their titles.
  for (const auto& d : db->read_value([](db::Connection& c) {
         return store::list_documents_for_editor(c, {""}, std::string("published"), 50);
       }))
    for (const auto& [name, title] : testing::ranking_documents())
      if (d.title == title) ids[name] = d.id;
  if (ids.empty()) ids = testing::load_ranking_library(*db, actor, owner.id, corpus);
  if (ids.size() != testing::ranking_documents().size())
    throw std::runtime_error("the ranking database must be empty or hold just the three answering documents");
  auto r = testing::evaluate_ranking(*db, actor, ids, testing::read_dev_questions(questions));
  std::printf("ranking\tanswerable=%d top1=%d top1_pct=%.0f top3=%d top3_pct=%.0f\n", r.answerable, r.top1,
              r.top1_pct(), r.top3, r.top3_pct());
  std::fflush(stdout);
  if (!r.misses.empty()) std::fprintf(stderr, "search bench: ranking misses (expected unit → top 3):\n%s", r.misses.c_str());
}

int run(const Args& a) {
  auto corpus = a.corpus ? a.corpus : testing::corpus_dir();
  if (a.corpus && !fs::is_directory(*a.corpus)) corpus.reset();
  auto questions = a.questions ? a.questions
                   : corpus   ? std::optional<fs::path>(corpus->parent_path() / "dev-questions.jsonl")
                              : std::nullopt;
  auto db = db::open(a.db, {.pool_size = a.threads + 1});
  db::migrate(*db);
  const auto u = units(*db);

  if (a.only.count("load")) {
    if (!corpus) throw std::runtime_error("corpus not found: pass --corpus DIR or set SOTAY_CORPUS_DIR");
    load(*db, a, u, *corpus);
  }
  auto table = query_table(questions);
  if (!a.custom_queries.empty()) {
    table.clear();
    for (const auto& q : a.custom_queries) table.push_back({"custom", q});
  }
  const std::vector<std::pair<std::string, Actor>> actors = {{"admin", admin()}, {"member", member_of(u.cell)}};
  if (a.only.count("latency"))
    for (const auto& [who, actor] : actors) latency(*db, a, table, who, actor);
  if (a.only.count("throughput") && a.seconds > 0)
    for (const auto& [who, actor] : actors) throughput(*db, a, table, who, actor);
  if (a.only.count("ranking") && !a.ranking_db.empty()) {
    if (!corpus || !questions || !fs::exists(*questions))
      throw std::runtime_error("ranking needs the corpus and dev-questions.jsonl beside it");
    ranking(a, *corpus, *questions);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return sotay::bench::run_main("sotay_search_bench", [&] { return run(parse(argc, argv)); });
}
