#include "domain/import_jobs.h"

#include <atomic>
#include <cstdio>
#include <thread>

#include "domain/errors.h"

namespace sotay::members {

struct ImportJobs::Job {
  std::int64_t account_id = 0;
  std::atomic<std::size_t> processed{0}, total{0};
  std::mutex mutex;
  std::string state = "running";
  std::string phase = "check";
  ImportReport report;
  std::string error;
};

ImportJobs::~ImportJobs() { wait_idle(); }

std::int64_t ImportJobs::start(const Actor& actor, std::int64_t unit_id, std::string bytes) {
  auto job = std::make_shared<Job>();
  job->account_id = actor.account_id;
  std::int64_t id;
  {
    std::lock_guard lock(mutex_);
    id = next_id_++;
    jobs_[id] = job;
    ++running_;
  }
  std::thread([this, job, actor, unit_id, bytes = std::move(bytes)] {
    try {
      auto report = import_members(db_, actor, unit_id, bytes, false, [&](std::string_view phase, std::size_t done, std::size_t total) {
        {
          std::lock_guard lock(job->mutex);
          job->phase = std::string(phase);
        }
        job->processed = done;
        job->total = total;
      });
      std::lock_guard lock(job->mutex);
      job->report = std::move(report);
      job->state = "done";
    } catch (const Error& e) {
      std::lock_guard lock(job->mutex);
      job->state = "failed";
      job->error = e.message();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "import job failed: %s\n", e.what());
      std::lock_guard lock(job->mutex);
      job->state = "failed";
      job->error = "Nhập dữ liệu không thành công do lỗi máy chủ; dữ liệu chưa bị thay đổi. Vui lòng thử lại.";
    }
    std::lock_guard lock(mutex_);
    if (--running_ == 0) idle_.notify_all();
  }).detach();
  return id;
}

std::optional<ImportJobStatus> ImportJobs::get(const Actor& actor, std::int64_t id) const {
  std::shared_ptr<Job> job;
  {
    std::lock_guard lock(mutex_);
    auto it = jobs_.find(id);
    if (it == jobs_.end()) return std::nullopt;
    job = it->second;
  }
  if (job->account_id != actor.account_id) return std::nullopt;
  ImportJobStatus s;
  s.id = id;
  s.processed = job->processed;
  s.total = job->total;
  std::lock_guard lock(job->mutex);
  s.state = job->state;
  s.phase = job->phase;
  s.report = job->report;
  s.error = job->error;
  return s;
}

void ImportJobs::wait_idle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [&] { return running_ == 0; });
}

}  // namespace sotay::members
