#include "db/snapshot_pair.hpp"

#include "db/sql_access.hpp"

#include <exception>

namespace hlpb::db::detail {

StateMark state_mark(Database& db) {
    auto& c = sql(db);
    return {c.execAndGet("SELECT coalesce(max(id), 0) FROM audit").getInt64(),
            c.execAndGet("PRAGMA schema_version").getInt64()};
}

SnapshotPair::SnapshotPair(Database& db) {
    if (db.path() != ":memory:" && !db.path().empty() && db.current_write() == nullptr) {
        try {
            OpenOptions o;
            o.path = db.path();
            o.command_line = db.command_line();
            o.create = false;
            m_second = std::make_unique<Database>(o);
            m_second_tx.emplace(*m_second);
        } catch (const std::exception&) {
            // No second connection (a file that cannot be opened twice, a lock): one is enough.
            m_second_tx.reset();
            m_second.reset();
        }
    }
    m_tx.emplace(db);
    if (m_second && !(state_mark(*m_second) == state_mark(db))) {
        m_second_tx.reset(); // a write came between the two beginnings
        m_second.reset();
    }
}

SnapshotPair::~SnapshotPair() = default;

} // namespace hlpb::db::detail
