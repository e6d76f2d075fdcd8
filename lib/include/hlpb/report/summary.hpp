// `hlpb summary`: the district on one screen — per committee the counts an officer asks for
// (clusters, orgs, members, weak orgs, orgs without a secretary, clusters breaking 1+X, leads
// under 100 m²) and their total, as of one day. A pure function of the day's snapshot.
#pragma once

#include <hlpb/date.hpp>
#include <hlpb/report/month_snapshot.hpp>

#include <string>
#include <vector>

namespace hlpb::report {

struct SummaryRow {
    std::string committee; // committee code; empty on the total row
    std::string name;      // committee name; empty on the total row
    long clusters = 0;     // active clusters
    long orgs = 0;         // open orgs
    long members = 0;      // Party members in those orgs
    long weak_orgs = 0;    // orgs flagged weak (软弱涣散)
    long orgs_without_secretary = 0;
    long clusters_breaking_structure = 0; // active clusters with a 1+X breach (rules::structure)
    long leads_under_100m2 = 0; // active clusters whose lead's venue is under the threshold
};

struct DistrictSummary {
    Date as_of{};
    std::vector<SummaryRow> committees; // every committee, by code (those with nothing too)
    SummaryRow total;                   // the sum of the committees
};

// Counts `s` (a db::load_day snapshot) on its day `s.last`: each org by its committee, each
// cluster by its own committee (SPEC §4 invariant 5 for the structure; the lead's venue against
// rules::k_lead_venue_min_m2, a lead not open that day not counted).
DistrictSummary summarize(const MonthSnapshot& s);

} // namespace hlpb::report
