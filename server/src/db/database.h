// The thin typed layer over sqlite3 and libpq.
//
// SQL is written once with PostgreSQL's $1..$n placeholders; the SQLite backend rewrites them
// to ?1..?n. Results are materialized rows of text-or-null cells (both backends can hand back
// text cheaply), converted on access. Each connection caches its prepared statements by SQL text.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sotay::db {

enum class Dialect { sqlite, postgres };

// A bound parameter. std::monostate is SQL NULL.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;
using Params = std::vector<Value>;

// Helpers so call sites can write {opt_string(x)} for nullable columns.
template <class T>
Value nullable(const std::optional<T>& v) {
  if (!v) return std::monostate{};
  if constexpr (std::is_integral_v<T>)
    return static_cast<std::int64_t>(*v);
  else
    return Value(*v);
}

// Thrown for any database failure. `constraint` is set for unique/foreign-key violations so
// the domain can turn them into a clear message instead of a 500.
class DbError : public std::runtime_error {
 public:
  enum class Kind { other, unique_violation, foreign_key_violation, busy, connection };
  DbError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

class Row {
 public:
  Row() = default;
  explicit Row(std::vector<std::optional<std::string>> cells) : cells_(std::move(cells)) {}
  std::size_t size() const { return cells_.size(); }
  bool is_null(std::size_t i) const { return !cells_.at(i).has_value(); }
  const std::string& text(std::size_t i) const;  // "" for NULL
  std::int64_t integer(std::size_t i) const;       // 0 for NULL
  double real(std::size_t i) const;
  bool boolean(std::size_t i) const;  // accepts 1/0, t/f, true/false
  std::optional<std::string> opt_text(std::size_t i) const { return cells_.at(i); }
  std::optional<std::int64_t> opt_integer(std::size_t i) const;

 private:
  std::vector<std::optional<std::string>> cells_;
};

struct Result {
  std::vector<Row> rows;
  std::int64_t affected = 0;
  bool empty() const { return rows.empty(); }
  const Row& one() const;  // throws if no row
};

// One connection. Not thread-safe; leased from Database for the length of a unit of work.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  virtual Result query(std::string_view sql, const Params& params = {}) = 0;
  // Runs several statements without parameters (migrations, schema resets).
  virtual void exec_script(std::string_view sql) = 0;
  // Streams many rows into one statement quickly (prepared once, executed per row).
  virtual void insert_many(std::string_view sql, const std::vector<Params>& rows);

  Result operator()(std::string_view sql, const Params& params = {}) { return query(sql, params); }
};

// A pool of connections to one database. For SQLite: one writer connection guarded by a mutex
// (SQLite allows one writer at a time anyway) and a pool of readers. For PostgreSQL: one pool.
class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  const std::string& url() const { return url_; }

  // Runs fn with a connection for reads (SQLite: one snapshot; PostgreSQL: autocommit statements).
  virtual void read(const std::function<void(Connection&)>& fn) = 0;
  // Runs fn inside one write transaction; commits when fn returns, rolls back if it throws.
  virtual void write(const std::function<void(Connection&)>& fn) = 0;

  template <class F>
  auto read_value(F&& fn) {
    std::optional<decltype(fn(std::declval<Connection&>()))> out;
    read([&](Connection& c) { out.emplace(fn(c)); });
    return std::move(*out);
  }
  template <class F>
  auto write_value(F&& fn) {
    std::optional<decltype(fn(std::declval<Connection&>()))> out;
    write([&](Connection& c) { out.emplace(fn(c)); });
    return std::move(*out);
  }

  // True when a trivial query answers (readiness probe).
  virtual bool ping() = 0;

 protected:
  std::string url_;
};

struct OpenOptions {
  int pool_size = 4;  // readers for SQLite, connections for PostgreSQL
};

bool is_postgres_url(std::string_view url);
// Opens a SQLite file path (created if missing, parent folders too) or a postgres:// URL.
std::unique_ptr<Database> open(const std::string& url, const OpenOptions& options = {});

// Rewrites $1..$n to ?1..?n outside string literals (exposed for tests).
std::string rewrite_placeholders_for_sqlite(std::string_view sql);

}  // namespace sotay::db
