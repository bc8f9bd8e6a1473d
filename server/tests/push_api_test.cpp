// Web Push end to end: a real `sotay serve` (backend from SOTAY_TEST_DB, the small demo province)
// trusts a push service run by the test (testing/push_receiver.h: HTTPS on 127.0.0.1, its own
// certificate passed as --push-ca). The demo member subscribes a "device" (a P-256 key pair and
// an auth secret made here), a committee sends notices, and the test opens what arrives with the
// device's keys: a closed app gets the notice encrypted (RFC 8291) with VAPID (RFC 8292); a
// subscription the push service says is gone (410) is removed; a muted sender level gets no push
// unless the notice is urgent; an app that is open gets the notice live and no push.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <functional>
#include <thread>
#include <vector>

#include "demo_server_fixture.h"
#include "live_socket.h"
#include "test_client.h"
#include "testing/push_receiver.h"
#include "util/crypto.h"
#include "util/web_push_crypto.h"

namespace sotay::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr const char* kSubject = "mailto:push-test@sotay.invalid";

// A browser's push subscription on the test's push service: the endpoint (a path of its own)
// and the device's keys, which only the device holds.
struct Device {
  explicit Device(const Receiver& service)
      : target("/push/" + crypto::base64url_encode(crypto::random_bytes(12))),
        endpoint("https://127.0.0.1:" + std::to_string(service.port()) + target) {}

  // What PushSubscription.toJSON() gives the app to post.
  json subscription() const {
    json device_keys = {{"p256dh", crypto::base64url_encode(keys.public_key)}, {"auth", crypto::base64url_encode(auth)}};
    return {{"endpoint", endpoint}, {"keys", device_keys}};
  }
  // The service worker's side: decrypts a push body and parses it.
  json open(const Captured& push) const {
    return json::parse(webpush::decrypt_aes128gcm(push.body, keys.private_key, keys.public_key, auth));
  }

  std::string target, endpoint;
  webpush::VapidKeys keys = webpush::generate_vapid_keys();
  std::string auth = crypto::random_bytes(webpush::kAuthSecretBytes);
};

class PushApiTest : public DemoServerTest {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("sotay_push_api_" + std::to_string(::getpid())));
    fs::create_directories(*dir_);
    cert_ = new CertFiles(make_certificate(*dir_, "push-service", "IP:127.0.0.1"));
    // Before any Receiver exists: the child must not inherit a listening socket.
    start_demo_server({"--push-ca", cert_->cert, "--push-subject", kSubject});
  }
  static void TearDownTestSuite() {
    stop_demo_server();
    std::error_code ec;
    fs::remove_all(*dir_, ec);
    delete cert_;
    delete dir_;
  }
  // Each test starts with no subscriptions and default preferences, even after a failed one.
  void TearDown() override {
    db_->write([](db::Connection& c) {
      c.query("DELETE FROM push_subscriptions");
      c.query("DELETE FROM notification_prefs");
    });
  }

  static std::int64_t subscriptions(const Device& d) {
    return scalar("SELECT COUNT(*) FROM push_subscriptions WHERE endpoint = $1", {d.endpoint});
  }
  // Pushes waiting in the outbox for this device.
  static std::int64_t queued(const Device& d) {
    return scalar(
        "SELECT COUNT(*) FROM push_outbox o JOIN push_subscriptions s ON s.id = o.subscription_id "
        "WHERE s.endpoint = $1",
        {d.endpoint});
  }
  static bool eventually(const std::function<bool()>& done, std::chrono::milliseconds wait) {
    const auto until = std::chrono::steady_clock::now() + wait;
    while (!done()) {
      if (std::chrono::steady_clock::now() > until) return false;
      std::this_thread::sleep_for(50ms);
    }
    return true;
  }
  static json notice_to(std::int64_t unit, const std::string& title, const std::string& priority) {
    return {{"title", title},
            {"body", "Sinh hoạt chi bộ lúc 14 giờ thứ Sáu tại hội trường."},
            {"priority", priority},
            {"audience", {{"units", {unit}}}}};
  }
  // Sends a notice; its id, or 0 after a failed assertion.
  static std::int64_t send(Client& committee, const json& notice) {
    auto r = committee.post("/api/v1/notices", notice);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json()["id"].get<std::int64_t>() : 0;
  }
  static void subscribe(Client& member, const Device& d) {
    auto r = member.post("/api/v1/push/subscriptions", d.subscription());
    ASSERT_EQ(r.status, 204) << r.body;
    ASSERT_EQ(subscriptions(d), 1);
  }

  static fs::path* dir_;
  static CertFiles* cert_;
};
fs::path* PushApiTest::dir_ = nullptr;
CertFiles* PushApiTest::cert_ = nullptr;

TEST_F(PushApiTest, AClosedAppGetsTheNoticeEncryptedAndAGoneSubscriptionIsRemoved) {
  Receiver service(Receiver::Mode::tls, cert_);
  auto member = signed_in("dangvien");
  auto committee = signed_in("danguy");
  const auto base = grant_unit(committee);
  auto key = member.get("/api/v1/push/key");
  ASSERT_EQ(key.status, 200) << key.body;
  const auto server_key = key.json()["public_key"].get<std::string>();
  Device phone(service);
  ASSERT_NO_FATAL_FAILURE(subscribe(member, phone));

  const auto id = send(committee, notice_to(base, "Lịch sinh hoạt chi bộ tháng Năm", "normal"));
  ASSERT_GT(id, 0);
  EXPECT_EQ(queued(phone), 1);  // written with the fan-out; sent after a short delay
  auto got = service.wait_for_requests(1, 15s);
  ASSERT_EQ(got.size(), 1u) << "no push arrived: " << server_->stderr_text();
  const Captured& push = got[0];
  EXPECT_EQ(push.method, "POST");
  EXPECT_EQ(push.target, phone.target);
  EXPECT_EQ(push.sni, "");  // an IP address is never sent as SNI
  ASSERT_EQ(push.headers.count("ttl"), 1u);
  EXPECT_EQ(push.headers.at("ttl"), "86400");
  ASSERT_EQ(push.headers.count("content-encoding"), 1u);
  EXPECT_EQ(push.headers.at("content-encoding"), "aes128gcm");
  ASSERT_EQ(push.headers.count("urgency"), 1u);
  EXPECT_EQ(push.headers.at("urgency"), "normal");

  // Only the device can read it, and it is what the service worker shows.
  json message;
  ASSERT_NO_THROW(message = phone.open(push));
  EXPECT_EQ(message["type"], "notice");
  EXPECT_EQ(message["id"], id);
  EXPECT_EQ(message["title"], "Lịch sinh hoạt chi bộ tháng Năm");
  EXPECT_EQ(message["body"], "Sinh hoạt chi bộ lúc 14 giờ thứ Sáu tại hội trường.");
  EXPECT_EQ(message["priority"], "normal");
  EXPECT_EQ(message["url"], "/thong-bao/" + std::to_string(id));
  Device stranger(service);
  EXPECT_THROW(stranger.open(push), std::runtime_error);

  // VAPID: "vapid t=<JWT>, k=<the server's public key>", the JWT for this push service's origin.
  ASSERT_EQ(push.headers.count("authorization"), 1u);
  const auto& authorization = push.headers.at("authorization");
  ASSERT_EQ(authorization.rfind("vapid t=", 0), 0u) << authorization;
  const auto k = authorization.find(", k=");
  ASSERT_NE(k, std::string::npos) << authorization;
  EXPECT_EQ(authorization.substr(k + 4), server_key);
  const auto jwt = authorization.substr(8, k - 8);
  const auto dot = jwt.find('.');
  ASSERT_NE(dot, std::string::npos);
  auto claims_text = crypto::base64url_decode(jwt.substr(dot + 1, jwt.find('.', dot + 1) - dot - 1));
  ASSERT_TRUE(claims_text.has_value()) << jwt;
  auto claims = json::parse(*claims_text, nullptr, false);
  EXPECT_EQ(claims.value("aud", ""), "https://127.0.0.1:" + std::to_string(service.port())) << *claims_text;
  EXPECT_EQ(claims.value("sub", ""), kSubject) << *claims_text;
  const auto now = static_cast<std::int64_t>(std::time(nullptr));
  EXPECT_GT(claims.value("exp", std::int64_t{0}), now) << *claims_text;
  EXPECT_LE(claims.value("exp", std::int64_t{0}), now + 24 * 3600) << *claims_text;

  // Accepted by the push service (201) = delivered, and the outbox row is gone.
  ASSERT_TRUE(eventually([&] { return queued(phone) == 0; }, 5s)) << server_->stderr_text();
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM notice_recipients r JOIN accounts a ON a.member_id = r.member_id "
                   "WHERE a.login = 'dangvien' AND r.notice_id = $1 AND r.delivered_at IS NOT NULL",
                   {id}),
            1);

  // The push service now says the subscription is gone: the server forgets it.
  service.answer(410);
  const auto second = send(committee, notice_to(base, "Thu đảng phí quý II", "normal"));
  ASSERT_GT(second, 0);
  EXPECT_EQ(queued(phone), 1);
  got = service.wait_for_requests(2, 15s);
  ASSERT_EQ(got.size(), 2u) << "no second push arrived: " << server_->stderr_text();
  EXPECT_EQ(got[1].target, phone.target);
  EXPECT_EQ(phone.open(got[1])["id"], second);
  EXPECT_TRUE(eventually([&] { return subscriptions(phone) == 0; }, 5s)) << "a 410 subscription was kept";
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM push_outbox"), 0);
}

TEST_F(PushApiTest, AMutedLevelGetsNoPushUnlessTheNoticeIsUrgent) {
  Receiver service(Receiver::Mode::tls, cert_);
  auto member = signed_in("dangvien");
  auto committee = signed_in("danguy");
  const auto base = grant_unit(committee);
  Device phone(service);
  ASSERT_NO_FATAL_FAILURE(subscribe(member, phone));
  // danguy sends as the base committee: mute that level.
  json muted = {{"topic", "notices"}, {"level", "base"}, {"push", false}};
  auto prefs = member.send("PUT", "/api/v1/me/notification-prefs", {{"items", json::array({muted})}});
  ASSERT_EQ(prefs.status, 200) << prefs.body;

  const auto normal = send(committee, notice_to(base, "Góp ý dự thảo nghị quyết", "normal"));
  ASSERT_GT(normal, 0);
  EXPECT_EQ(queued(phone), 0) << "a notice of a muted level was queued for push";
  const auto urgent = send(committee, notice_to(base, "Họp khẩn chi bộ", "urgent"));
  ASSERT_GT(urgent, 0);
  EXPECT_EQ(queued(phone), 1);

  auto got = service.wait_for_requests(1, 15s);
  ASSERT_EQ(got.size(), 1u) << "the urgent notice was not pushed: " << server_->stderr_text();
  EXPECT_EQ(got[0].target, phone.target);
  ASSERT_EQ(got[0].headers.count("urgency"), 1u);
  EXPECT_EQ(got[0].headers.at("urgency"), "high");
  json message;
  ASSERT_NO_THROW(message = phone.open(got[0]));
  EXPECT_EQ(message["id"], urgent);
  EXPECT_EQ(message["priority"], "urgent");
  EXPECT_EQ(message["url"], "/thong-bao/" + std::to_string(urgent));
  ASSERT_TRUE(eventually([&] { return queued(phone) == 0; }, 5s)) << server_->stderr_text();
  EXPECT_EQ(service.requests().size(), 1u);

  // Muting concerns the push only: both notices are in the inbox.
  auto inbox = member.get("/api/v1/inbox").json();
  std::vector<std::int64_t> ids;
  for (const auto& item : inbox["items"]) ids.push_back(item["id"].get<std::int64_t>());
  EXPECT_NE(std::find(ids.begin(), ids.end(), normal), ids.end()) << inbox.dump();
  EXPECT_NE(std::find(ids.begin(), ids.end(), urgent), ids.end()) << inbox.dump();
}

TEST_F(PushApiTest, AnOpenAppGetsTheNoticeLiveAndNoPush) {
  Receiver service(Receiver::Mode::tls, cert_);
  auto member = signed_in("dangvien");
  auto committee = signed_in("danguy");
  const auto base = grant_unit(committee);
  Device phone(service);
  ASSERT_NO_FATAL_FAILURE(subscribe(member, phone));
  LiveSocket app(port(), member);

  // Urgent, so a push is queued whatever the preferences.
  const auto id = send(committee, notice_to(base, "Triệu tập hội nghị", "urgent"));
  ASSERT_GT(id, 0);
  EXPECT_EQ(queued(phone), 1);
  auto live = app.next_notice(5s);
  ASSERT_FALSE(live.is_null()) << "no live message";
  EXPECT_EQ(live["event"], "sent");
  EXPECT_EQ(live["notice"]["id"], id);

  // When its time comes the sender drops the push the open app made needless: the outbox row
  // goes without a request (a sent push is recorded before its row is deleted).
  ASSERT_TRUE(eventually([&] { return queued(phone) == 0; }, 15s)) << server_->stderr_text();
  EXPECT_TRUE(service.requests().empty()) << "a push was sent to an app that had the notice live";
  EXPECT_EQ(subscriptions(phone), 1);
}

}  // namespace
}  // namespace sotay::testing
