#include "fixture.hpp"

#include <hlpb/rules/outcomes.hpp>

#include <doctest/doctest.h>

using namespace hlpb;
using hlpb::test::d;

namespace {

using Strings = std::vector<std::string>;

Span span(const char* from, const char* to = nullptr) {
    return Span{d(from), to ? std::optional<Date>(d(to)) : std::nullopt};
}

// October 2026: [2026-10-01, 2026-10-31].
rules::OutcomeInput october() {
    rules::OutcomeInput in;
    in.period = rules::month_period(Month{std::chrono::year{2026}, std::chrono::October});
    return in;
}

rules::OutcomeInput::OrgDates org(const char* code, const char* founded = "2015-01-01",
                                  const char* closed = nullptr) {
    return {code, d(founded), closed ? std::optional<Date>(d(closed)) : std::nullopt};
}

Problem problem(const char* category, const char* raised, const char* resolved = nullptr) {
    Problem p;
    p.org = "A";
    p.category = category;
    p.raised = d(raised);
    if (resolved)
        p.resolved = d(resolved);
    return p;
}

} // namespace

TEST_CASE("periods: a month, a year") {
    auto m = rules::month_period(Month{std::chrono::year{2024}, std::chrono::February});
    CHECK(m.first == d("2024-02-01"));
    CHECK(m.last == d("2024-02-29"));
    auto y = rules::year_period(2026);
    CHECK(y.first == d("2026-01-01"));
    CHECK(y.last == d("2026-12-31"));
}

TEST_CASE("a weak flag ended on the period's first or last day is delisted; the day after is not") {
    auto in = october();
    for (const char* c : {"A", "B", "C", "D", "E"})
        in.orgs.push_back(org(c));
    in.flags = {
        {"A", "weak", span("2025-03-01", "2026-10-01")}, // unflagged on the 1st: delisted
        {"B", "weak", span("2025-03-01", "2026-10-31")}, // on the 31st: delisted
        {"C", "weak", span("2025-03-01", "2026-11-01")}, // the day after: still weak on the 31st
        {"D", "weak", span("2025-03-01", "2026-09-30")}, // the day before: an earlier period
        {"E", "weak", span("2026-10-15")},               // flagged in the month, still weak
    };
    auto out = rules::compute_outcomes(in);
    CHECK(out.weak_delisted == Strings{"A", "B"});
    CHECK(out.weak_now == 2); // C (until 11-01) and E
}

TEST_CASE("delisting: not an org closed that day, not an org flagged weak again") {
    auto in = october();
    in.orgs = {org("A", "2015-01-01", "2026-10-10"), org("B"), org("C"),
               org("Z", "2015-01-01", "2026-10-20")};
    in.flags = {
        {"A", "weak", span("2025-01-01", "2026-10-10")},    // ended by the closing
        {"B", "weak", span("2025-01-01", "2026-10-05")},    // delisted on the 5th ...
        {"B", "weak", span("2026-10-20")},                  // ... and weak again on the 20th
        {"C", "weak", span("2025-01-01", "2026-10-05")},    // delisted
        {"C", "typical", span("2026-10-06")},               // and typical since
        {"Z", "typical", span("2020-01-01", "2026-10-20")}, // closed: not typical at the end
    };
    auto out = rules::compute_outcomes(in);
    CHECK(out.weak_delisted == Strings{"C"});
    CHECK(out.weak_now == 1); // B
    CHECK(out.typical_now == 1);
}

TEST_CASE("states on the last day: weak, typical and training bases of open orgs") {
    auto in = october();
    in.orgs = {org("A"), org("B"), org("C", "2015-01-01", "2026-10-31")};
    in.flags = {
        {"A", "training_base", span("2020-01-01")},
        {"B", "training_base", span("2026-10-31")},         // set on the last day: counts
        {"C", "training_base", span("2020-01-01")},         // closed on the 31st
        {"A", "typical", span("2020-01-01", "2026-10-31")}, // ended on the last day
        {"B", "typical", span("2026-11-01")},               // after the period
    };
    auto out = rules::compute_outcomes(in);
    CHECK(out.training_bases == 2);
    CHECK(out.typical_now == 0);
}

TEST_CASE("orgs founded in the period, both ends included") {
    auto in = october();
    in.orgs = {org("A", "2026-09-30"),
               org("B", "2026-10-01"),
               org("C", "2026-10-31"),
               org("D", "2026-11-01"),
               {"E", std::nullopt, std::nullopt}};
    CHECK(rules::compute_outcomes(in).founded == Strings{"B", "C"});
}

TEST_CASE("a missing secretary filled: a term that begins after a day without one") {
    auto in = october();
    for (const char* c : {"A", "B", "C", "D", "E"})
        in.orgs.push_back(org(c));
    in.orgs.push_back(org("F", "2026-10-10"));
    in.orgs.push_back(org("G", "2026-10-09"));
    in.secretaries = {
        // A: vacant from 09-20, filled on 10-01 (the first day)
        {"A", span("2020-01-01", "2026-09-20")},
        {"A", span("2026-10-01")},
        // B: handed over on the same day: never vacant
        {"B", span("2020-01-01", "2026-10-12")},
        {"B", span("2026-10-12")},
        // C: vacant for one day (10-12), filled on 10-13
        {"C", span("2020-01-01", "2026-10-12")},
        {"C", span("2026-10-13")},
        // D: filled on 11-01, after the period
        {"D", span("2026-11-01")},
        // E: filled on 09-30, before the period
        {"E", span("2026-09-30")},
        // F: founded 10-10 with its first secretary that day: a new org, not a vacancy filled
        {"F", span("2026-10-10")},
        // G: founded 10-09, first secretary 10-10: it had one day without one
        {"G", span("2026-10-10")},
    };
    CHECK(rules::compute_outcomes(in).secretary_filled == Strings{"A", "C", "G"});
}

TEST_CASE("e-home points: the average of the year and the change from the year before") {
    auto in = october();
    in.points = {3, 250};        // 83.333… -> 83.33
    in.points_before = {2, 130}; // 65
    auto out = rules::compute_outcomes(in);
    CHECK(out.points_year == 2026);
    CHECK(out.points_members == 3);
    CHECK(*out.points_average == doctest::Approx(83.33));
    CHECK(*out.points_average_before == doctest::Approx(65.0));
    CHECK(*out.points_change == doctest::Approx(18.33));
    in.points_before = {};
    out = rules::compute_outcomes(in);
    CHECK_FALSE(out.points_average_before);
    CHECK_FALSE(out.points_change);
}

TEST_CASE("honours, volunteer activities and receptions dated in the period") {
    auto in = october();
    in.member_honors = {
        {1, d("2026-10-01")}, {1, d("2026-10-31")}, {2, d("2026-11-01")}, {3, d("2026-10-15")}};
    in.org_honors = {{"A", d("2026-10-02"), "t1", "city"},
                     {"A", d("2026-10-03"), "t2", "city"},
                     {"B", d("2026-09-30"), "t3", "city"}};
    in.activities = {{"volunteer", d("2026-10-01"), 12},
                     {"volunteer", d("2026-10-31"), 8},
                     {"volunteer", d("2026-11-01"), 100},
                     {"reception", d("2026-10-20"), 30},
                     {"salon", d("2026-10-20"), 5}};
    auto out = rules::compute_outcomes(in);
    CHECK(out.member_honors == 3);
    CHECK(out.members_honored == 2);
    CHECK(out.org_honors == 2);
    CHECK(out.orgs_honored == 1);
    CHECK(out.volunteer_activities == 2);
    CHECK(out.volunteer_participants == 20);
    CHECK(out.receptions == 1);
}

TEST_CASE("problems: raised in the period, resolved in it whenever raised, open at its end") {
    auto in = october();
    in.problems = {
        problem("labor", "2026-10-01"),                // raised, open
        problem("labor", "2026-10-05", "2026-10-31"),  // raised and resolved
        problem("tax", "2026-08-01", "2026-10-01"),    // raised earlier, resolved on the 1st
        problem("tax", "2026-08-01", "2026-11-01"),    // resolved after: open at the end
        problem("schooling", "2026-11-01"),            // raised after the period
        problem("talent", "2026-09-30", "2026-09-30"), // all before
        problem("other", "2026-10-31"),                // raised on the last day
    };
    auto out = rules::compute_outcomes(in);
    CHECK(out.problems_raised == 3);
    CHECK(out.problems_resolved == 2);
    CHECK(out.problems_open == 3); // labor 10-01, tax 08-01 (resolved 11-01), other 10-31
    REQUIRE(out.problems_by_category.size() == 5);
    const auto& labor = out.problems_by_category[0];
    CHECK(labor.category == "labor");
    CHECK(labor.raised == 2);
    CHECK(labor.resolved == 1);
    CHECK(labor.open == 1);
    const auto& tax = out.problems_by_category[2];
    CHECK(tax.category == "tax");
    CHECK(tax.raised == 0);
    CHECK(tax.resolved == 1);
    CHECK(tax.open == 1);
    CHECK(out.problems_by_category[3].category == "schooling");
    CHECK(out.problems_by_category[3].raised == 0);
    CHECK(out.problems_by_category[4].open == 1);
}

TEST_CASE("a year period takes the whole year") {
    rules::OutcomeInput in;
    in.period = rules::year_period(2026);
    in.orgs = {org("A", "2026-01-01"), org("B", "2026-12-31"), org("C", "2025-12-31")};
    in.flags = {{"C", "weak", span("2025-06-01", "2026-01-01")}};
    auto out = rules::compute_outcomes(in);
    CHECK(out.founded == Strings{"A", "B"});
    CHECK(out.weak_delisted == Strings{"C"});
}
