// report::build_annual: a hand-made year (a cluster established mid-year, one dissolved, theme
// days per half-year, December), a year not ended, and on the demo district: every month's
// snapshot equals db::load_month's and every month's figures equal the monthly report's.
#include "db/sql_access.hpp"
#include "fixture.hpp"

#include <hlpb/db/annual_repo.hpp>
#include <hlpb/db/cluster_repo.hpp>
#include <hlpb/db/committee_repo.hpp>
#include <hlpb/db/member_repo.hpp>
#include <hlpb/db/org_repo.hpp>
#include <hlpb/db/outcomes_repo.hpp>
#include <hlpb/db/score_repo.hpp>
#include <hlpb/demo.hpp>
#include <hlpb/id_number.hpp>
#include <hlpb/report/annual.hpp>
#include <hlpb/report/monthly.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>

using namespace hlpb;
using hlpb::test::d;
using rules::Status;

namespace {

Month month(int y, unsigned m) {
    return Month{std::chrono::year{y}, std::chrono::month{m}};
}

std::string id(int n) {
    std::string first17 = "35020619900101" + std::to_string(100 + n);
    return first17 + id_number::check_char(first17);
}

void member(db::Database& db, int n, const char* org, const char* role = "member") {
    db::Member m;
    m.id_number = id(n);
    m.name = "党员" + std::to_string(n);
    m.org = org;
    m.join_date = d("2015-07-01");
    m.full_date = d("2016-07-01");
    m.org_since = d("2016-01-01");
    m.role = role;
    m.role_since = d("2016-01-01");
    import::RowErrors errors;
    db::validate_member(db, m, d("2026-11-28"), errors);
    for (const auto& e : errors.items())
        FAIL_CHECK(e.field << ": " << e.message);
    db::add_member(db, m);
}

void cluster(db::Database& db, const char* code, const char* principle, const char* established,
             std::initializer_list<const char*> orgs) {
    Cluster c;
    c.code = code;
    c.name = std::string(code) + "联建片";
    c.committee = "HL";
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
    std::vector<std::string> codes(orgs.begin(), orgs.end());
    db::join_cluster(db, code, codes, d(established));
    db::set_lead(db, code, codes.front(), d(established));
}

void score(db::Database& db, const char* org, const char* month, long long points) {
    SQLite::Statement st(db::detail::sql(db),
                         "INSERT INTO score_entry(org_id, month, category, points) "
                         "VALUES ((SELECT id FROM org WHERE code = ?), ?, "
                         "'party_affairs', ?)");
    st.bind(1, org);
    st.bind(2, month);
    st.bind(3, static_cast<int64_t>(points));
    st.exec();
}

void activity(db::Database& db, const char* date, const char* kind, const char* cluster) {
    SQLite::Statement st(db::detail::sql(db),
                         "INSERT INTO activity(date, kind, cluster_id, committee_id, title, "
                         "participants) VALUES (?, ?, (SELECT id FROM cluster WHERE code = ?), "
                         "(SELECT id FROM committee WHERE code = 'HL'), ?, 5)");
    st.bind(1, date);
    st.bind(2, kind);
    st.bind(3, cluster);
    st.bind(4, std::string(kind) + " " + date);
    st.exec();
}

// The year 2026 of committee HL, orgs A1..A6 (founded 2015; secretaries in A1 and A3):
//   C1 geo, 2016-01-01: A1 (lead), A2. Secretary meetings every month but March; a theme day on
//      03-05 (H1), none in H2; its review on 12-10.
//   C2 industry, established 2026-04-15: A3 (lead), A4. Subject to the monthly meeting from May
//      (8 months), to the theme day of H2 only, not to the year's review. Meetings in May, June
//      and December; a theme day on 08-01.
//   C3 chain, 2016-01-01: A5 (lead), A6; dissolved 2026-09-10 (active at the end of Jan..Aug).
//      Meetings in January and February; no theme day.
//   HL's work meeting on 02-01; no training. Scores: A1 5 in January (closed: the flag is
//   recorded), A2 3 in February (open: computed).
struct AnnualDistrict : test::MemoryDb {
    AnnualDistrict() {
        db::WriteTx tx(db);
        db::add_committee(db, {"HL", "湖里街道两新组织党委", "street"});
        for (const char* c : {"A1", "A2", "A3", "A4", "A5", "A6"}) {
            Org o;
            o.code = c;
            o.name = std::string(c) + "党支部";
            o.committee = "HL";
            o.founded = d("2015-01-01");
            o.venue_m2 = 150;
            db::add_org(db, o);
        }
        member(db, 1, "A1", "secretary");
        member(db, 2, "A2");
        member(db, 3, "A3", "secretary");
        member(db, 4, "A4");
        member(db, 5, "A5");
        member(db, 6, "A6");
        cluster(db, "C1", "geo", "2016-01-01", {"A1", "A2"});
        cluster(db, "C3", "chain", "2016-01-01", {"A5", "A6"});
        cluster(db, "C2", "industry", "2026-04-15", {"A3", "A4"});
        db::dissolve_cluster(db, "C3", d("2026-09-10"));

        for (int m = 1; m <= 12; ++m)
            if (m != 3)
                activity(db, fmt_date(m, 10).c_str(), "secretary_meeting", "C1");
        activity(db, "2026-03-05", "theme_day", "C1");
        activity(db, "2026-12-10", "review", "C1");
        for (const char* date : {"2026-05-08", "2026-06-08", "2026-12-08"})
            activity(db, date, "secretary_meeting", "C2");
        activity(db, "2026-08-01", "theme_day", "C2");
        for (const char* date : {"2026-01-12", "2026-02-12"})
            activity(db, date, "secretary_meeting", "C3");
        db::detail::sql(db).exec(
            "INSERT INTO activity(date, kind, committee_id, title, participants) VALUES "
            "('2026-02-01', 'work_meeting', (SELECT id FROM committee WHERE code = "
            "'HL'), '联建工作会议', 30)");

        score(db, "A1", "2026-01", 5);
        db::award_flags(db, month(2026, 1), d("2026-11-28"));
        score(db, "A2", "2026-02", 3);
        tx.commit();
    }

    static std::string fmt_date(int m, int day) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "2026-%02d-%02d", m, day);
        return buf;
    }
};

const report::AnnualCluster& find(const report::AnnualReport& r, const std::string& code) {
    auto it = std::find_if(r.clusters.begin(), r.clusters.end(),
                           [&](const auto& c) { return c.code == code; });
    REQUIRE(it != r.clusters.end());
    return *it;
}

} // namespace

TEST_CASE("the annual report of a year ended") {
    AnnualDistrict s;
    const auto r = report::build_annual(s.db, 2026, d("2027-01-05"));
    CHECK(r.complete);
    CHECK(r.first == d("2026-01-01"));
    CHECK(r.last == d("2026-12-31"));
    REQUIRE(r.months.size() == 12);

    SUBCASE("a cluster active all year: meetings of 12, theme days of 2, its review") {
        const auto& c1 = find(r, "C1");
        CHECK(c1.months_subject == 12);
        CHECK(c1.meetings_held == 11);
        CHECK(c1.meetings == 11);
        REQUIRE(c1.meeting_status.size() == 12);
        CHECK(c1.meeting_status[2] == Status::missed); // March
        CHECK(c1.meeting_status[11] == Status::done);  // December
        CHECK(c1.theme_day_h1 == Status::done);
        CHECK(c1.theme_day_h2 == Status::missed);
        CHECK(c1.theme_days_required == 2);
        CHECK(c1.theme_days_held == 1);
        CHECK(c1.review == Status::done);
        CHECK(c1.review_date == d("2026-12-10"));
        CHECK(c1.lead == "A1");
        CHECK(c1.lead_name == "A1党支部");
        CHECK(c1.orgs == 2);
        CHECK(c1.members == 2);
        CHECK_FALSE(c1.dissolved);
        // January recorded (A1), February computed (A2): one each, the smaller code on top.
        CHECK(c1.flags == 2);
        CHECK(c1.top_holder == "A1");
        CHECK(c1.top_holder_flags == 1);
    }

    SUBCASE("a cluster established mid-year counts the months it was active") {
        const auto& c2 = find(r, "C2");
        CHECK(c2.established == d("2026-04-15"));
        CHECK(c2.months_subject == 8); // May..December: not subject in April (established 04-15)
        CHECK_FALSE(c2.meeting_status[3]);
        CHECK(c2.meeting_status[4] == Status::done);
        CHECK(c2.meeting_status[6] == Status::missed);
        CHECK(c2.meetings_held == 3);
        CHECK_FALSE(c2.theme_day_h1); // established after January 1
        CHECK(c2.theme_day_h2 == Status::done);
        CHECK(c2.theme_days_required == 1);
        CHECK(c2.theme_days_held == 1);
        CHECK_FALSE(c2.review); // not subject to the year's review
        CHECK(c2.flags == 0);
    }

    SUBCASE("a dissolved cluster: the months it was active, no H2 and no review") {
        const auto& c3 = find(r, "C3");
        CHECK(c3.dissolved == d("2026-09-10"));
        CHECK(c3.months_subject == 8); // January..August
        CHECK(c3.meetings_held == 2);
        CHECK_FALSE(c3.meeting_status[8]);
        CHECK(c3.theme_day_h1 == Status::missed);
        CHECK_FALSE(c3.theme_day_h2);
        CHECK(c3.theme_days_required == 1);
        CHECK_FALSE(c3.review);
    }

    SUBCASE("the months") {
        const auto& apr = r.months[3];
        CHECK(format_month(apr.month) == "2026-04");
        CHECK(apr.complete);
        CHECK(apr.coverage.active_clusters == 3);
        CHECK(apr.meetings_required == 2); // C1, C3 (C2 established on the 15th)
        CHECK(apr.meetings_held == 1);     // C1; C3 missed
        CHECK(apr.meetings_missed == 1);
        const auto& sep = r.months[8];
        CHECK(sep.coverage.active_clusters == 2);
        CHECK(sep.coverage.clustered_orgs == 4);
        CHECK(sep.clustered_members == 4);
        CHECK(sep.subsidies.secretaries == 2); // A1, A3
        CHECK(sep.subsidies.secretary_fen == 60'000);
        CHECK(sep.subsidies.member_month_fen == 10'000); // 4 x 25 CNY
        const auto& jan = r.months[0];
        CHECK(jan.flags_recorded);
        CHECK(jan.flags == 1);
        CHECK(jan.clusters_without_flag == 1); // C3
        CHECK_FALSE(r.months[1].flags_recorded);
        CHECK(r.months[1].flags == 1);
        REQUIRE(jan.committees.size() == 1);
        CHECK(jan.committees[0].flags == 1);
        const auto& dec = r.months[11];
        CHECK(dec.meetings_required == 2);
        CHECK(dec.meetings_held == 2);
        CHECK(dec.meetings == 2);
    }

    SUBCASE("the committee and the district") {
        REQUIRE(r.committees.size() == 1);
        const auto& hl = r.committees[0];
        CHECK(hl.work_meeting == Status::done);
        CHECK(hl.work_meeting_date == d("2026-02-01"));
        CHECK(hl.clusters == 2);
        CHECK(hl.meetings_required == 12 + 8 + 8);
        CHECK(hl.meetings_held == 11 + 3 + 2);
        CHECK(hl.flags == 2);
        CHECK(r.training == Status::missed);
        long long secretaries = 0;
        for (const auto& m : r.months)
            secretaries += m.subsidies.secretary_fen;
        CHECK(r.secretary_fen == secretaries);
        CHECK(hl.secretary_fen == secretaries);
    }

    SUBCASE("the year's outcomes are report outcomes --year") {
        const auto o = db::outcomes(s.db, rules::year_period(2026));
        CHECK(report::outcomes_to_json(r.outcomes) == report::outcomes_to_json(o));
    }

    SUBCASE("JSON") {
        const auto j = report::to_json(r);
        CHECK(j["year"] == 2026);
        CHECK(j["months"].size() == 12);
        CHECK(j["clusters"][0]["meetings_by_month"][2] == "missed");
        CHECK(j["clusters"][1]["theme_day_h1"].is_null());
        CHECK(j["committees"][0]["work_meeting"] == "done");
    }
}

TEST_CASE("a year not ended: the months so far") {
    AnnualDistrict s;
    const auto r = report::build_annual(s.db, 2026, d("2026-08-15"));
    CHECK_FALSE(r.complete);
    CHECK(r.last == d("2026-08-31"));
    REQUIRE(r.months.size() == 8);
    CHECK(r.months[6].complete);
    CHECK_FALSE(r.months[7].complete);
    const auto& c1 = find(r, "C1");
    CHECK(c1.meeting_status[7] == Status::done);
    CHECK(c1.theme_day_h2 == Status::due); // August is not the half's end
    CHECK(c1.review == Status::due);
    CHECK(find(r, "C3").theme_day_h2 == Status::due); // still active at the end of August
    CHECK(r.training == Status::due);

    const auto doc = report::annual_document(r, {.district = "湖里区"});
    CHECK(doc.subtitle == "数据截至 2026-08-31（年度未结束）");
    CHECK(doc.sections[0].paragraphs[0].rfind("2026年（截至2026年8月31日），", 0) == 0);
    CHECK(doc.sections[1].paragraphs[0].find("个待开") != std::string::npos);

    const auto later = report::build_annual(s.db, 2027, d("2026-08-15"));
    CHECK(later.months.empty());
    CHECK(later.clusters.empty());
    const auto empty = report::annual_document(later, {.district = "湖里区"});
    REQUIRE(empty.sections.size() == 1);
    CHECK(empty.sections[0].paragraphs[0] == "该年度尚未开始，无数据。");
}

namespace {

std::unique_ptr<db::Database> demo_db() {
    auto db =
        std::make_unique<db::Database>(db::OpenOptions{.path = ":memory:", .command_line = "test"});
    demo::build(*db, {.scale = 1, .as_of = d("2026-11-28")});
    return db;
}

void check_same(const report::MonthSnapshot& a, const report::MonthSnapshot& b) {
    CHECK(a.month == b.month);
    CHECK(a.complete == b.complete);
    REQUIRE(a.committees.size() == b.committees.size());
    REQUIRE(a.clusters.size() == b.clusters.size());
    for (std::size_t i = 0; i < a.clusters.size(); ++i) {
        const auto &x = a.clusters[i], &y = b.clusters[i];
        INFO(x.code);
        CHECK(x.code == y.code);
        CHECK(x.name == y.name);
        CHECK(x.committee == y.committee);
        CHECK(x.principle == y.principle);
        CHECK(x.established == y.established);
        CHECK(x.active == y.active);
        CHECK(x.dissolved == y.dissolved);
        CHECK(x.parent == y.parent);
        CHECK(x.instructor == y.instructor);
        CHECK(x.community == y.community);
        CHECK(x.supervisor == y.supervisor);
        CHECK(x.lead == y.lead);
        CHECK(x.orgs == y.orgs);
    }
    REQUIRE(a.orgs.size() == b.orgs.size());
    long differences = 0;
    for (std::size_t i = 0; i < a.orgs.size(); ++i) {
        const auto &x = a.orgs[i], &y = b.orgs[i];
        if (x.code != y.code || x.name != y.name || x.type != y.type ||
            x.committee != y.committee || x.cluster != y.cluster || x.is_lead != y.is_lead ||
            x.venue_m2 != y.venue_m2 || x.weak != y.weak || x.typical != y.typical ||
            x.training_base != y.training_base || x.has_secretary != y.has_secretary ||
            x.members != y.members) {
            if (differences++ < 5)
                FAIL_CHECK("org " << x.code << " differs in " << format_month(a.month));
        }
    }
    CHECK(differences == 0);
    REQUIRE(a.activities.size() == b.activities.size());
    for (std::size_t i = 0; i < a.activities.size(); ++i) {
        CHECK(a.activities[i].id == b.activities[i].id);
        CHECK(a.activities[i].clusters == b.activities[i].clusters);
    }
    CHECK(a.settings.secretary_monthly == b.settings.secretary_monthly);
    CHECK(a.settings.total_orgs == b.settings.total_orgs);
}

} // namespace

TEST_CASE("on the demo district, each month equals its monthly report") {
    const auto db = demo_db();
    const Date today = d("2026-11-28");

    SUBCASE("every month's snapshot equals db::load_month") {
        db::ReadTx tx(*db);
        db::YearSnapshots year(*db, month(2026, 11), today);
        for (unsigned m = 1; m <= 11; ++m) {
            INFO("month " << m);
            check_same(year.month(month(2026, m)), db::load_month(*db, month(2026, m), today));
        }
    }

    SUBCASE("the figures of January, June (a half-year's end), October and November (not ended)") {
        const auto r = report::build_annual(*db, 2026, today);
        REQUIRE(r.months.size() == 11);
        CHECK_FALSE(r.complete);
        for (unsigned m : {1u, 6u, 10u, 11u}) {
            INFO("month " << m);
            const auto monthly = report::build_monthly(*db, month(2026, m), today);
            const auto& a = r.months[m - 1];
            CHECK(a.complete == monthly.complete);
            const auto& c = monthly.coverage.figures;
            CHECK(a.coverage.two_new_orgs == c.two_new_orgs);
            CHECK(a.coverage.two_new_members == c.two_new_members);
            CHECK(a.coverage.clustered_orgs == c.clustered_orgs);
            CHECK(a.coverage.active_clusters == c.active_clusters);
            CHECK(a.coverage.cluster_coverage == c.cluster_coverage);
            CHECK(a.clustered_members == monthly.coverage.clustered_members);
            long required = 0, held = 0, missed = 0, meetings = 0;
            for (const auto& row : monthly.compliance)
                if (row.row.rule == "secretary_meeting_monthly") {
                    ++required;
                    held += row.row.status == Status::done;
                    missed += row.row.status == Status::missed;
                }
            for (const auto& k : monthly.clusters)
                meetings += k.meetings;
            CHECK(a.meetings_required == required);
            CHECK(a.meetings_held == held);
            CHECK(a.meetings_missed == missed);
            CHECK(a.meetings == meetings);
            CHECK(a.flags == static_cast<long>(monthly.flags.size()));
            CHECK(a.clusters_without_flag == monthly.clusters_without_flag);
            CHECK(a.flags_recorded == monthly.flags_recorded);
            CHECK(a.subsidies.secretaries == monthly.subsidies.total.secretaries);
            CHECK(a.subsidies.secretary_fen == monthly.subsidies.total.secretary_fen);
            CHECK(a.subsidies.members == monthly.subsidies.total.members);
            CHECK(a.subsidies.member_month_fen == monthly.subsidies.total.member_month_fen);
            CHECK(report::outcomes_to_json(a.outcomes) ==
                  report::outcomes_to_json(monthly.outcomes));
            long flags_of_committees = 0;
            for (const auto& k : a.committees)
                flags_of_committees += k.flags;
            CHECK(flags_of_committees == a.flags);
        }
        CHECK(r.months[0].flags > 0);
        CHECK(r.months[5].meetings_required > 0);
    }
}

TEST_CASE("the annual report as a document") {
    AnnualDistrict s;
    const auto r = report::build_annual(s.db, 2026, d("2027-01-05"));
    const auto doc = report::annual_document(
        r, {.lang = report::Lang::zh, .district = "湖里区", .office = "", .generated = ""});
    CHECK(doc.title == "湖里区“两新”组织“1+X”联建片2026年度工作报告");
    CHECK(doc.file_stem == "hlpb-annual-2026");
    CHECK(doc.subtitle == "数据截至 2026-12-31");
    std::vector<std::string> keys;
    for (const auto& sec : doc.sections)
        keys.push_back(sec.key);
    CHECK(keys == std::vector<std::string>{"overview", "compliance", "flags", "subsidies",
                                           "outcomes", "clusters"});
    CHECK(doc.sections[0].heading == "一、全年总体情况");
    for (const auto& sec : doc.sections) {
        CHECK_MESSAGE(!sec.counts.empty(), sec.key);
        CHECK_MESSAGE((sec.key == "clusters" || !sec.paragraphs.empty()), sec.key);
        for (const auto& t : sec.tables)
            for (const auto& row : t.rows)
                CHECK_MESSAGE(row.size() == t.columns.size(), t.key);
    }
    // The figures are the report's: the meetings of every month, in the table and the chart.
    const auto* meetings = report::find_table(doc, "months_meetings");
    REQUIRE(meetings != nullptr);
    REQUIRE(meetings->rows.size() == 12);
    CHECK(meetings->rows[3][0] == "2026-04");
    CHECK(meetings->rows[3][1] == r.months[3].meetings_required);
    CHECK(meetings->rows[3][2] == r.months[3].meetings_held);
    const auto& chart = doc.sections[1].charts.at(0);
    CHECK(chart.categories.size() == 12);
    CHECK(chart.series.at(1).values[3] == r.months[3].meetings_held);
    CHECK(doc.sections[1].paragraphs[0].find("全年应开28个") != std::string::npos);
    // Clusters: one row each, and the month-by-month grid.
    const auto* clusters = report::find_table(doc, "clusters");
    REQUIRE(clusters != nullptr);
    REQUIRE(clusters->rows.size() == 3);
    CHECK(clusters->rows[0][0] == "C1");
    CHECK(clusters->rows[0][3] == "地域相邻");
    CHECK(clusters->rows[0][11] == "已完成");
    CHECK(clusters->rows[2][13] == "2026-09-10");
    const auto* grid = report::find_table(doc, "clusters_meetings");
    REQUIRE(grid != nullptr);
    CHECK(grid->columns.size() == 14);
    CHECK(grid->rows[0][4] == "✗"); // C1 in March
    CHECK(grid->rows[1][5] == "—"); // C2 in April
    const auto* flags = report::find_table(doc, "months_flags");
    REQUIRE(flags != nullptr);
    CHECK(flags->rows[0][1] == 1);

    const auto en = report::annual_document(r, {.lang = report::Lang::en, .district = "Huli"});
    CHECK(en.title == "Huli \"1+X\" Clusters of Two-New Organisations: Annual Report 2026");
    CHECK(en.sections[0].heading == "1. The year at a glance");
    CHECK(report::find_table(en, "clusters")->rows[0][11] ==
          "Done"); // the English label (csv keeps the key)
}

TEST_CASE("the annual document's keys, and csv's enumerated values as keys") {
    AnnualDistrict s;
    const auto r = report::build_annual(s.db, 2026, d("2027-01-05"));
    const auto doc = report::annual_document(r, {.district = "湖里区"});
    // Every section and table key, in document order: what --section accepts and --help lists.
    std::vector<std::string> sections, tables;
    for (const auto& sec : doc.sections) {
        sections.push_back(sec.key);
        for (const auto& t : sec.tables)
            tables.push_back(t.key);
    }
    CHECK(sections == std::vector<std::string>(report::annual_section_keys().begin(),
                                               report::annual_section_keys().end()));
    CHECK(tables == std::vector<std::string>(report::annual_table_keys().begin(),
                                             report::annual_table_keys().end()));
    // A machine format (csv): statuses, principles and yes/no as their keys.
    const auto csv = report::annual_document(r, {.district = "湖里区", .keys = true});
    const auto* clusters = report::find_table(csv, "clusters");
    REQUIRE(clusters != nullptr);
    CHECK(clusters->rows[0][3] == "geo");
    CHECK(clusters->rows[0][11] == "done");
    const auto* grid = report::find_table(csv, "clusters_meetings");
    REQUIRE(grid != nullptr);
    CHECK(grid->rows[0][4] == "missed"); // C1 in March
    CHECK(grid->rows[1][5] == "");       // C2 in April: not subject
    CHECK(report::find_table(csv, "months_flags")->rows[0][3] == "yes");
    const auto& work = r.committees.at(0).work_meeting;
    CHECK(report::find_table(csv, "committees")->rows[0][5] ==
          (work ? std::string(rules::status_key(*work)) : std::string()));
}
