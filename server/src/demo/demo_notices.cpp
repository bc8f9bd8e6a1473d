#include "demo/demo_notices.h"

#include "domain/auth.h"
#include "domain/notices.h"
#include "store/accounts_store.h"
#include "store/notices_store.h"
#include "util/time.h"

namespace sotay::demo {

namespace {

struct DemoNotice {
  const char* login;  // the demo committee that sends it (to the unit of its grant)
  const char* title;
  const char* body;
  const char* priority;
  bool require_ack;
  std::int64_t ack_within;  // seconds after sending; 0 = no deadline
};

constexpr DemoNotice kNotices[] = {
    {"danguy", "Lịch sinh hoạt chi bộ định kỳ tháng này",
     "Các chi bộ trực thuộc sinh hoạt định kỳ vào ngày 5 hằng tháng, bắt đầu lúc 8 giờ tại nhà văn hóa thôn.\n"
     "Tài liệu sinh hoạt được đăng trên Sổ tay trước một ngày; đề nghị các đồng chí đọc trước.\n"
     "Đồng chí nào vắng mặt báo với bí thư chi bộ trước buổi sinh hoạt.",
     "normal", false, 0},
    {"tinhuy", "Triển khai kiểm điểm, đánh giá chất lượng đảng viên cuối năm",
     "Thực hiện kế hoạch của Tỉnh ủy, các tổ chức đảng hoàn thành kiểm điểm, đánh giá, xếp loại chất lượng "
     "đảng viên trước ngày 20 tháng 12.\n"
     "Mỗi đảng viên tự kiểm điểm theo mẫu và nộp cho chi bộ; chi bộ họp xét và báo cáo cấp ủy cấp trên.\n"
     "Đề nghị các đồng chí bấm \"Đã nhận\" để xác nhận đã nắm được thông báo này.",
     "urgent", true, 7 * 24 * 3600},
};

}  // namespace

int load_demo_notices(db::Database& db) {
  if (db.read_value([](db::Connection& c) { return store::has_notices(c); })) return 0;
  int sent = 0;
  const auto now = timeutil::now_unix();
  for (const auto& n : kNotices) {
    auto actor = db.read_value([&](db::Connection& c) -> std::optional<Actor> {
      auto account = store::find_account_by_login(c, n.login);
      if (!account) return std::nullopt;
      return auth::load_actor(c, *account);
    });
    if (!actor) continue;
    notices::NoticeInput in;
    in.title = n.title;
    in.body = n.body;
    in.priority = n.priority;
    in.require_ack = n.require_ack;
    if (n.ack_within) in.ack_deadline = now + n.ack_within;
    for (const auto& g : actor->grants)
      if (g.role != Role::member && g.unit_id) in.audience.units.push_back(*g.unit_id);
    if (in.audience.units.empty()) continue;
    notices::create(db, *actor, in, now, {});
    ++sent;
  }
  return sent;
}

}  // namespace sotay::demo
