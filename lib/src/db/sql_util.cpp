#include "db/sql_util.hpp"

#include <hlpb/error.hpp>
#include <hlpb/vocab.hpp>

#include <fmt/format.h>

#include <string_view>

namespace hlpb::db::detail {

std::string checked_honor_level(const std::string& title, const std::string& level) {
    if (title.empty())
        throw InvalidInput("title", "is empty");
    std::string key = level.empty() ? "other" : vocab::parse(vocab::honor_levels(), level);
    if (key.empty())
        throw InvalidInput("level", fmt::format("'{}' is not one of {}", level,
                                                vocab::keys(vocab::honor_levels())));
    return key;
}

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
