#include <hlpb/db/database.hpp>
#include <hlpb/db/member_find.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/id_number.hpp>
#include <hlpb/text.hpp>

#include "db/sql_util.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace hlpb::db {
namespace {

// The name holds the text (:digits = 0), or the ID number or phone ends with it (:digits = 1).
constexpr const char* k_find = R"sql(
SELECT m.id_number, m.name, o.code, o.name, m.phone, m.left_on
FROM member m JOIN org o ON o.id = m.org_id
WHERE (:digits = 0 AND instr(m.name, :t) > 0)
   OR (:digits = 1 AND (substr(m.id_number, -length(:t)) = :t
                        OR (length(m.phone) >= length(:t) AND substr(m.phone, -length(:t)) = :t)))
ORDER BY m.name <> :t, m.name, m.id_number)sql";

constexpr const char* k_named = R"sql(
SELECT m.id_number, m.name, o.code, o.name, m.phone, m.left_on
FROM member m JOIN org o ON o.id = m.org_id WHERE m.name = ? ORDER BY m.id_number)sql";

// Digits only (an ID number's last character may be X).
bool digits_only(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool x = (c == 'X' || c == 'x') && i + 1 == s.size() && i > 0;
        if (!(c >= '0' && c <= '9') && !x)
            return false;
    }
    return !s.empty();
}

std::vector<MemberMatch> read(SQLite::Statement& st) {
    std::vector<MemberMatch> out;
    while (st.executeStep())
        out.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(),
                       st.getColumn(2).getString(), st.getColumn(3).getString(),
                       st.getColumn(4).getString(), detail::column_date(st.getColumn(5))});
    return out;
}

} // namespace

bool looks_like_id_number(std::string_view text) {
    return std::count_if(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }) >=
           6;
}

std::vector<MemberMatch> find_members(Database& db, std::string_view typed,
                                      std::string_view field) {
    std::string text = text::normalize(typed);
    const bool digits = digits_only(text);
    if (text.empty())
        throw InvalidInput(std::string(field), "is empty");
    if (digits && text.size() < 4)
        throw InvalidInput(
            std::string(field),
            trf("'{}': give 4 digits or more of an ID number or a phone, or a name", text));
    if (digits && (text.back() == 'x'))
        text.back() = 'X';
    auto st = db.cached(k_find);
    st->bind(":digits", digits ? 1 : 0);
    st->bind(":t", text);
    return read(*st);
}

std::string member_named(Database& db, std::string_view typed) {
    const std::string name = text::normalize(typed);
    auto st = db.cached(k_named);
    st->bind(1, name);
    const auto found = read(*st);
    if (found.empty())
        throw NotFound(trf("no member is named '{}' (members whose name holds it: hlpb member "
                           "find {})",
                           text::printable(name), text::printable(name)));
    if (found.size() == 1)
        return found.front().id_number;
    std::string list;
    for (const auto& m : found) {
        if (!list.empty())
            list += i18n::chinese() ? "；" : "; ";
        list += fmt::format("{} {} {}", id_number::mask(m.id_number), m.org, m.org_name);
    }
    throw Conflict(trf("{} members are named '{}': {}; give the ID number of one (hlpb member "
                       "find {} --reveal shows them)",
                       found.size(), text::printable(name), list, text::printable(name)));
}

} // namespace hlpb::db
