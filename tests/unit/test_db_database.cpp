#include "db/sql_access.hpp"
#include "fixture.hpp"

#include <hlpb/db/database.hpp>
#include <hlpb/db/settings.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string_view>
#include <sys/stat.h>
#include <vector>

using namespace hlpb;
using hlpb::test::TempDir;

namespace {
// The built-in migrations before the one whose file name ends with `suffix` (all of them when
// none does): a database made with them is one that migration has yet to see.
std::vector<db::Migration> migrations_before(std::string_view suffix) {
    const auto& builtin = db::builtin_migrations();
    auto it = std::find_if(builtin.begin(), builtin.end(), [&](const db::Migration& m) {
        return std::string_view(m.name).ends_with(suffix);
    });
    return {builtin.begin(), it};
}

int mode_of(const std::string& path) {
    struct stat st {};
    ::stat(path.c_str(), &st);
    return st.st_mode & 0777;
}
std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}
} // namespace

TEST_CASE("a new database file is private, in WAL mode, at the latest schema version") {
    TempDir tmp;
    std::string path = tmp.file("sub/dir/hlpb.db");
    db::Database db({.path = path, .command_line = "hlpb db init"});
    CHECK(mode_of(path) == 0600);
    CHECK(db.schema_version() == db::Database::latest_version(db::builtin_migrations()));
    CHECK(db::detail::sql(db).execAndGet("PRAGMA journal_mode").getString() == "wal");
    CHECK(db::detail::sql(db).execAndGet("PRAGMA foreign_keys").getInt() == 1);
}

TEST_CASE("the database path: --db, then HLPB_DB, then XDG_DATA_HOME") {
    ::setenv("HLPB_DB", "/tmp/env.db", 1);
    CHECK(db::resolve_path(std::string("/tmp/flag.db")) == "/tmp/flag.db");
    CHECK(db::resolve_path(std::nullopt) == "/tmp/env.db");
    ::unsetenv("HLPB_DB");
    ::setenv("XDG_DATA_HOME", "/tmp/xdg", 1);
    CHECK(db::resolve_path(std::nullopt) == "/tmp/xdg/hlpb/hlpb.db");
    ::unsetenv("XDG_DATA_HOME");
    ::setenv("HOME", "/home/u", 1);
    CHECK(db::resolve_path(std::nullopt) == "/home/u/.local/share/hlpb/hlpb.db");
}

TEST_CASE("migrations apply forward in one transaction; a failing one leaves the file as it was") {
    TempDir tmp;
    std::string path = tmp.file("m.db");
    std::vector<db::Migration> v1 = {{1, "001_a.sql", "CREATE TABLE a(x INTEGER);"}};
    { db::Database db({.path = path, .migrations = &v1}); }
    std::vector<db::Migration> bad = {v1[0],
                                      {2, "002_b.sql", "CREATE TABLE b(x); CREATE TABLE a(y);"}};
    CHECK_THROWS(db::Database({.path = path, .migrations = &bad}));
    {
        db::Database db({.path = path, .migrations = &v1});
        CHECK(db.schema_version() == 1);
        CHECK(db::detail::sql(db).tableExists("a"));
        CHECK_FALSE(db::detail::sql(db).tableExists("b"));
    }
    std::vector<db::Migration> v2 = {v1[0], {2, "002_b.sql", "CREATE TABLE b(x);"}};
    db::Database db({.path = path, .migrations = &v2});
    CHECK(db.schema_version() == 2);
    CHECK(db::detail::sql(db).tableExists("b"));
}

TEST_CASE("migration 003 meets its own index (a version set back by hand) and runs again") {
    TempDir tmp;
    std::string path = tmp.file("m.db");
    const auto& builtin = db::builtin_migrations();
    REQUIRE(builtin.size() >= 3);
    REQUIRE(builtin[2].version == 3);
    const std::vector<db::Migration> upto_003(builtin.begin(), builtin.begin() + 3);
    {
        db::Database db({.path = path, .migrations = &upto_003});
        db::detail::sql(db).exec("PRAGMA user_version = 2");
    }
    db::Database db({.path = path, .migrations = &upto_003});
    CHECK(db.schema_version() == 3);
}

TEST_CASE("a database from a newer hlpb is refused and left untouched") {
    TempDir tmp;
    std::string path = tmp.file("new.db");
    {
        db::Database db({.path = path});
        db::detail::sql(db).exec("PRAGMA user_version = 999");
    }
    std::string before = slurp(path);
    try {
        db::Database db({.path = path});
        FAIL("expected a refusal");
    } catch (const Error& e) {
        CHECK(std::string(e.what()).find("newer") != std::string::npos);
    }
    CHECK(slurp(path) == before);
}

TEST_CASE("a file that is not SQLite is refused") {
    TempDir tmp;
    std::string path = tmp.file("x.db");
    std::ofstream(path) << "this is not a database, just some text that is long enough......";
    CHECK_THROWS_AS(db::Database({.path = path}), Damaged);
}

TEST_CASE("opening: a folder and an unreadable path are InputMissing, never a raw SQLite error") {
    TempDir tmp;
    CHECK_THROWS_AS(db::Database({.path = tmp.path().string()}), InputMissing);
    CHECK_THROWS_AS(db::Database({.path = tmp.path().string(), .create = false}), InputMissing);
    std::ofstream(tmp.file("file")) << "x";
    CHECK_THROWS_AS(db::Database({.path = tmp.file("file/d.db")}), InputMissing);
}

TEST_CASE("a command that only reads writes no schema into an empty file") {
    TempDir tmp;
    const std::string path = tmp.file("empty.db");
    std::ofstream{path};
    CHECK_THROWS_AS(db::Database({.path = path, .create = false}), InputMissing);
    CHECK(slurp(path).empty());
    db::Database created({.path = path}); // db init: creates the schema
    CHECK(created.schema_version() == db::Database::latest_version(db::builtin_migrations()));
}

TEST_CASE("a truncated database is Damaged when read") {
    TempDir tmp;
    const std::string path = tmp.file("d.db");
    {
        db::Database db({.path = path});
        db::WriteTx tx(db);
        db::detail::sql(db).exec("CREATE TABLE filler(x); INSERT INTO filler "
                                 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                                 "WHERE i < 20000) SELECT randomblob(100) FROM n");
        tx.commit();
    }
    const std::string bytes = slurp(path);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() / 2);
    const auto read = [&] { // opening may find the damage already
        db::Database db({.path = path, .create = false});
        try {
            db::detail::sql(db).execAndGet("SELECT count(*), sum(length(x)) FROM filler");
        } catch (const SQLite::Exception& e) {
            db::throw_file_error(e, path);
            throw;
        }
    };
    CHECK_THROWS_AS(read(), Damaged);
}

TEST_CASE("every write appends one audit entry in the same transaction") {
    test::MemoryDb m;
    {
        db::WriteTx tx(m.db);
        db::set_setting(m.db, "subsidy.member_yearly", "360");
        tx.commit();
    }
    {
        db::WriteTx tx(m.db);
        db::set_setting(m.db, "subsidy.member_yearly", "400");
        // not committed: rolled back with its audit entry
    }
    auto log = db::audit_log(m.db, 0);
    REQUIRE(log.size() == 1);
    CHECK(log[0].command == "test");
    CHECK(log[0].rows_changed == 1);
    CHECK(db::get_setting(m.db, "subsidy.member_yearly").value == 360);
    db::audit_read(m.db, "reveal: member list");
    log = db::audit_log(m.db, 1);
    CHECK(log[0].command == "test [reveal: member list]");
    CHECK(log[0].rows_changed == 0);
}

TEST_CASE("a second writer gets Busy once the timeout passes") {
    TempDir tmp;
    std::string path = tmp.file("busy.db");
    db::Database a({.path = path});
    db::Database b({.path = path, .busy_timeout_ms = 50});
    db::WriteTx hold(a);
    CHECK_THROWS_AS(db::WriteTx{b}, Busy);
}

TEST_CASE("online backup produces a file that opens and checks clean") {
    TempDir tmp;
    db::Database db({.path = tmp.file("src.db")});
    {
        db::WriteTx tx(db);
        db::set_setting(db, "district.total_orgs", "1490");
        tx.commit();
    }
    db::backup(db, tmp.file("copy.db"));
    CHECK(mode_of(tmp.file("copy.db")) == 0600);
    db::Database copy({.path = tmp.file("copy.db")});
    CHECK(db::get_setting(copy, "district.total_orgs").value == 1490);
    CHECK_THROWS_AS(db::backup(db, tmp.file("copy.db")), CannotCreate);
}

TEST_CASE("a backup is one file in DELETE mode; a refused one leaves nothing") {
    TempDir tmp;
    db::Database db({.path = tmp.file("src.db")});
    db::backup(db, tmp.file("copy.db"));
    CHECK_FALSE(std::filesystem::exists(tmp.file("copy.db-wal")));
    CHECK_FALSE(std::filesystem::exists(tmp.file("copy.db-shm")));
    {
        SQLite::Database copy(tmp.file("copy.db"), SQLite::OPEN_READONLY);
        CHECK(copy.execAndGet("PRAGMA journal_mode").getString() == "delete");
    }
    const auto files = [&] {
        return std::distance(std::filesystem::directory_iterator(tmp.path()),
                             std::filesystem::directory_iterator());
    };
    const auto before = files();
    CHECK_THROWS_AS(db::backup(db, tmp.file("no/such/b1.db")), CannotCreate);
    CHECK_THROWS_AS(db::backup(db, tmp.file("src.db")), CannotCreate);
    CHECK_THROWS_AS(db::backup(db, tmp.file("src.db-wal")), CannotCreate);
    CHECK(files() == before);
    CHECK_FALSE(std::filesystem::exists(tmp.file("no")));
}

TEST_CASE("settings: defaults, typed values, unknown keys") {
    test::MemoryDb m;
    CHECK(db::get_setting(m.db, "subsidy.secretary_monthly").value == 300);
    CHECK_FALSE(db::get_setting(m.db, "district.total_members").value.has_value());
    CHECK_THROWS_AS(db::get_setting(m.db, "no.such"), UsageError);
    CHECK_THROWS_AS(db::set_setting(m.db, "lead.weight.venue", "-1"), InvalidInput);
    CHECK_THROWS_AS(db::set_setting(m.db, "lead.weight.venue", "abc"), InvalidInput);
    db::set_setting(m.db, "lead.weight.venue", "20");
    CHECK(db::get_setting(m.db, "lead.weight.venue").is_set);
    db::unset_setting(m.db, "lead.weight.venue");
    CHECK(db::get_setting(m.db, "lead.weight.venue").value == 15);
    CHECK(db::list_settings(m.db).size() == db::setting_specs().size());
}

TEST_CASE("cached statements: prepared once, lent reset and cleared, nested use gets its own") {
    hlpb::test::MemoryDb m;
    static constexpr const char* k_sql = "SELECT ?1 + 1 UNION ALL SELECT ?1 + 2";
    SQLite::Statement* first = nullptr;
    {
        auto st = m.db.cached(k_sql);
        first = &*st;
        st->bind(1, 40);
        REQUIRE(st->executeStep());
        CHECK(st->getColumn(0).getInt() == 41); // left half-read: given back reset
        {
            auto nested = m.db.cached(k_sql); // the cached one is lent: a statement of its own
            CHECK(&*nested != first);
            nested->bind(1, 1);
            REQUIRE(nested->executeStep());
            CHECK(nested->getColumn(0).getInt() == 2);
        }
        REQUIRE(st->executeStep()); // the outer one went on undisturbed
        CHECK(st->getColumn(0).getInt() == 42);
    }
    auto again = m.db.cached(k_sql);
    CHECK(&*again == first); // prepared once
    REQUIRE(again->executeStep());
    CHECK(again->getColumn(0).isNull()); // bindings cleared
}

TEST_CASE("the full_date migration loosens the member CHECK in place: rows and rowids kept, a full "
          "member without a full date accepted, a probationary one with a date still refused") {
    TempDir tmp;
    std::string path = tmp.file("m.db");
    const auto& builtin = db::builtin_migrations();
    const std::vector<db::Migration> before = migrations_before("_full_date_optional.sql");
    REQUIRE(before.size() < builtin.size());
    const char* insert = R"sql(
INSERT INTO member(id, id_number, name, gender, birth_date, join_date, status, full_date, org_id,
                   org_since, role_since)
VALUES (?, ?, '甲', 'male', '1985-03-12', '2010-07-01', ?, ?, 1, '2010-07-01', '2010-07-01'))sql";
    auto add = [&](db::Database& db, int id, const char* status, const char* full) {
        SQLite::Statement st(db::detail::sql(db), insert);
        st.bind(1, id);
        st.bind(2, "ID" + std::to_string(id));
        st.bind(3, status);
        if (full)
            st.bind(4, full);
        st.exec();
    };
    {
        db::Database db({.path = path, .migrations = &before});
        db::detail::sql(db).exec(
            "INSERT INTO committee(id, code, name, kind) VALUES (1, 'HL', '湖里', 'street');"
            "INSERT INTO org(id, code, name, type, form, committee_id) "
            "VALUES (1, 'HL-A001', '甲', 'enterprise', 'branch', 1)");
        add(db, 7, "full", "2011-07-01");
        CHECK_THROWS_AS(add(db, 8, "full", nullptr), SQLite::Exception);
    }
    {
        db::Database db({.path = path});
        CHECK(db.schema_version() == builtin.back().version);
        add(db, 8, "full", nullptr); // the connection that migrated sees the new CHECK
        CHECK_THROWS_AS(add(db, 9, "probationary", "2011-07-01"), SQLite::Exception);
        CHECK(db::detail::sql(db).execAndGet("SELECT count(*) FROM member").getInt() == 2);
        CHECK(db::detail::sql(db)
                  .execAndGet("SELECT full_date FROM member WHERE id = 7")
                  .getString() == "2011-07-01");
        CHECK(db::detail::sql(db).execAndGet("PRAGMA integrity_check").getString() == "ok");
        CHECK(db::detail::sql(db)
                  .execAndGet("SELECT count(*) FROM sqlite_schema WHERE name LIKE "
                              "'migration_%'")
                  .getInt() == 0);
    }
    db::Database again({.path = path}); // and so does a new one
    add(again, 10, "full", nullptr);
}

TEST_CASE("migration 009 rebuilds score_entry keyed by month: every entry kept, the key still "
          "unique, one index by org") {
    TempDir tmp;
    std::string path = tmp.file("m.db");
    const auto& builtin = db::builtin_migrations();
    const std::vector<db::Migration> before = migrations_before("_score_entry_by_month.sql");
    REQUIRE(before.size() < builtin.size());
    {
        db::Database db({.path = path, .migrations = &before});
        db::detail::sql(db).exec(
            "INSERT INTO committee(id, code, name, kind) VALUES (1, 'HL', '湖里', 'street');"
            "INSERT INTO org(id, code, name, type, form, committee_id) VALUES "
            "(1, 'HL-A001', '甲', 'enterprise', 'branch', 1),"
            "(2, 'HL-A002', '乙', 'enterprise', 'branch', 1);"
            "INSERT INTO score_entry(org_id, month, category, points, reason) VALUES "
            "(2, '2026-02', 'penalty', -3, '迟到'), (1, '2026-02', 'activity', 4, ''),"
            "(1, '2026-01', 'bonus', 2, '志愿服务'), (1, '2026-01', 'bonus', 1, '')");
    }
    db::Database db({.path = path});
    auto& sql = db::detail::sql(db);
    CHECK(db.schema_version() == builtin.back().version);
    // In the key's order: month, org, category, reason.
    CHECK(sql.execAndGet("SELECT group_concat(month || ' ' || org_id || ' ' || category || ' ' "
                         "|| points || ' ' || reason, ';') FROM score_entry")
              .getString() == "2026-01 1 bonus 1 ;2026-01 1 bonus 2 志愿服务;"
                              "2026-02 1 activity 4 ;2026-02 2 penalty -3 迟到");
    CHECK_THROWS_AS(sql.exec("INSERT INTO score_entry(org_id, month, category, points, reason) "
                             "VALUES (1, '2026-01', 'bonus', 9, '')"),
                    SQLite::Exception);
    CHECK_THROWS_AS(sql.exec("INSERT INTO score_entry(org_id, month, category, points) "
                             "VALUES (1, '2026-03', 'nonsense', 1)"),
                    SQLite::Exception);
    CHECK_THROWS_AS(sql.exec("INSERT INTO score_entry(org_id, month, category, points) "
                             "VALUES (99, '2026-03', 'bonus', 1)"),
                    SQLite::Exception); // the foreign key
    CHECK(sql.execAndGet("SELECT group_concat(name) FROM sqlite_schema WHERE type = 'index' AND "
                         "tbl_name = 'score_entry' AND sql IS NOT NULL")
              .getString() == "score_entry_org");
    CHECK(sql.execAndGet("SELECT sql LIKE '%WITHOUT ROWID' FROM sqlite_schema WHERE name = "
                         "'score_entry'")
              .getInt() == 1);
    CHECK(sql.execAndGet("SELECT count(*) FROM sqlite_schema WHERE name LIKE '%by_month%'")
              .getInt() == 0);
    CHECK(sql.execAndGet("PRAGMA integrity_check").getString() == "ok");
    CHECK(sql.execAndGet("SELECT count(*) FROM pragma_foreign_key_check").getInt() == 0);
}

TEST_CASE("rethrow_as_error says what an SQLite error means, by its code") {
    // Rethrows what `fn` throws through rethrow_as_error, as main does.
    const auto translated = [](auto fn) {
        try {
            fn();
        } catch (...) {
            db::rethrow_as_error("/x/hlpb.db");
        }
    };
    test::MemoryDb m;
    SUBCASE("a constraint is bad data: the field and the rule in words, never SQLite's") {
        try {
            translated([&] {
                db::detail::sql(m.db).exec("INSERT INTO committee(code, name, kind) "
                                           "VALUES ('X', NULL, 'street')");
            });
            FAIL("no exception");
        } catch (const InvalidInput& e) {
            REQUIRE(e.errors().size() == 1);
            CHECK(e.errors()[0].field == "name");
            CHECK(e.errors()[0].message == "is required; nothing was written");
            CHECK(e.exit_code() == k_exit_data);
        }
    }
    SUBCASE("busy and locked are Busy, by the code whatever the message") {
        CHECK_THROWS_AS(translated([] { throw SQLite::Exception("whatever", SQLITE_BUSY); }), Busy);
        CHECK_THROWS_AS(translated([] { throw SQLite::Exception("x", SQLITE_LOCKED_SHAREDCACHE); }),
                        Busy);
    }
    SUBCASE("errors about the file") {
        CHECK_THROWS_AS(translated([] { throw SQLite::Exception("x", SQLITE_NOTADB); }), Damaged);
        CHECK_THROWS_AS(translated([] { throw SQLite::Exception("x", SQLITE_READONLY); }),
                        CannotCreate);
        CHECK_THROWS_AS(translated([] { throw SQLite::Exception("x", SQLITE_IOERR_WRITE); }),
                        IoError);
        CHECK_THROWS_AS(translated([] { throw SQLite::Exception("x", SQLITE_FULL); }), IoError);
        CHECK_THROWS_AS(translated([] { throw SQLite::Exception("x", SQLITE_NOMEM); }), Error);
    }
    SUBCASE("a message that looks like a constraint is not one without its code") {
        CHECK_THROWS_AS(translated([] {
                            throw SQLite::Exception("NOT NULL constraint failed: org.name",
                                                    SQLITE_ERROR);
                        }),
                        SQLite::Exception);
    }
    SUBCASE("anything else is rethrown as it is") {
        CHECK_THROWS_AS(translated([] { throw NotFound("no org X"); }), NotFound);
        CHECK_THROWS_AS(translated([] { throw std::logic_error("bug"); }), std::logic_error);
    }
}

TEST_CASE("SQLite's errors in Chinese: the code's name for SQLite's English, and what to do") {
    test::Language zh("zh"); // English in a subcase that asks for it
    TempDir tmp;
    const std::string path = tmp.file("d.db");
    { db::Database created({.path = path}); }
    // The message of the hlpb::Error that `fn`'s error means (as main gets it).
    const auto message = [&](auto fn) -> std::string {
        try {
            try {
                fn();
            } catch (...) {
                db::rethrow_as_error(path);
            }
        } catch (const InvalidInput& e) {
            return e.errors().empty() ? e.what() : e.errors()[0].message;
        } catch (const Error& e) {
            return e.what();
        }
        return "no error";
    };
    const auto read_only_write = [&] {
        SQLite::Database ro(path, SQLite::OPEN_READONLY);
        ro.exec("INSERT INTO committee(code, name, kind) VALUES ('X', 'x', 'street')");
    };
    SUBCASE("a read-only file") {
        const std::string m = message(read_only_write);
        CHECK(m.find("SQLITE_READONLY") != std::string::npos);
        CHECK(m.find("readonly database") == std::string::npos);
        CHECK(m.find("只读") != std::string::npos);
        i18n::set_language("en"); // English keeps SQLite's own words
        CHECK(message(read_only_write).find("attempt to write a readonly database") !=
              std::string::npos);
    }
    SUBCASE("a file that is not a database") {
        const std::string text = tmp.file("text.db");
        std::ofstream(text) << "this is not a database, just some text that is long enough......";
        try {
            db::Database db({.path = text});
            FAIL("expected Damaged");
        } catch (const Damaged& e) {
            const std::string m = e.what();
            CHECK(m.find("SQLITE_NOTADB") != std::string::npos);
            CHECK(m.find("file is not a database") == std::string::npos);
            CHECK(m.find("hlpb db backup") != std::string::npos);
        }
    }
    SUBCASE("a locked database") {
        db::Database a({.path = path});
        db::Database b({.path = path, .busy_timeout_ms = 50});
        db::WriteTx hold(a);
        try {
            db::WriteTx second(b);
            FAIL("expected Busy");
        } catch (const Busy& e) {
            const std::string m = e.what();
            CHECK(m.find("locked") == std::string::npos);
            CHECK(m.find(path) != std::string::npos);
        }
    }
    SUBCASE("a full disk (the file may not grow)") {
        db::Database db({.path = path});
        const std::string m = message([&] {
            db::detail::sql(db).exec("PRAGMA max_page_count = 20");
            db::detail::sql(db).exec("CREATE TABLE filler(x); INSERT INTO filler "
                                     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                                     "FROM n WHERE i < 2000) SELECT randomblob(100) FROM n");
        });
        CHECK(m.find("SQLITE_FULL") != std::string::npos);
        CHECK(m.find("磁盘已满") != std::string::npos);
        CHECK(m.find("database or disk is full") == std::string::npos);
    }
    SUBCASE("a value too long for SQLite is bad data") {
        db::Database db({.path = path});
        sqlite3_limit(db::detail::sql(db).getHandle(), SQLITE_LIMIT_LENGTH, 1000);
        const std::string m = message([&] {
            db::detail::sql(db).exec("INSERT INTO committee(code, name, kind) "
                                     "VALUES ('X', hex(randomblob(600)), 'street')");
        });
        INFO(m);
        CHECK(m.find("SQLITE_TOOBIG") != std::string::npos);
        CHECK(m.find("未写入任何内容") != std::string::npos);
    }
    SUBCASE("a file that cannot be opened") {
        const std::string m = message(
            [&] { SQLite::Database(tmp.file("no/such/folder.db"), SQLite::OPEN_READWRITE); });
        CHECK(m.find("SQLITE_CANTOPEN") != std::string::npos);
        CHECK(m.find("unable to open") == std::string::npos);
    }
}
