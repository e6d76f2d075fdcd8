// Tests for import/engine: all or nothing, duplicate keys, dry runs, upsert counts, the
// errors-out file, the error cap, hostile text. The handler writes the `setting` table.
#include "db/sql_access.hpp"
#include "fixture.hpp"

#include <hlpb/db/database.hpp>
#include <hlpb/error.hpp>
#include <hlpb/import/engine.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <new>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using hlpb::InvalidInput;
using hlpb::RowError;
using hlpb::import::Field;
using hlpb::import::Handler;
using hlpb::import::ImportOptions;
using hlpb::import::Outcome;
using hlpb::import::Row;
using hlpb::import::RowErrors;
using hlpb::import::RowSource;
using hlpb::import::SourceOptions;
using hlpb::import::Summary;

namespace {

const std::vector<Field> k_fields = {
    {"key", "键", true, {}},
    {"value", "值", true, {}},
};

// Upserts `setting` rows under a "t." prefix; "bad" values and empty keys are row errors,
// "conflict" throws hlpb::Conflict like a repository would.
Handler setting_handler(hlpb::db::Database& db) {
    Handler h;
    h.key_field = "key";
    h.key = [](const Row& row) { return row[0]; };
    h.apply = [&db](const Row& row, RowErrors& errors) -> std::optional<Outcome> {
        if (row[0].empty())
            errors.add("key", "required");
        if (row[1] == "bad")
            errors.add("value", "must not be 'bad'");
        if (row[1] == "worse")
            errors.add("value", "must not be 'worse' either");
        if (row[1] == "conflict")
            throw hlpb::Conflict("value: clashes with something");
        if (!errors.empty())
            return std::nullopt;
        SQLite::Statement find(hlpb::db::detail::sql(db),
                               "SELECT value FROM setting WHERE key = ?");
        find.bind(1, "t." + row[0]);
        if (!find.executeStep()) {
            SQLite::Statement ins(hlpb::db::detail::sql(db),
                                  "INSERT INTO setting(key, value) VALUES (?, ?)");
            ins.bind(1, "t." + row[0]);
            ins.bind(2, row[1]);
            ins.exec();
            return Outcome::inserted;
        }
        if (find.getColumn(0).getString() == row[1])
            return Outcome::unchanged;
        SQLite::Statement upd(hlpb::db::detail::sql(db),
                              "UPDATE setting SET value = ? WHERE key = ?");
        upd.bind(1, row[1]);
        upd.bind(2, "t." + row[0]);
        upd.exec();
        return Outcome::updated;
    };
    return h;
}

struct Env : hlpb::test::MemoryDb {
    Summary import(const std::string& csv, ImportOptions options = {}) {
        std::istringstream in(csv);
        RowSource source(in, SourceOptions{"s.csv", "", ""}, k_fields);
        return hlpb::import::run(db, source, setting_handler(db), options);
    }
    InvalidInput import_fails(const std::string& csv, ImportOptions options = {}) {
        try {
            import(csv, std::move(options));
        } catch (const InvalidInput& e) {
            return e;
        }
        FAIL("no InvalidInput thrown");
        return InvalidInput("", "");
    }
    long count() {
        return hlpb::db::detail::sql(db)
            .execAndGet("SELECT count(*) FROM setting WHERE key LIKE 't.%'")
            .getInt();
    }
    std::string value(const std::string& key) {
        SQLite::Statement st(hlpb::db::detail::sql(db), "SELECT value FROM setting WHERE key = ?");
        st.bind(1, "t." + key);
        return st.executeStep() ? st.getColumn(0).getString() : std::string("<none>");
    }
    long audits() {
        return hlpb::db::detail::sql(db).execAndGet("SELECT count(*) FROM audit").getInt();
    }
};

std::vector<std::string> lines_of(const InvalidInput& e) {
    std::vector<std::string> out;
    for (const RowError& err : e.errors())
        out.push_back(err.to_string());
    return out;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST_CASE("import engine: inserted, updated and unchanged are counted; re-import changes nothing") {
    Env env;
    long audits = env.audits();
    Summary s = env.import("key,value\na,1\nb,2\nc,3\n");
    CHECK(s.rows == 3);
    CHECK(s.inserted == 3);
    CHECK(s.updated == 0);
    CHECK(s.unchanged == 0);
    CHECK_FALSE(s.dry_run);
    CHECK(env.count() == 3);
    CHECK(env.audits() == audits + 1); // committed with its audit entry

    s = env.import("key,value\na,1\nb,2\nc,3\n");
    CHECK(s.inserted == 0);
    CHECK(s.unchanged == 3);

    s = env.import("值,键\n1,a\n20,b\n4,d\n");
    CHECK(s.inserted == 1);
    CHECK(s.updated == 1);
    CHECK(s.unchanged == 1);
    CHECK(env.value("b") == "20");
}

TEST_CASE("import engine: one bad row, nothing written; every bad row reported with its line") {
    Env env;
    long audits = env.audits();
    auto e = env.import_fails("key,value\n"
                              "a,1\n"
                              "b,\"multi\nline\"\n" // lines 3-4
                              "c,bad\n"             // line 5
                              "d,4\n"
                              "e,worse\n" // line 7
                              ",5\n"      // line 8
                              "f,conflict\n");
    CHECK(lines_of(e) == std::vector<std::string>{
                             "s.csv:5: value: must not be 'bad'",
                             "s.csv:7: value: must not be 'worse' either",
                             "s.csv:8: key: required",
                             "s.csv:9: value: clashes with something",
                         });
    CHECK(e.total() == 4);
    CHECK(e.exit_code() == hlpb::k_exit_data);
    CHECK(env.count() == 0);
    CHECK(env.audits() == audits);
}

TEST_CASE("import engine: a key repeated in the file names both lines") {
    Env env;
    auto e = env.import_fails("key,value\nk1,1\nk2,2\n\"k\n3\",3\nk1,4\nk2,5\n");
    CHECK(lines_of(e) == std::vector<std::string>{
                             "s.csv:6: key: 'k1' repeated; first on line 2",
                             "s.csv:7: key: 'k2' repeated; first on line 3",
                         });
    CHECK(env.count() == 0);

    SUBCASE("many keys (the key index grows)") {
        std::string csv = "key,value\n";
        for (int i = 0; i < 5000; ++i)
            csv += "k" + std::to_string(i) + ",v\n";
        csv += "k4321,again\n";
        auto many = env.import_fails(csv);
        CHECK(lines_of(many) ==
              std::vector<std::string>{"s.csv:5002: key: 'k4321' repeated; first on line 4323"});
    }
}

TEST_CASE("import engine: dry run checks everything and writes nothing") {
    Env env;
    long audits = env.audits();
    Summary s = env.import("key,value\na,1\nb,2\n", {.dry_run = true});
    CHECK(s.dry_run);
    CHECK(s.inserted == 2);
    CHECK(env.count() == 0);
    CHECK(env.audits() == audits);

    auto e = env.import_fails("key,value\na,1\nb,bad\n", {.dry_run = true});
    CHECK(e.total() == 1);
}

TEST_CASE("import engine: the errors-out file") {
    Env env;
    hlpb::test::TempDir dir;
    std::string out = dir.file("errors.csv");
    auto e = env.import_fails("key,value,,\n"
                              "a,1,,\n"
                              "b,bad\n"
                              "\"c,\"\"x\"\"\",worse\n"
                              "d,2,,\n"
                              "e,5,,oops\n"
                              "a,6\n",
                              {.errors_out = out});
    CHECK(e.total() == 4);
    // The whole file, the error column first, cells as read (short and long rows too).
    CHECK(slurp(out) == "error,key,value,,\r\n"
                        ",a,1,,\r\n"
                        "value: must not be 'bad',b,bad\r\n"
                        "value: must not be 'worse' either,\"c,\"\"x\"\"\",worse\r\n"
                        ",d,2,,\r\n"
                        "column D holds 'oops' but has no header,e,5,,oops\r\n"
                        "key: 'a' repeated; first on line 2,a,6\r\n");
    CHECK(std::filesystem::status(out).permissions() ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
    // Only the file itself is left: the temporary file was renamed.
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                        std::filesystem::directory_iterator()) == 1);

    SUBCASE("fixed in place, it imports again (the error column is ignored)") {
        std::string fixed = slurp(out);
        for (std::string from : {",bad\r", ",worse\r"})
            fixed.replace(fixed.find(from), from.size(), ",ok\r");
        fixed.replace(fixed.find(",oops\r"), 5, ",");
        fixed.replace(fixed.find(",a,6"), 4, ",f,6");
        Summary s = env.import(fixed);
        CHECK(s.inserted == 6);
        CHECK(env.value("c,\"x\"") == "ok");

        SUBCASE("and a file that still has bad rows gets one error column, not two") {
            std::string again = dir.file("again.csv");
            env.import_fails("错误,key,value\nold message,a,bad\n,g,7\n", {.errors_out = again});
            CHECK(slurp(again) == "错误,key,value\r\n"
                                  "value: must not be 'bad',a,bad\r\n"
                                  ",g,7\r\n");
        }
    }
    SUBCASE("a clean run leaves no file") {
        std::string other = dir.file("none.csv");
        env.import("key,value\nz,1\n", {.errors_out = other});
        CHECK_FALSE(std::filesystem::exists(other));
        CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                            std::filesystem::directory_iterator()) == 1);
    }
    SUBCASE("an errors-out file that cannot be created fails before importing") {
        CHECK_THROWS_AS(env.import("key,value\nz,1\n", {.errors_out = dir.file("no/such/dir.csv")}),
                        hlpb::CannotCreate);
        CHECK(env.count() == 0);
    }
}

TEST_CASE("import engine: the first max_errors_kept errors are kept, all are counted") {
    Env env;
    std::string csv = "key,value\n";
    for (int i = 0; i < 120; ++i)
        csv += "k" + std::to_string(i) + ",bad\n";
    auto e = env.import_fails(csv);
    CHECK(e.errors().size() == 50);
    CHECK(e.total() == 120);
    CHECK(e.errors().back().line == 51);

    auto two = env.import_fails(csv, {.max_errors_kept = 2});
    CHECK(two.errors().size() == 2);
    CHECK(two.total() == 120);
}

TEST_CASE("import engine: malformed input aborts with the rows found bad so far") {
    Env env;
    hlpb::test::TempDir dir;
    auto e =
        env.import_fails("key,value\na,1\nb,bad\nc,\"open\n", {.errors_out = dir.file("e.csv")});
    CHECK(lines_of(e) == std::vector<std::string>{
                             "s.csv:3: value: must not be 'bad'",
                             "s.csv:4: unterminated quote: the quoted cell that starts on this "
                             "line is never closed",
                         });
    CHECK(e.total() == 2);
    CHECK(env.count() == 0);
    CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("import engine: hostile text is stored literally") {
    Env env;
    const std::string evil = "'); DROP TABLE org;--";
    Summary s = env.import("key,value\n\"" + evil + "\",\"x\"\" OR 1=1 --\"\n");
    CHECK(s.inserted == 1);
    CHECK(env.value(evil) == "x\" OR 1=1 --");
    CHECK(hlpb::db::detail::sql(env.db).tableExists("org"));
}

TEST_CASE("import engine: progress is reported in bytes") {
    Env env;
    hlpb::test::TempDir dir;
    std::string path = dir.file("big.csv");
    {
        std::ofstream f(path, std::ios::binary);
        f << "key,value\n";
        for (int i = 0; i < 3000; ++i)
            f << "k" << i << ",v\n";
    }
    std::vector<std::pair<std::uint64_t, std::uint64_t>> calls;
    RowSource source(SourceOptions{path, "", ""}, k_fields);
    ImportOptions options;
    options.progress = [&](std::uint64_t done, std::uint64_t total) {
        calls.emplace_back(done, total);
    };
    Summary s = hlpb::import::run(env.db, source, setting_handler(env.db), options);
    CHECK(s.inserted == 3000);
    REQUIRE(calls.size() >= 2);
    CHECK(calls.back().first == std::filesystem::file_size(path));
    CHECK(calls.back().second == std::filesystem::file_size(path));
}

TEST_CASE("import engine: start runs in the transaction first; late rows are reported last") {
    Env env;
    Handler h = setting_handler(env.db);
    std::vector<std::string> calls;
    h.start = [&] {
        calls.push_back("start");
        CHECK(sqlite3_get_autocommit(hlpb::db::detail::sql(env.db).getHandle()) ==
              0); // inside the transaction
    };
    auto apply = h.apply;
    h.apply = [&](const Row& row, RowErrors& errors) {
        calls.push_back("apply " + row[0]);
        return apply(row, errors);
    };
    h.late = [&] {
        calls.push_back("late");
        std::vector<hlpb::import::LateError> out(1);
        out[0].line = 2;
        out[0].errors.add("key", "found wanting at the end");
        return out;
    };
    h.finish = [&] { calls.push_back("finish"); };
    hlpb::test::TempDir dir;
    std::string out = dir.file("errors.csv");
    std::istringstream in("key,value\na,1\nb,bad\nc,3\n");
    RowSource source(in, SourceOptions{"s.csv", "", ""}, k_fields);
    try {
        hlpb::import::run(env.db, source, h, {.errors_out = out});
        FAIL("expected InvalidInput");
    } catch (const InvalidInput& e) {
        CHECK(e.total() == 2);
        CHECK(lines_of(e) == std::vector<std::string>{"s.csv:3: value: must not be 'bad'",
                                                      "s.csv:2: key: found wanting at the end"});
    }
    // No finish: rows were bad.
    CHECK(calls == std::vector<std::string>{"start", "apply a", "apply b", "apply c", "late"});
    CHECK(env.count() == 0);
    // The late error lands on its row, read long before.
    CHECK(slurp(out) == "error,key,value\r\n"
                        "key: found wanting at the end,a,1\r\n"
                        "value: must not be 'bad',b,bad\r\n"
                        ",c,3\r\n");

    SUBCASE("no late rows and no bad ones: finish, then commit") {
        h.late = [&] {
            calls.push_back("late");
            return std::vector<hlpb::import::LateError>();
        };
        calls.clear();
        std::istringstream good("key,value\na,1\n");
        RowSource again(good, SourceOptions{"s.csv", "", ""}, k_fields);
        hlpb::import::run(env.db, again, h, {});
        CHECK(calls == std::vector<std::string>{"start", "apply a", "late", "finish"});
        CHECK(env.count() == 1);
    }
}

TEST_CASE("RowSource::set_prepare: each row is prepared ahead, on another thread, before next()") {
    struct Seen : hlpb::import::RowPrep {
        std::string key;
        std::thread::id thread;
        int uses = 0;
    };
    std::string text = "key,value\n";
    for (int i = 0; i < 3000; ++i) // several read-ahead batches
        text += std::to_string(i) + ",x\n";
    std::istringstream in(text);
    RowSource source(in, SourceOptions{"s.csv", "", ""}, k_fields);
    std::size_t batches = 0;
    source.set_prepare([&batches](std::span<Row> rows) {
        ++batches;
        for (Row& row : rows) {
            if (!row.prep)
                row.prep = std::make_unique<Seen>();
            auto& seen = static_cast<Seen&>(*row.prep);
            seen.key = row[0];
            seen.thread = std::this_thread::get_id();
            ++seen.uses;
        }
    });
    Row row;
    int n = 0;
    int reused = 0;
    while (source.next(row)) {
        REQUIRE(row.prep);
        auto& seen = static_cast<Seen&>(*row.prep);
        CHECK(seen.key == std::to_string(n));
        CHECK(seen.thread != std::this_thread::get_id());
        reused += seen.uses > 1 ? 1 : 0;
        ++n;
    }
    CHECK(n == 3000);
    CHECK(reused > 0); // row objects and their preps go round
    CHECK(batches > 1);
    CHECK(batches < 3000);
}

namespace {

// A CSV of `rows` rows "0,x" … under the key,value header: row i is on line i + 2.
std::string numbered_rows(int rows) {
    std::string text = "key,value\n";
    for (int i = 0; i < rows; ++i)
        text += std::to_string(i) + ",x\n";
    return text;
}

// Something a prepare hook uses, as MemberImport is in the member import: it must outlive
// every call, including one running when apply throws.
struct Preparer {
    std::vector<std::string> keys; // written by every prepare call
    long wait_after = 0;           // a batch starting past this line waits for `released`
    std::mutex mu;
    std::condition_variable cv;
    bool released = false;

    void prepare(std::span<Row> rows) {
        if (wait_after > 0 && rows.front().line > wait_after) {
            std::unique_lock lock(mu);
            cv.wait(lock, [&] { return released; });
        }
        for (const Row& row : rows)
            keys.push_back(row[0]);
    }
    void release() {
        {
            std::lock_guard lock(mu);
            released = true;
        }
        cv.notify_all();
    }
};

} // namespace

TEST_CASE("import engine: an exception from apply partway through a large file reaches the "
          "caller, with the read-ahead thread stopped") {
    hlpb::test::MemoryDb env;
    std::istringstream in(numbered_rows(50000));
    RowSource source(in, SourceOptions{"s.csv", "", ""}, k_fields);
    // Declared after the source, as the member import's MemberImport is: the read-ahead thread
    // must be stopped before this goes, whatever leaves run().
    Preparer preparer;
    constexpr long k_failing_line = 20000;
    // The batch after the failing row's waits, inside prepare, until apply throws: the thread
    // is then busy preparing while the exception leaves run().
    preparer.wait_after = k_failing_line;
    long applied = 0;
    Handler h;
    h.prepare = [&preparer](std::span<Row> rows) { preparer.prepare(rows); };
    h.apply = [&](const Row& row, RowErrors&) -> std::optional<Outcome> {
        if (row.line == k_failing_line) {
            preparer.release();
            throw std::runtime_error("a bug in apply");
        }
        ++applied;
        return Outcome::inserted;
    };
    CHECK_THROWS_WITH_AS(hlpb::import::run(env.db, source, h, {}), "a bug in apply",
                         std::runtime_error);
    CHECK(applied == k_failing_line - 2);
    // run() stopped the thread: nothing prepares rows any more, and the source says so.
    Row row;
    CHECK_THROWS_AS(source.next(row), std::logic_error);
    CHECK(preparer.keys.size() >= static_cast<std::size_t>(applied));
    CHECK(hlpb::db::detail::sql(env.db).execAndGet("SELECT count(*) FROM audit").getInt() == 0);
}

TEST_CASE("import engine: an exception from prepare ends the import on the caller's thread, "
          "after the rows before its batch") {
    hlpb::test::MemoryDb env;
    std::istringstream in(numbered_rows(50000));
    RowSource source(in, SourceOptions{"s.csv", "", ""}, k_fields);
    constexpr long k_failing_line = 30000;
    long applied = 0;
    long last_applied = 0;
    Handler h;
    h.prepare = [](std::span<Row> rows) {
        for (const Row& row : rows)
            if (row.line == k_failing_line)
                throw std::runtime_error("a bug in prepare");
    };
    h.apply = [&](const Row& row, RowErrors&) -> std::optional<Outcome> {
        ++applied;
        last_applied = row.line;
        return Outcome::inserted;
    };
    CHECK_THROWS_WITH_AS(hlpb::import::run(env.db, source, h, {}), "a bug in prepare",
                         std::runtime_error);
    CHECK(applied > 0);                   // the batches before it
    CHECK(last_applied < k_failing_line); // and none of its own
    CHECK(last_applied == applied + 1);   // in order, none skipped
    Row row;
    CHECK_THROWS_AS(source.next(row), std::logic_error);
}

TEST_CASE("RowSource: stop() ends the read-ahead thread midway; a prepare that throws is "
          "rethrown by next()") {
    SUBCASE("stop midway") {
        std::istringstream in(numbered_rows(5000));
        RowSource source(in, SourceOptions{"s.csv", "", ""}, k_fields);
        Preparer preparer; // declared after the source: stop() comes before it goes
        source.set_prepare([&preparer](std::span<Row> rows) { preparer.prepare(rows); });
        Row row;
        for (int i = 0; i < 1000; ++i)
            REQUIRE(source.next(row));
        source.stop();
        const std::size_t prepared = preparer.keys.size(); // joined: no race
        CHECK(prepared >= 1000);
        CHECK(prepared < 5000);
        CHECK_THROWS_AS(source.next(row), std::logic_error);
        source.stop(); // twice is harmless
        CHECK(preparer.keys.size() == prepared);
    }
    SUBCASE("prepare throws") {
        std::istringstream in(numbered_rows(5000));
        RowSource source(in, SourceOptions{"s.csv", "", ""}, k_fields);
        source.set_prepare([](std::span<Row> rows) {
            if (rows.back().line >= 3000)
                throw std::bad_alloc();
        });
        Row row;
        long last = 0;
        CHECK_THROWS_AS(
            [&] {
                while (source.next(row))
                    last = row.line;
            }(),
            std::bad_alloc);
        CHECK(last > 0);
        CHECK(last < 3000);
    }
}

namespace {

Summary import_as(Env& env, const std::string& text, const std::string& name, ImportOptions options,
                  const std::string& encoding = "") {
    std::istringstream in(text);
    RowSource source(in, SourceOptions{name, "", encoding}, k_fields);
    return hlpb::import::run(env.db, source, setting_handler(env.db), options);
}

// The cells of every record of `text` (the errors-out file), read back as UTF-8.
std::vector<std::vector<std::string>> records(const std::string& text, const std::string& format,
                                              const std::string& encoding = "") {
    std::istringstream in(text);
    auto reader = hlpb::import::make_record_reader(in, "out", format, encoding);
    std::vector<std::vector<std::string>> out;
    std::vector<std::string> cells;
    long line = 0;
    while (reader->next(cells, line))
        out.push_back(cells);
    return out;
}

} // namespace

TEST_CASE("import engine: the errors-out file of a JSON input is JSON, value types kept") {
    Env env;
    hlpb::test::TempDir dir;
    const std::string out = dir.file("errors.json");
    CHECK_THROWS_AS(import_as(env,
                              "[{\"key\": \"a\", \"value\": \"1\"},\n"
                              " {\"value\": \"bad\", \"key\": \"b\\\"q\\n\"},\n"
                              " {\"key\": \"c\", \"value\": 12.5e1},\n"
                              " {\"键\": \"d\", \"value\": true, \"extra\": null}]",
                              "s.json", {.errors_out = out}),
                    InvalidInput);
    const std::string expected =
        "[\n"
        "{\"error\": \"\", \"key\": \"a\", \"value\": \"1\"},\n"
        "{\"error\": \"value: must not be 'bad'\", \"value\": \"bad\", \"key\": \"b\\\"q\\n\"},\n"
        "{\"error\": \"value: 12.5e1 is not text: write it in quotes (\\\"12.5e1\\\")\", "
        "\"key\": \"c\", \"value\": 12.5e1},\n"
        "{\"error\": \"value: true is not text: write it in quotes (\\\"true\\\")\", "
        "\"键\": \"d\", "
        "\"value\": true, \"extra\": \"\"}\n"
        "]\n";
    CHECK(slurp(out) == expected);

    SUBCASE("fixed, it imports again: the error key is ignored") {
        std::string fixed = slurp(out);
        fixed.replace(fixed.find("\"bad\""), 5, "\"2\"");
        fixed.replace(fixed.find("12.5e1}"), 6, "\"3\"");
        fixed.replace(fixed.find("true, \"extra\": \"\""), 17, "\"4\"");
        const std::string again = dir.file("again.json");
        {
            std::ofstream f(again, std::ios::binary);
            f << fixed;
        }
        std::ifstream in(again, std::ios::binary);
        RowSource source(in, SourceOptions{again, "", ""}, k_fields);
        Summary s = hlpb::import::run(env.db, source, setting_handler(env.db), {});
        CHECK(s.inserted == 4);
        CHECK(env.value("c") == "3");
    }
    SUBCASE("JSON Lines in, JSON Lines out") {
        const std::string lines_out = dir.file("errors.jsonl");
        CHECK_THROWS_AS(import_as(env,
                                  "{\"error\": \"old\", \"key\": \"a\", \"value\": \"bad\"}\n"
                                  "\n"
                                  "{\"key\": \"b\", \"value\": \"2\"}\n",
                                  "s.jsonl", {.errors_out = lines_out}),
                        InvalidInput);
        CHECK(slurp(lines_out) == "{\"error\": \"value: must not be 'bad'\", \"key\": \"a\", "
                                  "\"value\": \"bad\"}\n"
                                  "{\"error\": \"\", \"key\": \"b\", \"value\": \"2\"}\n");
    }
}

TEST_CASE("import engine: the errors-out file is in the input's encoding, its BOM kept") {
    Env env;
    hlpb::test::TempDir dir;
    const std::string out = dir.file("errors.csv");
    SUBCASE("GB18030 in, GB18030 out") {
        // 键,值 / 甲,bad / 乙,好 in GB18030.
        const std::string gb = "\xBC\xFC,\xD6\xB5\r\n\xBC\xD7,bad\r\n\xD2\xD2,\xBA\xC3\r\n";
        CHECK_THROWS_AS(import_as(env, gb, "s.csv", {.errors_out = out}, "gb18030"), InvalidInput);
        const std::string written = slurp(out);
        CHECK(written.find("\xBA\xC3") != std::string::npos); // 好, as GB18030
        CHECK(written.find("好") == std::string::npos);
        CHECK(records(written, "csv", "gb18030") ==
              std::vector<std::vector<std::string>>{{"error", "键", "值"},
                                                    {"value: must not be 'bad'", "甲", "bad"},
                                                    {"", "乙", "好"}});
    }
    SUBCASE("a UTF-8 BOM is kept; none is added") {
        CHECK_THROWS_AS(
            import_as(env, "\xEF\xBB\xBFkey,value\na,bad\n", "s.csv", {.errors_out = out}),
            InvalidInput);
        CHECK(slurp(out) == "\xEF\xBB\xBF"
                            "error,key,value\r\nvalue: must not be 'bad',a,bad\r\n");
    }
}

TEST_CASE("import engine: an SQLite error is a bad row only when its code says constraint") {
    hlpb::test::MemoryDb env;
    // A handler whose row 3 fails in SQLite with `code` and `message`.
    const auto run_failing = [&](int code, const char* message) {
        std::istringstream in("key,value\na,1\nb,2\n");
        RowSource source(in, SourceOptions{"s.csv", "", ""}, k_fields);
        Handler h;
        h.apply = [&](const Row& row, RowErrors&) -> std::optional<Outcome> {
            if (row.line == 3)
                throw SQLite::Exception(message, code);
            return Outcome::inserted;
        };
        hlpb::import::run(env.db, source, h, {});
    };
    try {
        run_failing(SQLITE_CONSTRAINT_NOTNULL, "NOT NULL constraint failed: org.name");
        FAIL("no exception");
    } catch (const InvalidInput& e) {
        REQUIRE(e.errors().size() == 1);
        CHECK(e.errors()[0].line == 3);
        CHECK(e.errors()[0].field == "name");
        CHECK(e.errors()[0].message == "is required");
    }
    // A full disk or a lock is not the row's fault (nor its words a row error): it goes on to
    // main, which says what it means for the file.
    CHECK_THROWS_AS(run_failing(SQLITE_FULL, "database or disk is full"), SQLite::Exception);
    CHECK_THROWS_AS(run_failing(SQLITE_BUSY, "NOT NULL constraint failed: org.name"),
                    SQLite::Exception);
}

TEST_CASE("import engine: one error a cell; a header error does not stop the row checks") {
    hlpb::test::MemoryDb env;
    // Reports two errors for a bad value (as a parse error then a "required" would) and
    // "required" for an empty key or value.
    Handler h;
    h.key_field = "key";
    h.key = [](const Row& row) { return row[0]; };
    h.apply = [](const Row& row, RowErrors& errors) -> std::optional<Outcome> {
        if (row[0].empty())
            errors.add("key", "is required");
        if (row[1] == "x") {
            errors.add("value", "'x' is not a date");
            errors.add("value", "is required");
            errors.add("", "a row-wide remark");
        }
        if (row[1].empty())
            errors.add("value", "is required");
        if (!errors.empty())
            return std::nullopt;
        return Outcome::inserted;
    };
    auto fails = [&](const std::string& csv) {
        std::istringstream in(csv);
        RowSource source(in, SourceOptions{"s.csv", "", ""}, k_fields);
        try {
            hlpb::import::run(env.db, source, h, {});
        } catch (const InvalidInput& e) {
            return e;
        }
        FAIL("no InvalidInput thrown");
        return InvalidInput("", "");
    };
    SUBCASE("the first error about a cell is the one reported") {
        auto e = fails("key,value\na,x\n");
        CHECK(lines_of(e) == std::vector<std::string>{"s.csv:2: value: 'x' is not a date",
                                                      "s.csv:2: a row-wide remark"});
        CHECK(e.rows() == 1);
    }
    SUBCASE("an unknown and a missing column, then the rows' own errors and repeats") {
        // Line 3 is blank (its only cell is in the unknown column); line 2 lacks only the
        // missing column's value, which the header's error says; the header is no row.
        auto e = fails("key,colour\na,red\n,blue\na,green\n");
        CHECK(lines_of(e) ==
              std::vector<std::string>{
                  "s.csv:1: header: unknown column 'colour' (known: key 键, value 值)",
                  "s.csv:1: header: missing required column value (值)",
                  "s.csv:4: key: 'a' repeated; first on line 2"});
        CHECK(e.total() == 3);
        CHECK(e.rows() == 1);
    }
}
