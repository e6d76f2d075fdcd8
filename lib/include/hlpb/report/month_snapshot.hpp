// The state of the district in one month (SPEC §5): everything the month's rules read
// (compliance, subsidies, coverage; the monthly report builds on it), as plain data. Built by
// db::load_month in a handful of set-based queries; the rules in rules/ are pure functions of it.
#pragma once

#include <hlpb/date.hpp>
#include <hlpb/model.hpp>

#include <optional>
#include <string>
#include <vector>

namespace hlpb::report {

// "At the end of M" is M's last day; intervals are half-open [from, to).

struct SnapshotCommittee {
    std::string code;
    std::string name;
    std::string kind; // street / park / department
};

// A cluster established on or before the end of M.
struct SnapshotCluster {
    std::string code;
    std::string name;
    std::string committee; // committee code
    std::string principle; // geo / industry / chain, as of the end of M
    Date established{};
    bool active = false;           // active at the end of M (not dissolved on or before it)
    std::optional<Date> dissolved; // set when dissolved on or before the end of M
    std::string parent;            // code of the cluster it split from, or empty
    std::string instructor;        // as of the end of M
    std::string community;         // as of the end of M (geo clusters)
    std::string supervisor;        // as of the end of M (industry / chain clusters)
    std::string lead;              // lead org code at the end of M, or empty
    long orgs = 0;                 // member orgs at the end of M, the lead included
};

// An org open at the end of M (founded on or before it, or unknown; not closed on or before it).
struct SnapshotOrg {
    std::string code;
    std::string name;
    std::string type;       // enterprise / social
    std::string committee;  // committee code
    std::string cluster;    // cluster code at the end of M, or empty
    bool is_lead = false;   // leads that cluster at the end of M
    long long venue_m2 = 0; // as of the end of M
    bool weak = false;      // flags at the end of M
    bool typical = false;
    bool training_base = false;
    bool has_secretary = false; // a member holds role secretary in it at the end of M
    long members = 0;           // Party members (probationary or full) in it at the end of M
};

// The settings the month's rules read (config set).
struct SnapshotSettings {
    long long secretary_monthly = 300;      // subsidy.secretary_monthly, CNY
    long long member_yearly = 300;          // subsidy.member_yearly, CNY
    std::optional<long long> total_orgs;    // district.total_orgs, unset: null shares
    std::optional<long long> total_members; // district.total_members
};

struct MonthSnapshot {
    Month month{};
    Date first{};          // M's first day
    Date last{};           // M's last day: "the end of M"
    bool complete = false; // M has ended (today is after its last day): else figures so far
    std::vector<SnapshotCommittee> committees; // by code
    std::vector<SnapshotCluster> clusters;     // by code
    std::vector<SnapshotOrg> orgs;             // by code
    // Activities dated from January 1 of M's year to the end of M, by (date, id). Loaded:
    // id, date, kind, cluster, committee, clusters (every cluster a review names, its own
    // included), title, participants, problems_raised, problems_solved (not orgs, not notes).
    std::vector<Activity> activities;
    SnapshotSettings settings;

    const SnapshotCluster* find_cluster(const std::string& code) const; // nullptr when absent
    const SnapshotOrg* find_org(const std::string& code) const;         // nullptr when absent
    // The cluster `o` is in at the end of M when that cluster is active then, else nullptr: the
    // orgs the rules count as "in an active cluster at the end of M" (SPEC §5.1, §5.3, §5.6).
    const SnapshotCluster* active_cluster_of(const SnapshotOrg& o) const;
};

} // namespace hlpb::report

namespace hlpb::db {

class Database;

// Loads month `m` (a handful of queries, none per org or cluster). `today` only decides
// MonthSnapshot::complete. Hold a db::ReadTx around it (and whatever else reads the month) for
// one consistent view.
// What load_month reads: everything, or only the counts that a comparison with the month before
// needs (committees; clusters with their orgs; orgs with their committee, cluster, members and
// secretary; settings) — no org names or types, leads, flags or activities.
enum class SnapshotDetail { full, counts };

report::MonthSnapshot load_month(Database& db, Month m, const Date& today,
                                 SnapshotDetail detail = SnapshotDetail::full);

// The state on one day as load_month gives it at the end of a month, without activities:
// `first` and `last` are `day`, `complete` is true (what `hlpb summary --as-of` reads).
report::MonthSnapshot load_day(Database& db, const Date& day);

// Month `m` in full and the month before it with SnapshotDetail::counts, as two load_month calls
// give them, reading the members once for both months (what the monthly report compares).
struct MonthAndBefore {
    report::MonthSnapshot month;
    report::MonthSnapshot before;
};
MonthAndBefore load_month_and_before(Database& db, Month m, const Date& today);

// The settings of the month's rules (also used by load_month).
report::SnapshotSettings load_snapshot_settings(Database& db);

} // namespace hlpb::db
