// Private helpers of the use cases of the activity and problem repositories: whether an org was
// open on a day, a record's problems thrown at once, optional filters bound as NULL.
#pragma once

#include <hlpb/date.hpp>
#include <hlpb/error.hpp>
#include <hlpb/row_errors.hpp>

#include <SQLiteCpp/Statement.h>

#include <string>
#include <vector>

namespace hlpb::db {
class Database;
}

namespace hlpb::db::detail {

// Why org `code` could not take part in something on `date`: it does not exist, was founded
// after it, or was closed on or before it; empty when it was open that day.
std::string org_not_open(Database& db, const std::string& code, const Date& date);

// InvalidInput carrying every problem in `errors` (field keys as they are); nothing when empty.
inline void throw_if_any(const import::RowErrors& errors) {
    if (errors.empty())
        return;
    std::vector<RowError> out;
    for (const auto& item : errors.items())
        out.push_back(RowError{"", 0, item.field, item.message});
    throw InvalidInput(std::move(out));
}

// Binds `value` to the named parameter, or NULL when it is empty (a filter not given).
inline void bind_or_null(SQLite::Statement& st, const char* name, const std::string& value) {
    if (value.empty())
        st.bind(name);
    else
        st.bind(name, value);
}

} // namespace hlpb::db::detail
