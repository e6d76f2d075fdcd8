#include <hlpb/db/codes.hpp>
#include <hlpb/db/database.hpp>

#include "db/sql_access.hpp"

#include <SQLiteCpp/Statement.h>

namespace hlpb::db {
namespace {

// LIKE ignores the case of ASCII letters; the prefix's own % and _ are escaped.
constexpr const char* k_committee_codes =
    "SELECT code FROM committee WHERE code LIKE ? ESCAPE '\\' ORDER BY code LIMIT ?";
constexpr const char* k_cluster_codes =
    "SELECT code FROM cluster WHERE code LIKE ? ESCAPE '\\' ORDER BY code LIMIT ?";
constexpr const char* k_org_codes =
    "SELECT code FROM org WHERE code LIKE ? ESCAPE '\\' ORDER BY code LIMIT ?";

} // namespace

std::vector<std::string> codes_starting(Database& db, CodeKind kind, std::string_view prefix,
                                        int limit) {
    const char* sql = kind == CodeKind::committee ? k_committee_codes
                      : kind == CodeKind::cluster ? k_cluster_codes
                                                  : k_org_codes;
    std::string pattern;
    for (char c : prefix) {
        if (c == '%' || c == '_' || c == '\\')
            pattern += '\\';
        pattern += c;
    }
    pattern += '%';
    SQLite::Statement st(detail::sql(db), sql);
    st.bind(1, pattern);
    st.bind(2, limit);
    std::vector<std::string> out;
    while (st.executeStep())
        out.push_back(st.getColumn(0).getString());
    return out;
}

} // namespace hlpb::db
