// SQL for notices: the notice and its versions, the fan-out into inboxes, events for live
// delivery, follow-up counts, Web Push subscriptions and outbox, push preferences and the
// server's own settings (docs/decisions/0006-notices-and-live-delivery.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace sotay::store {

struct NoticeRow {
  std::int64_t id = 0;
  std::int64_t sender_account_id = 0;
  std::int64_t sender_unit_id = 0;
  std::string sender_unit_name, sender_unit_path, sender_unit_kind;
  std::string title, body, priority;
  bool require_ack = false;
  std::optional<std::int64_t> ack_deadline;
  std::string audience_json = "{}", documents_json = "[]";
  std::string state;
  std::int64_t send_at = 0, created_at = 0;
  std::optional<std::int64_t> sent_at;
  std::int64_t version = 1;
  std::optional<std::int64_t> recalled_at;
  std::optional<std::string> recall_reason;
  std::int64_t recipients = 0;
  std::int64_t reminders_sent = 0;
  std::optional<std::int64_t> next_reminder_at;
};

std::int64_t insert_notice(db::Connection& c, const NoticeRow& n);
std::optional<NoticeRow> find_notice(db::Connection& c, std::int64_t id);
// Whether any notice exists (the demo loads its notices only into an empty table).
bool has_notices(db::Connection& c);
// state 'sent' with sent_at and the recipient count; the first reminder time (urgent + ack).
void mark_notice_sent(db::Connection& c, std::int64_t id, std::int64_t sent_at, std::int64_t recipients,
                      std::optional<std::int64_t> next_reminder_at);
// scheduled → sending; false when another server (or request) got there first.
bool claim_scheduled_notice(db::Connection& c, std::int64_t id);
bool cancel_scheduled_notice(db::Connection& c, std::int64_t id);
void update_notice_text(db::Connection& c, std::int64_t id, const std::string& title, const std::string& body,
                        std::int64_t version);
void set_notice_recalled(db::Connection& c, std::int64_t id, std::int64_t at, const std::string& reason);
void set_notice_reminder(db::Connection& c, std::int64_t id, std::int64_t reminders_sent,
                         std::optional<std::int64_t> next_reminder_at);
std::vector<std::int64_t> scheduled_notices_due(db::Connection& c, std::int64_t now);
std::vector<std::int64_t> notices_sending(db::Connection& c);
std::vector<std::int64_t> notice_reminders_due(db::Connection& c, std::int64_t now);

struct NoticeVersionRow {
  std::int64_t version = 0;
  std::string change, title, body, note;
  std::int64_t changed_at = 0;
};
void insert_notice_version(db::Connection& c, std::int64_t notice_id, const NoticeVersionRow& v,
                           std::optional<std::int64_t> changed_by);
std::vector<NoticeVersionRow> notice_versions(db::Connection& c, std::int64_t notice_id);

// ---- audience and fan-out -----------------------------------------------------------------------

// The resolved audience, as SQL conditions: active members in the subtrees `unit_paths`
// (holding one of `positions` now, when given) plus `member_ids`; all inside `scope_paths`.
struct AudienceFilter {
  std::vector<std::string> unit_paths;
  std::vector<std::string> positions;
  std::vector<std::int64_t> member_ids;
};
std::int64_t count_audience(db::Connection& c, const AudienceFilter& a);
// Recipients with member ids in (after, upto], added once (ON CONFLICT DO NOTHING). Returns rows added.
std::int64_t fan_out_window(db::Connection& c, std::int64_t notice_id, const AudienceFilter& a,
                            std::int64_t after_member_id, std::int64_t upto_member_id);
std::int64_t max_member_id(db::Connection& c);
std::int64_t count_recipients(db::Connection& c, std::int64_t notice_id);

// Members by id with their unit path (the audience check).
struct MemberScopeRow {
  std::int64_t id = 0;
  std::string full_name, unit_path, status;
};
std::vector<MemberScopeRow> members_with_paths(db::Connection& c, const std::vector<std::int64_t>& ids);

// ---- events ------------------------------------------------------------------------------------

inline constexpr const char* kNoticeChannel = "sotay_notice";
struct NoticeEventRow {
  std::int64_t id = 0, notice_id = 0;
  std::string event;
  std::int64_t at = 0;
};
// Inserts the event and, on PostgreSQL, pg_notify(kNoticeChannel, id) in the same transaction.
std::int64_t insert_notice_event(db::Connection& c, std::int64_t notice_id, const std::string& event, std::int64_t at);
std::optional<NoticeEventRow> find_notice_event(db::Connection& c, std::int64_t id);
// When the notice last had this event (e.g. "reminded"), if ever.
std::optional<std::int64_t> last_notice_event_at(db::Connection& c, std::int64_t notice_id, const std::string& event);
std::vector<NoticeEventRow> notice_events_since(db::Connection& c, std::int64_t at);
std::int64_t last_notice_event_id(db::Connection& c);

// Signed-in targets of an event: accounts of recipients (reminded: those reminded at `at`).
struct NoticeTarget {
  std::int64_t account_id = 0, member_id = 0;
};
std::vector<NoticeTarget> notice_targets(db::Connection& c, std::int64_t notice_id,
                                         std::optional<std::int64_t> reminded_at);

// ---- inbox -------------------------------------------------------------------------------------

struct InboxRow {
  NoticeRow notice;
  std::int64_t member_id = 0;
  std::optional<std::int64_t> delivered_at, read_at, acked_at;
};
// Which of the member's notices a page lists: all, those not read yet, or those that ask for an
// acknowledgement not given yet (recalled ones ask nothing).
enum class InboxShow { all, unread, to_ack };
// Newest first by notice id; before = notice id cursor.
std::vector<InboxRow> inbox(db::Connection& c, std::int64_t member_id, InboxShow show, std::optional<std::int64_t> before,
                            int limit);
// How many notices wait for the member's acknowledgement.
std::int64_t to_ack_count(db::Connection& c, std::int64_t member_id);
std::optional<InboxRow> inbox_item(db::Connection& c, std::int64_t member_id, std::int64_t notice_id);
std::vector<InboxRow> inbox_items(db::Connection& c, const std::vector<std::int64_t>& member_ids, std::int64_t notice_id);
// The inbox rows of the notice for the given accounts that are among its recipients, each with its
// account id (several accounts may share a member). With reminded_at: only those reminded then and
// not acknowledged. Looked up by key per account, so the cost follows the accounts, not the audience.
std::vector<std::pair<std::int64_t, InboxRow>> inbox_items_of_accounts(db::Connection& c, std::int64_t notice_id,
                                                                        const std::vector<std::int64_t>& account_ids,
                                                                        std::optional<std::int64_t> reminded_at);
std::int64_t unread_count(db::Connection& c, std::int64_t member_id);
void mark_notice_read(db::Connection& c, std::int64_t notice_id, std::int64_t member_id, std::int64_t now);
// False when the member is not a recipient.
bool mark_notice_acked(db::Connection& c, std::int64_t notice_id, std::int64_t member_id, std::int64_t now);
void mark_delivered(db::Connection& c, std::int64_t notice_id, const std::vector<std::int64_t>& member_ids,
                    std::int64_t now);
void mark_listed_delivered(db::Connection& c, std::int64_t member_id, const std::vector<std::int64_t>& notice_ids,
                           std::int64_t now);
// A correction: everyone reads it again (acknowledgements stay).
void reset_notice_read(db::Connection& c, std::int64_t notice_id);
// Sets reminded_at = now for recipients who have not acknowledged; returns how many.
std::int64_t remind_unacked(db::Connection& c, std::int64_t notice_id, std::int64_t now);

// ---- follow-up -----------------------------------------------------------------------------------

struct NoticeCountsRow {
  std::int64_t recipients = 0, delivered = 0, read = 0, acked = 0;
};
struct UnitNoticeCountsRow {
  std::int64_t unit_id = 0;
  std::string path;
  NoticeCountsRow counts;
};
std::vector<UnitNoticeCountsRow> notice_counts_by_unit(db::Connection& c, std::int64_t notice_id);
NoticeCountsRow notice_counts(db::Connection& c, std::int64_t notice_id);

struct PendingRow {
  std::int64_t member_id = 0;
  std::string full_name, unit_name;
  std::optional<std::int64_t> read_at, reminded_at;
};
// Recipients in the subtree `unit_path` who have not acknowledged (what = "ack") or read.
std::vector<PendingRow> pending_recipients(db::Connection& c, std::int64_t notice_id, const std::string& unit_path,
                                           const std::string& what, int limit);
std::int64_t count_pending(db::Connection& c, std::int64_t notice_id, const std::string& unit_path,
                           const std::string& what);

struct NoticeListRow {
  NoticeRow notice;
  NoticeCountsRow counts;
};
// Notices whose sender unit lies in one of the subtrees, newest first (id cursor).
std::vector<NoticeListRow> notices_in_scope(db::Connection& c, const std::vector<std::string>& scope_paths,
                                            std::optional<std::int64_t> before, int limit);

// ---- Web Push ----------------------------------------------------------------------------------

struct PushSubscriptionRow {
  std::int64_t id = 0, account_id = 0;
  std::string endpoint, p256dh, auth, user_agent;
};
// Upserts by endpoint (a device that signs in as someone else moves to that account).
void save_push_subscription(db::Connection& c, const PushSubscriptionRow& s, std::int64_t now);
void delete_push_subscription(db::Connection& c, std::int64_t account_id, const std::string& endpoint);
void delete_push_subscription_by_id(db::Connection& c, std::int64_t id);
std::int64_t count_push_subscriptions(db::Connection& c, std::int64_t account_id);
void push_subscription_ok(db::Connection& c, std::int64_t id, std::int64_t now);

// One outbox row per subscription of every recipient who wants it: urgent always; otherwise
// unless the account muted notices of the sender's level. Returns rows queued.
std::int64_t queue_notice_pushes(db::Connection& c, std::int64_t notice_id, const std::string& level, bool urgent,
                                 std::optional<std::int64_t> reminded_at, std::int64_t send_after, std::int64_t now);

struct PushJobRow {
  std::int64_t id = 0;
  PushSubscriptionRow subscription;
  std::optional<std::int64_t> notice_id, member_id;
  std::optional<std::string> payload;
  std::string urgency;
  std::int64_t attempts = 0;
  bool delivered_live = false;  // an open app got the notice after this push was queued
};
// Leases up to `limit` due rows (next_attempt_at moved to now + lease) so two servers never send
// the same push twice at once.
std::vector<PushJobRow> claim_due_pushes(db::Connection& c, std::int64_t now, std::int64_t lease, int limit);
void delete_push_job(db::Connection& c, std::int64_t id);
void retry_push_job(db::Connection& c, std::int64_t id, std::int64_t attempts, std::int64_t next_attempt_at);
std::int64_t count_push_jobs(db::Connection& c);

// ---- preferences and settings ---------------------------------------------------------------------

struct NotificationPrefRow {
  std::string topic, level;
  bool push = true;
};
std::vector<NotificationPrefRow> notification_prefs(db::Connection& c, std::int64_t account_id);
void replace_notification_prefs(db::Connection& c, std::int64_t account_id, const std::vector<NotificationPrefRow>& p);

std::optional<std::string> server_setting(db::Connection& c, const std::string& name);
// Keeps the first value written (two servers starting at once agree on one key pair).
void insert_server_setting_if_absent(db::Connection& c, const std::string& name, const std::string& value);

}  // namespace sotay::store
