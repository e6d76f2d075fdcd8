// Finding members the way officers name them: by name, part of a name, or the last digits of an
// ID number or a phone (member find, and member show/edit/... given a name).
#pragma once

#include <hlpb/date.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hlpb::db {

class Database;

// One member found, with the org they are in (or were in last, after leaving).
struct MemberMatch {
    std::string id_number;
    std::string name;
    std::string org; // code
    std::string org_name;
    std::string phone;
    std::optional<Date> left_on;
};

// Members whose name holds `text`, or (`text` being 4 digits or more, an ID number's final X
// too) whose ID number or phone ends with it; exact names first, then by name and ID number.
// InvalidInput naming `field` for an empty text or fewer than 4 digits.
std::vector<MemberMatch> find_members(Database& db, std::string_view text,
                                      std::string_view field = "text");

// True when `text` is meant as an ID number rather than a name (it holds 6 digits or more).
bool looks_like_id_number(std::string_view text);

// The ID number of the one member whose name is exactly `name`: NotFound when nobody has it
// (pointing to member find), Conflict listing each candidate (masked ID, org) when several do.
std::string member_named(Database& db, std::string_view name);

} // namespace hlpb::db
