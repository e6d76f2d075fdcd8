// Validation of the user's keys and values: codes, USCC (GB 32100-2015), phones, yes/no, enums.
// Each check_* returns an empty string when the value is fine, else the problem in plain words.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hlpb::validate {

// Codes are the user's stable keys: [A-Za-z0-9_.-]{1,32}.
std::string check_code(std::string_view code);

// 统一社会信用代码: 18 characters from "0-9A-HJ-NPQRTUWXY", last is the check character.
// On a checksum mismatch the message names the expected check character.
std::string check_uscc(std::string_view uscc);
char uscc_check_char(std::string_view first17); // the check character for 17 valid characters

// 11-digit mainland mobile number starting with 1[3-9].
std::string check_mobile(std::string_view phone);

// 1/0, true/false, yes/no, y/n, 是/否 (case-insensitive); nullopt when none of these.
std::optional<bool> parse_bool(std::string_view text);

// A non-negative integer (digits only after normalisation); nullopt otherwise.
std::optional<long long> parse_int(std::string_view text);

// Excel damage: scientific notation such as 3.50206E+17 in a column that must be text.
bool looks_like_excel_scientific(std::string_view text);

} // namespace hlpb::validate
