#include "db/sql_access.hpp"
#include "fixture.hpp"

#include <hlpb/db/cluster_repo.hpp>
#include <hlpb/db/committee_repo.hpp>
#include <hlpb/db/member_repo.hpp>
#include <hlpb/db/org_repo.hpp>
#include <hlpb/db/score_repo.hpp>
#include <hlpb/db/settings.hpp>
#include <hlpb/id_number.hpp>
#include <hlpb/report/month_snapshot.hpp>
#include <hlpb/report/monthly.hpp>
#include <hlpb/report/monthly_document.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <stdexcept>

using namespace hlpb;
using hlpb::test::d;

namespace {

const Date k_today = d("2026-11-28");
const Month k_october{std::chrono::year{2026}, std::chrono::October};

// A checksum-valid ID number: 350206 19900101 NNN + check character.
std::string id(int n) {
    std::string first17 = "35020619900101" + std::to_string(100 + n);
    return first17 + id_number::check_char(first17);
}

void member(db::Database& db, int n, const char* org, const char* role = "member",
            const char* since = "2016-01-01") {
    db::Member m;
    m.id_number = id(n);
    m.name = "党员" + std::to_string(n);
    m.org = org;
    m.join_date = d("2015-07-01");
    m.full_date = d("2016-07-01");
    m.status = "";
    m.org_since = d(since);
    m.role = role;
    m.role_since = d(since);
    import::RowErrors errors;
    db::validate_member(db, m, k_today, errors);
    for (const auto& e : errors.items())
        FAIL_CHECK(e.field << ": " << e.message);
    db::add_member(db, m);
}

void org(db::Database& db, const char* code, const char* committee) {
    Org o;
    o.code = code;
    o.name = std::string(code) + "党支部";
    o.committee = committee;
    o.founded = d("2015-01-01");
    o.venue_m2 = 150;
    db::add_org(db, o);
}

void cluster(db::Database& db, const char* code, const char* committee, const char* principle,
             const char* established) {
    Cluster c;
    c.code = code;
    c.name = std::string(code) + "联建片";
    c.committee = committee;
    c.principle = principle;
    c.established = d(established);
    c.instructor = "指导员";
    if (std::string(principle) == "geo")
        c.community = "社区";
    else {
        c.supervisor = "挂点干部";
        c.supervisor_dept = "部门";
    }
    db::add_cluster(db, c);
}

void score(db::Database& db, const char* org, const char* month, const char* category,
           long long points) {
    SQLite::Statement st(db::detail::sql(db),
                         "INSERT INTO score_entry(org_id, month, category, points) "
                         "VALUES ((SELECT id FROM org WHERE code = ?), ?, ?, ?)");
    st.bind(1, org);
    st.bind(2, month);
    st.bind(3, category);
    st.bind(4, static_cast<int64_t>(points));
    st.exec();
}

// The hand-made district of the monthly report (October 2026, the month before: September):
//
// committees HL (street) and CX (park); orgs A1..A5 of HL, B1..B3 of CX, all founded 2015.
// clusters:
//   C1 HL geo, established 2016-01-01: A1 (lead), A2, A3; A3 moves to C2 on 10-31, the last
//      day, so it is no longer in C1 at the end of October.
//   C2 HL industry, established 10-02 (the 2nd: not subject to October's monthly rules): A4
//      (lead) from 10-02, A5 joins on 10-15, A3 on 10-31.
//   C3 CX chain, established 2016-01-01: B1 (lead), B2; dissolved on 10-20 (mid-month).
//   C4 CX geo, established 11-01 (after the month): B3 (lead), B2.
// members (one each unless said; secretaries marked *):
//   A1: *1, 2, 3 · A2: 4, and 5 who transfers to A4 on 10-15 (counted once, in A4) · A3: *6 ·
//   A4: *7, 8 · A5: 9 from 10-10 (a late joiner) · B1: *10 · B2: *11 · B3: *12.
// flags: A2 weak since 2025; B3 weak from 2025 to 10-31 (delisted on the last day).
// scores, October: A1 pa 5 + act 3 = 8; A2 pa 5 + act 2 + sug 1 = 8 (tie with A1 broken by
//   activity); A3 pa 20 and A4 pa 20 (a tie down to the code: A3); A5 penalty -3; B1 pa 10
//   (its cluster is dissolved: outside the contest).
// scores, September (closed by score award): A1 pa 3, A2 penalty -1 (C1's flag: A1 by total);
//   B1 penalty -2 (C3: no positive total, no flag).
// activities: secretary meetings of C1 on 09-10 and 10-09, of C2 on 10-20; a volunteer
//   activity (12 people) on 10-05; a reception of HL on 10-12 (id 5).
// problems: A1 labor 09-15 → resolved 10-10; A2 tax raised 10-12 at the reception, open;
//   A4 schooling 10-12 → 10-25; B2 other 08-01, open.
// settings: district.total_orgs 20, district.total_members 40.
struct MonthlyDistrict : test::MemoryDb {
    MonthlyDistrict() {
        db::WriteTx tx(db);
        db::add_committee(db, {"HL", "湖里街道两新组织党委", "street"});
        db::add_committee(db, {"CX", "创新园非公企业党委", "park"});
        for (const char* c : {"A1", "A2", "A3", "A4", "A5"})
            org(db, c, "HL");
        for (const char* c : {"B1", "B2", "B3"})
            org(db, c, "CX");
        db::set_setting(db, "district.total_orgs", "20");
        db::set_setting(db, "district.total_members", "40");

        cluster(db, "C1", "HL", "geo", "2016-01-01");
        db::join_cluster(db, "C1", {"A1", "A2", "A3"}, d("2016-01-01"));
        db::set_lead(db, "C1", "A1", d("2016-01-01"));
        cluster(db, "C3", "CX", "chain", "2016-01-01");
        db::join_cluster(db, "C3", {"B1", "B2"}, d("2016-01-01"));
        db::set_lead(db, "C3", "B1", d("2016-01-01"));

        member(db, 1, "A1", "secretary");
        member(db, 2, "A1");
        member(db, 3, "A1");
        member(db, 4, "A2");
        member(db, 5, "A2");
        member(db, 6, "A3", "secretary");
        member(db, 7, "A4", "secretary");
        member(db, 8, "A4");
        member(db, 9, "A5", "member", "2026-10-10");
        member(db, 10, "B1", "secretary");
        member(db, 11, "B2", "secretary");
        member(db, 12, "B3", "secretary");
        db::set_flag(db, "A2", "weak", d("2025-01-01"), "");
        db::set_flag(db, "B3", "weak", d("2025-01-01"), "");

        score(db, "A1", "2026-09", "party_affairs", 3);
        score(db, "A2", "2026-09", "penalty", -1);
        score(db, "B1", "2026-09", "penalty", -2);
        db::award_flags(db, Month{std::chrono::year{2026}, std::chrono::September}, k_today);

        cluster(db, "C2", "HL", "industry", "2026-10-02");
        db::join_cluster(db, "C2", {"A4"}, d("2026-10-02"));
        db::set_lead(db, "C2", "A4", d("2026-10-02"));
        db::join_cluster(db, "C2", {"A5"}, d("2026-10-15"));
        db::transfer_member(db, id(5), "A4", d("2026-10-15"));
        db::dissolve_cluster(db, "C3", d("2026-10-20"));
        db::join_cluster(db, "C2", {"A3"}, d("2026-10-31"), /*move=*/true);
        db::unset_flag(db, "B3", "weak", d("2026-10-31"));
        cluster(db, "C4", "CX", "geo", "2026-11-01");
        db::join_cluster(db, "C4", {"B3", "B2"}, d("2026-11-01"));
        db::set_lead(db, "C4", "B3", d("2026-11-01"));

        score(db, "A1", "2026-10", "party_affairs", 5);
        score(db, "A1", "2026-10", "activity", 3);
        score(db, "A2", "2026-10", "party_affairs", 5);
        score(db, "A2", "2026-10", "activity", 2);
        score(db, "A2", "2026-10", "suggestion", 1);
        score(db, "A3", "2026-10", "party_affairs", 20);
        score(db, "A4", "2026-10", "party_affairs", 20);
        score(db, "A5", "2026-10", "penalty", -3);
        score(db, "B1", "2026-10", "party_affairs", 10);

        db::detail::sql(db).exec(R"sql(
INSERT INTO activity(id, date, kind, cluster_id, committee_id, title, participants) VALUES
 (1, '2026-09-10', 'secretary_meeting', (SELECT id FROM cluster WHERE code = 'C1'),
     (SELECT id FROM committee WHERE code = 'HL'), '九月例会', 3),
 (2, '2026-10-09', 'secretary_meeting', (SELECT id FROM cluster WHERE code = 'C1'),
     (SELECT id FROM committee WHERE code = 'HL'), '十月例会', 3),
 (3, '2026-10-20', 'secretary_meeting', (SELECT id FROM cluster WHERE code = 'C2'),
     (SELECT id FROM committee WHERE code = 'HL'), '首次例会', 3),
 (4, '2026-10-05', 'volunteer', (SELECT id FROM cluster WHERE code = 'C1'),
     (SELECT id FROM committee WHERE code = 'HL'), '志愿服务', 12),
 (5, '2026-10-12', 'reception', NULL, (SELECT id FROM committee WHERE code = 'HL'),
     '部长会客厅', 20);
INSERT INTO problem(id, org_id, category, raised, text, resolved, resolution, activity_id) VALUES
 (1, (SELECT id FROM org WHERE code = 'A1'), 'labor', '2026-09-15', '招工难', '2026-10-10',
     '对接人社', NULL),
 (2, (SELECT id FROM org WHERE code = 'A2'), 'tax', '2026-10-12', '退税', NULL, '', 5),
 (3, (SELECT id FROM org WHERE code = 'A4'), 'schooling', '2026-10-12', '入学', '2026-10-25',
     '已协调', 5),
 (4, (SELECT id FROM org WHERE code = 'B2'), 'other', '2026-08-01', '场地', NULL, '', NULL);
)sql");
        tx.commit();
    }
};

} // namespace

TEST_CASE("the monthly report of a hand-made October") {
    MonthlyDistrict s;
    const auto r = report::build_monthly(s.db, k_october, k_today);
    CHECK(r.first == d("2026-10-01"));
    CHECK(r.last == d("2026-10-31"));
    CHECK(r.complete);

    SUBCASE("coverage at the end of October, and of September") {
        const auto& c = r.coverage.figures;
        CHECK(c.two_new_orgs == 8);
        // A1 3, A2 1 (5 left for A4), A3 1, A4 3, A5 1, B1..B3 1 each
        CHECK(c.two_new_members == 12);
        CHECK(*c.org_share == doctest::Approx(0.4));          // 8 / 20
        CHECK(*c.member_share == doctest::Approx(0.3));       // 12 / 40
        CHECK(c.clustered_orgs == 5);                         // C1: A1 A2; C2: A4 A5 A3
        CHECK(*c.cluster_coverage == doctest::Approx(0.625)); // 5 / 8
        CHECK(c.active_clusters == 2);                        // C1, C2 (C3 dissolved, C4 later)
        CHECK(r.coverage.clustered_members == 9);             // 3 + 1 + 3 + 1 + 1
        CHECK(r.coverage.geo_clusters == 1);
        CHECK(r.coverage.industry_clusters == 1);
        CHECK(r.coverage.chain_clusters == 0);
        const auto& p = r.coverage.previous;
        CHECK(format_month(p.month) == "2026-09");
        CHECK(p.two_new_orgs == 8);
        CHECK(p.two_new_members == 11);  // A5's member not yet, 5 still in A2
        CHECK(p.clustered_orgs == 5);    // C1: A1 A2 A3; C3: B1 B2
        CHECK(p.clustered_members == 8); // 3 + 2 + 1 + 1 + 1
        CHECK(p.active_clusters == 2);   // C1, C3
        CHECK(p.flags == 1);             // C1 (recorded); C3 had no positive total
    }

    SUBCASE("committees") {
        REQUIRE(r.committees.size() == 2);
        const auto& cx = r.committees[0];
        CHECK(cx.code == "CX");
        CHECK(cx.clusters == 0);
        CHECK(cx.orgs == 3);
        CHECK(cx.clustered_orgs == 0);
        CHECK(cx.members == 3);
        CHECK(cx.weak == 0); // B3 delisted on the 31st
        CHECK(cx.without_secretary == 0);
        const auto& hl = r.committees[1];
        CHECK(hl.code == "HL");
        CHECK(hl.name == "湖里街道两新组织党委");
        CHECK(hl.clusters == 2);
        CHECK(hl.orgs == 5);
        CHECK(hl.clustered_orgs == 5);
        CHECK(hl.members == 9);
        CHECK(hl.weak == 1);              // A2
        CHECK(hl.without_secretary == 2); // A2, A5
    }

    SUBCASE("clusters: orgs, members, meetings, points and flags, then and the month before") {
        REQUIRE(r.clusters.size() == 2);
        const auto& c1 = r.clusters[0];
        CHECK(c1.code == "C1");
        CHECK(c1.name == "C1联建片");
        CHECK(c1.committee_name == "湖里街道两新组织党委");
        CHECK(c1.principle == "geo");
        CHECK(c1.lead == "A1");
        CHECK(c1.lead_name == "A1党支部");
        CHECK(c1.orgs == 2);     // A3 left on the last day
        CHECK(c1.members == 4);  // A1 3 + A2 1
        CHECK(c1.meetings == 1); // 10-09 (not 09-10)
        CHECK(c1.points == 16);  // 8 + 8
        CHECK(c1.flag == "A1");
        CHECK(c1.flag_name == "A1党支部");
        CHECK(c1.orgs_before == 3);
        CHECK(c1.members_before == 6); // 3 + 2 + 1
        CHECK(c1.points_before == 2);  // 3 - 1 + 0
        CHECK(c1.flag_before == "A1");
        const auto& c2 = r.clusters[1];
        CHECK(c2.code == "C2");
        CHECK(c2.established == d("2026-10-02"));
        CHECK(c2.lead == "A4");
        CHECK(c2.orgs == 3);    // A4, A5 (10-15), A3 (10-31)
        CHECK(c2.members == 5); // A4 3 (with 5) + A5 1 + A3 1
        CHECK(c2.meetings == 1);
        CHECK(c2.points == 37); // 20 + 20 - 3
        CHECK(c2.flag == "A3"); // tied with A4 down to the code
        CHECK_FALSE(c2.orgs_before);
        CHECK_FALSE(c2.points_before);
        CHECK(c2.flag_before.empty());
    }

    SUBCASE("flags: computed for an open month, with the tie-break that decided") {
        CHECK_FALSE(r.flags_recorded);
        CHECK(r.clusters_without_flag == 0);
        REQUIRE(r.flags.size() == 2);
        CHECK(r.flags[0].cluster == "C1");
        CHECK(r.flags[0].org == "A1");
        CHECK(r.flags[0].points == 8);
        CHECK(r.flags[0].decided_by == "activity");
        CHECK_FALSE(r.flags[0].recorded);
        CHECK(r.flags[0].kept); // A1 held C1's flag in September
        CHECK(r.flags[1].cluster == "C2");
        CHECK(r.flags[1].cluster_name == "C2联建片");
        CHECK(r.flags[1].org == "A3");
        CHECK(r.flags[1].points == 20);
        CHECK(r.flags[1].decided_by == "code");
        CHECK_FALSE(r.flags[1].kept);
    }

    SUBCASE("subsidies: orgs in an active cluster at the end of the month") {
        const auto& t = r.subsidies.total;
        CHECK(t.orgs == 5);
        CHECK(t.secretaries == 3);        // A1, A3, A4
        CHECK(t.secretary_fen == 90'000); // 3 x 300 CNY
        CHECK(t.members == 9);
        CHECK(t.member_year_fen == 270'000); // 9 x 300 CNY
        CHECK(t.member_month_fen == 22'500); // 9 x 25 CNY
        REQUIRE(r.subsidies.committees.size() == 1);
        CHECK(r.subsidies.committees[0].committee == "HL");
    }

    SUBCASE("compliance rows carry their subject's name") {
        auto monthly = std::count_if(r.compliance.begin(), r.compliance.end(), [](const auto& c) {
            return c.row.rule == "secretary_meeting_monthly";
        });
        CHECK(monthly == 1); // C1 only: C2 was established on the 2nd
        const auto it = std::find_if(r.compliance.begin(), r.compliance.end(), [](const auto& c) {
            return c.row.rule == "secretary_meeting_monthly";
        });
        CHECK(it->row.code == "C1");
        CHECK(it->name == "C1联建片");
        CHECK(it->row.status == rules::Status::done);
        CHECK(it->row.activity_date == d("2026-10-09"));
        const auto a2 = std::find_if(r.compliance.begin(), r.compliance.end(), [](const auto& c) {
            return c.row.rule == "org_has_secretary" && c.row.code == "A2";
        });
        REQUIRE(a2 != r.compliance.end());
        CHECK(a2->name == "A2党支部");
        CHECK(a2->row.status == rules::Status::missed);
    }

    SUBCASE("outcomes and problems of the month") {
        const auto& o = r.outcomes;
        CHECK(o.weak_delisted == std::vector<std::string>{"B3"});
        CHECK(o.weak_now == 1);
        CHECK(o.volunteer_activities == 1);
        CHECK(o.volunteer_participants == 12);
        CHECK(o.receptions == 1);
        CHECK(o.problems_raised == 2);
        CHECK(o.problems_resolved == 2);
        CHECK(o.problems_open == 2);
        REQUIRE(r.problems.raised.size() == 2);
        CHECK(r.problems.raised[0].problem.id == 2);
        CHECK(r.problems.raised[0].org_name == "A2党支部");
        CHECK(r.problems.raised[0].committee == "HL");
        CHECK(r.problems.raised[0].problem.activity == 5);
        CHECK(r.problems.raised[1].problem.id == 3);
        REQUIRE(r.problems.resolved.size() == 2);
        CHECK(r.problems.resolved[0].problem.id == 1);
        CHECK(r.problems.resolved[0].days_open == 25); // 09-15 -> 10-10
        CHECK(r.problems.resolved[1].days_open == 13); // 10-12 -> 10-25
        REQUIRE(r.problems.open.size() == 2);
        CHECK(r.problems.open[0].problem.id == 4); // oldest first
        CHECK(r.problems.open[0].days_open == 91); // 08-01 -> 10-31
        CHECK(r.problems.open[1].problem.id == 2);
        CHECK(r.problems.open[1].days_open == 19); // 10-12 -> 10-31
    }
}

TEST_CASE("the monthly report of a closed month uses the recorded flags") {
    MonthlyDistrict s;
    const auto r = report::build_monthly(
        s.db, Month{std::chrono::year{2026}, std::chrono::September}, k_today);
    CHECK(r.flags_recorded);
    REQUIRE(r.flags.size() == 1);
    CHECK(r.flags[0].cluster == "C1");
    CHECK(r.flags[0].org == "A1");
    CHECK(r.flags[0].points == 3);
    CHECK(r.flags[0].decided_by == "total");
    CHECK(r.flags[0].recorded);
    CHECK(r.clusters_without_flag == 1); // C3: no positive total
    REQUIRE(r.clusters.size() == 2);
    CHECK(r.clusters[1].code == "C3");
    CHECK(r.clusters[1].flag.empty());
    CHECK(r.clusters[1].points == -2);
}

TEST_CASE("a month not ended is reported as figures so far") {
    MonthlyDistrict s;
    const auto r =
        report::build_monthly(s.db, Month{std::chrono::year{2026}, std::chrono::November}, k_today);
    CHECK_FALSE(r.complete);
    // C4 was established on 11-01: subject in November; C3 is gone.
    REQUIRE(r.clusters.size() == 3);
    CHECK(r.clusters[2].code == "C4");
    CHECK(r.clusters[2].orgs == 2);
}

TEST_CASE("the JSON of the monthly report has the keys of SPEC §7") {
    MonthlyDistrict s;
    const auto j = report::to_json(report::build_monthly(s.db, k_october, k_today));
    for (const char* key : {"month", "coverage", "clusters", "compliance", "flags", "subsidies",
                            "outcomes", "problems"})
        CHECK_MESSAGE(j.contains(key), key);
    CHECK(j["month"] == "2026-10");
    for (const char* key : {"two_new_orgs", "two_new_members", "org_share", "member_share",
                            "clustered_orgs", "cluster_coverage", "active_clusters"})
        CHECK_MESSAGE(j["coverage"].contains(key), key);
    CHECK(j["coverage"]["cluster_coverage"] == 0.625);
    for (const char* key :
         {"code", "name", "committee", "principle", "lead", "orgs", "members", "points", "flag"})
        CHECK_MESSAGE(j["clusters"][0].contains(key), key);
    CHECK(j["clusters"][1]["flag"] == "A3");
    CHECK(j["clusters"][1]["orgs_before"].is_null());
    for (const char* key : {"rule", "scope", "code", "status"})
        CHECK_MESSAGE(j["compliance"][0].contains(key), key);
    // Evidence only where it applies: a done row has its activity and no deadline.
    for (const auto& row : j["compliance"]) {
        if (row["rule"] != "secretary_meeting_monthly")
            continue;
        CHECK(row["code"] == "C1");
        CHECK(row["activity_date"] == "2026-10-09");
        CHECK(row["activity_title"] == "十月例会");
        CHECK_FALSE(row.contains("deadline"));
        CHECK_FALSE(row.contains("lacks"));
    }
    for (const char* key : {"cluster", "org", "points"})
        CHECK_MESSAGE(j["flags"][0].contains(key), key);
    CHECK(j["flags"][0]["decided_by"] == "activity");
    for (const char* key :
         {"secretaries", "secretary_total", "members", "member_month_total", "member_year_total"})
        CHECK_MESSAGE(j["subsidies"].contains(key), key);
    CHECK(j["subsidies"]["secretary_total"] == 900.0);
    CHECK(j["subsidies"]["member_month_total"] == 225.0);
    CHECK(j["outcomes"]["orgs"]["weak_delisted_orgs"] == nlohmann::json::array({"B3"}));
    CHECK(j["problems"]["open"][0]["raised"] == "2026-08-01");
    CHECK(j["problems"]["open"][0]["resolved"].is_null());
    // Deterministic: the same value twice gives the same text.
    CHECK(j.dump() == report::to_json(report::build_monthly(s.db, k_october, k_today)).dump());
}

TEST_CASE("the flags of the last twelve months per committee") {
    MonthlyDistrict s;
    const auto r = report::build_monthly(s.db, k_october, k_today);
    const auto& h = r.flag_history;
    REQUIRE(h.months.size() == 12);
    CHECK(format_month(h.months.front()) == "2025-11");
    CHECK(format_month(h.months.back()) == "2026-10");
    REQUIRE(h.committees.size() == 2);
    CHECK(h.committees[0].code == "CX");
    CHECK(h.committees[0].flags == std::vector<long>(12, 0));
    CHECK(h.committees[1].code == "HL");
    CHECK(h.committees[1].flags[10] == 1); // September: recorded (C1, A1)
    CHECK(h.committees[1].flags[11] == 2); // October: not closed, the report's two flags
    CHECK(h.committees[1].flags[9] == 0);
    const auto j = report::to_json(r);
    CHECK(j["flag_history"]["months"][11] == "2026-10");
    CHECK(j["flag_history"]["committees"][1]["flags"][10] == 1);
}

namespace {

const report::Section& section_of(const report::Document& doc, std::string_view key) {
    for (const auto& s : doc.sections)
        if (s.key == key)
            return s;
    FAIL("no section " << key);
    throw std::logic_error("unreachable");
}

bool has_paragraph(const report::Section& s, std::string_view text) {
    for (const auto& p : s.paragraphs)
        if (p.find(text) != std::string::npos)
            return true;
    return false;
}

report::DocOptions zh_options() {
    report::DocOptions o;
    o.district = "湖里区";
    o.office = "湖里区委组织部（两新工委）";
    o.generated = "2026-11-01 02:00";
    return o;
}

} // namespace

TEST_CASE("the monthly document of the hand-made October, in Chinese") {
    MonthlyDistrict s;
    const auto r = report::build_monthly(s.db, k_october, k_today);
    const auto doc = report::monthly_document(r, zh_options());
    CHECK(doc.title == "湖里区“两新”组织“1+X”联建片2026年10月工作月报");
    CHECK(doc.subtitle ==
          "湖里区委组织部（两新工委） · 数据截至 2026-10-31 · 生成于 2026-11-01 02:00");
    CHECK(doc.file_stem == "hlpb-monthly-2026-10");

    // Sections in the outline's order; every table key of monthly_table_keys(), in order.
    std::vector<std::string> sections, tables;
    for (const auto& sec : doc.sections) {
        sections.push_back(sec.key);
        CHECK_FALSE(sec.counts.empty());
        for (const auto& t : sec.tables) {
            tables.push_back(t.key);
            for (const auto& row : t.rows)
                CHECK(row.size() == t.columns.size());
        }
    }
    CHECK(sections == std::vector<std::string>(report::monthly_section_keys().begin(),
                                               report::monthly_section_keys().end()));
    CHECK(tables == std::vector<std::string>(report::monthly_table_keys().begin(),
                                             report::monthly_table_keys().end()));
    CHECK(doc.sections[0].heading == "一、总体情况");

    const auto& coverage = section_of(doc, "coverage");
    CHECK(has_paragraph(coverage, "本月，全区共有“两新”党组织8个、党员12名，分别占全区党组织总数"
                                  "的40.0%、党员总数的30.0%。"));
    CHECK(has_paragraph(coverage,
                        "全区2个两新组织党委共组建“1+X”联建片2个（地域相邻1个，行业相近"
                        "1个，产业相连0个），覆盖“两新”党组织5个、党员9名，覆盖率62.5%。"));
    CHECK(has_paragraph(coverage, "与上月相比，入片党组织持平，入片党员增加1名，联建片持平。"));

    const auto& compliance = section_of(doc, "compliance");
    CHECK(has_paragraph(compliance, "书记例会：应开1个联建片，已开1个。"));
    const auto* missed = report::find_table(doc, "compliance");
    REQUIRE(missed != nullptr);
    REQUIRE_FALSE(missed->rows.empty());
    CHECK(missed->rows[0][0] == "未完成"); // missed first
    // A cluster's due items are left to 附表2: the main table keeps what was missed and the
    // due items of the district, committees and organisations, which 附表2 does not show.
    for (const auto& row : missed->rows)
        CHECK_FALSE((row[0] == "待完成" && row[3] == "联建片主题党日（每半年）"));
    // A condition checked at the end of the month reads as one: it holds for all or it does not.
    CHECK(has_paragraph(compliance, "牵头党组织非软弱涣散：1个联建片符合。"));
    CHECK(has_paragraph(compliance,
                        "党组织有书记：5个党组织中3个符合，2个不符合（A2党支部、A5党支部）。"));
    CHECK(has_paragraph(compliance, "各联建片待完成事项见附表2。"));
    REQUIRE_FALSE(compliance.charts.empty());
    CHECK(compliance.charts[0].series.size() == 2); // required and held

    const auto& flags = section_of(doc, "flags");
    CHECK(has_paragraph(flags, "本月2个联建片均评出流动红旗，其中1面由上月红旗单位保持。"));
    CHECK(has_paragraph(flags, "积分上升的联建片1个，下降的0个。"));
    CHECK(has_paragraph(flags, "本月尚未评定"));
    const auto* flag_rows = report::find_table(doc, "flags");
    REQUIRE(flag_rows->rows.size() == 2);
    CHECK(flag_rows->rows[1][3] == "A3");
    CHECK_FALSE(flag_rows->rows[1][6].get<std::string>().empty()); // the tie-break, in words
    const auto* history = report::find_table(doc, "flag_history");
    REQUIRE(history->rows.size() == 2);
    CHECK(history->columns.size() == 14);
    CHECK(history->rows[1][13] == 2);

    CHECK(has_paragraph(section_of(doc, "subsidies"),
                        "书记通讯补贴：3名书记 × 300元 = 900元；党员活动经费：9名党员，本月计提"
                        "225元，全年预算2700元。"));
    CHECK(has_paragraph(section_of(doc, "outcomes"), "软弱涣散摘帽1个，现有软弱涣散1个"));
    CHECK(has_paragraph(section_of(doc, "problems"),
                        "本月收集问题2个，解决2个；截至月末尚未解决2个，其中超过30天的1个。"));
    const auto* problems = report::find_table(doc, "problems");
    REQUIRE(problems->rows.size() == 4);
    CHECK(problems->rows[0][1] == "4"); // open for 91 days: first
    CHECK(problems->rows[0][0] == "超过30天未解决");

    // Deltas against September: C1 lost A3 (3 → 2 orgs, 6 → 4 members); C2 is new.
    const auto* clusters = report::find_table(doc, "clusters");
    REQUIRE(clusters->rows.size() == 2);
    CHECK(clusters->title == "附表1 联建片运行情况");
    CHECK(clusters->columns[7].kind == report::CellKind::delta);
    CHECK(clusters->rows[0][7] == -1);
    CHECK(clusters->rows[0][9] == -2);
    CHECK(clusters->rows[1][7].is_null());
    const auto* points = report::find_table(doc, "points");
    CHECK(points->rows[0][5] == 14); // 16 against 2

    std::ostringstream md, text, csv;
    report::render_md(md, doc);
    CHECK(md.str().rfind("# 湖里区“两新”组织“1+X”联建片2026年10月工作月报\n\n", 0) == 0);
    CHECK(md.str().find("## 二、制度落实情况\n") != std::string::npos);
    CHECK(md.str().find("| C1 | C1联建片 |") != std::string::npos);
    CHECK(md.str().find("▼1") != std::string::npos);
    report::render_text(text, doc, false);
    CHECK(text.str().find("\x1b[") == std::string::npos);
    std::ostringstream bold;
    report::render_text(bold, doc, true); // on a terminal: headings in bold
    CHECK(bold.str().find("\x1b[1m一、总体情况\x1b[0m\n") != std::string::npos);
    CHECK(text.str().find("附表1 联建片运行情况\n") != std::string::npos);
    report::render_csv(csv, *clusters, false);
    CHECK(csv.str().rfind("code,name,committee_name,principle,lead,lead_name,orgs,orgs_change,"
                          "members,members_change,meetings,points,flag_name\r\n",
                          0) == 0);
    CHECK(csv.str().find("C1,C1联建片,湖里街道两新组织党委,地域相邻,A1,A1党支部,2,-1,4,-2,1,16,"
                         "A1党支部\r\n") != std::string::npos);
}

TEST_CASE("the monthly document in English, and its empty notes") {
    MonthlyDistrict s;
    auto o = zh_options();
    o.lang = report::Lang::en;
    o.office.clear();
    o.generated.clear();
    const auto doc = report::monthly_document(report::build_monthly(s.db, k_october, k_today), o);
    CHECK(doc.title ==
          "湖里区 “Two New” Organisations, “1+X” Clusters: Monthly Report, October 2026");
    CHECK(doc.subtitle == "Figures as of 2026-10-31"); // no office, no generation time
    CHECK(doc.sections[0].heading == "1. Overview");
    CHECK(has_paragraph(doc.sections[0], "This month the district has 8 “two new” Party "
                                         "organisations with 12 members, 40.0% of all its Party "
                                         "organisations and 30.0% of all its members."));
    CHECK(has_paragraph(doc.sections[0], "clustered organisations unchanged, their members up 1"));
    CHECK(has_paragraph(doc.sections[2], "All 2 clusters awarded a red flag this month"));
    // English prose counts in English: one organisation, two organisations.
    const auto& outcomes = doc.sections[4];
    CHECK(has_paragraph(outcomes, "1 organisation delisted as weak"));
    CHECK(has_paragraph(outcomes, "0 members honoured"));
    CHECK(has_paragraph(outcomes, "1 volunteer activity with 12 participants"));
    CHECK(has_paragraph(outcomes, "1 reception (部长会客厅), 2 problems raised"));
    CHECK(has_paragraph(outcomes, "Problems raised by category: tax 1, schooling 1."));
    CHECK(has_paragraph(doc.sections[1], "Lead org not weak: the one cluster complies."));
    CHECK(report::find_table(doc, "clusters")->columns[3].label == "Principle");
    CHECK(report::find_table(doc, "clusters")->rows[0][3] == "geographic");

    // A month with nothing in it: every table is there, empty, with its note.
    report::MonthlyReport empty;
    empty.month = k_october;
    empty.first = d("2026-10-01");
    empty.last = d("2026-10-31");
    empty.complete = true;
    const auto none = report::monthly_document(empty, zh_options());
    CHECK(report::find_table(none, "flags")->rows.empty());
    CHECK(report::find_table(none, "flags")->empty_note == "本月无评出流动红旗的联建片。");
    CHECK(report::find_table(none, "clusters")->empty_note == "本月无运行中的联建片。");
    std::ostringstream md;
    report::render_md(md, none);
    CHECK(md.str().find("本月无未完成的事项。\n") != std::string::npos);
}

TEST_CASE("the JSON text of the monthly report is nlohmann's dump(2) of the same document") {
    MonthlyDistrict s;
    const auto r = report::build_monthly(s.db, k_october, k_today);
    const std::string text = report::to_json_text(r);
    // Parsing and dumping again sorts every object's keys and formats every number as nlohmann
    // does: the writer wrote them so already.
    CHECK(text == nlohmann::json::parse(text).dump(2, ' ', false,
                                                   nlohmann::json::error_handler_t::replace));
    CHECK(text.find("\"activity_date\": \"2026-10-09\"") != std::string::npos);
}

TEST_CASE("load_month_and_before gives what two load_month calls give, in one member pass") {
    MonthlyDistrict s;
    auto same = [](const report::MonthSnapshot& a, const report::MonthSnapshot& b) {
        REQUIRE(a.orgs.size() == b.orgs.size());
        for (std::size_t i = 0; i < a.orgs.size(); ++i) {
            CHECK(a.orgs[i].code == b.orgs[i].code);
            CHECK_MESSAGE(a.orgs[i].members == b.orgs[i].members, a.orgs[i].code);
            CHECK_MESSAGE(a.orgs[i].has_secretary == b.orgs[i].has_secretary, a.orgs[i].code);
            CHECK(a.orgs[i].cluster == b.orgs[i].cluster);
        }
        CHECK(a.clusters.size() == b.clusters.size());
        CHECK(a.activities.size() == b.activities.size());
        CHECK(a.month == b.month);
    };
    // October: A2's member 5 moved to A4 on 10-15 and A5's member 9 joined on 10-10.
    for (const Month m : {k_october, Month{std::chrono::year{2026}, std::chrono::November}}) {
        db::ReadTx tx(s.db);
        const auto both = db::load_month_and_before(s.db, m, k_today);
        same(both.month, db::load_month(s.db, m, k_today));
        same(both.before,
             db::load_month(s.db, previous_month(m), k_today, db::SnapshotDetail::counts));
    }
    db::ReadTx tx(s.db);
    const auto both = db::load_month_and_before(s.db, k_october, k_today);
    CHECK(both.month.find_org("A4")->members == 3); // 7, 8 and 5 since 10-15
    CHECK(both.before.find_org("A4")->members == 2);
    CHECK(both.before.find_org("A2")->members == 2);
}

TEST_CASE("the monthly report read on two connections is the one read on one") {
    // In memory the report reads everything on one connection; from a file it reads the flags,
    // the outcomes and the flag history on a second one, on another thread.
    MonthlyDistrict s;
    test::TempDir tmp;
    const std::string path = tmp.file("hlpb.db");
    db::backup(s.db, path);
    db::Database file({.path = path, .command_line = "test"});
    for (const Month m : {Month{std::chrono::year{2026}, std::chrono::September}, k_october,
                          Month{std::chrono::year{2026}, std::chrono::November}})
        CHECK(report::to_json_text(report::build_monthly(file, m, k_today)) ==
              report::to_json_text(report::build_monthly(s.db, m, k_today)));
}
