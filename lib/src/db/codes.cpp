#include <hlpb/db/codes.hpp>
#include <hlpb/db/database.hpp>

#include "db/sql_access.hpp"

#include <SQLiteCpp/Statement.h>

namespace hlpb::db {
namespace {

// LIKE ignores the case of ASCII letters; the prefix's own % and _ are escaped. ?3 = 1: only
// records in force.
constexpr const char* k_committee_codes =
    "SELECT code FROM committee WHERE code LIKE ?1 ESCAPE '\\' ORDER BY code LIMIT ?2";
constexpr const char* k_cluster_codes =
    "SELECT code FROM cluster WHERE code LIKE ?1 ESCAPE '\\' AND (?3 = 0 OR status = 'active') "
    "ORDER BY code LIMIT ?2";
constexpr const char* k_org_codes =
    "SELECT code FROM org WHERE code LIKE ?1 ESCAPE '\\' AND (?3 = 0 OR closed IS NULL) "
    "ORDER BY code LIMIT ?2";

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
    std::vector<std::string> out;
    for (const int in_force : {1, 0}) {
        st.reset();
        st.bind(1, pattern);
        st.bind(2, limit);
        if (kind != CodeKind::committee)
            st.bind(3, in_force);
        while (st.executeStep())
            out.push_back(st.getColumn(0).getString());
        if (!out.empty() || kind == CodeKind::committee)
            break;
    }
    return out;
}

} // namespace hlpb::db
