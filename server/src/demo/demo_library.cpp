#include "demo/demo_library.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "domain/actor.h"
#include "domain/documents.h"
#include "domain/news.h"
#include "domain/reading.h"
#include "store/news_store.h"
#include "store/documents_store.h"
#include "store/units_store.h"
#include "util/time.h"

namespace sotay::demo {

namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> split_list(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    auto end = s.find(sep, start);
    if (end == std::string::npos) end = s.size();
    auto part = trim(std::string_view(s).substr(start, end - start));
    if (!part.empty()) out.push_back(part);
    start = end + 1;
  }
  return out;
}

// Unix time of a calendar date at 08:00 in Vietnam.
std::int64_t morning_of(const std::string& iso) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(iso.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return timeutil::now_unix();
  // Days from civil (Howard Hinnant's algorithm).
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const std::int64_t days = static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
  return days * 86400 + 8 * 3600 - timeutil::kVietnamUtcOffsetSeconds;
}

}  // namespace

DemoText parse_demo_text(std::string_view text) {
  DemoText out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(pos, end - pos);
    pos = end + 1;
    if (trim(line) == "---") {
      out.body = std::string(pos < text.size() ? text.substr(pos) : std::string_view());
      return out;
    }
    auto colon = line.find(':');
    if (colon != std::string_view::npos) out.fields[trim(line.substr(0, colon))] = trim(line.substr(colon + 1));
  }
  return out;
}

LibrarySummary load_demo_library(db::Database& db, const std::vector<embedded::File>& files) {
  LibrarySummary summary;
  const bool has_documents = db.read_value([](db::Connection& c) { return !c.query("SELECT 1 FROM documents LIMIT 1").empty(); });
  if (has_documents) return summary;

  Actor system;  // the loader acts as an administrator over the whole tree
  system.grants.push_back({Role::admin, std::nullopt, ""});
  auto unit_id = [&](const std::string& code) -> std::optional<std::int64_t> {
    return db.read_value([&](db::Connection& c) -> std::optional<std::int64_t> {
      auto u = store::find_unit_by_code(c, code);
      return u ? std::optional<std::int64_t>(u->id) : std::nullopt;
    });
  };

  std::vector<const embedded::File*> docs;
  for (const auto& f : files)
    if (f.name.size() > 4 && f.name.substr(f.name.size() - 4) == ".txt") docs.push_back(&f);
  std::sort(docs.begin(), docs.end(), [](auto* a, auto* b) { return a->name < b->name; });

  std::map<std::string, std::int64_t> by_number;
  struct Pending {
    std::int64_t id;
    DemoText text;
  };
  std::vector<Pending> loaded;
  for (const auto* f : docs) {
    auto t = parse_demo_text(f->text);
    auto owner = unit_id(t.fields["owner"]);
    if (!owner) continue;  // this scale has no such unit
    documents::DocumentInput in;
    in.kind = t.fields["kind"];
    in.number = t.fields["number"];
    in.title = t.fields["title"];
    in.summary = t.fields["summary"];
    in.issuer = t.fields["issuer"];
    in.level = t.fields["level"];
    if (!t.fields["issued"].empty()) in.issued_on = t.fields["issued"];
    if (!t.fields["effective"].empty()) in.effective_on = t.fields["effective"];
    in.legal_status = t.fields["status"].empty() ? "in_force" : t.fields["status"];
    in.topics = split_list(t.fields["topics"], ';');
    for (const auto& code : split_list(t.fields["audience"], ','))
      if (auto id = unit_id(code)) in.audience_unit_ids.push_back(*id);
    in.owner_unit_id = owner;
    in.body = t.body;
    in.source_key = "demo:" + std::string(f->name);
    for (const char* rel : {"replaces", "implements", "amends"})
      for (const auto& number : split_list(t.fields[rel], ';'))
        if (auto it = by_number.find(number); it != by_number.end()) in.relations.push_back({rel, it->second});
    const auto id = documents::create(db, system, in);
    by_number[in.number] = id;
    documents::publish(db, system, id, std::nullopt);
    // Published on the day it was issued, so the library reads like one with a history.
    if (in.issued_on) {
      const auto at = std::min(morning_of(*in.issued_on), timeutil::now_unix());
      db.write([&](db::Connection& c) { store::set_document_state(c, id, "published", std::nullopt, at, at); });
    }
    loaded.push_back({id, std::move(t)});
    ++summary.documents;
  }
  // Required reading with a deadline ("required: SH-TP-01 2026-12-15"), kept in the future.
  for (const auto& p : loaded) {
    auto it = p.text.fields.find("required");
    if (it == p.text.fields.end()) continue;
    auto parts = split_list(it->second, ' ');
    if (parts.size() != 2) continue;
    auto unit = unit_id(parts[0]);
    if (!unit) continue;
    auto deadline = std::max(parts[1], timeutil::add_days(timeutil::today(), 14));
    reading::require(db, system, p.id, *unit, deadline, "Đề nghị các đồng chí đọc kỹ trước buổi sinh hoạt chi bộ.");
  }

  // News, each dated `days_ago`.
  std::vector<const embedded::File*> articles;
  for (const auto& f : files)
    if (f.name.size() > 3 && f.name.substr(f.name.size() - 3) == ".md" && f.name.find("README") == std::string_view::npos)
      articles.push_back(&f);
  std::sort(articles.begin(), articles.end(), [](auto* a, auto* b) { return a->name < b->name; });
  for (const auto* f : articles) {
    auto t = parse_demo_text(f->text);
    auto owner = unit_id(t.fields["owner"]);
    if (!owner) continue;
    news::NewsInput in;
    in.title = t.fields["title"];
    in.summary = t.fields["summary"];
    in.body = t.body;
    in.category = t.fields["category"];
    in.pinned = t.fields["pinned"] == "yes";
    in.owner_unit_id = owner;
    for (const auto& code : split_list(t.fields["audience"], ','))
      if (auto id = unit_id(code)) in.audience_unit_ids.push_back(*id);
    const auto id = news::create(db, system, in);
    news::publish(db, system, id, std::nullopt);
    const auto at = timeutil::now_unix() - std::atoll(t.fields["days_ago"].c_str()) * 86400;
    db.write([&](db::Connection& c) { store::set_news_state(c, id, "published", std::nullopt, at, at); });
    ++summary.news;
  }

  // A replaced document points at its replacement.
  for (const auto& p : loaded)
    for (const auto& number : split_list(p.text.fields.count("replaces") ? p.text.fields.at("replaces") : "", ';'))
      if (auto it = by_number.find(number); it != by_number.end())
        db.write([&](db::Connection& c) { store::mark_superseded(c, it->second, p.id); });
  return summary;
}

}  // namespace sotay::demo
