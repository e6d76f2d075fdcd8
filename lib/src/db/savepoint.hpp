// Private to the db layer: all or nothing for one library change inside the caller's
// transaction, so that a refusal half-way (a second org, a later lead term) leaves nothing
// behind even when the caller goes on (an import with its next row, a test).
#pragma once

#include <hlpb/db/database.hpp>

#include <SQLiteCpp/Statement.h>

namespace hlpb::db::detail {

class Savepoint {
public:
    explicit Savepoint(Database& db) : m_db(db) { m_db.cached("SAVEPOINT change")->exec(); }
    ~Savepoint() {
        if (m_released)
            return;
        try {
            m_db.cached("ROLLBACK TO change")->exec();
            m_db.cached("RELEASE change")->exec();
        } catch (...) { // the caller's transaction rolls back in the end
        }
    }
    Savepoint(const Savepoint&) = delete;
    Savepoint& operator=(const Savepoint&) = delete;
    void release() {
        m_db.cached("RELEASE change")->exec();
        m_released = true;
    }

private:
    Database& m_db;
    bool m_released = false;
};

} // namespace hlpb::db::detail
