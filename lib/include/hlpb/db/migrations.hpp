// Schema migrations compiled from data/migrations/NNN_*.sql (see data/embed_migrations.cmake).
#pragma once

#include <vector>

namespace hlpb::db {

struct Migration {
    int version;      // PRAGMA user_version after this migration
    const char* name; // file name, for messages
    const char* sql;
};

// Ordered by version, starting at 1, without gaps.
const std::vector<Migration>& builtin_migrations();

} // namespace hlpb::db
