// The server's one background thread: runs queued jobs (text extraction of attachments) and, every
// half minute, the scheduled hooks (publishing documents whose time has come, …).
//
// Jobs live in the database (table jobs), so they survive a restart and several servers on one
// PostgreSQL can share the queue: a job is claimed with a conditional UPDATE (store::claim_next_job)
// and only one worker gets it. A job is tried at most max_attempts times; a file that cannot be
// read (ExtractError: corrupt, encrypted, not what it claims) fails at once with the reader's
// Vietnamese message. A job left 'running' by a process that died goes back to 'pending': at start
// (SQLite: every running job, one process owns the file; PostgreSQL: jobs untouched for
// stale_after) and at every scheduler tick (jobs untouched for stale_after). A running job is
// touched whenever its progress is written, so only a dead worker's jobs look stale.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "db/database.h"

namespace sotay::background {

struct WorkerOptions {
  std::filesystem::path files_dir;                  // where attachments are stored
  std::chrono::milliseconds poll_interval{5000};    // look for jobs this often when not woken
  std::chrono::milliseconds schedule_interval{30000};
  std::chrono::seconds stale_after{600};            // a running job untouched this long was abandoned
  int max_attempts = 3;
  std::chrono::milliseconds progress_interval{1000};  // progress written at most this often
  std::chrono::seconds retry_delay{30};             // × attempts, before a failed try is retried
  bool ocr = true;                                  // PDF pages without text go through Tesseract
  // A notice event was committed (scheduled sending, a resumed fan-out, a reminder): deliver it
  // live (see notices::EventSink). May be empty.
  std::function<void(std::int64_t event_id)> notice_events;
  // One line per event (job done/failed, scheduled publishing); default: standard error.
  std::function<void(const std::string&)> log;
};

class Worker {
 public:
  Worker(db::Database& db, WorkerOptions options);
  ~Worker();  // stop()
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Recovers abandoned jobs, then starts the thread.
  void start();
  // Stops a running extraction (its job goes back to 'pending', the try not counted) and joins
  // the thread. Idempotent.
  void stop();
  // A job was queued: look now instead of at the next poll. Thread-safe, cheap.
  void wake();

  // --- single steps: the thread's loop, callable directly by tests (without start()) -------
  // Claims and runs one pending job. False when there was none to run.
  bool run_one_job();
  // The scheduled hooks at `now` (unix seconds): publishing, notices and reminders, removal of notice
  // files never sent, stale job recovery.
  void run_schedule(std::int64_t now);
  // Running jobs → pending (or failed when out of attempts): all of them when `all_running`,
  // else those untouched since now − stale_after. Returns how many were recovered.
  int recover_abandoned(std::int64_t now, bool all_running);

 private:
  void loop();
  // Runs the scheduled hooks when their time has come (also between the pages of a long
  // extraction, so publishing is never held up by a big scan). Thread of the worker only.
  void schedule_if_due();
  void log(const std::string& line) const;
  bool should_stop() const { return stopping_.load(std::memory_order_relaxed); }

  db::Database& db_;
  WorkerOptions options_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable cv_;
  bool woken_ = false;  // guarded by mutex_
  // When the hooks run next; never until start() (tests drive run_schedule themselves).
  std::chrono::steady_clock::time_point next_schedule_ = std::chrono::steady_clock::time_point::max();
};

}  // namespace sotay::background
