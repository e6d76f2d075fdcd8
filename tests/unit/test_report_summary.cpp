#include "db/sql_access.hpp"
#include "fixture.hpp"

#include <hlpb/report/month_snapshot.hpp>
#include <hlpb/report/summary.hpp>

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

using namespace hlpb;
using hlpb::test::d;

namespace {

report::SnapshotOrg org(const char* code, const char* committee, long members, bool secretary) {
    report::SnapshotOrg o;
    o.code = code;
    o.committee = committee;
    o.members = members;
    o.has_secretary = secretary;
    return o;
}

report::SnapshotCluster cluster(const char* code, const char* committee, const char* lead,
                                long orgs) {
    report::SnapshotCluster k;
    k.code = code;
    k.committee = committee;
    k.principle = "geo";
    k.active = true;
    k.lead = lead;
    k.orgs = orgs;
    k.instructor = "张三";
    k.community = "华美社区";
    return k;
}

// Two committees: AA with clusters K1 (sound: lead A1 of 120 m², A2) and K2 (lead A3 of 99 m²,
// alone: breaks 1+X), a dissolved K3 (not counted); BB with no cluster and one weak org without
// a secretary; CC empty.
report::MonthSnapshot district() {
    report::MonthSnapshot s;
    s.last = d("2026-11-28");
    s.committees = {{"AA", "甲党委", "street"}, {"BB", "乙党委", "park"}, {"CC", "丙党委", "park"}};
    s.clusters = {cluster("K1", "AA", "A1", 2), cluster("K2", "AA", "A3", 1),
                  cluster("K3", "AA", "", 0)};
    s.clusters[2].active = false;
    s.clusters[2].dissolved = d("2026-01-01");
    s.orgs = {org("A1", "AA", 10, true), org("A2", "AA", 5, false), org("A3", "AA", 7, true),
              org("B1", "BB", 3, false)};
    s.orgs[0].venue_m2 = 120;
    s.orgs[2].venue_m2 = 99;
    s.orgs[3].weak = true;
    return s;
}

} // namespace

TEST_CASE("summary: per committee and in total, hand-checked") {
    const auto sum = report::summarize(district());
    CHECK(sum.as_of == d("2026-11-28"));
    REQUIRE(sum.committees.size() == 3);
    const auto& aa = sum.committees[0];
    CHECK(aa.committee == "AA");
    CHECK(aa.name == "甲党委");
    CHECK(aa.clusters == 2); // K3 is dissolved
    CHECK(aa.orgs == 3);
    CHECK(aa.members == 22);
    CHECK(aa.weak_orgs == 0);
    CHECK(aa.orgs_without_secretary == 1);      // A2
    CHECK(aa.clusters_breaking_structure == 1); // K2: no other org
    CHECK(aa.leads_under_100m2 == 1);           // A3, 99 m²
    const auto& bb = sum.committees[1];
    CHECK(bb.clusters == 0);
    CHECK(bb.orgs == 1);
    CHECK(bb.members == 3);
    CHECK(bb.weak_orgs == 1);
    CHECK(bb.orgs_without_secretary == 1);
    const auto& cc = sum.committees[2];
    CHECK(cc.orgs == 0);
    CHECK(cc.members == 0);
    CHECK(sum.total.committee.empty());
    CHECK(sum.total.clusters == 2);
    CHECK(sum.total.orgs == 4);
    CHECK(sum.total.members == 25);
    CHECK(sum.total.weak_orgs == 1);
    CHECK(sum.total.orgs_without_secretary == 2);
    CHECK(sum.total.clusters_breaking_structure == 1);
    CHECK(sum.total.leads_under_100m2 == 1);
}

TEST_CASE("summary: a cluster without a lead breaks 1+X and has no lead venue to count") {
    auto s = district();
    s.clusters[0].lead.clear();
    const auto sum = report::summarize(s);
    CHECK(sum.committees[0].clusters_breaking_structure == 2);
    CHECK(sum.committees[0].leads_under_100m2 == 1);
}

TEST_CASE("load_day: the district on one day, members and secretaries included") {
    test::SmallDistrict f;
    db::detail::sql(f.db).exec(R"sql(
INSERT INTO member(id_number, name, gender, birth_date, join_date, status, full_date, org_id,
                   org_since, role, role_since, left_on)
SELECT 'M1', '甲', 'male', '1970-01-01', '2000-01-01', 'full', '2001-01-01', o.id, '2015-01-01',
       'secretary', '2020-01-01', NULL FROM org o WHERE o.code = 'A1'
UNION ALL
SELECT 'M2', '乙', 'female', '1980-01-01', '2000-01-01', 'full', '2001-01-01', o.id,
       '2026-11-15', 'member', '2026-11-15', NULL FROM org o WHERE o.code = 'A2';
INSERT INTO org_flag(org_id, flag, from_date)
 SELECT id, 'weak', '2026-11-10' FROM org WHERE code = 'A4';)sql");
    const auto on = [&](const char* day) { return report::summarize(db::load_day(f.db, d(day))); };
    const auto before = on("2026-11-09");
    REQUIRE(before.committees.size() == 1);
    CHECK(before.total.orgs == 6);
    CHECK(before.total.clusters == 1);
    CHECK(before.total.members == 1);
    CHECK(before.total.weak_orgs == 0);
    CHECK(before.total.orgs_without_secretary == 5); // A2..A6
    CHECK(before.total.clusters_breaking_structure == 0);
    CHECK(before.total.leads_under_100m2 == 0); // A1: 200 m²
    const auto after = on("2026-11-15");
    CHECK(after.as_of == d("2026-11-15"));
    CHECK(after.total.members == 2); // M2 from that day
    CHECK(after.total.weak_orgs == 1);
}
