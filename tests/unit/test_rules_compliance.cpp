#include "fixture.hpp"

#include <hlpb/report/month_snapshot.hpp>
#include <hlpb/rules/compliance.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace hlpb;
using hlpb::test::d;

namespace {

// A month of a district with committees HL and JS; every cluster is added by the test.
report::MonthSnapshot month(const char* m) {
    report::MonthSnapshot s;
    s.month = *parse_month(m);
    s.first = first_day(s.month);
    s.last = last_day(s.month);
    s.complete = true;
    s.committees = {{"HL", "湖里街道两新组织党委", "street"},
                    {"JS", "金山街道两新组织党委", "street"}};
    return s;
}

// An active geo cluster of HL with its lead L<code> (venue 120) and one other org, complete.
void add_cluster(report::MonthSnapshot& s, const std::string& code, const char* established,
                 bool active = true) {
    report::SnapshotCluster k;
    k.code = code;
    k.name = code + "联建片";
    k.committee = "HL";
    k.principle = "geo";
    k.established = d(established);
    k.active = active;
    k.instructor = "张三";
    k.community = "华美社区";
    if (active) {
        k.lead = "L" + code;
        k.orgs = 2;
        report::SnapshotOrg lead;
        lead.code = k.lead;
        lead.committee = "HL";
        lead.cluster = code;
        lead.is_lead = true;
        lead.venue_m2 = 120;
        lead.has_secretary = true;
        report::SnapshotOrg other = lead;
        other.code = "X" + code;
        other.is_lead = false;
        other.venue_m2 = 30;
        s.orgs.push_back(lead);
        s.orgs.push_back(other);
        std::sort(s.orgs.begin(), s.orgs.end(),
                  [](const auto& a, const auto& b) { return a.code < b.code; });
    } else {
        k.dissolved = d("2026-01-15");
    }
    s.clusters.push_back(k);
    std::sort(s.clusters.begin(), s.clusters.end(),
              [](const auto& a, const auto& b) { return a.code < b.code; });
}

long long next_id = 1;

Activity& add_activity(report::MonthSnapshot& s, const char* date, const char* kind,
                       const std::string& cluster, const std::string& committee = {}) {
    Activity a;
    a.id = next_id++;
    a.date = d(date);
    a.kind = kind;
    a.cluster = cluster;
    a.committee = committee;
    if (!cluster.empty())
        a.clusters = {cluster};
    a.title = std::string(kind) + " " + date;
    s.activities.push_back(a);
    std::sort(s.activities.begin(), s.activities.end(), [](const Activity& x, const Activity& y) {
        return std::tie(x.date, x.id) < std::tie(y.date, y.id);
    });
    return *std::find_if(s.activities.begin(), s.activities.end(),
                         [&](const Activity& x) { return x.id == a.id; });
}

const rules::ComplianceRow* row(const std::vector<rules::ComplianceRow>& rows,
                                std::string_view rule, const std::string& code) {
    for (const auto& r : rows)
        if (r.rule == rule && r.code == code)
            return &r;
    return nullptr;
}

// The periods the cluster is subject for, as "m", "h", "y" (by its three activity rules).
std::string subject_for(const std::vector<rules::ComplianceRow>& rows, const std::string& code) {
    std::string out;
    if (row(rows, "secretary_meeting_monthly", code))
        out += "m";
    if (row(rows, "theme_day_half_year", code))
        out += "h";
    if (row(rows, "review_yearly", code))
        out += "y";
    return out;
}

} // namespace

TEST_CASE("periods: keys and bounds") {
    const Month m = *parse_month("2026-06");
    auto p = rules::period_of(rules::PeriodKind::month, m);
    CHECK(p.key() == "2026-06");
    CHECK(p.first == d("2026-06-01"));
    CHECK(p.last == d("2026-06-30"));
    p = rules::period_of(rules::PeriodKind::half_year, m);
    CHECK(p.key() == "2026-H1");
    CHECK(p.first == d("2026-01-01"));
    CHECK(p.last == d("2026-06-30"));
    p = rules::period_of(rules::PeriodKind::half_year, *parse_month("2026-07"));
    CHECK(p.key() == "2026-H2");
    CHECK(p.first == d("2026-07-01"));
    CHECK(p.last == d("2026-12-31"));
    p = rules::period_of(rules::PeriodKind::year, *parse_month("2026-02"));
    CHECK(p.key() == "2026");
    CHECK(p.first == d("2026-01-01"));
    CHECK(p.last == d("2026-12-31"));
}

TEST_CASE("subject: established on the 1st, on the 2nd, mid-month") {
    auto s = month("2026-03");
    add_cluster(s, "OLD", "2020-05-17");
    add_cluster(s, "FIRST", "2026-03-01");
    add_cluster(s, "SECOND", "2026-03-02");
    add_cluster(s, "MID", "2026-03-15");
    add_cluster(s, "JAN1", "2026-01-01");
    const auto rows = rules::compliance(s);
    CHECK(subject_for(rows, "OLD") == "mhy");
    CHECK(subject_for(rows, "JAN1") == "mhy"); // established on the first day of every period
    CHECK(subject_for(rows, "FIRST") == "m");  // on the month's first day, after the half's
    CHECK(subject_for(rows, "SECOND") == "");  // after the month's first day: subject next month
    CHECK(subject_for(rows, "MID") == "");
    // The state rules follow the month's subject rule too.
    CHECK(row(rows, "lead_venue", "FIRST"));
    CHECK_FALSE(row(rows, "lead_venue", "SECOND"));
    CHECK_FALSE(row(rows, "cluster_structure", "MID"));
    // ...but an org of a cluster active at the end of M is always asked for its secretary.
    CHECK(row(rows, "org_has_secretary", "LMID"));

    // The month after, the mid-month cluster is subject for the month only; from July 1 for
    // the second half year; from next January for the year.
    auto april = month("2026-04");
    add_cluster(april, "MID", "2026-03-15");
    CHECK(subject_for(rules::compliance(april), "MID") == "m");
    auto july = month("2026-07");
    add_cluster(july, "MID", "2026-03-15");
    CHECK(subject_for(rules::compliance(july), "MID") == "mh");
    auto next_jan = month("2027-01");
    add_cluster(next_jan, "MID", "2026-03-15");
    CHECK(subject_for(rules::compliance(next_jan), "MID") == "mhy");
}

TEST_CASE("a dissolved cluster is subject to nothing") {
    auto s = month("2026-03");
    add_cluster(s, "GONE", "2020-01-01", false);
    add_activity(s, "2026-03-02", "secretary_meeting", "GONE");
    const auto rows = rules::compliance(s);
    CHECK(subject_for(rows, "GONE") == "");
    CHECK_FALSE(row(rows, "lead_venue", "GONE"));
    CHECK_FALSE(row(rows, "cluster_structure", "GONE"));
}

TEST_CASE("a split cluster and its parent") {
    // P split on 2026-05-10 into CH (parent P). In June: P is subject for everything, CH for the
    // month only; a meeting of P does not count for CH.
    auto s = month("2026-06");
    add_cluster(s, "P", "2019-01-01");
    add_cluster(s, "CH", "2026-05-10");
    s.clusters[0].parent = "P"; // CH sorts first
    add_activity(s, "2026-06-03", "secretary_meeting", "P");
    add_activity(s, "2026-03-03", "theme_day", "P");
    const auto rows = rules::compliance(s);
    CHECK(subject_for(rows, "P") == "mhy");
    CHECK(subject_for(rows, "CH") == "m");
    CHECK(row(rows, "secretary_meeting_monthly", "P")->status == rules::Status::done);
    CHECK(row(rows, "secretary_meeting_monthly", "CH")->status == rules::Status::missed);
    CHECK(row(rows, "theme_day_half_year", "P")->status == rules::Status::done);
}

TEST_CASE("done carries the first activity of the period; missed and due their deadline") {
    auto s = month("2026-03");
    add_cluster(s, "C1", "2020-01-01");
    add_cluster(s, "C2", "2020-01-01");
    add_activity(s, "2026-03-20", "secretary_meeting", "C1");
    const long long first = add_activity(s, "2026-03-05", "secretary_meeting", "C1").id;
    add_activity(s, "2026-02-27", "secretary_meeting", "C2"); // last month: not this one
    add_activity(s, "2026-04-01", "secretary_meeting", "C2"); // after the end of M
    const auto rows = rules::compliance(s);
    const auto* r = row(rows, "secretary_meeting_monthly", "C1");
    REQUIRE(r);
    CHECK(r->status == rules::Status::done);
    CHECK(r->activity == first);
    CHECK(r->activity_date == d("2026-03-05"));
    CHECK(r->activity_title == "secretary_meeting 2026-03-05");
    CHECK_FALSE(r->deadline);
    r = row(rows, "secretary_meeting_monthly", "C2");
    CHECK(r->status == rules::Status::missed);
    CHECK(r->deadline == d("2026-03-31"));
    CHECK_FALSE(r->activity);
    r = row(rows, "theme_day_half_year", "C2");
    CHECK(r->status == rules::Status::due);
    CHECK(r->deadline == d("2026-06-30"));
    CHECK(r->period.key() == "2026-H1");
}

TEST_CASE("June and December close periods; January opens them") {
    SUBCASE("June: the half year is missed, the year still due") {
        auto s = month("2026-06");
        add_cluster(s, "C1", "2020-01-01");
        const auto rows = rules::compliance(s);
        CHECK(row(rows, "theme_day_half_year", "C1")->status == rules::Status::missed);
        CHECK(row(rows, "theme_day_half_year", "C1")->deadline == d("2026-06-30"));
        CHECK(row(rows, "review_yearly", "C1")->status == rules::Status::due);
        CHECK(row(rows, "work_meeting_yearly", "HL")->status == rules::Status::due);
        CHECK(row(rows, "training_yearly", "")->status == rules::Status::due);
        CHECK(row(rows, "training_yearly", "")->deadline == d("2026-12-31"));
    }
    SUBCASE("December: the half year and the year are missed") {
        auto s = month("2026-12");
        add_cluster(s, "C1", "2020-01-01");
        add_activity(s, "2026-03-10", "theme_day", "C1"); // the first half: not the second
        const auto rows = rules::compliance(s);
        CHECK(row(rows, "theme_day_half_year", "C1")->status == rules::Status::missed);
        CHECK(row(rows, "theme_day_half_year", "C1")->deadline == d("2026-12-31"));
        CHECK(row(rows, "review_yearly", "C1")->status == rules::Status::missed);
        CHECK(row(rows, "work_meeting_yearly", "JS")->status == rules::Status::missed);
        CHECK(row(rows, "training_yearly", "")->status == rules::Status::missed);
        CHECK(row(rows, "secretary_meeting_monthly", "C1")->status == rules::Status::missed);
    }
    SUBCASE("January: last year's activities count for nothing, everything but the month is due") {
        auto s = month("2027-01");
        add_cluster(s, "C1", "2020-01-01");
        add_activity(s, "2026-12-20", "theme_day", "C1");
        add_activity(s, "2026-12-21", "review", "C1");
        add_activity(s, "2026-12-22", "training", "");
        const auto rows = rules::compliance(s);
        CHECK(row(rows, "secretary_meeting_monthly", "C1")->status == rules::Status::missed);
        CHECK(row(rows, "theme_day_half_year", "C1")->status == rules::Status::due);
        CHECK(row(rows, "theme_day_half_year", "C1")->deadline == d("2027-06-30"));
        CHECK(row(rows, "review_yearly", "C1")->status == rules::Status::due);
        CHECK(row(rows, "training_yearly", "")->status == rules::Status::due);
        CHECK(row(rows, "training_yearly", "")->deadline == d("2027-12-31"));
    }
}

TEST_CASE("a month that has not ended: what its periods still need is due, not missed") {
    auto s = month("2026-12");
    s.complete = false; // figures so far
    add_cluster(s, "C1", "2020-01-01");
    const auto rows = rules::compliance(s);
    CHECK(row(rows, "secretary_meeting_monthly", "C1")->status == rules::Status::due);
    CHECK(row(rows, "secretary_meeting_monthly", "C1")->deadline == d("2026-12-31"));
    CHECK(row(rows, "theme_day_half_year", "C1")->status == rules::Status::due);
    CHECK(row(rows, "training_yearly", "")->status == rules::Status::due);
    CHECK(row(rows, "lead_venue", "C1")->status == rules::Status::done); // a state, as of now
}

TEST_CASE("a committee's work meeting and the district training") {
    auto s = month("2026-05");
    add_cluster(s, "C1", "2020-01-01");
    const long long wm = add_activity(s, "2026-02-10", "work_meeting", "", "HL").id;
    add_activity(s, "2026-03-01", "training", "C1",
                 "HL");                                  // a cluster's training: not the district's
    add_activity(s, "2026-03-02", "training", "", "JS"); // a committee's: not the district's
    auto rows = rules::compliance(s);
    const auto* hl = row(rows, "work_meeting_yearly", "HL");
    REQUIRE(hl);
    CHECK(hl->scope == rules::Scope::committee);
    CHECK(hl->status == rules::Status::done);
    CHECK(hl->activity == wm);
    CHECK(row(rows, "work_meeting_yearly", "JS")->status == rules::Status::due);
    const auto* training = row(rows, "training_yearly", "");
    REQUIRE(training);
    CHECK(training->scope == rules::Scope::district);
    CHECK(training->status == rules::Status::due);

    const long long t = add_activity(s, "2026-04-18", "training", "").id;
    rows = rules::compliance(s);
    CHECK(row(rows, "training_yearly", "")->status == rules::Status::done);
    CHECK(row(rows, "training_yearly", "")->activity == t);
}

TEST_CASE("a review counts for every cluster it names") {
    auto s = month("2026-09");
    add_cluster(s, "C1", "2020-01-01");
    add_cluster(s, "C2", "2020-01-01");
    add_cluster(s, "C3", "2020-01-01");
    add_activity(s, "2026-09-09", "review", "C1", "HL").clusters = {"C1", "C2"};
    const auto rows = rules::compliance(s);
    CHECK(row(rows, "review_yearly", "C1")->status == rules::Status::done);
    CHECK(row(rows, "review_yearly", "C2")->status == rules::Status::done);
    CHECK(row(rows, "review_yearly", "C3")->status == rules::Status::due);
}

TEST_CASE("state rules: lead venue, lead not weak, secretaries, 1+X") {
    auto s = month("2026-03");
    add_cluster(s, "C1", "2020-01-01");
    add_cluster(s, "C2", "2020-01-01");
    add_cluster(s, "C3", "2020-01-01");
    auto org = [&](const std::string& code) {
        return const_cast<report::SnapshotOrg*>(s.find_org(code));
    };
    org("LC1")->venue_m2 = 100; // exactly the threshold: done
    org("LC2")->venue_m2 = 99;
    org("LC2")->weak = true;
    org("XC2")->has_secretary = false;
    s.clusters[2].lead.clear(); // C3 lost its lead, its instructor and its other org
    s.clusters[2].orgs = 1;
    s.clusters[2].instructor.clear();
    report::SnapshotOrg loose; // an org in no cluster: no secretary rule
    loose.code = "ZZ";
    loose.committee = "HL";
    s.orgs.push_back(loose);

    const auto rows = rules::compliance(s);
    CHECK(row(rows, "lead_venue", "C1")->status == rules::Status::done);
    const auto* v = row(rows, "lead_venue", "C2");
    CHECK(v->status == rules::Status::missed);
    CHECK(v->org == "LC2");
    CHECK(v->venue_m2 == 99);
    CHECK(v->deadline == d("2026-03-31"));
    CHECK(row(rows, "lead_venue", "C3")->status == rules::Status::missed);
    CHECK(row(rows, "lead_venue", "C3")->org.empty());
    CHECK(row(rows, "lead_not_weak", "C1")->status == rules::Status::done);
    CHECK(row(rows, "lead_not_weak", "C2")->status == rules::Status::missed);
    CHECK(row(rows, "lead_not_weak", "C3")->status == rules::Status::missed);
    CHECK(row(rows, "org_has_secretary", "XC1")->status == rules::Status::done);
    const auto* sec = row(rows, "org_has_secretary", "XC2");
    CHECK(sec->status == rules::Status::missed);
    CHECK(sec->scope == rules::Scope::org);
    CHECK(sec->cluster == "C2");
    CHECK_FALSE(row(rows, "org_has_secretary", "ZZ"));
    CHECK(row(rows, "cluster_structure", "C1")->status == rules::Status::done);
    const auto* st = row(rows, "cluster_structure", "C3");
    CHECK(st->status == rules::Status::missed);
    CHECK(st->lacks == std::vector{rules::StructureLack::lead, rules::StructureLack::other_org,
                                   rules::StructureLack::instructor});
}

TEST_CASE("rows come in the order of the rule table, then by code; filters") {
    auto s = month("2026-03");
    add_cluster(s, "C2", "2020-01-01");
    add_cluster(s, "C1", "2020-01-01");
    s.clusters[1].committee = "JS"; // C2
    add_activity(s, "2026-03-02", "secretary_meeting", "C1");
    const auto rows = rules::compliance(s);
    std::vector<std::string> order;
    for (const auto& r : rows)
        if (order.empty() || order.back() != r.rule)
            order.push_back(r.rule);
    CHECK(order ==
          std::vector<std::string>(std::begin(rules::k_rule_ids), std::end(rules::k_rule_ids)));
    CHECK(rows[0].code == "C1");
    CHECK(rows[1].code == "C2");

    rules::ComplianceFilter f;
    f.status = rules::Status::done;
    auto done = rules::filter_compliance(rows, f);
    CHECK(std::all_of(done.begin(), done.end(),
                      [](const auto& r) { return r.status == rules::Status::done; }));
    CHECK(row(done, "secretary_meeting_monthly", "C1"));
    f = {};
    f.committee = "JS";
    auto js = rules::filter_compliance(rows, f);
    CHECK(row(js, "work_meeting_yearly", "JS"));
    CHECK_FALSE(row(js, "training_yearly", ""));           // the district is no committee's
    CHECK(row(js, "org_has_secretary", "XC2") == nullptr); // XC2 is of committee HL
    f = {};
    f.cluster = "C1";
    auto c1 = rules::filter_compliance(rows, f);
    CHECK(row(c1, "org_has_secretary", "XC1"));
    CHECK_FALSE(row(c1, "lead_venue", "C2"));
    CHECK_FALSE(row(c1, "work_meeting_yearly", "HL"));
}
