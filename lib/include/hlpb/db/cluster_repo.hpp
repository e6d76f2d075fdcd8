// Clusters (联建片) and their dated histories: membership of orgs, lead terms, split, dissolve,
// and the dated fields (principle, instructor, community, supervisor: history.hpp).
// Every change takes the date it happens on; every invariant of SPEC §4 that a change could
// break is refused with a Conflict that says what to do instead. A change never deletes a past
// interval silently: one that would leave an interval no day (it began on the day of the
// change) is refused unless ChangeOptions::correct, which removes it and returns a note saying
// so (for the audit entry). A cluster with a planned (future) dissolve accepts changes dated
// before it. Caller owns the WriteTx.
#pragma once

#include <hlpb/db/history.hpp>
#include <hlpb/model.hpp>
#include <hlpb/row_errors.hpp>

#include <optional>
#include <string>
#include <vector>

namespace hlpb::db {

class Database;

struct ClusterFilter {
    std::string committee; // committee code, or empty
    std::string principle; // geo / industry / chain, or empty
    std::string status;    // active / dissolved (at as_of), or empty for both
};

struct ClusterSummary {
    Cluster cluster; // status and lead as of the query date
    long orgs = 0;   // member orgs at the query date, lead included
    std::string committee_name;
    std::string lead_name; // the lead org's name at the query date, or empty
    long members = 0;      // Party members of the member orgs at the query date
};

// Clusters established on or before `as_of`, ordered by code.
std::vector<ClusterSummary> list_clusters(Database& db, const Date& as_of, const ClusterFilter& f);
std::optional<Cluster> find_cluster(Database& db, const std::string& code, const Date& as_of);
Cluster get_cluster(Database& db, const std::string& code, const Date& as_of); // NotFound

struct ClusterMember {
    std::string org;
    std::string name;
    Date since;
    bool is_lead = false;
};
// Orgs in the cluster at `as_of`, lead first, then by code.
std::vector<ClusterMember> cluster_members(Database& db, const std::string& cluster,
                                           const Date& as_of);

// Validates fields read from the user (code, name, principle, committee exists, phone...).
void validate_cluster(Database& db, Cluster& c, import::RowErrors& errors);

// Creates the cluster (status active); `lead` and `orgs` join on the day established and `lead`
// leads. Conflict when the code exists, or for a lead without another org (1+X needs X ≥ 1).
void add_cluster(Database& db, const Cluster& c, const std::string& lead = {},
                 const std::vector<std::string>& orgs = {});
// Replaces name, committee, principle, established, instructor(+phone), community,
// supervisor(+dept). The dated fields (principle, instructor(+phone), community,
// supervisor(+dept)) change on `on` (default: today; not after it): their old values are kept
// as history. The others are current only. Returns the old values for the audit note.
Notes edit_cluster(Database& db, const Cluster& c, std::optional<Date> on = std::nullopt,
                   const ChangeOptions& o = {});
// An import row: a changed dated field changes on `today`.
hlpb::import::Outcome upsert_cluster(Database& db, const Cluster& c, const Date& today);
// Records that cluster `code` split from `parent` (both must exist; NotFound otherwise).
void set_cluster_parent(Database& db, const std::string& code, const std::string& parent);
// The code of every cluster, dissolved ones too, by established date then code (a parent
// before the clusters split from it).
std::vector<std::string> cluster_codes(Database& db);

// Adds orgs to the cluster from `on`. With `move`, an org in another cluster leaves it on the
// same day (unless it leads it). Conflict for a closed/unknown org, an org already in a cluster
// on or after `on`, a date before the cluster or the org existed, a dissolved cluster.
// Returns what o.correct removed.
Notes join_cluster(Database& db, const std::string& cluster, const std::vector<std::string>& orgs,
                   const Date& on, bool move = false, const ChangeOptions& o = {});
// Ends the orgs' membership on `on` (half-open: gone on that day). Conflict for the lead, for
// leaving the lead without another org, for `on` after today without o.future.
Notes leave_cluster(Database& db, const std::string& cluster, const std::vector<std::string>& orgs,
                    const Date& on, const ChangeOptions& o = {});
// Makes `org` (a member on `on`) the lead from `on`, ending the previous lead's term that day.
Notes set_lead(Database& db, const std::string& cluster, const std::string& org, const Date& on,
               const ChangeOptions& o = {});

struct SplitRequest {
    std::string from;              // existing cluster code
    Cluster child;                 // code, name (others default to the parent's)
    std::string lead;              // the child's lead, moved from the parent
    std::vector<std::string> orgs; // other orgs moved to the child
    Date on;
};
// Moves the orgs and the new lead into a new cluster that records its parent. Both clusters
// must still have a lead and at least one other org afterwards.
Notes split_cluster(Database& db, const SplitRequest& request, const ChangeOptions& o = {});
// Ends every membership and the lead term on `on` and marks the cluster dissolved. `on` after
// today (a planned dissolve) needs o.future.
Notes dissolve_cluster(Database& db, const std::string& cluster, const Date& on,
                       const ChangeOptions& o = {});

struct ClusterEvent {
    Date date;
    // established, join, leave, lead, lead_end, split_from, split_to, dissolved, or the name of
    // a dated field that changed (principle, instructor, instructor_phone, ...)
    std::string event;
    std::string org;  // org code (or child/parent cluster code for split events)
    std::string name; // the org's (or that cluster's; for established, this one's) name; for a
                      // field change, its value from that day
};
// Chronological (date, then event order as listed above, then org; field changes last).
std::vector<ClusterEvent> cluster_history(Database& db, const std::string& cluster);

} // namespace hlpb::db
