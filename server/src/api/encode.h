// Domain rows → the JSON the API promises (see docs/api.md). Field names here are the contract.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api/json_writer.h"

#include "domain/auth.h"
#include "store/accounts_store.h"
#include "store/audit_store.h"
#include "store/members_store.h"
#include "store/news_store.h"
#include "store/units_store.h"

namespace sotay::api {

// An optional value, or null.
template <class T>
nlohmann::json opt(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

// The Attachment object, from a store::AttachmentRow or a store::AttachmentBrief.
template <class Attachment>
nlohmann::json attachment_json(const Attachment& a) {
  return {{"id", a.id},
          {"file_name", a.file_name},
          {"content_type", a.content_type},
          {"size", a.size},
          {"extract_state", a.extract_state},
          {"extract_done", a.extract_done},
          {"extract_total", a.extract_total},
          {"extract_error", opt(a.extract_error)},
          {"url", "/api/v1/attachments/" + std::to_string(a.id) + "/file"}};
}

void write_unit(JsonWriter& w, const store::UnitRow& u);
nlohmann::json unit_json(const store::UnitRow& u);
nlohmann::json unit_version_json(const store::UnitVersionRow& v);
// Members are written by the streaming writer (hot list endpoint); member_json parses that
// output so there is one encoding of a member.
void write_member(JsonWriter& w, const store::MemberRow& m);
nlohmann::json member_json(const store::MemberRow& m);
nlohmann::json position_json(const store::PositionRow& p);
void write_grant(JsonWriter& w, const store::GrantRow& g);
nlohmann::json grant_json(const store::GrantRow& g);
// NewsSummary (written in news_api.cpp with the feed's writer; parsed for lists built as trees).
nlohmann::json news_summary_json(const store::NewsListRow& row, std::int64_t now);
nlohmann::json audit_json(const store::AuditEntry& e);
nlohmann::json session_row_json(const store::SessionRow& s, std::int64_t current_session_id);

}  // namespace sotay::api
