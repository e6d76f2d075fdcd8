#include "fixture.hpp"

#include <hlpb/db/database.hpp>
#include <hlpb/db/settings.hpp>
#include <hlpb/error.hpp>

#include <doctest/doctest.h>

using namespace hlpb;

TEST_CASE("text settings: the district's name and office, with their defaults") {
    test::MemoryDb m;
    CHECK(db::setting_text(m.db, "district.name") == "湖里区");
    CHECK(db::setting_text(m.db, "district.office") == "湖里区委组织部（两新工委）");
    const auto s = db::get_setting(m.db, "district.name");
    CHECK(s.is_text);
    CHECK_FALSE(s.is_set);
    CHECK_FALSE(s.value); // not a number
    {
        db::WriteTx tx(m.db);
        db::set_setting(m.db, "district.name", "  思明区 ");
        db::set_setting(m.db, "district.office", "思明区委组织部（两新工委）");
        tx.commit();
    }
    CHECK(db::setting_text(m.db, "district.name") == "思明区"); // trimmed
    // Full-width brackets are kept: the office's name is prose.
    CHECK(db::setting_text(m.db, "district.office") == "思明区委组织部（两新工委）");
    CHECK(db::get_setting(m.db, "district.name").is_set);
    // Refused: empty, a line break, too long; a number setting still wants a number.
    db::WriteTx tx(m.db);
    CHECK_THROWS_AS(db::set_setting(m.db, "district.name", " "), InvalidInput);
    CHECK_THROWS_AS(db::set_setting(m.db, "district.name", "思明\n区"), InvalidInput);
    CHECK_THROWS_AS(db::set_setting(m.db, "district.name", std::string(101, 'x')), InvalidInput);
    CHECK_THROWS_AS(db::set_setting(m.db, "district.total_orgs", "思明区"), InvalidInput);
    db::unset_setting(m.db, "district.name");
    CHECK(db::setting_text(m.db, "district.name") == "湖里区");
}
