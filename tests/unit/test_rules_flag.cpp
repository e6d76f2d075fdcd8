// The red-flag rule (SPEC §5.2), hand-computed: totals, every tie-break level, no flag.
#include <hlpb/rules/flag.hpp>

#include <doctest/doctest.h>

using namespace hlpb;
using rules::DecidedBy;
using rules::FlagCandidate;
using rules::ScoreSums;

namespace {

FlagCandidate cand(const char* org, long long party_affairs, long long activity = 0,
                   long long suggestion = 0, long long bonus = 0, long long penalty = 0) {
    return {org, ScoreSums{party_affairs, activity, suggestion, bonus, penalty}};
}

std::vector<std::string> order(const rules::FlagRanking& r) {
    std::vector<std::string> out;
    for (const auto& c : r.ranked)
        out.push_back(c.org);
    return out;
}

} // namespace

TEST_CASE("a single candidate with a positive total gets the flag, by total") {
    auto r = rules::rank_flag("C1", {cand("A1", 3)});
    CHECK(r.cluster == "C1");
    CHECK(r.has_flag);
    CHECK(r.decided_by == DecidedBy::total);
    CHECK(order(r) == std::vector<std::string>{"A1"});
}

TEST_CASE("an empty cluster has no flag") {
    auto r = rules::rank_flag("C1", {});
    CHECK_FALSE(r.has_flag);
    CHECK(r.ranked.empty());
}

TEST_CASE("no positive total, no flag: zeros and negatives") {
    auto zero = rules::rank_flag("C1", {cand("A1", 0), cand("A2", 0)});
    CHECK_FALSE(zero.has_flag);
    // 5 + 0 + 0 + 0 - 5 = 0: a total of 0 is not > 0, however good its party_affairs.
    auto r = rules::rank_flag("C1", {cand("A1", 5, 0, 0, 0, -5), cand("A2", -1)});
    CHECK_FALSE(r.has_flag);
    CHECK(order(r) == std::vector<std::string>{"A1", "A2"}); // still ranked: 0 before -1
}

TEST_CASE("negative points count in the total") {
    // A1: 10 + 2 - 8 = 4; A2: 3 + 2 = 5; A3: -2 (ranked last).
    auto r =
        rules::rank_flag("C1", {cand("A1", 10, 2, 0, 0, -8), cand("A2", 3, 2), cand("A3", -2)});
    CHECK(r.has_flag);
    CHECK(order(r) == std::vector<std::string>{"A2", "A1", "A3"});
    CHECK(r.decided_by == DecidedBy::total);
    CHECK(r.ranked[0].sums.total() == 5);
    CHECK(r.ranked[1].sums.total() == 4);
}

TEST_CASE("the runner-up without a positive total: decided by total") {
    auto r = rules::rank_flag("C1", {cand("A2", 0), cand("A1", 1)});
    CHECK(r.has_flag);
    CHECK(order(r) == std::vector<std::string>{"A1", "A2"});
    CHECK(r.decided_by == DecidedBy::total);
}

TEST_CASE("ties at the total go to party_affairs") {
    // Both total 10: A1 party_affairs 4, A2 party_affairs 6.
    auto r = rules::rank_flag("C1", {cand("A1", 4, 6), cand("A2", 6, 4)});
    CHECK(order(r) == std::vector<std::string>{"A2", "A1"});
    CHECK(r.decided_by == DecidedBy::party_affairs);
}

TEST_CASE("ties at party_affairs go to activity") {
    // Both total 10, party_affairs 5: A1 activity 2 + suggestion 3, A2 activity 3 + suggestion 2.
    auto r = rules::rank_flag("C1", {cand("A1", 5, 2, 3), cand("A2", 5, 3, 2)});
    CHECK(order(r) == std::vector<std::string>{"A2", "A1"});
    CHECK(r.decided_by == DecidedBy::activity);
}

TEST_CASE("ties at activity go to suggestion") {
    // Both total 10, party_affairs 5, activity 2: A1 suggestion 3 (bonus 0), A2 suggestion 1 +
    // bonus 2.
    auto r = rules::rank_flag("C1", {cand("A2", 5, 2, 1, 2), cand("A1", 5, 2, 3)});
    CHECK(order(r) == std::vector<std::string>{"A1", "A2"});
    CHECK(r.decided_by == DecidedBy::suggestion);
}

TEST_CASE("full ties go to the smaller code, in byte order") {
    auto r = rules::rank_flag("C1", {cand("B1", 5, 1), cand("A9", 5, 1), cand("A10", 5, 1)});
    // "A10" < "A9" < "B1" byte-wise.
    CHECK(order(r) == std::vector<std::string>{"A10", "A9", "B1"});
    CHECK(r.decided_by == DecidedBy::code);
}

TEST_CASE("bonus and penalty count in the total but break no tie") {
    // Totals 10 each; party_affairs, activity, suggestion equal; A2 has more bonus (and more
    // penalty): not a tie-break level, so the code decides.
    auto r = rules::rank_flag("C1", {cand("A2", 4, 2, 1, 5, -2), cand("A1", 4, 2, 1, 3, 0)});
    CHECK(r.ranked[0].sums.total() == 10);
    CHECK(r.ranked[1].sums.total() == 10);
    CHECK(order(r) == std::vector<std::string>{"A1", "A2"});
    CHECK(r.decided_by == DecidedBy::code);
    // A bonus lifts a total above another: decided by total.
    auto b = rules::rank_flag("C1", {cand("A1", 5), cand("A2", 1, 0, 0, 5)});
    CHECK(order(b) == std::vector<std::string>{"A2", "A1"});
    CHECK(b.decided_by == DecidedBy::total);
}

TEST_CASE("the decided_by keys round-trip and have labels") {
    for (auto d : {DecidedBy::total, DecidedBy::party_affairs, DecidedBy::activity,
                   DecidedBy::suggestion, DecidedBy::code})
        CHECK(rules::parse_decided_by(rules::decided_by_key(d)) == d);
    CHECK_FALSE(rules::parse_decided_by("alone"));
    CHECK(rules::decided_by_terms().size() == 5);
}
