// 公民身份号码 (GB 11643-1999): validation, the check character, what the number tells
// (birth date, gender), Excel damage, and masking for output.
#pragma once

#include <hlpb/date.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace hlpb::id_number {

struct Info {
    Date birth_date;
    std::string gender; // "male" (odd 17th digit) / "female"
    std::string area;   // the 6-digit administrative area code
};

// The check character ('0'..'9' or 'X') of the first 17 digits (ISO 7064 MOD 11-2).
char check_char(std::string_view first17);

// Empty when `id` (already normalised: trimmed, half-width, upper-case x) is a valid 18-character
// number with a real birth date (1900 .. `today`) and the right check character; else the
// problem in plain words, e.g. "checksum digit should be 3", or an explanation of Excel damage.
// Messages never repeat a full ID number (they end up in terminals and logs)
// ("3.50206E+17": turned into a number; 18 digits ending in 000 with a wrong checksum: cut to
// 15 significant digits).
std::string check(std::string_view id, const Date& today);

// Birth date, gender and area of a valid number (call check() first).
Info info(std::string_view id);

// Trim, full-width to half-width, lower-case x to X.
std::string normalize(std::string_view text);

// 350206********1234: the area code and the last four characters kept. Any other text (a
// mistyped number, a name given as an ID) is masked but for its last 4 characters, one '*' a
// character: masking counts characters, never cutting one ("吴晶" → "**").
std::string mask(std::string_view id);
// 138****5678 for an 11-digit phone; other text masked but for its last 4 characters.
std::string mask_phone(std::string_view phone);

} // namespace hlpb::id_number
