// SQL for member records, their unit history (memberships) and committee positions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace sotay::store {

struct MemberRow {
  std::int64_t id = 0;
  std::string full_name;
  std::optional<std::string> birth_date, sex, admitted_on, official_on, card_number, citizen_id, phone, email;
  std::int64_t unit_id = 0;
  std::string unit_name, unit_code, unit_path;
  std::string status;
  std::optional<std::string> status_date;
  std::string sort_key;
  std::int64_t created_at = 0, updated_at = 0;
};

// The writable fields (already validated and normalized by the domain).
struct MemberFields {
  std::string full_name, name_fold, sort_key;
  std::optional<std::string> birth_date, sex, admitted_on, official_on, card_number, citizen_id, phone, email;
  std::int64_t unit_id = 0;
  std::string status;
  std::optional<std::string> status_date;
};

struct MemberListQuery {
  std::int64_t unit_id = 0;
  std::string unit_path;    // used when subtree = true
  bool subtree = false;
  std::vector<std::string> statuses;          // empty = active (official + probationary)
  std::optional<std::string> position;        // only members holding this open position in the unit
  std::optional<std::string> name_fold;       // substring of the folded name
  std::optional<std::string> after_sort_key;  // cursor
  std::int64_t after_id = 0;
  int limit = 50;
};

std::optional<MemberRow> find_member(db::Connection& c, std::int64_t id);
std::optional<MemberRow> find_member_by_card(db::Connection& c, const std::string& card_number);
std::optional<std::int64_t> member_id_by_citizen_id(db::Connection& c, const std::string& citizen_id);
std::vector<MemberRow> list_members(db::Connection& c, const MemberListQuery& q);
std::int64_t insert_member(db::Connection& c, const MemberFields& f, std::int64_t now, const std::string& joined_on);
void update_member(db::Connection& c, std::int64_t id, const MemberFields& f, std::int64_t now);
void update_member_contact(db::Connection& c, std::int64_t id, const std::optional<std::string>& phone,
                           const std::optional<std::string>& email, std::int64_t now);
// Moves a member to another unit from `date`, keeping the membership history.
void transfer_member(db::Connection& c, std::int64_t id, std::int64_t to_unit, const std::string& date);
// All members of a unit go to another (merge). Returns how many moved.
std::int64_t move_unit_members(db::Connection& c, std::int64_t from_unit, std::int64_t to_unit, const std::string& date);

struct PositionRow {
  std::int64_t id = 0;
  std::int64_t member_id = 0;
  std::string member_name;
  std::int64_t unit_id = 0;
  std::string unit_name;
  std::string position;
  std::string term_from;
  std::optional<std::string> term_to;
};
std::vector<PositionRow> unit_positions(db::Connection& c, std::int64_t unit_id, bool include_ended);
std::vector<PositionRow> member_positions(db::Connection& c, std::int64_t member_id);
std::optional<PositionRow> find_position(db::Connection& c, std::int64_t id);
std::int64_t insert_position(db::Connection& c, std::int64_t member_id, std::int64_t unit_id,
                             const std::string& position, const std::string& term_from,
                             const std::optional<std::string>& term_to);
void end_position(db::Connection& c, std::int64_t id, const std::string& term_to);
void end_unit_positions(db::Connection& c, std::int64_t unit_id, const std::string& date);

}  // namespace sotay::store
