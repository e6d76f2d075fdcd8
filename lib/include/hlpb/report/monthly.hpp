// The monthly report (工作月报, SPEC §7) as one plain value, built once from the month's snapshot,
// the rules of SPEC §5 and the red-flag contest, and rendered many ways (to_json here; the human
// formats build on the same value). Everything is sorted by code; nothing depends on the clock.
#pragma once

#include <hlpb/date.hpp>
#include <hlpb/db/flag_history_repo.hpp>
#include <hlpb/model.hpp>
#include <hlpb/rules/compliance.hpp>
#include <hlpb/rules/coverage.hpp>
#include <hlpb/rules/outcomes.hpp>
#include <hlpb/rules/subsidy.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace hlpb::db {
class Database;
}

namespace hlpb::report {

// The previous calendar month's figures, for "与上月相比".
struct PreviousMonth {
    Month month{};
    long two_new_orgs = 0;
    long two_new_members = 0;
    long clustered_orgs = 0; // open orgs in a cluster active at its end
    long clustered_members = 0;
    long active_clusters = 0;
    long flags = 0; // red flags of that month (recorded when it is closed)
};

struct MonthlyCoverage {
    rules::Coverage figures;    // SPEC §5.6
    long clustered_members = 0; // members of the clustered orgs at the end of M
    long geo_clusters = 0;      // active clusters by principle
    long industry_clusters = 0;
    long chain_clusters = 0;
    PreviousMonth previous;
};

// One committee at the end of M (the outline's first table).
struct MonthlyCommittee {
    std::string code;
    std::string name;
    std::string kind;
    long clusters = 0;          // active at the end of M
    long orgs = 0;              // open orgs of the committee
    long clustered_orgs = 0;    // of which in an active cluster
    long members = 0;           // members of its open orgs
    long weak = 0;              // open orgs flagged weak
    long without_secretary = 0; // open orgs with no secretary
};

// One cluster active at the end of M.
struct MonthlyCluster {
    std::string code;
    std::string name;
    std::string committee; // code
    std::string committee_name;
    std::string principle; // geo / industry / chain
    Date established{};
    std::string parent; // the cluster it split from, or empty
    std::string lead;   // org code, or empty
    std::string lead_name;
    long orgs = 0;        // member orgs at the end of M, the lead included
    long members = 0;     // members of those orgs at the end of M
    long meetings = 0;    // secretary_meeting activities of the cluster in M
    long long points = 0; // the month's totals of its candidates, summed
    std::string flag;     // org holding the month's red flag, or empty
    std::string flag_name;
    // The previous month (nullopt: the cluster was not active at its end).
    std::optional<long> orgs_before;
    std::optional<long> members_before;
    std::optional<long long> points_before;
    std::string flag_before; // its holder then, or empty
};

// A compliance row with the names of its subject and org.
struct MonthlyCompliance {
    rules::ComplianceRow row;
    std::string name;     // the subject's name (cluster, committee or org); empty: the district
    std::string org_name; // name of row.org
};

// A red flag of the month.
struct MonthlyFlag {
    std::string cluster;
    std::string cluster_name;
    std::string committee;
    std::string org;
    std::string org_name;
    long long points = 0;
    std::string decided_by; // total / party_affairs / activity / suggestion / code
    bool recorded = false;  // from `score award` (the month is closed); else computed now
    bool kept = false;      // the same org held the cluster's flag the month before
};

// A 部长会客厅 problem with its org's name.
struct MonthlyProblem {
    Problem problem;
    std::string org_name;
    std::string committee; // the org's committee code (empty when the org is closed)
    long days_open = 0;    // from raised to the end of M (open) or to resolved
};

struct MonthlyProblems {
    std::vector<MonthlyProblem> raised;   // raised in M, by raised date then id
    std::vector<MonthlyProblem> resolved; // resolved in M, whenever raised
    std::vector<MonthlyProblem> open;     // still open at the end of M, oldest first
};

struct MonthlyReport {
    Month month{};
    Date first{};
    Date last{};           // the figures are as of this day ("数据截至")
    bool complete = false; // M had ended on `today`; else figures so far
    MonthlyCoverage coverage;
    std::vector<MonthlyCommittee> committees;  // by code
    std::vector<MonthlyCluster> clusters;      // active at the end of M, by code
    std::vector<MonthlyCompliance> compliance; // by rule (SPEC §5.1 order), then code
    std::vector<MonthlyFlag> flags;            // by cluster code
    long clusters_without_flag = 0;            // active clusters with no positive total
    bool flags_recorded = false;               // M is closed (score award)
    rules::Subsidies subsidies;
    rules::Outcomes outcomes; // of the month
    MonthlyProblems problems;
    // Red flags per committee in the twelve months ending M: recorded ones, and for M itself the
    // `flags` above (computed when M is not closed).
    db::FlagHistory flag_history;
};

// Builds month `m` in one read snapshot (no db::ReadTx around it; a file is read on two threads and
// connections, db/snapshot_pair.hpp): the month and the one before loaded set-based (load_month,
// the flag contest, the outcomes' rows), then the pure rules. `today` only decides `complete`.
MonthlyReport build_monthly(db::Database& db, Month m, const Date& today);

// The JSON of `report monthly` (SPEC §7 keys, documented in man hlpb-report): money as CNY
// numbers, shares as fractions, dates as YYYY-MM-DD; no generation time. The text is what
// nlohmann's dump(2, ' ', false, error_handler_t::replace) gives (keys in ascending order, two
// spaces of indentation, no final newline), written without building the tree.
std::string to_json_text(const MonthlyReport& r);

// The same document as a tree (parsed from to_json_text: for tests and for code that navigates
// it; a renderer writing the whole document should use to_json_text).
nlohmann::json to_json(const MonthlyReport& r);

// The "outcomes" object of that JSON (also each month's and the year's in `report annual`).
nlohmann::json outcomes_to_json(const rules::Outcomes& o);

} // namespace hlpb::report
