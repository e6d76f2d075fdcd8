#include "fixture.hpp"

#include <hlpb/db/codes.hpp>

#include "db/sql_access.hpp"

#include <doctest/doctest.h>

using namespace hlpb;

TEST_CASE("codes by prefix, in code order, ASCII case ignored, % and _ taken as they are") {
    test::SmallDistrict s;
    using K = db::CodeKind;
    CHECK(db::codes_starting(s.db, K::org, "") ==
          std::vector<std::string>{"A1", "A2", "A3", "A4", "A5", "A6"});
    CHECK(db::codes_starting(s.db, K::org, "a") ==
          std::vector<std::string>{"A1", "A2", "A3", "A4", "A5", "A6"});
    CHECK(db::codes_starting(s.db, K::org, "A3") == std::vector<std::string>{"A3"});
    CHECK(db::codes_starting(s.db, K::org, "A", 2) == std::vector<std::string>{"A1", "A2"});
    CHECK(db::codes_starting(s.db, K::org, "_").empty());
    CHECK(db::codes_starting(s.db, K::org, "%").empty());
    CHECK(db::codes_starting(s.db, K::cluster, "c") == std::vector<std::string>{"C1"});
    CHECK(db::codes_starting(s.db, K::committee, "") == std::vector<std::string>{"HL"});
    CHECK(db::codes_starting(s.db, K::committee, "X").empty());
}

TEST_CASE("codes by prefix: closed orgs and dissolved clusters only when no record in force has "
          "the prefix") {
    test::SmallDistrict s;
    using K = db::CodeKind;
    db::detail::sql(s.db).exec("UPDATE org SET closed = '2026-01-31' WHERE code = 'A6'");
    CHECK(db::codes_starting(s.db, K::org, "A") ==
          std::vector<std::string>{"A1", "A2", "A3", "A4", "A5"});
    CHECK(db::codes_starting(s.db, K::org, "A6") == std::vector<std::string>{"A6"});
    db::detail::sql(s.db).exec(
        "UPDATE cluster SET status = 'dissolved', dissolved = '2026-01-31' WHERE code = 'C1'");
    CHECK(db::codes_starting(s.db, K::cluster, "") == std::vector<std::string>{"C1"});
}
