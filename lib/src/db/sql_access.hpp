// lib-private: the SQLite connection behind a db::Database, for the code that runs SQL (lib/src/db,
// and the bulk loaders of import and demo) and for the unit tests. Not installed: cmd and any
// other user of libhlpb see a Database without SQLite.
#pragma once

#include <hlpb/db/database.hpp>

#include <SQLiteCpp/Database.h>

namespace hlpb::db::detail {

struct SqlAccess {
    static SQLite::Database& sql(Database& db) { return *db.m_db; }
};

inline SQLite::Database& sql(Database& db) {
    return SqlAccess::sql(db);
}

} // namespace hlpb::db::detail
