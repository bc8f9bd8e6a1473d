// What documents and news share on the editing side: who may edit an item, its owner and
// audience, the workflow's state rules (draft → submitted → published → withdrawn, scheduled
// publishing), and the text checks of their fields.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"
#include "domain/actor.h"
#include "store/units_store.h"

namespace sotay::library {

// Editors, committees and admins whose grant covers the owner unit.
bool can_edit(const Actor& actor, const std::string& owner_unit_path);
// Subtree roots of the actor's editor/committee/admin grants ("" = the whole tree); empty when none.
std::vector<std::string> editing_paths(const Actor& actor);

// The editor's own unit when none is given: the first editor/committee/admin grant with a unit.
std::int64_t default_owner(db::Connection& c, const Actor& actor);
// 422 naming `field` when the unit does not exist.
store::UnitRow unit_or_fail(db::Connection& c, std::int64_t id, const char* field);

// Checks the actor may edit items of `owner` (403 otherwise), then makes `audience` sorted and
// unique — the owner unit when empty — and checks every unit exists and lies in the actor's scope.
// `noun` names the item in messages ("văn bản", "tin").
void check_owner_and_audience(db::Connection& c, const Actor& actor, const store::UnitRow& owner,
                              std::vector<std::int64_t>& audience, std::string_view noun);

// ---- workflow ----
enum class Step { submit, publish, withdraw, to_draft };

struct StateChange {
  std::string state;
  std::optional<std::int64_t> publish_at;    // set while a publication is scheduled
  std::optional<std::int64_t> published_at;  // set when published now
};
// The state after `step` from `current` at `now`: publish with a future `publish_at` stays
// submitted until the scheduler's turn. 409 (`refusal`) when the step is not allowed from `current`:
//   submit: draft · publish: draft, submitted, withdrawn · withdraw: published, submitted ·
//   to_draft: submitted, withdrawn.
StateChange next_state(Step step, std::string_view current, std::optional<std::int64_t> publish_at, std::int64_t now,
                       const std::string& refusal);
const char* step_name(Step step);  // "submit", "publish", "withdraw", "return" (audit actions)

// ---- text ----
std::string trimmed(std::string s);
std::size_t utf8_length(std::string_view s);

}  // namespace sotay::library
