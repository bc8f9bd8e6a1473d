// Notices from committees to members: audience within the sender's scope, fan-out into inboxes
// (exactly once, resumable), acknowledgement, correction and recall with history, follow-up
// counts per unit, reminders for urgent notices (docs/decisions/0006-notices-and-live-delivery.md).
//
// Live delivery: every change that members should see at once writes a notice event in the same
// transaction and hands its id to an EventSink after the commit. The server's sink delivers it to
// its own sockets on SQLite; on PostgreSQL it does nothing, because every server (the sender too)
// hears the event through LISTEN/NOTIFY.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"
#include "domain/actor.h"
#include "store/notice_files_store.h"
#include "store/notices_store.h"

namespace sotay::notices {

inline constexpr std::size_t kMaxTitleChars = 200;
inline constexpr std::size_t kMaxBodyChars = 10000;
inline constexpr std::size_t kMaxAudienceUnits = 500;
inline constexpr std::size_t kMaxAudienceMembers = 2000;
inline constexpr std::size_t kMaxDocuments = 10;
inline constexpr std::int64_t kMaxScheduleAhead = 366LL * 24 * 3600;
inline constexpr std::int64_t kFanOutWindow = 20000;  // member ids per fan-out transaction
inline constexpr int kMaxInboxLimit = 100;
// Automatic reminders of an urgent notice that asks for acknowledgement: after these many
// seconds from sending, to those who have not acknowledged (at most this many).
inline constexpr std::int64_t kReminderAfter[] = {3600, 4 * 3600, 24 * 3600};
// Pushes wait this long so an app that is open gets the notice live and no push is needed.
inline constexpr std::int64_t kPushDelaySeconds = 3;

using EventSink = std::function<void(std::int64_t event_id)>;

struct Audience {
  std::vector<std::int64_t> units;
  std::vector<std::string> roles;  // positions: secretary, deputy_secretary, committee_member
  std::vector<std::int64_t> members;
};
bool is_role(const std::string& role);

struct NoticeInput {
  std::string title, body, priority = "normal";
  Audience audience;
  bool require_ack = false;
  std::optional<std::int64_t> ack_deadline;  // unix seconds
  std::optional<std::int64_t> send_at;       // later than now: scheduled
  std::vector<std::int64_t> documents;
  std::vector<std::int64_t> files;  // the sender's uploads (domain/notice_files.h), linked on sending
};

struct DocumentLink {
  std::int64_t id = 0;
  std::string number, title;
};
// What a notice carries besides its text: linked library documents and attached files.
struct Attached {
  std::vector<DocumentLink> documents;
  std::vector<store::NoticeFileRow> files;
};
struct AudienceView {
  std::vector<std::pair<std::int64_t, std::string>> units;    // id, name
  std::vector<std::string> roles;
  std::vector<std::pair<std::int64_t, std::string>> members;  // id, full name
};
struct NoticeDetail {
  store::NoticeRow notice;
  store::NoticeCountsRow counts;
  AudienceView audience;
  Attached attached;
  std::vector<store::NoticeVersionRow> history;
  std::optional<std::string> sender_name;
  std::optional<std::int64_t> last_reminded_at;  // by hand or automatically
};

// The actor may send notices (committee, cell committee or admin somewhere).
bool may_send(const Actor& actor);
// The actor may follow a notice up: its sender, or a sender role covering the sender's unit.
bool may_follow(const Actor& actor, const store::NoticeRow& n);

// The unit level of a sender (central, province, base, cell), for push preferences.
std::string sender_level(const std::string& unit_kind);

// Sends (or schedules) a notice: committee, cell committee or admin over every unit and member of
// the audience. Audited. When due now, the fan-out runs before returning and the "sent" event goes
// to `sink` after each commit.
NoticeDetail create(db::Database& db, const Actor& actor, const NoticeInput& in, std::int64_t now, const EventSink& sink);
// How many members the audience reaches now (the composer shows it before sending).
std::int64_t preview(db::Database& db, const Actor& actor, const Audience& audience);

// Writes the missing recipients of a 'sending' notice window by window and marks it sent. Safe to
// re-run at any point (after a crash): the primary key adds nobody twice.
void fan_out(db::Database& db, std::int64_t notice_id, std::int64_t now, const EventSink& sink);
// The background worker's hook: scheduled notices whose time has come, fan-outs left half-way by
// a dead process, and due reminders. Returns how many notices it acted on.
int run_due(db::Database& db, std::int64_t now, const EventSink& sink);

// ---- the member's side -------------------------------------------------------------------------

struct InboxPage {
  std::int64_t unread = 0;
  std::int64_t to_ack = 0;  // notices waiting for the member's "Đã nhận"
  std::vector<store::InboxRow> items;
  std::vector<Attached> attached;  // per item
  std::optional<std::int64_t> next_before;
};
// "all" (or empty), "unread", "to_ack" → the filter; 400 in Vietnamese for anything else.
store::InboxShow inbox_show(const std::string& show);
// The member's notices, newest first; listing them marks them delivered. `words`, when given,
// keeps those whose sender, title or text has every word (marks and case aside unless typed).
InboxPage inbox(db::Database& db, const Actor& actor, store::InboxShow show, std::optional<std::int64_t> before,
                int limit, std::int64_t now, std::string_view words = {});
struct InboxDetail {
  store::InboxRow item;
  Attached attached;
  std::vector<store::NoticeVersionRow> history;
};
// One notice of the member's inbox, marked read (404 when not a recipient).
InboxDetail open(db::Database& db, const Actor& actor, std::int64_t notice_id, std::int64_t now);
// "Đã nhận": idempotent; returns when it was acknowledged. 409 when recalled or no ack asked.
std::int64_t acknowledge(db::Database& db, const Actor& actor, std::int64_t notice_id, std::int64_t now);

// ---- the committee's side ----------------------------------------------------------------------

// The sender account, and committees / cell committees / admins covering the sender's unit.
NoticeDetail detail(db::Database& db, const Actor& actor, std::int64_t notice_id);
// A correction: the new text (title kept when absent), the committee's note shown in the history,
// and files to add (the corrector's own unsent uploads; files already sent stay).
struct CorrectionInput {
  std::optional<std::string> title;
  std::string body, note;
  std::vector<std::int64_t> files;         // uploads to add
  std::vector<std::int64_t> remove_files;  // files of the notice to take back
};
// Files taken back lose their bytes in files_dir too, where nothing else uses them.
NoticeDetail correct(db::Database& db, const Actor& actor, std::int64_t notice_id, const CorrectionInput& in,
                     std::int64_t now, const EventSink& sink, const std::filesystem::path& files_dir);
NoticeDetail recall(db::Database& db, const Actor& actor, std::int64_t notice_id, const std::string& reason,
                    std::int64_t now, const EventSink& sink);
NoticeDetail cancel(db::Database& db, const Actor& actor, std::int64_t notice_id, std::int64_t now);
// The committee reminds, now, the recipients who have not acknowledged a sent notice that asks for
// it: live to open apps, pushed to closed ones (as the notice's own priority allows), the time in
// the follow-up list. At most once every kRemindEverySeconds per notice, by hand or automatically,
// so members are not pestered (409 saying when it may be done again); 409 too when recalled, not
// sent yet, not asking for acknowledgement, or everyone has acknowledged. Audited. Returns how
// many were reminded.
inline constexpr std::int64_t kRemindEverySeconds = 3600;
std::int64_t remind(db::Database& db, const Actor& actor, std::int64_t notice_id, std::int64_t now, const EventSink& sink);

struct NoticePage {
  std::vector<store::NoticeListRow> items;
  std::optional<std::int64_t> next_before;
};
// Notices sent from units inside the actor's committee scope (or below `unit`), newest first.
NoticePage list(db::Database& db, const Actor& actor, std::optional<std::int64_t> unit,
                std::optional<std::int64_t> before, int limit);

struct UnitCounts {
  std::int64_t id = 0;
  std::string name, kind;
  store::NoticeCountsRow counts;
};
struct Stats {
  std::int64_t notice_id = 0;
  UnitCounts unit;
  std::vector<UnitCounts> children;  // only children that have recipients
  std::vector<std::pair<std::int64_t, std::string>> breadcrumbs;  // from the sender's unit down
};
// Per child unit of `unit` (default: the sender's unit); the unit must lie in the sender's
// subtree and in the actor's scope.
Stats stats(db::Database& db, const Actor& actor, std::int64_t notice_id, std::optional<std::int64_t> unit);
struct Pending {
  std::int64_t unit_id = 0;
  std::string unit_name, what;
  std::int64_t total = 0;
  std::vector<store::PendingRow> members;  // at most kMaxPendingNames
};
inline constexpr int kMaxPendingNames = 500;
Pending pending(db::Database& db, const Actor& actor, std::int64_t notice_id, std::optional<std::int64_t> unit,
                const std::string& what);

// ---- live delivery -----------------------------------------------------------------------------

// What an event means for open apps: the event name and, per signed-in recipient, the inbox row.
struct LiveEvent {
  store::NoticeEventRow event;
  std::vector<std::pair<std::int64_t, store::InboxRow>> items;  // account id, its inbox row
  Attached attached;
};
// `connected`: the accounts with an open app on this server, sorted. Only their rows are read (most
// recipients are offline).
std::optional<LiveEvent> live_event(db::Database& db, std::int64_t event_id, const std::vector<std::int64_t>& connected);
void mark_delivered(db::Database& db, std::int64_t notice_id, const std::vector<std::int64_t>& member_ids,
                    std::int64_t now);
// Events written at or after `since` with ids above `after_id` (a server replays them after
// losing its LISTEN connection; after_id = the last event before it started serving).
std::vector<std::int64_t> event_ids_since(db::Database& db, std::int64_t since, std::int64_t after_id);
std::int64_t last_event_id(db::Database& db);

// ---- push preferences --------------------------------------------------------------------------

std::vector<store::NotificationPrefRow> prefs(db::Database& db, const Actor& actor);
std::vector<store::NotificationPrefRow> save_prefs(db::Database& db, const Actor& actor,
                                                   const std::vector<store::NotificationPrefRow>& prefs);

}  // namespace sotay::notices
