#include "fixture.hpp"

#include <hlpb/report/month_snapshot.hpp>
#include <hlpb/rules/coverage.hpp>

#include <doctest/doctest.h>

using namespace hlpb;
using hlpb::test::d;

namespace {

report::MonthSnapshot district() {
    report::MonthSnapshot s;
    s.month = *parse_month("2026-03");
    s.first = d("2026-03-01");
    s.last = d("2026-03-31");
    report::SnapshotCluster c1;
    c1.code = "C1";
    c1.active = true;
    report::SnapshotCluster gone;
    gone.code = "D";
    gone.dissolved = d("2026-02-01");
    s.clusters = {c1, gone};
    for (const char* code : {"A1", "A2", "A3"}) {
        report::SnapshotOrg o;
        o.code = code;
        o.members = 10;
        s.orgs.push_back(o);
    }
    s.orgs[0].cluster = "C1";
    s.orgs[1].cluster = "C1";
    return s;
}

} // namespace

TEST_CASE("coverage: counts, and null shares while the district totals are unset") {
    const auto c = rules::coverage(district());
    CHECK(c.two_new_orgs == 3);
    CHECK(c.two_new_members == 30);
    CHECK(c.clustered_orgs == 2);
    CHECK(c.active_clusters == 1);
    CHECK_FALSE(c.org_share);
    CHECK_FALSE(c.member_share);
    CHECK_FALSE(c.district_orgs);
    REQUIRE(c.cluster_coverage);
    CHECK(*c.cluster_coverage == doctest::Approx(0.6667).epsilon(1e-9)); // 2/3, 4 decimals
}

TEST_CASE("coverage: shares of the district, rounded to 4 decimals") {
    auto s = district();
    s.settings.total_orgs = 7;
    s.settings.total_members = 90;
    const auto c = rules::coverage(s);
    REQUIRE(c.org_share);
    CHECK(*c.org_share == doctest::Approx(0.4286).epsilon(1e-9)); // 3/7 = 0.428571…
    REQUIRE(c.member_share);
    CHECK(*c.member_share == doctest::Approx(0.3333).epsilon(1e-9));
    CHECK(c.district_orgs == 7);
    s.settings.total_orgs = 0; // nothing to divide by: null, not infinity
    CHECK_FALSE(rules::coverage(s).org_share);
}

TEST_CASE("coverage of a district without orgs") {
    report::MonthSnapshot s;
    const auto c = rules::coverage(s);
    CHECK(c.two_new_orgs == 0);
    CHECK_FALSE(c.cluster_coverage);
}
