#include <hlpb/report/month_snapshot.hpp>
#include <hlpb/rules/coverage.hpp>

#include <cmath>

namespace hlpb::rules {
namespace {

std::optional<double> exact(long long part, std::optional<long long> whole) {
    if (!whole || *whole <= 0)
        return std::nullopt;
    return static_cast<double>(part) / static_cast<double>(*whole);
}

std::optional<double> share(long long part, std::optional<long long> whole) {
    const auto e = exact(part, whole);
    return e ? std::optional(std::round(*e * 10000.0) / 10000.0) : std::nullopt;
}

} // namespace

Coverage exact_shares(Coverage c) {
    c.org_share = exact(c.two_new_orgs, c.district_orgs);
    c.member_share = exact(c.two_new_members, c.district_members);
    c.cluster_coverage = exact(c.clustered_orgs, c.two_new_orgs);
    return c;
}

Coverage coverage(const report::MonthSnapshot& s) {
    Coverage c;
    c.district_orgs = s.settings.total_orgs;
    c.district_members = s.settings.total_members;
    for (const auto& k : s.clusters)
        if (k.active)
            ++c.active_clusters;
    for (const auto& o : s.orgs) {
        ++c.two_new_orgs;
        c.two_new_members += o.members;
        if (s.active_cluster_of(o))
            ++c.clustered_orgs;
    }
    c.org_share = share(c.two_new_orgs, c.district_orgs);
    c.member_share = share(c.two_new_members, c.district_members);
    c.cluster_coverage = share(c.clustered_orgs, c.two_new_orgs);
    return c;
}

} // namespace hlpb::rules
