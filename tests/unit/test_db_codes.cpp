#include "fixture.hpp"

#include <hlpb/db/codes.hpp>

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
