#include "fixture.hpp"

#include <hlpb/report/month_snapshot.hpp>
#include <hlpb/rules/subsidy.hpp>

#include <doctest/doctest.h>

using namespace hlpb;
using hlpb::test::d;

namespace {

report::SnapshotOrg org(const char* code, const char* committee, const char* cluster,
                        bool secretary, long members) {
    report::SnapshotOrg o;
    o.code = code;
    o.name = std::string(code) + "党支部";
    o.committee = committee;
    o.cluster = cluster;
    o.has_secretary = secretary;
    o.members = members;
    return o;
}

report::SnapshotCluster cluster(const char* code, const char* committee, bool active) {
    report::SnapshotCluster k;
    k.code = code;
    k.committee = committee;
    k.established = d("2020-01-01");
    k.active = active;
    if (!active)
        k.dissolved = d("2026-02-01");
    return k;
}

// HL: cluster C1 (A1 with a secretary and 10 members, A2 without a secretary, 3 members), A3 in
// no cluster (7 members); JS: cluster C2 (B1, secretary, 4 members); D1 of the dissolved D.
report::MonthSnapshot district() {
    report::MonthSnapshot s;
    s.month = *parse_month("2026-03");
    s.first = d("2026-03-01");
    s.last = d("2026-03-31");
    s.committees = {{"HL", "湖里", "street"}, {"JS", "金山", "street"}};
    s.clusters = {cluster("C1", "HL", true), cluster("C2", "JS", true), cluster("D", "HL", false)};
    s.orgs = {org("A1", "HL", "C1", true, 10), org("A2", "HL", "C1", false, 3),
              org("A3", "HL", "", true, 7), org("B1", "JS", "C2", true, 4),
              org("D1", "HL", "D", true, 5)};
    return s;
}

} // namespace

TEST_CASE("CNY with two decimals from fen") {
    CHECK(rules::format_cny(0) == "0.00");
    CHECK(rules::format_cny(5) == "0.05");
    CHECK(rules::format_cny(123450) == "1234.50");
    CHECK(rules::format_cny(-250) == "-2.50");
}

TEST_CASE("subsidies with the default rates: per org, per committee, total") {
    const auto sub = rules::subsidies(district());
    CHECK(sub.secretary_monthly_fen == 30000);
    CHECK(sub.member_yearly_fen == 30000);
    // A3 (no cluster) and D1 (dissolved cluster) are not counted.
    REQUIRE(sub.orgs.size() == 3);
    CHECK(sub.orgs[0].org == "A1");
    CHECK(sub.orgs[0].secretary_fen == 30000);
    CHECK(sub.orgs[0].member_month_fen == 10 * 2500);
    CHECK(sub.orgs[0].member_year_fen == 10 * 30000);
    CHECK(sub.orgs[1].org == "A2");
    CHECK(sub.orgs[1].secretaries == 0);
    CHECK(sub.orgs[1].secretary_fen == 0);
    CHECK(sub.orgs[1].member_month_fen == 3 * 2500); // members count without a secretary
    CHECK(sub.orgs[2].org == "B1");
    REQUIRE(sub.committees.size() == 2);
    CHECK(sub.committees[0].committee == "HL");
    CHECK(sub.committees[0].name == "湖里");
    CHECK(sub.committees[0].orgs == 2);
    CHECK(sub.committees[0].secretaries == 1);
    CHECK(sub.committees[0].members == 13);
    CHECK(sub.committees[0].member_month_fen == 13 * 2500);
    CHECK(sub.committees[1].committee == "JS");
    CHECK(sub.total.orgs == 3);
    CHECK(sub.total.secretaries == 2);
    CHECK(sub.total.members == 17);
    CHECK(rules::format_cny(sub.total.secretary_fen) == "600.00");
    CHECK(rules::format_cny(sub.total.member_month_fen) == "425.00");
    CHECK(rules::format_cny(sub.total.member_year_fen) == "5100.00");
}

TEST_CASE("a yearly rate that twelve does not divide: each org rounds, the totals add up") {
    auto s = district();
    s.settings.member_yearly = 100; // 8.333… CNY a member a month
    s.settings.secretary_monthly = 250;
    const auto sub = rules::subsidies(s);
    CHECK(sub.orgs[0].member_month_fen == 8333); // 10 × 10000 / 12 = 8333.33
    CHECK(sub.orgs[1].member_month_fen == 2500); // 3 × 10000 / 12
    CHECK(sub.orgs[2].member_month_fen == 3333); // 4 × 10000 / 12 = 3333.33
    CHECK(sub.total.member_month_fen == 8333 + 2500 + 3333);
    CHECK(sub.total.member_year_fen == 17 * 10000);
    CHECK(sub.total.secretary_fen == 2 * 25000);
    s.orgs[0].members = 2; // 2 × 10000 / 12 = 1666.67: half up
    CHECK(rules::subsidies(s).orgs[0].member_month_fen == 1667);
}
