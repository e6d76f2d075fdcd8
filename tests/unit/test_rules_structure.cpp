#include <hlpb/rules/structure.hpp>

#include <doctest/doctest.h>

using namespace hlpb;
using rules::StructureLack;

TEST_CASE("1+X: the lead and one other org, an instructor, a community or a supervisor") {
    rules::StructureInput k{"geo", true, 2, "张三", "华美社区", ""};
    CHECK(rules::structure_lacks(k).empty());
    k.orgs = 1;
    CHECK(rules::structure_lacks(k) == std::vector{StructureLack::other_org});
    k = {"industry", true, 5, "张三", "华美社区", ""}; // a community does not do for industry
    CHECK(rules::structure_lacks(k) == std::vector{StructureLack::supervisor});
    k = {"chain", false, 0, "", "", "李四"};
    CHECK(rules::structure_lacks(k) ==
          std::vector{StructureLack::lead, StructureLack::other_org, StructureLack::instructor});
    CHECK(rules::structure_lack_key(StructureLack::other_org) == "other_org");
}

TEST_CASE("the lead venue threshold is 100 m², inclusive") {
    CHECK(rules::k_lead_venue_min_m2 == 100);
    CHECK(rules::lead_venue_ok(100));
    CHECK_FALSE(rules::lead_venue_ok(99));
}
