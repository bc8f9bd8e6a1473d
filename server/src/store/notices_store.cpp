#include "store/notices_store.h"

#include <map>
#include <unordered_map>

#include "store/sql_params.h"
#include "store/units_store.h"

namespace sotay::store {

namespace {

constexpr const char* kNoticeColumns =
    "n.id, n.sender_account_id, n.sender_unit_id, u.name, u.path, u.kind, n.title, n.body, n.priority, "
    "n.require_ack, n.ack_deadline, n.audience_json, n.documents_json, n.state, n.send_at, n.created_at, n.sent_at, "
    "n.version, n.recalled_at, n.recall_reason, n.recipients, n.reminders_sent, n.next_reminder_at";
constexpr std::size_t kNoticeColumnCount = 23;

NoticeRow notice_from(const db::Row& r) {
  NoticeRow n;
  n.id = r.integer(0);
  n.sender_account_id = r.integer(1);
  n.sender_unit_id = r.integer(2);
  n.sender_unit_name = r.text(3);
  n.sender_unit_path = r.text(4);
  n.sender_unit_kind = r.text(5);
  n.title = r.text(6);
  n.body = r.text(7);
  n.priority = r.text(8);
  n.require_ack = r.boolean(9);
  n.ack_deadline = r.opt_integer(10);
  n.audience_json = r.text(11);
  n.documents_json = r.text(12);
  n.state = r.text(13);
  n.send_at = r.integer(14);
  n.created_at = r.integer(15);
  n.sent_at = r.opt_integer(16);
  n.version = r.integer(17);
  n.recalled_at = r.opt_integer(18);
  n.recall_reason = r.opt_text(19);
  n.recipients = r.integer(20);
  n.reminders_sent = r.integer(21);
  n.next_reminder_at = r.opt_integer(22);
  return n;
}

std::vector<std::int64_t> ids_of(const db::Result& res) {
  std::vector<std::int64_t> out;
  out.reserve(res.rows.size());
  for (const auto& r : res.rows) out.push_back(r.integer(0));
  return out;
}


// "(u.path >= $a AND u.path < $b) OR …": units u inside any of the subtrees `paths`, each one
// index range on units.path up to subtree_upper; appends the bounds. "" when there are no paths.
std::string subtree_condition(const std::vector<std::string>& paths, db::Params& params) {
  std::string out;
  for (const auto& path : paths) {
    if (!out.empty()) out += " OR ";
    params.emplace_back(path);
    params.emplace_back(subtree_upper(path));
    out += "(u.path >= $" + std::to_string(params.size() - 1) + " AND u.path < $" + std::to_string(params.size()) + ")";
  }
  return out;
}

// The WHERE condition over members m (joined to units u) of an audience; appends its values.
std::string audience_condition(const AudienceFilter& a, db::Params& params) {
  const auto subtree = subtree_condition(a.unit_paths, params);
  std::string cond;
  if (!subtree.empty()) {
    cond = "(" + subtree + ")";
    if (!a.positions.empty()) {
      std::string list;
      for (const auto& p : a.positions) list += (list.empty() ? "" : ",") + arg(params, p);
      cond += " AND EXISTS (SELECT 1 FROM positions p WHERE p.member_id = m.id AND p.term_to IS NULL AND p.position IN (" +
              list + "))";
    }
    cond = "(" + cond + ")";
  }
  if (!a.member_ids.empty()) {
    if (!cond.empty()) cond += " OR ";
    cond += "m.id IN (" + in_list(params, a.member_ids) + ")";
  }
  if (cond.empty()) cond = "1 = 0";
  return "m.status IN ('official','probationary') AND (" + cond + ")";
}

constexpr const char* kInboxColumns = ", r.delivered_at, r.read_at, r.acked_at, r.member_id";

InboxRow inbox_from(const db::Row& r) {
  InboxRow out;
  out.notice = notice_from(r);
  out.delivered_at = r.opt_integer(kNoticeColumnCount);
  out.read_at = r.opt_integer(kNoticeColumnCount + 1);
  out.acked_at = r.opt_integer(kNoticeColumnCount + 2);
  out.member_id = r.integer(kNoticeColumnCount + 3);
  return out;
}


constexpr const char* kCountColumns =
    "COUNT(*), COUNT(r.delivered_at), COUNT(r.read_at), COUNT(r.acked_at)";

NoticeCountsRow counts_from(const db::Row& r, std::size_t first) {
  return {r.integer(first), r.integer(first + 1), r.integer(first + 2), r.integer(first + 3)};
}

}  // namespace

std::int64_t insert_notice(db::Connection& c, const NoticeRow& n) {
  return c.query(
              "INSERT INTO notices(sender_account_id, sender_unit_id, title, body, priority, require_ack, ack_deadline, "
              "audience_json, documents_json, state, send_at, created_at) "
              "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) RETURNING id",
              {n.sender_account_id ? db::Value(n.sender_account_id) : db::Value(), n.sender_unit_id, n.title, n.body, n.priority, std::int64_t{n.require_ack},
               db::nullable(n.ack_deadline), n.audience_json, n.documents_json, n.state, n.send_at, n.created_at})
      .one()
      .integer(0);
}

std::optional<NoticeRow> find_notice(db::Connection& c, std::int64_t id) {
  static const std::string sql =
      std::string("SELECT ") + kNoticeColumns + " FROM notices n JOIN units u ON u.id = n.sender_unit_id WHERE n.id = $1";
  auto res = c.query(sql, {id});
  if (res.empty()) return std::nullopt;
  return notice_from(res.rows[0]);
}

bool has_notices(db::Connection& c) { return !c.query("SELECT 1 FROM notices LIMIT 1").empty(); }

void mark_notice_sent(db::Connection& c, std::int64_t id, std::int64_t sent_at, std::int64_t recipients,
                      std::optional<std::int64_t> next_reminder_at) {
  c.query("UPDATE notices SET state = 'sent', sent_at = $2, recipients = $3, next_reminder_at = $4 WHERE id = $1",
          {id, sent_at, recipients, db::nullable(next_reminder_at)});
}

bool claim_scheduled_notice(db::Connection& c, std::int64_t id) {
  return c.query("UPDATE notices SET state = 'sending' WHERE id = $1 AND state = 'scheduled'", {id}).affected == 1;
}

bool cancel_scheduled_notice(db::Connection& c, std::int64_t id) {
  return c.query("UPDATE notices SET state = 'cancelled' WHERE id = $1 AND state = 'scheduled'", {id}).affected == 1;
}

void update_notice_text(db::Connection& c, std::int64_t id, const std::string& title, const std::string& body,
                        std::int64_t version) {
  c.query("UPDATE notices SET title = $2, body = $3, version = $4 WHERE id = $1", {id, title, body, version});
}

void set_notice_recalled(db::Connection& c, std::int64_t id, std::int64_t at, const std::string& reason) {
  c.query("UPDATE notices SET recalled_at = $2, recall_reason = $3, next_reminder_at = NULL WHERE id = $1",
          {id, at, reason});
}

void set_notice_reminder(db::Connection& c, std::int64_t id, std::int64_t reminders_sent,
                         std::optional<std::int64_t> next_reminder_at) {
  c.query("UPDATE notices SET reminders_sent = $2, next_reminder_at = $3 WHERE id = $1",
          {id, reminders_sent, db::nullable(next_reminder_at)});
}

std::vector<std::int64_t> scheduled_notices_due(db::Connection& c, std::int64_t now) {
  return ids_of(c.query("SELECT id FROM notices WHERE state = 'scheduled' AND send_at <= $1 ORDER BY send_at, id", {now}));
}

std::vector<std::int64_t> notices_sending(db::Connection& c) {
  return ids_of(c.query("SELECT id FROM notices WHERE state = 'sending' ORDER BY id"));
}

std::vector<std::int64_t> notice_reminders_due(db::Connection& c, std::int64_t now) {
  return ids_of(c.query(
      "SELECT id FROM notices WHERE next_reminder_at IS NOT NULL AND next_reminder_at <= $1 ORDER BY next_reminder_at",
      {now}));
}

void insert_notice_version(db::Connection& c, std::int64_t notice_id, const NoticeVersionRow& v,
                           std::optional<std::int64_t> changed_by) {
  c.query(
      "INSERT INTO notice_versions(notice_id, version, change, title, body, note, changed_at, changed_by) "
      "VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
      {notice_id, v.version, v.change, v.title, v.body, v.note, v.changed_at, db::nullable(changed_by)});
}

std::vector<NoticeVersionRow> notice_versions(db::Connection& c, std::int64_t notice_id) {
  std::vector<NoticeVersionRow> out;
  for (const auto& r : c.query("SELECT version, change, title, body, note, changed_at FROM notice_versions "
                               "WHERE notice_id = $1 ORDER BY changed_at, version",
                               {notice_id})
                           .rows)
    out.push_back({r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4), r.integer(5)});
  return out;
}

// ---- audience and fan-out -----------------------------------------------------------------------

std::int64_t count_audience(db::Connection& c, const AudienceFilter& a) {
  db::Params params;
  auto cond = audience_condition(a, params);
  return c.query("SELECT COUNT(*) FROM members m JOIN units u ON u.id = m.unit_id WHERE " + cond, params).one().integer(0);
}

std::int64_t fan_out_window(db::Connection& c, std::int64_t notice_id, const AudienceFilter& a,
                            std::int64_t after_member_id, std::int64_t upto_member_id) {
  db::Params params{notice_id, after_member_id, upto_member_id};
  auto cond = audience_condition(a, params);
  // The units join sees the subtree as it is now; unit_id records where the member sat when sent.
  return c.query("INSERT INTO notice_recipients(notice_id, member_id, unit_id) "
                 "SELECT $1, m.id, m.unit_id FROM members m JOIN units u ON u.id = m.unit_id "
                 "WHERE m.id > $2 AND m.id <= $3 AND " + cond +
                     " ON CONFLICT (notice_id, member_id) DO NOTHING",
                 params)
      .affected;
}

std::int64_t max_member_id(db::Connection& c) {
  return c.query("SELECT COALESCE(MAX(id), 0) FROM members").one().integer(0);
}

std::int64_t count_recipients(db::Connection& c, std::int64_t notice_id) {
  return c.query("SELECT COUNT(*) FROM notice_recipients WHERE notice_id = $1", {notice_id}).one().integer(0);
}

std::vector<MemberScopeRow> members_with_paths(db::Connection& c, const std::vector<std::int64_t>& ids) {
  std::vector<MemberScopeRow> out;
  in_slices(ids, [&](const std::vector<std::int64_t>& slice) {
    db::Params params;
    auto list = in_list(params, slice);
    for (const auto& r : c.query("SELECT m.id, m.full_name, u.path, m.status FROM members m JOIN units u ON u.id = m.unit_id "
                                 "WHERE m.id IN (" + list + ")",
                                 params)
                             .rows)
      out.push_back({r.integer(0), r.text(1), r.text(2), r.text(3)});
  });
  return out;
}

// ---- events ------------------------------------------------------------------------------------

std::int64_t insert_notice_event(db::Connection& c, std::int64_t notice_id, const std::string& event, std::int64_t at) {
  auto id = c.query("INSERT INTO notice_events(notice_id, event, at) VALUES ($1,$2,$3) RETURNING id",
                    {notice_id, event, at})
                .one()
                .integer(0);
  if (c.dialect() == db::Dialect::postgres)
    c.query("SELECT pg_notify($1, $2)", {std::string(kNoticeChannel), std::to_string(id)});
  return id;
}

std::optional<NoticeEventRow> find_notice_event(db::Connection& c, std::int64_t id) {
  auto res = c.query("SELECT id, notice_id, event, at FROM notice_events WHERE id = $1", {id});
  if (res.empty()) return std::nullopt;
  const auto& r = res.rows[0];
  return NoticeEventRow{r.integer(0), r.integer(1), r.text(2), r.integer(3)};
}

std::optional<std::int64_t> last_notice_event_at(db::Connection& c, std::int64_t notice_id, const std::string& event) {
  return c.query("SELECT MAX(at) FROM notice_events WHERE notice_id = $1 AND event = $2", {notice_id, event})
      .one()
      .opt_integer(0);
}

std::vector<NoticeEventRow> notice_events_since(db::Connection& c, std::int64_t at) {
  std::vector<NoticeEventRow> out;
  for (const auto& r :
       c.query("SELECT id, notice_id, event, at FROM notice_events WHERE at >= $1 ORDER BY id", {at}).rows)
    out.push_back({r.integer(0), r.integer(1), r.text(2), r.integer(3)});
  return out;
}

std::int64_t last_notice_event_id(db::Connection& c) {
  return c.query("SELECT COALESCE(MAX(id), 0) FROM notice_events").one().integer(0);
}

std::vector<NoticeTarget> notice_targets(db::Connection& c, std::int64_t notice_id,
                                         std::optional<std::int64_t> reminded_at) {
  std::string sql =
      "SELECT a.id, r.member_id FROM notice_recipients r JOIN accounts a ON a.member_id = r.member_id "
      "WHERE r.notice_id = $1 AND a.disabled = 0";
  db::Params params{notice_id};
  if (reminded_at) {
    sql += " AND r.reminded_at = $2 AND r.acked_at IS NULL";
    params.emplace_back(*reminded_at);
  }
  std::vector<NoticeTarget> out;
  auto res = c.query(sql, params);
  out.reserve(res.rows.size());
  for (const auto& r : res.rows) out.push_back({r.integer(0), r.integer(1)});
  return out;
}

// ---- inbox -------------------------------------------------------------------------------------

namespace {
constexpr const char* kToAck = " AND r.acked_at IS NULL AND n.require_ack <> 0 AND n.recalled_at IS NULL";
}  // namespace

std::vector<InboxRow> inbox(db::Connection& c, std::int64_t member_id, InboxShow show, std::optional<std::int64_t> before,
                            int limit) {
  // Walks the member's rows newest first (index notice_recipients_member); a filter only skips rows.
  static const std::string base = std::string("SELECT ") + kNoticeColumns + kInboxColumns +
                                  " FROM notice_recipients r JOIN notices n ON n.id = r.notice_id "
                                  "JOIN units u ON u.id = n.sender_unit_id "
                                  "WHERE r.member_id = $1 AND r.notice_id < $2";
  static const std::string order = " ORDER BY r.notice_id DESC LIMIT $3";
  static const std::string all = base + order, unread = base + " AND r.read_at IS NULL" + order,
                           to_ack = base + kToAck + order;
  const auto& sql = show == InboxShow::unread ? unread : show == InboxShow::to_ack ? to_ack : all;
  std::vector<InboxRow> out;
  for (const auto& r : c.query(sql, {member_id, before.value_or(INT64_MAX), std::int64_t{limit}}).rows)
    out.push_back(inbox_from(r));
  return out;
}

std::int64_t to_ack_count(db::Connection& c, std::int64_t member_id) {
  static const std::string sql =
      std::string("SELECT COUNT(*) FROM notice_recipients r JOIN notices n ON n.id = r.notice_id WHERE r.member_id = $1") +
      kToAck;
  return c.query(sql, {member_id}).one().integer(0);
}

std::optional<InboxRow> inbox_item(db::Connection& c, std::int64_t member_id, std::int64_t notice_id) {
  auto rows = inbox_items(c, {member_id}, notice_id);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::vector<InboxRow> inbox_items(db::Connection& c, const std::vector<std::int64_t>& member_ids,
                                  std::int64_t notice_id) {
  std::vector<InboxRow> out;
  in_slices(member_ids, [&](const std::vector<std::int64_t>& slice) {
    db::Params params{notice_id};
    auto list = in_list(params, slice);
    for (const auto& r : c.query(std::string("SELECT ") + kNoticeColumns + kInboxColumns +
                                     " FROM notice_recipients r JOIN notices n ON n.id = r.notice_id "
                                     "JOIN units u ON u.id = n.sender_unit_id "
                                     "WHERE r.notice_id = $1 AND r.member_id IN (" + list + ")",
                                 params)
                             .rows)
      out.push_back(inbox_from(r));
  });
  return out;
}

std::vector<std::pair<std::int64_t, InboxRow>> inbox_items_of_accounts(db::Connection& c, std::int64_t notice_id,
                                                                        const std::vector<std::int64_t>& account_ids,
                                                                        std::optional<std::int64_t> reminded_at) {
  std::vector<std::pair<std::int64_t, InboxRow>> out;
  // Two statements per slice, each over one primary key. As one join, PostgreSQL planned the
  // recipients as the outer side (its statistics know nothing of a notice fanned out a moment
  // ago) and walked the whole audience once per slice: 4 s for a province notice in the bench.
  in_slices(account_ids, [&](const std::vector<std::int64_t>& slice) {
    db::Params account_params;
    std::multimap<std::int64_t, std::int64_t> accounts_of;  // member → its connected accounts
    std::vector<std::int64_t> members;
    for (const auto& r : c.query("SELECT member_id, id FROM accounts WHERE disabled = 0 AND member_id IS NOT NULL "
                                 "AND id IN (" + in_list(account_params, slice) + ")",
                                 account_params)
                             .rows) {
      if (!accounts_of.count(r.integer(0))) members.push_back(r.integer(0));
      accounts_of.emplace(r.integer(0), r.integer(1));
    }
    if (members.empty()) return;
    db::Params params{notice_id};
    std::string sql = std::string("SELECT ") + kNoticeColumns + kInboxColumns +
                      " FROM notice_recipients r JOIN notices n ON n.id = r.notice_id "
                      "JOIN units u ON u.id = n.sender_unit_id "
                      "WHERE r.notice_id = $1 AND r.member_id IN (" + in_list(params, members) + ")";
    if (reminded_at) sql += " AND r.reminded_at = " + arg(params, *reminded_at) + " AND r.acked_at IS NULL";
    for (const auto& r : c.query(sql, params).rows) {
      auto row = inbox_from(r);
      auto [from, to] = accounts_of.equal_range(row.member_id);
      for (auto it = from; it != to; ++it) out.emplace_back(it->second, row);
    }
  });
  return out;
}

std::int64_t unread_count(db::Connection& c, std::int64_t member_id) {
  return c.query("SELECT COUNT(*) FROM notice_recipients WHERE member_id = $1 AND read_at IS NULL", {member_id})
      .one()
      .integer(0);
}

void mark_notice_read(db::Connection& c, std::int64_t notice_id, std::int64_t member_id, std::int64_t now) {
  c.query("UPDATE notice_recipients SET read_at = COALESCE(read_at, $3), delivered_at = COALESCE(delivered_at, $3) "
          "WHERE notice_id = $1 AND member_id = $2 AND (read_at IS NULL OR delivered_at IS NULL)",
          {notice_id, member_id, now});
}

bool mark_notice_acked(db::Connection& c, std::int64_t notice_id, std::int64_t member_id, std::int64_t now) {
  c.query("UPDATE notice_recipients SET acked_at = $3, read_at = COALESCE(read_at, $3), "
          "delivered_at = COALESCE(delivered_at, $3) WHERE notice_id = $1 AND member_id = $2 AND acked_at IS NULL",
          {notice_id, member_id, now});
  return !c.query("SELECT 1 FROM notice_recipients WHERE notice_id = $1 AND member_id = $2", {notice_id, member_id})
              .empty();
}

void mark_delivered(db::Connection& c, std::int64_t notice_id, const std::vector<std::int64_t>& member_ids,
                    std::int64_t now) {
  in_slices(member_ids, [&](const std::vector<std::int64_t>& slice) {
    db::Params params{notice_id, now};
    auto list = in_list(params, slice);
    c.query("UPDATE notice_recipients SET delivered_at = $2 WHERE notice_id = $1 AND delivered_at IS NULL "
            "AND member_id IN (" + list + ")",
            params);
  });
}

void mark_listed_delivered(db::Connection& c, std::int64_t member_id, const std::vector<std::int64_t>& notice_ids,
                           std::int64_t now) {
  in_slices(notice_ids, [&](const std::vector<std::int64_t>& slice) {
    db::Params params{member_id, now};
    auto list = in_list(params, slice);
    c.query("UPDATE notice_recipients SET delivered_at = $2 WHERE member_id = $1 AND delivered_at IS NULL "
            "AND notice_id IN (" + list + ")",
            params);
  });
}

void reset_notice_read(db::Connection& c, std::int64_t notice_id) {
  c.query("UPDATE notice_recipients SET read_at = NULL WHERE notice_id = $1 AND read_at IS NOT NULL", {notice_id});
}

std::int64_t remind_unacked(db::Connection& c, std::int64_t notice_id, std::int64_t now) {
  return c.query("UPDATE notice_recipients SET reminded_at = $2 WHERE notice_id = $1 AND acked_at IS NULL",
                 {notice_id, now})
      .affected;
}

// ---- follow-up -----------------------------------------------------------------------------------

std::vector<UnitNoticeCountsRow> notice_counts_by_unit(db::Connection& c, std::int64_t notice_id) {
  static const std::string sql = std::string("SELECT r.unit_id, u.path, ") + kCountColumns +
                                 " FROM notice_recipients r JOIN units u ON u.id = r.unit_id "
                                 "WHERE r.notice_id = $1 GROUP BY r.unit_id, u.path";
  std::vector<UnitNoticeCountsRow> out;
  for (const auto& r : c.query(sql, {notice_id}).rows) out.push_back({r.integer(0), r.text(1), counts_from(r, 2)});
  return out;
}

NoticeCountsRow notice_counts(db::Connection& c, std::int64_t notice_id) {
  static const std::string sql =
      std::string("SELECT ") + kCountColumns + " FROM notice_recipients r WHERE r.notice_id = $1";
  return counts_from(c.query(sql, {notice_id}).one(), 0);
}

namespace {
// FROM and WHERE of the recipients of a notice in the subtree `unit_path` who have not acknowledged
// (or read); sets params to its values.
std::string pending_where(std::int64_t notice_id, const std::string& unit_path, const std::string& what,
                          db::Params& params) {
  params = {notice_id};
  return " FROM notice_recipients r JOIN units u ON u.id = r.unit_id JOIN members m ON m.id = r.member_id "
         "WHERE r.notice_id = $1 AND " + subtree_condition({unit_path}, params) + " AND " +
         (what == "read" ? "r.read_at IS NULL" : "r.acked_at IS NULL");
}
}  // namespace

std::vector<PendingRow> pending_recipients(db::Connection& c, std::int64_t notice_id, const std::string& unit_path,
                                           const std::string& what, int limit) {
  db::Params params;
  auto sql = "SELECT m.id, m.full_name, u.name, r.read_at, r.reminded_at" +
             pending_where(notice_id, unit_path, what, params);
  params.emplace_back(std::int64_t{limit});
  sql += " ORDER BY u.path, m.sort_key LIMIT $" + std::to_string(params.size());
  std::vector<PendingRow> out;
  for (const auto& r : c.query(sql, params).rows)
    out.push_back({r.integer(0), r.text(1), r.text(2), r.opt_integer(3), r.opt_integer(4)});
  return out;
}

std::int64_t count_pending(db::Connection& c, std::int64_t notice_id, const std::string& unit_path,
                           const std::string& what) {
  db::Params params;
  auto sql = "SELECT COUNT(*)" + pending_where(notice_id, unit_path, what, params);
  return c.query(sql, params).one().integer(0);
}

std::vector<NoticeListRow> notices_in_scope(db::Connection& c, const std::vector<std::string>& scope_paths,
                                            std::optional<std::int64_t> before, int limit) {
  db::Params params{before.value_or(INT64_MAX), std::int64_t{limit}};
  const auto scope = subtree_condition(scope_paths, params);
  if (scope.empty()) return {};
  std::vector<NoticeListRow> out;
  std::vector<std::int64_t> ids;
  for (const auto& r : c.query(std::string("SELECT ") + kNoticeColumns +
                                   " FROM notices n JOIN units u ON u.id = n.sender_unit_id WHERE n.id < $1 AND (" +
                                   scope + ") ORDER BY n.id DESC LIMIT $2",
                               params)
                           .rows) {
    out.push_back({notice_from(r), {}});
    ids.push_back(out.back().notice.id);
  }
  // The page's counts in one grouped query, not one per notice; a notice nobody received has no
  // group and keeps zero counts.
  std::unordered_map<std::int64_t, NoticeCountsRow> counts;
  in_slices(ids, [&](const std::vector<std::int64_t>& slice) {
    db::Params in_params;
    auto list = in_list(in_params, slice);
    for (const auto& r : c.query(std::string("SELECT r.notice_id, ") + kCountColumns +
                                     " FROM notice_recipients r WHERE r.notice_id IN (" + list +
                                     ") GROUP BY r.notice_id",
                                 in_params)
                             .rows)
      counts[r.integer(0)] = counts_from(r, 1);
  });
  for (auto& row : out)
    if (auto it = counts.find(row.notice.id); it != counts.end()) row.counts = it->second;
  return out;
}

// ---- Web Push ----------------------------------------------------------------------------------

void save_push_subscription(db::Connection& c, const PushSubscriptionRow& s, std::int64_t now) {
  c.query(
      "INSERT INTO push_subscriptions(account_id, endpoint, p256dh, auth, user_agent, created_at) "
      "VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (endpoint) DO UPDATE SET account_id = excluded.account_id, "
      "p256dh = excluded.p256dh, auth = excluded.auth, user_agent = excluded.user_agent, failures = 0",
      {s.account_id, s.endpoint, s.p256dh, s.auth, s.user_agent, now});
}

void delete_push_subscription(db::Connection& c, std::int64_t account_id, const std::string& endpoint) {
  auto res = c.query("SELECT id FROM push_subscriptions WHERE account_id = $1 AND endpoint = $2", {account_id, endpoint});
  for (auto id : ids_of(res)) delete_push_subscription_by_id(c, id);
}

void delete_push_subscription_by_id(db::Connection& c, std::int64_t id) {
  c.query("DELETE FROM push_outbox WHERE subscription_id = $1", {id});
  c.query("DELETE FROM push_subscriptions WHERE id = $1", {id});
}

std::int64_t count_push_subscriptions(db::Connection& c, std::int64_t account_id) {
  return c.query("SELECT COUNT(*) FROM push_subscriptions WHERE account_id = $1", {account_id}).one().integer(0);
}

void push_subscription_ok(db::Connection& c, std::int64_t id, std::int64_t now) {
  c.query("UPDATE push_subscriptions SET last_ok_at = $2, failures = 0 WHERE id = $1", {id, now});
}

std::int64_t queue_notice_pushes(db::Connection& c, std::int64_t notice_id, const std::string& level, bool urgent,
                                 std::optional<std::int64_t> reminded_at, std::int64_t send_after, std::int64_t now) {
  std::string sql =
      "INSERT INTO push_outbox(subscription_id, notice_id, member_id, payload, urgency, attempts, next_attempt_at, "
      "created_at) SELECT s.id, r.notice_id, r.member_id, NULL, $2, 0, $3, $4 "
      "FROM notice_recipients r JOIN accounts a ON a.member_id = r.member_id AND a.disabled = 0 "
      "JOIN push_subscriptions s ON s.account_id = a.id WHERE r.notice_id = $1";
  db::Params params{notice_id, std::string(urgent ? "high" : "normal"), send_after, now};
  if (!urgent) {
    params.emplace_back(level);
    sql += " AND NOT EXISTS (SELECT 1 FROM notification_prefs p WHERE p.account_id = a.id AND p.topic = 'notices' "
           "AND p.level = $" + std::to_string(params.size()) + " AND p.push = 0)";
  }
  if (reminded_at) {
    params.emplace_back(*reminded_at);
    sql += " AND r.reminded_at = $" + std::to_string(params.size()) + " AND r.acked_at IS NULL";
  }
  return c.query(sql, params).affected;
}

std::vector<PushJobRow> claim_due_pushes(db::Connection& c, std::int64_t now, std::int64_t lease, int limit) {
  auto due = ids_of(c.query("SELECT id FROM push_outbox WHERE next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT $2",
                            {now, std::int64_t{limit}}));
  std::vector<PushJobRow> out;
  for (auto id : due) {
    // Conditional: a row another server leased meanwhile has moved on and is skipped.
    if (c.query("UPDATE push_outbox SET next_attempt_at = $2 WHERE id = $1 AND next_attempt_at <= $3",
                {id, now + lease, now})
            .affected != 1)
      continue;
    auto res = c.query(
        "SELECT o.id, s.id, s.account_id, s.endpoint, s.p256dh, s.auth, s.user_agent, o.notice_id, o.member_id, "
        "o.payload, o.urgency, o.attempts, "
        "(SELECT r.delivered_at FROM notice_recipients r WHERE r.notice_id = o.notice_id AND r.member_id = o.member_id "
        "AND r.delivered_at >= o.created_at) "
        "FROM push_outbox o JOIN push_subscriptions s ON s.id = o.subscription_id WHERE o.id = $1",
        {id});
    if (res.empty()) continue;
    const auto& r = res.rows[0];
    PushJobRow j;
    j.id = r.integer(0);
    j.subscription = {r.integer(1), r.integer(2), r.text(3), r.text(4), r.text(5), r.text(6)};
    j.notice_id = r.opt_integer(7);
    j.member_id = r.opt_integer(8);
    j.payload = r.opt_text(9);
    j.urgency = r.text(10);
    j.attempts = r.integer(11);
    j.delivered_live = !r.is_null(12);
    out.push_back(std::move(j));
  }
  return out;
}

void delete_push_job(db::Connection& c, std::int64_t id) { c.query("DELETE FROM push_outbox WHERE id = $1", {id}); }

void retry_push_job(db::Connection& c, std::int64_t id, std::int64_t attempts, std::int64_t next_attempt_at) {
  c.query("UPDATE push_outbox SET attempts = $2, next_attempt_at = $3 WHERE id = $1", {id, attempts, next_attempt_at});
}

std::int64_t count_push_jobs(db::Connection& c) { return c.query("SELECT COUNT(*) FROM push_outbox").one().integer(0); }

// ---- preferences and settings ---------------------------------------------------------------------

std::vector<NotificationPrefRow> notification_prefs(db::Connection& c, std::int64_t account_id) {
  std::vector<NotificationPrefRow> out;
  for (const auto& r : c.query("SELECT topic, level, push FROM notification_prefs WHERE account_id = $1 "
                               "ORDER BY topic, level",
                               {account_id})
                           .rows)
    out.push_back({r.text(0), r.text(1), r.boolean(2)});
  return out;
}

void replace_notification_prefs(db::Connection& c, std::int64_t account_id, const std::vector<NotificationPrefRow>& p) {
  c.query("DELETE FROM notification_prefs WHERE account_id = $1", {account_id});
  for (const auto& row : p)
    c.query("INSERT INTO notification_prefs(account_id, topic, level, push) VALUES ($1,$2,$3,$4) "
            "ON CONFLICT (account_id, topic, level) DO UPDATE SET push = excluded.push",
            {account_id, row.topic, row.level, std::int64_t{row.push}});
}

std::optional<std::string> server_setting(db::Connection& c, const std::string& name) {
  auto res = c.query("SELECT value FROM server_settings WHERE name = $1", {name});
  if (res.empty()) return std::nullopt;
  return res.rows[0].text(0);
}

void insert_server_setting_if_absent(db::Connection& c, const std::string& name, const std::string& value) {
  c.query("INSERT INTO server_settings(name, value) VALUES ($1,$2) ON CONFLICT (name) DO NOTHING", {name, value});
}

}  // namespace sotay::store
