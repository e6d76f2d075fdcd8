#include <hlpb/db/candidates_repo.hpp>
#include <hlpb/db/cluster_repo.hpp>
#include <hlpb/db/database.hpp>
#include <hlpb/db/member_repo.hpp>
#include <hlpb/db/org_repo.hpp>
#include <hlpb/db/settings.hpp>

namespace hlpb::db {

rules::LeadWeights lead_weights(Database& db) {
    rules::LeadWeights w;
    w.investor_is_secretary =
        setting_or(db, "lead.weight.investor_is_secretary", w.investor_is_secretary);
    w.secretary_year = setting_or(db, "lead.weight.secretary_year", w.secretary_year);
    w.secretary_years_cap =
        setting_or(db, "lead.weight.secretary_years_cap", w.secretary_years_cap);
    w.venue = setting_or(db, "lead.weight.venue", w.venue);
    w.venue_standard = setting_or(db, "lead.weight.venue_standard", w.venue_standard);
    w.training_base = setting_or(db, "lead.weight.training_base", w.training_base);
    w.typical = setting_or(db, "lead.weight.typical", w.typical);
    return w;
}

std::vector<rules::CandidateInput> candidate_inputs(Database& db, const std::string& cluster,
                                                    const Date& as_of) {
    get_cluster(db, cluster, as_of); // NotFound for an unknown code
    OrgFilter f;
    f.cluster = cluster;
    f.status = "open";
    std::vector<rules::CandidateInput> out;
    for (const Org& o : list_orgs(db, as_of, f)) {
        rules::CandidateInput in;
        in.code = o.code;
        in.name = o.name;
        in.active = !o.closed;
        in.venue_m2 = o.venue_m2;
        in.venue_standard = o.venue_standard;
        in.weak = o.weak;
        in.typical = o.typical;
        in.training_base = o.training_base;
        in.investor_is_secretary = o.investor_is_secretary;
        in.is_lead = o.is_lead;
        if (auto sec = current_secretary(db, o.code, as_of))
            in.secretary_since = sec->since;
        in.members = member_count(db, o.code, as_of);
        out.push_back(std::move(in));
    }
    return out;
}

} // namespace hlpb::db
