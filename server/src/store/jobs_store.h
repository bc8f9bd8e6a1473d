// SQL for background jobs that survive a restart (table jobs): queue, atomic claim, finish, and
// recovery of jobs whose process died.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace sotay::store {

// For a pending job, updated_at is also the time it may run from (a failed try is retried later).
struct JobRow {
  std::int64_t id = 0;
  std::string kind;  // 'extract': target is an attachment id
  std::int64_t target_id = 0;
  std::string state;  // pending, running, done, failed
  std::int64_t attempts = 0;
  std::optional<std::string> error;
  std::int64_t created_at = 0, updated_at = 0;
};

std::int64_t insert_job(db::Connection& c, const std::string& kind, std::int64_t target_id, std::int64_t now);
std::optional<JobRow> find_job(db::Connection& c, std::int64_t id);
std::vector<JobRow> jobs_for_target(db::Connection& c, const std::string& kind, std::int64_t target_id);

// Takes the oldest pending job due at `now`: pending → running, attempts + 1. The UPDATE is conditional on the
// row still being pending, so of two workers (two servers on one PostgreSQL) that pick the same
// row only one gets it back; the other sees no row and should simply try again. nullopt when the
// picked job was taken by someone else or nothing is pending.
std::optional<JobRow> claim_next_job(db::Connection& c, std::int64_t now);
// True while at least one pending job is due (so a worker that lost a race knows to retry).
bool has_due_job(db::Connection& c, std::int64_t now);

// running → done / failed (error: Vietnamese reason).
void finish_job(db::Connection& c, std::int64_t id, const std::string& state, const std::optional<std::string>& error,
                std::int64_t now);
// running → pending for another try from `not_before`. `undo_attempt`: the try does not count
// (the worker was stopped).
void release_job(db::Connection& c, std::int64_t id, bool undo_attempt, const std::optional<std::string>& error,
                 std::int64_t not_before);
// The worker is alive and busy with it: running jobs not touched for a while count as abandoned.
void touch_job(db::Connection& c, std::int64_t id, std::int64_t now);
// Running jobs last touched before `cutoff` (a killed process): their ids and attempts.
std::vector<JobRow> running_jobs_before(db::Connection& c, std::int64_t cutoff);
// A job found by running_jobs_before → `state` (pending to retry, failed when out of attempts),
// only if it is still running and untouched since `cutoff`. False when its worker woke up.
bool settle_stale_job(db::Connection& c, std::int64_t id, std::int64_t cutoff, const std::string& state,
                      const std::optional<std::string>& error, std::int64_t now);

}  // namespace sotay::store
