// Reading records, favourites, required reading, reminders and reading statistics over HTTP,
// against a real `sotay serve` on the backend chosen by SOTAY_TEST_DB, with the small demo
// province and documents written by testing/library_fixtures.
#include <gtest/gtest.h>

#include "demo_server_fixture.h"
#include "domain/org_tree.h"
#include "io/table.h"
#include "test_client.h"
#include "testing/library_fixtures.h"
#include "util/time.h"

namespace sotay::testing {
namespace {

using nlohmann::json;

class ReadingApiTest : public DemoServerTest {
 protected:
  static std::int64_t unit(const std::string& code) { return org::find_by_code(*db_, code).value().id; }
  static std::int64_t new_document(const std::string& title) {
    return add_published_document(*db_, title, {unit("SH")});
  }
  static json event(std::int64_t id, std::int64_t opened_at, std::int64_t seconds, bool end,
                    const std::string& kind = "document") {
    return {{"item_kind", kind}, {"item_id", id}, {"opened_at", opened_at}, {"seconds", seconds}, {"reached_end", end}};
  }
  static std::string doc_path(std::int64_t id) { return "/api/v1/documents/" + std::to_string(id); }
};

TEST_F(ReadingApiTest, EventsAreMergedIdempotentlyAndUnknownItemsSkipped) {
  auto doc = new_document("Nghị quyết về đọc tài liệu");
  auto c = signed_in("dangvien");
  auto now = timeutil::now_unix();
  json body = {{"events", json::array({event(doc, now - 600, 30, false), event(doc, now - 300, 240, true),
                                       event(987654, now, 5, false), event(987654, now, 5, false, "news")})}};
  auto r = c.post("/api/v1/reading/events", body);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["accepted"], 2);
  EXPECT_EQ(r.json()["skipped"], 2);
  auto again = c.post("/api/v1/reading/events", body);
  EXPECT_EQ(again.body, r.body);
  auto record = db_->read_value([&](db::Connection& conn) {
    return conn
        .query(
            "SELECT r.first_opened_at, r.last_opened_at, r.seconds, r.reached_end_at FROM reading_records r "
            "JOIN accounts a ON a.member_id = r.member_id WHERE a.login = 'dangvien' AND r.item_kind = 'document' "
            "AND r.item_id = $1",
            {doc})
        .one();
  });
  EXPECT_EQ(record.integer(0), now - 600);
  EXPECT_EQ(record.integer(1), now - 300);
  EXPECT_EQ(record.integer(2), 240);
  EXPECT_EQ(record.integer(3), now - 300);
  auto unknown_stored = db_->read_value([](db::Connection& conn) {
    return conn.query("SELECT COUNT(*) FROM reading_records WHERE item_id = 987654").one().integer(0);
  });
  EXPECT_EQ(unknown_stored, 0);
}

TEST_F(ReadingApiTest, MalformedEventBatchesAre400InVietnamese) {
  auto doc = new_document("Chỉ thị kiểm tra dữ liệu");
  auto c = signed_in("dangvien");
  auto now = timeutil::now_unix();
  auto raw = [&](const std::string& body, const std::string& type = "application/json") {
    return c.request("POST", "/api/v1/reading/events", body, {{"Content-Type", type}, {"X-CSRF-Token", c.csrf}});
  };
  auto expect_400 = [&](const HttpResult& r, const std::string& needle = "") {
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(error_code(r), "bad_request") << r.body;
    EXPECT_FALSE(error_message(r).empty());
    if (!needle.empty()) {
      EXPECT_NE(error_message(r).find(needle), std::string::npos) << error_message(r);
    }
  };
  expect_400(raw("{\"events\": [ {"), "JSON");
  expect_400(raw("[]"));
  expect_400(c.post("/api/v1/reading/events", json::object()), "events");
  expect_400(c.post("/api/v1/reading/events", {{"events", "nhiều"}}), "danh sách");
  expect_400(c.post("/api/v1/reading/events", {{"events", json::array()}}), "ít nhất");
  json many = json::array();
  for (int i = 0; i < 501; ++i) many.push_back(event(doc, now, i, false));
  expect_400(c.post("/api/v1/reading/events", {{"events", many}}), "tối đa 500");
  many.erase(many.end() - 1);
  auto ok = c.post("/api/v1/reading/events", {{"events", many}});
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["accepted"], 500);

  auto one = [&](json e) { return c.post("/api/v1/reading/events", {{"events", json::array({e})}}); };
  auto e = event(doc, now, 1, false);
  auto with = [&](const char* key, json v) {
    auto x = e;
    x[key] = std::move(v);
    return x;
  };
  expect_400(one(with("item_id", "12")), "item_id");
  expect_400(one(with("opened_at", 1.5)), "opened_at");
  expect_400(one(with("seconds", -1)), "seconds");
  expect_400(one(with("reached_end", "true")), "reached_end");
  expect_400(one(with("item_kind", "video")), "item_kind");
  expect_400(one(with("page", 3)), "page");
  auto missing = e;
  missing.erase("reached_end");
  expect_400(one(missing), "reached_end");
  expect_400(one(json::array({1, 2})), "Sự kiện thứ 1");
  expect_400(c.post("/api/v1/reading/events", {{"events", json::array({e})}, {"device", "x"}}), "device");
  EXPECT_EQ(raw("{\"events\":[]}", "text/plain").status, 415);
}

TEST_F(ReadingApiTest, FavouritesNeedAReadableItem) {
  auto doc = new_document("Quy định về yêu thích");
  auto c = signed_in("dangvien");
  auto path = "/api/v1/favourites/document/" + std::to_string(doc);
  auto put = c.send("PUT", path, json::object());
  EXPECT_EQ(put.status, 204) << put.body;
  EXPECT_TRUE(put.body.empty());
  EXPECT_EQ(c.send("PUT", path, json::object()).status, 204);
  auto count = [&] {
    return db_->read_value([&](db::Connection& conn) {
      return conn.query("SELECT COUNT(*) FROM favourites WHERE item_kind = 'document' AND item_id = $1", {doc})
          .one()
          .integer(0);
    });
  };
  EXPECT_EQ(count(), 1);
  EXPECT_EQ(c.send("DELETE", path, json::object()).status, 204);
  EXPECT_EQ(count(), 0);
  auto unknown = c.send("PUT", "/api/v1/favourites/document/998877", json::object());
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(error_message(unknown), "Không tìm thấy văn bản này.");
  EXPECT_EQ(c.send("PUT", "/api/v1/favourites/video/" + std::to_string(doc), json::object()).status, 404);
  // A document addressed to another cell only.
  auto other = add_published_document(*db_, "Kế hoạch riêng của chi bộ khác", {unit("SH-TP-02-C01")});
  EXPECT_EQ(c.send("PUT", "/api/v1/favourites/document/" + std::to_string(other), json::object()).status, 404);
}

TEST_F(ReadingApiTest, RequiredReadingScopeListAndReminders) {
  auto doc = new_document("Kết luận bắt buộc đọc");
  auto cell = unit("SH-TP-01-C01");
  auto deadline = timeutil::add_days(timeutil::today(), 7);
  auto committee = signed_in("danguy");
  auto created = committee.post(doc_path(doc) + "/required",
                                {{"unit_id", cell}, {"deadline", deadline}, {"note", "Trước kỳ họp"}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto rr = created.json();
  EXPECT_EQ(rr["document_id"], doc);
  EXPECT_EQ(rr["unit_id"], cell);
  EXPECT_EQ(rr["deadline"], deadline);
  EXPECT_EQ(rr["note"], "Trước kỳ họp");

  // Refusals.
  auto member = signed_in("dangvien");
  auto by_member = member.post(doc_path(doc) + "/required", {{"unit_id", cell}, {"deadline", deadline}});
  EXPECT_EQ(by_member.status, 403);
  EXPECT_FALSE(error_message(by_member).empty());
  auto bithu = signed_in("bithu");
  auto other_cell =
      bithu.post(doc_path(doc) + "/required", {{"unit_id", unit("SH-TP-02-C01")}, {"deadline", deadline}});
  EXPECT_EQ(other_cell.status, 404);
  EXPECT_EQ(error_message(other_cell), "Không tìm thấy tổ chức đảng này.");
  auto past = committee.post(doc_path(doc) + "/required", {{"unit_id", cell}, {"deadline", "2020-01-01"}});
  EXPECT_EQ(past.status, 422);
  EXPECT_EQ(committee.post(doc_path(doc) + "/required", {{"unit_id", "một"}, {"deadline", deadline}}).status, 400);
  EXPECT_EQ(committee.post(doc_path(doc) + "/required", {{"unit_id", cell}, {"deadline", deadline}, {"x", 1}}).status,
            400);
  auto unknown = committee.post(doc_path(765432) + "/required", {{"unit_id", cell}, {"deadline", deadline}});
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(error_message(unknown), "Không tìm thấy văn bản này.");

  // The member's list.
  auto list = member.get("/api/v1/reading/required");
  ASSERT_EQ(list.status, 200) << list.body;
  const json* item = nullptr;
  auto items = list.json()["items"];
  for (const auto& it : items)
    if (it["document"]["id"] == doc) item = &it;
  ASSERT_NE(item, nullptr) << list.body;
  EXPECT_EQ((*item)["id"], rr["id"]);
  EXPECT_EQ((*item)["deadline"], deadline);
  EXPECT_EQ((*item)["overdue"], false);
  EXPECT_EQ((*item)["read"]["opened"], false);
  EXPECT_TRUE((*item)["reminded_at"].is_null());
  EXPECT_EQ((*item)["document"]["title"], "Kết luận bắt buộc đọc");
  EXPECT_EQ((*item)["document"]["required"]["deadline"], deadline);
  EXPECT_EQ((*item)["document"]["is_new"], false);

  // Reminders: everyone in the cell who has not read; a second call within a day reminds no one.
  auto remind_path = "/api/v1/required-readings/" + std::to_string(rr["id"].get<std::int64_t>()) + "/remind";
  auto first = committee.post(remind_path, json::object());
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_GT(first.json()["reminded"].get<int>(), 0);
  EXPECT_EQ(committee.post(remind_path, json::object()).json()["reminded"], 0);
  EXPECT_EQ(member.post(remind_path, json::object()).status, 403);  // their own cell: visible, not theirs to remind
  EXPECT_EQ(signed_in("bithu").post(remind_path, json::object()).status, 200);  // the cell committee may
  EXPECT_EQ(signed_in("bientap").post(remind_path, json::object()).status, 403);
  EXPECT_EQ(committee.post("/api/v1/required-readings/999999/remind", json::object()).status, 404);
  auto after = member.get("/api/v1/reading/required").json()["items"];
  bool reminded = false;
  for (const auto& it : after)
    if (it["document"]["id"] == doc) reminded = it["reminded_at"].is_number_integer();
  EXPECT_TRUE(reminded);
  auto audited = db_->read_value([](db::Connection& conn) {
    return conn.query("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'required_reading.%'").one().integer(0);
  });
  EXPECT_GE(audited, 3);
}

TEST_F(ReadingApiTest, StatsForCommitteesAndTheXlsxDownload) {
  auto doc = new_document("Hướng dẫn thống kê đọc");
  auto now = timeutil::now_unix();
  auto member = signed_in("dangvien");
  ASSERT_EQ(member.post("/api/v1/reading/events", {{"events", json::array({event(doc, now - 60, 300, true)})}}).status,
            200);
  auto base = unit("SH-TP-01");

  auto committee = signed_in("danguy");
  auto r = committee.get(doc_path(doc) + "/reading-stats?unit=" + std::to_string(base));
  ASSERT_EQ(r.status, 200) << r.body;
  auto s = r.json();
  EXPECT_EQ(s["unit"]["id"], base);
  EXPECT_GT(s["members"].get<int>(), 1);
  EXPECT_EQ(s["opened"], 1);
  EXPECT_EQ(s["reached_end"], 1);
  EXPECT_NEAR(s["rate"].get<double>(), 1.0 / s["members"].get<double>(), 1e-9);
  ASSERT_GT(s["children"].size(), 0u);
  int child_members = 0;
  for (const auto& ch : s["children"]) {
    EXPECT_TRUE(ch["unit"]["kind"].is_string());
    child_members += ch["members"].get<int>();
  }
  EXPECT_EQ(child_members, s["members"].get<int>());
  ASSERT_TRUE(s["not_read"].is_array());
  EXPECT_EQ(static_cast<int>(s["not_read"].size()), s["members"].get<int>() - 1);
  EXPECT_TRUE(s["required"].is_null());
  // Without ?unit the committee's own unit.
  EXPECT_EQ(committee.get(doc_path(doc) + "/reading-stats").json()["unit"]["id"], base);

  // Higher levels get counts only.
  auto province = signed_in("tinhuy");
  auto p = province.get(doc_path(doc) + "/reading-stats?unit=" + std::to_string(unit("SH")));
  ASSERT_EQ(p.status, 200) << p.body;
  EXPECT_TRUE(p.json()["not_read"].is_null());
  EXPECT_EQ(p.json()["reached_end"], 1);
  EXPECT_TRUE(province.get(doc_path(doc) + "/reading-stats?unit=" + std::to_string(base)).json()["not_read"].is_null());

  // Refusals, in Vietnamese.
  auto bithu = signed_in("bithu");
  auto other = bithu.get(doc_path(doc) + "/reading-stats?unit=" + std::to_string(unit("SH-TP-02-C01")));
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(error_message(other), "Không tìm thấy tổ chức đảng này.");
  EXPECT_TRUE(bithu.get(doc_path(doc) + "/reading-stats").json()["not_read"].is_array());  // its own cell
  auto by_member = member.get(doc_path(doc) + "/reading-stats");
  EXPECT_EQ(by_member.status, 403);
  EXPECT_FALSE(error_message(by_member).empty());
  auto unknown = committee.get(doc_path(123456) + "/reading-stats");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(error_message(unknown), "Không tìm thấy văn bản này.");
  EXPECT_EQ(committee.get(doc_path(doc) + "/reading-stats?unit=abc").status, 400);

  // The same table as a spreadsheet.
  auto x = committee.get(doc_path(doc) + "/reading-stats.xlsx?unit=" + std::to_string(base));
  ASSERT_EQ(x.status, 200) << x.body.substr(0, 200);
  EXPECT_EQ(x.headers["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_NE(x.headers["content-disposition"].find(".xlsx"), std::string::npos);
  ASSERT_GT(x.body.size(), 4u);
  EXPECT_EQ(x.body.substr(0, 2), "PK");
  auto table = io::read_xlsx(x.body);
  ASSERT_GE(table.size(), 2u);
  EXPECT_EQ(table[0][0], "Tổ chức đảng");
  EXPECT_EQ(table[0][5], "Tỷ lệ đọc hết (%)");
  EXPECT_EQ(member.get(doc_path(doc) + "/reading-stats.xlsx").status, 403);
}

}  // namespace
}  // namespace sotay::testing
