#include <hlpb/report/summary.hpp>
#include <hlpb/rules/structure.hpp>

#include <algorithm>

namespace hlpb::report {

namespace {

void add(SummaryRow& to, const SummaryRow& r) {
    to.clusters += r.clusters;
    to.orgs += r.orgs;
    to.members += r.members;
    to.weak_orgs += r.weak_orgs;
    to.orgs_without_secretary += r.orgs_without_secretary;
    to.clusters_breaking_structure += r.clusters_breaking_structure;
    to.leads_under_100m2 += r.leads_under_100m2;
}

} // namespace

DistrictSummary summarize(const MonthSnapshot& s) {
    DistrictSummary d;
    d.as_of = s.last;
    d.committees.reserve(s.committees.size());
    for (const auto& c : s.committees) {
        SummaryRow r;
        r.committee = c.code;
        r.name = c.name;
        d.committees.push_back(std::move(r));
    }
    // Committees are sorted by code.
    auto row_of = [&](const std::string& code) -> SummaryRow* {
        auto it = std::lower_bound(
            d.committees.begin(), d.committees.end(), code,
            [](const SummaryRow& r, const std::string& c) { return r.committee < c; });
        return it != d.committees.end() && it->committee == code ? &*it : nullptr;
    };
    for (const auto& o : s.orgs) {
        SummaryRow* r = row_of(o.committee);
        if (r == nullptr)
            continue;
        ++r->orgs;
        r->members += o.members;
        r->weak_orgs += o.weak ? 1 : 0;
        r->orgs_without_secretary += o.has_secretary ? 0 : 1;
    }
    for (const auto& k : s.clusters) {
        SummaryRow* r = row_of(k.committee);
        if (r == nullptr || !k.active)
            continue;
        ++r->clusters;
        const rules::StructureInput in{k.principle,  !k.lead.empty(), k.orgs,
                                       k.instructor, k.community,     k.supervisor};
        if (!rules::structure_lacks(in).empty())
            ++r->clusters_breaking_structure;
        if (const SnapshotOrg* lead = k.lead.empty() ? nullptr : s.find_org(k.lead))
            if (!rules::lead_venue_ok(lead->venue_m2))
                ++r->leads_under_100m2;
    }
    for (const auto& r : d.committees)
        add(d.total, r);
    return d;
}

} // namespace hlpb::report
