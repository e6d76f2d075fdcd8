#include <hlpb/report/month_snapshot.hpp>
#include <hlpb/rules/coverage.hpp>

#include <cmath>

namespace hlpb::rules {
namespace {

std::optional<double> share(long long part, std::optional<long long> whole) {
    if (!whole || *whole <= 0)
        return std::nullopt;
    return std::round(static_cast<double>(part) * 10000.0 / static_cast<double>(*whole)) / 10000.0;
}

} // namespace

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
