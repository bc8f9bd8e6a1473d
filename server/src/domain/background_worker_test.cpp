// The background worker on the backend chosen by SOTAY_TEST_DB: extraction jobs fill empty
// documents, unreadable files fail with the reader's Vietnamese message, abandoned jobs resume,
// two workers never run the same job, scheduled publishing.
#include "domain/background_worker.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "domain/attachments.h"
#include "domain/documents.h"
#include "domain/news.h"
#include "domain/org_tree.h"
#include "io/zip_writer.h"
#include "store/attachments_store.h"
#include "store/documents_store.h"
#include "store/jobs_store.h"
#include "testing/actors.h"
#include "testing/test_db.h"
#include "util/crypto.h"
#include "util/time.h"

namespace sotay::background {
namespace {

using testing::admin;

namespace fs = std::filesystem;

std::string paragraph(const std::string& text) { return "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>"; }

std::string docx_of(const std::vector<std::string>& paragraphs) {
  std::string body;
  for (const auto& p : paragraphs) body += paragraph(p);
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" +
      body + "</w:body></w:document>";
  return io::detail::build_zip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", xml}});
}

const std::vector<std::string> kRules = {
    "QUY CHẾ LÀM VIỆC CỦA CHI BỘ",
    "Chương I",
    "NHỮNG QUY ĐỊNH CHUNG",
    "Điều 1. Phạm vi điều chỉnh",
    "Quy chế này quy định nguyên tắc, chế độ làm việc của chi bộ thử nghiệm.",
    "Điều 2. Đối tượng áp dụng",
    "1. Đảng viên của chi bộ.",
    "2. Cấp ủy viên phụ trách chi bộ.",
};

struct Fixture {
  std::unique_ptr<db::Database> db = testing::fresh_database();
  fs::path files = fs::temp_directory_path() /
                   ("sotay-worker-" + std::to_string(::getpid()) + "-" + crypto::random_token(6));
  org::UnitRow province;
  std::vector<std::string> log;
  std::mutex log_mutex;
  Fixture() {
    province = org::create(*db, admin(), {"P", "province", "Đảng bộ tỉnh Thử", std::nullopt, "2020-01-01"});
  }
  ~Fixture() {
    std::error_code ec;
    fs::remove_all(files, ec);
  }
  WorkerOptions options() {
    WorkerOptions o;
    o.files_dir = files;
    o.ocr = false;
    o.poll_interval = std::chrono::milliseconds(50);
    o.log = [this](const std::string& line) {
      std::lock_guard lock(log_mutex);
      log.push_back(line);
    };
    return o;
  }
  std::int64_t document(const std::string& title, const std::string& body = "", bool publish = true) {
    documents::DocumentInput in;
    in.title = title;
    in.body = body;
    in.owner_unit_id = province.id;
    auto id = documents::create(*db, admin(), in);
    if (publish) documents::publish(*db, admin(), id, std::nullopt);
    return id;
  }
  store::AttachmentRow attachment(std::int64_t id) {
    return db->read_value([&](db::Connection& c) { return *store::find_attachment(c, id); });
  }
  store::JobRow job_of(std::int64_t attachment_id) {
    return db->read_value([&](db::Connection& c) { return store::jobs_for_target(c, "extract", attachment_id).at(0); });
  }
  store::DocumentRow doc(std::int64_t id) {
    return db->read_value([&](db::Connection& c) { return *store::find_document(c, id); });
  }
  std::vector<std::string> labels(std::int64_t id) {
    std::vector<std::string> out;
    for (const auto& s : db->read_value([&](db::Connection& c) { return store::document_sections(c, id); }))
      out.push_back(s.label);
    return out;
  }
  std::int64_t count(const std::string& sql, db::Params p = {}) {
    return db->read_value([&](db::Connection& c) { return c.query(sql, p).one().integer(0); });
  }
};

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(BackgroundWorker, WordFileFillsTheEmptyDocument) {
  Fixture f;
  auto doc = f.document("Quy chế làm việc của chi bộ");
  auto a = attachments::add_to_document(*f.db, admin(), f.files, doc, "quy-che.docx", docx_of(kRules));
  ASSERT_EQ(a.extract_state, "pending");
  Worker w(*f.db, f.options());
  EXPECT_TRUE(w.run_one_job());
  EXPECT_FALSE(w.run_one_job());  // nothing left

  auto done = f.attachment(a.id);
  EXPECT_EQ(done.extract_state, "done");
  EXPECT_EQ(done.extract_done, 1);
  EXPECT_EQ(done.extract_total, 1);
  EXPECT_FALSE(done.extract_error);
  auto text = f.db->read_value([&](db::Connection& c) { return store::attachment_text(c, a.id); });
  ASSERT_TRUE(text);
  EXPECT_NE(text->find("Phạm vi điều chỉnh"), std::string::npos);
  auto job = f.job_of(a.id);
  EXPECT_EQ(job.state, "done");
  EXPECT_EQ(job.attempts, 1);

  // The text became the document's, with its structure, and (published) it is searchable.
  EXPECT_NE(f.doc(doc).body.find("Đối tượng áp dụng"), std::string::npos);
  auto labels = f.labels(doc);
  EXPECT_TRUE(contains(labels, "Chương I"));
  EXPECT_TRUE(contains(labels, "Điều 1"));
  EXPECT_TRUE(contains(labels, "Điều 2 khoản 1"));
  EXPECT_GT(f.count("SELECT COUNT(*) FROM search_entries WHERE item_kind = 'document' AND item_id = $1", {doc}), 1);
}

TEST(BackgroundWorker, ADocumentWithTextKeepsIt) {
  Fixture f;
  auto doc = f.document("Có sẵn nội dung", "Điều 1. Nội dung gõ tay của biên tập viên.");
  auto a = attachments::add_to_document(*f.db, admin(), f.files, doc, "ban-goc.docx", docx_of(kRules));
  Worker w(*f.db, f.options());
  EXPECT_TRUE(w.run_one_job());
  EXPECT_EQ(f.attachment(a.id).extract_state, "done");
  EXPECT_EQ(f.doc(doc).body, "Điều 1. Nội dung gõ tay của biên tập viên.");
}

TEST(BackgroundWorker, CorruptPdfFailsWithAVietnameseReason) {
  Fixture f;
  auto doc = f.document("Tệp hỏng");
  auto a = attachments::add_to_document(*f.db, admin(), f.files, doc, "hong.pdf",
                                        "%PDF-1.7\n1 0 obj << /Type /Catalog /Pag");  // cut short
  Worker w(*f.db, f.options());
  EXPECT_TRUE(w.run_one_job());
  auto failed = f.attachment(a.id);
  EXPECT_EQ(failed.extract_state, "failed");
  ASSERT_TRUE(failed.extract_error);
  // A sentence for people, in Vietnamese (has letters outside ASCII), not a library's message.
  EXPECT_TRUE(std::any_of(failed.extract_error->begin(), failed.extract_error->end(),
                          [](char ch) { return static_cast<unsigned char>(ch) >= 0x80; }))
      << *failed.extract_error;
  auto job = f.job_of(a.id);
  EXPECT_EQ(job.state, "failed");  // a broken file is not retried
  EXPECT_EQ(job.attempts, 1);
  EXPECT_TRUE(f.doc(doc).body.empty());
  EXPECT_FALSE(w.run_one_job());

  // The stored file has gone missing: failed, with its own message.
  auto b = attachments::add_to_document(*f.db, admin(), f.files, doc, "mat.docx", docx_of({"x"}));
  fs::remove(attachments::file_path(f.files, b));
  EXPECT_TRUE(w.run_one_job());
  EXPECT_EQ(f.attachment(b.id).extract_state, "failed");
}

TEST(BackgroundWorker, AJobLeftRunningIsResumed) {
  Fixture f;
  auto doc = f.document("Bị ngắt giữa chừng");
  auto a = attachments::add_to_document(*f.db, admin(), f.files, doc, "quy-che.docx", docx_of(kRules));
  const auto now = timeutil::now_unix();
  // A server claimed it an hour ago and was killed.
  f.db->write([&](db::Connection& c) {
    ASSERT_TRUE(store::claim_next_job(c, now));
    c.query("UPDATE jobs SET updated_at = $1", {now - 3600});
    store::set_attachment_extract_state(c, a.id, "running");
  });
  Worker w(*f.db, f.options());
  EXPECT_FALSE(w.run_one_job());                   // running: not for this worker
  EXPECT_EQ(w.recover_abandoned(now, false), 1);   // stale: back in the queue
  EXPECT_EQ(f.job_of(a.id).state, "pending");
  EXPECT_EQ(f.attachment(a.id).extract_state, "pending");
  EXPECT_TRUE(w.run_one_job());
  EXPECT_EQ(f.job_of(a.id).state, "done");
  EXPECT_EQ(f.job_of(a.id).attempts, 2);
  EXPECT_TRUE(contains(f.labels(doc), "Điều 2"));

  // A job claimed just now is not stale — unless the process owns the database alone (SQLite
  // at start), where anything running was left by a dead process.
  auto b = attachments::add_to_document(*f.db, admin(), f.files, doc, "b.docx", docx_of({"Điều 1. B"}));
  // The clock read again: the job was queued at the time of adding, which may be a second after
  // `now` (it was, once, under the sanitizers), and a job is not due before its time.
  const auto just_now = timeutil::now_unix();
  f.db->write([&](db::Connection& c) { ASSERT_TRUE(store::claim_next_job(c, just_now)); });
  EXPECT_EQ(w.recover_abandoned(just_now, false), 0);
  EXPECT_EQ(w.recover_abandoned(just_now, true), 1);
  EXPECT_EQ(f.job_of(b.id).state, "pending");

  // After the last allowed try it fails for good.
  f.db->write([&](db::Connection& c) {
    c.query("UPDATE jobs SET state = 'running', attempts = 3, updated_at = $1 WHERE target_id = $2",
            {now - 3600, b.id});
  });
  EXPECT_EQ(w.recover_abandoned(now, false), 1);
  EXPECT_EQ(f.job_of(b.id).state, "failed");
  EXPECT_EQ(f.attachment(b.id).extract_state, "failed");
  EXPECT_TRUE(f.attachment(b.id).extract_error.has_value());
}

TEST(BackgroundWorker, TwoWorkersNeverRunTheSameJob) {
  Fixture f;
  auto doc = f.document("Nhiều tệp", "Điều 1. Có sẵn.");
  constexpr int kJobs = 8;
  for (int i = 0; i < kJobs; ++i)
    attachments::add_to_document(*f.db, admin(), f.files, doc, "t" + std::to_string(i) + ".docx",
                                 docx_of({"Tệp số " + std::to_string(i)}));
  Worker w1(*f.db, f.options()), w2(*f.db, f.options());
  std::atomic<int> ran{0};
  auto drain = [&](Worker& w) {
    while (w.run_one_job()) ++ran;
  };
  std::thread t1(drain, std::ref(w1)), t2(drain, std::ref(w2));
  t1.join();
  t2.join();
  EXPECT_EQ(ran.load(), kJobs);
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM jobs WHERE state = 'done' AND attempts = 1"), kJobs);
  EXPECT_EQ(f.count("SELECT COUNT(*) FROM attachments WHERE extract_state = 'done'"), kJobs);
}

TEST(BackgroundWorker, ThreadRunsQueuedJobsAndStopsCleanly) {
  Fixture f;
  auto doc = f.document("Chạy nền");
  Worker w(*f.db, f.options());
  w.start();
  auto a = attachments::add_to_document(*f.db, admin(), f.files, doc, "quy-che.docx", docx_of(kRules));
  w.wake();
  for (int i = 0; i < 200 && f.attachment(a.id).extract_state != "done"; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  EXPECT_EQ(f.attachment(a.id).extract_state, "done");
  w.stop();
  w.stop();  // idempotent
}

TEST(BackgroundWorker, ScheduledDocumentsAndNewsArePublished) {
  Fixture f;
  auto doc = f.document("Hẹn giờ đăng", "Điều 1. Nội dung.", false);
  const auto now = timeutil::now_unix();
  documents::publish(*f.db, admin(), doc, now + 600);
  EXPECT_EQ(f.doc(doc).state, "submitted");
  news::NewsInput in;
  in.title = "Tin hẹn giờ";
  in.body = "Nội dung tin.";
  in.category = news::kCategories[0];
  in.owner_unit_id = f.province.id;
  auto article = news::create(*f.db, admin(), in);
  news::publish(*f.db, admin(), article, now + 600);
  auto news_state = [&] { return news::get(*f.db, admin(), article).news.state; };
  EXPECT_EQ(news_state(), "submitted");
  Worker w(*f.db, f.options());
  w.run_schedule(now);
  EXPECT_EQ(f.doc(doc).state, "submitted");
  EXPECT_EQ(news_state(), "submitted");
  w.run_schedule(now + 601);
  EXPECT_EQ(f.doc(doc).state, "published");
  EXPECT_EQ(news_state(), "published");
}

}  // namespace
}  // namespace sotay::background
