// The red flag (流动红旗) of a cluster for a month (SPEC §5.2). Pure: no database.
//
// The candidates are the orgs that are members of the cluster at the end of the month, the lead
// included; an org's total is the sum of its score entries for the month. The flag goes to the
// highest total if it is > 0; ties go to the higher party_affairs sum, then activity, then
// suggestion, then the smaller org code (byte order). No positive total, no flag.
#pragma once

#include <hlpb/vocab.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hlpb::rules {

// An org's points for one month, summed per category.
struct ScoreSums {
    long long party_affairs = 0;
    long long activity = 0;
    long long suggestion = 0;
    long long bonus = 0;
    long long penalty = 0; // as entered (usually negative)
    long long total() const { return party_affairs + activity + suggestion + bonus + penalty; }
};

struct FlagCandidate {
    std::string org; // org code
    ScoreSums sums;
};

// What separated the winner from the runner-up: the first comparison that differed. `total`
// also when the winner is the only candidate with a positive total.
enum class DecidedBy { total, party_affairs, activity, suggestion, code };
std::string_view decided_by_key(DecidedBy d); // "total", "party_affairs", ... (as stored)
std::optional<DecidedBy> parse_decided_by(std::string_view key);
// The keys with their Chinese labels, for people (the rule that decided: 总分, 党务工作, ...).
std::span<const vocab::Term> decided_by_terms();

struct FlagRanking {
    std::string cluster; // cluster code
    std::vector<FlagCandidate>
        ranked;            // best first (total, party_affairs, activity, suggestion, code)
    bool has_flag = false; // ranked[0] wins: its total is > 0
    DecidedBy decided_by = DecidedBy::total; // meaningful when has_flag
};

// Ranks one cluster's candidates. Candidates with no entries take part with all sums 0.
FlagRanking rank_flag(std::string cluster, std::vector<FlagCandidate> candidates);

} // namespace hlpb::rules
