// Coverage (SPEC §5.6) at the end of a month: 两新 orgs and members, their shares of the
// district (settings district.total_orgs / district.total_members; unset: null), orgs in
// clusters and their share of 两新 orgs. Pure: a function of a report::MonthSnapshot.
#pragma once

#include <optional>

namespace hlpb::report {
struct MonthSnapshot;
}

namespace hlpb::rules {

struct Coverage {
    long two_new_orgs = 0;                  // open orgs at the end of M
    long two_new_members = 0;               // members of those orgs at the end of M
    std::optional<long long> district_orgs; // the settings, when set
    std::optional<long long> district_members;
    std::optional<double> org_share;        // two_new_orgs / district.total_orgs, 0..1
    std::optional<double> member_share;     // two_new_members / district.total_members
    long clustered_orgs = 0;                // open orgs in a cluster active at the end of M
    std::optional<double> cluster_coverage; // clustered_orgs / two_new_orgs (null when 0 orgs)
    long active_clusters = 0;               // clusters active at the end of M
};

// Shares are fractions rounded to 4 decimals (0.4299); null when the denominator is unset or 0.
Coverage coverage(const report::MonthSnapshot& s);

// The same figures with the shares unrounded, for a document that prints them as percentages:
// rounding 0.9345 again would give 93.5% for 599/641 (93.447%).
Coverage exact_shares(Coverage c);

} // namespace hlpb::rules
