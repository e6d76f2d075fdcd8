// The SQLite file: location, creation (0600), pragmas, forward migrations, write transactions
// with their audit entry. Every repository takes a Database&.
#pragma once

#include <hlpb/db/migrations.hpp>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace SQLite {
class Database;
class Statement;
} // namespace SQLite
struct sqlite3_session;

namespace hlpb::db {

namespace detail {
struct SqlAccess; // lib/src/db/sql_access.hpp: detail::sql(db), for lib only
}

// --db PATH > $HLPB_DB > $XDG_DATA_HOME/hlpb/hlpb.db > ~/.local/share/hlpb/hlpb.db
std::string resolve_path(const std::optional<std::string>& flag);

struct OpenOptions {
    std::string path;           // ":memory:" for tests
    std::string command_line;   // recorded in the audit trail
    int busy_timeout_ms = 5000; // overridable by $HLPB_BUSY_TIMEOUT_MS
    // true: create the file (and its folder) when missing; refuse (CannotCreate) a file or
    // folder that is not writable. false, for commands that only read (they may still append an
    // audit entry): a missing or empty (0-byte) file is InputMissing and is left as it is, the
    // journal mode is not changed, and a WAL file in a read-only folder is read as immutable.
    bool create = true;
    const std::vector<Migration>* migrations = nullptr; // default: builtin_migrations()
};

class WriteTx;

// A prepared statement lent by Database::cached(); reset and given back when destroyed.
class CachedStatement {
public:
    SQLite::Statement& operator*() const { return *m_st; }
    SQLite::Statement* operator->() const { return m_st; }
    CachedStatement(CachedStatement&& other) noexcept;
    CachedStatement& operator=(CachedStatement&&) = delete;
    ~CachedStatement();

private:
    friend class Database;
    CachedStatement(SQLite::Statement* st, bool* lent, std::unique_ptr<SQLite::Statement> own);
    SQLite::Statement* m_st;
    bool* m_lent; // the cache's flag for m_st; nullptr when the statement is m_own
    std::unique_ptr<SQLite::Statement> m_own;
};

class Database {
public:
    // Opens (creating with mode 0600 if needed), sets WAL, foreign keys and the busy timeout,
    // and applies pending migrations in one transaction. Throws Error when the file comes
    // from a newer hlpb (leaving it untouched), InputMissing when it is a folder, unreadable, or
    // (!create) missing or empty, CannotCreate when (create) it or its folder is read-only,
    // Damaged when it is not an hlpb database, Busy when it stays locked.
    explicit Database(const OpenOptions& options);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    const std::string& path() const { return m_path; }
    const std::string& command_line() const { return m_command_line; }
    int schema_version();
    static int latest_version(const std::vector<Migration>& migrations);

    // SQL that runs again and again (for each row of an import) is prepared once: the statement
    // comes reset with its bindings cleared. `sql` must have static storage (a string literal or
    // a constexpr constant), as its address is the key. While a statement is lent, asking for
    // the same SQL again gives a statement of its own, so that nested use is safe.
    CachedStatement cached(const char* sql);

    // The write transaction open on this connection, or nullptr.
    WriteTx* current_write() const { return m_write; }

private:
    friend class WriteTx;
    friend struct detail::SqlAccess;
    void migrate(const std::vector<Migration>& migrations);

    struct Prepared {
        std::unique_ptr<SQLite::Statement> statement;
        bool lent = false;
    };
    std::string m_path;
    std::string m_command_line;
    std::unique_ptr<SQLite::Database> m_db;
    std::unordered_map<const char*, Prepared> m_cache; // after m_db: finalized before it closes
    WriteTx* m_write = nullptr;
};

// One write: BEGIN IMMEDIATE; commit() appends the audit entry (time, OS user, command line with
// ID numbers and phones masked, rows changed) inside the same transaction, and beside it the
// changeset of the write (SQLite's session extension, every table but the audit trail) that
// `db undo` inverts. Rolls back when destroyed uncommitted.
class WriteTx {
public:
    explicit WriteTx(Database& db);
    ~WriteTx();
    WriteTx(const WriteTx&) = delete;
    WriteTx& operator=(const WriteTx&) = delete;

    // `note`, when given, is appended to the command line in the audit entry. A write that
    // changes more than k_max_recorded_rows rows stops recording once past them (checked every
    // few thousand SQLite instructions), so memory stays bounded, and keeps no changeset (it
    // cannot be undone).
    void commit(std::string_view note = {});
    void rollback();
    // Rows changed so far in this transaction.
    long long changes() const;

    static constexpr long long k_max_recorded_rows = 100'000;
    // From here on this write records no changeset (a bulk load: recording would cost time and
    // room); its audit entry says that it cannot be undone, and `why`.
    void stop_recording(std::string_view why);
    // For `db undo`: commit() also sets the undo marks of earlier entries (see undo.hpp).
    struct UndoMarks {
        std::int64_t from = 0;                    // the oldest entry taken back
        std::vector<std::int64_t> undone;         // now undone by this write
        std::vector<std::int64_t> back_in_effect; // undone by an entry now taken back
    };
    void set_undo_marks(UndoMarks marks) { m_marks = std::move(marks); }
    // The audit entry commit() wrote (0 before).
    std::int64_t entry() const { return m_entry; }

private:
    void drop_session();
    void end_recording();
    static int on_progress(void* tx);

    Database& m_db;
    long long m_start_changes;
    bool m_open = true;
    sqlite3_session* m_session = nullptr;
    std::string m_not_recorded;
    bool m_over_limit = false; // past k_max_recorded_rows: the session is disabled
    UndoMarks m_marks;
    std::int64_t m_entry = 0;
};

// Read snapshot: BEGIN (deferred) so that a listing sees one consistent state while an import
// writes (WAL). Ends when destroyed.
class ReadTx {
public:
    explicit ReadTx(Database& db);
    ~ReadTx();
    ReadTx(const ReadTx&) = delete;
    ReadTx& operator=(const ReadTx&) = delete;

private:
    Database& m_db;
};

// SQLite's own words about an error `e`, for the parentheses of a message: its English text in
// English; in Chinese the name of its result code (SQLITE_FULL), the sentence around it saying
// what to do. Not an SQLite error: e.what().
std::string error_detail(const std::exception& e);

// Throws the hlpb::Error that an SQLite error `e` about the database at `path` means: Busy
// (locked), Damaged (not a database, malformed: exit 65, restore from a backup), CannotCreate
// (read-only), IoError (disk full, I/O error), InputMissing (cannot open). Returns when `e` is
// none of these (not an SQLite error, or a bug).
void throw_file_error(const std::exception& e, const std::string& path);

// Called inside a catch block: rethrows the exception being handled as the hlpb::Error it means
// for the user, so that no caller outside lib needs to know SQLite. An SQLite error is mapped by
// its error code (never by its message): a constraint the checks missed is InvalidInput naming
// the field and the rule in words ("…; nothing was written"), so is a value too long for SQLite
// (TOOBIG); out of memory is an Error that says so; and the errors about the file at
// `path` are those of throw_file_error. Anything else (an hlpb::Error, another SQLite error, a
// bug) is rethrown as it is.
[[noreturn]] void rethrow_as_error(const std::string& path);

// Online backup (sqlite3_backup) of `db` to a new file at `dest` (mode 0600), made as a
// util::AtomicFile: copied into a temporary file beside `dest`, switched to journal mode DELETE
// (one self-contained file, no -wal or -shm), integrity-checked, then linked into place. Throws
// CannotCreate when `dest` exists, is the database or one of its journals, or cannot be made (a
// missing folder is not created); IoError when writing the copy fails. After a throw nothing is
// left behind.
void backup(Database& db, const std::string& dest);

struct AuditEntry {
    long long id;
    std::string at;
    std::string os_user;
    std::string command; // ID numbers and phones masked (also in entries older than masking)
    long long rows_changed;
    // For `db undo`: "undone by 12", "undoes 10-12", "not undoable: …", or empty.
    std::string undo;
    // For people: the command and undo above in the user's language, where they are hlpb's own
    // fixed forms (see shown_audit_command).
    std::string shown_command;
    std::string shown_undo;
};
// Newest first; limit <= 0 means all.
std::vector<AuditEntry> audit_log(Database& db, int limit);

// Appends an audit entry for a read that revealed personal data (--reveal). A command calls one of
// the audit_revealed_* below, before it shows the data (nothing is revealed without its entry);
// each writes one fixed English form, which db log shows in the user's language.
void audit_read(Database& db, const std::string& what);

// What --reveal showed.
enum class Revealed {
    instructor_phones,        // the instructors' phones (cluster show)
    instructor_phone_history, // the instructors' phones (cluster history)
    undo_id_numbers,          // ID numbers in the keys of db undo --dry-run
};
void audit_revealed(Database& db, Revealed what);
// ID numbers (`phones`: and phones) of `n` members, shown by `command` ("member list").
void audit_revealed_members(Database& db, std::size_t n, bool phones, std::string_view command);
// ID numbers of `n` mentoring pairs, shown by `command`.
void audit_revealed_mentoring(Database& db, std::size_t n, std::string_view command);
// ID numbers and phones in an export of `noun` ("member").
void audit_revealed_export(Database& db, std::string_view noun);

} // namespace hlpb::db
