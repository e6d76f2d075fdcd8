// Gathers the inputs of the 四看 ranking (rules/candidates.hpp) for one cluster.
#pragma once

#include <hlpb/rules/candidates.hpp>

#include <string>
#include <vector>

namespace hlpb::db {

class Database;

rules::LeadWeights lead_weights(Database& db);
// The cluster's member orgs at `as_of` as candidate inputs. NotFound for an unknown cluster.
std::vector<rules::CandidateInput> candidate_inputs(Database& db, const std::string& cluster,
                                                    const Date& as_of);

} // namespace hlpb::db
