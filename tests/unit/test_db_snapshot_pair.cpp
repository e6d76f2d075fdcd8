// db::detail::SnapshotPair: a second read connection only when it sees the first one's state.
#include "db/snapshot_pair.hpp"
#include "db/sql_access.hpp"
#include "fixture.hpp"

#include <hlpb/db/settings.hpp>

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

using namespace hlpb;
using hlpb::test::TempDir;

namespace {

void write_setting(db::Database& db, const char* value) {
    db::WriteTx tx(db);
    db::set_setting(db, "district.name", value);
    tx.commit();
}

} // namespace

TEST_CASE("an in-memory database has no second connection") {
    test::MemoryDb m;
    db::detail::SnapshotPair pair(m.db);
    CHECK(pair.second() == nullptr);
}

TEST_CASE("a file has a second connection on the same state") {
    TempDir tmp;
    const std::string path = tmp.file("hlpb.db");
    db::Database db({.path = path, .command_line = "test"});
    write_setting(db, "湖里区");
    db::Database writer({.path = path, .command_line = "test"});
    {
        db::detail::SnapshotPair pair(db);
        REQUIRE(pair.second() != nullptr);
        CHECK(db::detail::state_mark(*pair.second()) == db::detail::state_mark(db));
        // A write committed now is seen by neither: both read the state they began on.
        write_setting(writer, "思明区");
        for (db::Database* c : {&db, pair.second()})
            CHECK(db::detail::sql(*c)
                      .execAndGet("SELECT value FROM setting WHERE key = 'district.name'")
                      .getString() == "湖里区");
    }
    // Every write appends an audit entry: the mark tells the states before and after it apart.
    db::ReadTx before(db);
    const auto mark = db::detail::state_mark(db);
    write_setting(writer, "湖里区");
    db::ReadTx after(writer);
    CHECK_FALSE(db::detail::state_mark(writer) == mark);
}
