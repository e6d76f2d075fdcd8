// `hlpb db check`: SQLite's integrity and foreign-key checks plus every invariant of SPEC §4.
#pragma once

#include <hlpb/date.hpp>
#include <hlpb/vocab.hpp>

#include <span>
#include <string>
#include <vector>

namespace hlpb::db {

class Database;

struct Breach {
    std::string check; // integrity, foreign_key, one_cluster, lead_member, one_lead, structure, ...
    std::string subject; // code of the cluster/org concerned, or the table
    std::string message;
};

// Every breach found, in a stable order (check, subject); empty when clean. `today` decides what
// is "current" for invariants about the present.
std::vector<Breach> check_database(Database& db, const Date& today);

// Labels (vocab::label) of Breach::check for people: one_cluster, one_lead, lead_member, dates,
// member_one_org, closed_members, one_secretary, structure, integrity, foreign_key, uscc.
std::span<const vocab::Term> check_kinds();

} // namespace hlpb::db
