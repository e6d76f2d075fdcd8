// Party organisations (党组织): the org table, flags with their history, honours, and the
// org-side view of cluster membership. Caller owns the WriteTx for writes.
#pragma once

#include <hlpb/db/history.hpp>
#include <hlpb/model.hpp>
#include <hlpb/row_errors.hpp>

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
    // Each set one narrows the list (AND), all as of as_of:
    bool weak = false, typical = false, training_base = false; // flagged so
    bool lead = false;                                         // leads a cluster
    bool no_secretary = false; // no member holds the secretary's post
    // Flagged `flagged` (weak / typical / training_base) at any time in [flagged_from,
    // flagged_to] (from: no lower bound when unset; to: as_of when unset).
    std::string flagged;
    std::optional<Date> flagged_from, flagged_to;
};

// Orgs existing at `as_of` (founded on or before, or unknown), with cluster, lead and flags as
// of that date, ordered by code.
std::vector<Org> list_orgs(Database& db, const Date& as_of, const OrgFilter& f);
// The same, with the names of each org's committee and cluster (for people) in `names`, one per
// org in the same order.
struct OrgNames {
    std::string committee;
    std::string cluster; // empty when in no cluster
};
std::vector<Org> list_orgs(Database& db, const Date& as_of, const OrgFilter& f,
                           std::vector<OrgNames>& names);
std::optional<Org> find_org(Database& db, const std::string& code, const Date& as_of);
Org get_org(Database& db, const std::string& code, const Date& as_of); // NotFound

void validate_org(Database& db, Org& o, import::RowErrors& errors);
void add_org(Database& db, const Org& o); // Conflict when the code exists
// Replaces the stored columns (not derived ones). The dated fields (investor_is_secretary,
// venue_m2, venue_standard: the 四看 score and lead_venue read them for a past month) change on
// `on` (default: today; not after it), their old values kept as history; the others are current
// only. Returns the old values for the audit note.
Notes edit_org(Database& db, const Org& o, std::optional<Date> on = std::nullopt,
               const ChangeOptions& opt = {});

// Closes the org on `on`: its cluster membership and open flags end that day. Conflict when it
// leads a cluster on or after `on` (set another lead first), when it has members on or after
// `on` (transfer them first), when `on` is after today without opt.future. Returns what
// opt.correct removed.
Notes close_org(Database& db, const std::string& code, const Date& on,
                const ChangeOptions& opt = {});

// A flag from `on`; a date after today needs opt.future.
void set_flag(Database& db, const std::string& code, const std::string& flag, const Date& on,
              const std::string& note, const ChangeOptions& opt = {});
// Ends the flag on `on`; one set that very day is refused unless opt.correct (removed, noted).
Notes unset_flag(Database& db, const std::string& code, const std::string& flag, const Date& on,
                 const ChangeOptions& opt = {});
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
// (placement dated cluster_since; a move without it, flag changes and changes of the dated
// fields dated `today`). An empty cluster leaves the placement as it is; is_lead = false never
// removes a lead (another org's is_lead does). A first placement as lead without cluster_since
// is dated back to the join only when the cluster had no lead from then on (else InvalidInput
// on is_lead). Returns unchanged when nothing at all was written. Throws Conflict/InvalidInput.
hlpb::import::Outcome upsert_org(Database& db, const OrgImportRow& row, const Date& today);

} // namespace hlpb::db
