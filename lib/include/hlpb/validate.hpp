// Validation of the user's keys and values: codes, USCC (GB 32100-2015), phones, yes/no, enums.
// Each check_* returns an empty string when the value is fine, else the problem in plain words.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hlpb::validate {

// Codes are the user's stable keys: [A-Za-z0-9_.-]{1,32}. A value with Chinese (or other
// non-ASCII) characters is told apart: it is most likely a name given where a code belongs.
std::string check_code(std::string_view code);

// What a text field may hold besides printable characters: `line` (names, codes, dates, every
// field but notes) no control character at all; `note` (free text: flag notes, reasons) also
// tabs and line breaks.
enum class TextRule { line, note };

// Every typed or imported text value goes through this one step: `value` is normalised in
// place (text::normalize for a line; only trimmed for a note, whose full-width punctuation is
// prose), then checked for control characters (C0, DEL, C1). Empty when fine, else the problem
// in words ("holds the control character U+0000 at character 3"); the value is then unusable.
std::string clean_text(std::string& value, TextRule rule = TextRule::line);
// clean_text over the text fields of one record, as each validate_* of the repositories does
// first; the problems found, as (field key, message).
struct TextField {
    std::string_view key;
    std::string* value;
    TextRule rule = TextRule::line;
};
std::vector<std::pair<std::string_view, std::string>>
clean_texts(std::initializer_list<TextField> fields);
// The check alone, for a value already normalised.
std::string check_text(std::string_view value, TextRule rule = TextRule::line);

// A whole-number field: its bounds and how a message names its unit.
struct NumberRule {
    long long min;
    long long max;
    std::string_view what; // for messages: "'-5' is not <what> from <min> to <max>"
};
constexpr NumberRule k_venue_m2{0, 1'000'000, "a whole number of m²"}; // 1 km²: above is a typo
constexpr NumberRule k_year{2000, 2100, "a year"};
constexpr NumberRule k_points{0, 1'000'000, "a whole number of points"};

// Parses `text` (as typed or imported: full-width digits allowed) as a whole number within
// `rule`. Empty when fine (and `out` set), else the problem in words; the same message for a
// command-line option and an import cell: "'-5' is not a whole number of m² from 0 to 1000000".
std::string check_number(std::string_view text, const NumberRule& rule, long long& out);
// The same message for a value already parsed (empty when within the bounds).
std::string check_number(long long value, const NumberRule& rule);

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

// A constraint of the schema that fired (SQLite's "CHECK constraint failed: org_since >=
// join_date", "NOT NULL constraint failed: org.name", "UNIQUE …") as the field and the rule in
// words, for the user: the checks above should have caught it first, but a raw SQLite message
// must never be what the user reads. {"", ""} when `sqlite_message` is not a constraint.
struct ConstraintProblem {
    std::string field;
    std::string rule;
};
ConstraintProblem describe_constraint(std::string_view sqlite_message);

// Excel damage: scientific notation such as 3.50206E+17 in a column that must be text.
bool looks_like_excel_scientific(std::string_view text);

} // namespace hlpb::validate
