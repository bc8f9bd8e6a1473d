#include "db/database.h"

#include <cstdlib>

namespace sotay::db {

namespace {
const std::string kEmpty;
}

const std::string& Row::text(std::size_t i) const {
  const auto& c = cells_.at(i);
  return c ? *c : kEmpty;
}

std::int64_t Row::integer(std::size_t i) const {
  const auto& c = cells_.at(i);
  if (!c || c->empty()) return 0;
  if (*c == "t" || *c == "true") return 1;
  if (*c == "f" || *c == "false") return 0;
  return std::strtoll(c->c_str(), nullptr, 10);
}

double Row::real(std::size_t i) const {
  const auto& c = cells_.at(i);
  return c ? std::strtod(c->c_str(), nullptr) : 0.0;
}

bool Row::boolean(std::size_t i) const { return integer(i) != 0; }

std::optional<std::int64_t> Row::opt_integer(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return integer(i);
}

const Row& Result::one() const {
  if (rows.empty()) throw DbError(DbError::Kind::other, "expected one row, got none");
  return rows.front();
}

void Connection::insert_many(std::string_view sql, const std::vector<Params>& rows) {
  for (const auto& r : rows) query(sql, r);
}

bool is_postgres_url(std::string_view url) {
  return url.rfind("postgres://", 0) == 0 || url.rfind("postgresql://", 0) == 0;
}

std::string rewrite_placeholders_for_sqlite(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  bool in_string = false;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char ch = sql[i];
    if (ch == '\'') in_string = !in_string;
    if (!in_string && ch == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out.push_back('?');
      continue;
    }
    out.push_back(ch);
  }
  return out;
}

}  // namespace sotay::db

#include "db/postgres_database.h"
#include "db/sqlite_database.h"

namespace sotay::db {
std::unique_ptr<Database> open(const std::string& url, const OpenOptions& options) {
  if (is_postgres_url(url)) return open_postgres(url, options);
  std::string path = url;
  if (path.rfind("sqlite://", 0) == 0) path = path.substr(9);
  return open_sqlite(path, options);
}
}  // namespace sotay::db
