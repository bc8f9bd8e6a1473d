#include "domain/background_worker.h"

#include <cstdio>

#include "domain/attachments.h"
#include "domain/notice_files.h"
#include "domain/documents.h"
#include "domain/news.h"
#include "domain/notices.h"
#include "domain/reading.h"
#include "io/docx_text.h"
#include "io/extract.h"
#include "io/file_type.h"
#include "io/pdf_text.h"
#include "store/attachments_store.h"
#include "store/documents_store.h"
#include "store/jobs_store.h"
#include "util/time.h"

namespace sotay::background {

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kGaveUp = "Không trích xuất được văn bản từ tệp sau nhiều lần thử. Vui lòng tải tệp lên lại.";
constexpr const char* kMissingFile = "Không tìm thấy tệp trên máy chủ. Vui lòng tải tệp lên lại.";
constexpr const char* kNotExtractable = "Không đọc được chữ từ loại tệp này.";

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

}  // namespace

Worker::Worker(db::Database& db, WorkerOptions options) : db_(db), options_(std::move(options)) {}

Worker::~Worker() { stop(); }

void Worker::log(const std::string& line) const {
  if (options_.log)
    options_.log(line);
  else
    std::fprintf(stderr, "sotay: %s\n", line.c_str());
}

void Worker::start() {
  if (thread_.joinable()) return;
  try {
    // SQLite: one process owns the file, so whatever is 'running' now was left by a dead one.
    int n = recover_abandoned(timeutil::now_unix(), db_.dialect() == db::Dialect::sqlite);
    if (n) log("resumed " + std::to_string(n) + " background job(s) left unfinished by a previous run");
  } catch (const std::exception& e) {
    log(std::string("background jobs: recovery failed: ") + e.what());
  }
  stopping_ = false;
  next_schedule_ = Clock::now();
  thread_ = std::thread([this] { loop(); });
}

void Worker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Worker::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  cv_.notify_all();
}

void Worker::schedule_if_due() {
  if (Clock::now() < next_schedule_) return;
  next_schedule_ = Clock::now() + options_.schedule_interval;
  run_schedule(timeutil::now_unix());
}

void Worker::loop() {
  while (!should_stop()) {
    schedule_if_due();
    bool worked = false;
    try {
      worked = run_one_job();
    } catch (const std::exception& e) {
      log(std::string("background jobs: ") + e.what());  // database away: wait for the next poll
    }
    if (worked) continue;
    std::unique_lock lock(mutex_);
    cv_.wait_until(lock, std::min(Clock::now() + options_.poll_interval, next_schedule_),
                   [this] { return woken_ || should_stop(); });
    woken_ = false;
  }
}

void Worker::run_schedule(std::int64_t now) {
  auto guarded = [&](const char* what, const std::function<void()>& fn) {
    try {
      fn();
    } catch (const std::exception& e) {
      log(std::string(what) + ": " + e.what());
    }
  };
  guarded("scheduled publishing", [&] {
    if (int n = documents::publish_due(db_, now)) log("published " + std::to_string(n) + " scheduled document(s)");
  });
  guarded("scheduled news", [&] {
    if (int n = news::publish_due(db_, now)) log("published " + std::to_string(n) + " scheduled news article(s)");
  });
  guarded("reading reminders", [&] {
    if (int n = reading::remind_overdue(db_, now)) log("sent " + std::to_string(n) + " reading reminder(s)");
  });
  guarded("notices", [&] {
    if (int n = notices::run_due(db_, now, options_.notice_events)) log("sent or reminded " + std::to_string(n) + " notice(s)");
  });
  guarded("unsent notice files", [&] {
    if (int n = notice_files::remove_unsent(db_, options_.files_dir, now))
      log("removed " + std::to_string(n) + " notice file(s) uploaded more than a day ago and never sent");
  });
  guarded("background jobs", [&] {
    if (int n = recover_abandoned(now, false)) log("resumed " + std::to_string(n) + " abandoned background job(s)");
  });
}

int Worker::recover_abandoned(std::int64_t now, bool all_running) {
  const std::int64_t cutoff = all_running ? now + 1 : now - options_.stale_after.count();
  return db_.write_value([&](db::Connection& c) {
    int n = 0;
    for (const auto& job : store::running_jobs_before(c, cutoff)) {
      const bool give_up = job.attempts >= options_.max_attempts;
      const std::optional<std::string> error = give_up ? std::optional<std::string>(kGaveUp) : std::nullopt;
      if (!store::settle_stale_job(c, job.id, cutoff, give_up ? "failed" : "pending", error, now)) continue;
      if (job.kind == attachments::kExtractJob) {
        if (give_up)
          store::finish_attachment_extraction(c, job.target_id, "failed", std::nullopt, error);
        else
          store::set_attachment_extract_state(c, job.target_id, "pending");
      }
      ++n;
    }
    return n;
  });
}

bool Worker::run_one_job() {
  std::optional<store::JobRow> job;
  std::optional<store::AttachmentRow> attachment;
  bool claimed_any = false;
  // A lost race (another server took the row first) is retried while due jobs remain.
  for (int tries = 0; tries < 10 && !attachment; ++tries) {
    bool again = false;
    db_.write([&](db::Connection& c) {
      const auto now = timeutil::now_unix();
      job = store::claim_next_job(c, now);
      if (!job) {
        again = store::has_due_job(c, now);
        return;
      }
      claimed_any = true;
      if (job->kind != attachments::kExtractJob) {
        store::finish_job(c, job->id, "failed", "Loại công việc không được hỗ trợ: " + job->kind, now);
        again = true;
        return;
      }
      attachment = store::find_attachment(c, job->target_id);
      if (!attachment) {
        store::finish_job(c, job->id, "failed", "Không tìm thấy tệp đính kèm.", now);
        again = true;
        return;
      }
      store::set_attachment_extract_state(c, attachment->id, "running");
      store::set_attachment_progress(c, attachment->id, 0, 0);
    });
    if (!again) break;
  }
  if (!attachment) return claimed_any;

  const auto job_id = job->id;
  const auto attachment_id = attachment->id;
  const auto started = Clock::now();
  io::ExtractProgress last{0, 0};
  auto last_write = Clock::now() - options_.progress_interval;
  io::ExtractOptions eo;
  eo.ocr_when_no_text = options_.ocr;
  eo.cancelled = [this] { return should_stop(); };
  eo.on_progress = [&](io::ExtractProgress p) {
    last = p;
    const auto t = Clock::now();
    if (t - last_write >= options_.progress_interval) {
      last_write = t;
      try {
        db_.write([&](db::Connection& c) {
          store::set_attachment_progress(c, attachment_id, p.done, p.total);
          store::touch_job(c, job_id, timeutil::now_unix());
        });
      } catch (const std::exception& e) {
        log("attachment " + std::to_string(attachment_id) + ": progress not saved: " + e.what());
      }
    }
    schedule_if_due();
  };

  try {
    const auto path = attachments::file_path(options_.files_dir, *attachment);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) throw io::ExtractError(kMissingFile);
    io::ExtractedText result;
    const auto type = io::sniff_file(path.string());
    if (type == io::FileType::pdf)
      result = io::extract_pdf_text(path.string(), eo);
    else if (type == io::FileType::docx)
      result = io::extract_docx_text(path.string(), eo);
    else
      throw io::ExtractError(kNotExtractable);
    const std::int64_t total = last.total > 0 ? last.total : (type == io::FileType::pdf ? result.pages : 1);
    bool filled_body = false;
    db_.write([&](db::Connection& c) {
      const auto now = timeutil::now_unix();
      store::set_attachment_progress(c, attachment_id, total, total);
      store::finish_attachment_extraction(c, attachment_id, "done", result.text, std::nullopt);
      store::finish_job(c, job_id, "done", std::nullopt, now);
      if (attachment->item_kind == "document" && !is_blank(result.text)) {
        auto d = store::find_document(c, attachment->item_id);
        if (d && is_blank(d->body)) {
          documents::set_body_from_extraction(c, d->id, result.text);
          filled_body = true;
        }
      }
    });
    const double secs = std::chrono::duration<double>(Clock::now() - started).count();
    char line[240];
    std::string pages = type == io::FileType::pdf ? std::to_string(result.pages) + " page(s), " +
                                                        std::to_string(result.ocr_pages) + " by OCR, "
                                                  : std::string("Word, ");
    std::snprintf(line, sizeof line, "attachment %lld: text extracted (%s%zu bytes) in %.1f s%s",
                  static_cast<long long>(attachment_id), pages.c_str(), result.text.size(), secs,
                  filled_body ? "; it is now the document's text" : "");
    log(line);
  } catch (const io::ExtractCancelled&) {
    // Stopping: the job waits for the next start, and this try does not count.
    db_.write([&](db::Connection& c) {
      store::release_job(c, job_id, true, std::nullopt, timeutil::now_unix());
      store::set_attachment_extract_state(c, attachment_id, "pending");
    });
  } catch (const io::ExtractError& e) {
    // The file itself cannot be read: trying again will not help.
    db_.write([&](db::Connection& c) {
      store::finish_attachment_extraction(c, attachment_id, "failed", std::nullopt, std::string(e.what()));
      store::finish_job(c, job_id, "failed", std::string(e.what()), timeutil::now_unix());
    });
    log("attachment " + std::to_string(attachment_id) + ": " + e.what());
  } catch (const std::exception& e) {
    const bool give_up = job->attempts >= options_.max_attempts;
    log("attachment " + std::to_string(attachment_id) + ": extraction failed (try " + std::to_string(job->attempts) +
        " of " + std::to_string(options_.max_attempts) + "): " + e.what());
    db_.write([&](db::Connection& c) {
      const auto now = timeutil::now_unix();
      if (give_up) {
        store::finish_attachment_extraction(c, attachment_id, "failed", std::nullopt, std::string(kGaveUp));
        store::finish_job(c, job_id, "failed", std::string(e.what()), now);
      } else {
        store::release_job(c, job_id, false, std::string(e.what()),
                           now + options_.retry_delay.count() * job->attempts);
        store::set_attachment_extract_state(c, attachment_id, "pending");
      }
    });
  }
  return true;
}

}  // namespace sotay::background
