// The labels people read for the English keys of columns and of the sections of `show`, in
// Chinese (--lang zh) and English (--lang en). Machine formats (csv, json, jsonl) use the keys.
// Enumerated values have theirs in vocab.hpp.
#pragma once

#include <string_view>

namespace hlpb::labels {

// The label of column `key` ("birth_date": 出生日期 / Birth date) in `lang` ("zh" or "en"). Keys
// are SPEC's snake_case field names; one key means the same thing in every listing. Empty when
// the key has no label (the key itself is then shown) or the language is neither.
std::string_view column(std::string_view key, std::string_view lang);

// The same in member listings, where a key's member meaning has its own label (name 姓名,
// org 所在党组织, status 党员状态); other keys as column().
std::string_view member_column(std::string_view key, std::string_view lang);

// The title of a section of `show` (orgs 成员党组织 / Member orgs, lead_terms, flags, honors,
// placements, points, mentoring, members, earlier_values); other keys as column().
std::string_view section(std::string_view key, std::string_view lang);

} // namespace hlpb::labels
