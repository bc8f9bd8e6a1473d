// Notices over HTTP and the live WebSocket, against real `sotay serve` processes on the backend
// chosen by SOTAY_TEST_DB with the small demo province: a committee sends, a member with an open
// socket sees it arrive, acknowledges, the committee's counts follow; bad input is refused in
// Vietnamese; on PostgreSQL two servers share one database (LISTEN/NOTIFY), a server that loses its
// LISTEN connection catches up without duplicates, and a fan-out killed half-way is finished
// exactly once after a restart.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <thread>

#include "db/migrations.h"
#include "demo/demo.h"
#include "demo_server_fixture.h"
#include "live_socket.h"
#include "test_client.h"
#include "testing/test_db.h"

namespace sotay::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

class NoticesApiTest : public DemoServerTest {
 protected:
  static bool postgres() { return db_->dialect() == db::Dialect::postgres; }
  static json urgent_to(std::int64_t unit, const std::string& title) {
    return {{"title", title},
            {"body", "Đề nghị các đồng chí dự họp lúc 8 giờ sáng mai.\nMang theo sổ tay."},
            {"priority", "urgent"},
            {"audience", {{"units", {unit}}}},
            {"require_ack", true}};
  }
};

TEST_F(NoticesApiTest, AnUrgentNoticeArrivesLiveIsAcknowledgedAndTheCountsFollow) {
  auto committee = signed_in("danguy");
  auto member = signed_in("dangvien");
  LiveSocket app(server_->port(), member);
  const auto base = grant_unit(committee);

  auto preview = committee.post("/api/v1/notices/preview", {{"audience", {{"units", {base}}}}});
  ASSERT_EQ(preview.status, 200) << preview.body;
  const auto recipients = preview.json()["recipients"].get<std::int64_t>();
  EXPECT_GT(recipients, 1);

  auto sent = committee.post("/api/v1/notices", urgent_to(base, "Họp khẩn chi ủy"));
  ASSERT_EQ(sent.status, 201) << sent.body;
  const auto id = sent.json()["id"].get<std::int64_t>();
  EXPECT_EQ(sent.json()["state"], "sent");
  EXPECT_EQ(sent.json()["counts"]["recipients"], recipients);

  auto live = app.next_notice(5s);
  ASSERT_FALSE(live.is_null()) << "no live message";
  EXPECT_EQ(live["event"], "sent");
  EXPECT_EQ(live["notice"]["id"], id);
  EXPECT_EQ(live["notice"]["title"], "Họp khẩn chi ủy");
  EXPECT_EQ(live["notice"]["priority"], "urgent");
  EXPECT_TRUE(live["notice"]["read_at"].is_null());

  // Delivered to the open app: marked a moment later (LiveNotices::kMarkDelay), before anything
  // else could mark it (the member has neither listed nor opened the notice yet).
  const auto delivered = [&] {
    return scalar("SELECT COUNT(*) FROM notice_recipients WHERE notice_id = $1 AND delivered_at IS NOT NULL", {id});
  };
  for (int i = 0; i < 100 && delivered() == 0; ++i) std::this_thread::sleep_for(50ms);
  EXPECT_EQ(delivered(), 1);

  auto inbox = member.get("/api/v1/inbox").json();
  EXPECT_GE(inbox["unread"].get<int>(), 1);
  EXPECT_EQ(inbox["items"][0]["id"], id);
  // Found by its words, with marks ("Họp khẩn") or without; words it does not have find nothing.
  auto found = member.get("/api/v1/inbox?q=khan%20chi%20uy").json();
  ASSERT_FALSE(found["items"].empty());
  EXPECT_EQ(found["items"][0]["id"], id);
  EXPECT_EQ(member.get("/api/v1/inbox?q=H%E1%BB%8Dp%20kh%E1%BA%A9n").json()["items"][0]["id"], id);
  EXPECT_TRUE(member.get("/api/v1/inbox?q=khong%20co%20dau%20xyz").json()["items"].empty());
  // It waits for the member's acknowledgement: first in that list, counted.
  auto to_ack = member.get("/api/v1/inbox?show=to_ack").json();
  EXPECT_EQ(to_ack["items"][0]["id"], id);
  EXPECT_EQ(to_ack["to_ack"], static_cast<std::int64_t>(to_ack["items"].size()));
  auto opened = member.get("/api/v1/inbox/" + std::to_string(id));
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_FALSE(opened.json()["read_at"].is_null());
  EXPECT_EQ(opened.json()["history"].size(), 1u);
  auto ack = member.post("/api/v1/notices/" + std::to_string(id) + "/ack", json::object());
  ASSERT_EQ(ack.status, 200) << ack.body;
  auto after_ack = member.get("/api/v1/inbox?show=to_ack").json();
  EXPECT_EQ(after_ack["to_ack"], to_ack["to_ack"].get<std::int64_t>() - 1);
  for (const auto& item : after_ack["items"]) EXPECT_NE(item["id"], id);

  auto detail = committee.get("/api/v1/notices/" + std::to_string(id)).json();
  EXPECT_EQ(detail["counts"]["acked"], 1);
  EXPECT_EQ(detail["counts"]["read"], 1);
  EXPECT_GE(detail["counts"]["delivered"].get<int>(), 1);
  auto stats = committee.get("/api/v1/notices/" + std::to_string(id) + "/stats").json();
  EXPECT_EQ(stats["unit"]["id"], base);
  EXPECT_EQ(stats["counts"]["acked"], 1);
  EXPECT_FALSE(stats["children"].empty());
  auto pending = committee.get("/api/v1/notices/" + std::to_string(id) + "/pending?what=ack").json();
  EXPECT_EQ(pending["total"], recipients - 1);
  // Reminded by hand: everyone but the member who acknowledged; once an hour only.
  auto remind = committee.post("/api/v1/notices/" + std::to_string(id) + "/remind", json::object());
  ASSERT_EQ(remind.status, 200) << remind.body;
  EXPECT_EQ(remind.json()["reminded"], recipients - 1);
  auto within_the_hour = committee.post("/api/v1/notices/" + std::to_string(id) + "/remind", json::object());
  EXPECT_EQ(within_the_hour.status, 409);
  EXPECT_NE(error_message(within_the_hour).find("Mỗi giờ chỉ nhắc một lần"), std::string::npos) << within_the_hour.body;
  EXPECT_EQ(member.post("/api/v1/notices/" + std::to_string(id) + "/remind", json::object()).status, 404);
  auto list = committee.get("/api/v1/notices").json();
  EXPECT_EQ(list["items"][0]["id"], id);

  // The member may not see the committee's side; another committee's member never gets it.
  EXPECT_EQ(member.get("/api/v1/notices/" + std::to_string(id)).status, 404);
  EXPECT_EQ(member.get("/api/v1/notices/" + std::to_string(id) + "/stats").status, 404);

  // A correction reaches the open app too, and the audit log has every step.
  auto corrected =
      committee.post("/api/v1/notices/" + std::to_string(id) + "/correct", {{"body", "Họp lúc 9 giờ."}, {"note", "Đổi giờ"}});
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  auto again = app.next_notice(5s);
  ASSERT_FALSE(again.is_null());
  EXPECT_EQ(again["event"], "corrected");
  EXPECT_EQ(again["notice"]["version"], 2);
  // Sent, reminded, corrected.
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'notice' AND entity_id = " + std::to_string(id)), 3);
}

TEST_F(NoticesApiTest, BadInputIsRefusedInVietnameseAndNothingIsStored) {
  auto committee = signed_in("danguy");
  auto member = signed_in("dangvien");
  const auto before = scalar("SELECT COUNT(*) FROM notices");
  const auto base = grant_unit(committee);

  auto malformed = committee.request("POST", "/api/v1/notices", "{\"title\":", {{"content-type", "application/json"},
                                                                               {"x-csrf-token", committee.csrf}});
  EXPECT_EQ(malformed.status, 400);
  EXPECT_FALSE(error_message(malformed).empty());
  auto wrong_type = committee.post("/api/v1/notices", {{"title", 5}, {"body", "x"}, {"audience", {{"units", {base}}}}});
  EXPECT_EQ(wrong_type.status, 400);
  auto unknown_field = committee.post("/api/v1/notices", {{"title", "T"}, {"body", "x"}, {"audience", {{"units", {base}}}}, {"x", 1}});
  EXPECT_EQ(unknown_field.status, 400);
  auto string_ids = committee.post("/api/v1/notices", {{"title", "T"}, {"body", "x"}, {"audience", {{"units", {"1"}}}}});
  EXPECT_EQ(string_ids.status, 400);
  // The province root is outside a base committee's scope: 422 naming the field.
  auto root = db_->read_value([](db::Connection& c) { return c.query("SELECT MIN(id) FROM units").one().integer(0); });
  auto outside = committee.post("/api/v1/notices", urgent_to(root, "Ngoài phạm vi"));
  EXPECT_EQ(outside.status, 422);
  EXPECT_NE(error_message(outside).find("ngoài phạm vi"), std::string::npos) << outside.body;
  EXPECT_EQ(outside.json()["error"]["fields"][0]["field"], "audience.units") << outside.body;
  auto huge = urgent_to(base, "Quá dài");
  huge["body"] = std::string(2 << 20, 'a');
  EXPECT_EQ(committee.post("/api/v1/notices", huge).status, 413);
  auto long_body = urgent_to(base, "Quá dài");
  long_body["body"] = std::string(20000, 'a');
  EXPECT_EQ(committee.post("/api/v1/notices", long_body).status, 422);
  // A member may not send; unknown ids are 404.
  EXPECT_EQ(member.post("/api/v1/notices", urgent_to(base, "Đảng viên gửi")).status, 403);
  EXPECT_EQ(member.post("/api/v1/notices/987654/ack", json::object()).status, 404);
  EXPECT_EQ(member.get("/api/v1/inbox/987654").status, 404);
  // Anything typed is only words to find: a very long or odd search is an empty answer, not an error.
  std::string odd = "/api/v1/inbox?q=";
  for (int i = 0; i < 500; ++i) odd += "%22%2A%27%25%20OR%20";
  auto odd_search = member.get(odd);
  EXPECT_EQ(odd_search.status, 200) << odd_search.body;
  EXPECT_TRUE(odd_search.json()["items"].empty());
  auto bad_show = member.get("/api/v1/inbox?show=chua-doc");
  EXPECT_EQ(bad_show.status, 400);
  EXPECT_NE(error_message(bad_show).find("phải là all, unread hoặc to_ack"), std::string::npos) << bad_show.body;
  EXPECT_EQ(committee.get("/api/v1/notices/abc").status, 404);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM notices"), before);
  // Push subscriptions: a bad endpoint or key is refused.
  EXPECT_EQ(member.post("/api/v1/push/subscriptions", {{"endpoint", "ftp://x"}, {"keys", {{"p256dh", "AA"}, {"auth", "AA"}}}}).status,
            422);
  auto key = member.get("/api/v1/push/key");
  ASSERT_EQ(key.status, 200);
  EXPECT_EQ(key.json()["public_key"].get<std::string>().size(), 87u);  // 65 bytes in base64url
}

TEST_F(NoticesApiTest, TwoServersOnOnePostgresDeliverLiveAndCatchUpAfterALostConnection) {
  if (!postgres()) GTEST_SKIP() << "several servers share a PostgreSQL database";
  ServerProcess other(url_);  // server B; server_ is A
  auto committee = signed_in("danguy");
  auto member = testing::signed_in(other.port(), "dangvien");
  LiveSocket app(other.port(), member);
  const auto base = grant_unit(committee);

  auto sent = committee.post("/api/v1/notices", urgent_to(base, "Gửi qua máy chủ A"));
  ASSERT_EQ(sent.status, 201) << sent.body;
  auto live = app.next_notice(5s);
  ASSERT_FALSE(live.is_null()) << "server B did not deliver what A sent";
  EXPECT_EQ(live["notice"]["id"], sent.json()["id"]);

  // B loses its LISTEN connection; a notice sent meanwhile still arrives, once.
  db_->write([](db::Connection& c) {
    c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' OR query = 'SELECT 1'");
  });
  auto during = committee.post("/api/v1/notices", urgent_to(base, "Gửi khi B mất kết nối"));
  ASSERT_EQ(during.status, 201) << during.body;
  auto caught = app.next_notice(15s);
  ASSERT_FALSE(caught.is_null()) << "server B did not catch up: " << other.stderr_text();
  EXPECT_EQ(caught["notice"]["id"], during.json()["id"]);
  EXPECT_TRUE(app.next_notice(2s).is_null()) << "a notice arrived twice";
}

TEST_F(NoticesApiTest, AFanOutKilledHalfWayIsFinishedExactlyOnceAfterRestart) {
  // Its own database with a province of members, so the fan-out takes long enough to interrupt.
  // The demo's own notices are not this test's.
  const std::string kOurs = " WHERE n.title = 'Toàn tỉnh'";
  auto url = fresh_database_url();
  {
    auto d = db::open(url);
    db::migrate(*d);
    demo::LoadOptions options;
    options.strong_password_hash = false;
    demo::load_demo(*d, demo::Scale::province, options);
  }
  auto d = db::open(url);
  auto count = [&](const std::string& sql) { return d->read_value([&](db::Connection& c) { return c.query(sql).one().integer(0); }); };
  const auto root = count("SELECT MIN(id) FROM units");
  const auto active = count("SELECT COUNT(*) FROM members WHERE status IN ('official','probationary')");
  bool interrupted = false;
  std::int64_t finished_before = 0;
  for (int attempt = 0; attempt < 4 && !interrupted; ++attempt) {
    auto server = std::make_unique<ServerProcess>(url);
    auto committee = testing::signed_in(server->port(), "tinhuy");
    std::thread sender([&] {
      try {
        committee.post("/api/v1/notices", urgent_to(root, "Toàn tỉnh"));
      } catch (const std::exception&) {  // the server was killed under the request
      }
    });
    // Kill the server once the fan-out has written some recipients but not finished.
    auto until = std::chrono::steady_clock::now() + 20s;
    while (std::chrono::steady_clock::now() < until) {
      auto partial = count("SELECT COUNT(*) FROM notice_recipients r JOIN notices n ON n.id = r.notice_id " + kOurs);
      auto sending = count("SELECT COUNT(*) FROM notices n " + kOurs + " AND state = 'sending'");
      if (sending > 0 && partial > 0) {
        server->stop(SIGKILL);
        interrupted = true;
        finished_before = count("SELECT COUNT(*) FROM notices n " + kOurs + " AND state = 'sent'");
        break;
      }
      if (count("SELECT COUNT(*) FROM notices n " + kOurs + " AND state = 'sent'") > 0) break;
      std::this_thread::sleep_for(2ms);
    }
    sender.join();
  }
  if (!interrupted) GTEST_SKIP() << "the fan-out always finished before it could be killed";
  EXPECT_LT(count("SELECT COUNT(*) FROM notice_recipients r JOIN notices n ON n.id = r.notice_id " + kOurs), (finished_before + 1) * active);
  // The restarted server's worker finishes the fan-out at start.
  ServerProcess restarted(url);
  auto until = std::chrono::steady_clock::now() + 30s;
  while (std::chrono::steady_clock::now() < until && count("SELECT COUNT(*) FROM notices n " + kOurs + " AND state = 'sending'") > 0)
    std::this_thread::sleep_for(50ms);
  const auto sent_notices = count("SELECT COUNT(*) FROM notices n " + kOurs + " AND state = 'sent'");
  EXPECT_GE(sent_notices, 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notices n " + kOurs + " AND state = 'sending'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notice_recipients r JOIN notices n ON n.id = r.notice_id " + kOurs), sent_notices * active);
  EXPECT_EQ(count("SELECT COUNT(*) FROM (SELECT DISTINCT r.notice_id, r.member_id FROM notice_recipients r JOIN notices n "
                  "ON n.id = r.notice_id " + kOurs + ") t"),
            sent_notices * active);
}

}  // namespace
}  // namespace sotay::testing
