#include <hlpb/audit.hpp>
#include <hlpb/db/database.hpp>
#include <hlpb/db/history.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/util/atomic_file.hpp>
#include <hlpb/validate.hpp>

#include "db/audit_text.hpp"
#include "db/sql_access.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace hlpb::db {
namespace {

// 16 KiB rather than SQLite's 4 KiB: a bulk load of 1M members, its index builds (which read the
// table back from the WAL a page at a time) and the checkpoint make a quarter as many page reads
// and writes; 2.8 s -> 2.4 s for bench/'s narrow file (bench/README.md). 64 KiB was a little
// faster again but holds more memory per cached page.
constexpr int k_page_size = 16384;
// The most of the file SQLite maps for reading (see open).
constexpr long long k_mmap_size = 1LL << 30;

constexpr const char* k_insert_audit =
    R"sql(INSERT INTO audit(at, os_user, command, rows_changed) VALUES (?, ?, ?, ?))sql";
constexpr const char* k_insert_change =
    R"sql(INSERT INTO audit_change(audit_id, schema_version, changeset, not_recorded, undone_by)
          VALUES (?, ?, ?, ?, NULL))sql";
constexpr const char* k_mark_undone =
    R"sql(UPDATE audit_change SET undone_by = ? WHERE audit_id = ?)sql";
constexpr const char* k_mark_in_effect =
    R"sql(UPDATE audit_change SET undone_by = NULL WHERE audit_id = ?)sql";
constexpr const char* k_mark_undo =
    R"sql(UPDATE audit_change SET undoes_from = ? WHERE audit_id = ?)sql";
constexpr const char* k_select_audit = R"sql(
    SELECT a.id, a.at, a.os_user, a.command, a.rows_changed, c.undone_by, c.undoes_from,
           c.not_recorded
    FROM audit a LEFT JOIN audit_change c ON c.audit_id = a.id
    ORDER BY a.id DESC LIMIT ?)sql";

// How often (in SQLite virtual machine instructions) a write checks the rows it changed.
constexpr int k_progress_ops = 10000;

// The tables a changeset covers: all but the audit trail itself and SQLite's own.
int record_table(void*, const char* table) {
    const std::string_view t(table);
    return t != "audit" && t != "audit_change" && !t.starts_with("sqlite_");
}

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
}

std::string os_user() {
    if (auto u = env("USER"); !u.empty())
        return u;
    if (const passwd* pw = getpwuid(geteuid()))
        return pw->pw_name;
    return std::to_string(geteuid());
}

std::string utc_now() {
    auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

bool is_busy(const SQLite::Exception& e) {
    int code = e.getErrorCode() & 0xff;
    return code == SQLITE_BUSY || code == SQLITE_LOCKED;
}

[[noreturn]] void rethrow_busy(const SQLite::Exception& e, const std::string& path) {
    if (is_busy(e))
        throw Busy(trf("database {} is locked by another process; retry later", path));
    throw;
}

// Creates the file with mode 0600 (and its folder with 0700) before SQLite opens it, so the
// personal data in it is never world-readable, not even for an instant.
void create_private_file(const std::string& path) {
    std::filesystem::path p(path);
    if (p.has_parent_path() && !std::filesystem::exists(p.parent_path())) {
        std::error_code ec;
        std::filesystem::create_directories(p.parent_path(), ec);
        if (ec)
            throw CannotCreate(trf("cannot create folder {}: {}", p.parent_path().string(),
                                   hlpb::i18n::system_error(ec.value())));
        ::chmod(p.parent_path().c_str(), 0700);
    }
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return;
        throw CannotCreate(
            trf("cannot create database {}: {}", path, hlpb::i18n::system_error(errno)));
    }
    ::close(fd);
}

std::string folder_of(const std::string& path) {
    const std::filesystem::path p(path);
    return p.has_parent_path() ? p.parent_path().string() : std::string(".");
}

// What the file at `path` is, before SQLite opens it: refuses what SQLite would fail on with a
// message of its own (a folder, an unreadable file, a read-only one for a command that writes).
// Returns the file's size.
off_t check_file(const std::string& path, bool create) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno != ENOENT)
            throw InputMissing(
                trf("cannot open database {}: {}", path, hlpb::i18n::system_error(errno)));
        if (!create)
            throw InputMissing(trf("database {} does not exist (run: hlpb db init)", path));
        create_private_file(path);
        return 0;
    }
    if (S_ISDIR(st.st_mode))
        throw InputMissing(
            trf("database {} is a folder, not a file (--db names the file, e.g. {}/hlpb.db)", path,
                path));
    if (!S_ISREG(st.st_mode))
        throw InputMissing(trf("database {} is not a regular file", path));
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw InputMissing(
            trf("cannot read database {}: {}", path, hlpb::i18n::system_error(errno)));
    ::close(fd);
    if (create) {
        if (::access(path.c_str(), W_OK) != 0)
            throw CannotCreate(trf(
                "cannot write database {}: {}; this command changes it (make the file writable, "
                "or work on a copy)",
                path, hlpb::i18n::system_error(errno)));
        const std::string folder = folder_of(path);
        if (::access(folder.c_str(), W_OK) != 0)
            throw CannotCreate(trf(
                "cannot write database {}: its folder {} is not writable ({}), and SQLite keeps "
                "its journal beside the file",
                path, folder, hlpb::i18n::system_error(errno)));
    }
    return st.st_size;
}

// A URI naming `path` (for ?immutable=1): the characters a URI gives meaning to are escaped.
std::string file_uri(const std::string& path) {
    std::string out = "file:";
    for (char c : path) {
        if (c == '?' || c == '#' || c == '%')
            out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        else
            out += c;
    }
    return out;
}

// A WAL database in a folder the user cannot write can be read only as an immutable file (no
// -shm can be made). Safe when no -wal file holds changes: nobody can write there either.
bool readable_only_as_immutable(const std::string& path) {
    struct stat st {};
    const bool wal_holds_changes = ::stat((path + "-wal").c_str(), &st) == 0 && st.st_size > 0;
    return !wal_holds_changes && ::access(folder_of(path).c_str(), W_OK) != 0;
}

} // namespace

std::string error_detail(const std::exception& e) {
    const auto* sqlite = dynamic_cast<const SQLite::Exception*>(&e);
    if (sqlite == nullptr || !i18n::chinese())
        return e.what();
    // The primary result codes (sqlite3.h), by number.
    static constexpr const char* k_names[] = {
        "SQLITE_OK",       "SQLITE_ERROR",     "SQLITE_INTERNAL", "SQLITE_PERM",
        "SQLITE_ABORT",    "SQLITE_BUSY",      "SQLITE_LOCKED",   "SQLITE_NOMEM",
        "SQLITE_READONLY", "SQLITE_INTERRUPT", "SQLITE_IOERR",    "SQLITE_CORRUPT",
        "SQLITE_NOTFOUND", "SQLITE_FULL",      "SQLITE_CANTOPEN", "SQLITE_PROTOCOL",
        "SQLITE_EMPTY",    "SQLITE_SCHEMA",    "SQLITE_TOOBIG",   "SQLITE_CONSTRAINT",
        "SQLITE_MISMATCH", "SQLITE_MISUSE",    "SQLITE_NOLFS",    "SQLITE_AUTH",
        "SQLITE_FORMAT",   "SQLITE_RANGE",     "SQLITE_NOTADB",   "SQLITE_NOTICE",
        "SQLITE_WARNING",
    };
    const int code = sqlite->getErrorCode() & 0xff;
    if (code >= 0 && code < static_cast<int>(std::size(k_names)))
        return k_names[code];
    return fmt::format("SQLITE {}", sqlite->getErrorCode());
}

void throw_file_error(const std::exception& e, const std::string& path) {
    const auto* sqlite = dynamic_cast<const SQLite::Exception*>(&e);
    if (sqlite == nullptr)
        return;
    const std::string detail = error_detail(e);
    switch (sqlite->getErrorCode() & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        throw Busy(trf("database {} is locked by another process; retry later", path));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        throw Damaged(trf("{} is not an hlpb database or is damaged ({}); restore it from "
                          "a copy made by hlpb db backup",
                          path, detail));
    case SQLITE_READONLY:
        throw CannotCreate(trf("cannot write database {}: it is read-only ({}); make it "
                               "and its folder writable, or work on a copy",
                               path, detail));
    case SQLITE_FULL:
        throw IoError(trf("cannot write database {}: the disk is full ({}); nothing was "
                          "written. Free some space, then repeat the command",
                          path, detail));
    case SQLITE_IOERR:
        throw IoError(trf("cannot use database {}: the disk reported an input/output error "
                          "({}). Check the disk, then repeat the command and run hlpb db check",
                          path, detail));
    case SQLITE_CANTOPEN:
        throw InputMissing(trf("cannot open database {} ({}): check that the file and its "
                               "folder exist and that you may read and write them",
                               path, detail));
    case SQLITE_PERM:
    case SQLITE_AUTH:
        throw InputMissing(trf("cannot open database {}: access was denied ({}); check the "
                               "permissions of the file and its folder",
                               path, detail));
    default:
        return;
    }
}

void rethrow_as_error(const std::string& path) {
    try {
        throw;
    } catch (const SQLite::Exception& e) {
        const int code = e.getErrorCode() & 0xff;
        if (code == SQLITE_CONSTRAINT) {
            // A rule the checks missed: in words, as bad data (the message names the column).
            const auto p = validate::describe_constraint(e.what());
            throw InvalidInput(
                p.field,
                trf("{}; nothing was written",
                    p.rule.empty() ? tr("the change breaks a rule of the database") : p.rule));
        }
        if (code == SQLITE_TOOBIG)
            throw InvalidInput("", trf("a value is too long for the database ({}); nothing was "
                                       "written. Shorten it, then repeat the command",
                                       error_detail(e)));
        if (code == SQLITE_NOMEM)
            throw Error(trf("not enough memory ({}); nothing was written. Close other programs, "
                            "then repeat the command",
                            error_detail(e)));
        throw_file_error(e, path);
        throw;
    }
}

std::string resolve_path(const std::optional<std::string>& flag) {
    if (flag && !flag->empty())
        return *flag;
    if (auto v = env("HLPB_DB"); !v.empty())
        return v;
    std::string base = env("XDG_DATA_HOME");
    if (base.empty()) {
        std::string home = env("HOME");
        if (home.empty())
            throw Error(tr("cannot find the database: set --db, HLPB_DB or HOME"));
        base = home + "/.local/share";
    }
    return base + "/hlpb/hlpb.db";
}

int Database::latest_version(const std::vector<Migration>& migrations) {
    return migrations.empty() ? 0 : migrations.back().version;
}

Database::Database(const OpenOptions& options)
    : m_path(options.path), m_command_line(options.command_line) {
    // SQLite's memory statistics take a process-wide mutex at every allocation, for which the
    // report's two connections on two threads (snapshot_pair) would wait on each other; hlpb
    // never reads them. Set once, before the process's first connection (later, SQLite
    // refuses the call and nothing changes).
    static const int no_memory_statistics = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)no_memory_statistics;
    const auto& migrations = options.migrations ? *options.migrations : builtin_migrations();
    int timeout = options.busy_timeout_ms;
    if (auto t = env("HLPB_BUSY_TIMEOUT_MS"); !t.empty())
        timeout = std::atoi(t.c_str());
    const bool memory = m_path == ":memory:";
    const off_t size = memory ? 0 : check_file(m_path, options.create);
    if (!options.create && size == 0 && !memory)
        throw InputMissing(trf("database {} is empty (0 bytes), not an hlpb database "
                               "yet (run: hlpb db init)",
                               m_path));
    // One connection per process, used from one thread: no SQLite mutexes needed.
    const auto open = [&](bool immutable) {
        m_db.reset();
        m_db = immutable ? std::make_unique<SQLite::Database>(
                               file_uri(m_path) + "?immutable=1",
                               SQLite::OPEN_READONLY | SQLite::OPEN_URI | SQLite::OPEN_NOMUTEX)
                         : std::make_unique<SQLite::Database>(
                               m_path, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX, timeout);
        return m_db->execAndGet("PRAGMA user_version").getInt();
    };
    try {
        int version = 0;
        try {
            version = open(false);
        } catch (const SQLite::Exception& e) {
            const int code = e.getErrorCode() & 0xff;
            if (options.create || (code != SQLITE_READONLY && code != SQLITE_CANTOPEN) ||
                !readable_only_as_immutable(m_path))
                throw;
            version = open(true); // a command that reads, in a read-only folder
        }
        int latest = latest_version(migrations);
        if (version > latest)
            throw Error(trf("database {} has schema version {}, newer than this hlpb "
                            "understands ({}); use a newer hlpb. The file was not changed.",
                            m_path, version, latest));
        if (version == 0 && size > 0 &&
            m_db->execAndGet("SELECT count(*) FROM sqlite_schema").getInt() > 0)
            throw Damaged(trf("{} is not an hlpb database (an SQLite file with tables of "
                              "another program); the file was not changed",
                              m_path));
        // A new file gets pages of k_page_size bytes, set before WAL mode and the first table
        // fix it (an existing file keeps its own).
        if (size == 0 && options.create)
            m_db->exec(fmt::format("PRAGMA page_size={}", k_page_size));
        // A command that only reads leaves the file as it is (a backup stays in DELETE mode).
        if (!memory && options.create) {
            std::string mode = m_db->execAndGet("PRAGMA journal_mode").getString();
            if (mode != "wal")
                m_db->exec("PRAGMA journal_mode=WAL");
        }
        m_db->exec("PRAGMA foreign_keys=ON");
        m_db->exec("PRAGMA synchronous=NORMAL");
        // Reads map the file instead of copying each page through read(): the month's report
        // at scale 100 reads ~200 MB of pages, and the system time of those calls was a fifth
        // of its run (bench/README.md). Address space only; the OS page cache holds the data.
        // Only for commands that only read: a writing command's page faults on the map cost
        // more than the copies they save.
        if (!options.create)
            m_db->exec(fmt::format("PRAGMA mmap_size={}", k_mmap_size));
        if (version < latest)
            migrate(migrations);
    } catch (const SQLite::Exception& e) {
        throw_file_error(e, m_path);
        throw;
    }
}

Database::~Database() = default;

CachedStatement Database::cached(const char* sql) {
    Prepared& p = m_cache[sql];
    if (!p.statement)
        p.statement = std::make_unique<SQLite::Statement>(*m_db, sql);
    else if (p.lent)
        return CachedStatement(nullptr, nullptr, std::make_unique<SQLite::Statement>(*m_db, sql));
    p.statement->tryReset();
    p.statement->clearBindings();
    p.lent = true;
    return CachedStatement(p.statement.get(), &p.lent, nullptr);
}

CachedStatement::CachedStatement(SQLite::Statement* st, bool* lent,
                                 std::unique_ptr<SQLite::Statement> own)
    : m_st(own ? own.get() : st), m_lent(lent), m_own(std::move(own)) {}

CachedStatement::CachedStatement(CachedStatement&& other) noexcept
    : m_st(std::exchange(other.m_st, nullptr)), m_lent(std::exchange(other.m_lent, nullptr)),
      m_own(std::move(other.m_own)) {}

CachedStatement::~CachedStatement() {
    if (m_lent) {
        m_st->tryReset(); // ends a read it may have left open; its error was seen already
        *m_lent = false;
    }
}

int Database::schema_version() {
    return m_db->execAndGet("PRAGMA user_version").getInt();
}

void Database::migrate(const std::vector<Migration>& migrations) {
    m_db->exec("BEGIN IMMEDIATE");
    try {
        // Re-read under the write lock: another process may have migrated meanwhile.
        int version = schema_version();
        int expected = version + 1;
        for (const auto& m : migrations) {
            if (m.version <= version)
                continue;
            if (m.version != expected)
                throw Error(
                    trf("migration {} out of order (expected version {})", m.name, expected));
            m_db->exec(m.sql);
            ++expected;
        }
        m_db->exec(fmt::format("PRAGMA user_version={}", expected - 1));
        m_db->exec("COMMIT");
    } catch (...) {
        m_db->tryExec("ROLLBACK");
        throw;
    }
}

WriteTx::WriteTx(Database& db) : m_db(db) {
    try {
        detail::sql(m_db).exec("BEGIN IMMEDIATE");
    } catch (const SQLite::Exception& e) {
        rethrow_busy(e, m_db.path());
    }
    m_start_changes = sqlite3_total_changes64(detail::sql(m_db).getHandle());
    sqlite3* handle = detail::sql(m_db).getHandle();
    if (sqlite3session_create(handle, "main", &m_session) != SQLITE_OK) {
        detail::sql(m_db).tryExec("ROLLBACK");
        throw Error(trf("cannot record changes: {}",
                        error_detail(SQLite::Exception(handle, sqlite3_errcode(handle)))));
    }
    sqlite3session_table_filter(m_session, record_table, nullptr);
    sqlite3session_attach(m_session, nullptr);
    sqlite3_progress_handler(handle, k_progress_ops, &WriteTx::on_progress, this);
    m_db.m_write = this;
}

int WriteTx::on_progress(void* p) {
    auto* tx = static_cast<WriteTx*>(p);
    // Only the session's own flag may change here (SQLite is inside a statement).
    if (tx->m_session && !tx->m_over_limit && tx->changes() > k_max_recorded_rows) {
        sqlite3session_enable(tx->m_session, 0);
        tx->m_over_limit = true;
    }
    return 0;
}

WriteTx::~WriteTx() {
    end_recording();
    if (m_open)
        detail::sql(m_db).tryExec("ROLLBACK");
}

void WriteTx::drop_session() {
    sqlite3_progress_handler(detail::sql(m_db).getHandle(), 0, nullptr, nullptr);
    if (m_session) {
        sqlite3session_delete(m_session); // also removes the pre-update hook: no cost per row
        m_session = nullptr;
    }
}

void WriteTx::end_recording() {
    drop_session();
    if (m_db.m_write == this)
        m_db.m_write = nullptr;
}

void WriteTx::stop_recording(std::string_view why) {
    drop_session();
    if (m_not_recorded.empty())
        m_not_recorded = why;
}

long long WriteTx::changes() const {
    return sqlite3_total_changes64(detail::sql(m_db).getHandle()) - m_start_changes;
}

void WriteTx::commit(std::string_view note) {
    const long long rows = changes();
    // The changeset, before the audit rows are written (they are not part of it).
    struct Blob {
        void* data = nullptr;
        int size = 0;
        ~Blob() { sqlite3_free(data); }
    } changeset;
    if (m_session && (m_over_limit || rows > k_max_recorded_rows))
        stop_recording(detail::not_recorded_note(k_max_recorded_rows));
    if (m_session && rows > 0) {
        int rc = sqlite3session_changeset(m_session, &changeset.size, &changeset.data);
        if (rc != SQLITE_OK)
            throw Error(trf("cannot record changes: {}",
                            error_detail(SQLite::Exception(sqlite3_errstr(rc), rc))));
    }
    const bool recorded = m_session != nullptr;
    end_recording();

    const std::string command =
        note.empty() ? m_db.command_line() : fmt::format("{} [{}]", m_db.command_line(), note);
    SQLite::Statement st(detail::sql(m_db), k_insert_audit);
    st.bind(1, utc_now());
    st.bind(2, os_user());
    st.bind(3, audit::mask_command_line(command));
    st.bind(4, static_cast<int64_t>(rows));
    st.exec();
    const std::int64_t entry = detail::sql(m_db).getLastInsertRowid();
    // A read (--reveal) changed nothing and has nothing to undo.
    if (rows > 0 || m_marks.from > 0) {
        SQLite::Statement ch(detail::sql(m_db), k_insert_change);
        ch.bind(1, entry);
        ch.bind(2, m_db.schema_version());
        if (recorded) {
            static const char k_empty = 0; // a write whose changes cancel out: an empty changeset
            ch.bind(3, changeset.data ? changeset.data : static_cast<const void*>(&k_empty),
                    changeset.size);
            ch.bind(4);
        } else {
            ch.bind(3);
            ch.bind(4, m_not_recorded);
        }
        ch.exec();
    }
    if (m_marks.from > 0) {
        SQLite::Statement from(detail::sql(m_db), k_mark_undo);
        from.bind(1, m_marks.from);
        from.bind(2, entry);
        from.exec();
        SQLite::Statement undone(detail::sql(m_db), k_mark_undone);
        for (std::int64_t id : m_marks.undone) {
            undone.reset();
            undone.bind(1, entry);
            undone.bind(2, id);
            undone.exec();
        }
        SQLite::Statement back(detail::sql(m_db), k_mark_in_effect);
        for (std::int64_t id : m_marks.back_in_effect) {
            back.reset();
            back.bind(1, id);
            back.exec();
        }
    }
    try {
        detail::sql(m_db).exec("COMMIT");
    } catch (const SQLite::Exception& e) {
        rethrow_busy(e, m_db.path());
    }
    m_open = false;
    m_entry = entry;
}

void WriteTx::rollback() {
    end_recording();
    if (m_open)
        detail::sql(m_db).exec("ROLLBACK");
    m_open = false;
}

ReadTx::ReadTx(Database& db) : m_db(db) {
    detail::sql(m_db).exec("BEGIN");
    // A deferred transaction takes its snapshot at the first read.
    detail::sql(m_db).execAndGet("SELECT count(*) FROM sqlite_schema");
}

ReadTx::~ReadTx() {
    detail::sql(m_db).tryExec("COMMIT");
}

void backup(Database& db, const std::string& dest) {
    util::OutputGuard guard;
    guard.protect_database(db.path());
    util::AtomicFile file(dest, guard, util::Existing::refuse);
    const std::string& copy = file.staging_path();
    const auto remove_journals = [&] {
        for (const char* suffix : {"-wal", "-shm", "-journal"})
            ::unlink((copy + suffix).c_str());
    };
    std::string result;
    try {
        {
            SQLite::Database out(copy, SQLite::OPEN_READWRITE);
            SQLite::Backup bk(out, detail::sql(db));
            bk.executeStep(-1);
            // One self-contained file: in DELETE mode no -wal or -shm stays beside the copy.
            out.exec("PRAGMA journal_mode=DELETE");
        }
        SQLite::Database check(copy, SQLite::OPEN_READONLY);
        result = check.execAndGet("PRAGMA integrity_check").getString();
    } catch (const SQLite::Exception& e) {
        remove_journals();
        const int code = e.getErrorCode() & 0xff;
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_CORRUPT ||
            code == SQLITE_NOTADB)
            throw_file_error(e, db.path()); // about the database being copied
        throw IoError(trf("cannot write {}: {}", dest, error_detail(e)));
    }
    remove_journals();
    if (result != "ok")
        throw Error(trf("the copy of {} failed its integrity check ({}); nothing was "
                        "written; run hlpb db check",
                        db.path(), result));
    file.commit();
}

std::vector<AuditEntry> audit_log(Database& db, int limit) {
    SQLite::Statement st(detail::sql(db), k_select_audit);
    st.bind(1, limit <= 0 ? -1 : limit);
    std::vector<AuditEntry> out;
    while (st.executeStep()) {
        AuditEntry e{st.getColumn(0).getInt64(),
                     st.getColumn(1).getString(),
                     st.getColumn(2).getString(),
                     // Entries written before masking was kept unmasked in the file.
                     audit::mask_command_line(st.getColumn(3).getString()),
                     st.getColumn(4).getInt64(),
                     {}};
        const long long undone_by = st.getColumn(5).isNull() ? 0 : st.getColumn(5).getInt64();
        const long long undoes_from = st.getColumn(6).isNull() ? 0 : st.getColumn(6).getInt64();
        const std::string not_recorded = st.getColumn(7).getString(); // NULL: empty
        e.undo = detail::undo_marks(e.id, undoes_from, undone_by, not_recorded, false);
        e.shown_command = shown_audit_command(e.command);
        e.shown_undo = detail::undo_marks(e.id, undoes_from, undone_by, not_recorded, true);
        out.push_back(std::move(e));
    }
    return out;
}

void audit_read(Database& db, const std::string& what) {
    WriteTx tx(db);
    tx.commit(what);
}

} // namespace hlpb::db
