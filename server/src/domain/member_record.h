// The member record of Quy định 339-QĐ/TW: field rules and normalization, shared by the API,
// the importer and the CLI so a value is judged the same way wherever it comes from.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/errors.h"
#include "store/members_store.h"

namespace sotay::members {

bool is_valid_status(std::string_view s);
const char* status_label_vi(std::string_view s);
bool is_valid_position(std::string_view p);
const char* position_label_vi(std::string_view p);

// Raw values as typed (strings; absent = not given).
struct MemberInput {
  std::optional<std::string> full_name, birth_date, sex, admitted_on, official_on, card_number, citizen_id, phone,
      email, status, status_date;
};

// Normalizes phone numbers to 0xxxxxxxxx ("+84 912 345 678" → "0912345678"); nullopt if invalid.
std::optional<std::string> normalize_phone(std::string_view raw);
// Accepts "nam"/"nữ"/"nu"/"Nam"/"Nữ"/"M"/"F"/"male"/"female" → "nam" | "nu".
std::optional<std::string> normalize_sex(std::string_view raw);
// Status names in Vietnamese or English ("Chính thức", "dự bị", "official") → code.
std::optional<std::string> normalize_status(std::string_view raw);

// Validates and normalizes into store fields; throws Error(validation_failed) listing every
// bad field with a Vietnamese message. `today` is injectable for tests.
store::MemberFields validate(const MemberInput& in, std::int64_t unit_id, const std::string& today);

// Same, returning the field errors instead of throwing (the importer reports them per row).
std::vector<FieldError> check(const MemberInput& in, const std::string& today, store::MemberFields* out);

}  // namespace sotay::members
