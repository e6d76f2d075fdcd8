#include "fixture.hpp"

#include <hlpb/rules/candidates.hpp>

#include <doctest/doctest.h>

using namespace hlpb;
using hlpb::test::d;

namespace {
rules::CandidateInput org(const char* code, long long venue) {
    rules::CandidateInput in;
    in.code = code;
    in.venue_m2 = venue;
    return in;
}
} // namespace

TEST_CASE("四看 parts add up with the default weights") {
    auto a = org("A", 150);
    a.investor_is_secretary = true;      // 30
    a.secretary_since = d("2023-11-28"); // 3 full years on 2026-11-28 -> 12
    a.venue_standard = true;             // 5
    a.training_base = true;              // 10
    a.typical = true;                    // 20
    auto r = rules::rank_candidates({a}, {}, d("2026-11-28"));
    REQUIRE(r.size() == 1);
    CHECK(r[0].eligible);
    CHECK(r[0].investor == 30);
    CHECK(r[0].experience_years == 3);
    CHECK(r[0].experience == 12);
    CHECK(r[0].venue == 15);
    CHECK(r[0].total == 30 + 12 + 15 + 5 + 10 + 20);
}

TEST_CASE("experience counts whole years and stops at the cap") {
    auto a = org("A", 100);
    a.secretary_since = d("2023-11-29"); // one day short of 3 years
    CHECK(rules::rank_candidates({a}, {}, d("2026-11-28"))[0].experience_years == 2);
    a.secretary_since = d("2010-01-01");
    CHECK(rules::rank_candidates({a}, {}, d("2026-11-28"))[0].experience == 20);
    a.secretary_since = d("2027-01-01"); // in the future: nothing
    CHECK(rules::rank_candidates({a}, {}, d("2026-11-28"))[0].experience == 0);
}

TEST_CASE("eligibility: venue of at least 100 m² and not weak") {
    auto small = org("S", 99);
    auto weak = org("W", 300);
    weak.weak = true;
    weak.typical = true;
    auto edge = org("E", 100);
    auto r = rules::rank_candidates({small, weak, edge}, {}, d("2026-11-28"));
    CHECK(r[0].input.code == "E");
    CHECK(r[0].eligible);
    // Ineligible ones follow, by score: W (15 + 20) before S (0).
    CHECK(r[1].input.code == "W");
    CHECK_FALSE(r[1].eligible);
    CHECK(r[1].reasons == std::vector<rules::Ineligible>{rules::Ineligible::weak});
    CHECK(r[2].reasons == std::vector<rules::Ineligible>{rules::Ineligible::venue_too_small});
}

TEST_CASE("ties go to more members, then the smaller code") {
    auto a = org("B", 120), b = org("A", 120), c = org("C", 120);
    a.members = 10;
    b.members = 5;
    c.members = 10;
    auto r = rules::rank_candidates({b, c, a}, {}, d("2026-11-28"));
    CHECK(r[0].input.code == "B");
    CHECK(r[1].input.code == "C");
    CHECK(r[2].input.code == "A");
}

TEST_CASE("weights come from settings") {
    auto a = org("A", 120);
    a.investor_is_secretary = true;
    rules::LeadWeights w;
    w.investor_is_secretary = 50;
    w.venue = 0;
    CHECK(rules::rank_candidates({a}, w, d("2026-11-28"))[0].total == 50);
}
