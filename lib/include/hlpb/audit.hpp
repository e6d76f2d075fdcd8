// What the audit trail keeps of a command line: every ID number and mobile phone in it masked as
// output masks them, so that `db log` can be handed to an inspector.
#pragma once

#include <string>
#include <string_view>

namespace hlpb::audit {

// `text` with personal numbers masked; everything else (names, codes, dates) kept as typed.
// A "number" is a run of digits (ASCII or full-width), whatever surrounds it: a space, `=`,
// a letter or Chinese text. Runs of 15 digits or more (an ID number: 18 characters, the last
// perhaps X; an old 15-digit one; a mistyped one) keep their first 6 and last 4 characters
// (110105********002X), but for those starting with 9, which no ID number does (an 18-digit
// 统一社会信用代码); an 11-digit mobile number 1[3-9]… (also after +86) keeps 3 and 4
// (138****5678). Shorter runs (dates, codes, counts) are kept. Masking masked text changes
// nothing.
std::string mask_command_line(std::string_view text);

} // namespace hlpb::audit
