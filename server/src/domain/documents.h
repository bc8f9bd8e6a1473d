// Documents of the library: the record (kind, number, issuer, dates, status, relations, topics,
// audience), its structure, and the editorial workflow draft → submitted → published → withdrawn
// with scheduled publishing, saved versions and the audit log. Every call checks the actor's scope.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "domain/actor.h"
#include "store/documents_store.h"

namespace sotay::documents {

inline constexpr const char* kKinds[] = {"nghi_quyet", "quy_dinh",  "chi_thi",  "ket_luan",
                                         "huong_dan",  "ke_hoach",  "quyet_dinh", "thong_bao",
                                         "cong_van",   "tai_lieu_hoc_tap", "khac"};
inline constexpr const char* kLevels[] = {"central", "province", "base", "cell"};
inline constexpr const char* kLegalStatuses[] = {"in_force", "superseded", "expired"};
const char* kind_label_vi(std::string_view kind);
const char* level_label_vi(std::string_view level);
const char* legal_status_label_vi(std::string_view status);

struct RelationInput {
  std::string relation;  // replaces, amends, implements
  std::int64_t target_id = 0;
};

struct DocumentInput {
  std::string kind = "khac";
  std::string number, title, summary, issuer;
  std::string level = "base";
  std::optional<std::string> issued_on, effective_on;
  std::string legal_status = "in_force";
  std::optional<std::int64_t> superseded_by;
  std::vector<std::string> topics;
  std::vector<std::int64_t> audience_unit_ids;  // empty: the owner unit's subtree
  std::optional<std::int64_t> owner_unit_id;    // empty: the editor's own unit
  std::string body;
  std::vector<RelationInput> relations;
  std::optional<std::string> source_key;  // set by `sotay import documents`
};

// Who may write: editors, committees and admins whose grant covers the owner unit.
bool can_edit(const Actor& actor, const std::string& owner_unit_path);

std::int64_t create(db::Database& db, const Actor& actor, DocumentInput in);
// `version` is the version the editor started from: 409 when someone saved since.
void update(db::Database& db, const Actor& actor, std::int64_t id, DocumentInput in, std::int64_t version);

void submit(db::Database& db, const Actor& actor, std::int64_t id);
// Publishes now, or at `publish_at` (unix seconds, in the future) by the scheduler.
void publish(db::Database& db, const Actor& actor, std::int64_t id, std::optional<std::int64_t> publish_at);
void withdraw(db::Database& db, const Actor& actor, std::int64_t id);
// `note` (why it goes back) is kept in the audit log.
void return_to_draft(db::Database& db, const Actor& actor, std::int64_t id, const std::string& note = "");
// The scheduler: publishes submitted documents whose time has come. Returns how many.
int publish_due(db::Database& db, std::int64_t now);

// Replaces the text (and so the structure and, when published, the index) — used when an
// attachment's text has been extracted into an empty document.
void set_body_from_extraction(db::Connection& c, std::int64_t id, const std::string& text);

struct AudienceUnit {
  std::int64_t id = 0;
  std::string name;
};

struct DocumentView {
  store::DocumentRow doc;
  std::vector<store::SectionRow> sections;
  std::vector<std::string> topics;
  std::vector<store::RelationRow> relations;
  std::optional<store::RelationRow> superseded_by;  // relation field unused
  std::vector<AudienceUnit> audience;
  bool can_edit = false;
};
// A published document the actor may read, or any document the actor may edit; else 404.
DocumentView get(db::Database& db, const Actor& actor, std::int64_t id);

std::vector<store::VersionRow> versions(db::Database& db, const Actor& actor, std::int64_t id);
std::vector<store::DocumentRow> list_for_editor(db::Database& db, const Actor& actor,
                                                const std::optional<std::string>& state);

}  // namespace sotay::documents
