#include "db/sql_util.hpp"

#include <string_view>

namespace hlpb::db::detail {

std::optional<std::int64_t> id_of(SQLite::Database& db, const char* table,
                                  const std::string& code) {
    // `table` is one of three constants chosen by the caller, never user text.
    static constexpr const char* k_committee = "SELECT id FROM committee WHERE code = ?";
    static constexpr const char* k_cluster = "SELECT id FROM cluster WHERE code = ?";
    static constexpr const char* k_org = "SELECT id FROM org WHERE code = ?";
    std::string_view t(table);
    const char* sql = t == "committee" ? k_committee : t == "cluster" ? k_cluster : k_org;
    SQLite::Statement st(db, sql);
    st.bind(1, code);
    if (st.executeStep())
        return st.getColumn(0).getInt64();
    return std::nullopt;
}

} // namespace hlpb::db::detail
