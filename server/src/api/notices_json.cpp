#include "api/notices_json.h"

#include "api/encode.h"

namespace sotay::api {

namespace {

nlohmann::json documents_json(const std::vector<notices::DocumentLink>& documents) {
  auto out = nlohmann::json::array();
  for (const auto& d : documents) out.push_back({{"id", d.id}, {"number", d.number}, {"title", d.title}});
  return out;
}

nlohmann::json files_json(const std::vector<store::NoticeFileRow>& files) {
  auto out = nlohmann::json::array();
  for (const auto& f : files) out.push_back(notice_file_json(f));
  return out;
}

nlohmann::json counts_json(const store::NoticeCountsRow& c) {
  return {{"recipients", c.recipients}, {"delivered", c.delivered}, {"read", c.read}, {"acked", c.acked}};
}

}  // namespace

nlohmann::json notice_file_json(const store::NoticeFileRow& f) {
  return {{"id", f.id},
          {"file_name", f.file_name},
          {"content_type", f.content_type},
          {"size", f.size},
          {"url", "/api/v1/notice-files/" + std::to_string(f.id) + "/file"}};
}

nlohmann::json inbox_item_json(const store::InboxRow& item, const notices::Attached& attached) {
  const auto& n = item.notice;
  return {{"id", n.id},
          {"title", n.title},
          {"body", n.body},
          {"priority", n.priority},
          {"sender", {{"id", n.sender_unit_id}, {"name", n.sender_unit_name}}},
          {"sent_at", n.sent_at.value_or(n.send_at)},
          {"require_ack", n.require_ack},
          {"ack_deadline", opt(n.ack_deadline)},
          {"read_at", opt(item.read_at)},
          {"acked_at", opt(item.acked_at)},
          {"version", n.version},
          {"recalled_at", opt(n.recalled_at)},
          {"recall_reason", opt(n.recall_reason)},
          {"documents", documents_json(attached.documents)},
          {"files", files_json(attached.files)}};
}

nlohmann::json notice_version_json(const store::NoticeVersionRow& v) {
  return {{"version", v.version}, {"change", v.change},  {"title", v.title},
          {"body", v.body},       {"note", v.note},      {"changed_at", v.changed_at}};
}

nlohmann::json notice_summary_json(const store::NoticeRow& n, const store::NoticeCountsRow& counts) {
  return {{"id", n.id},
          {"title", n.title},
          {"priority", n.priority},
          {"state", n.state},
          {"send_at", n.send_at},
          {"sent_at", opt(n.sent_at)},
          {"require_ack", n.require_ack},
          {"ack_deadline", opt(n.ack_deadline)},
          {"sender", {{"id", n.sender_unit_id}, {"name", n.sender_unit_name}}},
          {"counts", counts_json(counts)},
          {"version", n.version},
          {"recalled_at", opt(n.recalled_at)}};
}

nlohmann::json notice_detail_json(const notices::NoticeDetail& d) {
  auto j = notice_summary_json(d.notice, d.counts);
  j["body"] = d.notice.body;
  auto units = nlohmann::json::array(), members = nlohmann::json::array();
  for (const auto& [id, name] : d.audience.units) units.push_back({{"id", id}, {"name", name}});
  for (const auto& [id, name] : d.audience.members) members.push_back({{"id", id}, {"full_name", name}});
  j["audience"] = {{"units", units}, {"roles", d.audience.roles}, {"members", members}};
  j["documents"] = documents_json(d.attached.documents);
  j["files"] = files_json(d.attached.files);
  auto history = nlohmann::json::array();
  for (const auto& v : d.history) history.push_back(notice_version_json(v));
  j["history"] = std::move(history);
  j["reminders_sent"] = d.notice.reminders_sent;
  j["next_reminder_at"] = opt(d.notice.next_reminder_at);
  j["last_reminded_at"] = opt(d.last_reminded_at);
  j["recall_reason"] = opt(d.notice.recall_reason);
  j["sender_name"] = opt(d.sender_name);
  return j;
}

std::string live_notice_message(const std::string& event, const store::InboxRow& item,
                                const notices::Attached& attached) {
  return nlohmann::json{{"type", "notice"}, {"event", event}, {"notice", inbox_item_json(item, attached)}}.dump();
}

}  // namespace sotay::api
