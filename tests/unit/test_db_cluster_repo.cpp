#include "db/sql_access.hpp"
#include "fixture.hpp"

#include <hlpb/db/check.hpp>
#include <hlpb/db/cluster_repo.hpp>
#include <hlpb/db/committee_repo.hpp>
#include <hlpb/db/org_repo.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n.hpp>

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

using namespace hlpb;
using hlpb::test::d;

namespace {

std::vector<std::string> member_codes(db::Database& db, const char* cluster, const char* on) {
    std::vector<std::string> out;
    for (const auto& m : db::cluster_members(db, cluster, d(on)))
        out.push_back(m.org + (m.is_lead ? "*" : ""));
    return out;
}

Cluster cluster2() {
    Cluster c;
    c.code = "C2";
    c.name = "第二联建片";
    c.committee = "HL";
    c.principle = "industry";
    c.established = d("2018-01-01");
    c.instructor = "李四";
    c.supervisor = "王五";
    c.supervisor_dept = "区建设局";
    return c;
}

template <class F> std::string conflict_message(F&& f) {
    try {
        f();
    } catch (const Conflict& e) {
        return e.what();
    }
    return "(no conflict)";
}

} // namespace

TEST_CASE("the small district is valid and db check is clean") {
    test::SmallDistrict s;
    CHECK(member_codes(s.db, "C1", "2016-01-01") == std::vector<std::string>{"A1*", "A2", "A3"});
    CHECK(member_codes(s.db, "C1", "2015-12-31").empty());
    CHECK(db::check_database(s.db, d("2026-11-28")).empty());
}

TEST_CASE("membership intervals are half-open: what leaves on D is gone on D") {
    test::SmallDistrict s;
    db::leave_cluster(s.db, "C1", {"A3"}, d("2020-03-01"));
    CHECK(member_codes(s.db, "C1", "2020-02-29") == std::vector<std::string>{"A1*", "A2", "A3"});
    CHECK(member_codes(s.db, "C1", "2020-03-01") == std::vector<std::string>{"A1*", "A2"});
    auto summary = db::list_clusters(s.db, d("2020-02-29"), {});
    REQUIRE(summary.size() == 1);
    CHECK(summary[0].orgs == 3);
    CHECK(db::list_clusters(s.db, d("2020-03-01"), {})[0].orgs == 2);
}

TEST_CASE("an org is in one cluster at a time") {
    test::SmallDistrict s;
    db::add_cluster(s.db, cluster2());
    auto msg = conflict_message([&] { db::join_cluster(s.db, "C2", {"A2"}, d("2019-01-01")); });
    CHECK(msg.find("A2 is in cluster C1 (since 2016-01-01)") != std::string::npos);
    CHECK(msg.find("hlpb cluster leave C1 A2 --on 2019-01-01") != std::string::npos);
    // With --move the old membership ends the same day.
    db::join_cluster(s.db, "C2", {"A2"}, d("2019-01-01"), true);
    CHECK(member_codes(s.db, "C1", "2019-01-01") == std::vector<std::string>{"A1*", "A3"});
    CHECK(member_codes(s.db, "C2", "2019-01-01") == std::vector<std::string>{"A2"});
    CHECK(member_codes(s.db, "C1", "2018-12-31") == std::vector<std::string>{"A1*", "A2", "A3"});
    // Joining back would overlap the C2 membership, or the closed C1 one.
    CHECK(conflict_message([&] {
              db::join_cluster(s.db, "C1", {"A2"}, d("2019-06-01"));
          }).find("A2 is in cluster C2 (since 2019-01-01)") != std::string::npos);
    CHECK(conflict_message([&] {
              db::join_cluster(s.db, "C1", {"A2"}, d("2018-06-01"));
          }).find("already a member of cluster C1 (from 2016-01-01 to 2019-01-01)") !=
          std::string::npos);
    // Already a member.
    CHECK(conflict_message([&] {
              db::join_cluster(s.db, "C1", {"A3"}, d("2020-01-01"));
          }).find("already a member") != std::string::npos);
}

TEST_CASE("joins respect when the cluster and the org existed") {
    test::SmallDistrict s;
    CHECK(conflict_message([&] {
              db::join_cluster(s.db, "C1", {"A4"}, d("2015-12-31"));
          }).find("established on 2016-01-01") != std::string::npos);
    Org late;
    late.code = "A9";
    late.name = "新党支部";
    late.committee = "HL";
    late.founded = d("2021-05-01");
    db::add_org(s.db, late);
    CHECK(conflict_message([&] {
              db::join_cluster(s.db, "C1", {"A9"}, d("2021-04-30"));
          }).find("founded on 2021-05-01") != std::string::npos);
    db::join_cluster(s.db, "C1", {"A9"}, d("2021-05-01"));
    CHECK_THROWS_AS(db::join_cluster(s.db, "C1", {"NOPE"}, d("2021-05-01")), NotFound);
}

TEST_CASE("the lead cannot leave; set another lead first") {
    test::SmallDistrict s;
    auto msg = conflict_message([&] { db::leave_cluster(s.db, "C1", {"A1"}, d("2020-01-01")); });
    CHECK(msg.find("A1 leads cluster C1") != std::string::npos);
    CHECK(msg.find("hlpb cluster set-lead C1 ORG --on 2020-01-01") != std::string::npos);
    db::set_lead(s.db, "C1", "A2", d("2020-01-01"));
    CHECK(db::get_cluster(s.db, "C1", d("2019-12-31")).lead == "A1");
    CHECK(db::get_cluster(s.db, "C1", d("2020-01-01")).lead == "A2");
    db::leave_cluster(s.db, "C1", {"A1"}, d("2020-01-01"));
    CHECK(member_codes(s.db, "C1", "2020-01-01") == std::vector<std::string>{"A2*", "A3"});
    CHECK(db::check_database(s.db, d("2026-11-28")).empty());
}

TEST_CASE("set-lead needs a member and goes forward in time") {
    test::SmallDistrict s;
    CHECK(conflict_message([&] {
              db::set_lead(s.db, "C1", "A5", d("2020-01-01"));
          }).find("A5 is not a member of cluster C1") != std::string::npos);
    CHECK(conflict_message([&] {
              db::set_lead(s.db, "C1", "A1", d("2020-01-01"));
          }).find("already leads") != std::string::npos);
    db::set_lead(s.db, "C1", "A2", d("2020-01-01"));
    CHECK(conflict_message([&] {
              db::set_lead(s.db, "C1", "A3", d("2019-06-01"));
          }).find("date order") != std::string::npos);
    // On the day A2's term began it would last no day: refused, the history unchanged...
    auto msg = conflict_message([&] { db::set_lead(s.db, "C1", "A3", d("2020-01-01")); });
    CHECK(msg.find("the lead term of A2 in cluster C1 began on 2020-01-01") != std::string::npos);
    CHECK(msg.find("hlpb db undo") != std::string::npos);
    CHECK(msg.find("--correct") != std::string::npos);
    CHECK(db::get_cluster(s.db, "C1", d("2020-01-01")).lead == "A2");
    // ...unless it is a correction, which replaces that term and says so.
    db::ChangeOptions correct;
    correct.correct = true;
    auto notes = db::set_lead(s.db, "C1", "A3", d("2020-01-01"), correct);
    CHECK(db::audit_note(notes) == "removed the lead term of A2 in cluster C1 from 2020-01-01");
    CHECK(db::get_cluster(s.db, "C1", d("2020-01-01")).lead == "A3");
    CHECK(db::get_cluster(s.db, "C1", d("2019-12-31")).lead == "A1");
    CHECK(db::check_database(s.db, d("2026-11-28")).empty());
}

TEST_CASE("split moves orgs and a new lead into a child that records its parent") {
    test::SmallDistrict s;
    db::join_cluster(s.db, "C1", {"A4", "A5"}, d("2017-01-01"));
    db::SplitRequest r;
    r.from = "C1";
    r.child.code = "C1-B";
    r.child.name = "测试联建片二片";
    r.lead = "A4";
    r.orgs = {"A5"};
    r.on = d("2024-07-01");
    db::split_cluster(s.db, r);
    Cluster child = db::get_cluster(s.db, "C1-B", d("2024-07-01"));
    CHECK(child.parent == "C1");
    CHECK(child.lead == "A4");
    CHECK(child.community == "华美社区"); // inherited
    CHECK(child.principle == "geo");
    CHECK(member_codes(s.db, "C1-B", "2024-07-01") == std::vector<std::string>{"A4*", "A5"});
    CHECK(member_codes(s.db, "C1", "2024-07-01") == std::vector<std::string>{"A1*", "A2", "A3"});
    CHECK(member_codes(s.db, "C1", "2024-06-30") ==
          std::vector<std::string>{"A1*", "A2", "A3", "A4", "A5"});
    CHECK(db::check_database(s.db, d("2026-11-28")).empty());
    auto history = db::cluster_history(s.db, "C1");
    CHECK(history.back().event == "split_to");
    CHECK(history.back().org == "C1-B");
}

TEST_CASE("split refuses to leave either cluster without 1+X") {
    test::SmallDistrict s;
    db::SplitRequest r;
    r.from = "C1";
    r.child.code = "C1-B";
    r.child.name = "x";
    r.lead = "A2";
    r.on = d("2024-07-01");
    CHECK(conflict_message([&] { db::split_cluster(s.db, r); }).find("at least one other") !=
          std::string::npos);
    r.orgs = {"A3"};
    CHECK(conflict_message([&] { db::split_cluster(s.db, r); }).find("would keep 1") !=
          std::string::npos);
    r.lead = "A1";
    CHECK(conflict_message([&] { db::split_cluster(s.db, r); }).find("A1 leads cluster C1") !=
          std::string::npos);
    CHECK_FALSE(db::find_cluster(s.db, "C1-B", d("2026-01-01")).has_value());
}

TEST_CASE("dissolve ends every membership and the lead term") {
    test::SmallDistrict s;
    db::dissolve_cluster(s.db, "C1", d("2025-12-31"));
    auto before = db::get_cluster(s.db, "C1", d("2025-12-30"));
    CHECK(before.status == "active");
    CHECK(before.lead == "A1");
    auto after = db::get_cluster(s.db, "C1", d("2025-12-31"));
    CHECK(after.status == "dissolved");
    CHECK(after.lead == "");
    CHECK(member_codes(s.db, "C1", "2025-12-31").empty());
    CHECK(conflict_message([&] {
              db::join_cluster(s.db, "C1", {"A4"}, d("2026-01-01"));
          }).find("dissolved on 2025-12-31") != std::string::npos);
    // The orgs are free to join another cluster from that day.
    db::add_cluster(s.db, cluster2());
    db::join_cluster(s.db, "C2", {"A1", "A2"}, d("2025-12-31"));
    CHECK(db::check_database(s.db, d("2026-11-28")).size() == 1); // C2 has no lead yet
    db::set_lead(s.db, "C2", "A1", d("2025-12-31"));
    CHECK(db::check_database(s.db, d("2026-11-28")).empty());
}

TEST_CASE("history lists events in date order") {
    test::SmallDistrict s;
    db::leave_cluster(s.db, "C1", {"A3"}, d("2020-03-01"));
    auto h = db::cluster_history(s.db, "C1");
    std::vector<std::string> lines;
    for (const auto& e : h)
        lines.push_back(format_date(e.date) + " " + e.event + " " + e.org);
    CHECK(lines == std::vector<std::string>{"2016-01-01 established ", "2016-01-01 join A1",
                                            "2016-01-01 join A2", "2016-01-01 join A3",
                                            "2016-01-01 lead A1", "2020-03-01 leave A3"});
}

TEST_CASE("db check reports a cluster without X and without a lead") {
    test::SmallDistrict s;
    db::add_cluster(s.db, cluster2());
    db::join_cluster(s.db, "C2", {"A4"}, d("2018-01-01"));
    auto breaches = db::check_database(s.db, d("2026-11-28"));
    REQUIRE(breaches.size() == 2);
    CHECK(breaches[0].check == "structure");
    CHECK(breaches[0].subject == "C2");
    CHECK(breaches[0].message.find("no lead") != std::string::npos);
    CHECK(breaches[1].message.find("has 1 org(s)") != std::string::npos);
}

TEST_CASE("db check finds overlapping memberships written behind the library's back") {
    test::SmallDistrict s;
    db::add_cluster(s.db, cluster2());
    db::detail::sql(s.db).exec("INSERT INTO cluster_org(cluster_id, org_id, from_date, to_date) "
                               "SELECT (SELECT id FROM cluster WHERE code='C2'), id, '2018-01-01', "
                               "'2019-01-01' FROM org WHERE code = 'A2'");
    auto breaches = db::check_database(s.db, d("2026-11-28"));
    bool found = false;
    for (const auto& b : breaches)
        found |= b.check == "one_cluster" && b.subject == "A2";
    CHECK(found);
}

TEST_CASE("no change deletes an interval that began on its day: refused, or --correct (noted)") {
    test::SmallDistrict s;
    db::join_cluster(s.db, "C1", {"A4"}, d("2020-05-01"));
    // leave on the join day, dissolve on a join day, join --move on the other's join day
    auto msg = conflict_message([&] { db::leave_cluster(s.db, "C1", {"A4"}, d("2020-05-01")); });
    CHECK(msg.find("the membership of A4 in cluster C1 began on 2020-05-01") != std::string::npos);
    CHECK(msg.find("hlpb db undo") != std::string::npos);
    CHECK(conflict_message([&] {
              db::dissolve_cluster(s.db, "C1", d("2020-05-01"));
          }).find("membership of A4") != std::string::npos);
    db::add_cluster(s.db, cluster2(), "A5", {"A6"});
    CHECK(conflict_message([&] {
              db::join_cluster(s.db, "C2", {"A4"}, d("2020-05-01"), true);
          }).find("membership of A4 in cluster C1") != std::string::npos);
    CHECK(member_codes(s.db, "C1", "2020-05-01") ==
          std::vector<std::string>{"A1*", "A2", "A3", "A4"});
    db::ChangeOptions correct;
    correct.correct = true;
    CHECK(db::audit_note(db::leave_cluster(s.db, "C1", {"A4"}, d("2020-05-01"), correct)) ==
          "removed the membership of A4 in cluster C1 from 2020-05-01");
    CHECK(db::org_memberships(s.db, "A4").empty());
    CHECK(db::check_database(s.db, d("2026-11-28")).empty());
}

TEST_CASE("1+X needs X >= 1: add, leave and join --move refuse a lead alone") {
    test::SmallDistrict s;
    CHECK(conflict_message([&] {
              db::add_cluster(s.db, cluster2(), "A4", {"A4"});
          }).find("only its lead A4") != std::string::npos);
    CHECK_FALSE(db::find_cluster(s.db, "C2", d("2026-01-01")).has_value());
    db::leave_cluster(s.db, "C1", {"A2"}, d("2021-01-01"));
    auto msg = conflict_message([&] { db::leave_cluster(s.db, "C1", {"A3"}, d("2022-01-01")); });
    CHECK(msg.find("cluster C1 would keep only its lead A1 from 2022-01-01") != std::string::npos);
    CHECK(msg.find("hlpb cluster dissolve C1 --on 2022-01-01") != std::string::npos);
    // A3 leaving in 2019 would leave A1 alone from 2021 on, when A2 left.
    db::join_cluster(s.db, "C1", {"A4"}, d("2018-01-01"));
    db::leave_cluster(s.db, "C1", {"A4"}, d("2021-06-01"));
    CHECK(conflict_message([&] {
              db::leave_cluster(s.db, "C1", {"A3"}, d("2019-01-01"));
          }).find("from 2021-06-01") != std::string::npos);
    db::add_cluster(s.db, cluster2(), "A5", {"A6"});
    CHECK(conflict_message([&] {
              db::join_cluster(s.db, "C2", {"A3"}, d("2023-01-01"), true);
          }).find("cluster C1 would keep only its lead A1") != std::string::npos);
    CHECK(db::check_database(s.db, d("2026-11-28")).empty());
}

TEST_CASE("events after today need --future; a planned dissolve takes changes dated before it") {
    test::SmallDistrict s;
    db::ChangeOptions now;
    now.today = d("2026-11-28");
    CHECK(conflict_message([&] {
              db::dissolve_cluster(s.db, "C1", d("2030-01-01"), now);
          }).find("--future") != std::string::npos);
    CHECK(conflict_message([&] {
              db::leave_cluster(s.db, "C1", {"A3"}, d("2026-11-29"), now);
          }).find("a leave is recorded once it has happened") != std::string::npos);
    db::ChangeOptions plan = now;
    plan.future = true;
    db::dissolve_cluster(s.db, "C1", d("2030-01-01"), plan);
    CHECK(db::get_cluster(s.db, "C1", d("2029-12-31")).status == "active");
    CHECK(db::get_cluster(s.db, "C1", d("2030-01-01")).status == "dissolved");
    // before the dissolve: accepted, and each new interval ends with the cluster
    db::join_cluster(s.db, "C1", {"A4"}, d("2027-01-01"));
    db::set_lead(s.db, "C1", "A2", d("2026-11-28"), now);
    db::leave_cluster(s.db, "C1", {"A3"}, d("2026-11-28"), now);
    CHECK(member_codes(s.db, "C1", "2029-12-31") == std::vector<std::string>{"A2*", "A1", "A4"});
    CHECK(member_codes(s.db, "C1", "2030-01-01").empty());
    // from the dissolve on: refused
    CHECK(conflict_message([&] {
              db::join_cluster(s.db, "C1", {"A5"}, d("2030-01-01"));
          }).find("dissolved on 2030-01-01") != std::string::npos);
    CHECK_THROWS_AS(db::dissolve_cluster(s.db, "C1", d("2029-01-01"), plan), Conflict);
    // its lead is not closed while it leads, even with the dissolve planned
    CHECK(conflict_message([&] {
              db::close_org(s.db, "A2", d("2026-11-28"), now);
          }).find("A2 leads cluster C1") != std::string::npos);
    CHECK(db::check_database(s.db, d("2026-11-28")).empty());
    CHECK(db::check_database(s.db, d("2030-01-01")).empty());
}

TEST_CASE("dated fields: an edit changes them from its day, reads as of a date see the old value") {
    test::SmallDistrict s;
    db::ChangeOptions now;
    now.today = d("2026-11-28");
    Cluster c = db::get_cluster(s.db, "C1", d("2026-11-28"));
    c.instructor = "李华";
    c.name = "新名字";
    auto notes = db::edit_cluster(s.db, c, d("2024-01-01"), now);
    CHECK(db::audit_note(notes) ==
          "instructor of cluster C1 was '张三' until 2024-01-01; name was '测试联建片'");
    CHECK(db::get_cluster(s.db, "C1", d("2023-12-31")).instructor == "张三");
    CHECK(db::get_cluster(s.db, "C1", d("2024-01-01")).instructor == "李华");
    CHECK(db::get_cluster(s.db, "C1", d("2023-12-31")).name == "新名字"); // current only
    // the same day again is a correction; earlier than the current value, or after today: refused
    c.instructor = "王五";
    CHECK(conflict_message([&] {
              db::edit_cluster(s.db, c, d("2024-01-01"), now);
          }).find("the instructor '李华' of cluster C1 began on 2024-01-01") != std::string::npos);
    CHECK_THROWS_AS(db::edit_cluster(s.db, c, d("2023-06-01"), now), Conflict);
    CHECK_THROWS_AS(db::edit_cluster(s.db, c, d("2026-11-29"), now), Conflict);
    db::ChangeOptions correct = now;
    correct.correct = true;
    db::edit_cluster(s.db, c, d("2024-01-01"), correct);
    CHECK(db::get_cluster(s.db, "C1", d("2024-01-01")).instructor == "王五");
    auto h = db::field_history(s.db, "cluster", "C1");
    REQUIRE(h.size() == 1);
    CHECK(h[0].value == "张三");
    CHECK(h[0].from == d("2016-01-01"));
    CHECK(h[0].to == d("2024-01-01"));
    // db check reads the community as it was
    c.community = "";
    db::edit_cluster(s.db, c, d("2025-01-01"), now);
    CHECK(db::check_database(s.db, d("2024-12-31")).empty());
    CHECK(db::check_database(s.db, d("2025-01-01")).size() == 1);
    auto events = db::cluster_history(s.db, "C1");
    REQUIRE(events.size() >= 2);
    CHECK(events.back().event == "community");
    CHECK(events.back().name == "");
    CHECK(events[events.size() - 2].event == "instructor");
    CHECK(events[events.size() - 2].name == "王五");
}

TEST_CASE("db check findings are whole sentences in the language chosen") {
    test::SmallDistrict s;
    db::detail::sql(s.db).exec("UPDATE cluster_org SET from_date = '2015-06-01' "
                               "WHERE org_id = (SELECT id FROM org WHERE code = 'A2')");
    auto message = [&](std::string_view lang) {
        const auto found = [&] {
            test::Language in(lang);
            return db::check_database(s.db, d("2026-11-28"));
        }();
        REQUIRE(found.size() == 1);
        CHECK(found[0].check == "dates");
        CHECK(found[0].subject == "A2");
        return found[0].message;
    };
    CHECK(message("en") ==
          "joins cluster C1 on 2015-06-01, before it was established (2016-01-01)");
    CHECK(message("zh") == "于2015-06-01加入联建片C1，早于该联建片成立日期（2016-01-01）");
}

TEST_CASE("a refusal names the lead in Chinese, its flag and role values as Chinese words") {
    test::SmallDistrict s;
    test::Language zh("zh");
    const std::string lead =
        conflict_message([&] { db::set_lead(s.db, "C1", "A1", d("2020-01-01")); });
    const std::string flag = conflict_message([&] {
        db::set_flag(s.db, "A2", "weak", d("2020-01-01"), "");
        db::set_flag(s.db, "A2", "weak", d("2020-02-01"), "");
    });
    CHECK(lead == "A1已是联建片C1的牵头党组织（2016-01-01起）");
    CHECK(flag == "党组织A2已标记为软弱涣散（2020-01-01起）；请先取消标记");
}

TEST_CASE("committee and cluster lists count members as of the date, with the lead's name") {
    test::SmallDistrict s;
    db::detail::sql(s.db).exec(R"sql(
INSERT INTO member(id_number, name, gender, birth_date, join_date, status, full_date, org_id,
                   org_since, role, role_since, left_on)
SELECT 'M1', '甲', 'male', '1970-01-01', '2000-01-01', 'full', '2001-01-01', id, '2020-01-01',
       'secretary', '2020-01-01', NULL FROM org WHERE code = 'A1'
UNION ALL
SELECT 'M2', '乙', 'male', '1970-01-01', '2000-01-01', 'full', '2001-01-01', id, '2021-01-01',
       'member', '2021-01-01', '2022-01-01' FROM org WHERE code = 'A2'
UNION ALL
SELECT 'M3', '丙', 'male', '1970-01-01', '2000-01-01', 'full', '2001-01-01', id, '2021-06-01',
       'member', '2021-06-01', NULL FROM org WHERE code = 'A5';
INSERT INTO member_org_history(member_id, org_id, from_date, to_date)
SELECT m.id, o.id, '2020-01-01', '2021-06-01' FROM member m, org o
 WHERE m.id_number = 'M3' AND o.code = 'A3';)sql");
    auto cluster_members = [&](const char* day) {
        const auto k = db::list_clusters(s.db, d(day), {});
        REQUIRE(k.size() == 1);
        CHECK(k[0].lead_name == "测试1党支部");
        CHECK(k[0].committee_name == "湖里街道两新组织党委");
        return k[0].members;
    };
    auto committee_members = [&](const char* day) {
        const auto c = db::list_committees(s.db, d(day));
        REQUIRE(c.size() == 1);
        return c[0].members;
    };
    CHECK(cluster_members("2019-12-31") == 0);
    CHECK(cluster_members("2020-01-01") == 2);   // M1 in A1, M3 in A3 (its history)
    CHECK(cluster_members("2021-01-01") == 3);   // and M2 in A2
    CHECK(cluster_members("2021-06-01") == 2);   // M3 moved to A5, in no cluster
    CHECK(cluster_members("2022-01-01") == 1);   // M2 left
    CHECK(committee_members("2021-06-01") == 3); // A5 is the committee's too
    CHECK(committee_members("2022-01-01") == 2);
}

TEST_CASE("every check of db check has a label in both languages") {
    std::string keys;
    for (const auto& t : db::check_kinds())
        keys += (keys.empty() ? "" : ", ") + std::string(t.key);
    CHECK(keys == "one_cluster, one_lead, lead_member, dates, member_one_org, closed_members, "
                  "one_secretary, structure, integrity, foreign_key, uscc");
    for (const auto& t : db::check_kinds()) {
        CHECK(vocab::label(db::check_kinds(), t.key, "zh") != t.key);
        CHECK(vocab::label(db::check_kinds(), t.key, "en") != t.key);
    }
    // What the breaches of a broken district are called for people.
    test::SmallDistrict s;
    db::detail::sql(s.db).exec("UPDATE cluster SET instructor = ''");
    const auto breaches = db::check_database(s.db, d("2026-11-28"));
    REQUIRE_FALSE(breaches.empty());
    CHECK(vocab::label(db::check_kinds(), breaches[0].check, "zh") == "“1+X”结构");
}
