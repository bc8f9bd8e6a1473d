// SQLite backend: WAL, foreign keys on, one writer connection, pooled readers.
#include <sqlite3.h>

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <unordered_map>

#include "db/database.h"
#include "db/sqlite_database.h"

namespace sotay::db {

namespace {

[[noreturn]] void fail(sqlite3* h, int rc, std::string_view context) {
  int ext = h ? sqlite3_extended_errcode(h) : rc;
  auto kind = DbError::Kind::other;
  if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY)
    kind = DbError::Kind::unique_violation;
  else if (ext == SQLITE_CONSTRAINT_FOREIGNKEY)
    kind = DbError::Kind::foreign_key_violation;
  else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
    kind = DbError::Kind::busy;
  std::string msg = "sqlite: ";
  msg += h ? sqlite3_errmsg(h) : sqlite3_errstr(rc);
  msg += " (";
  msg += context.substr(0, 200);
  msg += ")";
  throw DbError(kind, msg);
}

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, bool read_only) {
    int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    flags |= SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path.c_str(), &h_, flags, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = std::string("sqlite: cannot open ") + path + ": " + sqlite3_errstr(rc);
      sqlite3_close(h_);
      throw DbError(DbError::Kind::connection, msg);
    }
    sqlite3_busy_timeout(h_, 10000);
    sqlite3_extended_result_codes(h_, 1);
    if (!read_only) exec_script("PRAGMA journal_mode=WAL;");
    exec_script(
        "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;"
        "PRAGMA cache_size=-32000; PRAGMA mmap_size=268435456;");
  }
  ~SqliteConnection() override {
    for (auto& [_, st] : cache_) sqlite3_finalize(st);
    sqlite3_close(h_);
  }

  Dialect dialect() const override { return Dialect::sqlite; }
  sqlite3* handle() { return h_; }

  Result query(std::string_view sql, const Params& params) override {
    sqlite3_stmt* st = prepare(sql);
    bind(st, params, sql);
    Result out;
    const int columns = sqlite3_column_count(st);
    for (;;) {
      int rc = sqlite3_step(st);
      if (rc == SQLITE_ROW) {
        std::vector<std::optional<std::string>> cells;
        cells.reserve(columns);
        for (int i = 0; i < columns; ++i) {
          if (sqlite3_column_type(st, i) == SQLITE_NULL) {
            cells.emplace_back(std::nullopt);
          } else {
            auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
            cells.emplace_back(std::string(p, sqlite3_column_bytes(st, i)));
          }
        }
        out.rows.emplace_back(std::move(cells));
      } else if (rc == SQLITE_DONE) {
        break;
      } else {
        sqlite3_reset(st);
        fail(h_, rc, sql);
      }
    }
    out.affected = sqlite3_changes(h_);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return out;
  }

  void exec_script(std::string_view sql) override {
    char* err = nullptr;
    std::string s(sql);
    int rc = sqlite3_exec(h_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      throw DbError(rc == SQLITE_BUSY ? DbError::Kind::busy : DbError::Kind::other, "sqlite: " + msg);
    }
  }

 private:
  sqlite3_stmt* prepare(std::string_view sql) {
    std::string key(sql);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    std::string rewritten = rewrite_placeholders_for_sqlite(sql);
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v3(h_, rewritten.c_str(), static_cast<int>(rewritten.size()),
                                SQLITE_PREPARE_PERSISTENT, &st, nullptr);
    if (rc != SQLITE_OK) fail(h_, rc, sql);
    cache_.emplace(std::move(key), st);
    return st;
  }

  void bind(sqlite3_stmt* st, const Params& params, std::string_view sql) {
    for (std::size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i + 1);
      int rc = std::visit(
          [&](const auto& v) -> int {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>)
              return sqlite3_bind_null(st, idx);
            else if constexpr (std::is_same_v<T, std::int64_t>)
              return sqlite3_bind_int64(st, idx, v);
            else if constexpr (std::is_same_v<T, double>)
              return sqlite3_bind_double(st, idx, v);
            else
              return sqlite3_bind_text(st, idx, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
          },
          params[i]);
      if (rc != SQLITE_OK) fail(h_, rc, sql);
    }
  }

  sqlite3* h_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(const std::string& path, const OpenOptions& options) : path_(path) {
    url_ = path;
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    writer_ = std::make_unique<SqliteConnection>(path, false);
    pool_size_ = std::max(1, options.pool_size);
  }

  Dialect dialect() const override { return Dialect::sqlite; }

  void read(const std::function<void(Connection&)>& fn) override {
    auto conn = lease_reader();
    try {
      conn->exec_script("BEGIN");
      fn(*conn);
      conn->exec_script("COMMIT");
    } catch (...) {
      try { conn->exec_script("ROLLBACK"); } catch (...) {}
      give_back(std::move(conn));
      throw;
    }
    give_back(std::move(conn));
  }

  void write(const std::function<void(Connection&)>& fn) override {
    std::lock_guard lock(write_mutex_);
    writer_->exec_script("BEGIN IMMEDIATE");
    try {
      fn(*writer_);
      writer_->exec_script("COMMIT");
    } catch (...) {
      try { writer_->exec_script("ROLLBACK"); } catch (...) {}
      throw;
    }
  }

  bool ping() override {
    try {
      read([](Connection& c) { c.query("SELECT 1"); });
      return true;
    } catch (...) {
      return false;
    }
  }

  sqlite3* writer_handle() { return writer_->handle(); }
  std::mutex& write_mutex() { return write_mutex_; }

 private:
  std::unique_ptr<SqliteConnection> lease_reader() {
    std::unique_lock lock(pool_mutex_);
    pool_cv_.wait(lock, [&] { return !idle_.empty() || opened_ < pool_size_; });
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
    ++opened_;
    lock.unlock();
    try {
      // Readers open read-write so they see the WAL index; they never write.
      return std::make_unique<SqliteConnection>(path_, false);
    } catch (...) {
      std::lock_guard relock(pool_mutex_);
      --opened_;
      pool_cv_.notify_one();
      throw;
    }
  }
  void give_back(std::unique_ptr<SqliteConnection> c) {
    std::lock_guard lock(pool_mutex_);
    idle_.push_back(std::move(c));
    pool_cv_.notify_one();
  }

  std::string path_;
  std::mutex write_mutex_;
  std::unique_ptr<SqliteConnection> writer_;
  std::mutex pool_mutex_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_;
  int opened_ = 0;
  int pool_size_ = 4;
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const std::string& path, const OpenOptions& options) {
  return std::make_unique<SqliteDatabase>(path, options);
}

void sqlite_backup(Database& db, const std::string& destination) {
  auto* s = dynamic_cast<SqliteDatabase*>(&db);
  if (!s) throw DbError(DbError::Kind::other, "not a SQLite database");
  sqlite3* dest = nullptr;
  if (sqlite3_open(destination.c_str(), &dest) != SQLITE_OK) {
    std::string msg = sqlite3_errmsg(dest);
    sqlite3_close(dest);
    throw DbError(DbError::Kind::connection, "sqlite: cannot open backup file: " + msg);
  }
  // Online backup API: a consistent snapshot even while the server keeps writing. Holding the
  // write mutex only while stepping in chunks lets writers interleave.
  sqlite3_backup* b = sqlite3_backup_init(dest, "main", s->writer_handle(), "main");
  if (!b) {
    std::string msg = sqlite3_errmsg(dest);
    sqlite3_close(dest);
    throw DbError(DbError::Kind::other, "sqlite backup: " + msg);
  }
  int rc;
  do {
    {
      std::lock_guard lock(s->write_mutex());
      rc = sqlite3_backup_step(b, 1024);
    }
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  int final_rc = sqlite3_errcode(dest);
  sqlite3_close(dest);
  if (rc != SQLITE_DONE || final_rc != SQLITE_OK)
    throw DbError(DbError::Kind::other, std::string("sqlite backup failed: ") + sqlite3_errstr(rc));
}

}  // namespace sotay::db
