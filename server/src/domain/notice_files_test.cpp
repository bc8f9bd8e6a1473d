// Files attached to notices, on the backend chosen by SOTAY_TEST_DB: who may upload, linking on
// sending (all or nothing), who may download, and the removal of uploads never sent.
#include "domain/notice_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "domain/errors.h"
#include "domain/members.h"
#include "domain/notices.h"
#include "domain/org_tree.h"
#include "store/accounts_store.h"
#include "testing/actors.h"
#include "testing/errors.h"
#include "testing/test_db.h"
#include "util/crypto.h"

namespace sotay::notice_files {
namespace {

using testing::admin;
using testing::code_of;

namespace fs = std::filesystem;

constexpr std::int64_t kNow = 1'800'000'000;
const std::string kPng = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0", 29) + "plan";
const std::string kJpeg = std::string("\xFF\xD8\xFF\xE0\0\x10JFIF\0", 11) + "a photo";

struct World {
  std::unique_ptr<db::Database> db = testing::fresh_database();
  fs::path files = fs::temp_directory_path() /
                   ("sotay-notice-files-" + std::to_string(::getpid()) + "-" + crypto::random_token(6));
  org::UnitRow province, base_a, base_b, cell_a, cell_b;
  std::int64_t member_a = 0, member_b = 0;
  Actor committee_a, committee_a_colleague, province_committee, reader_a, reader_b;
  notices::EventSink sink = [](std::int64_t) {};

  World() {
    auto a = admin();
    province = org::create(*db, a, {"P", "province", "Đảng bộ tỉnh Thử", std::nullopt, "2020-01-01"});
    base_a = org::create(*db, a, {"P-A", "base_committee", "Đảng bộ xã A", province.id, "2020-01-01"});
    base_b = org::create(*db, a, {"P-B", "base_committee", "Đảng bộ xã B", province.id, "2020-01-01"});
    cell_a = org::create(*db, a, {"P-A-1", "cell", "Chi bộ A1", base_a.id, "2020-01-01"});
    cell_b = org::create(*db, a, {"P-B-1", "cell", "Chi bộ B1", base_b.id, "2020-01-01"});
    member_a = add_member(cell_a, "Nguyễn Văn An", "200001");
    member_b = add_member(cell_b, "Trần Thị Bình", "200002");
    committee_a = testing::with_grant(Role::committee, base_a, account("xa-a", std::nullopt));
    committee_a_colleague = testing::with_grant(Role::committee, base_a, account("xa-a-2", std::nullopt));
    province_committee = testing::with_grant(Role::committee, province, account("tinh", std::nullopt));
    reader_a = testing::member_of(cell_a, account("an", member_a));
    reader_a.member_id = member_a;
    reader_b = testing::member_of(cell_b, account("binh", member_b));
    reader_b.member_id = member_b;
  }
  ~World() {
    std::error_code ec;
    fs::remove_all(files, ec);
  }
  std::int64_t add_member(const org::UnitRow& cell, const std::string& name, const std::string& card) {
    members::MemberInput in;
    in.full_name = name;
    in.admitted_on = "2010-01-01";
    in.official_on = "2011-01-01";
    in.card_number = card;
    return members::create(*db, admin(), cell.id, in).id;
  }
  std::int64_t account(const std::string& login, std::optional<std::int64_t> member) {
    return db->write_value([&](db::Connection& c) {
      store::AccountRow r;
      r.login = login;
      r.member_id = member;
      r.password_hash = "x";
      r.created_at = kNow;
      return store::insert_account(c, r);
    });
  }
  notices::NoticeDetail send(const Actor& who, std::vector<std::int64_t> files_ids) {
    notices::NoticeInput in;
    in.title = "Kế hoạch tổ chức đại hội chi bộ";
    in.body = "Gửi kèm kế hoạch và mẫu báo cáo.";
    in.audience.units = {base_a.id};
    in.files = std::move(files_ids);
    return notices::create(*db, who, in, kNow, sink);
  }
  std::int64_t count(const std::string& table) {
    return db->read_value([&](db::Connection& c) { return c.query("SELECT COUNT(*) FROM " + table).one().integer(0); });
  }
  std::string bytes_of(const store::NoticeFileRow& f) {
    std::ifstream in(file_path(files, f), std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
};

TEST(NoticeFiles, SentWithTheNoticeAndOpenToItsRecipientsOnly) {
  World w;
  auto plan = upload(*w.db, w.committee_a, w.files, "Kế hoạch đại hội.png", kPng, kNow);
  auto photo = upload(*w.db, w.committee_a, w.files, "anh hien truong", kJpeg, kNow);
  EXPECT_EQ(plan.file_name, "Kế hoạch đại hội.png");
  EXPECT_EQ(photo.file_name, "anh hien truong.jpg");  // the extension the bytes call for
  EXPECT_EQ(plan.content_type, "image/png");
  EXPECT_FALSE(plan.notice_id);

  auto d = w.send(w.committee_a, {photo.id, plan.id});
  ASSERT_EQ(d.attached.files.size(), 2u);
  EXPECT_EQ(d.attached.files[0].id, plan.id);  // upload order
  auto inbox = notices::inbox(*w.db, w.reader_a, store::InboxShow::all, std::nullopt, 20, kNow);
  ASSERT_EQ(inbox.attached.size(), 1u);
  ASSERT_EQ(inbox.attached[0].files.size(), 2u);
  EXPECT_EQ(notices::open(*w.db, w.reader_a, d.notice.id, kNow).attached.files[1].file_name, "anh hien truong.jpg");

  // The recipient, the uploader, a colleague and the province committee above may download.
  for (const auto* who : {&w.reader_a, &w.committee_a, &w.committee_a_colleague, &w.province_committee}) {
    auto got = get(*w.db, *who, plan.id);
    EXPECT_EQ(w.bytes_of(got), kPng);
  }
  // A member outside the audience and the committee next door may not; nor anyone an unknown id.
  EXPECT_EQ(code_of([&] { get(*w.db, w.reader_b, plan.id); }), ErrorCode::not_found);
  auto committee_b = testing::with_grant(Role::committee, w.base_b, w.account("xa-b", std::nullopt));
  EXPECT_EQ(code_of([&] { get(*w.db, committee_b, plan.id); }), ErrorCode::not_found);
  EXPECT_EQ(code_of([&] { get(*w.db, w.reader_a, plan.id + 100); }), ErrorCode::not_found);
}

TEST(NoticeFiles, AnUnsentUploadIsTheUploadersAlone) {
  World w;
  auto f = upload(*w.db, w.committee_a, w.files, "du-thao.png", kPng, kNow);
  EXPECT_EQ(get(*w.db, w.committee_a, f.id).id, f.id);
  EXPECT_EQ(code_of([&] { get(*w.db, w.committee_a_colleague, f.id); }), ErrorCode::not_found);
  EXPECT_EQ(code_of([&] { get(*w.db, w.reader_a, f.id); }), ErrorCode::not_found);
}

TEST(NoticeFiles, RefusalsStoreNothing) {
  World w;
  // A plain member may not upload; a file of a type we do not keep, or an empty one, is refused.
  EXPECT_EQ(code_of([&] { upload(*w.db, w.reader_a, w.files, "a.png", kPng, kNow); }), ErrorCode::forbidden);
  EXPECT_EQ(code_of([&] { upload(*w.db, w.committee_a, w.files, "a.exe", "MZ\x90\x00 program", kNow); }),
            ErrorCode::unsupported_media_type);
  EXPECT_EQ(code_of([&] { upload(*w.db, w.committee_a, w.files, "a.png", kJpeg, kNow); }),
            ErrorCode::unsupported_media_type);
  EXPECT_EQ(code_of([&] { upload(*w.db, w.committee_a, w.files, "a.png", "", kNow); }), ErrorCode::validation_failed);
  EXPECT_EQ(w.count("notice_files"), 0);

  // A notice carrying a colleague's upload, an unknown id or a file already sent is refused whole:
  // no notice, no recipients, the file still unsent.
  auto theirs = upload(*w.db, w.committee_a_colleague, w.files, "cua-dong-chi.png", kPng, kNow);
  EXPECT_EQ(code_of([&] { w.send(w.committee_a, {theirs.id}); }), ErrorCode::validation_failed);
  EXPECT_EQ(code_of([&] { w.send(w.committee_a, {theirs.id + 50}); }), ErrorCode::validation_failed);
  EXPECT_EQ(w.count("notices"), 0);
  EXPECT_EQ(w.count("notice_recipients"), 0);
  w.send(w.committee_a_colleague, {theirs.id});
  EXPECT_EQ(code_of([&] { w.send(w.committee_a_colleague, {theirs.id}); }), ErrorCode::validation_failed);
  EXPECT_EQ(w.count("notices"), 1);

  // At most kMaxPerNotice files.
  std::vector<std::int64_t> many;
  for (std::size_t i = 0; i <= kMaxPerNotice; ++i)
    many.push_back(upload(*w.db, w.committee_a, w.files, "tep-" + std::to_string(i) + ".png", kPng + std::to_string(i), kNow).id);
  EXPECT_EQ(code_of([&] { w.send(w.committee_a, many); }), ErrorCode::validation_failed);
  EXPECT_EQ(w.count("notices"), 1);
}

TEST(NoticeFiles, ACorrectionAddsFilesAndSaysSoInTheHistory) {
  World w;
  auto plan = upload(*w.db, w.committee_a, w.files, "ke-hoach.png", kPng, kNow);
  auto d = w.send(w.committee_a, {plan.id});
  // A colleague on the same committee corrects it with a form of their own.
  auto form = upload(*w.db, w.committee_a_colleague, w.files, "Mẫu báo cáo.png", kPng + "mau", kNow);
  auto c = notices::correct(*w.db, w.committee_a_colleague, d.notice.id,
                            {.body = "Gửi kèm kế hoạch, mẫu báo cáo ở tệp thứ hai.", .note = "Thiếu mẫu báo cáo",
                             .files = {form.id}},
                            kNow + 60, w.sink, w.files);
  ASSERT_EQ(c.attached.files.size(), 2u);
  EXPECT_EQ(c.attached.files[1].file_name, "Mẫu báo cáo.png");
  EXPECT_EQ(c.history.back().note, "Thiếu mẫu báo cáo. Gửi kèm thêm tệp: Mẫu báo cáo.png.");
  EXPECT_EQ(w.bytes_of(get(*w.db, w.reader_a, form.id)), kPng + "mau");
  EXPECT_EQ(code_of([&] { get(*w.db, w.reader_b, form.id); }), ErrorCode::not_found);

  // Refused whole: a file already sent, someone else's upload, or more than kMaxPerNotice in all.
  auto theirs = upload(*w.db, w.committee_a, w.files, "cua-nguoi-khac.png", kPng + "x", kNow);
  auto refused = [&](std::vector<std::int64_t> ids) {
    return code_of([&] {
      notices::correct(*w.db, w.committee_a_colleague, d.notice.id, {.body = "Sai", .files = std::move(ids)}, kNow + 90,
                       w.sink, w.files);
    });
  };
  EXPECT_EQ(refused({form.id}), ErrorCode::validation_failed);
  EXPECT_EQ(refused({theirs.id}), ErrorCode::validation_failed);
  std::vector<std::int64_t> many;
  for (std::size_t i = 0; i + 1 < kMaxPerNotice; ++i)
    many.push_back(upload(*w.db, w.committee_a_colleague, w.files, "tep-" + std::to_string(i) + ".png",
                          kPng + std::to_string(i), kNow)
                       .id);
  EXPECT_EQ(refused(many), ErrorCode::validation_failed);  // 2 + 9 > 10
  auto after = notices::detail(*w.db, w.committee_a, d.notice.id);
  EXPECT_EQ(after.notice.body, "Gửi kèm kế hoạch, mẫu báo cáo ở tệp thứ hai.");
  EXPECT_EQ(after.attached.files.size(), 2u);
}

TEST(NoticeFiles, ACorrectionTakesBackAWrongFileWithItsBytesAndSaysSo) {
  World w;
  auto plan = upload(*w.db, w.committee_a, w.files, "ke-hoach.png", kPng, kNow);
  auto wrong = upload(*w.db, w.committee_a, w.files, "danh-sach-sai.jpg", kJpeg, kNow);
  auto d = w.send(w.committee_a, {plan.id, wrong.id});
  auto right = upload(*w.db, w.committee_a, w.files, "danh-sach.png", kPng + "dung", kNow);
  auto c = notices::correct(*w.db, w.committee_a, d.notice.id,
                            {.body = d.notice.body, .note = "Gửi nhầm danh sách", .files = {right.id}, .remove_files = {wrong.id}},
                            kNow + 60, w.sink, w.files);
  ASSERT_EQ(c.attached.files.size(), 2u);
  EXPECT_EQ(c.attached.files[0].file_name, "ke-hoach.png");
  EXPECT_EQ(c.attached.files[1].file_name, "danh-sach.png");
  EXPECT_EQ(c.history.back().note, "Gửi nhầm danh sách. Gửi kèm thêm tệp: danh-sach.png. Đã gỡ tệp: danh-sach-sai.jpg.");
  // No one can download it any more, and its bytes are gone (nothing else used them).
  EXPECT_EQ(code_of([&] { get(*w.db, w.reader_a, wrong.id); }), ErrorCode::not_found);
  EXPECT_EQ(code_of([&] { get(*w.db, w.committee_a, wrong.id); }), ErrorCode::not_found);
  EXPECT_FALSE(fs::exists(file_path(w.files, wrong)));
  EXPECT_EQ(w.bytes_of(get(*w.db, w.reader_a, plan.id)), kPng);
  auto audit = w.db->read_value([&](db::Connection& cn) {
    return cn.query("SELECT after_json FROM audit_log WHERE action = 'notice.correct'").one().text(0);
  });
  EXPECT_NE(audit.find("files_removed"), std::string::npos) << audit;
  EXPECT_NE(audit.find("danh-sach-sai.jpg"), std::string::npos) << audit;

  // Refused whole: a file that is not this notice's (another notice's, gone already, unknown).
  auto other = w.send(w.committee_a, {upload(*w.db, w.committee_a, w.files, "khac.png", kPng + "khac", kNow).id});
  for (auto id : {other.attached.files[0].id, wrong.id, std::int64_t{999999}})
    EXPECT_EQ(code_of([&] {
                notices::correct(*w.db, w.committee_a, d.notice.id, {.body = "Sai", .remove_files = {id}}, kNow + 90, w.sink,
                                 w.files);
              }),
              ErrorCode::validation_failed)
        << id;
  EXPECT_EQ(notices::detail(*w.db, w.committee_a, d.notice.id).attached.files.size(), 2u);
  EXPECT_EQ(w.bytes_of(get(*w.db, w.reader_a, other.attached.files[0].id)), kPng + "khac");
}

TEST(NoticeFiles, UploadsNeverSentAreRemovedAfterADayWithTheirBytes) {
  World w;
  auto sent = upload(*w.db, w.committee_a, w.files, "ke-hoach.png", kPng, kNow - 2 * kUnsentKeptSeconds);
  w.send(w.committee_a, {sent.id});
  auto same_bytes = upload(*w.db, w.committee_a, w.files, "ban-sao.png", kPng, kNow - 2 * kUnsentKeptSeconds);
  auto old = upload(*w.db, w.committee_a, w.files, "cu.jpg", kJpeg, kNow - kUnsentKeptSeconds - 1);
  auto fresh = upload(*w.db, w.committee_a, w.files, "moi.png", kPng + "moi", kNow - 60);

  EXPECT_EQ(remove_unsent(*w.db, w.files, kNow), 2);
  EXPECT_EQ(code_of([&] { get(*w.db, w.committee_a, old.id); }), ErrorCode::not_found);
  EXPECT_EQ(code_of([&] { get(*w.db, w.committee_a, same_bytes.id); }), ErrorCode::not_found);
  EXPECT_FALSE(fs::exists(file_path(w.files, old)));
  // The bytes a sent file shares stay; so does an upload of the last day.
  EXPECT_EQ(w.bytes_of(get(*w.db, w.reader_a, sent.id)), kPng);
  EXPECT_TRUE(fs::exists(file_path(w.files, fresh)));
  EXPECT_EQ(remove_unsent(*w.db, w.files, kNow), 0);
}

}  // namespace
}  // namespace sotay::notice_files
