// Imports that run in the background so the app can show a progress bar. Jobs live in this
// process's memory (the result is also in the audit log); a job is visible to the account that
// started it.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "db/database.h"
#include "domain/actor.h"
#include "domain/member_import.h"

namespace sotay::members {

struct ImportJobStatus {
  std::int64_t id = 0;
  std::string state;  // running, done, failed
  std::string phase;  // check, write
  std::size_t processed = 0, total = 0;
  ImportReport report;
  std::string error;  // Vietnamese, when failed
};

class ImportJobs {
 public:
  explicit ImportJobs(db::Database& db) : db_(db) {}
  ~ImportJobs();
  std::int64_t start(const Actor& actor, std::int64_t unit_id, std::string file_bytes);
  // nullopt when unknown or started by another account.
  std::optional<ImportJobStatus> get(const Actor& actor, std::int64_t id) const;
  // Blocks until no job is running (shutdown and tests).
  void wait_idle();

 private:
  struct Job;
  db::Database& db_;
  mutable std::mutex mutex_;
  std::unordered_map<std::int64_t, std::shared_ptr<Job>> jobs_;
  std::int64_t next_id_ = 1;
  mutable std::condition_variable idle_;
  int running_ = 0;  // guarded by mutex_
};

}  // namespace sotay::members
