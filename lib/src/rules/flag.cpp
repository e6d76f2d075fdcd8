#include <hlpb/rules/flag.hpp>

#include <algorithm>
#include <array>
#include <utility>

namespace hlpb::rules {
namespace {

// The keys compared, best first: higher is better for the sums; the code breaks the last tie.
std::array<long long, 4> keys_of(const ScoreSums& s) {
    return {s.total(), s.party_affairs, s.activity, s.suggestion};
}

constexpr std::array<DecidedBy, 4> k_levels = {DecidedBy::total, DecidedBy::party_affairs,
                                               DecidedBy::activity, DecidedBy::suggestion};

constexpr std::array<std::pair<DecidedBy, std::string_view>, 5> k_decided_by_keys = {{
    {DecidedBy::total, "total"},
    {DecidedBy::party_affairs, "party_affairs"},
    {DecidedBy::activity, "activity"},
    {DecidedBy::suggestion, "suggestion"},
    {DecidedBy::code, "code"},
}};

constexpr vocab::Term k_decided_by_terms[] = {
    {"total", "总分最高", "Highest total"},
    {"party_affairs", "总分相同，党务工作分较高", "Same total, more party affairs points"},
    {"activity", "总分、党务工作分相同，活动组织分较高",
     "Same total and party affairs, more activity points"},
    {"suggestion", "总分、党务、活动分相同，献计献策分较高",
     "Same total, party affairs and activity, more suggestion points"},
    {"code", "各项分数相同，编码较小", "All points equal, smaller code"},
};

} // namespace

std::span<const vocab::Term> decided_by_terms() {
    return k_decided_by_terms;
}

std::string_view decided_by_key(DecidedBy d) {
    for (const auto& [value, key] : k_decided_by_keys)
        if (value == d)
            return key;
    return "total";
}

std::optional<DecidedBy> parse_decided_by(std::string_view key) {
    for (const auto& [value, k] : k_decided_by_keys)
        if (k == key)
            return value;
    return std::nullopt;
}

FlagRanking rank_flag(std::string cluster, std::vector<FlagCandidate> candidates) {
    std::sort(candidates.begin(), candidates.end(),
              [](const FlagCandidate& a, const FlagCandidate& b) {
                  const auto ka = keys_of(a.sums);
                  const auto kb = keys_of(b.sums);
                  if (ka != kb)
                      return ka > kb; // lexicographic, higher first
                  return a.org < b.org;
              });
    FlagRanking out;
    out.cluster = std::move(cluster);
    out.ranked = std::move(candidates);
    if (out.ranked.empty() || out.ranked.front().sums.total() <= 0)
        return out;
    out.has_flag = true;
    if (out.ranked.size() == 1 || out.ranked[1].sums.total() <= 0) {
        out.decided_by = DecidedBy::total;
        return out;
    }
    const auto first = keys_of(out.ranked[0].sums);
    const auto second = keys_of(out.ranked[1].sums);
    out.decided_by = DecidedBy::code;
    for (std::size_t i = 0; i < first.size(); ++i) {
        if (first[i] != second[i]) {
            out.decided_by = k_levels[i];
            break;
        }
    }
    return out;
}

} // namespace hlpb::rules
