#include <hlpb/rules/candidates.hpp>
#include <hlpb/rules/structure.hpp>

#include <algorithm>

namespace hlpb::rules {

std::vector<CandidateScore> rank_candidates(const std::vector<CandidateInput>& inputs,
                                            const LeadWeights& w, const Date& as_of) {
    std::vector<CandidateScore> out;
    out.reserve(inputs.size());
    for (const auto& in : inputs) {
        CandidateScore s;
        s.input = in;
        if (!in.active)
            s.reasons.push_back(Ineligible::not_active);
        if (!lead_venue_ok(in.venue_m2))
            s.reasons.push_back(Ineligible::venue_too_small);
        if (in.weak)
            s.reasons.push_back(Ineligible::weak);
        s.eligible = s.reasons.empty();
        s.investor = in.investor_is_secretary ? w.investor_is_secretary : 0;
        if (in.secretary_since && *in.secretary_since <= as_of) {
            long long years = years_between(*in.secretary_since, as_of);
            s.experience_years = std::min(years, w.secretary_years_cap);
            s.experience = s.experience_years * w.secretary_year;
        }
        s.venue = lead_venue_ok(in.venue_m2) ? w.venue : 0;
        s.standard = in.venue_standard ? w.venue_standard : 0;
        s.training = in.training_base ? w.training_base : 0;
        s.typical = in.typical ? w.typical : 0;
        s.total = s.investor + s.experience + s.venue + s.standard + s.training + s.typical;
        out.push_back(std::move(s));
    }
    std::sort(out.begin(), out.end(), [](const CandidateScore& a, const CandidateScore& b) {
        if (a.eligible != b.eligible)
            return a.eligible;
        if (a.total != b.total)
            return a.total > b.total;
        if (a.input.members != b.input.members)
            return a.input.members > b.input.members;
        return a.input.code < b.input.code;
    });
    return out;
}

} // namespace hlpb::rules
