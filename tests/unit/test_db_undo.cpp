#include "db/sql_access.hpp"
#include "fixture.hpp"

#include <hlpb/audit.hpp>
#include <hlpb/db/database.hpp>
#include <hlpb/db/undo.hpp>
#include <hlpb/error.hpp>

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

#include <string>

using namespace hlpb;

namespace {

// One audited write of raw SQL, as a command would make it.
void write(db::Database& db, const std::string& sql) {
    db::WriteTx tx(db);
    db::detail::sql(db).exec(sql);
    tx.commit();
}

std::string setting(db::Database& db, const char* key) {
    SQLite::Statement st(db::detail::sql(db), "SELECT value FROM setting WHERE key = ?");
    st.bind(1, key);
    return st.executeStep() ? st.getColumn(0).getString() : "(none)";
}

long long count(db::Database& db, const std::string& sql) {
    return db::detail::sql(db).execAndGet(sql).getInt64();
}

std::string undo_state(db::Database& db, long long entry) {
    for (const auto& e : db::audit_log(db, 0))
        if (e.id == entry)
            return e.undo;
    return "(no entry)";
}

} // namespace

TEST_CASE("the audit trail keeps command lines with ID numbers and phones masked") {
    using audit::mask_command_line;
    CHECK(
        mask_command_line("hlpb member add 11010519491231002X --name 王秀兰 --phone 13812345678") ==
        "hlpb member add 110105********002X --name 王秀兰 --phone 138****5678");
    // Inside --opt=value, next to Chinese text or letters, lower-case x, full-width digits.
    CHECK(mask_command_line("--id=11010519491231002x --phone=+8613812345678") ==
          "--id=110105********002X --phone=+86138****5678");
    CHECK(mask_command_line("--note 身份证11010519491231002X号") ==
          "--note 身份证110105********002X号");
    CHECK(mask_command_line("--phone １３８１２３４５６７８") == "--phone 138****5678");
    CHECK(mask_command_line("member show ١١٠١٠٥١٩٤٩١٢٣١٠٠٢X") == "member show 110105********002X");
    CHECK(mask_command_line("--phone ۱۳۸۱۲۳۴۵۶۷۸") == "--phone 138****5678");
    CHECK(mask_command_line("ID11010519491231002") == "ID110105*******1002"); // 17: mistyped
    CHECK(mask_command_line("old 110105491231002") == "old 110105*****1002"); // 15 digits
    // Kept: a 统一社会信用代码 (starts with 9), dates, codes, short numbers, other phones.
    const std::string kept = "--host-uscc 913502062180878824 --on 2026-11-28 --venue-m2 320 "
                             "HL-A001 0592-5551234 12345678901";
    CHECK(mask_command_line(kept) == kept);
    // Masking twice changes nothing more.
    const std::string once = mask_command_line("11010519491231002X 13812345678");
    CHECK(mask_command_line(once) == once);
}

TEST_CASE("a write stores its command line masked, and a changeset beside its entry") {
    db::Database db({.path = ":memory:",
                     .command_line = "hlpb member edit 11010519491231002X --phone 13812345678"});
    write(db, "INSERT INTO setting(key, value) VALUES ('a', '1')");
    CHECK(db::detail::sql(db).execAndGet("SELECT command FROM audit").getString() ==
          "hlpb member edit 110105********002X --phone 138****5678");
    CHECK(count(db, "SELECT count(*) FROM audit_change WHERE changeset IS NOT NULL") == 1);
    // A read that revealed data changes nothing: an entry without a changeset.
    db::audit_read(db, "revealed: 11010519491231002X");
    CHECK(count(db, "SELECT count(*) FROM audit") == 2);
    CHECK(count(db, "SELECT count(*) FROM audit_change") == 1);
    CHECK(db::audit_log(db, 1).front().command.find("11010519491231002X") == std::string::npos);
    // An entry stored unmasked by an older hlpb is shown masked.
    db::detail::sql(db).exec(
        "INSERT INTO audit(at, os_user, command, rows_changed) VALUES "
        "('2026-01-01T00:00:00Z', 'u', 'hlpb member show 11010519491231002X', 0)");
    CHECK(db::audit_log(db, 1).front().command == "hlpb member show 110105********002X");
}

TEST_CASE("a write of more than 100,000 rows stops recording and is not undoable") {
    test::MemoryDb m;
    db::Database& db = m.db;
    write(db, "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 100001) "
              "INSERT INTO setting(key, value) SELECT 'k' || x, 'v' FROM n");
    CHECK(undo_state(db, 1) == "not undoable: more than 100000 rows changed");
    CHECK_THROWS_AS(db::undo(db, {}), Conflict);
    write(db, "INSERT INTO setting(key, value) VALUES ('small', '1')"); // recorded again
    CHECK(db::undo(db, {}).from == 2);
}

TEST_CASE("db undo takes back the latest write; again walks back; undoing the undo redoes") {
    test::MemoryDb m;
    db::Database& db = m.db;
    write(db, "INSERT INTO setting(key, value) VALUES ('a', '1')"); // 1
    write(db, "UPDATE setting SET value = '2' WHERE key = 'a'");    // 2
    write(db, "INSERT INTO setting(key, value) VALUES ('b', 'x')"); // 3
    db::audit_read(db, "revealed: something");                      // 4: skipped

    db::UndoResult r = db::undo(db, {});
    CHECK(r.from == 3);
    REQUIRE(r.taken.size() == 1);
    CHECK(r.taken[0].entry == 3);
    CHECK(r.entry == 5);
    REQUIRE(r.tables.size() == 1);
    CHECK(r.tables[0].table == "setting");
    CHECK(r.tables[0].deleted == 1);
    CHECK(r.tables[0].rows == std::vector<std::string>{"b"});
    CHECK(setting(db, "b") == "(none)");
    CHECK(undo_state(db, 3) == "undone by 5");
    CHECK(undo_state(db, 5) == "undoes 3-4");

    r = db::undo(db, {}); // walks past the undo and what it took back
    CHECK(r.from == 2);
    CHECK(setting(db, "a") == "1");
    CHECK(setting(db, "b") == "(none)");

    r = db::undo(db, {.entry = 6}); // redo of entry 2
    REQUIRE(r.taken.size() == 1);
    CHECK(r.taken[0].redo);
    CHECK(setting(db, "a") == "2");
    CHECK(undo_state(db, 2).empty()); // in effect again
    CHECK(undo_state(db, 6) == "undoes 2-5; undone by 7");
}

TEST_CASE("db undo ENTRY takes back every later write too, in one write") {
    test::MemoryDb m;
    db::Database& db = m.db;
    write(db, "INSERT INTO committee(code, name, kind) VALUES ('HL', '湖里', 'street')");
    write(db, "INSERT INTO setting(key, value) VALUES ('a', '1')");
    write(db, "UPDATE committee SET name = '湖里街道' WHERE code = 'HL'");
    write(db, "DELETE FROM setting WHERE key = 'a'");
    const long long entries = count(db, "SELECT count(*) FROM audit");

    SUBCASE("a dry run reports and writes nothing") {
        db::UndoResult r = db::undo(db, {.entry = 2, .dry_run = true});
        CHECK(r.entry == 0);
        CHECK(r.taken.size() == 3);
        CHECK(count(db, "SELECT count(*) FROM audit") == entries);
        CHECK(setting(db, "a") == "(none)");
        REQUIRE(r.tables.size() == 1); // setting a: inserted, then deleted: nothing
        CHECK(r.tables[0].table == "committee");
        CHECK(r.tables[0].updated == 1);
        CHECK(r.tables[0].rows == std::vector<std::string>{"HL (name)"});
    }
    SUBCASE("applied") {
        db::UndoResult r = db::undo(db, {.entry = 2});
        CHECK(r.taken.size() == 3);
        CHECK(r.taken[0].entry == 4); // newest first
        CHECK(count(db, "SELECT count(*) FROM audit") == entries + 1);
        CHECK(db::detail::sql(db).execAndGet("SELECT name FROM committee").getString() == "湖里");
        CHECK(setting(db, "a") == "(none)");
        for (long long e : {2, 3, 4})
            CHECK(undo_state(db, e) == "undone by 5");
        CHECK_THROWS_AS(db::undo(db, {.entry = 3}), NotFound); // already undone
    }
}

TEST_CASE("db undo refuses, changing nothing, what it cannot take back") {
    test::MemoryDb m;
    db::Database& db = m.db;
    write(db, "INSERT INTO setting(key, value) VALUES ('a', '1')");
    write(db, "UPDATE setting SET value = '2' WHERE key = 'a'");

    SUBCASE("no such entry, nothing to undo") {
        CHECK_THROWS_AS(db::undo(db, {.entry = 99}), NotFound);
        test::MemoryDb empty;
        CHECK_THROWS_AS(db::undo(empty.db, {}), NotFound);
    }
    SUBCASE("a row changed outside the recorded writes: the last entry that wrote it is named") {
        db::detail::sql(db).exec("UPDATE setting SET value = '3' WHERE key = 'a'");
        std::string message;
        try {
            db::undo(db, {.entry = 1});
        } catch (const Conflict& e) {
            message = e.what();
        }
        CHECK(message.find("setting a") != std::string::npos);
        CHECK(message.find("entry 2") != std::string::npos);
        CHECK(setting(db, "a") == "3");
        CHECK(count(db, "SELECT count(*) FROM audit") == 2);
    }
    SUBCASE("a write that recorded no changeset (a bulk load) is in the way") {
        {
            db::WriteTx tx(db);
            REQUIRE(db.current_write() == &tx);
            tx.stop_recording("bulk load into an empty register");
            db::detail::sql(db).exec("INSERT INTO setting(key, value) VALUES ('b', '1')");
            tx.commit();
        }
        CHECK(db.current_write() == nullptr);
        CHECK(undo_state(db, 3) == "not undoable: bulk load into an empty register");
        std::string message;
        try {
            db::undo(db, {.entry = 2});
        } catch (const Conflict& e) {
            message = e.what();
        }
        CHECK(message.find("entry 3") != std::string::npos);
        CHECK(message.find("hlpb db backup") != std::string::npos);
        CHECK_THROWS_AS(db::undo(db, {}), Conflict);
        CHECK(setting(db, "a") == "2");
    }
}

TEST_CASE("db undo takes back score entries (a table keyed by month, without row ids), each "
          "labelled by its org, month and category") {
    test::MemoryDb m;
    db::Database& db = m.db;
    write(db, "INSERT INTO committee(id, code, name, kind) VALUES (1, 'HL', '湖里', 'street');"
              "INSERT INTO org(id, code, name, type, form, committee_id) "
              "VALUES (1, 'HL-A001', '甲', 'enterprise', 'branch', 1)"); // 1
    write(db, "INSERT INTO score_entry(org_id, month, category, points, reason) "
              "VALUES (1, '2026-05', 'bonus', 2, '志愿服务')"); // 2
    write(db, "UPDATE score_entry SET points = 5; "
              "INSERT INTO score_entry(org_id, month, category, points) "
              "VALUES (1, '2026-06', 'penalty', -1)"); // 3

    db::UndoResult r = db::undo(db, {.dry_run = true});
    REQUIRE(r.tables.size() == 1);
    CHECK(r.tables[0].table == "score_entry");
    CHECK(r.tables[0].updated == 1);
    CHECK(r.tables[0].deleted == 1);
    CHECK(r.tables[0].rows ==
          std::vector<std::string>{"HL-A001 2026-05 bonus (points)", "HL-A001 2026-06 penalty"});
    CHECK(count(db, "SELECT count(*) FROM score_entry") == 2); // a dry run

    db::undo(db, {});
    CHECK(db::detail::sql(db)
              .execAndGet("SELECT group_concat(month || ':' || points) FROM score_entry")
              .getString() == "2026-05:2");
    db::undo(db, {});
    CHECK(count(db, "SELECT count(*) FROM score_entry") == 0);
}
