// Party organisations (党组织): the org table, flags with their history, honours, and the
// org-side view of cluster membership. Caller owns the WriteTx for writes.
#pragma once

#include <hlpb/import/engine.hpp>
#include <hlpb/model.hpp>

#include <optional>
#include <string>
#include <vector>

namespace hlpb::db {

class Database;

struct OrgFilter {
    std::string committee; // committee code
    std::string cluster;   // cluster code (members at as_of); "-" = in no cluster
    std::string type;      // enterprise / social
    std::string flag;      // weak / typical / training_base (set at as_of)
    std::string status;    // open / closed (at as_of); empty = open
};

// Orgs existing at `as_of` (founded on or before, or unknown), with cluster, lead and flags as
// of that date, ordered by code.
std::vector<Org> list_orgs(Database& db, const Date& as_of, const OrgFilter& f);
std::optional<Org> find_org(Database& db, const std::string& code, const Date& as_of);
Org get_org(Database& db, const std::string& code, const Date& as_of); // NotFound

void validate_org(Database& db, Org& o, import::RowErrors& errors);
void add_org(Database& db, const Org& o);  // Conflict when the code exists
void edit_org(Database& db, const Org& o); // replaces the stored columns (not derived ones)

// Closes the org on `on`: its cluster membership and open flags end that day. Conflict when it
// leads an active cluster (set another lead first).
void close_org(Database& db, const std::string& code, const Date& on);

void set_flag(Database& db, const std::string& code, const std::string& flag, const Date& on,
              const std::string& note);
void unset_flag(Database& db, const std::string& code, const std::string& flag, const Date& on);
std::vector<FlagTerm> flag_history(Database& db, const std::string& code);

void add_honor(Database& db, const Honor& h); // Conflict when the same (org, date, title) exists
std::vector<Honor> org_honors(Database& db, const std::string& code);

// The org's cluster memberships and lead terms, oldest first.
std::vector<ClusterMembership> org_memberships(Database& db, const std::string& code);
std::vector<LeadTerm> org_lead_terms(Database& db, const std::string& code);

// One row of an org import file (SPEC §6) with its cluster placement and current flags.
struct OrgImportRow {
    Org org;                           // stored columns, plus `cluster` and `is_lead`
    std::optional<Date> cluster_since; // default: later of cluster established and org founded
    // Current flags; nullopt (an empty cell) leaves the flag as it is.
    std::optional<bool> weak, typical, training_base;
};
// Upserts the org, then brings its cluster membership, lead and flags in line with the row
// (placement dated cluster_since; a move without it and flag changes dated today). An empty
// cluster leaves the placement as it is; is_lead = false never removes a lead (another org's
// is_lead does). Returns unchanged when nothing at all was written. Throws Conflict/InvalidInput.
hlpb::import::Outcome upsert_org(Database& db, const OrgImportRow& row);

} // namespace hlpb::db
