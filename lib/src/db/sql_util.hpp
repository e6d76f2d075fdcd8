// Private helpers of the db layer: binding and reading dates, looking up ids by code.
#pragma once

#include <hlpb/date.hpp>
#include <hlpb/model.hpp>
#include <hlpb/row_errors.hpp>
#include <hlpb/validate.hpp>

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <optional>
#include <string>

namespace hlpb::db {
class Database;
}

namespace hlpb::db::detail {

// Cleans a record's text fields (validate::clean_texts) and reports each one that stays bad
// under its field; false when any did, as the other checks of the record then mean little.
inline bool clean_texts(std::initializer_list<validate::TextField> fields,
                        import::RowErrors& errors) {
    const auto bad = validate::clean_texts(fields);
    for (const auto& [field, problem] : bad)
        errors.add(std::string(field), problem);
    return bad.empty();
}

inline void bind_date(SQLite::Statement& st, int index, const std::optional<Date>& d) {
    if (d)
        st.bind(index, format_date(*d));
    else
        st.bind(index); // NULL
}

inline std::optional<Date> column_date(const SQLite::Column& c) {
    if (c.isNull())
        return std::nullopt;
    return parse_date(c.getString());
}

inline Date column_date_required(const SQLite::Column& c) {
    auto d = column_date(c);
    return d ? *d : Date{};
}

// The SQL of one honours table (org_honor, member_honor): static strings, as the statement
// cache wants. `exists` binds (owner, date, title); `insert` binds (owner, date, title, level).
struct HonorSql {
    const char* exists;
    const char* insert;
};
// Records honour `h` of the owner row `owner` (`who` names the owner in messages): throws
// InvalidInput for an empty title or an unknown level (empty means "other"), Conflict when the
// owner has that title on that date already. Shared by org and member honours.
void add_honor(Database& db, const HonorSql& sql, std::int64_t owner, const std::string& who,
               const Honor& h);

// The id of the row with `code` in `table` (committee, cluster or org), or nullopt.
std::optional<std::int64_t> id_of(SQLite::Database& db, const char* table, const std::string& code);

} // namespace hlpb::db::detail
