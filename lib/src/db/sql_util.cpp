#include "db/sql_util.hpp"

#include <hlpb/db/database.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/vocab.hpp>

#include <fmt/format.h>

#include <string_view>

namespace hlpb::db::detail {

void add_honor(Database& db, const HonorSql& sql, std::int64_t owner, const std::string& who,
               const Honor& h) {
    if (h.title.empty())
        throw InvalidInput("title", tr("is empty"));
    const std::string level =
        h.level.empty() ? "other" : vocab::parse(vocab::honor_levels(), h.level);
    if (level.empty())
        throw InvalidInput(
            "level", trf("'{}' is not one of {}", h.level, vocab::keys(vocab::honor_levels())));
    const std::string date = format_date(h.date);
    auto exists = db.cached(sql.exists);
    exists->bind(1, owner);
    exists->bind(2, date);
    exists->bind(3, h.title);
    if (exists->executeStep())
        throw Conflict(trf("{} already has the honor '{}' on {}", who, h.title, date));
    auto st = db.cached(sql.insert);
    st->bind(1, owner);
    st->bind(2, date);
    st->bind(3, h.title);
    st->bind(4, level);
    st->exec();
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
