// A second read connection on the same state as the first, so that a report can load independent
// parts on two cores (the monthly report at scale 100). Private to libhlpb.
#pragma once

#include <hlpb/db/database.hpp>

#include <memory>
#include <optional>

namespace hlpb::db::detail {

// Read transactions on `db` and, when it can, on a second connection to the same file that sees
// exactly the same state; both end when the pair is destroyed. SQLite offers no way here to open
// a reader on another connection's snapshot (sqlite3_snapshot_open is not in Debian's build), so:
// a deferred BEGIN takes its snapshot at the first read; the second connection begins first,
// then `db`; the two saw the same state when nothing was committed in between, and the audit
// trail says so (every hlpb write appends its entry in the write's own transaction; the schema
// version covers a migration). When they differ, when the database is in memory, or when a
// second connection cannot be opened, second() is nullptr: read everything through `db`.
class SnapshotPair {
public:
    explicit SnapshotPair(Database& db);
    ~SnapshotPair();
    SnapshotPair(const SnapshotPair&) = delete;
    SnapshotPair& operator=(const SnapshotPair&) = delete;

    // The second connection, for one other thread at a time; nullptr when there is none.
    Database* second() const { return m_second.get(); }

private:
    std::unique_ptr<Database> m_second;
    std::optional<ReadTx> m_second_tx; // ended after m_tx (members end in reverse order)
    std::optional<ReadTx> m_tx;
};

// What tells two read transactions' states apart: the last audit entry and the schema version.
struct StateMark {
    long long last_audit = 0;
    long long schema_version = 0;
    bool operator==(const StateMark&) const = default;
};
StateMark state_mark(Database& db);

} // namespace hlpb::db::detail
