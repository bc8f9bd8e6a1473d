// The API against a real `sotay serve` on loopback, on the backend chosen by SOTAY_TEST_DB,
// loaded with the small demo province. Each role is checked in and out of its scope.
#include <gtest/gtest.h>
#include <signal.h>

#include "db/migrations.h"
#include "demo/demo.h"
#include "domain/org_tree.h"
#include "test_client.h"
#include "testing/test_db.h"
#include "util/crypto.h"
#include "util/time.h"

namespace sotay::testing {
namespace {

constexpr const char* kPassword = "SoTay@2026";

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    url_ = new std::string(fresh_database_url());
    db_ = db::open(*url_).release();
    db::migrate(*db_);
    demo::load_demo(*db_, demo::Scale::small);
    server_ = new ServerProcess(*url_);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete db_;
    delete url_;
  }
  static std::int64_t unit(const std::string& code) { return org::find_by_code(*db_, code).value().id; }
  static std::string units(const std::string& code) { return "/api/v1/units/" + std::to_string(unit(code)); }
  Client signed_in(const std::string& login) { return testing::signed_in(server_->port(), login); }

  static std::string* url_;
  static db::Database* db_;
  static ServerProcess* server_;
};
std::string* ApiTest::url_ = nullptr;
db::Database* ApiTest::db_ = nullptr;
ServerProcess* ApiTest::server_ = nullptr;

TEST_F(ApiTest, MemberSignsInAndSeesOwnRecord) {
  auto c = signed_in("dangvien");
  EXPECT_FALSE(c.csrf.empty());
  EXPECT_TRUE(c.cookies.count("sotay_session"));
  auto me = c.get("/api/v1/me");
  ASSERT_EQ(me.status, 200) << me.body;
  auto j = me.json();
  EXPECT_EQ(j["account"]["login"], "dangvien");
  EXPECT_EQ(j["unit"]["code"], "SH-TP-01-C01");
  EXPECT_FALSE(j["member"]["full_name"].get<std::string>().empty());
  EXPECT_EQ(j["roles"][0]["role"], "member");
  // Own record yes; the cell's member list no; another unit is invisible.
  EXPECT_EQ(c.get("/api/v1/members/" + std::to_string(j["member"]["id"].get<int>())).status, 200);
  EXPECT_EQ(c.get(units("SH-TP-01-C01") + "/members").status, 403);
  auto other = c.get(units("SH-TP-02-C01"));
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(error_code(other), "not_found");
}

TEST_F(ApiTest, PhoneNumberWorksAsLogin) {
  auto phone = db_->read_value([](db::Connection& c) {
    return c.query("SELECT phone FROM accounts WHERE login = 'dangvien'").one().text(0);
  });
  ASSERT_FALSE(phone.empty());
  Client c(server_->port());
  EXPECT_EQ(c.sign_in(phone, kPassword).status, 200);
  // With spaces and the country code, as people type it.
  Client c2(server_->port());
  EXPECT_EQ(c2.sign_in("+84 " + phone.substr(1, 3) + " " + phone.substr(4), kPassword).status, 200);
}

TEST_F(ApiTest, WrongCredentialsAnswer401InTheEnvelope) {
  Client c(server_->port());
  auto r = c.sign_in("bithu", "sai-mat-khau-1");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(error_code(r), "unauthenticated");
  EXPECT_FALSE(r.json()["error"]["message"].get<std::string>().empty());
  auto r2 = c.sign_in("khong-co-ai", "sai-mat-khau-1");
  EXPECT_EQ(r2.status, 401);
  EXPECT_EQ(r.json()["error"]["message"], r2.json()["error"]["message"]);  // does not reveal which logins exist
}

TEST_F(ApiTest, MalformedBodiesGet4xx) {
  Client c(server_->port());
  auto post = [&](const std::string& body, const std::string& type = "application/json") {
    return c.request("POST", "/api/v1/session", body, {{"Content-Type", type}});
  };
  EXPECT_EQ(post("{not json").status, 400);
  EXPECT_EQ(post("[1,2]").status, 400);
  EXPECT_EQ(post(R"({"login":5,"password":"x"})").status, 400);
  EXPECT_EQ(post(R"({"login":"a"})").status, 400);
  EXPECT_EQ(post(R"({"login":"a","password":"b","admin":true})").status, 400);
  EXPECT_EQ(post(R"({"login":"a","password":"b"})", "text/plain").status, 415);
  EXPECT_EQ(post(std::string(2 << 20, 'x')).status, 413);
  auto r = post(R"({"login":["x"],"password":"b"})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(error_code(r), "bad_request");
}

TEST_F(ApiTest, StateChangesNeedTheCsrfToken) {
  auto c = signed_in("bithu");
  auto cell = units("SH-TP-01-C01");
  auto no_token = c.request("POST", cell + "/members", R"({"full_name":"Lê Văn Thử"})",
                            {{"Content-Type", "application/json"}});
  EXPECT_EQ(no_token.status, 403);
  EXPECT_EQ(error_code(no_token), "csrf_failed");
  auto wrong = c.request("POST", cell + "/members", R"({"full_name":"Lê Văn Thử"})",
                         {{"Content-Type", "application/json"}, {"X-CSRF-Token", "forged"}});
  EXPECT_EQ(wrong.status, 403);
}

TEST_F(ApiTest, ForgedAndSignedOutSessionsAre401) {
  Client forged(server_->port());
  forged.cookies["sotay_session"] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  EXPECT_EQ(forged.get("/api/v1/me").status, 401);
  auto c = signed_in("bithu");
  auto saved = c.cookies;
  EXPECT_EQ(c.send("DELETE", "/api/v1/session", nlohmann::json::object()).status, 200);
  EXPECT_EQ(c.get("/api/v1/me").status, 401);
  c.cookies = saved;  // replaying the old cookie does not work either
  EXPECT_EQ(c.get("/api/v1/me").status, 401);
}

TEST_F(ApiTest, SignOutEverywhereEndsEveryDevice) {
  auto phone = signed_in("danguy");
  auto laptop = signed_in("danguy");
  auto list = laptop.get("/api/v1/sessions");
  ASSERT_EQ(list.status, 200);
  EXPECT_GE(list.json()["sessions"].size(), 2u);
  EXPECT_EQ(laptop.send("DELETE", "/api/v1/sessions", nlohmann::json::object()).status, 200);
  EXPECT_EQ(phone.get("/api/v1/me").status, 401);
  EXPECT_EQ(laptop.get("/api/v1/me").status, 401);
}

TEST_F(ApiTest, CellCommitteeSeesItsCellOnly) {
  auto c = signed_in("bithu");
  auto list = c.get(units("SH-TP-01-C01") + "/members?limit=5");
  ASSERT_EQ(list.status, 200) << list.body;
  auto j = list.json();
  EXPECT_EQ(j["members"].size(), 5u);
  EXPECT_TRUE(j["next_cursor"].is_string());
  // Cursor paging walks the whole cell without repeats.
  std::set<int> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto page = c.get(units("SH-TP-01-C01") + "/members?limit=4" + (cursor.empty() ? "" : "&cursor=" + cursor)).json();
    for (auto& m : page["members"]) EXPECT_TRUE(seen.insert(m["id"].get<int>()).second);
    cursor = page["next_cursor"].is_string() ? page["next_cursor"].get<std::string>() : "";
    ++pages;
  } while (!cursor.empty() && pages < 100);
  auto unit_json = c.get(units("SH-TP-01-C01")).json();
  EXPECT_EQ(static_cast<int>(seen.size()), unit_json["member_count"].get<int>());
  EXPECT_EQ(c.get(units("SH-TP-01-C02") + "/members").status, 404);
  EXPECT_EQ(c.get(units("SH-TP-01")).status, 404);
  EXPECT_EQ(c.get(units("SH-TP-01-C01") + "/members?cursor=garbage").status, 400);
  EXPECT_EQ(c.get("/api/v1/units/999999").status, 404);
  EXPECT_EQ(c.get("/api/v1/units/abc").status, 404);
}

TEST_F(ApiTest, FindsMembersByNameWithoutDiacritics) {
  auto c = signed_in("tinhuy");
  auto r = c.get(units("SH") + "/members?subtree=1&limit=50&q=nguyen");
  ASSERT_EQ(r.status, 200);
  auto found = r.json();
  ASSERT_GT(found["members"].size(), 0u);
  for (auto& m : found["members"]) EXPECT_NE(m["full_name"].get<std::string>().find("Nguyễn"), std::string::npos);
  // Diacritics typed the old way or not at all find the same people.
  auto exact = c.get(units("SH") + "/members?subtree=1&limit=200&q=Nguy%E1%BB%85n").json()["members"].size();
  auto plain = c.get(units("SH") + "/members?subtree=1&limit=200&q=NGUYEN").json()["members"].size();
  EXPECT_EQ(exact, plain);
}

TEST_F(ApiTest, MemberValidationSaysWhichFieldIsWrong) {
  auto c = signed_in("bithu");
  auto r = c.post(units("SH-TP-01-C01") + "/members", {{"full_name", "An"},
                                                         {"birth_date", "2010-01-01"},
                                                         {"admitted_on", "2015-01-01"},
                                                         {"citizen_id", "12345"},
                                                         {"phone", "12ab"},
                                                         {"email", "khong-hop-le"}});
  ASSERT_EQ(r.status, 422) << r.body;
  std::set<std::string> fields;
  auto body = r.json();  // keep it alive: range-for over a temporary's member dangles
  for (auto& f : body["error"]["fields"]) fields.insert(f["field"].get<std::string>());
  for (auto f : {"full_name", "admitted_on", "citizen_id", "phone", "email"}) EXPECT_TRUE(fields.count(f)) << f;
  auto ok = c.post(units("SH-TP-01-C01") + "/members", {{"full_name", "trần thị  thử nghiệm"},
                                                          {"birth_date", "1990-04-02"},
                                                          {"sex", "Nữ"},
                                                          {"admitted_on", "2015-05-19"},
                                                          {"official_on", "2016-05-19"},
                                                          {"card_number", "99000001"},
                                                          {"citizen_id", "034190000111"},
                                                          {"phone", "+84 912 000 111"}});
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.json()["full_name"], "Trần Thị Thử Nghiệm");
  EXPECT_EQ(ok.json()["phone"], "0912000111");
  auto dup = c.post(units("SH-TP-01-C01") + "/members", {{"full_name", "Lê Văn Trùng"},
                                                           {"admitted_on", "2015-05-19"},
                                                           {"official_on", "2016-05-19"},
                                                           {"card_number", "99000001"}});
  EXPECT_EQ(dup.status, 409);
  // Status change with a date, then the audit log has before and after.
  auto id = ok.json()["id"].get<int>();
  auto st = c.send("PATCH", "/api/v1/members/" + std::to_string(id), {{"status", "transferred"}, {"status_date", "2025-01-02"}});
  ASSERT_EQ(st.status, 200) << st.body;
  EXPECT_EQ(st.json()["status"], "transferred");
  auto admin = signed_in("quantri");
  auto log = admin.get("/api/v1/audit?entity=member&action=member.status").json();
  ASSERT_GE(log["entries"].size(), 1u);
  EXPECT_EQ(log["entries"][0]["before"]["status"], "official");
  EXPECT_EQ(log["entries"][0]["after"]["status"], "transferred");
  EXPECT_EQ(log["entries"][0]["actor_login"], "bithu");
  EXPECT_EQ(c.get("/api/v1/audit").status, 403);
}

TEST_F(ApiTest, UnitOperationsKeepHistory) {
  auto c = signed_in("tinhuy");
  auto created = c.post("/api/v1/units", {{"code", "sh-tp-01-c09"},
                                          {"kind", "cell"},
                                          {"name", "Chi bộ thôn Mới"},
                                          {"parent_id", unit("SH-TP-01")},
                                          {"valid_from", "2024-01-01"}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto id = created.json()["id"].get<int>();
  EXPECT_EQ(created.json()["code"], "SH-TP-01-C09");
  auto path = "/api/v1/units/" + std::to_string(id);
  EXPECT_EQ(c.send("PATCH", path, {{"name", "Chi bộ thôn Mới Lập"}, {"date", "2024-06-01"}}).status, 200);
  auto moved = c.post(path + "/move", {{"parent_id", unit("SH-TP-02")}, {"date", "2025-07-01"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json()["parent_id"], unit("SH-TP-02"));
  auto hist = c.get(path + "/history").json()["history"];
  ASSERT_EQ(hist.size(), 3u);
  EXPECT_EQ(hist[0]["change"], "created");
  EXPECT_EQ(hist[1]["change"], "renamed");
  EXPECT_EQ(hist[2]["change"], "moved");
  // The tree as it was: before the move the cell hung under SH-TP-01.
  auto before_json = c.get(units("SH-TP-01") + "/tree?date=2025-01-01").json();
  auto& before = before_json["units"];
  bool found = false;
  for (auto& u : before) found = found || u["unit_id"] == id;
  EXPECT_TRUE(found);
  auto after = c.get(units("SH-TP-01") + "/tree?date=2025-08-01").json()["units"];
  for (auto& u : after) EXPECT_NE(u["unit_id"], id);
  // A cell cannot contain a base committee; a unit cannot move under itself.
  EXPECT_EQ(c.post(units("SH-TP-02") + "/move", {{"parent_id", id}}).status, 422);
  // Close an empty unit.
  auto closed = c.post(path + "/close", {{"date", "2025-08-01"}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_TRUE(closed.json()["closed"].get<bool>());
  EXPECT_EQ(c.send("PATCH", path, {{"name", "X Y"}}).status, 409);
}

TEST_F(ApiTest, MergeMovesMembersAndOldCountsStillAddUp) {
  auto c = signed_in("tinhuy");
  auto from = unit("SH-TP-02-C02"), into = unit("SH-TP-02-C01");
  auto before_from = c.get("/api/v1/units/" + std::to_string(from)).json()["member_count"].get<int>();
  auto before_into = c.get("/api/v1/units/" + std::to_string(into)).json()["member_count"].get<int>();
  ASSERT_GT(before_from, 0);
  auto r = c.post("/api/v1/units/" + std::to_string(from) + "/merge", {{"into_id", into}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["member_count"].get<int>(), before_from + before_into);
  auto gone = c.get("/api/v1/units/" + std::to_string(from)).json();
  EXPECT_TRUE(gone["closed"].get<bool>());
  EXPECT_EQ(gone["merged_into"], into);
  // Yesterday's tree still has both cells.
  auto yesterday = timeutil::add_days(timeutil::today(), -1);
  auto tree = c.get(units("SH-TP-02") + "/tree?date=" + yesterday).json()["units"];
  int both = 0;
  for (auto& u : tree) both += (u["unit_id"] == from || u["unit_id"] == into);
  EXPECT_EQ(both, 2);
  // A committee cannot merge outside its scope.
  auto bithu = signed_in("danguy");
  EXPECT_EQ(bithu.post(units("SH-TP-01-C02") + "/merge", {{"into_id", unit("SH-TP-02-C01")}}).status, 404);
}

TEST_F(ApiTest, ThrottlesRepeatedFailures) {
  Client c(server_->port());
  for (int i = 0; i < 5; ++i) EXPECT_EQ(c.sign_in("bientap", "sai-mat-khau-9").status, 401);
  auto locked = c.sign_in("bientap", kPassword);  // even the right password waits now
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(error_code(locked), "rate_limited");
  EXPECT_GT(locked.json()["error"]["retry_after_seconds"].get<int>(), 0);
  EXPECT_FALSE(locked.headers["retry-after"].empty());
}

TEST_F(ApiTest, PasswordResetForcesAChangeAtFirstSignIn) {
  auto committee = signed_in("danguy");
  auto accounts = committee.get(units("SH-TP-01") + "/accounts?q=dangvien").json()["accounts"];
  ASSERT_EQ(accounts.size(), 1u);
  auto account_id = accounts[0]["id"].get<int>();
  auto reset = committee.post("/api/v1/accounts/" + std::to_string(account_id) + "/reset-password", nlohmann::json::object());
  ASSERT_EQ(reset.status, 200) << reset.body;
  std::string temporary = reset.json()["temporary_password"];
  Client member(server_->port());
  EXPECT_EQ(member.sign_in("dangvien", kPassword).status, 401);
  auto s = member.sign_in("dangvien", temporary);
  ASSERT_EQ(s.status, 200);
  EXPECT_TRUE(s.json()["must_change_password"].get<bool>());
  EXPECT_EQ(error_code(member.get(units("SH-TP-01-C01"))), "password_change_required");
  EXPECT_EQ(member.get("/api/v1/me").status, 200);
  auto weak = member.post("/api/v1/me/password", {{"current_password", temporary}, {"new_password", "123"}});
  EXPECT_EQ(weak.status, 422);
  auto changed = member.post("/api/v1/me/password", {{"current_password", temporary}, {"new_password", kPassword}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(member.get(units("SH-TP-01-C01")).status, 200);
  // Outside scope: a base committee cannot reset an account in another base committee.
  auto other = signed_in("tinhuy").get(units("SH-TP-02") + "/accounts").json();
  EXPECT_EQ(committee.get(units("SH-TP-02") + "/accounts").status, 404);
}

TEST_F(ApiTest, CommitteeRoleRequiresTwoFactor) {
  auto admin = signed_in("quantri");
  // A new account for an existing member, then a committee role on a cell.
  auto member_id = admin.get(units("SH-KCQ-01-C01") + "/members?limit=1").json()["members"][0]["id"].get<int>();
  auto created = admin.post("/api/v1/members/" + std::to_string(member_id) + "/account", {{"login", "haiyeuto"}});
  ASSERT_EQ(created.status, 201) << created.body;
  std::string temporary = created.json()["temporary_password"];
  auto account_id = created.json()["id"].get<int>();
  auto grant = admin.post("/api/v1/accounts/" + std::to_string(account_id) + "/roles",
                          {{"role", "cell_committee"}, {"unit_id", unit("SH-KCQ-01-C01")}});
  ASSERT_EQ(grant.status, 201) << grant.body;

  Client c(server_->port());
  ASSERT_EQ(c.sign_in("haiyeuto", temporary).status, 200);
  ASSERT_EQ(c.post("/api/v1/me/password", {{"current_password", temporary}, {"new_password", "Chibo2026moi"}}).status, 200);
  auto blocked = c.get(units("SH-KCQ-01-C01") + "/members");
  EXPECT_EQ(error_code(blocked), "totp_setup_required");
  auto setup = c.post("/api/v1/me/totp/setup", nlohmann::json::object());
  ASSERT_EQ(setup.status, 200) << setup.body;
  auto secret = crypto::base32_decode(setup.json()["secret"].get<std::string>()).value();
  EXPECT_EQ(c.post("/api/v1/me/totp/confirm", {{"code", "000000"}}).status, 422);
  auto code = crypto::totp_code(secret, timeutil::now_unix());
  ASSERT_EQ(c.post("/api/v1/me/totp/confirm", {{"code", code}}).status, 200);
  EXPECT_EQ(c.get(units("SH-KCQ-01-C01") + "/members").status, 200);

  Client again(server_->port());
  auto no_code = again.sign_in("haiyeuto", "Chibo2026moi");
  EXPECT_EQ(no_code.status, 401);
  EXPECT_EQ(error_code(no_code), "totp_required");
  EXPECT_EQ(error_code(again.sign_in("haiyeuto", "Chibo2026moi", "123456")), "totp_required");
  // The next step's code (the one just used cannot be replayed).
  auto next = crypto::totp_code(secret, timeutil::now_unix() + 30);
  EXPECT_EQ(again.sign_in("haiyeuto", "Chibo2026moi", next).status, 200);
}

TEST_F(ApiTest, ImportDryRunListsBadRowsThenImportsAndReimportUpdates) {
  auto c = signed_in("bithu");
  auto cell = units("SH-TP-01-C01");
  std::string bad =
      "Họ và tên,Ngày sinh,Giới tính,Ngày vào Đảng,Ngày chính thức,Số thẻ đảng viên,Số CCCD,Điện thoại\n"
      "Phạm Văn Nhập,12/05/1985,Nam,03/02/2010,03/02/2011,88000001,034085000123,0987000001\n"
      "Hoàng Thị Lỗi,31/02/1990,Nữ,03/02/2010,,88000002,,\n"
      "Vũ Văn Thẻ,01/01/1980,Nam,01/01/2005,01/01/2006,88000001,,\n";
  auto dry = c.request("POST", cell + "/imports?dry_run=1", bad, {{"Content-Type", "text/csv"}, {"X-CSRF-Token", c.csrf}});
  ASSERT_EQ(dry.status, 200) << dry.body;
  auto report = dry.json();
  EXPECT_EQ(report["total_rows"], 3);
  EXPECT_EQ(report["valid_rows"], 1);
  ASSERT_GE(report["errors"].size(), 2u);
  EXPECT_EQ(report["errors"][0]["row"], 3);
  EXPECT_EQ(report["errors"][0]["column"], "Ngày sinh");
  // A real run of a file with bad rows writes nothing.
  auto count_before = c.get(cell).json()["member_count"].get<int>();
  std::string good =
      "Họ và tên,Ngày sinh,Giới tính,Ngày vào Đảng,Ngày chính thức,Số thẻ đảng viên,Số CCCD,Điện thoại\n"
      "Phạm Văn Nhập,12/05/1985,Nam,03/02/2010,03/02/2011,88000001,034085000123,0987000001\n"
      "Hoàng Thị Lỗi,28/02/1990,Nữ,03/02/2024,,88000002,,\n";
  auto run = [&](const std::string& body) {
    auto started = c.request("POST", cell + "/imports", body, {{"Content-Type", "text/csv"}, {"X-CSRF-Token", c.csrf}});
    EXPECT_EQ(started.status, 202) << started.body;
    auto job = started.json()["job_id"].get<int>();
    nlohmann::json st;
    for (int i = 0; i < 200; ++i) {
      st = c.get("/api/v1/imports/" + std::to_string(job)).json();
      if (st["state"] != "running") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return st;
  };
  auto failed = run(bad);
  EXPECT_EQ(failed["state"], "done");
  EXPECT_FALSE(failed["report"]["applied"].get<bool>());
  EXPECT_EQ(c.get(cell).json()["member_count"].get<int>(), count_before);
  auto done = run(good);
  ASSERT_EQ(done["state"], "done") << done.dump();
  EXPECT_TRUE(done["report"]["applied"].get<bool>());
  EXPECT_EQ(done["report"]["to_insert"], 2);
  EXPECT_EQ(c.get(cell).json()["member_count"].get<int>(), count_before + 2);
  // Same file again: updates by card number, no duplicates.
  auto again = run(good);
  EXPECT_EQ(again["report"]["to_update"], 2);
  EXPECT_EQ(again["report"]["to_insert"], 0);
  EXPECT_EQ(c.get(cell).json()["member_count"].get<int>(), count_before + 2);
  // Export has them; the template downloads.
  auto csv = c.get(cell + "/export?format=csv");
  EXPECT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("Phạm Văn Nhập"), std::string::npos);
  auto xlsx = c.get(cell + "/export?format=xlsx");
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(c.get("/api/v1/imports/template?format=xlsx").status, 200);
  // Another cell's import is refused without revealing it.
  EXPECT_EQ(c.request("POST", units("SH-TP-02-C01") + "/imports?dry_run=1", good,
                      {{"Content-Type", "text/csv"}, {"X-CSRF-Token", c.csrf}}).status, 404);
}

TEST_F(ApiTest, PositionsAndTransfersFollowTheRules) {
  auto c = signed_in("danguy");
  auto cell = units("SH-TP-01-C03");
  auto members = c.get(cell + "/members?limit=2").json()["members"];
  ASSERT_EQ(members.size(), 2u);
  auto member_id = members[0]["id"].get<int>();
  // The cell already has a secretary: a second one is refused with a clear conflict.
  auto second = c.post(cell + "/positions", {{"member_id", member_id}, {"position", "secretary"}});
  EXPECT_EQ(second.status, 409) << second.body;
  EXPECT_EQ(c.post(cell + "/positions", {{"member_id", member_id}, {"position", "chairman"}}).status, 422);
  auto added = c.post(cell + "/positions", {{"member_id", member_id}, {"position", "committee_member"},
                                            {"term_from", "2025-09-01"}});
  ASSERT_EQ(added.status, 201) << added.body;
  auto pid = std::to_string(added.json()["id"].get<int>());
  EXPECT_EQ(c.post("/api/v1/positions/" + pid + "/end", {{"date", "2025-01-01"}}).status, 422);  // before the start
  EXPECT_EQ(c.post("/api/v1/positions/" + pid + "/end", {{"date", "2025-12-31"}}).status, 200);
  EXPECT_EQ(c.post("/api/v1/positions/" + pid + "/end", nlohmann::json::object()).status, 409);  // already ended
  // Transfer to another cell in scope; outside the scope the target is unknown.
  auto moved = c.post("/api/v1/members/" + std::to_string(member_id) + "/transfer", {{"unit_id", unit("SH-TP-01-C02")}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json()["unit_code"], "SH-TP-01-C02");
  EXPECT_EQ(c.post("/api/v1/members/" + std::to_string(member_id) + "/transfer", {{"unit_id", unit("SH-TP-02-C01")}}).status,
            404);
}

TEST_F(ApiTest, EveryAuthenticatedEndpointRefusesAnonymousCalls) {
  Client c(server_->port());
  for (const char* path : {"/api/v1/me", "/api/v1/units", "/api/v1/units/1", "/api/v1/units/1/children",
                           "/api/v1/units/1/members", "/api/v1/members/1", "/api/v1/audit", "/api/v1/sessions"}) {
    auto r = c.get(path);
    EXPECT_EQ(r.status, 401) << path;
    EXPECT_EQ(error_code(r), "unauthenticated") << path;
  }
}

}  // namespace
}  // namespace sotay::testing
