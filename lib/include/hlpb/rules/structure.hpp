// The "1+X" structure of a cluster (SPEC §4 invariant 5) and the lead's venue threshold: the one
// definition of each, used by db check, cluster changes, 四看 candidates and the reports. Pure.
#pragma once

#include <hlpb/vocab.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hlpb::rules {

// A lead org's venue (阵地) must be at least this big, in m² (SPEC §1, §5.1 lead_venue, §5.4).
inline constexpr long long k_lead_venue_min_m2 = 100;
constexpr bool lead_venue_ok(long long venue_m2) {
    return venue_m2 >= k_lead_venue_min_m2;
}

// 1+X: the lead and at least one other org (X >= 1), so at least this many member orgs.
inline constexpr long k_min_cluster_orgs = 2;
constexpr bool has_other_org(long orgs_with_lead) {
    return orgs_with_lead >= k_min_cluster_orgs;
}

// A cluster as the structure rule sees it on one day.
struct StructureInput {
    std::string principle; // geo / industry / chain
    bool has_lead = false;
    long orgs = 0; // member orgs, the lead included
    std::string instructor;
    std::string community;  // geo
    std::string supervisor; // industry / chain
};

// What a cluster lacks, in this order (db check lists its breaches in it).
enum class StructureLack {
    lead,       // no lead org
    other_org,  // fewer than k_min_cluster_orgs orgs (1+X needs X >= 1)
    instructor, // no instructor (党建工作指导员)
    community,  // geo without a partner community (共建社区)
    supervisor, // industry / chain without a supervising cadre (挂点干部)
};
std::string_view structure_lack_key(StructureLack lack); // "lead", "other_org", ...
// Labels (vocab::label) of the lacks: lead 无牵头党组织, other_org 无其他成员党组织, ...
std::span<const vocab::Term> structure_lack_terms();

// Empty when the structure holds.
std::vector<StructureLack> structure_lacks(const StructureInput& cluster);

} // namespace hlpb::rules
