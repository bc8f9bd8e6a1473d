#include "store/jobs_store.h"

namespace sotay::store {

namespace {

constexpr const char* kColumns = "id, kind, target_id, state, attempts, error, created_at, updated_at";

JobRow read_job(const db::Row& r) {
  JobRow j;
  j.id = r.integer(0);
  j.kind = r.text(1);
  j.target_id = r.integer(2);
  j.state = r.text(3);
  j.attempts = r.integer(4);
  j.error = r.opt_text(5);
  j.created_at = r.integer(6);
  j.updated_at = r.integer(7);
  return j;
}

}  // namespace

std::int64_t insert_job(db::Connection& c, const std::string& kind, std::int64_t target_id, std::int64_t now) {
  return c
      .query("INSERT INTO jobs(kind, target_id, state, attempts, created_at, updated_at) "
             "VALUES ($1, $2, 'pending', 0, $3, $3) RETURNING id",
             {kind, target_id, now})
      .one()
      .integer(0);
}

std::optional<JobRow> find_job(db::Connection& c, std::int64_t id) {
  auto r = c.query(std::string("SELECT ") + kColumns + " FROM jobs WHERE id = $1", {id});
  if (r.empty()) return std::nullopt;
  return read_job(r.rows[0]);
}

std::vector<JobRow> jobs_for_target(db::Connection& c, const std::string& kind, std::int64_t target_id) {
  std::vector<JobRow> out;
  for (const auto& r :
       c.query(std::string("SELECT ") + kColumns + " FROM jobs WHERE kind = $1 AND target_id = $2 ORDER BY id",
               {kind, target_id})
           .rows)
    out.push_back(read_job(r));
  return out;
}

std::optional<JobRow> claim_next_job(db::Connection& c, std::int64_t now) {
  // PostgreSQL (READ COMMITTED): a second UPDATE on the same row waits for the first to commit,
  // then re-checks `state = 'pending'` on the new row version and updates nothing.
  auto r = c.query(std::string("UPDATE jobs SET state = 'running', attempts = attempts + 1, updated_at = $1 "
                               "WHERE id = (SELECT id FROM jobs WHERE state = 'pending' AND updated_at <= $1 "
                               "ORDER BY id LIMIT 1) "
                               "AND state = 'pending' RETURNING ") +
                       kColumns,
                   {now});
  if (r.rows.size() != 1) return std::nullopt;
  return read_job(r.rows[0]);
}

bool has_due_job(db::Connection& c, std::int64_t now) {
  return !c.query("SELECT 1 FROM jobs WHERE state = 'pending' AND updated_at <= $1 LIMIT 1", {now}).empty();
}

void finish_job(db::Connection& c, std::int64_t id, const std::string& state, const std::optional<std::string>& error,
                std::int64_t now) {
  c.query("UPDATE jobs SET state = $1, error = $2, updated_at = $3 WHERE id = $4",
          {state, db::nullable(error), now, id});
}

void release_job(db::Connection& c, std::int64_t id, bool undo_attempt, const std::optional<std::string>& error,
                 std::int64_t not_before) {
  c.query("UPDATE jobs SET state = 'pending', error = $1, updated_at = $2, "
          "attempts = CASE WHEN $3 = 1 AND attempts > 0 THEN attempts - 1 ELSE attempts END "
          "WHERE id = $4 AND state = 'running'",
          {db::nullable(error), not_before, std::int64_t{undo_attempt ? 1 : 0}, id});
}

void touch_job(db::Connection& c, std::int64_t id, std::int64_t now) {
  c.query("UPDATE jobs SET updated_at = $1 WHERE id = $2 AND state = 'running'", {now, id});
}

std::vector<JobRow> running_jobs_before(db::Connection& c, std::int64_t cutoff) {
  std::vector<JobRow> out;
  for (const auto& r : c.query(std::string("SELECT ") + kColumns +
                                   " FROM jobs WHERE state = 'running' AND updated_at < $1 ORDER BY id",
                               {cutoff})
                           .rows)
    out.push_back(read_job(r));
  return out;
}

bool settle_stale_job(db::Connection& c, std::int64_t id, std::int64_t cutoff, const std::string& state,
                      const std::optional<std::string>& error, std::int64_t now) {
  return c.query("UPDATE jobs SET state = $1, error = $2, updated_at = $3 "
                 "WHERE id = $4 AND state = 'running' AND updated_at < $5",
                 {state, db::nullable(error), now, id, cutoff})
             .affected == 1;
}

}  // namespace sotay::store
