#include "api/encode.h"

#include "domain/member_record.h"
#include "domain/org_tree.h"
#include "util/time.h"

namespace sotay::api {

void write_unit(JsonWriter& w, const store::UnitRow& u) {
  w.begin_object()
      .field("id", u.id)
      .field("code", u.code)
      .field("kind", u.kind)
      .field("kind_label", org::kind_label_vi(u.kind))
      .field("name", u.name)
      .field("parent_id", u.parent_id)
      .field("depth", u.depth)
      .field("valid_from", u.valid_from)
      .field("valid_to", u.valid_to)
      .field("merged_into", u.merged_into)
      .field("closed", u.valid_to.has_value())
      .field("member_count", u.official + u.probationary)
      .field("official_count", u.official)
      .field("probationary_count", u.probationary)
      .field("child_count", u.child_count)
      .end_object();
}

nlohmann::json unit_json(const store::UnitRow& u) {
  JsonWriter w;
  write_unit(w, u);
  return nlohmann::json::parse(w.str());
}

nlohmann::json unit_version_json(const store::UnitVersionRow& v) {
  return {{"unit_id", v.unit_id},
          {"code", v.code},
          {"name", v.name},
          {"kind", v.kind},
          {"kind_label", org::kind_label_vi(v.kind)},
          {"parent_id", opt(v.parent_id)},
          {"valid_from", v.valid_from},
          {"valid_to", opt(v.valid_to)},
          {"change", v.change},
          {"note", v.note},
          {"at", timeutil::iso_timestamp(v.at)}};
}

void write_member(JsonWriter& w, const store::MemberRow& m) {
  w.begin_object()
      .field("id", m.id)
      .field("full_name", m.full_name)
      .field("birth_date", m.birth_date)
      .field("sex", m.sex)
      .field("admitted_on", m.admitted_on)
      .field("official_on", m.official_on)
      .field("card_number", m.card_number)
      .field("citizen_id", m.citizen_id)
      .field("phone", m.phone)
      .field("email", m.email)
      .field("unit_id", m.unit_id)
      .field("unit_name", m.unit_name)
      .field("unit_code", m.unit_code)
      .field("status", m.status)
      .field("status_label", members::status_label_vi(m.status))
      .field("status_date", m.status_date)
      .field("updated_at", timeutil::iso_timestamp(m.updated_at))
      .end_object();
}

nlohmann::json member_json(const store::MemberRow& m) {
  JsonWriter w;
  write_member(w, m);
  return nlohmann::json::parse(w.str());
}

nlohmann::json position_json(const store::PositionRow& p) {
  return {{"id", p.id},
          {"member_id", p.member_id},
          {"member_name", p.member_name},
          {"unit_id", p.unit_id},
          {"unit_name", p.unit_name},
          {"position", p.position},
          {"position_label", members::position_label_vi(p.position)},
          {"term_from", p.term_from},
          {"term_to", opt(p.term_to)}};
}

void write_grant(JsonWriter& w, const store::GrantRow& g) {
  auto role = parse_role(g.role);
  w.begin_object()
      .field("id", g.id)
      .field("role", g.role)
      .field("role_label", role ? role_label_vi(*role) : "")
      .field("unit_id", g.unit_id)
      .field("unit_name", g.unit_id ? std::string_view(g.unit_name) : std::string_view("Toàn hệ thống"))
      .field("granted_at", timeutil::iso_timestamp(g.granted_at))
      .end_object();
}

nlohmann::json grant_json(const store::GrantRow& g) {
  JsonWriter w;
  write_grant(w, g);
  return nlohmann::json::parse(w.str());
}

nlohmann::json audit_json(const store::AuditEntry& e) {
  auto parse = [](const std::string& s) -> nlohmann::json {
    if (s.empty()) return nullptr;
    auto j = nlohmann::json::parse(s, nullptr, false);
    return j.is_discarded() ? nlohmann::json(s) : j;
  };
  return {{"id", e.id},
          {"at", timeutil::iso_timestamp(e.at)},
          {"actor_account_id", opt(e.actor_account_id)},
          {"actor_login", e.actor_login},
          {"ip", e.actor_ip},
          {"action", e.action},
          {"entity", e.entity},
          {"entity_id", opt(e.entity_id)},
          {"unit_id", opt(e.unit_id)},
          {"before", parse(e.before_json)},
          {"after", parse(e.after_json)}};
}

nlohmann::json session_row_json(const store::SessionRow& s, std::int64_t current_session_id) {
  return {{"id", s.id},
          {"current", s.id == current_session_id},
          {"created_at", timeutil::iso_timestamp(s.created_at)},
          {"last_seen_at", timeutil::iso_timestamp(s.last_seen_at)},
          {"expires_at", timeutil::iso_timestamp(s.expires_at)},
          {"user_agent", s.user_agent},
          {"ip", s.ip}};
}

}  // namespace sotay::api
