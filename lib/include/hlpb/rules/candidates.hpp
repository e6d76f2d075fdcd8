// 四看: how a cluster's lead is chosen (SPEC §5.4). Pure: no database.
#pragma once

#include <hlpb/date.hpp>

#include <optional>
#include <string>
#include <vector>

namespace hlpb::rules {

struct LeadWeights {
    long long investor_is_secretary = 30;
    long long secretary_year = 4;      // per year of the secretary's experience
    long long secretary_years_cap = 5; // years counted at most
    long long venue = 15;              // lead_venue_ok(venue_m2) (rules/structure.hpp)
    long long venue_standard = 5;      // 六有七室
    long long training_base = 10;
    long long typical = 20;
};

struct CandidateInput {
    std::string code;
    std::string name;
    bool active = true; // open org, member of the cluster
    long long venue_m2 = 0;
    bool venue_standard = false;
    bool weak = false;
    bool typical = false;
    bool training_base = false;
    bool investor_is_secretary = false;
    std::optional<Date> secretary_since; // role_since of the current secretary, if any
    long members = 0;                    // Party members in the org (tie-break)
    bool is_lead = false;                // the current lead
};

// Why an org may not lead; the output layer words it (venue_too_small: not lead_venue_ok).
enum class Ineligible { not_active, venue_too_small, weak };

struct CandidateScore {
    CandidateInput input;
    bool eligible = false;
    std::vector<Ineligible> reasons; // empty when eligible
    long long investor = 0, experience = 0, venue = 0, standard = 0, training = 0, typical = 0;
    long long experience_years = 0;
    long long total = 0;
};

// Scores every input and ranks them: eligible first, then total (desc), members (desc), code.
std::vector<CandidateScore> rank_candidates(const std::vector<CandidateInput>& inputs,
                                            const LeadWeights& weights, const Date& as_of);

} // namespace hlpb::rules
