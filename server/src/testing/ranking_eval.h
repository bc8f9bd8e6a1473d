// The ranking evaluation on ../shared/dev-questions.jsonl, shared by the unit test
// (domain/library_search_test.cpp, RankingOnDevQuestions) and the search benchmark
// (bench/search_bench.cpp), so both count a hit the same way.
//
// The library holds just the three documents that answer the questions (the Charter, Quy định
// 294 and Hướng dẫn 06) under their real titles, published by an admin. Each answerable
// question is searched with limit 3; it counts at rank k when result k is a section of the
// expected document whose label is the expected unit or lies inside it ("Điều 8 khoản 1" inside
// "Điều 8"; "2.1.3" inside "2.1").
#pragma once

#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/actor.h"
#include "domain/documents.h"
#include "domain/library_search.h"
#include "testing/corpus.h"

namespace sotay::testing {

// The documents the dev questions cite: the name they use ("doc" in the questions, which is
// also how their corpus file name starts) and the title they are published under.
struct RankingDocument {
  std::string name, title;
};
inline const std::vector<RankingDocument>& ranking_documents() {
  // Created in this order (entry ids break ties in the ranking).
  static const std::vector<RankingDocument> docs = {
      {"dieu-le-dang-2011", "Điều lệ Đảng Cộng sản Việt Nam"},
      {"huong-dan-06-hd-tw-2025", "Hướng dẫn một số vấn đề cụ thể thi hành Điều lệ Đảng"},
      {"quy-dinh-294-qd-tw-2025", "Quy định thi hành Điều lệ Đảng"}};
  return docs;
}

// True when a result's section `label` answers the expected `unit`: the same unit, or one inside
// it. Case-insensitive on ASCII ("Điều 8 Khoản 1" and "Điều 8 khoản 1" are the same citation).
inline bool section_answers(std::string_view label, std::string_view unit) {
  auto lower = [](std::string_view s) {
    std::string out(s);
    for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
  };
  const auto l = lower(label), u = lower(unit);
  return l == u || l.rfind(u + " ", 0) == 0 || l.rfind(u + ".", 0) == 0;
}

struct DevQuestion {
  std::string id, question, doc, unit;  // doc "NONE": no grounded answer in the corpus
};

inline std::vector<DevQuestion> read_dev_questions(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::vector<DevQuestion> out;
  for (std::string line; std::getline(in, line);) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto j = nlohmann::json::parse(line);
    out.push_back({j.value("id", ""), j.value("question", ""), j.value("doc", ""), j.value("unit", "")});
  }
  return out;
}

// Creates and publishes the three documents under `owner_unit_id`; returns their ids by name.
// Names whose file is missing from `corpus` are left out.
inline std::map<std::string, std::int64_t> load_ranking_library(db::Database& db, const Actor& admin,
                                                                std::int64_t owner_unit_id,
                                                                const std::filesystem::path& corpus) {
  std::map<std::string, std::int64_t> ids;
  for (const auto& [name, title] : ranking_documents()) {
    for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
      auto file = entry.path().filename().string();
      if (entry.path().extension() != ".txt") continue;
      if (file != name + ".txt" && file.rfind(name + "-", 0) != 0) continue;
      documents::DocumentInput in;
      in.kind = "khac";
      in.title = title;
      in.level = "central";
      in.owner_unit_id = owner_unit_id;
      in.body = read_corpus_text(entry.path());
      auto id = documents::create(db, admin, in);
      documents::publish(db, admin, id, std::nullopt);
      ids[name] = id;
    }
  }
  return ids;
}

struct RankingResult {
  int answerable = 0, top1 = 0, top3 = 0;
  std::string misses;  // one line per question not answered in the top 3
  double top1_pct() const { return answerable ? 100.0 * top1 / answerable : 0; }
  double top3_pct() const { return answerable ? 100.0 * top3 / answerable : 0; }
};

inline RankingResult evaluate_ranking(db::Database& db, const Actor& actor,
                                      const std::map<std::string, std::int64_t>& doc_ids,
                                      const std::vector<DevQuestion>& questions) {
  RankingResult out;
  for (const auto& q : questions) {
    if (q.doc == "NONE") continue;
    ++out.answerable;
    auto found = doc_ids.find(q.doc);
    const std::int64_t doc = found == doc_ids.end() ? 0 : found->second;
    library::SearchRequest r;
    r.q = q.question;
    r.limit = 3;
    auto res = library::search(db, actor, r);
    int rank = 0;
    for (std::size_t i = 0; i < res.results.size() && !rank; ++i) {
      const auto& h = res.results[i];
      if (h.item_id == doc && h.section_label && section_answers(*h.section_label, q.unit))
        rank = static_cast<int>(i) + 1;
    }
    if (rank == 1) ++out.top1;
    if (rank >= 1) ++out.top3;
    if (rank == 0) {
      out.misses += q.id + " (" + q.unit + ") →";
      for (const auto& h : res.results) out.misses += " #" + std::to_string(h.item_id) + ":" + h.section_label.value_or("-");
      out.misses += "\n";
    }
  }
  return out;
}

}  // namespace sotay::testing
