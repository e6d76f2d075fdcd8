#include "db/sql_access.hpp"
#include "fixture.hpp"

#include <hlpb/db/database.hpp>
#include <hlpb/report/month_snapshot.hpp>

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

using namespace hlpb;
using hlpb::test::d;

namespace {

// The small district (C1 = A1 lead, A2, A3 since 2016) and, around March 2026: A3 leaves on
// March 31 (the last day), A5 joins on March 1, A4 joins on April 1 (after the month), A6 closes
// on March 31, A7 is founded in April; A1's venue shrinks to 80 m² on April 10; members, flags,
// secretaries and activities at each edge of the month.
struct March : test::SmallDistrict {
    March() {
        db::detail::sql(db).exec(R"sql(
UPDATE cluster_org SET to_date = '2026-03-31'
 WHERE org_id = (SELECT id FROM org WHERE code = 'A3');
INSERT INTO cluster_org(cluster_id, org_id, from_date)
 SELECT k.id, o.id, '2026-03-01' FROM cluster k, org o WHERE k.code = 'C1' AND o.code = 'A5';
INSERT INTO cluster_org(cluster_id, org_id, from_date)
 SELECT k.id, o.id, '2026-04-01' FROM cluster k, org o WHERE k.code = 'C1' AND o.code = 'A4';
UPDATE org SET closed = '2026-03-31' WHERE code = 'A6';
INSERT INTO org(code, name, type, form, committee_id, founded)
 SELECT 'A7', '新党支部', 'enterprise', 'branch', id, '2026-04-05' FROM committee WHERE code = 'HL';
UPDATE org SET venue_m2 = 80 WHERE code = 'A1';
INSERT INTO field_history(entity, entity_id, field, value, from_date, to_date)
 SELECT 'org', id, 'venue_m2', '200', NULL, '2026-04-10' FROM org WHERE code = 'A1';
INSERT INTO org_flag(org_id, flag, from_date)
 SELECT id, 'weak', '2026-03-31' FROM org WHERE code = 'A2';
INSERT INTO org_flag(org_id, flag, from_date, to_date)
 SELECT id, 'weak', '2026-01-01', '2026-03-31' FROM org WHERE code = 'A5';
INSERT INTO org_flag(org_id, flag, from_date)
 SELECT id, 'typical', '2020-01-01' FROM org WHERE code = 'A1';

-- M1: A1's secretary. M2: moved from A2 to A5 on March 15. M3: left A2 on March 31.
-- M4: A2's secretary until March 10. M5: joins A5 on April 1.
INSERT INTO member(id_number, name, gender, birth_date, join_date, status, full_date, org_id,
                   org_since, role, role_since, left_on)
SELECT 'M1', '甲', 'male', '1970-01-01', '2000-01-01', 'full', '2001-01-01', o.id, '2015-01-01',
       'secretary', '2020-01-01', NULL FROM org o WHERE o.code = 'A1'
UNION ALL
SELECT 'M2', '乙', 'female', '1980-01-01', '2000-01-01', 'full', '2001-01-01', o.id,
       '2026-03-15', 'member', '2026-03-15', NULL FROM org o WHERE o.code = 'A5'
UNION ALL
SELECT 'M3', '丙', 'male', '1980-01-01', '2000-01-01', 'full', '2001-01-01', o.id, '2015-01-01',
       'member', '2015-01-01', '2026-03-31' FROM org o WHERE o.code = 'A2'
UNION ALL
SELECT 'M4', '丁', 'male', '1980-01-01', '2000-01-01', 'full', '2001-01-01', o.id, '2015-01-01',
       'member', '2026-03-10', NULL FROM org o WHERE o.code = 'A2'
UNION ALL
SELECT 'M5', '戊', 'male', '1990-01-01', '2020-01-01', 'probationary', NULL, o.id, '2026-04-01',
       'member', '2026-04-01', NULL FROM org o WHERE o.code = 'A5';
INSERT INTO member_org_history(member_id, org_id, from_date, to_date)
 SELECT m.id, o.id, '2015-01-01', '2026-03-15' FROM member m, org o
  WHERE m.id_number = 'M2' AND o.code = 'A2';
INSERT INTO member_role_history(member_id, org_id, role, from_date, to_date)
 SELECT m.id, o.id, 'secretary', '2015-01-01', '2026-03-10' FROM member m, org o
  WHERE m.id_number = 'M4' AND o.code = 'A2';

INSERT INTO activity(id, date, kind, cluster_id, committee_id, title)
 SELECT 1, '2026-03-05', 'secretary_meeting', k.id, k.committee_id, '三月例会' FROM cluster k
  WHERE k.code = 'C1';
INSERT INTO activity(id, date, kind, cluster_id, committee_id, title)
 SELECT 2, '2026-02-01', 'review', k.id, k.committee_id, '讲评' FROM cluster k WHERE k.code = 'C1';
INSERT INTO activity_cluster(activity_id, cluster_id) SELECT 2, id FROM cluster WHERE code = 'C1';
INSERT INTO activity(id, date, kind, committee_id, title)
 SELECT 3, '2026-01-01', 'work_meeting', id, '工作会议' FROM committee WHERE code = 'HL';
INSERT INTO activity(id, date, kind, title) VALUES (4, '2025-12-31', 'training', '去年的培训');
INSERT INTO activity(id, date, kind, title) VALUES (5, '2026-04-01', 'training', '四月的培训');
INSERT INTO activity(id, date, kind, title) VALUES (6, '2026-03-31', 'training', '月末培训');
INSERT INTO setting(key, value) VALUES ('subsidy.member_yearly', '360');
INSERT INTO setting(key, value) VALUES ('district.total_orgs', '1000');
)sql");
    }
};

} // namespace

TEST_CASE_FIXTURE(March, "load_month: orgs and clusters at the end of the month") {
    const auto s = db::load_month(db, *parse_month("2026-03"), d("2026-11-28"));
    CHECK(s.first == d("2026-03-01"));
    CHECK(s.last == d("2026-03-31"));
    CHECK(s.complete);
    REQUIRE(s.committees.size() == 1);
    CHECK(s.committees[0].code == "HL");

    // A6 closed on the last day and A7 founded after: not open at the end of March.
    std::vector<std::string> codes;
    for (const auto& o : s.orgs)
        codes.push_back(o.code);
    CHECK(codes == std::vector<std::string>{"A1", "A2", "A3", "A4", "A5"});

    REQUIRE(s.clusters.size() == 1);
    const auto& k = s.clusters[0];
    CHECK(k.code == "C1");
    CHECK(k.active);
    CHECK(k.lead == "A1");
    CHECK(k.orgs == 3); // A1, A2, A5: A3 left on the last day, A4 joins after the month
    CHECK(k.instructor == "张三");
    CHECK(k.community == "华美社区");
    CHECK(k.principle == "geo");
    CHECK(k.established == d("2016-01-01"));

    CHECK(s.find_org("A1")->cluster == "C1");
    CHECK(s.find_org("A1")->is_lead);
    CHECK(s.find_org("A1")->venue_m2 == 200); // 80 only from April 10
    CHECK(s.find_org("A1")->typical);
    CHECK(s.find_org("A5")->cluster == "C1"); // joined on the 1st
    CHECK_FALSE(s.find_org("A5")->is_lead);
    CHECK(s.find_org("A3")->cluster.empty()); // left on the last day
    CHECK(s.find_org("A4")->cluster.empty()); // joins after the month ends
    CHECK(s.find_org("A2")->weak);            // flagged on the last day
    CHECK_FALSE(s.find_org("A5")->weak);      // delisted on the last day
    CHECK(s.find_org("nope") == nullptr);

    // April: A4 is in, A1's venue is 80, and the month has not ended on April 20.
    const auto april = db::load_month(db, *parse_month("2026-04"), d("2026-04-20"));
    CHECK_FALSE(april.complete);
    CHECK(april.find_org("A4")->cluster == "C1");
    CHECK(april.find_org("A1")->venue_m2 == 80);
    CHECK(april.find_org("A7") != nullptr); // founded on April 5: open at the end of April
}

TEST_CASE_FIXTURE(March, "load_month: members and secretaries at the end of the month") {
    const auto s = db::load_month(db, *parse_month("2026-03"), d("2026-03-31"));
    CHECK_FALSE(s.complete); // today is the month's last day: figures so far
    CHECK(s.find_org("A1")->members == 1);
    CHECK(s.find_org("A1")->has_secretary);
    // M2 moved from A2 to A5 on March 15: counted once, in A5. M3 left on the 31st, M5 comes in
    // April.
    CHECK(s.find_org("A5")->members == 1);
    CHECK(s.find_org("A2")->members == 1);        // M4
    CHECK_FALSE(s.find_org("A2")->has_secretary); // M4 stopped being secretary on March 10
    long total = 0;
    for (const auto& o : s.orgs)
        total += o.members;
    CHECK(total == 3);

    // In February M2 was still in A2 and M4 its secretary.
    const auto feb = db::load_month(db, *parse_month("2026-02"), d("2026-11-28"));
    CHECK(feb.find_org("A2")->members == 3);
    CHECK(feb.find_org("A5")->members == 0);
    CHECK(feb.find_org("A2")->has_secretary);
}

TEST_CASE_FIXTURE(March, "load_month: the counts only, as the month before of a report") {
    const Month march = *parse_month("2026-03");
    const auto full = db::load_month(db, march, d("2026-11-28"));
    const auto s = db::load_month(db, march, d("2026-11-28"), db::SnapshotDetail::counts);
    // The same orgs, clusters, members and memberships as the full load...
    REQUIRE(s.orgs.size() == full.orgs.size());
    for (std::size_t i = 0; i < s.orgs.size(); ++i) {
        CHECK(s.orgs[i].code == full.orgs[i].code);
        CHECK(s.orgs[i].committee == full.orgs[i].committee);
        CHECK(s.orgs[i].cluster == full.orgs[i].cluster);
        CHECK(s.orgs[i].members == full.orgs[i].members);
    }
    REQUIRE(s.clusters.size() == 1);
    CHECK(s.clusters[0].code == "C1");
    CHECK(s.clusters[0].active);
    CHECK(s.clusters[0].orgs == 3);
    CHECK(s.settings.total_orgs == 1000);
    // ...and none of what the comparison does not read.
    CHECK(s.activities.empty());
    CHECK(s.clusters[0].lead.empty());
    CHECK(s.find_org("A1")->name.empty());
    CHECK_FALSE(s.find_org("A1")->typical);
    CHECK_FALSE(full.activities.empty());
}

TEST_CASE_FIXTURE(March, "load_month: activities of the year to the end of the month, settings") {
    const auto s = db::load_month(db, *parse_month("2026-03"), d("2026-11-28"));
    std::vector<long long> ids;
    for (const auto& a : s.activities)
        ids.push_back(a.id);
    CHECK(ids == std::vector<long long>{3, 2, 1, 6}); // by date; not last year's, not April's
    const auto& review = s.activities[1];
    CHECK(review.kind == "review");
    CHECK(review.cluster == "C1");
    CHECK(review.committee == "HL");
    CHECK(review.clusters == std::vector<std::string>{"C1"});
    CHECK(s.activities[0].cluster.empty());
    CHECK(s.activities[0].committee == "HL");
    CHECK(s.activities[2].title == "三月例会");
    CHECK(s.activities[2].clusters == std::vector<std::string>{"C1"}); // its own cluster
    CHECK(s.settings.member_yearly == 360);
    CHECK(s.settings.secretary_monthly == 300);
    CHECK(s.settings.total_orgs == 1000);
    CHECK_FALSE(s.settings.total_members);
}

TEST_CASE_FIXTURE(test::SmallDistrict,
                  "load_month: a dissolved cluster, and one not yet established") {
    db::detail::sql(db).exec(R"sql(
UPDATE cluster SET status = 'dissolved', dissolved = '2026-03-31' WHERE code = 'C1';
UPDATE cluster_org SET to_date = '2026-03-31';
UPDATE cluster_lead SET to_date = '2026-03-31';
INSERT INTO cluster(code, name, committee_id, principle, established, instructor, supervisor)
 SELECT 'C2', '新片', id, 'industry', '2026-04-02', '王五', '赵六' FROM committee WHERE code = 'HL';
)sql");
    const auto march = db::load_month(db, *parse_month("2026-03"), d("2026-11-28"));
    REQUIRE(march.clusters.size() == 1); // C2 is established after March
    CHECK_FALSE(march.clusters[0].active);
    CHECK(march.clusters[0].dissolved == d("2026-03-31"));
    CHECK(march.clusters[0].lead.empty());
    CHECK(march.clusters[0].orgs == 0);
    const auto feb = db::load_month(db, *parse_month("2026-02"), d("2026-11-28"));
    CHECK(feb.clusters[0].active);
    CHECK_FALSE(feb.clusters[0].dissolved); // dissolved after February: not shown then
    const auto april = db::load_month(db, *parse_month("2026-04"), d("2026-11-28"));
    REQUIRE(april.clusters.size() == 2);
    CHECK(april.clusters[1].code == "C2");
    CHECK(april.clusters[1].supervisor == "赵六");
}
